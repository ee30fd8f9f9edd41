"""Indicator pages: the catalogue for everyone logged in; forms and imports for catalogue
administrators."""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from framja.charts.data import Chart
from framja.charts.documents import chart_docx, chart_pdf
from framja.charts.html import chart_context
from framja.charts.table import to_csv, to_xlsx
from framja.core.types import AuthedRequest
from framja.core.uploads import accepts_upload
from framja.indicators import following, selectors, services
from framja.indicators.forms import (
    ALL_SEXES,
    CHART_FIELDS,
    ChartForm,
    ImportForm,
    IndicatorFilterForm,
    IndicatorForm,
    KoladaImportForm,
    PxWebImportForm,
    SelectionForm,
)
from framja.indicators.importer import ValueImportError
from framja.indicators.models import ImportJob, Indicator, Level, Place, Sex
from framja.organisations.models import AccessLevel
from framja.organisations.selectors import (
    access_level,
    organisation_get,
    organisation_get_for_user,
)

SEX_CODES = ("K", "M", "T")


def _fields(form: IndicatorForm) -> dict[str, object]:
    return {name: form.cleaned_data[name] for name in form._meta.fields or ()}


@login_required
def indicator_list(request: AuthedRequest) -> HttpResponse:
    form = IndicatorFilterForm(request.GET or None, sources=selectors.data_source_list())
    data = form.cleaned_data if form.is_valid() else {}
    source, query = data.get("kalla"), data.get("q", "").strip()
    page = selectors.indicator_page(source=source, query=query, number=request.GET.get("sida"))
    # The pager's links keep the search and the filter.
    kept = request.GET.copy()
    kept.pop("sida", None)
    return render(
        request,
        "indicators/list.html",
        {
            "form": form,
            "source": source,
            "query": query,
            "page": page,
            "indicators": page.object_list,
            "kept_query": kept.urlencode(),
            "may_manage": services.may_manage_indicators(request.user),
        },
    )


