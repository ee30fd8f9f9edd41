"""Small pieces for pages whose long tables are written in Python rather than by a template.

A template loop costs tens of microseconds per cell; tables of hundreds of rows (the plan,
goals, the organisation tree, chart data) are written in Python with these, every text escaped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache
from html import escape

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.text import Truncator

PLACEHOLDER = 987654321


def _url_filler(name: str, args: list[object]) -> Callable[[object], str]:
    """Reverse ``name`` once with PLACEHOLDER among ``args``; return a function that puts a
    value in its place and escapes the URL for an attribute."""
    marker = str(PLACEHOLDER)
    before, after = (escape(part) for part in reverse(name, args=args).rsplit(marker, 1))
    # Escaping works character by character: the URL's fixed parts are escaped once here, and
    # a key (a number) needs none.
    return lambda value: (
        f"{before}{value}{after}" if type(value) is int else f"{before}{escape(str(value))}{after}"
    )


def last_arg_url(name: str, *before: str) -> Callable[[object], str]:
    """Return a function giving the URL ``name`` for its last argument (a key or a slug),
    reversed only once; ``before`` are the arguments ahead of it. Escaped for an attribute."""
    return _url_filler(name, [*before, PLACEHOLDER])


@cache
def _process_filler(
    name: str, args: tuple[object, ...], _prefix: str, _urlconf: object
) -> Callable[[object], str]:
    return _url_filler(name, list(args))


def url_filler(name: str, *args: object) -> Callable[[object], str]:
    """Return a function giving the URL ``name`` for a value in place of PLACEHOLDER among
    ``args``, escaped for an attribute.

    Unlike ``last_arg_url``, which reverses once per call, this reverses once
    per process: the URL's pattern depends only on the URL configuration and the prefix the
    site is served under, which are the cache's key with the name and the arguments.
    """
    return _process_filler(name, args, get_script_prefix(), get_urlconf())


def csrf_input(request: HttpRequest) -> str:
    """Return the hidden CSRF field, as the csrf_token template tag writes it."""
    token = escape(get_token(request))
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def shortened(text: str, length: int, ellipsis: str | None = None) -> str:
    """Return ``text`` as the truncatechars filter shortens it to ``length`` characters.

    Truncator normalises the text (NFC) and counts its characters one by one, even when it is
    short: most texts are, and those come back normalised at once. ``ellipsis`` is the
    translated "%(truncated_text)s…" where the caller has it already.
    """
    text = unicodedata.normalize("NFC", text)
    if len(text) <= length:
        return text
    return Truncator(text).chars(length, truncate=ellipsis)
