"""Writes to improvement cycles. Each is atomic and audited."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from framja.core import audit
from framja.core.models import AuditAction
from framja.improvement.bilaga import (
    DEFAULT_QUESTIONS,
    DEFAULT_TEMPLATE_DESCRIPTION,
    DEFAULT_TEMPLATE_NAME,
)
from framja.improvement.models import (
    AnalysisTopic,
    AnchoringDecision,
    Answer,
    Body,
    Cycle,
    CycleStep,
    DecisionOutcome,
    Finding,
    FollowUpMeasure,
    FollowUpValue,
    MeasureKind,
    PDSACycle,
    Question,
    QuestionTemplate,
    Step,
    StepStatus,
    StudyValue,
)
from framja.indicators.models import Indicator, IndicatorSelection, IndicatorValue, Place
from framja.organisations.models import Organisation, OrganisationKind

if TYPE_CHECKING:
    from framja.accounts.models import User
    from framja.catalog.models import PatientPromise
    from framja.plans.models import Plan, PlanRow

# The follow-up of seed 004, "Val av indikatorer för uppföljning övergripande i NO": the
# indicators (with the catalogue code where the demo catalogue has one) and process measures.
SUBREGIONAL_INDICATORS: list[tuple[str, str]] = [
    ("Delaktighet och involvering, patientrapporterat, primärvård", "delaktighet-involvering"),
    ("Diskuterat levnadsvanor, patientrapporterat, primärvård", "diskuterat-levnadsvanor"),
    ("Påverkbar slutenvård vid kronisk sjukdom", "paverkbar-slutenvard"),
    ("Fallskador, särskilt boende", "fallskador-sarskilt-boende"),
    ("Fallskador, hemsjukvård ordinärt boende", "fallskador-hemsjukvard"),
]
SUBREGIONAL_PROCESS_MEASURES = [
    "Lokal samverkan arbetar gemensamt med det hälsofrämjande och förebyggande och följer upp "
    "sitt arbete.",
    "I lokal samverkan sker regelbundet arbete utifrån riskbedömningar, gemensamt med "
    "åtgärdsplaner i samverkan tillsammans med invånaren.",
]

TEMPLATE_FIELDS = {"name", "description"}
CYCLE_FIELDS = {"title", "plan", "strengths", "challenges", "improvement_ideas", "example"}
STEP_FIELDS = {
    "status",
    "planned_year",
    "planned_week",
    "due_date",
    "started_on",
    "completed_on",
    "participants",
    "note",
}
FINDING_FIELDS = {
    "found",
    "next_steps",
    "follow_up_when",
    "follow_up_how",
    "follow_up_what",
    "follow_up_by",
}
PDSA_FIELDS = {
    "title",
    "what",
    "why",
    "how",
    "when",
    "who",
    "follow_up",
    "prediction",
    "do_notes",
    "study_notes",
    "act",
    "act_notes",
}


def _check_fields(fields: dict[str, Any], allowed: set[str], what: str) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


# --- Question templates ---------------------------------------------------------------------


@transaction.atomic
def template_default() -> QuestionTemplate:
    """Return the default template with the questions of Bilaga 1.

    Migration 0002 loads it; should it be missing (a database emptied by hand), it is made
    again here, with the same questions.
    """
    template = QuestionTemplate.objects.filter(is_default=True).first()
    if template is not None:
        return template
    template = QuestionTemplate.objects.create(
        name=DEFAULT_TEMPLATE_NAME, description=DEFAULT_TEMPLATE_DESCRIPTION, is_default=True
    )
    Question.objects.bulk_create(
        Question(template=template, order=order, text=text)
        for order, text in enumerate(DEFAULT_QUESTIONS, start=1)
    )
    audit.record_create(actor=None, instance=template, organisation=None)
    return template


def _clean_questions(questions: list[str]) -> list[str]:
    cleaned = [q.strip() for q in questions if q.strip()]
    if not cleaned:
        raise ValidationError(_("En frågemall behöver minst en fråga."))
    return cleaned


@transaction.atomic
def template_create(
    *,
    actor: User | None,
    owner: Organisation,
    name: str,
    questions: list[str],
    description: str = "",
) -> QuestionTemplate:
    """Make an organisation's own question template."""
    cleaned = _clean_questions(questions)
    template = QuestionTemplate(owner=owner, name=name, description=description)
    template.full_clean()
    template.save()
    Question.objects.bulk_create(
        Question(template=template, order=order, text=text)
        for order, text in enumerate(cleaned, start=1)
    )
    event = audit.record_create(actor=actor, instance=template, organisation=owner)
    event.changes["questions"] = [None, cleaned]
    event.save(update_fields=["changes"])
    return template


