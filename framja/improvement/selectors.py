"""Reads of improvement cycles, scoped to what the user may see.

An organisation's readers read its cycles (administrators above it too, as everywhere);
its editors work on them. A decision may also be recorded by an editor of the DOT or DST.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from framja.improvement.models import (
    AnalysisTopic,
    AnchoringDecision,
    Answer,
    Cycle,
    CycleStep,
    Finding,
    FollowUpMeasure,
    FollowUpValue,
    PDSACycle,
    Question,
    QuestionTemplate,
    Step,
    StepStatus,
    StudyValue,
)
from framja.indicators.models import IndicatorValue, Place
from framja.organisations.models import AccessLevel, Organisation
from framja.organisations.selectors import access_level, require_level

if TYPE_CHECKING:
    from framja.organisations.selectors import AnyUser


def may_edit(*, user: AnyUser, organisation: Organisation) -> bool:
    return access_level(user=user, organisation=organisation) >= AccessLevel.EDITOR


def may_admin(*, user: AnyUser, organisation: Organisation) -> bool:
    return access_level(user=user, organisation=organisation) >= AccessLevel.ADMIN


def cycle_get_for_user(
    *, user: AnyUser, slug: str, pk: int, level: AccessLevel = AccessLevel.READER
) -> Cycle:
    """Return the organisation's cycle if the user has ``level`` there; 404 if missing."""
    try:
        cycle = Cycle.objects.select_related(
            "organisation", "template", "plan", "plan__organisation"
        ).get(pk=pk, organisation__slug=slug)
    except Cycle.DoesNotExist:
        raise Http404 from None
    require_level(user=user, organisation=cycle.organisation, level=level)
    return cycle


def pdsa_get(*, cycle: Cycle, pk: int) -> PDSACycle:
    try:
        pdsa = PDSACycle.objects.get(cycle=cycle, pk=pk)
    except PDSACycle.DoesNotExist:
        raise Http404 from None
    pdsa.cycle = cycle
    return pdsa


def decision_get(*, cycle: Cycle, pk: int) -> AnchoringDecision:
    try:
        return AnchoringDecision.objects.select_related("body_organisation").get(cycle=cycle, pk=pk)
    except AnchoringDecision.DoesNotExist:
        raise Http404 from None


def measure_get(*, cycle: Cycle, pk: int) -> FollowUpMeasure:
    try:
        measure = FollowUpMeasure.objects.get(cycle=cycle, pk=pk)
    except FollowUpMeasure.DoesNotExist:
        raise Http404 from None
    measure.cycle = cycle
    return measure


def step_get(*, cycle: Cycle, step: int) -> CycleStep:
    try:
        cycle_step = CycleStep.objects.get(cycle=cycle, step=step)
    except CycleStep.DoesNotExist:
        raise Http404 from None
    cycle_step.cycle = cycle
    return cycle_step


def templates_for(*, organisation: Organisation) -> QuerySet[QuestionTemplate]:
    """The templates the organisation may use: the default one, its own and those above it."""
    return QuestionTemplate.objects.filter(
        Q(owner__isnull=True) | Q(owner_id__in=[organisation.pk, *organisation.ancestor_ids])
    ).select_related("owner")


def template_get(*, organisation: Organisation, pk: int) -> QuestionTemplate:
    try:
        return templates_for(organisation=organisation).get(pk=pk)
    except QuestionTemplate.DoesNotExist:
        raise Http404 from None


def template_get_for_admin(
    *, user: AnyUser, organisation: Organisation, pk: int
) -> QuestionTemplate:
    require_level(user=user, organisation=organisation, level=AccessLevel.ADMIN)
    try:
        return QuestionTemplate.objects.get(owner=organisation, pk=pk)
    except QuestionTemplate.DoesNotExist:
        raise Http404 from None


# --- One cycle ------------------------------------------------------------------------------------


@dataclass
class QuestionAnswer:
    question: Question
    answer: str


@dataclass
class TopicFinding:
    topic: AnalysisTopic
    finding: Finding | None


@dataclass
class TimelineEntry:
    date: datetime.date
    kind: str
    text: str
    late: bool = False


@dataclass
class CatalogueValue:
    """The latest value in the indicator catalogue for a measure, at the cycle's place."""

    place: str
    period: str
    value: float | None


