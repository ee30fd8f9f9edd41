"""Building, sending, answering, reopening and reminding."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from framja.core.models import AuditEvent
from framja.surveys import selectors, services
from framja.surveys.models import Answer, ResponseState, SurveyState


def test_it_freezes_a_sent_survey(survey_world):
    survey = survey_world["survey"]
    section = survey.sections.get()

    with pytest.raises(ValidationError):
        services.question_create(actor=None, section=section, kind="text", text="Ny?")
    with pytest.raises(ValidationError):
        services.question_update(actor=None, question=survey_world["q"]["how"], text="Ändrad")
    with pytest.raises(ValidationError):
        services.survey_update(actor=None, survey=survey, title="Nytt namn")

    assert survey.state == SurveyState.SENT
    assert survey.responses.count() == 3


def test_it_makes_a_new_version_for_next_year(survey_world):
    survey = survey_world["survey"]

    copy = services.survey_new_version(actor=survey_world["alice"], survey=survey)

    assert (copy.year, copy.state, copy.previous_id) == (2026, SurveyState.DRAFT, survey.pk)
    old = list(survey.questions.order_by("order"))
    new = list(copy.questions.order_by("order"))
    assert [q.text for q in new] == [q.text for q in old]
    assert [q.previous_id for q in new] == [q.pk for q in old]
    how = next(q for q in new if q.text == "Hur?")
    assert how.show_when is not None
    assert how.show_when.survey_id == copy.pk
    services.question_create(
        actor=None, section=copy.sections.get(), kind="text", text="Ny fråga 2026"
    )
    assert copy.questions.count() == 6


def test_it_rejects_a_condition_that_is_not_yes_no(survey_world):
    survey = services.survey_create(
        actor=None, organisation=survey_world["rpo"], title="T", year=2025
    )
    section = services.section_create(actor=None, survey=survey, title="S")
    text = services.question_create(actor=None, section=section, kind="text", text="Fritt")

    with pytest.raises(ValidationError):
        services.question_create(actor=None, section=section, kind="text", text="B", show_when=text)
    with pytest.raises(ValidationError):
        services.question_create(
            actor=None, section=section, kind="single", text="Ett val", choices=["bara ett"]
        )


def test_it_checks_a_conditional_question_as_required_only_when_shown(survey_world):
    q = survey_world["q"]
    response = survey_world["responses"]["rag-test"]

    # when the condition is no, the required follow-up is not asked, and its answer is dropped
    services.response_save(
        actor=None,
        response=response,
        answers={q["works"].pk: "no", q["how"].pk: "kvarglömt svar"},
        submit=True,
    )
    assert response.state == ResponseState.SUBMITTED
    assert selectors.response_values(response=response) == {q["works"].pk: False}

    # when the condition is yes, the follow-up must be answered
    other = survey_world["responses"]["rag-b"]
    with pytest.raises(services.AnswerErrors) as error:
        services.response_save(
            actor=None, response=other, answers={q["works"].pk: "yes"}, submit=True
        )
    assert error.value.errors == {q["how"].pk: "Frågan måste besvaras."}


def test_it_saves_a_draft_without_checking_required(survey_world):
    q = survey_world["q"]
    response = survey_world["responses"]["rag-b"]
    editor = survey_world["editors"][1]

    services.response_save(
        actor=editor,
        response=response,
        answers={q["scale"].pk: "4", q["areas"].pk: ["C", "A"], q["count"].pk: "2,5"},
    )

    assert response.state == ResponseState.DRAFT
    assert selectors.response_values(response=response) == {
        q["scale"].pk: 4,
        q["areas"].pk: ["A", "C"],
        q["count"].pk: 2.5,
    }
    assert list(response.respondents.all()) == [editor]
    assert AuditEvent.objects.filter(
        object_type="surveys.response", object_id=str(response.pk)
    ).exists()


def test_only_the_coordinator_reopens_a_submitted_response(survey_world):
    q = survey_world["q"]
    response = survey_world["responses"]["rag-c"]
    services.response_save(
        actor=None, response=response, answers={q["works"].pk: False}, submit=True
    )

    with pytest.raises(ValidationError):
        services.response_save(actor=None, response=response, answers={q["works"].pk: True})
    editor = survey_world["editors"][2]
    assert not selectors.response_may_edit(user=editor, response=response)
    assert not selectors.survey_may_manage(user=editor, survey=response.survey)

    services.response_reopen(actor=survey_world["alice"], response=response)

    assert response.state == ResponseState.DRAFT
    assert selectors.response_may_edit(user=editor, response=response)


def test_the_editor_cannot_reopen_through_the_page(survey_world, client):
    q = survey_world["q"]
    response = survey_world["responses"]["rag-c"]
    services.response_save(
        actor=None, response=response, answers={q["works"].pk: False}, submit=True
    )
    client.force_login(survey_world["editors"][2])

    page = client.post(f"/enkater/{response.survey_id}/rag-c/oppna-igen/")

    assert page.status_code == 403
    response.refresh_from_db()
    assert response.state == ResponseState.SUBMITTED


def test_it_reminds_those_who_have_not_submitted(survey_world):
    q = survey_world["q"]
    responses = survey_world["responses"]
    services.response_save(
        actor=None, response=responses["rag-c"], answers={q["works"].pk: False}, submit=True
    )

    result = services.survey_remind(actor=None, survey=survey_world["survey"], site_url="http://x")

    assert sorted(r.organisation.slug for r in result.sent) == ["rag-b", "rag-test"]
    assert sorted(m.to[0] for m in mail.outbox) == ["rag-b@example.org", "rag-test@example.org"]
    assert "http://x/enkater/" in mail.outbox[0].body
    assert responses["rag-c"].reminded_at is None


def test_the_answer_page_works_without_javascript(survey_world, client):
    # given a follow-up question shown only when the first is yes
    q = survey_world["q"]
    survey = survey_world["survey"]
    client.force_login(survey_world["editors"][0])
    url = f"/enkater/{survey.pk}/rag-test/"

    # when the page is read without scripts, the follow-up is there and says when to answer it
    html = client.get(url).content.decode()
    assert f'data-show-when="q{q["works"].pk}"' in html
    assert "Besvaras bara om svaret på ”Arbetar ni med X?” är ja." in html
    assert "<script" not in html.split("<body>")[1]

    # then submitting yes without the follow-up fails, and no succeeds
    page = client.post(url, {f"q{q['works'].pk}": "yes", "action": "submit"})
    assert page.status_code == 200
    assert "Frågan måste besvaras." in page.content.decode()
    page = client.post(
        url, {f"q{q['works'].pk}": "no", f"q{q['how'].pk}": "ignoreras", "action": "submit"}
    )
    assert page.status_code == 302
    assert not Answer.objects.filter(question=q["how"]).exists()


def test_last_years_answers_show_beside_this_years(survey_world, client):
    q = survey_world["q"]
    response = survey_world["responses"]["rag-test"]
    services.response_save(
        actor=None,
        response=response,
        answers={q["works"].pk: True, q["how"].pk: "Med en plan"},
        submit=True,
    )
    services.survey_close(actor=None, survey=survey_world["survey"])
    copy = services.survey_new_version(actor=None, survey=survey_world["survey"])
    services.survey_send(
        actor=None,
        survey=copy,
        participants=survey_world["groups"],
        deadline=datetime.date.today(),
    )
    client.force_login(survey_world["editors"][0])

    html = client.get(f"/enkater/{copy.pk}/rag-test/").content.decode()

    assert "Ert svar 2025: Ja" in html
    assert "Ert svar 2025: Med en plan" in html


def test_it_moves_a_question_within_its_section_while_a_draft(survey_world):
    copy = services.survey_new_version(actor=None, survey=survey_world["survey"])
    questions = list(copy.questions.order_by("order"))

    services.question_move(actor=None, question=questions[2], up=True)

    assert [q.text for q in copy.questions.order_by("order")] == [
        "Arbetar ni med X?",
        "Hur väl?",
        "Hur?",
        "Vilka områden?",
        "Hur många?",
    ]
    sent = survey_world["q"]["scale"]
    with pytest.raises(ValidationError):
        services.question_move(actor=None, question=sent, up=True)


def test_the_send_page_preselects_all_members_of_a_network(db, client):
    # given a network whose members are all regions, and its administrator
    from framja.accounts.models import User
    from framja.organisations.models import AccessLevel, Organisation, OrganisationKind
    from framja.organisations.services import (
        access_grant,
        organisation_create,
        organisation_set_members,
    )

    network = organisation_create(
        actor=None, kind=OrganisationKind.NETWORK, name="Nätverket", slug="natverket"
    )
    regions = list(Organisation.objects.filter(kind=OrganisationKind.REGION))
    organisation_set_members(actor=None, organisation=network, members=regions)
    user = User.objects.create_user("k@example.org", "x", full_name="K")
    access_grant(actor=None, user=user, organisation=network, level=AccessLevel.ADMIN)
    survey = services.survey_create(actor=None, organisation=network, title="E", year=2026)
    client.force_login(user)

    # when the coordinator chooses all members
    html = client.get(f"/enkater/{survey.pk}/skicka/?urval=medlemmar").content.decode()

    # then all 21 regions are checked
    assert len(regions) == 21
    assert html.count("checked") == 21


def test_a_condition_stays_a_yes_no_question(survey_world):
    copy = services.survey_new_version(actor=None, survey=survey_world["survey"])
    condition = copy.questions.get(text="Arbetar ni med X?")

    with pytest.raises(ValidationError):
        services.question_update(actor=None, question=condition, kind="text")
