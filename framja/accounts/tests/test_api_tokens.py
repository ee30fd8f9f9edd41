"""API tokens: made on the tokens page, shown once, stored as a hash, and revoked."""

import datetime
import hashlib
import re

from django.test import Client
from django.urls import reverse

from framja.accounts.models import APIToken, User
from framja.accounts.services import api_token_create
from framja.core.models import AuditAction, AuditEvent
from framja.organisations import services
from framja.organisations.models import Organisation, Role

MEMBERSHIPS_URL = "/api/organisations/rpo-test/memberships"
KEY_PATTERN = re.compile(r'<code class="token" id="new-key">(fr_[A-Za-z0-9_-]{43})</code>')


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_it_shows_a_new_key_once_and_stores_only_its_hash(world):
    # given
    client = client_for(world["bob"])

    # when
    response = client.post(reverse("accounts:tokens"), {"name": "Rapportverktyget"})

    # then
    assert response.status_code == 200
    match = KEY_PATTERN.search(response.content.decode())
    assert match is not None
    key = match.group(1)
    token = APIToken.objects.get()
    assert token.user == world["bob"]
    assert token.name == "Rapportverktyget"
    assert token.prefix == key[3:11]
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    stored = list(APIToken.objects.values_list("name", "prefix", "key_hash"))
    assert all(key not in value for row in stored for value in row)
    event = AuditEvent.objects.get(object_type="accounts.apitoken")
    assert (event.actor, event.action) == (world["bob"], AuditAction.CREATE)
    assert key not in str(event.changes)
    again = client.get(reverse("accounts:tokens")).content.decode()
    assert key not in again
    assert f"<code>fr_{token.prefix}…</code>" in again


def test_it_lists_only_the_users_own_tokens(world):
    # given
    api_token_create(user=world["bob"], name="Bobs nyckel")

    # when
    html = client_for(world["charlie"]).get(reverse("accounts:tokens")).content.decode()

    # then
    assert "Bobs nyckel" not in html
    assert "Du har inga API-nycklar." in html


def add_membership(world) -> dict:
    region = Organisation.objects.get(code="0005")
    person = services.person_create(
        actor=None, name="Anna Andersson", email="anna.andersson@example.org"
    )
    membership = services.membership_start(
        actor=None,
        person=person,
        organisation=world["rpo"],
        role=Role.MEMBER,
        start=datetime.date(2024, 1, 1),
        representing=region,
    )
    return {
        "id": membership.pk,
        "person": {"id": person.pk, "name": "Anna Andersson"},
        "organisation": "rpo-test",
        "role": "member",
        "role_label": "ledamot",
        "representing": "region-ostergotland",
        "start": "2024-01-01",
        "end": None,
    }


def test_it_reads_memberships_with_a_bearer_key(world):
    # given
    expected = add_membership(world)
    _token, key = api_token_create(user=world["bob"], name="test")

    # when
    response = Client().get(MEMBERSHIPS_URL, HTTP_AUTHORIZATION=f"Bearer {key}")

    # then
    assert response.status_code == 200
    assert response.json() == [expected]
    token = APIToken.objects.get()
    assert token.last_used_at is not None


def test_it_reads_memberships_with_a_session(world):
    # given
    expected = add_membership(world)

    # when
    response = client_for(world["rita"]).get(MEMBERSHIPS_URL)

    # then
    assert response.status_code == 200
    assert response.json() == [expected]


def test_it_refuses_a_wrong_key(world):
    # given
    add_membership(world)
    _token, key = api_token_create(user=world["bob"], name="test")

    # when
    response = Client().get(MEMBERSHIPS_URL, HTTP_AUTHORIZATION=f"Bearer {key}x")

    # then
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_it_refuses_anonymous(world):
    # given
    add_membership(world)

    # when
    response = Client().get(MEMBERSHIPS_URL)

    # then
    assert response.status_code == 401


def test_it_refuses_the_key_of_an_inactive_user(world):
    # given
    add_membership(world)
    _token, key = api_token_create(user=world["bob"], name="test")
    User.objects.filter(pk=world["bob"].pk).update(is_active=False)

    # when
    response = Client().get(MEMBERSHIPS_URL, HTTP_AUTHORIZATION=f"Bearer {key}")

    # then
    assert response.status_code == 401


def test_it_refuses_a_revoked_key(world):
    # given
    add_membership(world)
    token, key = api_token_create(user=world["bob"], name="test")
    client = Client()
    assert client.get(MEMBERSHIPS_URL, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200

    # when
    revoke = client_for(world["bob"]).post(
        reverse("accounts:token_revoke", kwargs={"pk": token.pk})
    )

    # then
    assert revoke.status_code == 302
    assert revoke["Location"] == reverse("accounts:tokens")
    assert not APIToken.objects.exists()
    event = AuditEvent.objects.filter(object_type="accounts.apitoken").order_by("-id").first()
    assert event is not None
    assert (event.actor, event.action, event.object_id) == (
        world["bob"],
        AuditAction.DELETE,
        str(token.pk),
    )
    assert client.get(MEMBERSHIPS_URL, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_it_refuses_charlie_to_revoke_bobs_token(world):
    # given
    token, key = api_token_create(user=world["bob"], name="test")

    # when
    response = client_for(world["charlie"]).post(
        reverse("accounts:token_revoke", kwargs={"pk": token.pk})
    )

    # then
    assert response.status_code == 404
    assert APIToken.objects.get().pk == token.pk
    add_membership(world)
    assert Client().get(MEMBERSHIPS_URL, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
