"""Catalogue pages: public lists, and forms for catalogue administrators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from framja.catalog import selectors, services
from framja.catalog.forms import FORMS
from framja.catalog.models import CatalogueEntry
from framja.core.forms import ModelForm
from framja.core.types import AuthedRequest


def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    may_edit = user.is_authenticated and user.may_edit_catalogues
    return render(
        request,
        "catalog/index.html",
        {"catalogues": selectors.catalogues_overview(), "may_edit": may_edit},
    )


def _form_class(kind: str) -> type[ModelForm]:
    try:
        return FORMS[kind]
    except KeyError:
        raise Http404 from None


@login_required
def create(request: AuthedRequest, kind: str) -> HttpResponse:
    services.require_catalogue_admin(request.user)
    form_class = _form_class(kind)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form._meta.fields or ()}
        services.catalogue_entry_create(actor=request.user, model=form._meta.model, **fields)
        messages.success(request, _("Posten är skapad."))
        return redirect("catalog:index")
    model = form_class._meta.model
    return render(request, "catalog/form.html", {"form": form, "model_meta": model._meta})


@login_required
def edit(request: AuthedRequest, kind: str, pk: int) -> HttpResponse:
    services.require_catalogue_admin(request.user)
    entry = selectors.catalogue_entry_get(kind=kind, pk=pk)
    form = _form_class(kind)(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form._meta.fields or ()}
        entry.refresh_from_db()
        services.catalogue_entry_update(actor=request.user, entry=entry, **fields)
        messages.success(request, _("Posten är sparad."))
        return redirect("catalog:index")
    return render(
        request, "catalog/form.html", {"form": form, "entry": entry, "model_meta": entry._meta}
    )


@login_required
@require_POST
def move(request: AuthedRequest, kind: str, pk: int, direction: str) -> HttpResponse:
    services.require_catalogue_admin(request.user)
    entry = selectors.catalogue_entry_get(kind=kind, pk=pk)
    if direction not in {"upp", "ned"} or not isinstance(entry, CatalogueEntry):
        raise Http404
    services.catalogue_entry_move(actor=request.user, entry=entry, up=direction == "upp")
    return redirect(f"{reverse('catalog:index')}#{kind}-{entry.pk}")


@login_required
def history(request: AuthedRequest) -> HttpResponse:
    services.require_catalogue_admin(request.user)
    events = selectors.catalogue_history()
    return render(request, "catalog/history.html", {"events": events})
