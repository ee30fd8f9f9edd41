import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from framja.goals.models import Assessment, GoalRating
from framja.goals.services import assessment_save, goal_create
from framja.organisations.models import AccessLevel
from framja.organisations.services import access_grant
from framja.reporting import selectors, services
from framja.reporting.models import Feedback, RoundState, Submission, SubmissionState

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_world(world):
    """RPO Test coordinates a round for itself and its RAG; bob edits RPO Test."""
    goal = goal_create(
        actor=None, organisation=world["rpo"], text="Fler hälsosamtal", start_year=2024
    )
    rag_goal = goal_create(
        actor=None, organisation=world["rag"], text="Tobakshjälpen", start_year=2024
    )
    reporting_round = services.round_open(
        actor=world["alice"],
        organisation=world["rpo"],
        title="RAG-rapport hösten 2024",
        period="2024H2",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        participants=[world["rag"], world["rpo"]],
        include_feedback=True,
    )
    return {**world, "round": reporting_round, "goal": goal, "rag_goal": rag_goal}


def submission(w: dict[str, Any], slug: str) -> Submission:
    return Submission.objects.select_related("round", "organisation").get(
        round=w["round"], organisation__slug=slug
    )


def test_opening_a_round_gives_each_participant_an_empty_submission(round_world):
    rows = selectors.round_progress(reporting_round=round_world["round"]).submissions

    assert [(s.organisation.slug, s.state) for s in rows] == [
        ("rpo-test", SubmissionState.NOT_STARTED),
        ("rag-test", SubmissionState.NOT_STARTED),
    ]


def test_a_round_takes_only_participants_below_the_coordinator(world):
    with pytest.raises(ValidationError, match="hör inte till"):
        services.round_open(
            actor=None,
            organisation=world["rag"],
            title="Fel",
            period="2024",
            deadline=datetime.date(2030, 1, 1),
            participants=[world["other"]],
        )


def test_saving_a_draft_then_marking_ready(round_world):
    item = submission(round_world, "rpo-test")
    services.submission_save(
        actor=round_world["bob"],
        submission=item,
        summary="Halvvägs",
        assessments=[services.AssessmentInput(round_world["goal"], GoalRating.PARTLY, "Start", "")],
        feedback={"success_1": "Hälsan spelar roll", "new_chair": "Anette Frisk"},
    )
    assert item.state == SubmissionState.IN_PROGRESS
    assert Assessment.objects.get(goal=round_world["goal"], period="2024H2").result == "Start"
    assert Feedback.objects.get(organisation=round_world["rpo"], year=2024).new_chair == (
        "Anette Frisk"
    )

    services.submission_save(
        actor=round_world["bob"], submission=item, summary="Klart", assessments=[], ready=True
    )
    assert item.state == SubmissionState.READY
    assert item.ready_at is not None


def test_a_submission_cannot_assess_another_organisations_goal(round_world):
    with pytest.raises(ValidationError):
        services.submission_save(
            actor=None,
            submission=submission(round_world, "rpo-test"),
            summary="",
            assessments=[
                services.AssessmentInput(round_world["rag_goal"], GoalRating.ACHIEVED, "", "")
            ],
        )
    assert not Assessment.objects.exists()


