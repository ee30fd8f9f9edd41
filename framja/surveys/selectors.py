"""Reads of surveys, responses, results and benchmark reports, with who may see what.

A survey belongs to its coordinating organisation: its readers follow it and see every
response, named; its editors build, send, remind and reopen. A response belongs to the
answering organisation: its editors fill it in, its readers read it.

Everyone else who takes part sees other organisations' answers only as aggregates, unless
an organisation has chosen to share its named answers (``Response.share_named``). Aggregates
over fewer answering organisations than the survey's ``min_group`` are not shown to them.
``Viewer`` carries that rule; every page, API endpoint and export reads through it.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from framja.organisations.models import AccessLevel, Organisation, OrganisationAccess
from framja.organisations.selectors import access_level
from framja.surveys.models import (
    RESPONSE_SYMBOLS,
    Answer,
    Question,
    QuestionKind,
    Response,
    ResponseState,
    Section,
    Survey,
    SurveyState,
    answer_text,
)

if TYPE_CHECKING:
    from framja.organisations.selectors import AnyUser


@dataclass(frozen=True)
class Viewer:
    """Whose named answers someone may see: everyone's (coordinator) or their own."""

    coordinator: bool
    own: frozenset[int] = frozenset()

    def sees_named(self, response: Response) -> bool:
        return (
            self.coordinator
            or response.organisation_id in self.own
            or (response.share_named and response.is_submitted)
        )

    @property
    def sees_everything(self) -> bool:
        return self.coordinator


def organisation_viewer(organisation: Organisation) -> Viewer:
    """The view of one answering organisation: what its benchmark report may show."""
    return Viewer(coordinator=False, own=frozenset({organisation.pk}))


# --- Surveys ------------------------------------------------------------------------------------


def survey_may_manage(*, user: AnyUser, survey: Survey) -> bool:
    return access_level(user=user, organisation=survey.organisation) >= AccessLevel.EDITOR


def _survey(pk: int) -> Survey:
    try:
        return Survey.objects.select_related("organisation", "previous").get(pk=pk)
    except Survey.DoesNotExist:
        raise Http404 from None


def survey_viewer(*, user: AnyUser, survey: Survey) -> Viewer | None:
    """Return how the user sees the survey, or None if not at all."""
    coordinator = access_level(user=user, organisation=survey.organisation) >= AccessLevel.READER
    if coordinator:
        return Viewer(coordinator=True)
    if not user.is_authenticated:
        return None
    organisations = Organisation.objects.filter(survey_responses__survey=survey)
    own = frozenset(
        o.pk for o in organisations if access_level(user=user, organisation=o) >= AccessLevel.READER
    )
    return Viewer(coordinator=False, own=own) if own else None


def survey_get_for_user(*, user: AnyUser, pk: int) -> tuple[Survey, Viewer]:
    """Return the survey and how the user sees it; a draft only for the coordinator."""
    survey = _survey(pk)
    viewer = survey_viewer(user=user, survey=survey)
    if viewer is None:
        raise PermissionDenied
    return survey, viewer


def survey_get_for_manager(*, user: AnyUser, pk: int) -> Survey:
    survey = _survey(pk)
    if not survey_may_manage(user=user, survey=survey):
        raise PermissionDenied
    return survey


def surveys_coordinated(*, organisation: Organisation) -> list[Survey]:
    return list(organisation.surveys.order_by("-year", "title", "-id"))


def responses_of(*, organisation: Organisation) -> list[Response]:
    """The surveys the organisation answers, newest first."""
    return list(
        organisation.survey_responses.select_related("survey", "survey__organisation").order_by(
            "-survey__year", "-survey_id"
        )
    )


