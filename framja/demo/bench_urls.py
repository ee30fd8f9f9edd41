"""The site's URLs plus an empty page: the floor that bench/pages.py measures pages against.

Only the page benchmark uses this URLconf (it sets ROOT_URLCONF); the site never serves it.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import handler403, handler404
from config.urls import urlpatterns as site_urlpatterns

__all__ = ["handler403", "handler404", "urlpatterns"]

FLOOR_PATH = "/matning/tom/"


def empty(request: HttpRequest) -> HttpResponse:
    """Answer nothing, after looking at who is logged in as every real page does."""
    return HttpResponse(b"" if request.user.is_authenticated else b"-")


urlpatterns = [path(FLOOR_PATH.strip("/") + "/", empty), *site_urlpatterns]
