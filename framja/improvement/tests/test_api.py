import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from framja.improvement import services
from framja.improvement.models import AnchoringDecision, Step

API = "/api/improvement"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_api_reads_a_cycle_with_its_steps_answers_and_decisions(subregion, cycle):
    question = cycle.template.questions.order_by("order").first()
    services.answers_save(actor=None, cycle=cycle, answers={question.pk: "Svar"})
    services.decision_record(
        actor=None,
        cycle=cycle,
        body="dot",
        meeting_date=datetime.date(2026, 3, 1),
        outcome="approved",
        minutes_reference="DOT § 1",
        proposal="Förslag",
    )

    data = _client(subregion["rita"]).get(f"{API}/cycles/{cycle.pk}").json()

    assert data["title"] == cycle.title
    assert [s["step"] for s in data["steps"]] == [1, 2, 3, 4, 5]
    assert data["steps"][0]["planned_week"] == 10
    assert data["answers"][0] == {
        "question_id": question.pk,
        "question": question.text,
        "answer": "Svar",
    }
    assert [f["topic"] for f in data["findings"]] == [
        "current_shared",
        "future_shared",
        "create_together",
        "collaboration",
    ]
    assert data["decisions"][0]["minutes_reference"] == "DOT § 1"
    assert data["decisions"][0]["snapshot"]["inventory"][0]["answer"] == "Svar"


def test_the_api_lists_the_cycles_below_an_organisation(subregion, cycle):
    response = _client(subregion["alice"]).get(f"{API}/cycles", {"organisation": "rpo-test"})

    assert [c["id"] for c in response.json()] == [cycle.pk]


def test_the_api_writes_answers_pdsa_decisions_and_follow_up(subregion, cycle):
    client = _client(subregion["bob"])
    question = cycle.template.questions.order_by("order").first()

    answers = client.put(
        f"{API}/cycles/{cycle.pk}/answers",
        {"answers": [{"question_id": question.pk, "text": "Via API"}]},
        content_type="application/json",
    )
    pdsa = client.post(
        f"{API}/cycles/{cycle.pk}/pdsa",
        {"title": "PDSA via API", "act": "adopt"},
        content_type="application/json",
    )
    refused = client.post(
        f"{API}/cycles/{cycle.pk}/decisions",
        {
            "body": "dst",
            "meeting_date": "2026-04-01",
            "outcome": "approved",
            "minutes_reference": "DST",
            "proposal": "F",
        },
        content_type="application/json",
    )
    decision = client.post(
        f"{API}/cycles/{cycle.pk}/decisions",
        {
            "body": "dot",
            "body_organisation": "dot-test",
            "meeting_date": "2026-03-01",
            "outcome": "approved",
            "minutes_reference": "DOT",
            "proposal": "F",
        },
        content_type="application/json",
    )
    step = client.patch(
        f"{API}/cycles/{cycle.pk}/steps/{Step.IMPLEMENTATION}",
        {"planned_year": 2026, "planned_week": 30},
        content_type="application/json",
    )

    assert answers.status_code == 200
    assert answers.json()[0]["answer"] == "Via API"
    assert pdsa.status_code == 201
    assert cycle.pdsa_cycles.get().act == "adopt"
    assert refused.status_code == 422
    assert decision.status_code == 201
    assert decision.json()["body_organisation"] == "dot-test"
    assert AnchoringDecision.objects.get().snapshot["pdsa"][0]["title"] == "PDSA via API"
    assert step.json()["planned_week"] == 30


def test_the_api_has_no_way_to_change_a_decision(subregion, cycle):
    decision = services.decision_record(
        actor=None,
        cycle=cycle,
        body="dot",
        meeting_date=datetime.date(2026, 3, 1),
        outcome="approved",
        minutes_reference="DOT",
        proposal="F",
    )
    client = _client(subregion["alice"])

    put = client.put(
        f"{API}/cycles/{cycle.pk}/decisions",
        {"outcome": "rejected"},
        content_type="application/json",
    )
    delete = client.delete(f"{API}/cycles/{cycle.pk}/decisions")

    assert (put.status_code, delete.status_code) == (405, 405)
    decision.refresh_from_db()
    assert decision.outcome == "approved"


def test_the_api_records_do_study_and_act_of_a_pdsa_cycle(subregion, cycle):
    pdsa = services.pdsa_create(actor=None, cycle=cycle, title="P", prediction="Fler åtgärder")
    client = _client(subregion["bob"])

    response = client.patch(
        f"{API}/cycles/{cycle.pk}/pdsa/{pdsa.pk}",
        {"do_notes": "Gjort", "study_notes": "Som förutsagt", "act": "adopt"},
        content_type="application/json",
    )
    refused = client.patch(
        f"{API}/cycles/{cycle.pk}/pdsa/{pdsa.pk}",
        {"title": None},
        content_type="application/json",
    )

    assert (response.status_code, refused.status_code) == (200, 422)
    pdsa.refresh_from_db()
    assert (pdsa.do_notes, pdsa.study_notes, pdsa.act, pdsa.prediction, pdsa.title) == (
        "Gjort",
        "Som förutsagt",
        "adopt",
        "Fler åtgärder",
        "P",
    )


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _add(cycle, number: int) -> None:
    previous = cycle.pdsa_cycles.order_by("-number").first()
    pdsa = services.pdsa_create(
        actor=None, cycle=cycle, title=f"P{number}", previous=previous, act="adopt"
    )
    services.finding_save(
        actor=None, cycle=cycle, topic=["current_shared", "future_shared"][number % 2], found="x"
    )
    measure = services.measure_create(actor=None, cycle=cycle, kind="process", name=f"M{number}")
    services.followup_value_record(
        actor=None, measure=measure, date=datetime.date(2026, 5, number), result="r"
    )
    assert pdsa.number == number


def test_the_api_reads_a_cycle_in_the_same_number_of_queries_for_more_content(subregion, cycle):
    client = _client(subregion["rita"])
    _add(cycle, 1)
    url = f"{API}/cycles/{cycle.pk}"
    small = _queries(client, url)

    for number in (2, 3, 4):
        _add(cycle, number)

    assert _queries(client, url) == small
