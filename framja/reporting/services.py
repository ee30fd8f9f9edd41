"""Writes for reporting rounds, feedback and annual reports. Each is atomic and audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from framja.core import audit
from framja.core.models import AuditAction
from framja.core.reminders import editor_emails, send_reminder
from framja.goals import services as goal_services
from framja.goals.models import Goal
from framja.goals.selectors import goals_for_period
from framja.organisations.models import Organisation
from framja.reporting.models import (
    AnnualReport,
    AnnualReportSection,
    Feedback,
    ReportingRound,
    RoundState,
    Submission,
    SubmissionState,
)

if TYPE_CHECKING:
    from framja.accounts.models import User

FEEDBACK_FIELDS = (
    "success_1",
    "success_1_factors",
    "success_2",
    "success_2_factors",
    "setback_1",
    "setback_1_analysis",
    "setback_1_improvements",
    "setback_2",
    "setback_2_analysis",
    "setback_2_improvements",
    "new_chair",
    "new_process_support",
    "other_changes",
)


# --- Rounds -------------------------------------------------------------------------------------


@transaction.atomic
def round_open(
    *,
    actor: User | None,
    organisation: Organisation,
    title: str,
    period: str,
    deadline: Any,
    participants: list[Organisation],
    include_feedback: bool = False,
    instructions: str = "",
) -> ReportingRound:
    """Open a round and give each participating organisation an empty submission."""
    goal_services.period_year(period)
    if not participants:
        raise ValidationError(_("Välj minst en organisation som ska rapportera."))
    outside = [p for p in participants if not p.path.startswith(organisation.path)]
    if outside:
        raise ValidationError(
            _("%(name)s hör inte till %(coordinator)s.")
            % {"name": outside[0].name, "coordinator": organisation.name}
        )
    reporting_round = ReportingRound(
        organisation=organisation,
        title=title,
        period=period.strip(),
        deadline=deadline,
        include_feedback=include_feedback,
        instructions=instructions,
        opened_by=actor if actor is not None and actor.pk else None,
    )
    reporting_round.full_clean()
    reporting_round.save()
    audit.record_create(actor=actor, instance=reporting_round, organisation=organisation)
    Submission.objects.bulk_create(
        Submission(round=reporting_round, organisation=participant)
        for participant in sorted(set(participants), key=lambda o: o.path)
    )
    return reporting_round


def _require_open(reporting_round: ReportingRound) -> None:
    if not reporting_round.is_open:
        raise ValidationError(_("Omgången är stängd. Det som lämnades in går inte att ändra."))


@dataclass(frozen=True)
class AssessmentInput:
    goal: Goal
    rating: str
    result: str
    analysis: str


@transaction.atomic
def submission_save(
    *,
    actor: User | None,
    submission: Submission,
    summary: str,
    assessments: list[AssessmentInput],
    feedback: dict[str, str] | None = None,
    ready: bool = False,
) -> Submission:
    """Save what an organisation reports: its goals' assessments, a summary and feedback.

    Saving without ``ready`` keeps the submission a draft (pågår); with it, it is klar. The
    assessments and the feedback are the organisation's own living data; the round keeps its
    copy only when it closes.
    """
    reporting_round = submission.round
    _require_open(reporting_round)
    for item in assessments:
        if item.goal.organisation_id != submission.organisation_id:
            raise ValidationError(_("Målet hör inte till organisationen."))
        goal_services.assessment_save(
            actor=actor,
            goal=item.goal,
            period=reporting_round.period,
            rating=item.rating,
            result=item.result,
            analysis=item.analysis,
        )
    if feedback is not None:
        if not reporting_round.include_feedback:
            raise ValidationError(_("Omgången frågar inte efter återkoppling."))
        feedback_save(
            actor=actor,
            organisation=submission.organisation,
            year=reporting_round.year,
            **feedback,
        )
    before = audit.snapshot(submission)
    submission.summary = summary
    submission.state = SubmissionState.READY if ready else SubmissionState.IN_PROGRESS
    submission.updated_at = timezone.now()
    submission.updated_by = actor if actor is not None and actor.pk else None
    if ready and submission.ready_at is None:
        submission.ready_at = submission.updated_at
    if not ready:
        submission.ready_at = None
    submission.save()
    audit.record_update(
        actor=actor, instance=submission, organisation=submission.organisation, before=before
    )
    return submission


@dataclass(frozen=True)
class ReminderResult:
    sent: list[Submission]
    without_recipients: list[Submission]


@transaction.atomic
def round_remind(
    *,
    actor: User | None,
    reporting_round: ReportingRound,
    submissions: list[Submission] | None = None,
    site_url: str = "",
) -> ReminderResult:
    """E-mail a reminder to each given submission that is not ready (all of them by default)."""
    _require_open(reporting_round)
    candidates = submissions if submissions is not None else list(reporting_round.submissions.all())
    sent: list[Submission] = []
    missing: list[Submission] = []
    now = timezone.now()
    for submission in candidates:
        if submission.round_id != reporting_round.pk or submission.state == SubmissionState.READY:
            continue
        recipients = editor_emails(organisation=submission.organisation)
        if not recipients:
            missing.append(submission)
            continue
        subject = _("Påminnelse: %(title)s, sista dag %(deadline)s") % {
            "title": reporting_round.title,
            "deadline": reporting_round.deadline.isoformat(),
        }
        body = _(
            "Hej!\n\n%(organisation)s har ännu inte lämnat in sitt underlag till "
            "%(title)s. Sista dag är %(deadline)s.\n\nFyll i och markera som klart här:\n"
            "%(url)s\n\nHälsningar\n%(coordinator)s"
        ) % {
            "organisation": submission.organisation.name,
            "title": reporting_round.title,
            "deadline": reporting_round.deadline.isoformat(),
            "url": f"{site_url}{submission.get_absolute_url()}",
            "coordinator": reporting_round.organisation.name,
        }
        send_reminder(
            actor=actor,
            instance=submission,
            organisation=submission.organisation,
            recipients=recipients,
            subject=subject,
            body=body,
            at=now,
        )
        sent.append(submission)
    return ReminderResult(sent=sent, without_recipients=missing)


def submission_content(*, submission: Submission) -> dict[str, Any]:
    """Return what the organisation has reported in the round, as plain data."""
    reporting_round = submission.round
    organisation = submission.organisation
    goals = goals_for_period(
        organisation=organisation, period=reporting_round.period, year=reporting_round.year
    )
    content: dict[str, Any] = {
        "organisation": organisation.name,
        "slug": organisation.slug,
        "state": submission.state,
        "summary": submission.summary,
        "goals": [
            {
                "id": view.goal.pk,
                "heading": view.goal.heading,
                "text": view.goal.text,
                "rating": view.rating,
                "result": view.assessment.result if view.assessment else "",
                "analysis": view.assessment.analysis if view.assessment else "",
            }
            for view in goals
        ],
        "feedback": None,
    }
    if reporting_round.include_feedback:
        feedback = Feedback.objects.filter(
            organisation=organisation, year=reporting_round.year
        ).first()
        content["feedback"] = (
            {name: getattr(feedback, name) for name in FEEDBACK_FIELDS} if feedback else {}
        )
    return content


@transaction.atomic
def round_close(*, actor: User | None, reporting_round: ReportingRound) -> ReportingRound:
    """Close the round and freeze every submission as it stands, ready or not."""
    _require_open(reporting_round)
    submissions = list(
        reporting_round.submissions.select_related("organisation", "round").order_by(
            "organisation__path"
        )
    )
    for submission in submissions:
        submission.snapshot = submission_content(submission=submission)
        submission.save(update_fields=["snapshot"])
    before = audit.snapshot(reporting_round)
    reporting_round.state = RoundState.CLOSED
    reporting_round.closed_at = timezone.now()
    reporting_round.closed_by = actor if actor is not None and actor.pk else None
    reporting_round.save()
    audit.record_update(
        actor=actor,
        instance=reporting_round,
        organisation=reporting_round.organisation,
        before=before,
    )
    return reporting_round


# --- Feedback -----------------------------------------------------------------------------------


@transaction.atomic
def feedback_save(
    *, actor: User | None, organisation: Organisation, year: int, **fields: Any
) -> Feedback:
    unknown = set(fields) - set(FEEDBACK_FIELDS) - {"example"}
    if unknown:
        raise TypeError(f"Unknown feedback fields: {sorted(unknown)}")
    feedback = Feedback.objects.filter(organisation=organisation, year=year).first()
    created = feedback is None
    if feedback is None:
        feedback = Feedback(organisation=organisation, year=year)
    before = {} if created else audit.snapshot(feedback)
    for name, value in fields.items():
        setattr(feedback, name, value)
    feedback.full_clean()
    feedback.save()
    if created:
        audit.record_create(actor=actor, instance=feedback, organisation=organisation)
    else:
        audit.record_update(
            actor=actor, instance=feedback, organisation=organisation, before=before
        )
    return feedback


# --- Annual report ------------------------------------------------------------------------------

REPORT_FIELDS = {"foreword_heading", "foreword", "foreword_signed_by", "events", "round"}


@transaction.atomic
def annual_report_save(
    *,
    actor: User | None,
    organisation: Organisation,
    year: int,
    sections: list[tuple[str, str]] | None = None,
    **fields: Any,
) -> AnnualReport:
    """Create or change the report's texts; ``sections`` replaces the "about" sections."""
    unknown = set(fields) - REPORT_FIELDS
    if unknown:
        raise TypeError(f"Unknown report fields: {sorted(unknown)}")
    chosen = fields.get("round")
    if chosen is not None and chosen.organisation_id != organisation.pk:
        raise ValidationError(_("Omgången samordnas inte av organisationen."))
    report = AnnualReport.objects.filter(organisation=organisation, year=year).first()
    created = report is None
    if report is None:
        report = AnnualReport(organisation=organisation, year=year)
    before = {} if created else audit.snapshot(report)
    for name, value in fields.items():
        setattr(report, name, value)
    report.full_clean()
    report.save()
    if created:
        audit.record_create(actor=actor, instance=report, organisation=organisation)
    else:
        audit.record_update(actor=actor, instance=report, organisation=organisation, before=before)
    if sections is not None:
        old = [(s.heading, s.body) for s in report.sections.all()]
        if old != sections:
            report.sections.all().delete()
            AnnualReportSection.objects.bulk_create(
                AnnualReportSection(report=report, heading=h, body=b, order=i)
                for i, (h, b) in enumerate(sections, start=1)
            )
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                instance=report,
                organisation=organisation,
                changes={"sections": [[h for h, _b in old], [h for h, _b in sections]]},
            )
    return report
