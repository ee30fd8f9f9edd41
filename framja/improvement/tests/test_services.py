import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from framja.catalog.models import PatientPromise
from framja.core.models import AuditEvent
from framja.improvement import selectors, services
from framja.improvement.models import (
    AnchoringDecision,
    Cycle,
    CycleStep,
    DecisionChangeError,
    MeasureKind,
    QuestionTemplate,
    Step,
    StepStatus,
)
from framja.indicators import following as followed
from framja.indicators.models import DataSource, Indicator, IndicatorValue, Place
from framja.indicators.services import indicator_totals_refresh
from framja.organisations import services as org_services
from framja.organisations.models import Organisation, OrganisationKind
from framja.plans import services as plan_services

D = datetime.date


def test_a_cycle_starts_at_the_inventory_with_the_bilaga_1_questions(subregion, cycle):
    # then
    assert cycle.current_step == Step.INVENTORY
    assert cycle.template.is_default
    questions = list(cycle.template.questions.values_list("text", flat=True))
    assert len(questions) == 8
    assert questions[0].startswith("Hur arbetar ni med det hälsofrämjande, förebyggande idag?")
    assert questions[-1] == "Annat?"
    steps = list(cycle.steps.order_by("step"))
    assert [s.step for s in steps] == [1, 2, 3, 4, 5]
    assert (steps[0].planned_week, steps[0].planned_year) == (10, 2026)
    assert steps[0].participants == "Kommunens MAS, vårdcentralens chef"
    assert steps[0].due == D(2026, 3, 8)
    assert (
        AuditEvent.objects.filter(
            object_type="improvement.cycle", organisation=subregion["local"], action="create"
        ).count()
        == 1
    )


def test_two_cycles_share_the_one_default_template(subregion, cycle):
    other = services.cycle_create(actor=None, organisation=subregion["local_b"], title="B")

    assert other.template_id == cycle.template_id
    assert QuestionTemplate.objects.filter(is_default=True).count() == 1


def test_answers_are_saved_per_question_and_start_the_inventory(cycle):
    first, second = cycle.template.questions.order_by("order")[:2]

    services.answers_save(
        actor=None, cycle=cycle, answers={first.pk: " Riktade samtal ", second.pk: ""}
    )
    services.answers_save(actor=None, cycle=cycle, answers={first.pk: "Riktade hälsosamtal"})

    assert dict(cycle.answers.values_list("question_id", "text")) == {
        first.pk: "Riktade hälsosamtal"
    }
    step = cycle.steps.get(step=Step.INVENTORY)
    assert step.status == StepStatus.IN_PROGRESS
    assert step.started_on == timezone.localdate()


def test_an_answer_to_another_templates_question_is_refused(subregion, cycle):
    own = services.template_create(
        actor=None, owner=subregion["local_b"], name="Egen", questions=["Fråga?"]
    )
    question = own.questions.get()

    with pytest.raises(ValidationError):
        services.answers_save(actor=None, cycle=cycle, answers={question.pk: "Svar"})


def test_the_current_step_is_the_first_not_done(cycle):
    inventory = cycle.steps.get(step=Step.INVENTORY)
    analysis = cycle.steps.get(step=Step.ANALYSIS)

    services.step_update(actor=None, step=inventory, status=StepStatus.DONE)
    cycle.refresh_from_db()
    assert cycle.current_step == Step.ANALYSIS

    services.step_update(actor=None, step=analysis, status=StepStatus.DONE)
    services.step_update(actor=None, step=inventory, status=StepStatus.IN_PROGRESS)
    cycle.refresh_from_db()
    inventory.refresh_from_db()
    assert cycle.current_step == Step.INVENTORY
    assert inventory.completed_on is None


