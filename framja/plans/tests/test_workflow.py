"""The plan's way from draft to adopted, new versions, comparison and next year's plan."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from framja.plans import services
from framja.plans.compare import compare
from framja.plans.models import Plan, PlanRevision, PlanState


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def plan(world):
    plan = services.plan_create(
        actor=None,
        organisation=world["rpo"],
        year=2024,
        title="Handlingsplan 2024",
        sections=[("Utmaningar", "En allt äldre befolkning")],
        focus_areas=["Hälsan spelar roll"],
    )
    row = services.row_create(actor=None, plan=plan, title="Hälsan spelar roll")
    services.activity_create(actor=None, row=row, text="Följeforskning", whole_year=True)
    done = services.activity_create(actor=None, row=row, text="Utvärdering", whole_year=True)
    services.activity_set_done(actor=None, activity=done, done=True)
    return plan


def test_sending_for_anchoring_and_adopting_freezes_revisions(world, plan):
    # when
    services.plan_send_for_anchoring(actor=world["bob"], plan=plan, body=world["rpo"])
    services.plan_adopt(
        actor=world["bob"],
        plan=plan,
        adopted_by=world["rpo"],
        adopted_date=datetime.date(2024, 2, 1),
    )

    # then
    plan.refresh_from_db()
    assert (plan.state, plan.adopted_by, plan.adopted_date) == (
        PlanState.ADOPTED,
        world["rpo"],
        datetime.date(2024, 2, 1),
    )
    revisions = list(plan.revisions.order_by("id"))
    assert [(r.state, r.version) for r in revisions] == [
        (PlanState.ANCHORING, "1.0"),
        (PlanState.ADOPTED, "1.0"),
    ]
    assert revisions[1].content["rows"][0]["title"] == "Hälsan spelar roll"
    assert revisions[1].created_by == world["bob"]
    with pytest.raises(ValidationError):
        services.row_create(actor=None, plan=plan, title="För sent")


def test_a_new_version_opens_the_plan_and_the_comparison_shows_what_changed(world, plan):
    # given an adopted plan
    services.plan_adopt(
        actor=None, plan=plan, adopted_by=None, adopted_date=datetime.date(2024, 2, 1)
    )
    adopted = PlanRevision.objects.get(plan=plan)

    # when a new version is made and changed
    services.plan_new_version(actor=world["bob"], plan=plan)
    plan.refresh_from_db()
    row = plan.rows.get()
    services.row_update(actor=None, row=row, follow_up="Två möten per år")
    services.row_create(actor=None, plan=plan, title="Tobaksfri operation")

    # then
    assert (plan.state, plan.version, plan.published) == (PlanState.DRAFT, "1.1", False)
    changes = compare(adopted.content, services.plan_content(plan))
    assert changes.rows_added == ["Tobaksfri operation"]
    assert changes.rows_removed == []
    assert [(c.label, c.old, c.new) for c in changes.rows_changed[0].changes] == [
        ("Uppföljning", None, "Två möten per år")
    ]
    assert [(c.label, c.old, c.new) for c in changes.meta] == [
        ("Reviderat datum", None, timezone.localdate().isoformat()),
        ("Version", "1.0", "1.1"),
    ]
    page = client_for(world["rita"]).get(
        reverse("plans:versions", kwargs={"pk": plan.pk}), {"a": str(adopted.pk), "b": "nu"}
    )
    html = page.content.decode()
    assert "Tillagd rad:" in html
    assert "<ins>Tobaksfri operation</ins>" in html
    assert "Uppföljning: <del>–</del> → <ins>Två möten per år</ins>" in html


def test_next_years_plan_carries_over_rows_and_unfinished_activities(world, plan):
    # when
    response = client_for(world["bob"]).post(reverse("plans:next_year", kwargs={"pk": plan.pk}))

    # then
    successor = Plan.objects.get(year=2025)
    assert response["Location"] == successor.get_absolute_url()
    assert (successor.title, successor.state, successor.predecessor) == (
        "Handlingsplan 2025",
        PlanState.DRAFT,
        plan,
    )
    [row] = successor.rows.all()
    assert row.predecessor == plan.rows.get()
    assert [a.text for a in row.activities.all()] == ["Följeforskning"]
    assert [s.heading for s in successor.sections.all()] == ["Utmaningar"]


def test_publishing_shows_an_adopted_plan_to_everyone(world, plan):
    services.plan_adopt(
        actor=None, plan=plan, adopted_by=None, adopted_date=datetime.date(2024, 2, 1)
    )
    assert Client().get(plan.get_absolute_url()).status_code == 302

    client_for(world["bob"]).post(reverse("plans:publish", kwargs={"pk": plan.pk}))

    assert Client().get(plan.get_absolute_url()).status_code == 200


def test_a_draft_cannot_be_published_or_archived(world, plan):
    with pytest.raises(ValidationError):
        services.plan_set_published(actor=None, plan=plan, published=True)
    with pytest.raises(ValidationError):
        services.plan_archive(actor=None, plan=plan)

    response = client_for(world["bob"]).post(
        reverse("plans:archive", kwargs={"pk": plan.pk}), follow=True
    )

    assert "Bara en fastställd plan kan arkiveras." in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def test_a_reader_cannot_adopt(world, plan):
    response = client_for(world["rita"]).post(
        reverse("plans:adopt", kwargs={"pk": plan.pk}), {"adopted_date": "2024-02-01"}
    )

    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


@pytest.mark.parametrize(
    ("version", "expected"), [("1.0", "1.1"), ("2.9", "2.10"), ("3", "3.1"), ("", "1.1")]
)
def test_next_version_numbers(version, expected):
    assert services.next_version(version) == expected
