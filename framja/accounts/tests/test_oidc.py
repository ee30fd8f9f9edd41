"""Login through a real OpenID provider (django-oidc-provider, started by the tests).

The provider runs in a subprocess on a free loopback port; Främja's client talks to it over
HTTP: discovery, the authorization endpoint with PKCE, the token endpoint, the JWKS.
"""

import datetime
import logging
import urllib.parse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client
from django.urls import reverse

from framja.accounts import oidc
from framja.accounts.models import User
from framja.organisations import services
from framja.organisations.models import OrganisationAccess, Person
from tests.oidc import CLIENT_ID, CLIENT_SECRET, USERS, log_in_at_provider, running_provider

CALLBACK = "http://testserver/konto/oidc/klar/"
ALICE, NILS = USERS[:2]


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    with running_provider(tmp_path_factory.mktemp("provider"), [CALLBACK]) as running:
        yield running


@pytest.fixture
def configured(provider, settings):
    settings.OIDC_DISCOVERY_URL = provider.discovery_url
    settings.OIDC_CLIENT_ID = CLIENT_ID
    settings.OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_SCOPES = "openid profile email hsa"
    settings.OIDC_HSA_ID_CLAIM = "hsa_id"
    return provider


def start(client: Client) -> str:
    response = client.get(reverse("accounts:oidc_login"))
    assert response.status_code == 302
    return response["Location"]


def come_back(client: Client, callback_url: str):
    parts = urllib.parse.urlsplit(callback_url)
    return client.get(f"{parts.path}?{parts.query}")


def log_in(client: Client, who: dict):
    authorize = start(client)
    back = log_in_at_provider(
        authorize, username=who["username"], password=who["password"], back_to=CALLBACK
    )
    return come_back(client, back)


def test_the_request_uses_pkce_and_a_nonce(configured, world):
    # when
    authorize = start(Client())

    # then
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(authorize).query)
    assert authorize.startswith(configured.url + "/authorize")
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43
    assert query["nonce"][0]
    assert query["state"][0]
    assert query["response_type"] == ["code"]


def test_a_first_login_makes_an_account_with_no_rights(configured, world, caplog):
    # given
    caplog.set_level(logging.INFO, logger="framja.security")
    client = Client()

    # when
    response = log_in(client, NILS)

    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    user = User.objects.get(email="nils.ny@example.org")
    assert (user.full_name, user.hsa_id) == ("Nils Ny", NILS["username"])
    assert not user.has_usable_password()
    assert not OrganisationAccess.objects.filter(user=user).exists()
    assert client.get(reverse("home")).context["user"] == user
    logins = [r.getMessage() for r in caplog.records if "event=login " in r.getMessage() + " "]
    assert len(logins) == 1
    assert "user=nils.ny@example.org" in logins[0]
    assert "backend=framja.accounts.backends.OIDCBackend" in logins[0]


def test_a_first_login_finds_the_account_by_email_and_lands_on_its_organisations(configured, world):
    # given
    client = Client()

    # when
    response = log_in(client, ALICE)
    home = client.get(response["Location"])

    # then
    assert home.context["user"] == world["alice"]
    assert [o.organisation.slug for o in home.context["my_organisations"]] == ["rpo-test"]
    world["alice"].refresh_from_db()
    assert world["alice"].hsa_id == ALICE["username"]


def test_a_login_finds_the_account_by_hsa_id_before_email(configured, world):
    # given
    user = User.objects.create_user("nils@region.example", None, hsa_id=NILS["username"])

    # when
    log_in(Client(), NILS)

    # then
    assert not User.objects.filter(email="nils.ny@example.org").exists()
    user.refresh_from_db()
    assert user.full_name == "Nils Ny"


def test_a_first_login_links_the_person_with_the_email(configured, world):
    # given
    person = services.person_create(actor=None, name="Nils Ny", email="Nils.Ny@example.org")

    # when
    log_in(Client(), NILS)

    # then
    person.refresh_from_db()
    assert person.user == User.objects.get(email="nils.ny@example.org")
    assert Person.objects.count() == 1


def test_a_wrong_state_is_refused(configured, world):
    # given
    client = Client()
    back = log_in_at_provider(
        start(client), username=NILS["username"], password=NILS["password"], back_to=CALLBACK
    )

    # when
    response = come_back(client, back.replace("state=", "state=x"))

    # then
    assert response.status_code == 400
    assert not User.objects.filter(email="nils.ny@example.org").exists()


def test_the_provider_refuses_a_code_without_the_right_verifier(configured, world):
    # given
    client = Client()
    back = log_in_at_provider(
        start(client), username=NILS["username"], password=NILS["password"], back_to=CALLBACK
    )
    session = client.session
    session[oidc.SESSION_KEY] = {**session[oidc.SESSION_KEY], "verifier": "x" * 86}
    session.save()

    # when
    response = come_back(client, back)

    # then
    assert response.status_code == 400
    assert not User.objects.filter(email="nils.ny@example.org").exists()


def test_an_id_token_not_signed_by_the_providers_key_is_refused(configured, world):
    # given
    kid = jwt.PyJWKClient(oidc.discovery()["jwks_uri"]).get_signing_keys()[0].key_id
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.datetime.now(datetime.UTC)
    forged = jwt.encode(
        {
            "iss": oidc.discovery()["issuer"],
            "aud": CLIENT_ID,
            "sub": "1",
            "iat": now,
            "exp": now + datetime.timedelta(minutes=5),
            "nonce": "n",
        },
        stranger,
        algorithm="RS256",
        headers={"kid": kid},
    )

    # when / then
    with pytest.raises(oidc.OIDCError, match="not valid"):
        oidc._verified_id_token(forged, nonce="n")


def test_password_login_can_be_switched_off(configured, world, settings):
    # given
    settings.PASSWORD_LOGIN_ENABLED = False
    client = Client()

    # when
    page = client.get(reverse("accounts:login")).content.decode()
    posted = client.post(
        reverse("accounts:login"), {"username": "alice@example.org", "password": "x"}
    )

    # then
    assert 'name="password"' not in page
    assert "Logga in med SITHS-kort" in page
    assert posted.status_code == 403


def test_without_a_provider_the_oidc_pages_are_not_found(world, settings):
    settings.OIDC_DISCOVERY_URL = ""
    assert Client().get(reverse("accounts:oidc_login")).status_code == 404
    assert Client().get(reverse("accounts:oidc_callback")).status_code == 404