@dataclass
class CycleView:
    """A cycle with everything its page shows, read in a fixed number of queries."""

    cycle: Cycle
    steps: list[CycleStep]
    inventory: list[QuestionAnswer]
    findings: list[TopicFinding]
    pdsa_cycles: list[PDSACycle]
    decisions: list[AnchoringDecision]
    measures: list[FollowUpMeasure]
    today: datetime.date
    timeline: list[TimelineEntry] = field(default_factory=list)
    catalogue_values: dict[int, CatalogueValue] = field(default_factory=dict)

    @property
    def answered(self) -> int:
        return sum(1 for item in self.inventory if item.answer)

    @property
    def late_step_numbers(self) -> list[int]:
        return [s.step for s in self.steps if s.is_late(self.today)]

    @property
    def dot_approved(self) -> bool:
        return any(d.body == "dot" and d.outcome == "approved" for d in self.decisions)


def cycle_view(*, cycle: Cycle, today: datetime.date | None = None) -> CycleView:
    today = today or timezone.localdate()
    steps = list(cycle.steps.order_by("step"))
    for step in steps:
        step.cycle = cycle
    questions = list(cycle.template.questions.order_by("order", "id"))
    answers = {a.question_id: a.text for a in Answer.objects.filter(cycle=cycle)}
    findings = {f.topic: f for f in Finding.objects.filter(cycle=cycle)}
    pdsa_cycles = list(
        PDSACycle.objects.filter(cycle=cycle)
        .select_related("previous")
        .prefetch_related(
            Prefetch("plan_rows", queryset=_plan_rows()),
            "patient_promises",
            Prefetch(
                "study_values",
                queryset=StudyValue.objects.select_related("indicator", "place"),
            ),
        )
        .order_by("number")
    )
    decisions = list(
        AnchoringDecision.objects.filter(cycle=cycle)
        .select_related("body_organisation")
        .order_by("meeting_date", "id")
    )
    measures = list(
        FollowUpMeasure.objects.filter(cycle=cycle)
        .select_related("indicator")
        .prefetch_related(
            Prefetch("values", queryset=FollowUpValue.objects.order_by("-date", "-id"))
        )
        .order_by("order", "id")
    )
    view = CycleView(
        cycle=cycle,
        steps=steps,
        inventory=[QuestionAnswer(q, answers.get(q.pk, "")) for q in questions],
        findings=[TopicFinding(topic, findings.get(topic)) for topic in AnalysisTopic],
        pdsa_cycles=pdsa_cycles,
        decisions=decisions,
        measures=measures,
        today=today,
    )
    view.timeline = _timeline(view)
    view.catalogue_values = _catalogue_values(cycle, measures)
    return view


def _catalogue_values(cycle: Cycle, measures: list[FollowUpMeasure]) -> dict[int, CatalogueValue]:
    """Return the latest catalogue value of each measure's indicator for the cycle's place: the
    organisation's own place, or that of the municipality or region it is made up of.

    At most three queries whatever the number of measures and values.
    """
    indicator_ids = {m.indicator_id for m in measures if m.indicator_id}
    if not indicator_ids:
        return {}
    codes = [code for code in cycle.organisation.members.values_list("code", flat=True) if code]
    places = list(
        Place.objects.filter(Q(organisation=cycle.organisation) | Q(code__in=codes)).order_by(
            "-organisation_id", "code"
        )
    )
    if not places:
        return {}
    place = places[0]
    latest: dict[int, IndicatorValue] = {}
    values = IndicatorValue.objects.filter(
        indicator_id__in=indicator_ids, place=place, sex="T"
    ).only("indicator_id", "period", "value")
    for value in values:
        if value.indicator_id not in latest or value.period > latest[value.indicator_id].period:
            latest[value.indicator_id] = value
    return {
        m.pk: CatalogueValue(
            place.name, latest[m.indicator_id].period, latest[m.indicator_id].value
        )
        for m in measures
        if m.indicator_id in latest
    }


def _plan_rows() -> QuerySet[Any]:
    from framja.plans.models import PlanRow

    return PlanRow.objects.select_related("plan")


