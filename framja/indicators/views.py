"""Indicator pages: the catalogue for everyone logged in; forms and imports for catalogue
administrators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from framja.core.types import AuthedRequest
from framja.indicators import selectors, services
from framja.indicators.forms import ImportForm, IndicatorForm, KoladaImportForm, SourceFilterForm
from framja.indicators.importer import ValueImportError
from framja.indicators.models import ImportJob


def _fields(form: IndicatorForm) -> dict[str, object]:
    return {name: form.cleaned_data[name] for name in form._meta.fields or ()}


@login_required
def indicator_list(request: AuthedRequest) -> HttpResponse:
    sources = selectors.data_source_list()
    form = SourceFilterForm(request.GET or None, sources=sources)
    source = form.cleaned_data["kalla"] if form.is_valid() else None
    return render(
        request,
        "indicators/list.html",
        {
            "form": form,
            "source": source,
            "indicators": list(selectors.indicator_list(source=source)),
            "may_manage": services.may_manage_indicators(request.user),
        },
    )


@login_required
def detail(request: AuthedRequest, code: str) -> HttpResponse:
    indicator = selectors.indicator_get(code=code)
    may_manage = services.may_manage_indicators(request.user)
    return render(
        request,
        "indicators/detail.html",
        {
            "indicator": indicator,
            "summary": selectors.indicator_value_summary(indicator=indicator),
            "may_manage": may_manage,
            "events": selectors.indicator_history(indicator=indicator) if may_manage else [],
        },
    )


@login_required
def create(request: AuthedRequest) -> HttpResponse:
    services.require_indicator_admin(request.user)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        indicator = services.indicator_create(actor=request.user, **_fields(form))
        messages.success(request, _("Indikatorn är skapad."))
        return redirect(indicator)
    return render(request, "indicators/form.html", {"form": form})


@login_required
def edit(request: AuthedRequest, code: str) -> HttpResponse:
    services.require_indicator_admin(request.user)
    indicator = selectors.indicator_get(code=code)
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        indicator.refresh_from_db()
        indicator = services.indicator_update(
            actor=request.user, indicator=indicator, **_fields(form)
        )
        messages.success(request, _("Indikatorn är sparad."))
        return redirect(indicator)
    return render(request, "indicators/form.html", {"form": form, "indicator": indicator})


@login_required
def import_upload(request: AuthedRequest) -> HttpResponse:
    jobs = selectors.import_job_list(user=request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.import_job_start(actor=request.user, upload=form.cleaned_data["file"])
        return redirect(job)
    return render(request, "indicators/import_form.html", {"form": form, "jobs": jobs})


@login_required
def kolada_import(request: AuthedRequest, code: str) -> HttpResponse:
    """Start fetching the indicator's values from Kolada for places and years."""
    services.require_indicator_admin(request.user)
    indicator = selectors.indicator_get(code=code)
    if not indicator.kolada_kpi_id:
        raise Http404
    form = KoladaImportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.kolada_job_start(
                actor=request.user,
                indicator=indicator,
                places=form.cleaned_data["places"],
                years=form.cleaned_data["years"],
            )
        except ValueImportError as error:
            for message in error.errors:
                form.add_error(None, message)
        else:
            return redirect(job)
    return render(request, "indicators/kolada_form.html", {"form": form, "indicator": indicator})


@login_required
def import_job(request: AuthedRequest, pk: int) -> HttpResponse:
    job = selectors.import_job_get(user=request.user, pk=pk)
    return render(
        request, "indicators/import_job.html", {"job": job, "errors": job.error.splitlines()}
    )


def _state(job: ImportJob) -> dict[str, object]:
    return {
        "state": job.state,
        "label": job.get_state_display(),
        "done": job.done,
        "total": job.total,
        "finished": job.is_finished,
    }


@login_required
def import_job_state(request: AuthedRequest, pk: int) -> JsonResponse:
    """The job's progress as JSON, for the progress page's script to poll."""
    job = selectors.import_job_get(user=request.user, pk=pk)
    return JsonResponse(_state(job))
