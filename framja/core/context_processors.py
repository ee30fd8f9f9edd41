"""Context that every page's layout (base.html) uses."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse

# The layout's links, by the name base.html uses for each.
LAYOUT_URLS = {
    "home": "home",
    "tree": "organisations:tree",
    "catalog": "catalog:index",
    "submissions": "reporting:my_submissions",
    "surveys": "surveys:my_responses",
    "indicators": "indicators:list",
    "examples": "knowledge:example_list",
    "search": "knowledge:search",
    "api": "api:openapi-view",
    "set_language": "set_language",
    "account": "accounts:account",
    "logout": "accounts:logout",
    "login": "accounts:login",
}


@cache
def _layout_urls(prefix: str, urlconf: str) -> dict[str, str]:
    return {key: reverse(name, urlconf=urlconf) for key, name in LAYOUT_URLS.items()}


def layout(request: HttpRequest) -> dict[str, dict[str, str]]:
    """Return the layout's links, looked up once per process rather than on every page.

    The URLs depend on nothing but the URL configuration and the prefix the site is served
    under, which together are the cache's key.
    """
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    return {"layout_urls": _layout_urls(get_script_prefix(), urlconf)}
