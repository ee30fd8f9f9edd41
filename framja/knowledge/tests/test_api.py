"""The knowledge bank's API: examples, events and search, with permissions."""

import datetime

from django.test import Client
from django.utils import timezone

from framja.knowledge import services
from framja.plans import services as plan_services


def test_search_api_returns_only_what_the_user_may_see(world):
    draft = plan_services.plan_create(
        actor=None, organisation=world["rpo"], year=2025, title="Utkast"
    )
    plan_services.row_create(actor=None, plan=draft, title="Hälsosamtalen i skolan")
    services.example_create(actor=None, organisation=world["other"], title="Hälsosamtal i länet")
    reader, outsider = Client(), Client()
    reader.force_login(world["rita"])
    outsider.force_login(world["charlie"])

    seen = reader.get("/api/search/", {"q": "hälsosamtal"}).json()
    hidden = outsider.get("/api/search/", {"q": "hälsosamtal"}).json()

    assert sorted(h["title"] for h in seen["hits"]) == [
        "Hälsosamtal i länet",
        "Hälsosamtalen i skolan",
    ]
    assert [h["title"] for h in hidden["hits"]] == ["Hälsosamtal i länet"]
    assert hidden["total"] == 1
    assert hidden["hits"][0]["title_html"] == "<mark>Hälsosamtal</mark> i länet"


def test_search_api_filters_by_kind(world):
    services.example_create(actor=None, organisation=world["other"], title="Hälsosamtal i länet")

    data = Client().get("/api/search/", {"q": "hälsosamtal", "kind": "event"}).json()

    assert data["hits"] == []
    assert data["by_kind"] == {"example": 1}


def test_examples_and_events_api(world):
    example = services.example_create(
        actor=None, organisation=world["rpo"], title="FaR-utbildningar", links="https://a.se\n"
    )
    services.event_create(
        actor=None,
        organisation=world["rpo"],
        title="Webbsändning",
        start=timezone.now() + datetime.timedelta(days=2),
    )

    examples = Client().get("/api/good-examples/").json()
    one = Client().get(f"/api/good-examples/{example.pk}").json()
    events = Client().get("/api/events/").json()

    assert [e["title"] for e in examples["items"]] == ["FaR-utbildningar"]
    assert one["links"] == ["https://a.se"]
    assert one["organisation"] == "rpo-test"
    assert [e["title"] for e in events["items"]] == ["Webbsändning"]
