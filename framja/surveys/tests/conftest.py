"""A survey from RPO Test to three organisations below it, each with its own editor."""

import datetime

import pytest

from framja.accounts.models import User
from framja.organisations import services as org_services
from framja.organisations.models import AccessLevel, OrganisationKind
from framja.surveys import services

PASSWORD = "correct horse battery staple"


@pytest.fixture
def survey_world(world):
    rpo = world["rpo"]
    groups = [world["rag"]] + [
        org_services.organisation_create(
            actor=None,
            kind=OrganisationKind.RAG,
            name=f"RAG {name}",
            slug=f"rag-{name}",
            parent=rpo,
        )
        for name in ("b", "c")
    ]
    editors = []
    for group in groups:
        user = User.objects.create_user(f"{group.slug}@example.org", PASSWORD, full_name=group.name)
        org_services.access_grant(
            actor=None, user=user, organisation=group, level=AccessLevel.EDITOR
        )
        editors.append(user)
    survey = services.survey_create(
        actor=world["alice"], organisation=rpo, title="Enkät", year=2025
    )
    section = services.section_create(actor=world["alice"], survey=survey, title="Arbetet")
    works = services.question_create(
        actor=None, section=section, kind="yes_no", text="Arbetar ni med X?", required=True
    )
    how = services.question_create(
        actor=None, section=section, kind="text", text="Hur?", required=True, show_when=works
    )
    scale = services.question_create(
        actor=None,
        section=section,
        kind="scale",
        text="Hur väl?",
        scale_labels=["Inte alls", "Lite", "Delvis", "Väl", "Helt"],
    )
    areas = services.question_create(
        actor=None, section=section, kind="multiple", text="Vilka områden?", choices=["A", "B", "C"]
    )
    count = services.question_create(actor=None, section=section, kind="number", text="Hur många?")
    services.survey_send(
        actor=world["alice"],
        survey=survey,
        participants=groups,
        deadline=datetime.date.today() + datetime.timedelta(days=14),
    )
    responses = {r.organisation.slug: r for r in survey.responses.select_related("organisation")}
    return {
        **world,
        "survey": survey,
        "groups": groups,
        "editors": editors,
        "responses": responses,
        "q": {"works": works, "how": how, "scale": scale, "areas": areas, "count": count},
    }
