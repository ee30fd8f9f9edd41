"""API for indicators and their values: read by everyone logged in."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from framja.api.api import LOGGED_IN
from framja.api.pagination import Pagination
from framja.indicators import selectors
from framja.indicators.models import Indicator, IndicatorValue

router = Router(tags=["indikatorer"], auth=LOGGED_IN)
values_router = Router(tags=["indikatorer"], auth=LOGGED_IN)


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    description: str
    source: str = Field(..., alias="source.name")
    source_id: int
    unit: str
    direction: str
    level: str
    periodicity: str
    by_sex: bool
    kolada_kpi_id: str
    pxweb_url: str
    url: str = Field(..., alias="get_absolute_url")


class IndicatorDetailOut(IndicatorOut):
    """The indicator with the totals its imports keep: no periods (null) without values."""

    pxweb_selection: dict[str, object] | list[object]
    value_count: int
    first_period: str | None
    last_period: str | None

    @staticmethod
    def resolve_first_period(obj: Indicator) -> str | None:
        return obj.first_period or None

    @staticmethod
    def resolve_last_period(obj: Indicator) -> str | None:
        return obj.last_period or None


class ValueOut(Schema):
    indicator: str = Field(..., alias="indicator.code")
    place: str = Field(..., alias="place.code")
    place_name: str = Field(..., alias="place.name")
    period: str
    sex: str
    value: float | None
    status: str
    source: str
    imported_at: datetime.datetime


@router.get(
    "/",
    response=list[IndicatorOut],
    summary="Lista indikatorer",
    description="Indikatorkatalogen, valfritt för en datakälla (id).",
)
@paginate(Pagination)
def list_indicators(request: HttpRequest, source: int | None = None) -> list[Indicator]:
    found = selectors.data_source_get(pk=source) if source is not None else None
    return selectors.indicator_list(source=found)  # type: ignore[return-value]


@router.get("/{code}", response=IndicatorDetailOut, summary="Hämta en indikator")
def get_indicator(request: HttpRequest, code: str) -> Indicator:
    return selectors.indicator_get(code=code)


@values_router.get(
    "/",
    response=list[ValueOut],
    summary="Lista indikatorvärden",
    description=(
        "Värden, valfritt för en indikator (kod), en plats (kod som 0000, 0012 och 1280, eller "
        "en organisations kortadress), en period (2024, 2024H1, 2024Q3, 2024M05) och ett kön "
        "(T, K, M). 100 värden per sida om inget annat anges med limit, högst 10 000."
    ),
)
@paginate(Pagination)
def list_values(
    request: HttpRequest,
    indicator: str | None = None,
    place: str | None = None,
    period: str | None = None,
    sex: str | None = None,
) -> list[IndicatorValue]:
    if sex is not None and sex.strip().upper() not in {"T", "K", "M"}:
        raise HttpError(422, "Kön ska vara T, K eller M.")
    return selectors.value_filter(  # type: ignore[return-value]
        indicator=indicator, place=place, period=period, sex=sex
    )


selections_router = Router(tags=["indikatorer"], auth=LOGGED_IN)


class SelectionOut(Schema):
    id: int
    organisation: str
    plan_id: int | None
    indicator: str
    place: str
    sex: str
    baseline_value: float | None
    baseline_period: str
    target_value: float | None
    target_year: int | None
    note: str
    latest_period: str | None
    latest_value: float | None


@selections_router.get(
    "/",
    response=list[SelectionOut],
    summary="Lista följda indikatorer (val av indikatorer)",
    description=(
        "En organisations (kortadress) eller en plans följda indikatorer med utgångsvärde, mål "
        "och senaste resultat."
    ),
)
def list_selections(
    request: HttpRequest, organisation: str | None = None, plan: int | None = None
) -> list[dict[str, object]]:
    from framja.indicators.following import followed_indicators
    from framja.organisations.selectors import organisation_get
    from framja.plans.selectors import plan_get_for_user

    if plan is not None:
        try:
            chosen = plan_get_for_user(user=request.user, pk=plan)
        except PermissionDenied:
            raise HttpError(404, "Planen finns inte, eller så får du inte se den.") from None
        followed = followed_indicators(plan=chosen)
    elif organisation:
        followed = followed_indicators(organisation=organisation_get(slug=organisation))
    else:
        raise HttpError(422, "Ange organisation eller plan.")
    return [
        {
            "id": item.selection.pk,
            "organisation": item.selection.organisation.slug,
            "plan_id": item.selection.plan_id,
            "indicator": item.selection.indicator.code,
            "place": item.selection.place.code,
            "sex": item.selection.sex,
            "baseline_value": item.selection.baseline_value,
            "baseline_period": item.selection.baseline_period,
            "target_value": item.selection.target_value,
            "target_year": item.selection.target_year,
            "note": item.selection.note,
            "latest_period": item.latest.period if item.latest else None,
            "latest_value": item.latest.value if item.latest else None,
        }
        for item in followed
    ]