def responses_to_fill(*, user: AnyUser) -> list[Response]:
    """Responses not yet submitted to open surveys, of organisations the user edits."""
    if not user.is_authenticated:
        return []
    granted = OrganisationAccess.objects.filter(user=user, level__gte=AccessLevel.EDITOR)
    return list(
        Response.objects.filter(
            survey__state=SurveyState.SENT,
            organisation__in=granted.values("organisation"),
        )
        .exclude(state=ResponseState.SUBMITTED)
        .select_related("survey", "survey__organisation", "organisation")
        .order_by("survey__deadline", "organisation__name")
    )


@dataclass
class SectionView:
    section: Section
    questions: list[Question]


def survey_structure(*, survey: Survey) -> list[SectionView]:
    """The survey's sections with their questions, in order, in two queries."""
    sections = list(survey.sections.order_by("order", "id"))
    questions: dict[int, list[Question]] = defaultdict(list)
    for question in survey.questions.select_related("show_when").order_by("order", "id"):
        questions[question.section_id].append(question)
    views = [SectionView(section=s, questions=questions[s.pk]) for s in sections]
    for view in views:
        for question in view.questions:
            question.section = view.section
    return views


@dataclass
class Progress:
    responses: list[Response]

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        counted = Counter(r.state for r in self.responses)
        return [
            (RESPONSE_SYMBOLS[state], str(state.label), counted[state.value])
            for state in ResponseState
        ]

    @property
    def submitted(self) -> int:
        return sum(1 for r in self.responses if r.is_submitted)


def survey_progress(*, survey: Survey) -> Progress:
    """Every participant's response with its state and respondents, in two queries."""
    return Progress(
        responses=list(
            survey.responses.select_related("organisation")
            .prefetch_related("respondents")
            .order_by("organisation__path")
        )
    )


# --- Responses ----------------------------------------------------------------------------------


def response_get_for_user(*, user: AnyUser, survey_pk: int, slug: str) -> Response:
    """Return a response to its organisation's readers and the coordinator's readers."""
    try:
        response = Response.objects.select_related(
            "survey", "survey__organisation", "survey__previous", "organisation"
        ).get(survey_id=survey_pk, organisation__slug=slug)
    except Response.DoesNotExist:
        raise Http404 from None
    own = access_level(user=user, organisation=response.organisation)
    coordinator = access_level(user=user, organisation=response.survey.organisation)
    if max(own, coordinator) < AccessLevel.READER:
        raise PermissionDenied
    return response


def response_may_edit(*, user: AnyUser, response: Response) -> bool:
    return (
        response.survey.is_open
        and not response.is_submitted
        and access_level(user=user, organisation=response.organisation) >= AccessLevel.EDITOR
    )


def response_may_share(*, user: AnyUser, response: Response) -> bool:
    return access_level(user=user, organisation=response.organisation) >= AccessLevel.EDITOR


def response_values(*, response: Response) -> dict[int, Any]:
    return dict(response.answers.values_list("question_id", "value"))


def previous_values(*, response: Response) -> dict[int, Any]:
    """Last version's answers of the same organisation, keyed by this version's question ids."""
    previous = response.survey.previous
    if previous is None:
        return {}
    mapping = dict(
        response.survey.questions.filter(previous__isnull=False).values_list("previous_id", "pk")
    )
    answers = Answer.objects.filter(
        response__survey=previous, response__organisation=response.organisation
    ).values_list("question_id", "value")
    return {mapping[q]: v for q, v in answers if q in mapping}


# --- Results ------------------------------------------------------------------------------------


@dataclass
class OptionCount:
    value: str
    label: str
    count: int
    share: float
    own: bool = False

    @property
    def percent(self) -> int:
        return round(self.share * 100)


@dataclass
class NamedAnswer:
    organisation: str
    text: str
    example: bool = False


