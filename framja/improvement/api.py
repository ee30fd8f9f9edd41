"""API for improvement cycles: read by the organisation's readers, written by its editors.
Anchoring decisions are added, never changed."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from framja.api.api import LOGGED_IN
from framja.catalog.models import PatientPromise
from framja.improvement import selectors, services
from framja.improvement.models import (
    ActDecision,
    AnchoringDecision,
    Body,
    Cycle,
    CycleStep,
    DecisionOutcome,
    FollowUpValue,
    PDSACycle,
    Step,
    StepStatus,
)
from framja.organisations.models import AccessLevel
from framja.organisations.selectors import access_level, organisation_get
from framja.plans.models import Plan, PlanRow

router = Router(tags=["förbättringsarbete"])


class StepOut(Schema):
    step: int
    name: str = Field(..., alias="get_step_display")
    status: str
    planned_year: int | None
    planned_week: int | None
    due: datetime.date | None
    started_on: datetime.date | None
    completed_on: datetime.date | None
    participants: str
    note: str
    late: bool


class CycleOut(Schema):
    id: int
    organisation: str = Field(..., alias="organisation.slug")
    title: str
    plan_id: int | None
    template_id: int
    current_step: int
    example: bool
    url: str = Field(..., alias="get_absolute_url")


class AnswerOut(Schema):
    question_id: int
    question: str
    answer: str


class FindingOut(Schema):
    topic: str
    question: str
    found: str
    next_steps: str
    follow_up_when: str
    follow_up_how: str
    follow_up_what: str
    follow_up_by: str


class StudyValueOut(Schema):
    indicator: str = Field(..., alias="indicator.code")
    place: str = Field(..., alias="place.code")
    period: str
    sex: str
    value: float | None


class PDSAOut(Schema):
    id: int
    number: int
    previous_id: int | None
    title: str
    what: str
    why: str
    how: str
    when: str
    who: str
    follow_up: str
    prediction: str
    do_notes: str
    study_notes: str
    act: str
    act_notes: str
    plan_row_ids: list[int]
    patient_promise_ids: list[int]
    study_values: list[StudyValueOut]


class DecisionOut(Schema):
    id: int
    body: str
    body_organisation: str | None = Field(None, alias="body_organisation.slug")
    meeting_date: datetime.date
    outcome: str
    minutes_reference: str
    proposal: str
    comment: str
    snapshot: dict[str, Any]
    recorded_at: datetime.datetime
    recorded_by_name: str


class ValueOut(Schema):
    id: int
    date: datetime.date
    result: str
    value: float | None
    note: str


class MeasureOut(Schema):
    id: int
    kind: str
    name: str
    indicator: str | None = Field(None, alias="indicator.code")
    subregional: bool
    values: list[ValueOut]


class CycleDetailOut(CycleOut):
    strengths: str
    challenges: str
    improvement_ideas: str
    steps: list[StepOut] = Field(..., alias="api_steps")
    answers: list[AnswerOut] = Field(..., alias="api_answers")
    findings: list[FindingOut] = Field(..., alias="api_findings")
    pdsa_cycles: list[PDSAOut] = Field(..., alias="api_pdsa")
    decisions: list[DecisionOut] = Field(..., alias="api_decisions")
    measures: list[MeasureOut] = Field(..., alias="api_measures")


class CycleIn(Schema):
    organisation: str
    title: str
    plan_id: int | None = None
    template_id: int | None = None


class AnswerIn(Schema):
    question_id: int
    text: str


class AnswersIn(Schema):
    answers: list[AnswerIn]


class StepIn(Schema):
    status: StepStatus | None = None
    planned_year: int | None = None
    planned_week: int | None = None
    due_date: datetime.date | None = None
    started_on: datetime.date | None = None
    completed_on: datetime.date | None = None
    participants: str | None = None
    note: str | None = None


class PDSAIn(Schema):
    title: str
    previous_id: int | None = None
    what: str = ""
    why: str = ""
    how: str = ""
    when: str = ""
    who: str = ""
    follow_up: str = ""
    prediction: str = ""
    do_notes: str = ""
    study_notes: str = ""
    act: ActDecision | None = None
    act_notes: str = ""
    plan_row_ids: list[int] = []
    patient_promise_ids: list[int] = []


class DecisionIn(Schema):
    body: Body
    body_organisation: str | None = None
    meeting_date: datetime.date
    outcome: DecisionOutcome
    minutes_reference: str
    proposal: str
    comment: str = ""


class ValueIn(Schema):
    date: datetime.date
    result: str
    value: float | None = None
    note: str = ""


class CreatedOut(Schema):
    id: int


def _validation(error: ValidationError) -> HttpError:
    return HttpError(422, " ".join(error.messages))


STEP_FIELDS = (
    "step",
    "status",
    "planned_year",
    "planned_week",
    "due",
    "started_on",
    "completed_on",
    "participants",
    "note",
)


def _step(step: CycleStep, late: bool) -> dict[str, Any]:
    return {
        **{name: getattr(step, name) for name in STEP_FIELDS},
        "get_step_display": step.get_step_display(),
        "late": late,
    }


def _cycle(request: HttpRequest, cycle_id: int, *, edit: bool = False) -> Cycle:
    """Return the cycle; 404 if the user may not read it, 403 if they may not edit it."""
    cycle = (
        Cycle.objects.select_related("organisation", "template", "plan").filter(pk=cycle_id).first()
    )
    level = access_level(user=request.user, organisation=cycle.organisation) if cycle else 0
    if cycle is None or level < AccessLevel.READER:
        raise HttpError(404, "Cykeln finns inte, eller så får du inte se den.")
    if edit and level < AccessLevel.EDITOR:
        raise HttpError(403, "Du får inte ändra den här cykeln.")
    return cycle


@router.get(
    "/cycles",
    response=list[CycleOut],
    auth=LOGGED_IN,
    summary="Lista förbättringscykler",
    description="Cyklerna i en organisation (kortadress) och organisationerna under den.",
)
def list_cycles(request: HttpRequest, organisation: str) -> list[Cycle]:
    found = organisation_get(slug=organisation)
    if access_level(user=request.user, organisation=found) < AccessLevel.READER:
        raise HttpError(403, "Du får inte läsa organisationens förbättringsarbete.")
    return list(
        Cycle.objects.filter(organisation__path__startswith=found.path)
        .select_related("organisation")
        .order_by("organisation__name", "title", "id")
    )


@router.get(
    "/cycles/{cycle_id}",
    response=CycleDetailOut,
    auth=LOGGED_IN,
    summary="Hämta en cykel med steg, svar, analys, PDSA-cykler, beslut och uppföljning",
)
def get_cycle(request: HttpRequest, cycle_id: int) -> Cycle:
    cycle = _cycle(request, cycle_id)
    view = selectors.cycle_view(cycle=cycle)
    late = set(view.late_step_numbers)
    cycle.api_steps = [_step(s, s.step in late) for s in view.steps]  # type: ignore[attr-defined]
    cycle.api_answers = [  # type: ignore[attr-defined]
        {"question_id": i.question.pk, "question": i.question.text, "answer": i.answer}
        for i in view.inventory
    ]
    cycle.api_findings = [  # type: ignore[attr-defined]
        {
            "topic": item.topic.value,
            "question": str(item.topic.label),
            **{name: getattr(item.finding, name, "") for name in sorted(services.FINDING_FIELDS)},
        }
        for item in view.findings
    ]
    cycle.api_pdsa = [  # type: ignore[attr-defined]
        {
            "id": p.pk,
            "number": p.number,
            "previous_id": p.previous_id,
            "title": p.title,
            **{name: getattr(p, name) for name in services.PDSA_FIELDS - {"title"}},
            "plan_row_ids": [r.pk for r in p.plan_rows.all()],
            "patient_promise_ids": [pp.pk for pp in p.patient_promises.all()],
            "study_values": list(p.study_values.all()),
        }
        for p in view.pdsa_cycles
    ]
    cycle.api_decisions = view.decisions  # type: ignore[attr-defined]
    cycle.api_measures = [  # type: ignore[attr-defined]
        {
            "id": m.pk,
            "kind": m.kind,
            "name": m.name,
            "indicator": m.indicator.code if m.indicator else None,
            "subregional": m.subregional,
            "values": list(m.values.all()),
        }
        for m in view.measures
    ]
    return cycle


@router.post(
    "/cycles",
    response={201: CreatedOut},
    auth=LOGGED_IN,
    summary="Starta en cykel (redaktör), med standardmallen om ingen annan anges",
)
def create_cycle(request: HttpRequest, payload: CycleIn) -> Status[Cycle]:
    organisation = organisation_get(slug=payload.organisation)
    if access_level(user=request.user, organisation=organisation) < AccessLevel.EDITOR:
        raise HttpError(403, "Du får inte starta cykler i organisationen.")
    plan = None
    if payload.plan_id is not None:
        plan = Plan.objects.filter(pk=payload.plan_id).first()
        if plan is None:
            raise HttpError(422, "Okänd plan i plan_id.")
    template = None
    if payload.template_id is not None:
        template = (
            selectors.templates_for(organisation=organisation)
            .filter(pk=payload.template_id)
            .first()
        )
        if template is None:
            raise HttpError(422, "Okänd frågemall i template_id.")
    try:
        cycle = services.cycle_create(
            actor=request.user,  # type: ignore[arg-type]
            organisation=organisation,
            title=payload.title,
            plan=plan,
            template=template,
        )
    except ValidationError as error:
        raise _validation(error) from None
    return Status(201, cycle)


@router.put(
    "/cycles/{cycle_id}/answers",
    response=list[AnswerOut],
    auth=LOGGED_IN,
    summary="Spara svar på inventeringens frågor (redaktör)",
)
def put_answers(request: HttpRequest, cycle_id: int, payload: AnswersIn) -> list[dict[str, Any]]:
    cycle = _cycle(request, cycle_id, edit=True)
    try:
        services.answers_save(
            actor=request.user,  # type: ignore[arg-type]
            cycle=cycle,
            answers={item.question_id: item.text for item in payload.answers},
        )
    except ValidationError as error:
        raise _validation(error) from None
    return [
        {"question_id": i.question.pk, "question": i.question.text, "answer": i.answer}
        for i in selectors.cycle_view(cycle=cycle).inventory
    ]


@router.patch(
    "/cycles/{cycle_id}/steps/{step}",
    response=StepOut,
    auth=LOGGED_IN,
    summary="Ändra ett stegs status, planerade vecka, datum eller deltagare (redaktör)",
)
def update_step(request: HttpRequest, cycle_id: int, step: int, payload: StepIn) -> dict[str, Any]:
    cycle = _cycle(request, cycle_id, edit=True)
    if step not in Step.values:
        raise HttpError(404, "Steget finns inte.")
    cycle_step = selectors.step_get(cycle=cycle, step=step)
    try:
        services.step_update(
            actor=request.user,  # type: ignore[arg-type]
            step=cycle_step,
            **payload.model_dump(exclude_unset=True),
        )
    except ValidationError as error:
        raise _validation(error) from None
    return _step(cycle_step, cycle_step.is_late())


@router.post(
    "/cycles/{cycle_id}/pdsa",
    response={201: CreatedOut},
    auth=LOGGED_IN,
    summary="Lägg till en PDSA-cykel (redaktör)",
)
def add_pdsa(request: HttpRequest, cycle_id: int, payload: PDSAIn) -> Status[PDSACycle]:
    cycle = _cycle(request, cycle_id, edit=True)
    data = payload.model_dump()
    previous_id = data.pop("previous_id")
    row_ids = data.pop("plan_row_ids")
    promise_ids = data.pop("patient_promise_ids")
    data["act"] = data["act"] or ""
    previous = None
    if previous_id is not None:
        previous = PDSACycle.objects.filter(cycle=cycle, pk=previous_id).first()
        if previous is None:
            raise HttpError(422, "Okänd PDSA-cykel i previous_id.")
    rows = list(PlanRow.objects.filter(pk__in=row_ids).select_related("plan"))
    promises = list(PatientPromise.objects.filter(pk__in=promise_ids))
    if len(rows) != len(set(row_ids)) or len(promises) != len(set(promise_ids)):
        raise HttpError(422, "Okänd rad eller okänt patientlöfte.")
    try:
        pdsa = services.pdsa_create(
            actor=request.user,  # type: ignore[arg-type]
            cycle=cycle,
            previous=previous,
            plan_rows=rows,
            patient_promises=promises,
            **data,
        )
    except ValidationError as error:
        raise _validation(error) from None
    return Status(201, pdsa)


class PDSAUpdateIn(Schema):
    title: str | None = None
    what: str | None = None
    why: str | None = None
    how: str | None = None
    when: str | None = None
    who: str | None = None
    follow_up: str | None = None
    prediction: str | None = None
    do_notes: str | None = None
    study_notes: str | None = None
    act: ActDecision | None = None
    act_notes: str | None = None
    plan_row_ids: list[int] | None = None
    patient_promise_ids: list[int] | None = None


@router.patch(
    "/cycles/{cycle_id}/pdsa/{pdsa_id}",
    response=CreatedOut,
    auth=LOGGED_IN,
    summary="Ändra en PDSA-cykel: gör, studera, agera … (redaktör)",
)
def update_pdsa(
    request: HttpRequest, cycle_id: int, pdsa_id: int, payload: PDSAUpdateIn
) -> PDSACycle:
    cycle = _cycle(request, cycle_id, edit=True)
    pdsa = selectors.pdsa_get(cycle=cycle, pk=pdsa_id)
    data = payload.model_dump(exclude_unset=True)
    row_ids = data.pop("plan_row_ids", None)
    promise_ids = data.pop("patient_promise_ids", None)
    if "act" in data:
        data["act"] = data["act"] or ""
    if any(value is None for value in data.values()):
        raise HttpError(422, "Ett fält kan inte vara null.")
    rows = None
    if row_ids is not None:
        rows = list(PlanRow.objects.filter(pk__in=row_ids).select_related("plan"))
        if len(rows) != len(set(row_ids)):
            raise HttpError(422, "Okänd rad i plan_row_ids.")
    promises = None
    if promise_ids is not None:
        promises = list(PatientPromise.objects.filter(pk__in=promise_ids))
        if len(promises) != len(set(promise_ids)):
            raise HttpError(422, "Okänt patientlöfte i patient_promise_ids.")
    try:
        return services.pdsa_update(
            actor=request.user,  # type: ignore[arg-type]
            pdsa=pdsa,
            plan_rows=rows,
            patient_promises=promises,
            **data,
        )
    except ValidationError as error:
        raise _validation(error) from None


@router.get(
    "/cycles/{cycle_id}/decisions",
    response=list[DecisionOut],
    auth=LOGGED_IN,
    summary="Lista cykelns förankringsbeslut med ögonblicksbilder",
)
def list_decisions(request: HttpRequest, cycle_id: int) -> list[AnchoringDecision]:
    cycle = _cycle(request, cycle_id)
    return list(
        AnchoringDecision.objects.filter(cycle=cycle)
        .select_related("body_organisation")
        .order_by("meeting_date", "id")
    )


@router.post(
    "/cycles/{cycle_id}/decisions",
    response={201: DecisionOut},
    auth=LOGGED_IN,
    summary="Registrera ett beslut i DOT eller DST (redaktör); beslut ändras aldrig",
)
def add_decision(
    request: HttpRequest, cycle_id: int, payload: DecisionIn
) -> Status[AnchoringDecision]:
    cycle = _cycle(request, cycle_id, edit=True)
    body_organisation = (
        organisation_get(slug=payload.body_organisation) if payload.body_organisation else None
    )
    try:
        decision = services.decision_record(
            actor=request.user,  # type: ignore[arg-type]
            cycle=cycle,
            body=payload.body,
            body_organisation=body_organisation,
            meeting_date=payload.meeting_date,
            outcome=payload.outcome,
            minutes_reference=payload.minutes_reference,
            proposal=payload.proposal,
            comment=payload.comment,
        )
    except ValidationError as error:
        raise _validation(error) from None
    return Status(201, decision)


@router.post(
    "/cycles/{cycle_id}/measures/{measure_id}/values",
    response={201: ValueOut},
    auth=LOGGED_IN,
    summary="Registrera ett uppföljningsresultat (redaktör)",
)
def add_followup_value(
    request: HttpRequest, cycle_id: int, measure_id: int, payload: ValueIn
) -> Status[FollowUpValue]:
    cycle = _cycle(request, cycle_id, edit=True)
    measure = selectors.measure_get(cycle=cycle, pk=measure_id)
    try:
        value = services.followup_value_record(
            actor=request.user,  # type: ignore[arg-type]
            measure=measure,
            **payload.model_dump(),
        )
    except ValidationError as error:
        raise _validation(error) from None
    return Status(201, value)