@transaction.atomic
def template_update(
    *,
    actor: User | None,
    template: QuestionTemplate,
    questions: list[str] | None = None,
    **fields: Any,
) -> QuestionTemplate:
    """Change a template's name and description, and its questions while no cycle uses it:
    once a cycle answers them, they stay as they were asked."""
    _check_fields(fields, TEMPLATE_FIELDS, "template")
    if template.is_default:
        raise ValidationError(_("Standardmallen kan inte ändras."))
    before = audit.snapshot(template)
    before_questions = list(template.questions.values_list("text", flat=True))
    for name, value in fields.items():
        setattr(template, name, value)
    template.full_clean()
    template.save()
    changes = audit.diff(before, audit.snapshot(template))
    if questions is not None:
        cleaned = _clean_questions(questions)
        if cleaned != before_questions:
            if template.cycles.exists():
                raise ValidationError(
                    _("Mallen används redan; frågorna kan inte ändras. Gör en ny mall i stället.")
                )
            template.questions.all().delete()
            Question.objects.bulk_create(
                Question(template=template, order=order, text=text)
                for order, text in enumerate(cleaned, start=1)
            )
            changes["questions"] = [before_questions, cleaned]
    if changes:
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=template,
            organisation=template.owner,
            changes=changes,
        )
    return template


# --- Cycles and their steps -------------------------------------------------------------------


def _check_plan(organisation: Organisation, plan: Plan | None) -> None:
    """A cycle serves a plan of its own organisation or of one above it."""
    if plan is None:
        return
    allowed = {organisation.pk, *organisation.ancestor_ids}
    if plan.organisation_id not in allowed:
        raise ValidationError(
            _("En förbättringscykel kan bara tjäna en plan i organisationen eller ovanför den.")
        )


def _check_template(organisation: Organisation, template: QuestionTemplate) -> None:
    if template.owner_id is None:
        return
    if template.owner_id not in {organisation.pk, *organisation.ancestor_ids}:
        raise ValidationError(_("Frågemallen hör till en annan organisation."))


@transaction.atomic
def cycle_create(
    *,
    actor: User | None,
    organisation: Organisation,
    title: str,
    template: QuestionTemplate | None = None,
    plan: Plan | None = None,
    example: bool = False,
    inventory_year: int | None = None,
    inventory_week: int | None = None,
    participants: str = "",
) -> Cycle:
    """Start a cycle at step 1, with the default template unless another is given."""
    template = template or template_default()
    _check_template(organisation, template)
    _check_plan(organisation, plan)
    cycle = Cycle(
        organisation=organisation, title=title, template=template, plan=plan, example=example
    )
    cycle.full_clean()
    cycle.save()
    steps = [CycleStep(cycle=cycle, step=step) for step in Step]
    first = steps[0]
    first.planned_year = inventory_year
    first.planned_week = inventory_week
    first.participants = participants
    for step in steps:
        step.full_clean(exclude=["cycle"])
    CycleStep.objects.bulk_create(steps)
    audit.record_create(actor=actor, instance=cycle, organisation=organisation)
    return cycle


@transaction.atomic
def cycle_update(*, actor: User | None, cycle: Cycle, **fields: Any) -> Cycle:
    _check_fields(fields, CYCLE_FIELDS, "cycle")
    if "plan" in fields:
        _check_plan(cycle.organisation, fields["plan"])
    before = audit.snapshot(cycle)
    for name, value in fields.items():
        setattr(cycle, name, value)
    cycle.full_clean()
    cycle.save()
    audit.record_update(actor=actor, instance=cycle, organisation=cycle.organisation, before=before)
    return cycle


def _advance(actor: User | None, cycle: Cycle) -> None:
    """Set the cycle's current step to its first step not done (the last when all are)."""
    statuses = dict(cycle.steps.values_list("step", "status"))
    current = next(
        (step for step in Step if statuses.get(step.value) != StepStatus.DONE), Step.FOLLOW_UP
    )
    if cycle.current_step != current:
        before = audit.snapshot(cycle, fields=["current_step"])
        cycle.current_step = current
        cycle.save(update_fields=["current_step"])
        audit.record_update(
            actor=actor, instance=cycle, organisation=cycle.organisation, before=before
        )


