"""API for goals, assessments, reporting rounds and submissions.

Goals and assessments are read by every logged-in user and set by the organisation's editors.
A round is read by its coordinating organisation's readers; a submission also by its own
organisation's readers, and filled in by its editors while the round is open.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from framja.api.api import LOGGED_IN
from framja.api.pagination import Pagination
from framja.goals import selectors as goal_selectors
from framja.goals import services as goal_services
from framja.goals.models import Assessment, Goal, GoalRating
from framja.organisations.models import AccessLevel
from framja.organisations.selectors import access_level, organisation_get
from framja.reporting import selectors, services
from framja.reporting.models import ReportingRound, Submission

goals_router = Router(tags=["mål"])
reporting_router = Router(tags=["rapportering"])


class AssessmentOut(Schema):
    period: str
    rating: str
    rating_label: str = Field(..., alias="get_rating_display")
    result: str
    analysis: str
    assessed_by: str = Field(..., alias="assessed_by_name")
    assessed_at: datetime.datetime | None


class GoalOut(Schema):
    id: int
    organisation: str = Field(..., alias="organisation.slug")
    heading: str
    text: str
    start_year: int
    end_year: int | None
    example: bool
    url: str = Field(..., alias="get_absolute_url")


class GoalDetailOut(GoalOut):
    assessments: list[AssessmentOut] = Field(..., alias="api_assessments")
    plan_rows: list[int] = Field(..., alias="api_plan_rows")
    indicators: list[str] = Field(..., alias="api_indicators")


class AssessmentIn(Schema):
    rating: GoalRating
    result: str = ""
    analysis: str = ""


def _validation(error: ValidationError) -> HttpError:
    return HttpError(422, " ".join(error.messages))


@goals_router.get(
    "/",
    response=list[GoalOut],
    auth=LOGGED_IN,
    summary="Lista mål",
    description="Mål, valfritt för en organisation (kortadress) och de som gäller ett år.",
)
@paginate(Pagination)
def list_goals(
    request: HttpRequest, organisation: str | None = None, year: int | None = None
) -> Any:
    queryset = Goal.objects.select_related("organisation").order_by(
        "organisation__path", "order", "id"
    )
    if organisation:
        queryset = queryset.filter(organisation=organisation_get(slug=organisation))
    if year:
        queryset = goal_selectors.goals_applying(queryset, year)
    return queryset


@goals_router.get(
    "/{goal_id}",
    response=GoalDetailOut,
    auth=LOGGED_IN,
    summary="Hämta ett mål med alla perioders bedömningar",
)
def get_goal(request: HttpRequest, goal_id: int) -> Goal:
    goal = goal_selectors.goal_get_for_user(user=request.user, pk=goal_id)
    goal.api_assessments = goal_selectors.goal_assessments(goal=goal)  # type: ignore[attr-defined]
    goal.api_plan_rows = list(goal.plan_rows.values_list("pk", flat=True))  # type: ignore[attr-defined]
    goal.api_indicators = list(goal.indicators.values_list("code", flat=True))  # type: ignore[attr-defined]
    return goal


@goals_router.put(
    "/{goal_id}/assessments/{period}",
    response=AssessmentOut,
    auth=LOGGED_IN,
    summary="Sätt målets bedömning för en period (redaktör)",
)
def put_assessment(
    request: HttpRequest, goal_id: int, period: str, payload: AssessmentIn
) -> Assessment:
    try:
        goal = goal_selectors.goal_get_for_editor(user=request.user, pk=goal_id)
    except PermissionDenied:
        raise HttpError(403, "Du får inte bedöma det här målet.") from None
    try:
        return goal_services.assessment_save(
            actor=request.user,  # type: ignore[arg-type]
            goal=goal,
            period=period,
            rating=payload.rating,
            result=payload.result,
            analysis=payload.analysis,
        )
    except ValidationError as error:
        raise _validation(error) from None


class RoundOut(Schema):
    id: int
    organisation: str = Field(..., alias="organisation.slug")
    title: str
    period: str
    deadline: datetime.date
    state: str
    include_feedback: bool
    opened_at: datetime.datetime
    closed_at: datetime.datetime | None
    url: str = Field(..., alias="get_absolute_url")


class SubmissionOut(Schema):
    organisation: str = Field(..., alias="organisation.slug")
    organisation_name: str = Field(..., alias="organisation.name")
    state: str
    state_label: str = Field(..., alias="get_state_display")
    updated_at: datetime.datetime | None
    ready_at: datetime.datetime | None
    reminded_at: datetime.datetime | None
    url: str = Field(..., alias="get_absolute_url")


class RoundDetailOut(RoundOut):
    submissions: list[SubmissionOut] = Field(..., alias="api_submissions")


class SubmissionDetailOut(SubmissionOut):
    frozen: bool
    content: dict[str, Any]


class SubmissionGoalIn(Schema):
    goal_id: int
    rating: GoalRating
    result: str = ""
    analysis: str = ""


class SubmissionIn(Schema):
    summary: str = ""
    assessments: list[SubmissionGoalIn] = []
    feedback: dict[str, str] | None = None
    ready: bool = False


def _round(request: HttpRequest, round_id: int) -> ReportingRound:
    try:
        return selectors.round_get_for_user(user=request.user, pk=round_id)
    except PermissionDenied:
        raise HttpError(404, "Omgången finns inte, eller så får du inte se den.") from None


@reporting_router.get(
    "/organisations/{organisation}/rounds",
    response=list[RoundOut],
    auth=LOGGED_IN,
    summary="Lista en organisations rapporteringsomgångar",
    description="Omgångar som organisationen samordnar; kräver läsrätt där.",
)
def list_rounds(request: HttpRequest, organisation: str) -> list[ReportingRound]:
    org = organisation_get(slug=organisation)
    if access_level(user=request.user, organisation=org) < AccessLevel.READER:
        raise HttpError(403, "Du får inte se organisationens omgångar.")
    return selectors.rounds_coordinated(organisation=org)


@reporting_router.get(
    "/rounds/{round_id}",
    response=RoundDetailOut,
    auth=LOGGED_IN,
    summary="Hämta en omgång med varje organisations läge",
)
def get_round(request: HttpRequest, round_id: int) -> ReportingRound:
    reporting_round = _round(request, round_id)
    progress = selectors.round_progress(reporting_round=reporting_round)
    reporting_round.api_submissions = progress.submissions  # type: ignore[attr-defined]
    return reporting_round


def _submission_out(submission: Submission) -> Submission:
    """The submission with its content: the frozen copy once the round has closed."""
    frozen = submission.snapshot is not None
    submission.frozen = frozen  # type: ignore[attr-defined]
    submission.content = (  # type: ignore[attr-defined]
        submission.snapshot if frozen else services.submission_content(submission=submission)
    )
    return submission


@reporting_router.get(
    "/rounds/{round_id}/submissions/{organisation}",
    response=SubmissionDetailOut,
    auth=LOGGED_IN,
    summary="Hämta en organisations underlag i en omgång",
    description="Efter att omgången stängts: det inlämnade, frysta underlaget.",
)
def get_submission(request: HttpRequest, round_id: int, organisation: str) -> Any:
    try:
        submission = selectors.submission_get_for_user(
            user=request.user, round_pk=round_id, slug=organisation
        )
    except PermissionDenied:
        raise HttpError(404, "Underlaget finns inte, eller så får du inte se det.") from None
    return _submission_out(submission)


@reporting_router.put(
    "/rounds/{round_id}/submissions/{organisation}",
    response={200: SubmissionDetailOut},
    auth=LOGGED_IN,
    summary="Spara en organisations underlag (redaktör, medan omgången är öppen)",
)
def put_submission(
    request: HttpRequest, round_id: int, organisation: str, payload: SubmissionIn
) -> Any:
    try:
        submission = selectors.submission_get_for_editor(
            user=request.user, round_pk=round_id, slug=organisation
        )
    except PermissionDenied:
        raise HttpError(403, "Du får inte fylla i det här underlaget.") from None
    unknown = sorted(set(payload.feedback or {}) - set(services.FEEDBACK_FIELDS))
    if unknown:
        raise HttpError(422, f"Okända fält i feedback: {', '.join(unknown)}.")
    goals = Goal.objects.in_bulk([item.goal_id for item in payload.assessments])
    inputs = []
    for item in payload.assessments:
        goal = goals.get(item.goal_id)
        if goal is None or goal.organisation_id != submission.organisation_id:
            raise HttpError(422, f"Målet {item.goal_id} hör inte till organisationen.")
        inputs.append(
            services.AssessmentInput(
                goal=goal, rating=item.rating, result=item.result, analysis=item.analysis
            )
        )
    try:
        services.submission_save(
            actor=request.user,  # type: ignore[arg-type]
            submission=submission,
            summary=payload.summary,
            assessments=inputs,
            feedback=payload.feedback,
            ready=payload.ready,
        )
    except ValidationError as error:
        raise _validation(error) from None
    return Status(200, _submission_out(submission))
