import datetime

import pytest
from pytest_django import Settings

from framja.core.models import AuditAction, AuditEvent
from framja.demo.loader import load_demo
from framja.organisations.models import Organisation
from framja.plans.models import Activity, Plan, PlanRow, PlanState, Rating

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def rpo_plan(year: int) -> Plan:
    return Plan.objects.get(organisation__slug="rpo-halsoframjande", year=year)


def row(plan: Plan, title: str) -> PlanRow:
    return plan.rows.get(title=title)


def test_it_loads_the_2023_plan_of_rpo_halsoframjande() -> None:
    # given
    load_demo()

    # when
    plan = rpo_plan(2023)

    # then
    assert plan.title == "Handlingsplan 2023"
    assert (plan.state, plan.published) == (PlanState.ADOPTED, True)
    assert [s.heading for s in plan.sections.all()] == ["Utmaningar", "Utvecklingstendenser"]
    assert plan.focus_areas.count() == 7
    assert [r.title for r in plan.rows.all()] == [
        "Vårdprogram levnadsvanor",
        "Fortsatt utveckla riktade hälsosamtal",
        "Samverka med andra RPO",
        "Hälsan spelar roll",
        "Alkohol- och tobaksfri operation",
        "Fler RAG och vidareutveckla de vi redan har igång",
        "Skapa enhetlig dokumentation",
    ]


def test_it_takes_the_2023_rows_from_the_table() -> None:
    # given
    load_demo()
    plan = rpo_plan(2023)

    # when
    surgery = row(plan, "Alkohol- och tobaksfri operation")
    halsan = row(plan, "Hälsan spelar roll")

    # then
    assert surgery.effort_area is not None
    assert surgery.effort_area.name == "Nationellt vårdprogram och vårdförlopp levnadsvanor"
    assert surgery.effort_area_note == "Sydöstra sjukvårdsregionen"
    assert [a.number for a in surgery.target_areas.all()] == [6]
    spring = (datetime.date(2023, 1, 1), datetime.date(2023, 6, 30))
    meeting = (datetime.date(2023, 10, 19), datetime.date(2023, 10, 19))
    assert [(a.start, a.end) for a in surgery.activities.all()] == [*[spring] * 4, meeting]
    assert halsan.description.startswith("Kurser som vänder sig till boende med LSS insats.")
    assert halsan.activities.count() == 4
    assert all(a.whole_year for a in row(plan, "Vårdprogram levnadsvanor").activities.all())


def test_it_records_the_2023_follow_up_meeting() -> None:
    # given
    load_demo()
    plan = rpo_plan(2023)

    # when
    documentation = row(plan, "Skapa enhetlig dokumentation")
    status = documentation.statuses.get()

    # then
    assert status.date == datetime.date(2023, 11, 8)
    assert status.rating == Rating.DELAYED
    assert status.comment == (
        "Kommer inte uppfyllas under 2023 pga att den nationella arbetet tar tid."
    )
    assert [a.done for a in documentation.activities.all()] == [False]
    assert sorted(
        Activity.objects.filter(row__plan=plan, done=False).values_list("text", flat=True)
    ) == [
        "Se över och om möjligt skapa enhetlig dokumentation kring levnadsvanor.",
        "Starta fler RAG vb, ex hälsosamma matvanor",
    ]
    assert sorted(s.rating for r in plan.rows.all() for s in r.statuses.all()) == sorted(
        [Rating.DELAYED, Rating.DONE] + [Rating.ON_TRACK] * 5
    )


def test_it_loads_the_2024_plan_after_the_2023_plan() -> None:
    # given
    load_demo()
    plan_2023 = rpo_plan(2023)

    # when
    plan = rpo_plan(2024)

    # then
    assert plan.predecessor == plan_2023
    assert (plan.state, plan.published) == (PlanState.ADOPTED, True)
    assert [f.text for f in plan.focus_areas.all()] == [
        "Vårdprogram levnadsvanor",
        "Hälsan spelar roll",
        "Alkohol- och tobaksfri operation",
        "Regionala arbetsgrupper",
    ]
    assert [(r.title, r.predecessor.title if r.predecessor else None) for r in plan.rows.all()] == [
        ("Vårdprogram levnadsvanor", "Vårdprogram levnadsvanor"),
        ("Hälsan spelar roll", "Hälsan spelar roll"),
        ("Alkohol- och tobaksfri operation", "Alkohol- och tobaksfri operation"),
        ("Regionala arbetsgrupper (RAG)", "Fler RAG och vidareutveckla de vi redan har igång"),
    ]
    assert all(r.predecessor.plan == plan_2023 for r in plan.rows.all() if r.predecessor)
    patient_promises = plan.sections.get(heading="Patientlöften").body
    assert patient_promises.count("\n- ") == 7
    assert patient_promises.endswith(
        "I Sydöstra sjukvårdsregionen prioriteras patientnära forskning."
    )