@transaction.atomic
def step_update(*, actor: User | None, step: CycleStep, **fields: Any) -> CycleStep:
    """Change a step's status, planned week, dates or participants; keep the cycle's current
    step at the first step not done."""
    _check_fields(fields, STEP_FIELDS, "step")
    before = audit.snapshot(step)
    for name, value in fields.items():
        setattr(step, name, value)
    today = timezone.localdate()
    if step.status != StepStatus.NOT_STARTED and step.started_on is None:
        step.started_on = min(today, step.completed_on or today)
    if step.status == StepStatus.DONE and step.completed_on is None:
        step.completed_on = max(today, step.started_on or today)
    if step.status != StepStatus.DONE:
        step.completed_on = None
    step.full_clean()
    step.save()
    audit.record_update(
        actor=actor, instance=step, organisation=step.cycle.organisation, before=before
    )
    _advance(actor, step.cycle)
    return step


def _step(cycle: Cycle, step: Step) -> CycleStep:
    return CycleStep.objects.select_related("cycle__organisation").get(cycle=cycle, step=step)


def _start(actor: User | None, cycle: Cycle, step: Step, on: datetime.date | None = None) -> None:
    """Mark a step in progress when work on it is saved, unless it is already under way;
    ``on`` is the day the work was done, when it is known and not in the future."""
    cycle_step = _step(cycle, step)
    if cycle_step.status == StepStatus.NOT_STARTED:
        started = min(on, timezone.localdate()) if on is not None else None
        step_update(actor=actor, step=cycle_step, status=StepStatus.IN_PROGRESS, started_on=started)


# --- Inventory and analysis -------------------------------------------------------------------


@transaction.atomic
def answers_save(*, actor: User | None, cycle: Cycle, answers: dict[int, str]) -> list[Answer]:
    """Save the cycle's answers, by question id, to its template's questions."""
    questions = {q.pk: q for q in cycle.template.questions.all()}
    foreign = set(answers) - set(questions)
    if foreign:
        raise ValidationError(_("Frågan hör inte till cykelns frågemall."))
    existing = {a.question_id: a for a in cycle.answers.all()}
    saved = []
    for question_id, text in answers.items():
        text = text.strip()
        answer = existing.get(question_id)
        if answer is None:
            if not text:
                continue
            answer = Answer(cycle=cycle, question=questions[question_id], text=text)
            answer.save()
            audit.record_create(actor=actor, instance=answer, organisation=cycle.organisation)
        elif answer.text != text:
            before = audit.snapshot(answer)
            answer.text = text
            answer.save(update_fields=["text"])
            audit.record_update(
                actor=actor, instance=answer, organisation=cycle.organisation, before=before
            )
        saved.append(answer)
    if saved:
        _start(actor, cycle, Step.INVENTORY)
    return saved


@transaction.atomic
def finding_save(*, actor: User | None, cycle: Cycle, topic: str, **fields: Any) -> Finding:
    """Set what the analysis found for one Bilaga 2 question, with next steps and follow-up."""
    _check_fields(fields, FINDING_FIELDS, "finding")
    if topic not in AnalysisTopic.values:
        raise ValidationError(_("Okänd fråga i analysen."))
    finding = Finding.objects.filter(cycle=cycle, topic=topic).first()
    created = finding is None
    if finding is None:
        finding = Finding(cycle=cycle, topic=topic)
    before = {} if created else audit.snapshot(finding)
    for name, value in fields.items():
        setattr(finding, name, value.strip() if isinstance(value, str) else value)
    if created and not any(getattr(finding, name) for name in FINDING_FIELDS):
        return finding
    finding.full_clean()
    finding.save()
    if created:
        audit.record_create(actor=actor, instance=finding, organisation=cycle.organisation)
    else:
        audit.record_update(
            actor=actor, instance=finding, organisation=cycle.organisation, before=before
        )
    _start(actor, cycle, Step.ANALYSIS)
    return finding


# --- PDSA ---------------------------------------------------------------------------------------


