"""Sessions end when idle or too old, or everywhere at once; security events are logged."""

import logging

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from framja.accounts.security import LOGIN_AT, SEEN_AT


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def backdate(client: Client, key: str, seconds: int) -> None:
    session = client.session
    session[key] = int(session[key]) - seconds
    session.save()


def test_a_session_ends_after_the_idle_timeout(world, settings):
    # given
    settings.SESSION_IDLE_TIMEOUT = 600
    client = logged_in(world["alice"])
    assert client.get(reverse("accounts:account")).status_code == 200

    # when
    backdate(client, SEEN_AT, 601)
    response = client.get(reverse("accounts:account"))

    # then
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_activity_keeps_a_session_alive(world, settings):
    # given
    settings.SESSION_IDLE_TIMEOUT = 600
    settings.SESSION_SEEN_RESOLUTION = 60
    client = logged_in(world["alice"])
    client.get(reverse("accounts:account"))

    # when
    backdate(client, SEEN_AT, 300)
    client.get(reverse("accounts:account"))
    backdate(client, SEEN_AT, 300)
    response = client.get(reverse("accounts:account"))

    # then
    assert response.status_code == 200


def test_a_session_ends_after_its_absolute_lifetime_even_when_active(world, settings):
    # given
    settings.SESSION_COOKIE_AGE = 3600
    client = logged_in(world["alice"])
    client.get(reverse("accounts:account"))

    # when
    backdate(client, LOGIN_AT, 3601)
    response = client.get(reverse("accounts:account"))

    # then
    assert response.status_code == 302


def test_logging_out_everywhere_ends_every_session_of_the_user(world):
    # given
    laptop, phone = logged_in(world["alice"]), logged_in(world["alice"])
    other = logged_in(world["bob"])

    # when
    response = phone.post(reverse("accounts:logout_everywhere"))

    # then
    assert response.status_code == 302
    assert laptop.get(reverse("accounts:account")).status_code == 302
    assert phone.get(reverse("accounts:account")).status_code == 302
    assert other.get(reverse("accounts:account")).status_code == 200
    world["alice"].refresh_from_db()
    assert world["alice"].session_generation == 1


def test_logins_failures_and_logouts_are_logged_in_utc(world, caplog):
    # given
    caplog.set_level(logging.INFO, logger="framja.security")
    client = Client()
    url = reverse("accounts:login")

    # when
    client.post(url, {"username": "alice@example.org", "password": "wrong"})
    client.post(url, {"username": "alice@example.org", "password": PASSWORD})
    client.post(reverse("accounts:logout"))

    # then
    lines = [r.getMessage() for r in caplog.records if r.name == "framja.security"]
    assert [line.split()[0] for line in lines] == [
        "event=login_failed",
        "event=login",
        "event=logout",
    ]
    assert all("user=alice@example.org" in line for line in lines)
    assert all("ip=127.0.0.1" in line for line in lines)
    assert all(
        line.split()[1].startswith("at=") and line.split()[1].endswith("Z") for line in lines
    )


def test_denied_requests_are_logged(world, caplog):
    # given
    caplog.set_level(logging.INFO, logger="framja.security")

    # when
    logged_in(world["charlie"]).get(reverse("organisations:access", kwargs={"slug": "rpo-test"}))
    Client().get("/api/organisations/rpo-test/memberships")

    # then
    lines = [r.getMessage() for r in caplog.records if r.name == "framja.security"]
    assert any(
        "event=denied" in line
        and "user=charlie@example.org" in line
        and "path=/organisationer/rpo-test/behorigheter/" in line
        and "status=403" in line
        for line in lines
    )
    assert any("event=denied" in line and "status=401" in line for line in lines)


def test_logins_are_locked_after_repeated_failures(world, settings):
    # given
    settings.LOGIN_FAILURE_LIMIT = 3
    client = Client()
    url = reverse("accounts:login")
    for _attempt in range(3):
        client.post(url, {"username": "alice@example.org", "password": "wrong"})

    # when
    locked = client.post(url, {"username": "alice@example.org", "password": PASSWORD})
    other = client.post(url, {"username": "bob@example.org", "password": PASSWORD})

    # then
    assert locked.status_code == 200
    assert "För många misslyckade inloggningar" in locked.content.decode()
    assert other.status_code == 302


def test_a_successful_login_forgets_earlier_failures(world, settings):
    # given
    settings.LOGIN_FAILURE_LIMIT = 3
    url = reverse("accounts:login")
    for _attempt in range(2):
        Client().post(url, {"username": "alice@example.org", "password": "wrong"})
    Client().post(url, {"username": "alice@example.org", "password": PASSWORD})

    # when
    for _attempt in range(2):
        Client().post(url, {"username": "alice@example.org", "password": "wrong"})
    response = Client().post(url, {"username": "alice@example.org", "password": PASSWORD})

    # then
    assert response.status_code == 302
