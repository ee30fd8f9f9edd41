"""Action plans: who sees them, filling them in, following them up."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from framja.catalog.models import PatientPromise, PublicHealthTargetArea
from framja.core.models import AuditEvent
from framja.plans import selectors, services
from framja.plans.models import Plan, PlanState, Rating, StatusEntry


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def adopt(plan: Plan, *, published: bool = False) -> None:
    plan.state = PlanState.ADOPTED
    plan.published = published
    plan.save()


@pytest.fixture
def plan(world):
    return services.plan_create(
        actor=world["bob"],
        organisation=world["rpo"],
        year=2024,
        title="Handlingsplan 2024",
        sections=[("Utmaningar", "En allt äldre befolkning")],
        focus_areas=["Vårdprogram levnadsvanor", "Hälsan spelar roll"],
    )


def test_a_draft_is_seen_by_readers_and_administrators_above_only(world, plan):
    # given a draft of the RAG, whose parent RPO alice administers
    rag_plan = services.plan_create(
        actor=None, organisation=world["rag"], year=2024, title="RAG-plan"
    )

    # then
    assert selectors.plan_is_visible(user=world["rita"], plan=plan)
    assert not selectors.plan_is_visible(user=world["charlie"], plan=plan)
    assert selectors.plan_is_visible(user=world["alice"], plan=rag_plan)
    assert not selectors.plan_is_visible(user=world["bob"], plan=rag_plan)
    assert client_for(world["charlie"]).get(plan.get_absolute_url()).status_code == 403
    anonymous = client_for(None).get(plan.get_absolute_url())
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))


def test_an_adopted_plan_is_seen_by_every_logged_in_user_and_a_published_one_by_all(world, plan):
    # when
    adopt(plan)

    # then
    assert client_for(world["charlie"]).get(plan.get_absolute_url()).status_code == 200
    assert client_for(None).get(plan.get_absolute_url()).status_code == 302
    adopt(plan, published=True)
    assert client_for(None).get(plan.get_absolute_url()).status_code == 200


def test_the_plan_list_shows_only_what_each_user_may_see(world, plan):
    # given one draft and one adopted plan
    adopted = services.plan_create(
        actor=None, organisation=world["rpo"], year=2023, title="Handlingsplan 2023"
    )
    adopt(adopted)
    url = reverse("plans:list", kwargs={"slug": "rpo-test"})

    # when
    as_reader = client_for(world["rita"]).get(url).content.decode()
    as_outsider = client_for(world["charlie"]).get(url).content.decode()
    as_anonymous = client_for(None).get(url).content.decode()

    # then
    assert "Handlingsplan 2024" in as_reader
    assert "Handlingsplan 2023" in as_reader
    assert "Handlingsplan 2024" not in as_outsider
    assert "Handlingsplan 2023" in as_outsider
    assert "Handlingsplan 20" not in as_anonymous


def test_an_editor_adds_a_row_with_promises_and_target_areas(world, plan, region):
    # given
    sosr_promise = PatientPromise.objects.create(owner=region, text="få tillgång till jämlik vård")
    area = PublicHealthTargetArea.objects.get(number=6)

    # when
    response = client_for(world["bob"]).post(
        reverse("plans:row_create", kwargs={"pk": plan.pk}),
        {
            "title": "Vårdprogram levnadsvanor",
            "description": "",
            "effort_area": "",
            "effort_area_note": "",
            "patient_promises": [sosr_promise.pk],
            "target_areas": [area.pk],
            "follow_up": "Återkommande under årets möten.",
        },
    )

    # then
    assert response.status_code == 302
    row = plan.rows.get()
    assert row.title == "Vårdprogram levnadsvanor"
    assert list(row.patient_promises.all()) == [sosr_promise]
    assert list(row.target_areas.all()) == [area]
    event = AuditEvent.objects.filter(object_type="plans.planrow").get()
    assert event.changes["patient_promises"] == [None, ["få tillgång till jämlik vård"]]
    page = client_for(world["bob"]).get(plan.get_absolute_url()).content.decode()
    assert "få tillgång till jämlik vård" in page
    assert "6. Levnadsvanor" in page


def test_a_reader_cannot_add_rows(world, plan):
    response = client_for(world["rita"]).post(
        reverse("plans:row_create", kwargs={"pk": plan.pk}), {"title": "Smygrad"}
    )

    assert response.status_code == 403
    assert not plan.rows.exists()


def test_an_adopted_plan_is_frozen_but_still_followed_up(world, plan):
    # given
    row = services.row_create(actor=None, plan=plan, title="Hälsan spelar roll")
    adopt(plan)
    row.plan.refresh_from_db()

    # when / then: its content cannot change
    with pytest.raises(ValidationError):
        services.row_create(actor=None, plan=plan, title="Ny rad")
    with pytest.raises(ValidationError):
        services.activity_create(actor=None, row=row, text="Ny aktivitet")
    response = client_for(world["bob"]).get(reverse("plans:row_edit", kwargs={"pk": row.pk}))
    assert response.status_code == 403
    # but statuses can still be set
    response = client_for(world["bob"]).post(
        reverse("plans:status_create", kwargs={"pk": row.pk}),
        {"rating": Rating.AT_RISK, "date": "2024-09-01", "comment": "Resurser saknas"},
    )
    assert response.status_code == 302
    entry = StatusEntry.objects.get(row=row)
    assert (entry.rating, entry.comment, entry.set_by) == (
        Rating.AT_RISK,
        "Resurser saknas",
        world["bob"],
    )


def test_the_latest_status_is_the_current_one_and_shown_with_symbol_and_text(world, plan):
    # given
    row = services.row_create(actor=None, plan=plan, title="Alkohol- och tobaksfri operation")
    services.status_add(actor=None, row=row, rating=Rating.ON_TRACK, date=datetime.date(2024, 3, 1))
    services.status_add(
        actor=world["bob"],
        row=row,
        rating=Rating.DELAYED,
        comment="Väntar på remissmallen",
        date=datetime.date(2024, 9, 1),
    )

    # when
    view = selectors.plan_view(plan=plan)
    page = client_for(world["rita"]).get(plan.get_absolute_url()).content.decode()

    # then
    current = view.rows[0].current
    assert current is not None
    assert (current.rating, current.comment) == (Rating.DELAYED, "Väntar på remissmallen")
    assert view.status_counts == [("försenad", 1)]
    assert '<span class="status-symbol" aria-hidden="true">■</span>Försenad' in page
    assert "Tidigare statusar" in page


def test_an_activity_past_its_end_and_not_done_is_late(world, plan):
    # given
    row = services.row_create(actor=None, plan=plan, title="RAG")
    late = services.activity_create(
        actor=None,
        row=row,
        text="Bjuda in RAG till två möten",
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 6, 30),
    )
    services.activity_create(actor=None, row=row, text="Omvärldsbevaka", whole_year=True)
    finished = services.activity_create(
        actor=None, row=row, text="Klar sak", end=datetime.date(2024, 2, 1)
    )
    services.activity_set_done(actor=None, activity=finished, done=True)

    # when
    view = selectors.plan_view(plan=plan, today=datetime.date(2024, 7, 1))

    # then
    assert [a.pk for a in view.rows[0].late] == [late.pk]
    assert view.late_count == 1
    assert [
        a.text for a in selectors.plan_view(plan=plan, today=datetime.date(2025, 1, 1)).rows[0].late
    ] == [
        "Bjuda in RAG till två möten",
        "Omvärldsbevaka",
    ]


def test_an_editor_marks_an_activity_done_and_back(world, plan):
    row = services.row_create(actor=None, plan=plan, title="RAG")
    activity = services.activity_create(actor=None, row=row, text="Stödja RAG")
    url = reverse("plans:activity_toggle", kwargs={"pk": activity.pk})

    client_for(world["bob"]).post(url)
    activity.refresh_from_db()
    assert activity.done
    client_for(world["bob"]).post(url)
    activity.refresh_from_db()
    assert not activity.done
    assert client_for(world["charlie"]).post(url).status_code == 403


def test_an_activity_with_a_bad_period_is_refused_with_a_swedish_message(world, plan):
    row = services.row_create(actor=None, plan=plan, title="RAG")

    response = client_for(world["bob"]).post(
        reverse("plans:activity_create", kwargs={"pk": row.pk}),
        {"text": "Något", "start": "2024-06-01", "end": "2024-01-01"},
    )

    assert response.status_code == 200
    assert "Slutdatum kan inte vara före startdatum." in response.content.decode()
    assert not row.activities.exists()


def test_the_plan_page_makes_the_same_number_of_queries_with_10_and_500_rows(world, plan):
    # given
    promises = [
        PatientPromise.objects.create(owner=world["rpo"], text=f"Löfte {i}") for i in range(3)
    ]
    areas = list(PublicHealthTargetArea.objects.all()[:2])

    def add_rows(count: int) -> None:
        for i in range(count):
            row = services.row_create(
                actor=None,
                plan=plan,
                title=f"Rad {i}",
                patient_promises=promises,
                target_areas=areas,
            )
            services.activity_create(actor=None, row=row, text="Aktivitet", whole_year=True)
            services.status_add(actor=world["bob"], row=row, rating=Rating.ON_TRACK)

    client = client_for(world["bob"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(plan.get_absolute_url()).status_code == 200
        return len(captured)

    # when
    add_rows(10)
    with_10 = queries()
    add_rows(490)
    with_500 = queries()

    # then
    assert with_10 == with_500


def test_the_plan_is_read_with_its_organisations_and_predecessor_in_one_query(world, plan):
    # given a plan for the next year, sent to the RPO for anchoring
    successor = services.plan_create_next_year(actor=None, plan=plan)
    successor.state = PlanState.ANCHORING
    successor.anchoring_body = world["rpo"]
    successor.save()
    assert selectors.plan_is_visible(user=world["bob"], plan=plan)  # his rights, read once

    # when
    with CaptureQueriesContext(connection) as captured:
        found = selectors.plan_get_for_user(user=world["bob"], pk=successor.pk)
        shown = (
            found.organisation.name,
            found.organisation.parent,
            found.anchoring_body and found.anchoring_body.name,
            found.adopted_by,
            found.predecessor and found.predecessor.title,
        )

    # then
    assert len(captured) == 1
    assert shown == (
        world["rpo"].name,
        world["rpo"].parent,
        world["rpo"].name,
        None,
        "Handlingsplan 2024",
    )
    assert (found.pk, found.year, found.state) == (successor.pk, 2025, PlanState.ANCHORING)


def test_a_plan_that_does_not_exist_is_not_found(world):
    with pytest.raises(Http404):
        selectors.plan_get_for_user(user=world["bob"], pk=999_999)
