"""The roll-up of sub-organisations' plans, and coverage of promises and target areas."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from framja.catalog.models import PatientPromise, PublicHealthTargetArea
from framja.organisations import services as org_services
from framja.organisations.models import OrganisationKind
from framja.plans import selectors, services
from framja.plans.models import PlanState, Rating


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def rag_plan(world, name: str, *, rows: int, adopted: bool = False, year: int = 2024):
    rag = org_services.organisation_create(
        actor=None,
        kind=OrganisationKind.RAG,
        name=f"RAG {name}",
        slug=f"rag-{name.lower()}",
        parent=world["rpo"],
    )
    plan = services.plan_create(actor=None, organisation=rag, year=year, title=f"HP {name}")
    for i in range(rows):
        row = services.row_create(actor=None, plan=plan, title=f"{name} rad {i}")
        services.activity_create(
            actor=None, row=row, text="Gammal aktivitet", end=datetime.date(year, 3, 1)
        )
        services.status_add(
            actor=None, row=row, rating=Rating.ON_TRACK if i % 2 else Rating.DELAYED
        )
    if adopted:
        plan.state = PlanState.ADOPTED
        plan.save()
    return plan


def test_the_rollup_shows_every_row_of_the_rags_plans_with_status(world):
    # given two RAG plans, one a draft
    rag_plan(world, "Tobak", rows=2, adopted=True)
    rag_plan(world, "Alkohol", rows=3)

    # when alice, who administers the RPO, looks at the roll-up
    result = selectors.rollup(user=world["alice"], organisation=world["rpo"])

    # then
    assert result.year == 2024
    assert [v.plan.title for v in result.plans] == ["HP Alkohol", "HP Tobak"]
    assert result.row_count == 5
    assert result.status_counts == [("enligt plan", 2), ("försenad", 3)]
    assert result.late_count == 5


def test_the_rollup_hides_drafts_from_those_who_may_not_see_them(world):
    rag_plan(world, "Tobak", rows=2, adopted=True)
    rag_plan(world, "Alkohol", rows=3)

    as_charlie = selectors.rollup(user=world["charlie"], organisation=world["rpo"])
    html = client_for(None).get(reverse("plans:rollup", kwargs={"slug": "rpo-test"}))

    assert [v.plan.title for v in as_charlie.plans] == ["HP Tobak"]
    assert "Alkohol rad" not in html.content.decode()


def test_the_rollup_page_makes_as_many_queries_with_10_rows_as_with_500(world):
    client = client_for(world["alice"])
    url = reverse("plans:rollup", kwargs={"slug": "rpo-test"})

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    rag_plan(world, "A", rows=10)
    few = queries()
    for n in range(10):
        rag_plan(world, f"B{n}", rows=49)
    many = queries()

    assert few == many


def test_coverage_marks_promises_and_target_areas_with_no_row_as_gaps(world):
    # given a health-care region's promises above the RPO, and one row linked to some
    org_services.organisation_update(actor=None, organisation=world["rpo"], parent=None)
    region = world["other"]
    org_services.organisation_update(actor=None, organisation=world["rpo"], parent=region)
    world["rpo"].refresh_from_db()
    kept = PatientPromise.objects.create(owner=region, text="få tillgång till jämlik vård", order=1)
    PatientPromise.objects.create(owner=region, text="erbjudas kostnadseffektiv vård", order=2)
    plan = services.plan_create(actor=None, organisation=world["rpo"], year=2024, title="HP")
    levnadsvanor = PublicHealthTargetArea.objects.get(number=6)
    services.row_create(
        actor=None,
        plan=plan,
        title="Vårdprogram levnadsvanor",
        patient_promises=[kept],
        target_areas=[levnadsvanor],
    )

    # when
    result = selectors.coverage(organisation=world["rpo"], plans=[plan])

    # then
    assert [(line.item.text, len(line.rows)) for line in result.promises] == [
        ("få tillgång till jämlik vård", 1),
        ("erbjudas kostnadseffektiv vård", 0),
    ]
    assert [line.item.number for line in result.target_areas if not line.is_gap] == [6]
    assert result.gaps == 1 + 7
    page = client_for(world["bob"]).get(reverse("plans:coverage", kwargs={"pk": plan.pk}))
    assert "8 luckor" in page.content.decode()


@pytest.mark.parametrize("slug", ["rpo-test"])
def test_coverage_for_an_organisation_takes_its_sub_organisations_plans(world, slug):
    rag_plan(world, "Tobak", rows=1, adopted=True)

    page = client_for(world["charlie"]).get(
        reverse("plans:coverage_organisation", kwargs={"slug": slug})
    )

    assert page.status_code == 200
    assert "1 plan ingår" in page.content.decode()