def test_a_step_past_its_planned_week_is_late_until_done(cycle):
    step = cycle.steps.get(step=Step.INVENTORY)  # week 10 of 2026 ends on 8 March

    assert step.is_late(D(2026, 3, 8)) is False
    assert step.is_late(D(2026, 3, 9)) is True
    services.step_update(actor=None, step=step, status=StepStatus.DONE, completed_on=D(2026, 3, 9))
    assert step.is_late(D(2026, 3, 9)) is False


def test_a_week_the_year_does_not_have_is_refused(cycle):
    step = cycle.steps.get(step=Step.ANALYSIS)

    with pytest.raises(ValidationError):
        services.step_update(actor=None, step=step, planned_year=2025, planned_week=53)


def test_a_finding_records_what_was_found_and_its_follow_up(cycle):
    finding = services.finding_save(
        actor=None,
        cycle=cycle,
        topic="current_shared",
        found="Äldre med hemsjukvård",
        follow_up_when="Varje kvartal",
        follow_up_by="Processledarna",
    )

    assert (finding.found, finding.follow_up_when, finding.follow_up_by) == (
        "Äldre med hemsjukvård",
        "Varje kvartal",
        "Processledarna",
    )
    assert cycle.steps.get(step=Step.ANALYSIS).status == StepStatus.IN_PROGRESS
    with pytest.raises(ValidationError):
        services.finding_save(actor=None, cycle=cycle, topic="nonsense", found="x")


def test_pdsa_cycles_chain_after_an_act(subregion, cycle):
    first = services.pdsa_create(actor=None, cycle=cycle, title="Gemensam riskbedömning")

    with pytest.raises(ValidationError):
        services.pdsa_create(actor=None, cycle=cycle, title="Nästa", previous=first)

    services.pdsa_update(actor=None, pdsa=first, act="adapt", act_notes="Färre frågor")
    second = services.pdsa_create(actor=None, cycle=cycle, title="Nästa", previous=first)

    assert (first.number, second.number) == (1, 2)
    assert second.previous == first
    with pytest.raises(ValidationError):
        services.pdsa_create(actor=None, cycle=cycle, title="Tredje", previous=first)


def test_pdsa_links_rows_of_plans_above_and_patient_promises(subregion, cycle):
    plan = plan_services.plan_create(
        actor=None, organisation=subregion["rpo"], year=2026, title="HP"
    )
    row = plan_services.row_create(actor=None, plan=plan, title="Riskbedömningar")
    foreign_plan = plan_services.plan_create(
        actor=None, organisation=subregion["other"], year=2026, title="Annan"
    )
    foreign = plan_services.row_create(actor=None, plan=foreign_plan, title="Annan rad")
    promise = PatientPromise.objects.create(owner=subregion["rpo"], text="få jämlik vård")

    pdsa = services.pdsa_create(
        actor=None, cycle=cycle, title="P", plan_rows=[row], patient_promises=[promise]
    )

    assert list(pdsa.plan_rows.all()) == [row]
    assert list(pdsa.patient_promises.all()) == [promise]
    with pytest.raises(ValidationError):
        services.pdsa_update(actor=None, pdsa=pdsa, plan_rows=[foreign])


def test_study_links_an_indicator_value_as_it_was(cycle):
    indicator = Indicator.objects.create(
        code="ind", name="Indikator", source=DataSource.objects.get(name="Kolada")
    )
    place = Place.objects.get(code="0000")
    IndicatorValue.objects.create(
        indicator=indicator, place=place, period="2025", value=41.5, imported_at=timezone.now()
    )
    indicator_totals_refresh(indicator_ids=[indicator.pk])
    pdsa = services.pdsa_create(actor=None, cycle=cycle, title="P")

    linked = services.study_value_link(
        actor=None, pdsa=pdsa, indicator=indicator, place=place, period="2025"
    )

    assert linked.value == 41.5
    with pytest.raises(ValidationError):
        services.study_value_link(
            actor=None, pdsa=pdsa, indicator=indicator, place=place, period="2020"
        )


