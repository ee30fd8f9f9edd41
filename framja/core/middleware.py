"""Language choice, and refusing input that no database can store or is too large."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import translation
from django.utils.formats import number_format

from framja.core.uploads import request_max_bytes


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
    (``/planer/99999999999999999999/``) matches nothing: 404. A request body larger than the
    view takes (see framja.core.uploads) is a 413, answered before the body is read: this
    middleware's process_view runs before the CSRF middleware's, which reads the form.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return HttpResponseBadRequest(b"NUL in the query string")
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        maximum = request_max_bytes(view)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest(b"Invalid Content-Length")
        if maximum is None or length <= maximum:
            return None
        # Nothing has read the body, and nothing will: the answer goes out at once.
        context = {"size": _megabytes(length), "maximum": _megabytes(maximum)}
        return render(request, "413.html", context, status=413)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OverflowError):
            from framja.core.views import page_not_found

            return page_not_found(request, exception)
        return None


def _megabytes(size: int) -> str:
    return number_format(size / (1024 * 1024), 1)