def _check_links(cycle: Cycle, plan_rows: list[PlanRow] | None) -> None:
    if not plan_rows:
        return
    allowed = {cycle.organisation_id, *cycle.organisation.ancestor_ids}
    if any(row.plan.organisation_id not in allowed for row in plan_rows):
        raise ValidationError(
            _("En PDSA-cykel kan bara kopplas till rader i planer i organisationen eller ovanför.")
        )


def _links_changes(
    pdsa: PDSACycle, rows: list[str] | None, promises: list[str] | None
) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    after_rows = sorted(str(r) for r in pdsa.plan_rows.all())
    after_promises = sorted(str(p) for p in pdsa.patient_promises.all())
    if after_rows != (rows or []):
        changes["plan_rows"] = [rows, after_rows]
    if after_promises != (promises or []):
        changes["patient_promises"] = [promises, after_promises]
    return changes


@transaction.atomic
def pdsa_create(
    *,
    actor: User | None,
    cycle: Cycle,
    title: str,
    previous: PDSACycle | None = None,
    plan_rows: list[PlanRow] | None = None,
    patient_promises: list[PatientPromise] | None = None,
    **fields: Any,
) -> PDSACycle:
    """Plan a PDSA cycle; a next cycle follows one whose Act has been decided."""
    _check_fields(fields, PDSA_FIELDS, "PDSA")
    if previous is not None:
        if previous.cycle_id != cycle.pk:
            raise ValidationError(_("Den föregående PDSA-cykeln hör till en annan cykel."))
        if not previous.act:
            raise ValidationError(
                _("Bestäm först vad PDSA-cykeln ledde till (införa, anpassa eller överge).")
            )
        if PDSACycle.objects.filter(previous=previous).exists():
            raise ValidationError(_("Den PDSA-cykeln har redan en efterföljare."))
    _check_links(cycle, plan_rows)
    top = cycle.pdsa_cycles.aggregate(top=Max("number"))["top"]
    pdsa = PDSACycle(
        cycle=cycle, title=title, previous=previous, number=int(top or 0) + 1, **fields
    )
    pdsa.full_clean()
    pdsa.save()
    if plan_rows:
        pdsa.plan_rows.set(plan_rows)
    if patient_promises:
        pdsa.patient_promises.set(patient_promises)
    event = audit.record_create(actor=actor, instance=pdsa, organisation=cycle.organisation)
    links = _links_changes(pdsa, None, None)
    if links:
        event.changes.update(links)
        event.save(update_fields=["changes"])
    return pdsa


@transaction.atomic
def pdsa_update(
    *,
    actor: User | None,
    pdsa: PDSACycle,
    plan_rows: list[PlanRow] | None = None,
    patient_promises: list[PatientPromise] | None = None,
    **fields: Any,
) -> PDSACycle:
    _check_fields(fields, PDSA_FIELDS, "PDSA")
    cycle = pdsa.cycle
    _check_links(cycle, plan_rows)
    before = audit.snapshot(pdsa)
    before_rows = sorted(str(r) for r in pdsa.plan_rows.all())
    before_promises = sorted(str(p) for p in pdsa.patient_promises.all())
    for name, value in fields.items():
        setattr(pdsa, name, value)
    pdsa.full_clean()
    pdsa.save()
    if plan_rows is not None:
        pdsa.plan_rows.set(plan_rows)
    if patient_promises is not None:
        pdsa.patient_promises.set(patient_promises)
    changes = audit.diff(before, audit.snapshot(pdsa))
    changes.update(_links_changes(pdsa, before_rows, before_promises))
    if changes:
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=pdsa,
            organisation=cycle.organisation,
            changes=changes,
        )
    return pdsa


@transaction.atomic
def study_value_link(
    *,
    actor: User | None,
    pdsa: PDSACycle,
    indicator: Indicator,
    place: Place,
    period: str,
    sex: str = "T",
) -> StudyValue:
    """Link an indicator value to the PDSA cycle's Study, keeping the value as it is now."""
    found = IndicatorValue.objects.filter(
        indicator=indicator, place=place, period=period, sex=sex
    ).first()
    if found is None:
        raise ValidationError(
            _("Det finns inget värde för %(indicator)s, %(place)s, %(period)s.")
            % {"indicator": indicator.name, "place": place.name, "period": period}
        )
    if StudyValue.objects.filter(
        pdsa=pdsa, indicator=indicator, place=place, period=period, sex=sex
    ).exists():
        raise ValidationError(_("Värdet är redan kopplat till PDSA-cykeln."))
    linked = StudyValue.objects.create(
        pdsa=pdsa, indicator=indicator, place=place, period=period, sex=sex, value=found.value
    )
    audit.record_create(actor=actor, instance=linked, organisation=pdsa.cycle.organisation)
    return linked


