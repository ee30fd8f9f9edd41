"""Improvement-cycle pages: the overview of a sub-region, one cycle with its timeline, and the
forms for each step."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from framja.core.types import AuthedRequest
from framja.improvement import documents, selectors, services
from framja.improvement.forms import (
    AnalysisForm,
    AnswersForm,
    CycleForm,
    DecisionForm,
    FindingForm,
    FollowUpValueForm,
    MeasureForm,
    PDSAForm,
    StepForm,
    StudyValueForm,
    TemplateForm,
)
from framja.improvement.models import AnalysisTopic, Cycle, Finding, Step
from framja.organisations.models import AccessLevel
from framja.organisations.selectors import organisation_get_for_user

EDITOR = AccessLevel.EDITOR


def _detail(cycle: Cycle, anchor: str = "") -> HttpResponse:
    return redirect(f"{cycle.get_absolute_url()}{'#' + anchor if anchor else ''}")


def _context(cycle: Cycle, **extra: Any) -> dict[str, Any]:
    return {"cycle": cycle, "organisation": cycle.organisation, **extra}


@login_required
def overview(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.READER)
    return render(
        request,
        "improvement/overview.html",
        {
            "organisation": organisation,
            "overview": selectors.overview(organisation=organisation),
            "steps": list(Step),
            "may_edit": selectors.may_edit(user=request.user, organisation=organisation),
        },
    )


@login_required
def cycle_create(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=EDITOR)
    form = CycleForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cycle = services.cycle_create(
                actor=request.user,
                organisation=organisation,
                title=data["title"],
                plan=data["plan"],
                template=data["template"],
                inventory_year=data["inventory_year"],
                inventory_week=data["inventory_week"],
                participants=data["participants"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Förbättringscykeln är startad."))
            return _detail(cycle)
    return render(
        request,
        "improvement/form.html",
        {"form": form, "organisation": organisation, "heading": _("Ny förbättringscykel")},
    )


@login_required
def cycle_detail(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(user=request.user, slug=slug, pk=pk)
    return render(
        request,
        "improvement/cycle_detail.html",
        _context(
            cycle,
            view=selectors.cycle_view(cycle=cycle),
            may_edit=selectors.may_edit(user=request.user, organisation=cycle.organisation),
        ),
    )


@login_required
def cycle_edit(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(user=request.user, slug=slug, pk=pk, level=EDITOR)
    form = CycleForm(request.POST or None, instance=cycle, organisation=cycle.organisation)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        cycle.refresh_from_db()
        try:
            services.cycle_update(actor=request.user, cycle=cycle, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Cykeln är sparad."))
            return _detail(cycle)
    return render(
        request, "improvement/form.html", _context(cycle, form=form, heading=_("Ändra cykeln"))
    )


@login_required
def step_edit(request: AuthedRequest, slug: str, pk: int, step: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(user=request.user, slug=slug, pk=pk, level=EDITOR)
    cycle_step = selectors.step_get(cycle=cycle, step=step)
    form = StepForm(request.POST or None, instance=cycle_step)
    if request.method == "POST" and form.is_valid():
        cycle_step = selectors.step_get(cycle=cycle, step=step)
        try:
            services.step_update(actor=request.user, step=cycle_step, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Steget är sparat."))
            return _detail(cycle, f"steg-{step}")
    heading = _("Steg %(number)s: %(step)s") % {
        "number": step,
        "step": cycle_step.get_step_display(),
    }
    return render(request, "improvement/form.html", _context(cycle, form=form, heading=heading))


@login_required
def inventory(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(user=request.user, slug=slug, pk=pk, level=EDITOR)
    form = AnswersForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        services.answers_save(actor=request.user, cycle=cycle, answers=form.answers())
        messages.success(request, _("Svaren är sparade."))
        return _detail(cycle, "inventering")
    return render(
        request,
        "improvement/form.html",
        _context(
            cycle,
            form=form,
            heading=_("Steg 1: Nulägesinventering"),
            intro=cycle.template.name,
        ),
    )


@login_required
def analysis(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(user=request.user, slug=slug, pk=pk, level=EDITOR)
    existing = {f.topic: f for f in Finding.objects.filter(cycle=cycle)}
    data = request.POST or None
    form = AnalysisForm(data, instance=cycle)
    topics = [
        (topic, FindingForm(data, instance=existing.get(topic), prefix=topic))
        for topic in AnalysisTopic
    ]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for _t, f in topics):
        cycle.refresh_from_db()
        services.cycle_update(actor=request.user, cycle=cycle, **form.cleaned_data)
        for topic, topic_form in topics:
            services.finding_save(
                actor=request.user, cycle=cycle, topic=topic, **topic_form.cleaned_data
            )
        messages.success(request, _("Analysen är sparad."))
        return _detail(cycle, "analys")
    return render(
        request, "improvement/analysis_form.html", _context(cycle, form=form, topics=topics)
    )


@login_required
def pdsa_create(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(user=request.user, slug=slug, pk=pk, level=EDITOR)
    form = PDSAForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        rows = list(data.pop("plan_rows"))
        promises = list(data.pop("patient_promises"))
        try:
            pdsa = services.pdsa_create(
                actor=request.user,
                cycle=cycle,
                plan_rows=rows,
                patient_promises=promises,
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("PDSA-cykeln är sparad."))
            return _detail(cycle, f"pdsa-{pdsa.pk}")
    return render(
        request, "improvement/form.html", _context(cycle, form=form, heading=_("Ny PDSA-cykel"))
    )


@login_required
def pdsa_edit(request: AuthedRequest, slug: str, pk: int, pdsa_pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(user=request.user, slug=slug, pk=pk, level=EDITOR)
    pdsa = selectors.pdsa_get(cycle=cycle, pk=pdsa_pk)
    form = PDSAForm(request.POST or None, instance=pdsa, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        rows = list(data.pop("plan_rows"))
        promises = list(data.pop("patient_promises"))
        pdsa = selectors.pdsa_get(cycle=cycle, pk=pdsa_pk)
        try:
            services.pdsa_update(
                actor=request.user, pdsa=pdsa, plan_rows=rows, patient_promises=promises, **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("PDSA-cykeln är sparad."))
            return _detail(cycle, f"pdsa-{pdsa.pk}")
    return render(request, "improvement/form.html", _context(cycle, form=form, heading=str(pdsa)))


@login_required
def study_value_add(request: AuthedRequest, slug: str, pk: int, pdsa_pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(user=request.user, slug=slug, pk=pk, level=EDITOR)
    pdsa = selectors.pdsa_get(cycle=cycle, pk=pdsa_pk)
    form = StudyValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.study_value_link(actor=request.user, pdsa=pdsa, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Indikatorvärdet är kopplat."))
            return _detail(cycle, f"pdsa-{pdsa.pk}")
    heading = _("Koppla ett indikatorvärde till %(pdsa)s") % {"pdsa": pdsa}
    return render(request, "improvement/form.html", _context(cycle, form=form, heading=heading))


@login_required
def decision_create(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(user=request.user, slug=slug, pk=pk, level=EDITOR)
    form = DecisionForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_record(
                actor=request.user, cycle=cycle, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Beslutet är registrerat."))
            return redirect(
                reverse(
                    "improvement:decision_detail",
                    kwargs={"slug": slug, "pk": cycle.pk, "decision_pk": decision.pk},
                )
            )
    return render(
        request,
        "improvement/form.html",
        _context(
            cycle,
            form=form,
            heading=_("Registrera ett förankringsbeslut"),
            intro=_(
                "Ett registrerat beslut kan inte ändras. Det sparas med en ögonblicksbild av "
                "inventeringen, analysen och PDSA-cyklerna som de ser ut nu."
            ),
        ),
    )


@login_required
def decision_detail(request: AuthedRequest, slug: str, pk: int, decision_pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(user=request.user, slug=slug, pk=pk)
    decision = selectors.decision_get(cycle=cycle, pk=decision_pk)
    return render(request, "improvement/decision.html", _context(cycle, decision=decision))


@login_required
def measure_create(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(user=request.user, slug=slug, pk=pk, level=EDITOR)
    form = MeasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_create(actor=request.user, cycle=cycle, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Måttet är tillagt."))
            return _detail(cycle, "uppfoljning")
    return render(
        request,
        "improvement/form.html",
        _context(cycle, form=form, heading=_("Nytt uppföljningsmått")),
    )


@login_required
@require_POST
def measures_subregional(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(user=request.user, slug=slug, pk=pk, level=EDITOR)
    added = services.measures_add_subregional(actor=request.user, cycle=cycle)
    messages.success(request, _("%(count)s delregionala mått är tillagda.") % {"count": len(added)})
    return _detail(cycle, "uppfoljning")


@login_required
@require_POST
def measures_followed(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(user=request.user, slug=slug, pk=pk, level=EDITOR)
    added = services.measures_add_followed(actor=request.user, cycle=cycle)
    messages.success(
        request, _("%(count)s följda indikatorer är tillagda.") % {"count": len(added)}
    )
    return _detail(cycle, "uppfoljning")


@login_required
def value_create(request: AuthedRequest, slug: str, pk: int, measure_pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(user=request.user, slug=slug, pk=pk, level=EDITOR)
    measure = selectors.measure_get(cycle=cycle, pk=measure_pk)
    form = FollowUpValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.followup_value_record(actor=request.user, measure=measure, **form.cleaned_data)
        messages.success(request, _("Resultatet är sparat."))
        return _detail(cycle, "uppfoljning")
    heading = _("Nytt resultat för %(measure)s") % {"measure": measure.name}
    return render(request, "improvement/form.html", _context(cycle, form=form, heading=heading))


@login_required
def export(request: AuthedRequest, slug: str, pk: int, document: str, fmt: str) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(user=request.user, slug=slug, pk=pk)
    if document not in documents.DOCUMENTS or fmt not in documents.FORMATS:
        raise Http404
    content, content_type, filename = documents.render(
        view=selectors.cycle_view(cycle=cycle), document=document, fmt=fmt
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Templates ------------------------------------------------------------------------------------


@login_required
def template_list(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.READER)
    templates = list(
        selectors.templates_for(organisation=organisation).prefetch_related("questions")
    )
    return render(
        request,
        "improvement/templates.html",
        {
            "organisation": organisation,
            "templates": templates,
            "may_admin": selectors.may_admin(user=request.user, organisation=organisation),
        },
    )


@login_required
def template_create(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.ADMIN)
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_create(
                actor=request.user,
                owner=organisation,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                questions=form.question_list(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Frågemallen är sparad."))
            return redirect("improvement:template_list", slug=slug)
    return render(
        request,
        "improvement/form.html",
        {"form": form, "organisation": organisation, "heading": _("Ny frågemall")},
    )


@login_required
def template_edit(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.ADMIN)
    template = selectors.template_get_for_admin(user=request.user, organisation=organisation, pk=pk)
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        template.refresh_from_db()
        try:
            services.template_update(
                actor=request.user,
                template=template,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                questions=form.question_list(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Frågemallen är sparad."))
            return redirect("improvement:template_list", slug=slug)
    return render(
        request,
        "improvement/form.html",
        {"form": form, "organisation": organisation, "heading": template.name},
    )


@login_required
def comparison(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.READER)
    template = selectors.template_get(organisation=organisation, pk=pk)
    return render(
        request,
        "improvement/comparison.html",
        {
            "organisation": organisation,
            "comparison": selectors.comparison(organisation=organisation, template=template),
        },
    )