def _decide(
    cycle: Cycle,
    body: str,
    outcome: str,
    day: datetime.date,
    organisation: Organisation | None = None,
) -> AnchoringDecision:
    return services.decision_record(
        actor=None,
        cycle=cycle,
        body=body,
        meeting_date=day,
        outcome=outcome,
        minutes_reference=f"Protokoll {body} {day}",
        proposal="Gemensamma riskbedömningar i hemsjukvården",
        body_organisation=organisation,
    )


def test_dst_decides_only_after_dot_has_approved(subregion, cycle):
    with pytest.raises(ValidationError):
        _decide(cycle, "dst", "approved", D(2026, 4, 1))

    _decide(cycle, "dot", "returned", D(2026, 3, 1), subregion["dot"])
    with pytest.raises(ValidationError):
        _decide(cycle, "dst", "approved", D(2026, 4, 1))

    _decide(cycle, "dot", "approved", D(2026, 3, 15), subregion["dot"])
    with pytest.raises(ValidationError):
        _decide(cycle, "dst", "approved", D(2026, 3, 14))
    _decide(cycle, "dst", "approved", D(2026, 4, 1), subregion["dst"])

    anchoring = cycle.steps.get(step=Step.ANCHORING)
    assert anchoring.status == StepStatus.DONE
    assert (anchoring.started_on, anchoring.completed_on) == (D(2026, 3, 1), D(2026, 4, 1))


def test_a_body_organisation_must_be_of_the_bodys_kind(subregion, cycle):
    with pytest.raises(ValidationError):
        _decide(cycle, "dot", "approved", D(2026, 3, 1), subregion["dst"])


def test_a_body_organisation_must_belong_to_the_cycles_collaboration(subregion, cycle):
    elsewhere = org_services.organisation_create(
        actor=None,
        kind=OrganisationKind.OPERATIVE_GROUP,
        name="DOT Annan",
        slug="dot-annan",
        parent=subregion["other"],
    )

    with pytest.raises(ValidationError):
        _decide(cycle, "dot", "approved", D(2026, 3, 1), elsewhere)


def test_a_decision_snapshot_keeps_what_was_decided(cycle):
    question = cycle.template.questions.order_by("order").first()
    services.answers_save(actor=None, cycle=cycle, answers={question.pk: "Före beslutet"})
    services.cycle_update(actor=None, cycle=cycle, strengths="Bra samarbete")

    decision = _decide(cycle, "dot", "approved", D(2026, 3, 1))
    services.answers_save(actor=None, cycle=cycle, answers={question.pk: "Efter beslutet"})
    services.cycle_update(actor=None, cycle=cycle, strengths="Ändrat")

    decision.refresh_from_db()
    assert decision.snapshot["proposal"] == "Gemensamma riskbedömningar i hemsjukvården"
    assert decision.snapshot["strengths"] == "Bra samarbete"
    assert decision.snapshot["inventory"][0]["answer"] == "Före beslutet"


def test_a_decision_cannot_be_changed_through_the_model(cycle):
    decision = _decide(cycle, "dot", "approved", D(2026, 3, 1))

    decision.outcome = "rejected"
    decision.snapshot = {"proposal": "Något annat"}
    with pytest.raises(DecisionChangeError):
        decision.save()
    with pytest.raises(DecisionChangeError):
        decision.delete()

    stored = AnchoringDecision.objects.get(pk=decision.pk)
    assert stored.outcome == "approved"
    assert stored.snapshot["proposal"] == "Gemensamma riskbedömningar i hemsjukvården"


def test_a_decision_cannot_be_changed_or_removed_in_bulk(cycle):
    decision = _decide(cycle, "dot", "approved", D(2026, 3, 1))

    with pytest.raises(DecisionChangeError):
        AnchoringDecision.objects.filter(pk=decision.pk).update(outcome="rejected")
    with pytest.raises(DecisionChangeError):
        AnchoringDecision.objects.filter(pk=decision.pk).delete()

    assert AnchoringDecision.objects.get(pk=decision.pk).outcome == "approved"