@login_required
def detail(request: AuthedRequest, code: str) -> HttpResponse:
    indicator, summary = selectors.indicator_get_with_summary(code=code)
    may_manage = services.may_manage_indicators(request.user)
    return render(
        request,
        "indicators/detail.html",
        {
            "indicator": indicator,
            "summary": summary,
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


@accepts_upload(lambda: settings.INDICATOR_IMPORT_MAX_BYTES)
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
def pxweb_import(request: AuthedRequest, code: str) -> HttpResponse:
    """Start querying a PxWeb table for the indicator's values, in the background."""
    services.require_indicator_admin(request.user)
    indicator = selectors.indicator_get(code=code)
    initial = {
        "url": indicator.pxweb_url,
        "version": 2 if "/v2/" in indicator.pxweb_url else 1,
        "query": json.dumps(indicator.pxweb_selection, ensure_ascii=False, indent=2)
        if indicator.pxweb_selection
        else "",
    }
    form = PxWebImportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.pxweb_job_start(
                actor=request.user,
                indicator=indicator,
                url=form.cleaned_data["url"],
                version=form.cleaned_data["version"],
                query=form.cleaned_data["query"],
            )
        except ValueImportError as error:
            for message in error.errors:
                form.add_error(None, message)
        else:
            return redirect(job)
    return render(request, "indicators/pxweb_form.html", {"form": form, "indicator": indicator})


@login_required
def import_job(request: AuthedRequest, pk: int) -> HttpResponse:
    job = selectors.import_job_get(user=request.user, pk=pk)
    imported = Indicator.objects.filter(code__in=job.indicators).order_by("name")
    return render(
        request,
        "indicators/import_job.html",
        {
            "job": job,
            "errors": job.error.splitlines(),
            "imported": list(imported) if job.state == "done" else [],
            "kinds": CHART_KINDS,
        },
    )


def _state(job: ImportJob) -> dict[str, object]:
    return {
        "state": job.state,
        "label": job.get_state_display(),
        "done": job.done,
        "total": job.total,
        "text": job.progress_text(),
        "finished": job.is_finished,
    }


@login_required
def import_job_state(request: AuthedRequest, pk: int) -> JsonResponse:
    """The job's progress as JSON, for the progress page's script to poll."""
    job = selectors.import_job_get(user=request.user, pk=pk)
    return JsonResponse(_state(job))


# Charts and targeting ----------------------------------------------------------------------

CHART_KINDS = {
    "tidsserie": _lazy("Tidsserie"),
    "jamforelse": _lazy("Jämförelse mellan platser"),
    "kon": _lazy("Kvinnor och män"),
}
DOWNLOADS: dict[str, tuple[str, Callable[[Chart], bytes]]] = {
    "csv": ("text/csv; charset=utf-8", to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", to_xlsx),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        chart_docx,
    ),
    "pdf": ("application/pdf", chart_pdf),
}


@dataclass
class Choices:
    form: ChartForm
    chosen: dict[str, str]
    places: dict[str, Place]
    periods: list[str]


def _choices(request: HttpRequest, indicator: Indicator, kind: str) -> Choices:
    """Read the places and periods (two queries) and the page's choices from the query."""
    places = {place.code: place for place in selectors.place_list()}
    periods = selectors.indicator_periods(indicator=indicator)
    regions = [(p.code, p.name) for p in places.values() if p.level == Level.REGION]
    regions.sort(key=lambda choice: choice[1])
    form = ChartForm(
        request.GET or None,
        kind=kind,
        places=[(p.code, p.name) for p in places.values()],
        regions=regions,
        periods=periods,
    )
    defaults = {
        "plats": selectors.RIKET if selectors.RIKET in places else next(iter(places), ""),
        "period": periods[-1] if periods else "",
        "niva": Level.REGION if indicator.level == Level.REGION else Level.MUNICIPALITY,
        "region": "",
        "kon": Sex.TOTAL,
    }
    if kind == "kon":
        defaults["period"] = ""
    if kind == "jamforelse":
        defaults["plats"] = ""
    return Choices(form, form.chosen(defaults), places, periods)


def _build(indicator: Indicator, kind: str, choices: Choices) -> Chart:
    chosen = choices.chosen
    place = choices.places.get(chosen["plats"]) if "plats" in chosen else None
    if kind == "tidsserie":
        if place is None:
            raise Http404
        sexes = list(SEX_CODES) if chosen["kon"] == ALL_SEXES else [chosen["kon"]]
        return selectors.time_series_chart(indicator=indicator, place=place, sexes=sexes)
    if kind == "kon":
        if place is None:
            raise Http404
        periods = [chosen["period"]] if chosen["period"] else []
        return selectors.sex_chart(indicator=indicator, place=place, periods=periods)
    region = choices.places.get(chosen["region"]) if chosen["region"] else None
    return selectors.comparison_chart(
        indicator=indicator,
        period=chosen["period"],
        level=chosen["niva"],
        region=region,
        sex=chosen["kon"],
        highlight=place,
    )


def _kind(kind: str) -> str:
    if kind not in CHART_KINDS:
        raise Http404
    return kind


@login_required
def chart(request: AuthedRequest, code: str, kind: str) -> HttpResponse:
    """A chart of the indicator's values with its summary, data table and downloads."""
    indicator = selectors.indicator_get(code=code)
    kind = _kind(kind)
    choices = _choices(request, indicator, kind)
    context: dict[str, object] = {
        "indicator": indicator,
        "kind": kind,
        "kinds": CHART_KINDS,
        "heading": CHART_KINDS[kind],
        "form": choices.form,
        "chart": None,
    }
    if choices.periods:
        built = _build(indicator, kind, choices)
        query = request.GET.urlencode()
        suffix = f"?{query}" if query else ""
        context["chart"] = chart_context(
            built,
            id_prefix=f"diagram-{kind}",
            **{
                f"{fmt}_url": reverse("indicators:chart_download", args=[code, kind, fmt]) + suffix
                for fmt in DOWNLOADS
            },
        )
    return render(request, "indicators/chart.html", context)


def _file_name(indicator: Indicator, kind: str, chosen: dict[str, str], fmt: str) -> str:
    parts = [indicator.code, kind]
    for name in CHART_FIELDS[kind]:
        if chosen.get(name):
            parts.append(slugify(chosen[name]))
    return "-".join(part for part in parts if part) + f".{fmt}"


@login_required
def chart_download(request: AuthedRequest, code: str, kind: str, fmt: str) -> HttpResponse:
    """The data behind a chart as CSV (semicolons, decimal commas) or as an Excel workbook, or
    the chart itself with its summary and table as a Word document or a PDF."""
    indicator = selectors.indicator_get(code=code)
    kind = _kind(kind)
    if fmt not in DOWNLOADS:
        raise Http404
    choices = _choices(request, indicator, kind)
    if not choices.periods:
        raise Http404
    built = _build(indicator, kind, choices)
    content_type, render_file = DOWNLOADS[fmt]
    response = HttpResponse(render_file(built), content_type=content_type)
    name = _file_name(indicator, kind, choices.chosen, fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def targeting(request: AuthedRequest, code: str) -> HttpResponse:
    """Where the needs are greatest: the places ranked by the indicator, best first, those
    worse than the reference flagged, with the Care Need Index beside them."""
    indicator = selectors.indicator_get(code=code)
    choices = _choices(request, indicator, "behov")
    chosen = choices.chosen
    result = None
    if choices.periods:
        region = choices.places.get(chosen["region"]) if chosen["region"] else None
        result = selectors.targeting(
            indicator=indicator, period=chosen["period"], level=chosen["niva"], region=region
        )
    return render(
        request,
        "indicators/targeting.html",
        {
            "indicator": indicator,
            "kinds": CHART_KINDS,
            "form": choices.form,
            "result": result,
            "chosen": chosen,
        },
    )


# --- Followed indicators ("Val av indikatorer") ------------------------------------------------


@login_required
def selections(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = organisation_get(slug=slug)
    return render(
        request,
        "indicators/selections.html",
        {
            "organisation": organisation,
            "followed": following.followed_indicators(organisation=organisation),
            "may_edit": access_level(user=request.user, organisation=organisation)
            >= AccessLevel.EDITOR,
        },
    )


@login_required
def selection_create(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.EDITOR)
    initial = {"plan": request.GET.get("plan")} if request.GET.get("plan", "").isdigit() else {}
    form = SelectionForm(request.POST or None, organisation=organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            selection = following.selection_create(
                actor=request.user, organisation=organisation, **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Indikatorn följs nu."))
            if selection.plan is not None:
                return redirect(f"{selection.plan.get_absolute_url()}#indikatorer")
            return redirect("indicators:selections", organisation.slug)
    return render(
        request,
        "indicators/selection_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
@require_POST
def selection_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    selection = following.selection_get_for_editor(user=request.user, pk=pk)
    slug = selection.organisation.slug
    following.selection_delete(actor=request.user, selection=selection)
    messages.success(request, _("Indikatorn följs inte längre."))
    return redirect("indicators:selections", slug)
