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
from framja.indicators import services as indicator_services
from framja.indicators.keys import indicators_by_code
from framja.indicators.models import DataSource, ImportJob, Indicator
from framja.indicators.records import ValueRecord
from framja.organisations import services
from framja.organisations.models import AccessLevel, Organisation, Role


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
        source = DataSource.objects.order_by("pk")[i % DataSource.objects.count()]
        indicator_services.indicator_create(
            actor=world["root"], code=f"ind-{i}", name=f"Indikator {i}", source=source
        )
        fixed = Indicator.objects.get(code="fast")
        indicator_services.indicator_update(actor=world["root"], indicator=fixed, unit=f"enhet {i}")
        ImportJob.objects.create(created_by=world["root"], file_name=f"fil-{i}.csv")
    codes = Organisation.objects.exclude(code="").values_list("code", flat=True)[: 5 * (n + 1)]
    indicator_services.store_values(
        [
            ValueRecord(code, place, str(2000 + i), sex, float(i))
            for code in ["fast", f"ind-{offset}"]
            for place in codes
            for i in range(offset, offset + n)
            for sex in "TKM"
        ],
        source="Test",
        indicator_resolver=indicators_by_code,
        user=None,
    )


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def pages(world, region):
    world["region"] = region
    Indicator.objects.create(
        code="fast", name="Fast indikator", source=DataSource.objects.get(name="Kolada")
    )
    job = ImportJob.objects.create(created_by=world["root"], file_name="fast.csv")
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
        (None, reverse("organisations:tree") + "?gren=rag-test"),
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
        ("rita", reverse("indicators:list")),
        ("rita", reverse("indicators:list") + "?kalla=1"),
        ("rita", reverse("indicators:list") + "?q=indikator&sida=2"),
        ("root", reverse("indicators:detail", kwargs={"code": "fast"})),
        ("root", reverse("indicators:import")),
        ("root", reverse("indicators:import_job", kwargs={"pk": job.pk})),
        ("rita", "/api/indicators/?limit=500"),
        ("rita", "/api/indicators/fast"),
        ("rita", "/api/indicator-values/?limit=5000"),
        ("rita", "/api/indicator-values/?indicator=fast&place=0012&limit=5000"),
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
