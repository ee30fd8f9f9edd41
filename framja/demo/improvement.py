"""Improvement cycles in Skåne Nordost (seed 004): two local collaborations run the default
inventory (Bilaga 1); Kristianstad has reached the analysis, with a PDSA cycle and a decision
in DOT. The method and the questions come from the seed; every answer, finding, PDSA cycle,
decision and result is invented, and says so ("Exempel").
"""

from __future__ import annotations

import datetime

from framja.catalog.models import PatientPromise
from framja.improvement import services
from framja.improvement.models import Body, Cycle, DecisionOutcome, MeasureKind, Step, StepStatus
from framja.indicators.models import Indicator, Place
from framja.organisations.models import Organisation
from framja.plans.models import Plan

KRISTIANSTAD_ANSWERS = [
    "Exempel: Vårdcentralerna erbjuder riktade hälsosamtal och kommunen arbetar med Senior "
    "Alert i särskilt boende. Insatserna görs var för sig och vi vet inte om de ger den "
    "effekt vi önskar.",
    "Exempel: Riskbedömningar (fall, trycksår, undernäring, munhälsa) görs i särskilt boende "
    "och i hemsjukvården, men resultaten delas sällan med vårdcentralen.",
    "Exempel: Äldre med hemsjukvård och personer med flera kroniska sjukdomar.",
    "Exempel: Levnadsvanor tas upp i hälsosamtalen på vårdcentralen enligt vårdprogrammet; "
    "kommunens personal har inget gemensamt stöd för samtalen.",
    "Exempel: Vi frågar vad som är viktigt för den enskilde vid vårdplaneringen, men inte "
    "systematiskt. Hälsolitteracitet fångas inte upp.",
    "Exempel: Yngre äldre som bor hemma utan insatser når vi inte i dag.",
    "Exempel: Riktade hälsosamtal på vårdcentralen, läkemedelsgenomgångar vid inflyttning på "
    "särskilt boende. Generella hälsosamtal görs inte.",
    "",
]

HASSLEHOLM_ANSWERS = [
    "Exempel: Hälsofrämjande insatser finns i både kommun och region, men utan gemensam plan.",
    "Exempel: Riskbedömningar görs enligt Senior Alert i kommunen.",
    "Exempel: Personer som skrivs ut från sjukhus till hemmet.",
]


