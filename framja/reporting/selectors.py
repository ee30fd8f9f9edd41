"""Reads for reporting rounds, submissions, feedback and annual reports, with who may see what.

A round belongs to its coordinating organisation: its readers follow it, its editors open,
remind and close it. A submission belongs to its organisation too: that organisation's
editors fill it in while the round is open, its readers and the coordinator's read it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from framja.organisations.models import AccessLevel, Organisation, OrganisationAccess
from framja.organisations.selectors import access_level
from framja.reporting.models import (
    SUBMISSION_SYMBOLS,
    AnnualReport,
    Feedback,
    ReportingRound,
    RoundState,
    Submission,
    SubmissionState,
)

if TYPE_CHECKING:
    from framja.organisations.selectors import AnyUser


def round_may_manage(*, user: AnyUser, reporting_round: ReportingRound) -> bool:
    return access_level(user=user, organisation=reporting_round.organisation) >= AccessLevel.EDITOR


def round_get_for_user(*, user: AnyUser, pk: int) -> ReportingRound:
    try:
        reporting_round = ReportingRound.objects.select_related("organisation").get(pk=pk)
    except ReportingRound.DoesNotExist:
        raise Http404 from None
    if access_level(user=user, organisation=reporting_round.organisation) < AccessLevel.READER:
        raise PermissionDenied
    return reporting_round


def round_get_for_manager(*, user: AnyUser, pk: int) -> ReportingRound:
    reporting_round = round_get_for_user(user=user, pk=pk)
    if not round_may_manage(user=user, reporting_round=reporting_round):
        raise PermissionDenied
    return reporting_round


def rounds_coordinated(*, organisation: Organisation) -> list[ReportingRound]:
    return list(organisation.reporting_rounds.order_by("-opened_at", "-id"))


def submissions_of(*, organisation: Organisation) -> list[Submission]:
    """The rounds the organisation reports in, newest first."""
    return list(
        organisation.submissions.select_related("round", "round__organisation").order_by(
            "-round__opened_at", "-round_id"
        )
    )


@dataclass
class Progress:
    reporting_round: ReportingRound
    submissions: list[Submission]

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        counted = Counter(s.state for s in self.submissions)
        return [
            (SUBMISSION_SYMBOLS[state], str(state.label), counted[state.value])
            for state in SubmissionState
        ]

    @property
    def ready(self) -> int:
        return sum(1 for s in self.submissions if s.state == SubmissionState.READY)


def round_progress(*, reporting_round: ReportingRound) -> Progress:
    """Every participant's submission with its state, in one query."""
    submissions = list(
        reporting_round.submissions.select_related("organisation", "updated_by").order_by(
            "organisation__path"
        )
    )
    return Progress(reporting_round=reporting_round, submissions=submissions)


def submission_may_edit(*, user: AnyUser, submission: Submission) -> bool:
    return (
        submission.round.state == RoundState.OPEN
        and access_level(user=user, organisation=submission.organisation) >= AccessLevel.EDITOR
    )


def submission_get_for_user(*, user: AnyUser, round_pk: int, slug: str) -> Submission:
    try:
        submission = Submission.objects.select_related(
            "round", "round__organisation", "organisation", "updated_by"
        ).get(round_id=round_pk, organisation__slug=slug)
    except Submission.DoesNotExist:
        raise Http404 from None
    own = access_level(user=user, organisation=submission.organisation)
    coordinator = access_level(user=user, organisation=submission.round.organisation)
    if max(own, coordinator) < AccessLevel.READER:
        raise PermissionDenied
    return submission


def submission_get_for_editor(*, user: AnyUser, round_pk: int, slug: str) -> Submission:
    submission = submission_get_for_user(user=user, round_pk=round_pk, slug=slug)
    if not submission_may_edit(user=user, submission=submission):
        raise PermissionDenied
    return submission


def submissions_to_fill(*, user: AnyUser) -> list[Submission]:
    """Open rounds' submissions of the organisations where the user is an editor."""
    if not user.is_authenticated:
        return []
    open_submissions = Submission.objects.filter(round__state=RoundState.OPEN).select_related(
        "round", "round__organisation", "organisation"
    )
    granted = OrganisationAccess.objects.filter(user=user, level__gte=AccessLevel.EDITOR)
    open_submissions = open_submissions.filter(organisation__in=granted.values("organisation"))
    return [
        s
        for s in open_submissions.order_by("round__deadline", "organisation__name")
        if submission_may_edit(user=user, submission=s)
    ]


def participant_choices(*, organisation: Organisation) -> QuerySet[Organisation]:
    """The organisation itself and everything below it, in tree order."""
    return Organisation.objects.filter(path__startswith=organisation.path).order_by("path")


def feedback_get(*, organisation: Organisation, year: int) -> Feedback | None:
    return Feedback.objects.filter(organisation=organisation, year=year).first()


def annual_report_get(*, organisation: Organisation, year: int) -> AnnualReport | None:
    return (
        AnnualReport.objects.select_related("round")
        .prefetch_related("sections")
        .filter(organisation=organisation, year=year)
        .first()
    )