def test_a_decision_cannot_be_changed_in_the_database(cycle):
    decision = _decide(cycle, "dot", "approved", D(2026, 3, 1))
    table = AnchoringDecision._meta.db_table

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET snapshot = %s WHERE id = %s",
            ['{"proposal": "Något annat"}', decision.pk],
        )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET outcome = 'rejected' WHERE id = %s", [decision.pk])

    stored = AnchoringDecision.objects.get(pk=decision.pk)
    assert (stored.outcome, stored.snapshot["proposal"]) == (
        "approved",
        "Gemensamma riskbedömningar i hemsjukvården",
    )


def test_a_decision_cannot_be_removed_in_the_postgresql_database(cycle):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite empties its tables with DELETE, so only PostgreSQL refuses it")
    decision = _decide(cycle, "dot", "approved", D(2026, 3, 1))
    table = AnchoringDecision._meta.db_table

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [decision.pk])

    assert AnchoringDecision.objects.filter(pk=decision.pk).exists()


def test_follow_up_with_the_subregional_measures_and_a_result(cycle):
    added = services.measures_add_subregional(actor=None, cycle=cycle)
    again = services.measures_add_subregional(actor=None, cycle=cycle)
    own = services.measure_create(
        actor=None, cycle=cycle, kind=MeasureKind.INDICATOR, name="Antal gemensamma vårdplaner"
    )

    value = services.followup_value_record(
        actor=None, measure=own, date=D(2026, 9, 30), result="12 vårdplaner", value=12
    )

    assert [m.kind for m in added] == ["indicator"] * 5 + ["process"] * 2
    assert again == []
    assert (value.result, value.value) == ("12 vårdplaner", 12)
    assert cycle.steps.get(step=Step.FOLLOW_UP).status == StepStatus.IN_PROGRESS


def test_a_template_in_use_keeps_its_questions(subregion):
    template = services.template_create(
        actor=subregion["alice"], owner=subregion["rpo"], name="Egen", questions=["A?", "", "B?"]
    )
    assert list(template.questions.values_list("text", flat=True)) == ["A?", "B?"]
    services.template_update(actor=None, template=template, questions=["A?", "C?"])
    services.cycle_create(
        actor=None, organisation=subregion["local"], title="Med egen mall", template=template
    )

    with pytest.raises(ValidationError):
        services.template_update(actor=None, template=template, questions=["D?"])
    services.template_update(actor=None, template=template, name="Nytt namn")
    assert list(template.questions.values_list("text", flat=True)) == ["A?", "C?"]


def test_a_template_of_another_organisation_cannot_be_used(subregion):
    template = services.template_create(
        actor=None, owner=subregion["other"], name="Annans", questions=["A?"]
    )

    with pytest.raises(ValidationError):
        services.cycle_create(
            actor=None, organisation=subregion["local"], title="X", template=template
        )


def test_the_overview_puts_cycles_by_step_and_counts_late_ones(subregion, cycle):
    other = services.cycle_create(actor=None, organisation=subregion["local_b"], title="B")
    services.step_update(
        actor=None, step=other.steps.get(step=Step.INVENTORY), status=StepStatus.DONE
    )

    result = selectors.overview(organisation=subregion["rpo"], today=D(2026, 3, 9))

    by_step = {c.step: [s.cycle.title for s in c.cycles] for c in result.columns}
    assert by_step[Step.INVENTORY] == [cycle.title]
    assert by_step[Step.ANALYSIS] == ["B"]
    assert result.late == 1


def test_answers_side_by_side(subregion, cycle):
    other = services.cycle_create(actor=None, organisation=subregion["local_b"], title="B")
    question = cycle.template.questions.order_by("order").first()
    services.answers_save(actor=None, cycle=cycle, answers={question.pk: "Svar A"})
    services.answers_save(actor=None, cycle=other, answers={question.pk: "Svar B"})

    result = selectors.comparison(organisation=subregion["rpo"], template=cycle.template)

    assert [c.title for c in result.cycles] == [cycle.title, "B"]
    assert result.rows[0].answers == ["Svar A", "Svar B"]
    assert result.rows[1].answers == ["", ""]


