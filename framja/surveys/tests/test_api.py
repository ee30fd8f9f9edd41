"""The survey API: build, send, answer, submit and reopen, as a program would."""

from django.test import Client

from framja.surveys.models import QuestionKind, ResponseState, Survey


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_builds_sends_and_collects_a_survey(survey_world):
    # given the coordinator's administrator and RAG b's editor
    alice = _client(survey_world["alice"])
    editor = _client(survey_world["editors"][1])

    # when alice creates a survey with a conditional question and sends it
    created = alice.post(
        "/api/surveys/organisations/rpo-test",
        {
            "title": "API-enkät",
            "year": 2026,
            "sections": [
                {
                    "title": "Del 1",
                    "questions": [
                        {"kind": "yes_no", "text": "Finns en plan?", "required": True},
                        {"kind": "number", "text": "Hur många?", "required": True, "show_when": 0},
                    ],
                }
            ],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    plan, count = (q["id"] for q in body["questions"])
    assert body["questions"][1]["show_when"] == plan
    assert body["state"] == "draft"
    sent = alice.post(
        f"/api/surveys/{body['id']}/send",
        {"participants": ["rag-b", "rag-c"], "deadline": "2099-01-31"},
        content_type="application/json",
    )
    assert sent.json()["state"] == "sent"

    # and RAG b answers yes without the follow-up, then with it
    url = f"/api/surveys/{body['id']}/responses/rag-b"
    missing = editor.put(
        url, {"answers": {plan: True}, "submit": True}, content_type="application/json"
    )
    assert missing.status_code == 422
    done = editor.put(
        url,
        {"answers": {plan: True, count: "12"}, "submit": True, "share_named": True},
        content_type="application/json",
    )

    # then the answers are stored, typed, and only the coordinator can reopen them
    assert done.status_code == 200, done.content
    assert done.json()["answers"] == {str(plan): True, str(count): 12}
    assert done.json()["state"] == ResponseState.SUBMITTED
    assert editor.post(f"{url}/reopen").status_code == 403
    assert alice.post(f"{url}/reopen").json()["state"] == ResponseState.DRAFT
    survey = Survey.objects.get(pk=body["id"])
    assert [q.kind for q in survey.questions.order_by("order")] == [
        QuestionKind.YES_NO,
        QuestionKind.NUMBER,
    ]


def test_it_refuses_to_build_for_a_reader(survey_world):
    rita = _client(survey_world["rita"])

    response = rita.post(
        "/api/surveys/organisations/rpo-test",
        {"title": "Nej", "year": 2026},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert not Survey.objects.filter(title="Nej").exists()


def test_a_bad_question_leaves_nothing_behind(survey_world):
    alice = _client(survey_world["alice"])

    response = alice.post(
        "/api/surveys/organisations/rpo-test",
        {
            "title": "Trasig",
            "year": 2026,
            "sections": [{"title": "S", "questions": [{"kind": "single", "text": "Ett val?"}]}],
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    assert not Survey.objects.filter(title="Trasig").exists()