def _timeline(view: CycleView) -> list[TimelineEntry]:
    """Return the cycle's dated events, oldest first: steps planned, started and completed,
    decisions and follow-up results."""
    entries: list[TimelineEntry] = []
    for step in view.steps:
        label = step.get_step_display().capitalize()
        if step.started_on:
            entries.append(
                TimelineEntry(step.started_on, "step", _("%(step)s påbörjades") % {"step": label})
            )
        if step.completed_on:
            entries.append(
                TimelineEntry(step.completed_on, "step", _("%(step)s klart") % {"step": label})
            )
        due = step.due
        if due is not None and step.status != StepStatus.DONE:
            late = step.is_late(view.today)
            text = (
                _("%(step)s skulle ha varit klart (%(week)s)")
                if late
                else _("%(step)s planerat klart (%(week)s)")
            ) % {"step": label, "week": step.week_label or due.isoformat()}
            entries.append(TimelineEntry(due, "plan", text, late=late))
    for decision in view.decisions:
        entries.append(
            TimelineEntry(
                decision.meeting_date,
                "decision",
                _("%(body)s: %(outcome)s (%(minutes)s)")
                % {
                    "body": decision.get_body_display(),
                    "outcome": decision.get_outcome_display(),
                    "minutes": decision.minutes_reference,
                },
            )
        )
    for measure in view.measures:
        for value in measure.values.all():
            entries.append(
                TimelineEntry(
                    value.date,
                    "result",
                    _("Resultat för %(measure)s: %(result)s")
                    % {"measure": measure.name, "result": value.result},
                )
            )
    created = timezone.localdate(view.cycle.created_at)
    # Work recorded afterwards may have started before the cycle was made in Främja; the
    # creation is then no milestone of its own.
    if all(created <= e.date for e in entries if e.kind != "plan"):
        entries.append(TimelineEntry(created, "start", _("Cykeln startades")))
    order = {"start": 0, "step": 1, "decision": 2, "result": 3, "plan": 4}
    entries.sort(key=lambda e: (e.date, order[e.kind]))
    return entries


# --- Overview of a sub-region ---------------------------------------------------------------------


@dataclass
class CycleSummary:
    cycle: Cycle
    steps: list[CycleStep]
    today: datetime.date

    @property
    def current(self) -> CycleStep:
        return self.steps[self.cycle.current_step - 1]

    @property
    def late_steps(self) -> list[CycleStep]:
        return [s for s in self.steps if s.is_late(self.today)]


@dataclass
class StepColumn:
    step: Step
    cycles: list[CycleSummary]


@dataclass
class Overview:
    organisation: Organisation
    columns: list[StepColumn]
    late: int

    @property
    def total(self) -> int:
        return sum(len(c.cycles) for c in self.columns)


def overview(*, organisation: Organisation, today: datetime.date | None = None) -> Overview:
    """Every cycle in the organisation and below it, by current step, with late steps.

    Two queries whatever the number of cycles: the cycles, then their steps.
    """
    today = today or timezone.localdate()
    cycles = (
        Cycle.objects.filter(organisation__path__startswith=organisation.path)
        .select_related("organisation")
        .prefetch_related(Prefetch("steps", queryset=CycleStep.objects.order_by("step")))
        .order_by("organisation__name", "title", "id")
    )
    columns = {step: StepColumn(step, []) for step in Step}
    late = 0
    for cycle in cycles:
        summary = CycleSummary(cycle, list(cycle.steps.all()), today)
        if len(summary.steps) != len(Step):
            continue
        columns[Step(cycle.current_step)].cycles.append(summary)
        late += bool(summary.late_steps)
    return Overview(organisation=organisation, columns=list(columns.values()), late=late)


# --- Side by side ---------------------------------------------------------------------------


@dataclass
class ComparisonRow:
    question: Question
    answers: list[str]


@dataclass
class Comparison:
    template: QuestionTemplate
    cycles: list[Cycle]
    rows: list[ComparisonRow]


def comparison(*, organisation: Organisation, template: QuestionTemplate) -> Comparison:
    """The answers of every cycle below the organisation that runs the template, question by
    question, side by side. Three queries whatever the number of cycles."""
    cycles = list(
        Cycle.objects.filter(organisation__path__startswith=organisation.path, template=template)
        .select_related("organisation")
        .order_by("organisation__name", "title", "id")
    )
    questions = list(template.questions.order_by("order", "id"))
    answers = {
        (a.cycle_id, a.question_id): a.text
        for a in Answer.objects.filter(cycle__in=cycles).only("cycle_id", "question_id", "text")
    }
    rows = [ComparisonRow(q, [answers.get((c.pk, q.pk), "") for c in cycles]) for q in questions]
    return Comparison(template=template, cycles=cycles, rows=rows)
