"""The one API object. Each app contributes its router."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from framja.accounts.services import api_token_authenticate
from framja.api.docs import ReferenceDocs


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <key>`` with a key from "Mina API-nycklar"."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(key=token)
        if user is None:
            return None
        request.user = user
        return user


LOGGED_IN = [TokenAuth(), django_auth]

api = NinjaAPI(
    title="Främja API",
    version="1",
    description=(
        "Främjas REST-API. Organisationer och kataloger är öppna; uppdrag kräver inloggning "
        "med session eller en API-nyckel (Authorization: Bearer …)."
    ),
    urls_namespace="api",
    docs=ReferenceDocs(),
)


@api.exception_handler(OverflowError)
def _number_out_of_range(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    """A number too large for the database (SQLite refuses to compare it) matches nothing."""
    return api.create_response(request, {"detail": "Not Found"}, status=404)


def _register() -> None:
    from framja.catalog.api import router as catalog_router
    from framja.improvement.api import router as improvement_router
    from framja.indicators.api import router as indicators_router
    from framja.indicators.api import selections_router as indicator_selections_router
    from framja.indicators.api import values_router as indicator_values_router
    from framja.knowledge.api import events_router, examples_router, search_router
    from framja.organisations.api import router as organisations_router
    from framja.plans.api import router as plans_router
    from framja.reporting.api import goals_router, reporting_router
    from framja.surveys.api import router as surveys_router

    api.add_router("/organisations", organisations_router)
    api.add_router("/catalog", catalog_router)
    api.add_router("/plans", plans_router)
    api.add_router("/goals", goals_router)
    api.add_router("/reporting", reporting_router)
    api.add_router("/indicators", indicators_router)
    api.add_router("/indicator-values", indicator_values_router)
    api.add_router("/indicator-selections", indicator_selections_router)
    api.add_router("/surveys", surveys_router)
    api.add_router("/improvement", improvement_router)
    api.add_router("/good-examples", examples_router)
    api.add_router("/events", events_router)
    api.add_router("/search", search_router)


_register()
