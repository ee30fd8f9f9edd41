"""Language choice, and refusing input that no database can store."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import translation


class LanguageMiddleware:
    """Activate the language from the language cookie, or the default (Swedish).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: Främja is
    a Swedish service, and English is something a user chooses, not something a browser
    setting gives them by surprise.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            translation.activate(settings.LANGUAGE_CODE)
        response.headers.setdefault("Content-Language", language)
        patch = response.get("Vary", "")
        if "Cookie" not in patch:
            response["Vary"] = f"{patch}, Cookie" if patch else "Cookie"
        return response


class InputLimitsMiddleware:
    """Refuse input that no database can take, instead of failing with a server error.

    A NUL character in the query string is a 400: PostgreSQL cannot store or compare text
    with one, so a search or filter with it would fail; nothing real sends it (forms already
    refuse it in posted fields). A number in the address too large for SQLite to compare
    (``/planer/99999999999999999999/``) matches nothing: 404.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return HttpResponseBadRequest(b"NUL in the query string")
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OverflowError):
            from framja.core.views import page_not_found

            return page_not_found(request, exception)
        return None