def test_cycle_steps_are_unique(cycle):
    with pytest.raises(DatabaseError), transaction.atomic():
        CycleStep.objects.create(cycle=cycle, step=Step.ANALYSIS)


def test_the_timeline_lists_steps_decisions_and_results_in_date_order(subregion, cycle):
    inventory = cycle.steps.get(step=Step.INVENTORY)
    services.step_update(
        actor=None,
        step=inventory,
        status=StepStatus.DONE,
        started_on=D(2026, 3, 2),
        completed_on=D(2026, 3, 6),
    )
    analysis = cycle.steps.get(step=Step.ANALYSIS)
    services.step_update(actor=None, step=analysis, planned_year=2026, planned_week=16)
    _decide(cycle, "dot", "approved", D(2026, 4, 23))
    measure = services.measure_create(actor=None, cycle=cycle, kind="process", name="Mått")
    services.followup_value_record(
        actor=None, measure=measure, date=D(2026, 9, 30), result="Två planer"
    )
    # made in Främja after the work it records had begun
    Cycle.objects.filter(pk=cycle.pk).update(
        created_at=datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    )
    cycle.refresh_from_db()

    view = selectors.cycle_view(cycle=cycle, today=D(2026, 5, 1))

    assert [(e.date, e.text, e.late) for e in view.timeline] == [
        (D(2026, 3, 2), "Nulägesinventering påbörjades", False),
        (D(2026, 3, 6), "Nulägesinventering klart", False),
        (D(2026, 4, 19), "Analys skulle ha varit klart (v. 16 2026)", True),
        (D(2026, 4, 23), "Förankring påbörjades", False),
        (
            D(2026, 4, 23),
            "DOT (delregional operativ grupp): godkänt (Protokoll dot 2026-04-23)",
            False,
        ),
        (D(2026, 9, 30), "Uppföljning påbörjades", False),
        (D(2026, 9, 30), "Resultat för Mått: Två planer", False),
    ]


def test_follow_up_adds_the_indicators_the_organisation_and_those_above_follow(subregion, cycle):
    source = DataSource.objects.get(name="Kolada")
    own, above, other_plan = (
        Indicator.objects.create(code=code, name=code, source=source)
        for code in ("egen", "ovan", "annan-plan")
    )
    place = Place.objects.get(code="0000")
    plan = plan_services.plan_create(
        actor=None, organisation=subregion["rpo"], year=2026, title="HP"
    )
    followed.selection_create(
        actor=None, organisation=subregion["local"], indicator=own, place=place
    )
    followed.selection_create(
        actor=None, organisation=subregion["rpo"], indicator=above, place=place
    )
    followed.selection_create(
        actor=None, organisation=subregion["rpo"], indicator=other_plan, place=place, plan=plan
    )
    services.measure_create(actor=None, cycle=cycle, kind="indicator", indicator=own)

    added = services.measures_add_followed(actor=None, cycle=cycle)

    assert [(m.indicator, m.subregional) for m in added] == [(above, True)]


def test_the_timeline_opens_with_the_cycles_start_when_nothing_came_before(cycle):
    Cycle.objects.filter(pk=cycle.pk).update(
        created_at=datetime.datetime(2026, 2, 20, 9, tzinfo=datetime.UTC)
    )
    cycle.refresh_from_db()

    view = selectors.cycle_view(cycle=cycle, today=D(2026, 3, 1))

    assert [(e.date, e.text) for e in view.timeline] == [
        (D(2026, 2, 20), "Cykeln startades"),
        (D(2026, 3, 8), "Nulägesinventering planerat klart (v. 10 2026)"),
    ]
