"""The goal and reporting pages make as many queries with many goals and organisations as
with few."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from framja.goals.models import GoalRating
from framja.goals.services import assessment_save, goal_create
from framja.organisations.models import OrganisationKind
from framja.organisations.services import organisation_create
from framja.reporting import services

pytestmark = pytest.mark.django_db
RATINGS = list(GoalRating)


def grow(world: dict[str, Any], n: int, offset: int) -> None:
    """Add ``n`` organisations below RPO Test, each with goals, assessments and a
    submission in the round, and as many goals of RPO Test's own."""
    reporting_round = world["round"]
    for i in range(offset, offset + n):
        group = organisation_create(
            actor=None,
            kind=OrganisationKind.RAG,
            name=f"RAG {i}",
            slug=f"rag-{i}",
            parent=world["rpo"],
        )
        for owner in (group, world["rpo"]):
            goal = goal_create(
                actor=None,
                organisation=owner,
                heading=f"Rubrik {i % 3}",
                text=f"Mål {i}",
                start_year=2024,
            )
            assessment_save(
                actor=None,
                goal=goal,
                period="2024",
                rating=RATINGS[i % len(RATINGS)],
                result=f"Resultat {i}",
                analysis=f"Analys {i}",
            )
        reporting_round.submissions.create(organisation=group)
    services.feedback_save(actor=None, organisation=world["rpo"], year=2024, success_1="Ja")


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_goal_and_reporting_pages_do_not_grow_with_the_data(world: dict[str, Any]) -> None:
    world["round"] = services.round_open(
        actor=None,
        organisation=world["rpo"],
        title="Verksamhetsberättelse 2024",
        period="2024",
        deadline=datetime.date.today() + datetime.timedelta(days=5),
        participants=[world["rpo"]],
        include_feedback=True,
    )
    slug = {"slug": "rpo-test"}
    urls = [
        reverse("goals:list", kwargs=slug) + "?ar=2024",
        reverse("goals:overview", kwargs=slug) + "?ar=2024",
        reverse("reporting:round_list", kwargs=slug),
        reverse("reporting:round_detail", kwargs={"pk": world["round"].pk}),
        reverse("reporting:submission", kwargs={"pk": world["round"].pk, **slug}),
        reverse("reporting:my_submissions"),
        reverse("reporting:feedback", kwargs={**slug, "year": 2024}),
        reverse("reporting:annual_report", kwargs={**slug, "year": 2024}),
        "/api/goals/?organisation=rpo-test&limit=1000",
        f"/api/reporting/rounds/{world['round'].pk}",
    ]
    client = Client()
    client.force_login(world["bob"])
    grow(world, 3, offset=0)
    small = {url: count(client, url) for url in urls}

    grow(world, 30, offset=3)
    large = {url: count(client, url) for url in urls}

    assert large == small
