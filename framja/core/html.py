"""Small pieces for pages whose long tables are written in Python rather than by a template.

A template loop costs tens of microseconds per cell; tables of hundreds of rows (the plan,
goals, the organisation tree, chart data) are written in Python with these, every text escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.urls import reverse

PLACEHOLDER = 987654321


def pk_url(name: str, *extra: str) -> Callable[[int], str]:
    """Return a function giving the URL ``name`` for a primary key, reversed only once.

    ``extra`` are the URL's arguments after the key. The result is escaped for an attribute.
    """
    pattern = escape(reverse(name, args=[PLACEHOLDER, *extra]))
    marker = str(PLACEHOLDER)
    return lambda pk: pattern.replace(marker, str(pk))


def csrf_input(request: HttpRequest) -> str:
    """Return the hidden CSRF field, as the csrf_token template tag writes it."""
    token = escape(get_token(request))
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]
