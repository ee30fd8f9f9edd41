"""Editing a plan's texts, focus areas, row order and activities in the browser forms."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from framja.core.models import AuditEvent
from framja.plans import services
from framja.plans.models import PlanState


@pytest.fixture
def plan(world):
    return services.plan_create(
        actor=None,
        organisation=world["rpo"],
        year=2024,
        title="Handlingsplan 2024",
        sections=[("Bakgrund", "Gammal text")],
        focus_areas=["Hälsan spelar roll"],
    )


@pytest.fixture
def bob(world) -> Client:
    client = Client()
    client.force_login(world["bob"])
    return client


def test_an_editor_changes_the_details_and_focus_areas(plan, bob):
    response = bob.post(
        reverse("plans:edit", kwargs={"pk": plan.pk}),
        {
            "title": "Handlingsplan 2024",
            "year": "2024",
            "document_type": "Handlingsplan",
            "version": "1.0",
            "document_owner": "RPO Hälsofrämjande",
            "focus_areas": "Vårdprogram levnadsvanor\n\nHälsan spelar roll\n",
        },
    )

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.document_owner == "RPO Hälsofrämjande"
    assert [f.text for f in plan.focus_areas.all()] == [
        "Vårdprogram levnadsvanor",
        "Hälsan spelar roll",
    ]
    event = AuditEvent.objects.filter(changes__has_key="focus_areas").get()
    assert event.changes["focus_areas"] == [
        ["Hälsan spelar roll"],
        ["Vårdprogram levnadsvanor", "Hälsan spelar roll"],
    ]


def test_an_editor_adds_changes_and_removes_a_section(plan, bob):
    bob.post(
        reverse("plans:section_create", kwargs={"pk": plan.pk}),
        {"heading": "Syfte", "body": "- Fler friska år"},
    )
    section = plan.sections.get(heading="Bakgrund")
    bob.post(
        reverse("plans:section_edit", kwargs={"pk": section.pk}),
        {"heading": "Bakgrund", "body": "Ny text"},
    )

    assert [(s.heading, s.body) for s in plan.sections.order_by("order")] == [
        ("Bakgrund", "Ny text"),
        ("Syfte", "- Fler friska år"),
    ]
    bob.post(reverse("plans:section_delete", kwargs={"pk": section.pk}))
    assert [s.heading for s in plan.sections.all()] == ["Syfte"]


def test_rows_are_reordered_and_activities_edited(plan, bob):
    first = services.row_create(actor=None, plan=plan, title="Första")
    second = services.row_create(actor=None, plan=plan, title="Andra")
    activity = services.activity_create(actor=None, row=first, text="Gammal")

    bob.post(reverse("plans:row_move", kwargs={"pk": second.pk, "direction": "upp"}))
    bob.post(
        reverse("plans:activity_edit", kwargs={"pk": activity.pk}),
        {
            "text": "Ny",
            "responsible": "Region Kalmar län",
            "start": "2024-02-01",
            "end": "2024-03-01",
        },
    )

    assert [r.title for r in plan.rows.order_by("order")] == ["Andra", "Första"]
    activity.refresh_from_db()
    assert (activity.text, activity.responsible, activity.start, activity.end) == (
        "Ny",
        "Region Kalmar län",
        datetime.date(2024, 2, 1),
        datetime.date(2024, 3, 1),
    )


def test_an_adopted_plans_texts_cannot_be_edited(plan, bob):
    plan.state = PlanState.ADOPTED
    plan.save()
    section = plan.sections.get()

    assert bob.get(reverse("plans:edit", kwargs={"pk": plan.pk})).status_code == 403
    assert bob.post(reverse("plans:section_delete", kwargs={"pk": section.pk})).status_code == 403
    assert plan.sections.exists()