# --- Anchoring ------------------------------------------------------------------------------------


def _body_kind(body: str) -> str:
    return OrganisationKind.OPERATIVE_GROUP if body == Body.DOT else OrganisationKind.STEERING_GROUP


def cycle_content(*, cycle: Cycle) -> dict[str, Any]:
    """Return the cycle's inventory, analysis and PDSA cycles as plain data, for a snapshot."""
    answers = {a.question_id: a.text for a in cycle.answers.all()}
    findings = {f.topic: f for f in cycle.findings.all()}
    return {
        "cycle": cycle.title,
        "organisation": cycle.organisation.name,
        "plan": str(cycle.plan) if cycle.plan_id else None,
        "template": cycle.template.name,
        "inventory": [
            {"question": q.text, "answer": answers.get(q.pk, "")}
            for q in cycle.template.questions.all()
        ],
        "strengths": cycle.strengths,
        "challenges": cycle.challenges,
        "improvement_ideas": cycle.improvement_ideas,
        "analysis": [
            {
                "question": str(topic.label),
                **{name: getattr(findings[topic], name) for name in sorted(FINDING_FIELDS)},
            }
            for topic in AnalysisTopic
            if topic in findings
        ],
        "pdsa": [
            {
                "number": p.number,
                "title": p.title,
                **{name: getattr(p, name) for name in sorted(PDSA_FIELDS - {"title"})},
                "plan_rows": [str(r) for r in p.plan_rows.all()],
                "patient_promises": [str(pp) for pp in p.patient_promises.all()],
            }
            for p in cycle.pdsa_cycles.order_by("number")
        ],
    }


@transaction.atomic
def decision_record(
    *,
    actor: User | None,
    cycle: Cycle,
    body: str,
    meeting_date: datetime.date,
    outcome: str,
    minutes_reference: str,
    proposal: str,
    comment: str = "",
    body_organisation: Organisation | None = None,
) -> AnchoringDecision:
    """Record what DOT or DST decided on the cycle's proposal, with a snapshot of the cycle.

    DST decides only on what DOT has approved. An approval in DST completes the anchoring step.
    """
    if body not in Body.values:
        raise ValidationError(_("Okänd instans."))
    if outcome not in DecisionOutcome.values:
        raise ValidationError(_("Okänt beslut."))
    if body_organisation is not None and body_organisation.kind != _body_kind(body):
        raise ValidationError(
            _("%(organisation)s är inte en %(body)s.")
            % {"organisation": body_organisation.name, "body": Body(body).label}
        )
    organisation = cycle.organisation
    if body_organisation is not None and body_organisation.parent_id not in {
        organisation.pk,
        *organisation.ancestor_ids,
    }:
        raise ValidationError(
            _("%(organisation)s hör inte till samma samverkan som cykeln.")
            % {"organisation": body_organisation.name}
        )
    if body == Body.DST:
        approved = AnchoringDecision.objects.filter(
            cycle=cycle, body=Body.DOT, outcome=DecisionOutcome.APPROVED
        ).order_by("-meeting_date")
        first = approved.first()
        if first is None:
            raise ValidationError(_("Förslaget ska först godkännas av DOT innan DST beslutar."))
        if meeting_date < first.meeting_date:
            raise ValidationError(_("DST:s möte kan inte ligga före DOT:s godkännande."))
    decision = AnchoringDecision(
        cycle=cycle,
        body=body,
        body_organisation=body_organisation,
        meeting_date=meeting_date,
        outcome=outcome,
        minutes_reference=minutes_reference,
        proposal=proposal,
        comment=comment,
        snapshot={"proposal": proposal, **cycle_content(cycle=cycle)},
        recorded_by_name=actor.get_full_name() if actor is not None and actor.pk else "",
    )
    decision.full_clean()
    decision.save()
    audit.record_create(actor=actor, instance=decision, organisation=cycle.organisation)
    step = _step(cycle, Step.ANCHORING)
    if body == Body.DST and outcome == DecisionOutcome.APPROVED:
        step_update(
            actor=actor,
            step=step,
            status=StepStatus.DONE,
            started_on=step.started_on or meeting_date,
            completed_on=max(meeting_date, step.started_on or meeting_date),
        )
    elif step.status == StepStatus.NOT_STARTED:
        step_update(actor=actor, step=step, status=StepStatus.IN_PROGRESS, started_on=meeting_date)
    return decision