def test_it_links_the_2024_halsan_spelar_roll_row_to_two_patient_promises() -> None:
    # given
    load_demo()

    # when
    halsan = row(rpo_plan(2024), "Hälsan spelar roll")

    # then
    assert [p.text for p in halsan.patient_promises.order_by("order")] == [
        "vara delaktig och välinformerad genom hela vårdkedjan",
        "erbjudas bästa möjliga hälsofrämjande insatser och välfungerande screeningprogram",
    ]
    status = halsan.statuses.get()
    assert (status.date, status.rating, status.comment) == (
        datetime.date(2024, 6, 15),
        Rating.ON_TRACK,
        "Halvårsuppföljning (exempel)",
    )


def test_it_loads_the_rag_tobak_plan_as_an_example_draft() -> None:
    # given
    load_demo()

    # when
    plan = Plan.objects.get(organisation__slug="rag-tobak")

    # then
    assert plan.title == "Handlingsplan RAG Tobak 2024"
    assert plan.year == 2024
    assert (plan.state, plan.published, plan.example) == (PlanState.DRAFT, False, True)
    assert plan.sections.get().body.startswith("Exempeldata")
    assert plan.rows.count() == 2


def test_it_loads_the_skane_nordost_plan_with_its_document_metadata() -> None:
    # given
    load_demo()
    dst = Organisation.objects.get(slug="skane-nordost-dst")

    # when
    plan = Plan.objects.get(organisation__slug="skane-nordost")

    # then
    title = "Delregional handlingsplan för förebyggande och hälsofrämjande insatser"
    assert (plan.title, plan.year, plan.document_name) == (title, 2026, title)
    assert plan.document_type == "Handlingsplan"
    assert plan.created_by_text == "Beredningsgrupp NO"
    assert plan.document_owner == "Tjänstemannaberedningen delregional samverkan nordost"
    assert plan.adopted_by == dst
    assert plan.adopted_date == datetime.date(2026, 2, 13)
    assert plan.valid_until == datetime.date(2027, 2, 13)
    assert plan.version == "1.0"
    assert plan.keywords.startswith("personcentrerat förhållningssätt, samverkan, promotion,")
    assert plan.keywords.endswith("planering och framförhållning, nära vård")
    assert (plan.state, plan.published) == (PlanState.ADOPTED, False)
    assert [s.heading for s in plan.sections.all()] == [
        "Bakgrund",
        "Uppdrag",
        "Syfte",
        "Mål",
        "Metod",
        "Tidsplan",
    ]
    bodies = "".join(s.body for s in plan.sections.all())
    assert "bookmark" not in bodies
    assert "Bild 1." not in bodies
    assert "·" not in bodies


def test_it_plans_the_five_steps_under_the_first_skane_row() -> None:
    # given
    load_demo()
    plan = Plan.objects.get(organisation__slug="skane-nordost")

    # when
    first, second = plan.rows.all()

    # then
    assert [a.text.split(":")[0] for a in first.activities.all()] == [
        "Nulägesinventering",
        "Analys av nuläge",
        "Planering (PDSA) mot önskat läge",
        "Förankring",
        "Implementering och uppföljning",
    ]
    assert second.activities.count() == 0
    assert first.follow_up == second.follow_up
    assert first.follow_up.startswith("Uppföljning sker kontinuerligt vid lokal samverkan")
    assert not first.patient_promises.exists()
    assert [a.number for a in first.target_areas.order_by("number")] == [6, 8]


def test_it_audits_the_adoption_of_a_plan() -> None:
    # given
    load_demo()
    plan = rpo_plan(2023)

    # when
    updates = AuditEvent.objects.filter(
        object_type="plans.plan", object_id=str(plan.pk), action=AuditAction.UPDATE
    )

    # then: adopted and published through the workflow, each step recorded
    assert [e.changes for e in updates.order_by("id")] == [
        {"state": ["draft", "adopted"]},
        {"published": [False, True]},
    ]
    assert [r.state for r in plan.revisions.all()] == ["adopted"]
