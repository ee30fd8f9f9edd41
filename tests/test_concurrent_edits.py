"""Two people editing the same plan, goal or organisation: the second save is told and
changes nothing; saving again from the form then shown knowingly replaces the first."""

from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from framja.core.concurrency import EditConflict, edit_token
from framja.core.models import AuditEvent
from framja.goals.models import Goal
from framja.goals.services import goal_create, goal_update
from framja.organisations.models import Organisation
from framja.organisations.services import organisation_update
from framja.plans import services as plans
from framja.plans.models import Plan
from framja.plans.selectors import plan_edit_token

pytestmark = pytest.mark.django_db
CONFLICT = "Någon annan har sparat ändringar medan du redigerade."


class FormFields(HTMLParser):
    """Collect what a browser would post from the page's main form (the one with a token)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, list[str]]] = []
        self.textarea: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        fields = self.forms[-1] if self.forms else {}
        if tag == "form":
            self.forms.append({})
        elif tag == "input" and a.get("name") and a.get("type") != "submit":
            choice = a.get("type") in {"checkbox", "radio"}
            if choice and "checked" not in a:
                return
            fields.setdefault(a["name"], []).append(a.get("value", "on" if choice else ""))
        elif tag == "textarea":
            self.textarea = a["name"]
            fields[a["name"]] = [""]
        elif tag == "select":
            self.select = a["name"]
            fields.setdefault(a["name"], [])
        elif tag == "option" and self.select and "selected" in a:
            fields[self.select].append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.forms[-1][self.textarea][0] += data.removeprefix("\n")


def form_data(html: str, **changes: str) -> dict[str, Any]:
    parser = FormFields()
    parser.feed(html)
    (fields,) = [form for form in parser.forms if "edit_token" in form]
    data: dict[str, Any] = {k: v if len(v) != 1 else v[0] for k, v in fields.items()}
    data.pop("csrfmiddlewaretoken", None)
    return {**data, **changes}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def two_saves(world, url: str, field: str, first: str, second: str):
    """Alice and Bob open the form; Alice saves, then Bob. Return Bob's response."""
    alice, bob = client_for(world["alice"]), client_for(world["bob"])
    alice_form = alice.get(url).content.decode()
    bob_form = bob.get(url).content.decode()
    saved = alice.post(url, form_data(alice_form, **{field: first}))
    assert saved.status_code == 302, saved.content.decode()
    events = AuditEvent.objects.count()
    response = bob.post(url, form_data(bob_form, **{field: second}))
    assert AuditEvent.objects.count() == events
    return bob, response


@pytest.fixture
def plan(world) -> Plan:
    return plans.plan_create(actor=None, organisation=world["rpo"], year=2024, title="HP 2024")


def test_a_stale_plan_form_changes_nothing_and_a_second_save_replaces(world, plan):
    # given / when
    url = reverse("plans:edit", kwargs={"pk": plan.pk})
    bob, response = two_saves(world, url, "document_owner", "Alice Ägare", "Bob Ägare")

    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT in html
    assert "Bob Ägare" in html
    assert Plan.objects.get(pk=plan.pk).document_owner == "Alice Ägare"

    # when bob saves again from the form he was shown
    again = bob.post(url, form_data(html))

    # then
    assert again.status_code == 302
    assert Plan.objects.get(pk=plan.pk).document_owner == "Bob Ägare"


def test_a_change_of_the_focus_areas_alone_makes_a_plan_form_stale(world, plan):
    # given
    url = reverse("plans:edit", kwargs={"pk": plan.pk})
    alice, bob = client_for(world["alice"]), client_for(world["bob"])
    bob_form = bob.get(url).content.decode()
    alice.post(url, form_data(alice.get(url).content.decode(), focus_areas="Tobak"))

    # when
    response = bob.post(url, form_data(bob_form, title="Bobs titel"))

    # then
    assert CONFLICT in response.content.decode()
    plan.refresh_from_db()
    assert (plan.title, [f.text for f in plan.focus_areas.all()]) == ("HP 2024", ["Tobak"])


def test_a_stale_goal_form_changes_nothing_and_a_second_save_replaces(world):
    # given
    goal = goal_create(actor=None, organisation=world["rpo"], text="Fler samtal", start_year=2024)
    url = reverse("goals:goal_edit", kwargs={"pk": goal.pk})

    # when
    bob, response = two_saves(world, url, "text", "Alices mål", "Bobs mål")

    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT in html
    assert Goal.objects.get(pk=goal.pk).text == "Alices mål"
    assert bob.post(url, form_data(html)).status_code == 302
    assert Goal.objects.get(pk=goal.pk).text == "Bobs mål"


def test_a_stale_organisation_form_changes_nothing_and_a_second_save_replaces(world):
    # given
    url = reverse("organisations:edit", kwargs={"slug": "rpo-test"})

    # when
    bob, response = two_saves(world, url, "description", "Alices text", "Bobs text")

    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT in html
    assert Organisation.objects.get(slug="rpo-test").description == "Alices text"
    assert bob.post(url, form_data(html)).status_code == 302
    assert Organisation.objects.get(slug="rpo-test").description == "Bobs text"


def test_the_services_refuse_a_stale_token(world, plan):
    # given tokens read before someone else saves
    goal = goal_create(actor=None, organisation=world["rpo"], text="Mål", start_year=2024)
    tokens = (plan_edit_token(plan), edit_token(goal), edit_token(world["rpo"]))
    plans.plan_update(actor=None, plan=plan, keywords="ändrat")
    goal_update(actor=None, goal=goal, text="Ändrat")
    organisation_update(actor=None, organisation=world["rpo"], description="Ändrat")
    events = AuditEvent.objects.count()

    # when / then
    with pytest.raises(EditConflict):
        plans.plan_update_details(
            actor=None, plan=plan, focus_areas=["X"], expected_token=tokens[0], title="Y"
        )
    with pytest.raises(EditConflict):
        goal_update(actor=None, goal=goal, expected_token=tokens[1], text="Y")
    with pytest.raises(EditConflict):
        organisation_update(
            actor=None, organisation=world["rpo"], expected_token=tokens[2], name="Y"
        )
    assert AuditEvent.objects.count() == events
    assert Plan.objects.get(pk=plan.pk).title == "HP 2024"
    assert not plan.focus_areas.exists()
    assert Goal.objects.get(pk=goal.pk).text == "Ändrat"
    assert Organisation.objects.get(pk=world["rpo"].pk).name == "RPO Test"
