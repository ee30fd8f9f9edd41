"""Pages make the same number of SQL queries however much data there is."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from framja.accounts.models import User
from framja.catalog.models import NationalEffortArea, PatientPromise
from framja.core import audit
from framja.organisations import services
from framja.organisations.models import AccessLevel, Role


def grow(world, n: int, offset: int) -> None:
    """Add ``n`` people with roles, rights, catalogue entries and history to RPO Test."""
    rpo, region = world["rpo"], world["region"]
    for i in range(offset, offset + n):
        person = services.person_create(
            actor=world["alice"], name=f"Person {i}", home_organisation=region
        )
        services.membership_start(
            actor=world["alice"],
            person=person,
            organisation=rpo,
            role=list(Role)[i % len(Role)],
            start=datetime.date(2020, 1, 1),
            end=datetime.date(2021, 1, 1) if i % 3 == 0 else None,
            representing=region,
        )
        services.membership_start(
            actor=world["alice"],
            person=person,
            organisation=world["rag"],
            role=Role.MEMBER,
            start=datetime.date(2022, 1, 1),
        )
        user = User.objects.create_user(f"u{i}@example.org", "x", full_name=f"User {i}")
        services.access_grant(
            actor=world["alice"], user=user, organisation=rpo, level=AccessLevel.READER
        )
        main = NationalEffortArea.objects.create(name=f"Område {i}", order=i)
        audit.record_create(actor=None, instance=main, organisation=None)
        child = NationalEffortArea.objects.create(name=f"Del {i}", order=i, parent=main)
        audit.record_create(actor=None, instance=child, organisation=None)
        PatientPromise.objects.create(owner=rpo, text=f"Löfte {i}", order=i)


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def pages(world, region):
    world["region"] = region
    person = services.person_create(actor=None, name="Fast Person", home_organisation=region)
    services.membership_start(
        actor=None,
        person=person,
        organisation=world["rpo"],
        role=Role.CHAIR,
        start=datetime.date(2020, 1, 1),
    )
    return world, [
        ("root", reverse("home")),
        ("alice", reverse("home")),
        (None, reverse("organisations:tree")),
        ("alice", reverse("organisations:detail", kwargs={"slug": "rpo-test"})),
        ("alice", reverse("organisations:detail", kwargs={"slug": "rpo-test"}) + "?visa=tidigare"),
        ("alice", reverse("organisations:access", kwargs={"slug": "rpo-test"})),
        ("alice", reverse("organisations:history", kwargs={"slug": "rpo-test"})),
        ("alice", reverse("organisations:person", kwargs={"pk": person.pk})),
        ("root", reverse("catalog:index")),
        ("root", reverse("catalog:history")),
        (None, "/api/organisations/?limit=500"),
        ("alice", "/api/organisations/rpo-test/memberships"),
        (None, "/api/catalog/national-effort-areas"),
        (None, "/api/catalog/patient-promises"),
    ]


def test_query_counts_do_not_grow_with_the_data(pages):
    # given
    world, urls = pages
    clients = {}
    for name in {who for who, _url in urls}:
        clients[name] = Client()
        if name is not None:
            clients[name].force_login(world[name])
    grow(world, 3, offset=0)
    small = {url: count(clients[who], url) for who, url in urls}

    # when
    grow(world, 40, offset=3)
    large = {url: count(clients[who], url) for who, url in urls}

    # then
    assert large == small