def test_reminders_go_to_the_editors_of_organisations_not_ready(round_world):
    access_grant(
        actor=None,
        user=round_world["charlie"],
        organisation=round_world["rag"],
        level=AccessLevel.EDITOR,
    )
    services.submission_save(
        actor=None,
        submission=submission(round_world, "rpo-test"),
        summary="",
        assessments=[],
        ready=True,
    )

    result = services.round_remind(actor=round_world["alice"], reporting_round=round_world["round"])

    assert [s.organisation.slug for s in result.sent] == ["rag-test"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["charlie@example.org"]
    assert "RAG-rapport hösten 2024" in message.subject
    assert "/rapportering/" in message.body
    assert submission(round_world, "rag-test").reminded_at is not None


def test_a_reminder_without_editors_is_reported_not_sent(round_world):
    result = services.round_remind(
        actor=None,
        reporting_round=round_world["round"],
        submissions=[submission(round_world, "rag-test")],
    )

    assert result.sent == []
    assert [s.organisation.slug for s in result.without_recipients] == ["rag-test"]
    assert mail.outbox == []


def test_closing_freezes_what_was_submitted(round_world):
    item = submission(round_world, "rpo-test")
    services.submission_save(
        actor=round_world["bob"],
        submission=item,
        summary="Vår sammanfattning",
        assessments=[
            services.AssessmentInput(
                round_world["goal"], GoalRating.NOT_ACHIEVED, "Inget gjort", "Ingen tid"
            )
        ],
        feedback={"setback_1": "IT-stödet"},
        ready=True,
    )

    services.round_close(actor=round_world["alice"], reporting_round=round_world["round"])
    # Later the organisation changes its own assessment and feedback …
    assessment_save(
        actor=round_world["bob"],
        goal=round_world["goal"],
        period="2024H2",
        rating=GoalRating.ACHIEVED,
        result="Ändrat efteråt",
    )
    services.feedback_save(
        actor=None, organisation=round_world["rpo"], year=2024, setback_1="Något annat"
    )

    # … but what was submitted stays as it was.
    frozen = submission(round_world, "rpo-test").snapshot
    assert frozen is not None
    assert frozen["summary"] == "Vår sammanfattning"
    assert frozen["goals"] == [
        {
            "id": round_world["goal"].pk,
            "heading": "",
            "text": "Fler hälsosamtal",
            "rating": "not_achieved",
            "result": "Inget gjort",
            "analysis": "Ingen tid",
        }
    ]
    assert frozen["feedback"]["setback_1"] == "IT-stödet"
    other = submission(round_world, "rag-test").snapshot
    assert other is not None
    assert other["state"] == SubmissionState.NOT_STARTED
    round_world["round"].refresh_from_db()
    assert round_world["round"].state == RoundState.CLOSED


def test_nothing_can_be_saved_or_reminded_after_closing(round_world):
    services.round_close(actor=None, reporting_round=round_world["round"])
    item = submission(round_world, "rpo-test")

    with pytest.raises(ValidationError, match="stängd"):
        services.submission_save(actor=None, submission=item, summary="Sent", assessments=[])
    with pytest.raises(ValidationError, match="stängd"):
        services.round_remind(actor=None, reporting_round=round_world["round"])
    item.refresh_from_db()
    assert item.summary == ""


def test_the_editor_fills_in_the_form_and_the_coordinator_follows_progress(round_world):
    client = Client()
    client.force_login(round_world["bob"])
    url = reverse("reporting:submission", args=[round_world["round"].pk, "rpo-test"])
    goal = round_world["goal"]

    page = client.get(url).content.decode()
    assert "Fler hälsosamtal" in page
    assert "Framgång 1" in page

    response = client.post(
        url,
        {
            "summary": "Bra år",
            f"rating_{goal.pk}": "achieved",
            f"result_{goal.pk}": "Alla tre regionerna",
            f"analysis_{goal.pk}": "",
            "feedback_success_1": "Hälsan spelar roll",
            "action": "ready",
        },
    )
    assert response.status_code == 302
    assert submission(round_world, "rpo-test").state == SubmissionState.READY

    client.force_login(round_world["alice"])
    progress = client.get(round_world["round"].get_absolute_url()).content.decode()
    assert "1 av 2" in progress
    assert "Påminn alla som inte är klara" in progress


def test_only_the_coordinators_editors_may_close(round_world):
    client = Client()
    client.force_login(round_world["rita"])
    url = reverse("reporting:round_close", args=[round_world["round"].pk])

    assert client.post(url).status_code == 403
    client.force_login(round_world["alice"])
    assert client.post(url).status_code == 302
    round_world["round"].refresh_from_db()
    assert round_world["round"].state == RoundState.CLOSED


def test_after_closing_the_submission_page_shows_the_frozen_content(round_world):
    services.submission_save(
        actor=None,
        submission=submission(round_world, "rpo-test"),
        summary="Som det lämnades",
        assessments=[],
    )
    services.round_close(actor=None, reporting_round=round_world["round"])
    services.feedback_save(actor=None, organisation=round_world["rpo"], year=2024, success_1="X")
    client = Client()
    client.force_login(round_world["bob"])

    page = client.get(
        reverse("reporting:submission", args=[round_world["round"].pk, "rpo-test"])
    ).content.decode()

    assert "Som det lämnades" in page
    assert "ändras inte" in page
    assert 'name="summary"' not in page


def test_my_submissions_lists_the_open_ones_where_i_edit(round_world):
    assert [
        s.organisation.slug for s in selectors.submissions_to_fill(user=round_world["bob"])
    ] == ["rpo-test"]
    assert selectors.submissions_to_fill(user=round_world["rita"]) == []
