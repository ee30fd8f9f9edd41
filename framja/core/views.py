"""The start page and the error pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from framja.organisations.selectors import user_organisations


def home(request: HttpRequest) -> HttpResponse:
    organisations = user_organisations(user=request.user) if request.user.is_authenticated else []
    return render(request, "core/home.html", {"my_organisations": organisations})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)
