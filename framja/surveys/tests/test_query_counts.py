"""The survey pages, export and API make as many queries with many organisations as with few."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from framja.organisations.models import OrganisationKind
from framja.organisations.services import organisation_create
from framja.surveys import services
from framja.surveys.models import Response, Survey


def _build(organisation: Any, year: int) -> Survey:
    survey = services.survey_create(actor=None, organisation=organisation, title="E", year=year)
    section = services.section_create(actor=None, survey=survey, title="S")
    yes = services.question_create(actor=None, section=section, kind="yes_no", text="Ja?")
    services.question_create(actor=None, section=section, kind="text", text="Hur?", show_when=yes)
    services.question_create(
        actor=None, section=section, kind="multiple", text="Vilka?", choices=["A", "B"]
    )
    services.question_create(actor=None, section=section, kind="scale", text="Grad?")
    services.question_create(actor=None, section=section, kind="number", text="Antal?")
    return survey


def _answers(survey: Survey, i: int) -> dict[int, Any]:
    q = list(survey.questions.order_by("order"))
    return {
        q[0].pk: i % 2 == 0,
        q[1].pk: f"Text {i}",
        q[2].pk: ["A", "B"][: 1 + i % 2],
        q[3].pk: 1 + i % 5,
        q[4].pk: i,
    }


def grow(world: dict[str, Any], n: int, offset: int) -> None:
    """Add n organisations answering last year's and this year's survey."""
    for i in range(offset, offset + n):
        group = organisation_create(
            actor=None,
            kind=OrganisationKind.RAG,
            name=f"RAG {i}",
            slug=f"rag-{i}",
            parent=world["rpo"],
        )
        for survey in (world["old"], world["new"]):
            response = Response.objects.create(survey=survey, organisation=group)
            services.response_save(
                actor=None,
                response=response,
                answers=_answers(survey, i),
                submit=True,
                share_named=i % 3 == 0,
            )


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def surveys(world):
    rpo = world["rpo"]
    old = _build(rpo, 2024)
    deadline = datetime.date.today() + datetime.timedelta(days=7)
    services.survey_send(actor=None, survey=old, participants=[world["rag"]], deadline=deadline)
    new = services.survey_new_version(actor=None, survey=old)
    services.survey_send(actor=None, survey=new, participants=[world["rag"]], deadline=deadline)
    return {**world, "old": old, "new": new}


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_survey_pages_do_not_grow_with_the_data(surveys, who):
    new = surveys["new"]
    client = Client()
    client.force_login(surveys[who])
    urls = [
        f"/enkater/{new.pk}/",
        f"/enkater/{new.pk}/resultat/",
        f"/enkater/{new.pk}/svar.xlsx",
        f"/enkater/{new.pk}/rag-test/",
        f"/enkater/{new.pk}/rag-test/jamforelse/",
        f"/enkater/{new.pk}/rag-test/jamforelse.docx",
        "/organisationer/rpo-test/enkater/",
        "/enkater/att-besvara/",
        f"/api/surveys/{new.pk}",
        f"/api/surveys/{new.pk}/results",
        f"/api/surveys/{new.pk}/responses",
    ]
    grow(surveys, 3, 0)
    few = {url: count(client, url) for url in urls}
    grow(surveys, 6, 100)
    many = {url: count(client, url) for url in urls}

    assert many == few


def test_the_participants_view_does_not_grow_with_the_data(surveys):
    from framja.accounts.models import User
    from framja.organisations.models import AccessLevel
    from framja.organisations.services import access_grant

    new = surveys["new"]
    user = User.objects.create_user("rag@example.org", "x", full_name="Rag")
    access_grant(actor=None, user=user, organisation=surveys["rag"], level=AccessLevel.EDITOR)
    client = Client()
    client.force_login(user)
    urls = [
        f"/enkater/{new.pk}/",
        f"/enkater/{new.pk}/resultat/",
        f"/enkater/{new.pk}/svar.xlsx",
        f"/enkater/{new.pk}/rag-test/jamforelse/",
        f"/api/surveys/{new.pk}/results",
    ]
    grow(surveys, 3, 0)
    few = {url: count(client, url) for url in urls}
    grow(surveys, 6, 100)
    many = {url: count(client, url) for url in urls}

    assert many == few
