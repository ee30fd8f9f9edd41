"""Two people editing the same row: the second save is told, nothing is overwritten."""

import re

from django.test import Client
from django.urls import reverse

from framja.plans import services
from framja.plans.models import PlanRow


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(html: str, **changes: str) -> dict[str, str]:
    version = re.search(r'name="version" value="(\d+)"', html)
    assert version is not None
    return {
        "version": version.group(1),
        "title": "Hälsan spelar roll",
        "description": "",
        "effort_area": "",
        "effort_area_note": "",
        "follow_up": "",
        **changes,
    }


def test_the_second_save_gets_a_conflict_and_can_then_knowingly_replace(world):
    # given a row that alice and bob both open for editing
    plan = services.plan_create(actor=None, organisation=world["rpo"], year=2024, title="HP")
    row = services.row_create(actor=None, plan=plan, title="Hälsan spelar roll")
    url = reverse("plans:row_edit", kwargs={"pk": row.pk})
    alice, bob = client_for(world["alice"]), client_for(world["bob"])
    alice_form = alice.get(url).content.decode()
    bob_form = bob.get(url).content.decode()

    # when alice saves first, then bob
    first = alice.post(url, form_data(alice_form, follow_up="Två möten per år"))
    second = bob.post(url, form_data(bob_form, follow_up="Enkät till deltagarna"))

    # then bob is told, sees alice's change, and nothing of hers is lost
    assert first.status_code == 302
    assert second.status_code == 200
    html = second.content.decode()
    assert "Någon annan har ändrat raden medan du redigerade den." in html
    assert "Två möten per år" in html
    assert "Enkät till deltagarna" in html
    assert PlanRow.objects.get(pk=row.pk).follow_up == "Två möten per år"

    # when bob saves again from the form he was shown
    third = bob.post(url, form_data(html, follow_up="Enkät till deltagarna"))

    # then his version replaces hers, knowingly
    assert third.status_code == 302
    assert PlanRow.objects.get(pk=row.pk).follow_up == "Enkät till deltagarna"


def test_saving_without_a_conflict_bumps_the_version(world):
    plan = services.plan_create(actor=None, organisation=world["rpo"], year=2024, title="HP")
    row = services.row_create(actor=None, plan=plan, title="Rad")

    services.row_update(actor=None, row=row, expected_version=1, follow_up="Ny text")

    assert PlanRow.objects.get(pk=row.pk).lock_version == 2