# --- Follow-up ------------------------------------------------------------------------------------


@transaction.atomic
def measure_create(
    *,
    actor: User | None,
    cycle: Cycle,
    kind: str,
    name: str = "",
    indicator: Indicator | None = None,
    subregional: bool = False,
) -> FollowUpMeasure:
    """Follow up an indicator (from the catalogue or one of the collaboration's own) or a
    process measure."""
    if kind == MeasureKind.PROCESS and indicator is not None:
        raise ValidationError(_("Ett processmått är ingen indikator i katalogen."))
    name = name.strip() or (indicator.name if indicator is not None else "")
    if not name:
        raise ValidationError(_("Ange ett namn eller välj en indikator."))
    top = cycle.measures.aggregate(top=Max("order"))["top"]
    measure = FollowUpMeasure(
        cycle=cycle,
        kind=kind,
        name=name,
        indicator=indicator,
        subregional=subregional,
        order=int(top or 0) + 1,
    )
    measure.full_clean()
    measure.save()
    audit.record_create(actor=actor, instance=measure, organisation=cycle.organisation)
    return measure


@transaction.atomic
def measures_add_subregional(*, actor: User | None, cycle: Cycle) -> list[FollowUpMeasure]:
    """Add the indicators and process measures Nordost follows across the sub-region (seed
    004), skipping those the cycle already follows."""
    have = set(cycle.measures.values_list("name", flat=True))
    indicators = Indicator.objects.in_bulk(
        [code for _name, code in SUBREGIONAL_INDICATORS], field_name="code"
    )
    added = []
    for name, code in SUBREGIONAL_INDICATORS:
        if name not in have:
            added.append(
                measure_create(
                    actor=actor,
                    cycle=cycle,
                    kind=MeasureKind.INDICATOR,
                    name=name,
                    indicator=indicators.get(code),
                    subregional=True,
                )
            )
    for name in SUBREGIONAL_PROCESS_MEASURES:
        if name not in have:
            added.append(
                measure_create(
                    actor=actor, cycle=cycle, kind=MeasureKind.PROCESS, name=name, subregional=True
                )
            )
    return added


@transaction.atomic
def measures_add_followed(*, actor: User | None, cycle: Cycle) -> list[FollowUpMeasure]:
    """Add the indicators the cycle's organisation, or one above it, follows ("Val av
    indikatorer", for the organisation or the cycle's plan), skipping those already there."""
    organisation = cycle.organisation
    selections = (
        IndicatorSelection.objects.filter(
            organisation_id__in=[organisation.pk, *organisation.ancestor_ids]
        )
        .filter(Q(plan__isnull=True) | Q(plan_id=cycle.plan_id))
        .select_related("indicator")
        .order_by("indicator__name", "id")
    )
    have = set(cycle.measures.exclude(indicator=None).values_list("indicator_id", flat=True))
    added = []
    for selection in selections:
        if selection.indicator_id in have:
            continue
        have.add(selection.indicator_id)
        added.append(
            measure_create(
                actor=actor,
                cycle=cycle,
                kind=MeasureKind.INDICATOR,
                indicator=selection.indicator,
                subregional=selection.organisation_id != organisation.pk,
            )
        )
    return added


@transaction.atomic
def followup_value_record(
    *,
    actor: User | None,
    measure: FollowUpMeasure,
    date: datetime.date,
    result: str,
    value: float | None = None,
    note: str = "",
) -> FollowUpValue:
    """Record a result of a follow-up measure on a date; the follow-up step is then under way."""
    entry = FollowUpValue(measure=measure, date=date, result=result, value=value, note=note)
    entry.full_clean()
    entry.save()
    cycle = measure.cycle
    audit.record_create(actor=actor, instance=entry, organisation=cycle.organisation)
    _start(actor, cycle, Step.FOLLOW_UP, on=date)
    return entry
