"""The plans API: what each user reads, and setting a status."""

import datetime

import pytest
from django.test import Client

from framja.accounts.models import User
from framja.accounts.services import api_token_create
from framja.catalog.models import PatientPromise
from framja.plans import services
from framja.plans.models import PlanRow, PlanState, Rating, StatusEntry


@pytest.fixture
def plan(world):
    plan = services.plan_create(
        actor=None, organisation=world["rpo"], year=2024, title="Handlingsplan 2024"
    )
    row = services.row_create(actor=None, plan=plan, title="Hälsan spelar roll")
    services.activity_create(
        actor=None, row=row, text="Följeforskning", end=datetime.date(2024, 3, 31)
    )
    services.status_add(
        actor=None, row=row, rating=Rating.ON_TRACK, comment="Bra", date=datetime.date(2024, 2, 1)
    )
    return plan


def bearer(user) -> dict[str, str]:
    _token, key = api_token_create(user=user, name="test")
    return {"Authorization": f"Bearer {key}"}


def test_a_reader_reads_a_draft_with_its_rows(world, plan):
    # when
    response = Client().get(f"/api/plans/{plan.pk}", headers=bearer(world["rita"]))

    # then
    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["state"], body["organisation"]) == (
        "Handlingsplan 2024",
        "draft",
        "rpo-test",
    )
    [row] = body["rows"]
    assert row["title"] == "Hälsan spelar roll"
    assert row["status"] == {
        "date": "2024-02-01",
        "rating": "on_track",
        "rating_label": "enligt plan",
        "comment": "Bra",
    }
    assert row["activities"][0]["text"] == "Följeforskning"
    assert row["activities"][0]["late"] is True


def test_outsiders_and_anonymous_do_not_see_a_draft(world, plan):
    assert (
        Client().get(f"/api/plans/{plan.pk}", headers=bearer(world["charlie"])).status_code == 404
    )
    assert Client().get(f"/api/plans/{plan.pk}").status_code == 404
    listed = Client().get("/api/plans/", headers=bearer(world["charlie"])).json()
    assert listed["count"] == 0


def test_the_list_shows_published_plans_to_everyone(world, plan):
    plan.state = PlanState.ADOPTED
    plan.published = True
    plan.save()

    listed = Client().get("/api/plans/?organisation=rpo-test&year=2024").json()

    assert [p["title"] for p in listed["items"]] == ["Handlingsplan 2024"]


def test_the_list_pages_and_counts_what_each_user_may_see(world, plan):
    # given a draft and two adopted plans of RPO Test, and an adopted plan of another
    for year in (2025, 2026):
        adopted = services.plan_create(
            actor=None, organisation=world["rpo"], year=year, title=f"Plan {year}"
        )
        adopted.state = PlanState.ADOPTED
        adopted.save()
    services.plan_create(actor=None, organisation=world["other"], year=2026, title="Annan")
    url = "/api/plans/?organisation=rpo-test&limit=2"

    def listed(user: User | None, query: str = "") -> tuple[int, list[str]]:
        headers = bearer(user) if user else {}
        body = Client().get(url + query, headers=headers).json()
        return body["count"], [p["title"] for p in body["items"]]

    # then the reader sees the draft too, newest year first
    assert listed(world["rita"]) == (3, ["Plan 2026", "Plan 2025"])
    assert listed(world["rita"], "&offset=2") == (3, ["Handlingsplan 2024"])
    assert listed(world["rita"], "&offset=3") == (3, [])
    # an outsider, logged in, sees the adopted plans; no one sees another's draft
    assert listed(world["charlie"], "&offset=1") == (2, ["Plan 2025"])
    assert listed(world["alice"], "&year=2024") == (1, ["Handlingsplan 2024"])
    assert listed(None) == (0, [])  # none is published
    assert Client().get("/api/plans/?organisation=finns-inte").status_code == 404


def test_an_editor_sets_a_status_and_a_reader_cannot(world, plan):
    row = plan.rows.get()
    url = f"/api/plans/rows/{row.pk}/statuses"
    payload = {"rating": "delayed", "date": "2024-09-01", "comment": "Väntar"}

    refused = Client().post(
        url, payload, content_type="application/json", headers=bearer(world["rita"])
    )
    created = Client().post(
        url, payload, content_type="application/json", headers=bearer(world["bob"])
    )

    assert refused.status_code == 403
    assert created.status_code == 201
    assert created.json()["rating_label"] == "försenad"
    latest = StatusEntry.objects.filter(row=row).first()
    assert latest is not None
    assert (latest.rating, latest.set_by) == (Rating.DELAYED, world["bob"])


def test_an_editor_adds_a_row_and_an_activity_through_the_api(world, plan):
    # given
    promise = PatientPromise.objects.create(owner=world["rpo"], text="få tillgång till jämlik vård")
    headers = bearer(world["bob"])

    # when
    row = Client().post(
        f"/api/plans/{plan.pk}/rows",
        {
            "title": "Tobaksfri operation",
            "patient_promise_ids": [promise.pk],
            "target_area_numbers": [6],
        },
        content_type="application/json",
        headers=headers,
    )
    activity = Client().post(
        f"/api/plans/rows/{row.json()['id']}/activities",
        {"text": "Remissmallar", "start": "2024-02-01", "end": "2024-01-01"},
        content_type="application/json",
        headers=headers,
    )
    fixed = Client().post(
        f"/api/plans/rows/{row.json()['id']}/activities",
        {"text": "Remissmallar", "whole_year": True},
        content_type="application/json",
        headers=headers,
    )

    # then
    assert row.status_code == 201
    created = PlanRow.objects.get(pk=row.json()["id"])
    assert [p.text for p in created.patient_promises.all()] == ["få tillgång till jämlik vård"]
    assert [a.number for a in created.target_areas.all()] == [6]
    assert activity.status_code == 422
    assert "Slutdatum kan inte vara före startdatum." in activity.json()["detail"]
    assert fixed.status_code == 201
    assert [a.text for a in created.activities.all()] == ["Remissmallar"]


def test_rows_cannot_be_added_to_an_adopted_plan_or_by_a_reader(world, plan):
    refused = Client().post(
        f"/api/plans/{plan.pk}/rows",
        {"title": "X"},
        content_type="application/json",
        headers=bearer(world["rita"]),
    )
    plan.state = PlanState.ADOPTED
    plan.save()
    frozen = Client().post(
        f"/api/plans/{plan.pk}/rows",
        {"title": "X"},
        content_type="application/json",
        headers=bearer(world["bob"]),
    )

    assert (refused.status_code, frozen.status_code) == (403, 403)
    assert plan.rows.count() == 1
