"""Reporting pages: rounds and their progress, submissions, feedback and the annual report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from framja.core.reminders import tell_reminded
from framja.core.types import AuthedRequest
from framja.goals.selectors import goals_for_period
from framja.organisations.models import AccessLevel
from framja.organisations.selectors import (
    access_level,
    organisation_get,
    organisation_get_for_user,
)
from framja.reporting import documents, selectors, services
from framja.reporting.forms import (
    AnnualReportForm,
    FeedbackForm,
    ReportSectionFormSet,
    RoundForm,
    SubmissionForm,
)
from framja.reporting.models import Submission


def _download(rendered: documents.Rendered) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


# --- Rounds -------------------------------------------------------------------------------------


@login_required
def round_list(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.READER)
    return render(
        request,
        "reporting/round_list.html",
        {
            "organisation": organisation,
            "rounds": selectors.rounds_coordinated(organisation=organisation),
            "submissions": selectors.submissions_of(organisation=organisation),
            "may_open": access_level(user=request.user, organisation=organisation)
            >= AccessLevel.EDITOR,
        },
    )


@login_required
def round_create(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.EDITOR)
    choices = selectors.participant_choices(organisation=organisation)
    form = RoundForm(request.POST or None, organisation=organisation, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            reporting_round = services.round_open(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Omgången är öppnad."))
            return redirect(reporting_round.get_absolute_url())
    return render(
        request, "reporting/round_form.html", {"form": form, "organisation": organisation}
    )


@login_required
def round_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    reporting_round = selectors.round_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "reporting/round_detail.html",
        {
            "round": reporting_round,
            "organisation": reporting_round.organisation,
            "progress": selectors.round_progress(reporting_round=reporting_round),
            "may_manage": selectors.round_may_manage(
                user=request.user, reporting_round=reporting_round
            ),
        },
    )


@login_required
@require_POST
def round_remind(request: AuthedRequest, pk: int) -> HttpResponse:
    reporting_round = selectors.round_get_for_manager(user=request.user, pk=pk)
    chosen: list[Submission] | None = None
    slug = request.POST.get("organisation", "")
    if slug:
        chosen = list(reporting_round.submissions.filter(organisation__slug=slug))
        if not chosen:
            raise Http404
    try:
        result = services.round_remind(
            actor=request.user,
            reporting_round=reporting_round,
            submissions=chosen,
            site_url=request.build_absolute_uri("/").rstrip("/"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reporting_round.get_absolute_url())
    tell_reminded(
        request,
        sent=[s.organisation for s in result.sent],
        unreachable=[s.organisation for s in result.without_recipients],
        nothing_left=_("Alla har redan markerat sitt underlag som klart."),
    )
    return redirect(reporting_round.get_absolute_url())


@login_required
def round_close(request: AuthedRequest, pk: int) -> HttpResponse:
    reporting_round = selectors.round_get_for_manager(user=request.user, pk=pk)
    progress = selectors.round_progress(reporting_round=reporting_round)
    if not reporting_round.is_open:
        return redirect(reporting_round.get_absolute_url())
    if request.method == "POST":
        services.round_close(actor=request.user, reporting_round=reporting_round)
        messages.success(
            request, _("Omgången är stängd. Det som lämnades in är sparat och går inte att ändra.")
        )
        return redirect(reporting_round.get_absolute_url())
    return render(
        request,
        "reporting/round_close.html",
        {
            "round": reporting_round,
            "organisation": reporting_round.organisation,
            "progress": progress,
        },
    )


@login_required
def round_report(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    reporting_round = selectors.round_get_for_user(user=request.user, pk=pk)
    if fmt not in documents.ANNUAL_FORMATS or reporting_round.is_open:
        raise Http404
    return _download(
        documents.render_annual_report(
            organisation=reporting_round.organisation,
            year=reporting_round.year,
            fmt=fmt,
            reporting_round=reporting_round,
        )
    )


@login_required
def my_submissions(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "reporting/my_submissions.html",
        {"submissions": selectors.submissions_to_fill(user=request.user)},
    )


# --- Submissions --------------------------------------------------------------------------------


@login_required
def submission(request: AuthedRequest, pk: int, slug: str) -> HttpResponse:
    item = selectors.submission_get_for_user(user=request.user, round_pk=pk, slug=slug)
    reporting_round = item.round
    context = {"submission": item, "round": reporting_round, "organisation": item.organisation}
    if not selectors.submission_may_edit(user=request.user, submission=item):
        content = (
            item.snapshot
            if item.snapshot is not None
            else services.submission_content(submission=item)
        )
        return render(request, "reporting/submission_view.html", {**context, "content": content})
    goals = goals_for_period(
        organisation=item.organisation, period=reporting_round.period, year=reporting_round.year
    )
    feedback = selectors.feedback_get(organisation=item.organisation, year=reporting_round.year)
    form = SubmissionForm(
        request.POST or None,
        initial={"summary": item.summary},
        goals=goals,
        feedback=feedback,
        include_feedback=reporting_round.include_feedback,
    )
    if request.method == "POST" and form.is_valid():
        ready = request.POST.get("action") == "ready"
        try:
            services.submission_save(
                actor=request.user,
                submission=item,
                summary=form.cleaned_data["summary"],
                assessments=[
                    services.AssessmentInput(
                        goal=view.goal,
                        rating=form.cleaned_data[f"rating_{view.goal.pk}"],
                        result=form.cleaned_data[f"result_{view.goal.pk}"],
                        analysis=form.cleaned_data[f"analysis_{view.goal.pk}"],
                    )
                    for view in goals
                ],
                feedback=form.feedback_data(),
                ready=ready,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Underlaget är sparat och markerat som klart.")
                if ready
                else _("Underlaget är sparat som utkast."),
            )
            return redirect(item.get_absolute_url())
    return render(request, "reporting/submission_form.html", {**context, "form": form})


# --- Feedback -----------------------------------------------------------------------------------


@login_required
def feedback(request: AuthedRequest, slug: str, year: int) -> HttpResponse:
    organisation = organisation_get(slug=slug)
    return render(
        request,
        "reporting/feedback.html",
        {
            "organisation": organisation,
            "year": year,
            "document": documents.feedback_document(organisation=organisation, year=year),
            "feedback": selectors.feedback_get(organisation=organisation, year=year),
            "may_edit": access_level(user=request.user, organisation=organisation)
            >= AccessLevel.EDITOR,
        },
    )


@login_required
def feedback_edit(request: AuthedRequest, slug: str, year: int) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.EDITOR)
    current = selectors.feedback_get(organisation=organisation, year=year)
    form = FeedbackForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.feedback_save(actor=request.user, organisation=organisation, year=year, **data)
        messages.success(request, _("Återkopplingen är sparad."))
        return redirect("reporting:feedback", organisation.slug, year)
    return render(
        request,
        "reporting/feedback_form.html",
        {"form": form, "organisation": organisation, "year": year},
    )


@login_required
def feedback_export(request: AuthedRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    organisation = organisation_get(slug=slug)
    if fmt not in documents.FEEDBACK_FORMATS:
        raise Http404
    return _download(documents.render_feedback(organisation=organisation, year=year, fmt=fmt))


# --- Annual report ------------------------------------------------------------------------------


@login_required
def annual_report(request: AuthedRequest, slug: str, year: int) -> HttpResponse:
    organisation = organisation_get(slug=slug)
    return render(
        request,
        "reporting/annual_report.html",
        {
            "organisation": organisation,
            "year": year,
            "document": documents.annual_report_document(organisation=organisation, year=year),
            "may_edit": access_level(user=request.user, organisation=organisation)
            >= AccessLevel.EDITOR,
        },
    )


@login_required
def annual_report_edit(request: AuthedRequest, slug: str, year: int) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.EDITOR)
    report = selectors.annual_report_get(organisation=organisation, year=year)
    form = AnnualReportForm(request.POST or None, instance=report, organisation=organisation)
    initial = (
        [{"heading": s.heading, "body": s.body} for s in report.sections.all()] if report else []
    )
    sections = ReportSectionFormSet(request.POST or None, initial=initial, prefix="avsnitt")
    if request.method == "POST" and form.is_valid() and sections.is_valid():
        texts = [
            (data["heading"], data["body"])
            for data in sections.cleaned_data
            if data and data.get("heading")
        ]
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.annual_report_save(
                actor=request.user, organisation=organisation, year=year, sections=texts, **fields
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Verksamhetsberättelsens texter är sparade."))
            return redirect("reporting:annual_report", organisation.slug, year)
    return render(
        request,
        "reporting/annual_report_form.html",
        {"form": form, "sections": sections, "organisation": organisation, "year": year},
    )


@login_required
def annual_report_export(request: AuthedRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    organisation = organisation_get(slug=slug)
    if fmt not in documents.ANNUAL_FORMATS:
        raise Http404
    return _download(documents.render_annual_report(organisation=organisation, year=year, fmt=fmt))
