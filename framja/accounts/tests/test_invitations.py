"""Invitations: an administrator invites by e-mail; the signed link expires and works once."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from framja.accounts import services
from framja.accounts.models import Invitation, User
from framja.core.models import AuditEvent
from framja.organisations import services as organisation_services
from framja.organisations.models import AccessLevel, Membership, OrganisationAccess, Person, Role

LINK = re.compile(r"http://[^/]+(/konto/inbjudan/[^/\s]+/)")


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def invite(
    world: dict,
    email: str = "nina@example.org",
    level: int = AccessLevel.EDITOR,
    role: str = Role.MEMBER,
) -> str:
    response = client_for(world["alice"]).post(
        reverse("accounts:invitations", kwargs={"slug": "rpo-test"}),
        {"email": email, "name": "Nina Ny", "level": level, "role": role},
    )
    assert response.status_code == 302
    match = LINK.search(str(mail.outbox[-1].body))
    assert match is not None
    return match.group(1)


def test_an_administrator_invites_by_email_and_the_invitation_is_audited(world):
    # when
    link = invite(world)

    # then
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.level, invitation.role) == (
        "nina@example.org",
        AccessLevel.EDITOR,
        Role.MEMBER,
    )
    assert invitation.invited_by == world["alice"]
    assert mail.outbox[-1].to == ["nina@example.org"]
    assert "RPO Test" in mail.outbox[-1].subject
    assert link.startswith("/konto/inbjudan/")
    event = AuditEvent.objects.get(object_type="accounts.invitation", action="create")
    assert event.actor == world["alice"]
    assert event.organisation == world["rpo"]


def test_an_editor_may_not_invite(world):
    response = client_for(world["bob"]).post(
        reverse("accounts:invitations", kwargs={"slug": "rpo-test"}),
        {"email": "x@example.org", "level": AccessLevel.ADMIN},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_accepting_creates_an_account_with_the_level_and_the_role(world):
    # given
    link = invite(world)
    client = Client()

    # when
    page = client.get(link)
    response = client.post(
        link,
        {
            "full_name": "Nina Ny",
            "password1": "ett långt lösenord",
            "password2": "ett långt lösenord",
        },
    )

    # then
    assert page.status_code == 200
    assert "Skapa ditt konto" in page.content.decode()
    assert response.status_code == 302
    user = User.objects.get(email="nina@example.org")
    assert user.check_password("ett långt lösenord")
    assert user.full_name == "Nina Ny"
    access = OrganisationAccess.objects.get(user=user)
    assert (access.organisation, access.level) == (world["rpo"], AccessLevel.EDITOR)
    person = Person.objects.get(user=user)
    assert Membership.objects.get(person=person).role == Role.MEMBER
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user
    assert client.get(reverse("home")).context["user"] == user
    assert AuditEvent.objects.filter(
        object_type="accounts.invitation", action="update", actor=user
    ).exists()


def test_accepting_links_an_existing_person_with_the_email(world):
    # given
    person = organisation_services.person_create(
        actor=None, name="Nina Ny", email="Nina@Example.org"
    )
    link = invite(world, role="")

    # when
    Client().post(
        link, {"full_name": "Nina", "password1": "x7!ylongpass", "password2": "x7!ylongpass"}
    )

    # then
    person.refresh_from_db()
    assert person.user == User.objects.get(email="nina@example.org")
    assert Person.objects.count() == 1


def test_a_logged_in_user_accepts_with_their_own_account(world):
    # given
    link = invite(world, email="charlie@example.org", level=AccessLevel.READER, role="")
    client = client_for(world["charlie"])

    # when
    response = client.post(link)

    # then
    assert response.status_code == 302
    assert (
        OrganisationAccess.objects.get(user=world["charlie"], organisation=world["rpo"]).level
        == AccessLevel.READER
    )


def test_someone_with_an_account_is_asked_to_log_in(world):
    # given
    link = invite(world, email="charlie@example.org")

    # when
    page = Client().get(link)
    posted = Client().post(link, {"full_name": "X", "password1": "a", "password2": "a"})

    # then
    assert page.context["has_account"] is True
    assert posted.status_code == 200
    assert not OrganisationAccess.objects.filter(
        user=world["charlie"], organisation=world["rpo"]
    ).exists()


def test_the_link_works_once(world):
    # given
    link = invite(world, email="charlie@example.org")
    client_for(world["charlie"]).post(link)

    # when
    response = client_for(world["rita"]).post(link)

    # then
    assert response.status_code == 410
    assert not OrganisationAccess.objects.filter(user=world["rita"], level=AccessLevel.EDITOR)


def test_the_link_expires(world, settings):
    # given
    link = invite(world)
    settings.INVITATION_MAX_AGE = -1

    # when
    response = Client().get(link)

    # then
    assert response.status_code == 410
    assert "gått ut" in response.content.decode()


def test_a_revoked_invitation_does_not_work(world):
    # given
    link = invite(world)
    invitation = Invitation.objects.get()
    client_for(world["alice"]).post(
        reverse("accounts:invitation_revoke", kwargs={"slug": "rpo-test", "pk": invitation.pk})
    )

    # when
    response = Client().get(link)

    # then
    assert response.status_code == 410


def test_a_tampered_link_is_not_found(world):
    link = invite(world)
    assert Client().get(link.replace(":", "x", 1)).status_code == 404


def test_the_service_refuses_a_used_invitation(world):
    invitation = services.invitation_create(
        actor=world["alice"], organisation=world["rpo"], email="q@example.org", level=1
    )
    services.invitation_accept(invitation=invitation, user=world["bob"])
    with pytest.raises(Exception, match="redan använd"):
        services.invitation_accept(invitation=invitation, user=world["rita"])


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_invitation_list_makes_the_same_number_of_queries_for_more_invitations(world):
    # given
    client = client_for(world["alice"])
    url = reverse("accounts:invitations", kwargs={"slug": "rpo-test"})

    def add(n: int, offset: int) -> None:
        for i in range(offset, offset + n):
            invitation = services.invitation_create(
                actor=world["alice"],
                organisation=world["rpo"],
                email=f"n{i}@example.org",
                level=AccessLevel.READER,
            )
            if i % 2:
                services.invitation_accept(invitation=invitation, user=world["rita"])

    add(3, 0)
    client.get(url)

    # when
    few = count_queries(client, url)
    add(6, 3)
    many = count_queries(client, url)

    # then
    assert few == many


def test_accepting_never_lowers_a_level_already_held(world):
    # given
    link = invite(world, email="alice@example.org", level=AccessLevel.READER, role="")

    # when
    client_for(world["alice"]).post(link)

    # then
    access = OrganisationAccess.objects.get(user=world["alice"], organisation=world["rpo"])
    assert access.level == AccessLevel.ADMIN
    assert Invitation.objects.get().accepted_by == world["alice"]