def _organisation(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def _promise(prefix: str) -> PatientPromise:
    return PatientPromise.objects.get(owner__slug="sosr", text__startswith=prefix)


def _answer_all(cycle_answers: list[str], cycle: Cycle) -> dict[int, str]:
    questions = list(cycle.template.questions.order_by("order"))
    return {q.pk: text for q, text in zip(questions, cycle_answers, strict=False) if text}


def load_demo_improvement() -> None:
    """Add the example cycles of Skåne Nordost's local collaborations."""
    plan = Plan.objects.get(organisation__slug="skane-nordost", year=2026)
    row = plan.rows.order_by("order").first()
    dot = _organisation("skane-nordost-dot")

    kristianstad = services.cycle_create(
        actor=None,
        organisation=_organisation("lokal-samverkan-kristianstad"),
        title="Exempel: Hälsofrämjande och förebyggande arbete i lokal samverkan Kristianstad",
        plan=plan,
        example=True,
        inventory_year=2026,
        inventory_week=10,
        participants=(
            "Exempel: processledare, MAS, enhetschef hemsjukvården, verksamhetschef "
            "vårdcentralen, distriktssköterska"
        ),
    )
    services.answers_save(
        actor=None,
        cycle=kristianstad,
        answers=_answer_all(KRISTIANSTAD_ANSWERS, kristianstad),
    )
    steps = {s.step: s for s in kristianstad.steps.select_related("cycle__organisation")}
    services.step_update(
        actor=None,
        step=steps[Step.INVENTORY],
        status=StepStatus.DONE,
        started_on=datetime.date(2026, 3, 2),
        completed_on=datetime.date(2026, 3, 6),
    )
    services.step_update(
        actor=None,
        step=steps[Step.ANALYSIS],
        status=StepStatus.IN_PROGRESS,
        started_on=datetime.date(2026, 3, 9),
        planned_year=2026,
        planned_week=16,
        participants="Exempel: samma som vid inventeringen, och kommunens rehabenhet",
    )
    services.step_update(
        actor=None,
        step=steps[Step.ANCHORING],
        planned_year=2026,
        planned_week=22,
        participants="Exempel: processledarna, DOT och DST",
    )
    services.cycle_update(
        actor=None,
        cycle=kristianstad,
        strengths="Exempel: Täta kontakter mellan hemsjukvården och vårdcentralen.",
        challenges=(
            "Exempel: Riskbedömningarna delas inte mellan huvudmännen, och åtgärdsplanerna "
            "görs var för sig."
        ),
        improvement_ideas=(
            "Exempel: En gemensam åtgärdsplan efter riskbedömningen, gjord tillsammans med "
            "invånaren. Vi följer andelen personer med risk som fått åtgärder."
        ),
    )
    services.finding_save(
        actor=None,
        cycle=kristianstad,
        topic="current_shared",
        found="Exempel: Cirka 600 personer med hemsjukvård i ordinärt boende.",
        next_steps="Exempel: Gemensam riskbedömning och åtgärdsplan (PDSA 1).",
        follow_up_when="Exempel: varje kvartal",
        follow_up_how="Exempel: ur Senior Alert",
        follow_up_what="Exempel: andelen med risk som fått förebyggande åtgärder",
        follow_up_by="Exempel: processledarna",
    )
    services.finding_save(
        actor=None,
        cycle=kristianstad,
        topic="collaboration",
        found=(
            "Exempel: Informationsöverföringen vid utskrivning fungerar, men riskbedömningarna "
            "följer inte med."
        ),
        next_steps="Exempel: Ta upp i DOT hur riskbedömningarna kan delas.",
    )
    pdsa = services.pdsa_create(
        actor=None,
        cycle=kristianstad,
        title="Exempel: Gemensam åtgärdsplan efter riskbedömning i hemsjukvården",
        what="Exempel: Distriktssköterskan och kommunens sjuksköterska gör åtgärdsplanen "
        "tillsammans med invånaren efter riskbedömningen.",
        why="Exempel: Åtgärder görs i dag var för sig och följs inte upp gemensamt.",
        how="Exempel: Ett gemensamt möte, fysiskt eller digitalt, inom två veckor.",
        when="Exempel: april–juni 2026",
        who="Exempel: hemsjukvården i Kristianstad och två vårdcentraler",
        follow_up="Exempel: Andelen med risk som fått förebyggande åtgärder, i Senior Alert.",
        prediction="Exempel: Andelen ökar med minst fem procentenheter.",
        plan_rows=[row] if row is not None else [],
        patient_promises=[_promise("erbjudas bästa möjliga hälsofrämjande")],
    )
    services.study_value_link(
        actor=None,
        pdsa=pdsa,
        indicator=Indicator.objects.get(code="riskforebyggande-sarskilt-boende"),
        place=Place.objects.get(code="1290"),
        period="2024",
    )
    services.decision_record(
        actor=None,
        cycle=kristianstad,
        body=Body.DOT,
        body_organisation=dot,
        meeting_date=datetime.date(2026, 4, 23),
        outcome=DecisionOutcome.APPROVED,
        minutes_reference="Exempel: Protokoll DOT Nordost 2026-04-23, § 5",
        proposal=(
            "Exempel: Lokal samverkan Kristianstad prövar en gemensam åtgärdsplan efter "
            "riskbedömning i hemsjukvården (PDSA 1) och föreslår att DST ställer sig bakom."
        ),
        comment="Exempel: DOT tar förslaget vidare till DST i juni.",
    )
    services.measures_add_subregional(actor=None, cycle=kristianstad)
    services.measure_create(
        actor=None,
        cycle=kristianstad,
        kind=MeasureKind.INDICATOR,
        name="Exempel: Antal gemensamma åtgärdsplaner i hemsjukvården",
    )

    hassleholm = services.cycle_create(
        actor=None,
        organisation=_organisation("lokal-samverkan-hassleholm"),
        title="Exempel: Hälsofrämjande och förebyggande arbete i lokal samverkan Hässleholm",
        plan=plan,
        example=True,
        inventory_year=2026,
        inventory_week=14,
        participants="Exempel: processledare, enhetschefer i kommun och region",
    )
    services.answers_save(
        actor=None, cycle=hassleholm, answers=_answer_all(HASSLEHOLM_ANSWERS, hassleholm)
    )