@dataclass
class QuestionResult:
    question: Question
    answered: int
    suppressed: bool
    options: list[OptionCount] = field(default_factory=list)
    mean: float | None = None
    median: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    named: list[NamedAnswer] = field(default_factory=list)
    hidden: int = 0
    previous: QuestionResult | None = None
    own_text: str = ""
    position: str = ""

    @property
    def is_numeric(self) -> bool:
        return self.question.kind in (QuestionKind.SCALE, QuestionKind.NUMBER)

    @property
    def is_text(self) -> bool:
        return self.question.kind == QuestionKind.TEXT

    @property
    def rows(self) -> list[tuple[OptionCount, OptionCount | None]]:
        """Each option with the same option's count in the previous version, if any."""
        before = {o.value: o for o in self.previous.options} if self.previous else {}
        return [(option, before.get(option.value)) for option in self.options]


@dataclass
class SectionResult:
    section: Section
    questions: list[QuestionResult]


@dataclass
class Results:
    survey: Survey
    viewer: Viewer
    sent_to: int
    submitted: int
    sections: list[SectionResult]
    previous: Survey | None = None
    organisation: Organisation | None = None


def _submitted(survey: Survey) -> list[Response]:
    return list(
        survey.responses.filter(state=ResponseState.SUBMITTED)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def _answers(responses: list[Response]) -> dict[int, dict[int, Any]]:
    """{question id: {response id: value}} for the given responses, in one query."""
    by_question: dict[int, dict[int, Any]] = defaultdict(dict)
    rows = Answer.objects.filter(response__in=[r.pk for r in responses]).values_list(
        "question_id", "response_id", "value"
    )
    for question_id, response_id, value in rows:
        if value is not None:
            by_question[question_id][response_id] = value
    return by_question


def _question_result(
    question: Question,
    values: dict[int, Any],
    responses: dict[int, Response],
    viewer: Viewer,
    min_group: int,
    own_response: Response | None,
) -> QuestionResult:
    answered = len(values)
    suppressed = answered < min_group and not viewer.sees_everything
    result = QuestionResult(question=question, answered=answered, suppressed=suppressed)
    own_value = values.get(own_response.pk) if own_response is not None else None
    if own_response is not None:
        result.own_text = answer_text(question, own_value)
    kind = question.kind
    if not suppressed and kind != QuestionKind.TEXT:
        counted: Counter[str] = Counter()
        for value in values.values():
            if kind == QuestionKind.YES_NO:
                counted["yes" if value else "no"] += 1
            elif kind == QuestionKind.MULTIPLE:
                counted.update(str(v) for v in value)
            elif kind != QuestionKind.NUMBER:
                counted[str(value)] += 1
        own_keys: set[str] = set()
        if own_value is not None:
            if kind == QuestionKind.YES_NO:
                own_keys = {"yes" if own_value else "no"}
            elif kind == QuestionKind.MULTIPLE:
                own_keys = {str(v) for v in own_value}
            else:
                own_keys = {str(own_value)}
        result.options = [
            OptionCount(
                value=value,
                label=label,
                count=counted[value],
                share=counted[value] / answered if answered else 0.0,
                own=value in own_keys,
            )
            for value, label in question.options
        ]
        if result.is_numeric and values:
            numbers = [float(v) for v in values.values()]
            result.mean = round(statistics.fmean(numbers), 1)
            result.median = statistics.median(numbers)
            result.minimum = min(numbers)
            result.maximum = max(numbers)
            if own_value is not None:
                others = [
                    float(v)
                    for r, v in values.items()
                    if own_response is None or r != own_response.pk
                ]
                mine = float(own_value)
                result.position = _position(
                    lower=sum(1 for n in others if n < mine),
                    same=sum(1 for n in others if n == mine),
                    higher=sum(1 for n in others if n > mine),
                )
    for response_id, value in values.items():
        response = responses[response_id]
        if own_response is not None and response_id == own_response.pk:
            continue
        if viewer.sees_named(response):
            result.named.append(
                NamedAnswer(
                    organisation=response.organisation.name,
                    text=answer_text(question, value),
                    example=response.example,
                )
            )
        else:
            result.hidden += 1
    result.named.sort(key=lambda named: named.organisation)
    return result


def _position(*, lower: int, same: int, higher: int) -> str:
    return _(
        "Av de andra %(total)s svarade %(lower)s lägre, %(same)s lika och %(higher)s högre."
    ) % {"total": lower + same + higher, "lower": lower, "same": same, "higher": higher}


def _results(
    survey: Survey, viewer: Viewer, own: Organisation | None = None
) -> tuple[list[SectionResult], dict[int, QuestionResult], int, int]:
    structure = survey_structure(survey=survey)
    sent_to = survey.responses.count()
    submitted = _submitted(survey)
    by_id = {r.pk: r for r in submitted}
    own_response = next((r for r in submitted if own and r.organisation_id == own.pk), None)
    answers = _answers(submitted)
    by_question: dict[int, QuestionResult] = {}
    sections = []
    for view in structure:
        items = []
        for question in view.questions:
            item = _question_result(
                question,
                answers.get(question.pk, {}),
                by_id,
                viewer,
                survey.min_group,
                own_response,
            )
            by_question[question.pk] = item
            items.append(item)
        sections.append(SectionResult(section=view.section, questions=items))
    return sections, by_question, sent_to, len(submitted)


def survey_results(*, survey: Survey, viewer: Viewer) -> Results:
    """Counts and shares per question, named answers the viewer may see, and last version's."""
    sections, _by_id, sent_to, submitted = _results(survey, viewer)
    previous = survey.previous
    if previous is not None and previous.state != SurveyState.DRAFT:
        _old_sections, old_by_id, _s, _n = _results(previous, viewer)
        for section in sections:
            for item in section.questions:
                if item.question.previous_id in old_by_id:
                    item.previous = old_by_id[item.question.previous_id]
    return Results(
        survey=survey,
        viewer=viewer,
        sent_to=sent_to,
        submitted=submitted,
        sections=sections,
        previous=previous,
    )


def benchmark(*, response: Response) -> Results:
    """One organisation's answers beside everyone's, as that organisation may see them."""
    survey = response.survey
    viewer = organisation_viewer(response.organisation)
    sections, _by_id, sent_to, submitted = _results(survey, viewer, own=response.organisation)
    return Results(
        survey=survey,
        viewer=viewer,
        sent_to=sent_to,
        submitted=submitted,
        sections=sections,
        organisation=response.organisation,
    )


# --- Export -------------------------------------------------------------------------------------


@dataclass
class ExportRow:
    organisation: str
    state: str
    share_named: bool
    respondents: str
    submitted_at: str
    answers: list[str]


@dataclass
class Export:
    survey: Survey
    questions: list[Question]
    rows: list[ExportRow]


def survey_export(*, survey: Survey, viewer: Viewer) -> Export:
    """Every answer the viewer may see named: one row per organisation, one column per question."""
    questions = [q for view in survey_structure(survey=survey) for q in view.questions]
    responses = [
        r
        for r in survey.responses.select_related("organisation").order_by("organisation__name")
        if viewer.sees_named(r) and r.state != ResponseState.NOT_STARTED
    ]
    answers = _answers(responses)
    rows = [
        ExportRow(
            organisation=r.organisation.name,
            state=str(r.get_state_display()),
            share_named=r.share_named,
            respondents=r.respondent_names,
            submitted_at=r.submitted_at.strftime("%Y-%m-%d") if r.submitted_at else "",
            answers=[answer_text(q, answers.get(q.pk, {}).get(r.pk)) for q in questions],
        )
        for r in responses
    ]
    return Export(survey=survey, questions=questions, rows=rows)


def visible_responses(*, survey: Survey, viewer: Viewer) -> list[Response]:
    """The responses whose named answers the viewer may see, with their answers prefetched."""
    return [
        r
        for r in survey.responses.select_related("organisation")
        .prefetch_related("answers")
        .order_by("organisation__name")
        if viewer.sees_named(r)
    ]
