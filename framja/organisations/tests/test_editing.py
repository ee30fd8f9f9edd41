"""Editing organisations and people: who may change what, and how history reads."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from framja.core.models import AuditEvent
from framja.organisations import services
from framja.organisations.forms import MembershipForm
from framja.organisations.models import OrganisationAccess, Person, Role
from framja.organisations.tests.test_views import client_for, organisation_post


def test_an_editor_cannot_change_the_address_or_kind(world):
    # given
    bob, rpo = world["bob"], world["rpo"]

    # when
    response = client_for(bob).post(
        reverse("organisations:edit", kwargs={"slug": rpo.slug}),
        organisation_post(rpo, name="RPO Nytt", slug="flyttad", kind="network"),
    )

    # then
    assert response.status_code == 302
    rpo.refresh_from_db()
    assert (rpo.name, rpo.slug, rpo.kind) == ("RPO Nytt", "rpo-test", "rpo")


def test_an_administrator_can_change_the_address(world):
    alice, rpo = world["alice"], world["rpo"]

    response = client_for(alice).post(
        reverse("organisations:edit", kwargs={"slug": rpo.slug}),
        organisation_post(rpo, slug="rpo-ny"),
    )

    assert response.status_code == 302
    rpo.refresh_from_db()
    assert rpo.slug == "rpo-ny"


def test_history_shows_field_and_role_names_in_swedish(world):
    # given a member who becomes vice chair
    alice, rpo = world["alice"], world["rpo"]
    person = services.person_create(actor=alice, name="Vera Vice")
    membership = services.membership_start(
        actor=alice,
        person=person,
        organisation=rpo,
        role=Role.MEMBER,
        start=datetime.date(2024, 1, 1),
    )
    services.membership_change_role(
        actor=alice, membership=membership, role=Role.VICE_CHAIR, day=datetime.date(2025, 1, 1)
    )

    # when
    html = (
        client_for(alice)
        .get(reverse("organisations:history", kwargs={"slug": rpo.slug}))
        .content.decode()
    )

    # then
    assert '<span class="field-name">Roll</span>: vice ordförande' in html
    assert '<span class="field-name">Till</span>: <del>–</del> → <ins>2024-12-31</ins>' in html
    assert "vice_chair" not in html
    assert "path" not in html


def test_an_administrator_edits_a_person_and_it_is_recorded(world):
    # given Pia, who holds a role in RPO Test
    alice, rpo = world["alice"], world["rpo"]
    pia = services.person_create(actor=None, name="Pia Person")
    services.membership_start(
        actor=None, person=pia, organisation=rpo, role=Role.MEMBER, start=datetime.date(2024, 1, 1)
    )

    # when
    response = client_for(alice).post(
        reverse("organisations:person_edit", kwargs={"pk": pia.pk}),
        {"name": "Pia Persson", "title": "Strateg", "email": "pia@example.org"},
    )

    # then
    assert response.status_code == 302
    pia.refresh_from_db()
    assert (pia.name, pia.title, pia.email) == ("Pia Persson", "Strateg", "pia@example.org")
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert event.changes["name"] == ["Pia Person", "Pia Persson"]


def test_an_administrator_elsewhere_cannot_edit_the_person(world):
    pia = services.person_create(actor=None, name="Pia Person")
    services.membership_start(
        actor=None,
        person=pia,
        organisation=world["rpo"],
        role=Role.MEMBER,
        start=datetime.date(2024, 1, 1),
    )

    response = client_for(world["charlie"]).post(
        reverse("organisations:person_edit", kwargs={"pk": pia.pk}), {"name": "Hackad"}
    )

    assert response.status_code == 403
    assert Person.objects.get(pk=pia.pk).name == "Pia Person"


def test_nobody_removes_their_own_right(world):
    # given
    alice, rpo = world["alice"], world["rpo"]
    grant = OrganisationAccess.objects.get(user=alice, organisation=rpo)

    # when
    with pytest.raises(ValidationError):
        services.access_revoke(actor=alice, access=grant)
    response = client_for(alice).post(
        reverse("organisations:access_revoke", kwargs={"slug": rpo.slug, "pk": grant.pk}),
        follow=True,
    )

    # then
    assert OrganisationAccess.objects.filter(pk=grant.pk).exists()
    assert "Du kan inte ta bort din egen behörighet." in response.content.decode()


def test_choice_lists_start_with_a_swedish_prompt(db):
    html = str(MembershipForm()["person"])

    assert "– Välj –" in html
    assert "Select" not in html


def test_regions_come_first_among_those_a_person_can_represent(db):
    field = MembershipForm().fields["representing"]
    assert isinstance(field, forms.ModelChoiceField)
    assert field.queryset is not None
    choices = [str(org) for org in field.queryset]

    assert choices[:21] == sorted(choices[:21])
    assert all(label.startswith("Region") or "regionen" in label for label in choices[:21])
    assert "Region" not in choices[21]


def test_the_api_rejects_an_unknown_kind(db):
    response = client_for(None).get("/api/organisations/?kind=planet")

    assert response.status_code == 422
