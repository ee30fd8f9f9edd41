"""Organisation pages through the web: alice owns, bob edits, charlie sees nothing of hers."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from framja.accounts.models import User
from framja.core.models import AuditAction, AuditEvent
from framja.organisations import services
from framja.organisations.models import (
    Membership,
    Organisation,
    OrganisationKind,
    Person,
    Role,
)

JAN_1 = datetime.date(2024, 1, 1)


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def add_members(organisation: Organisation, count: int, *, offset: int = 0) -> None:
    """Give ``count`` new people with e-mail addresses a role each, some of them ended."""
    region = Organisation.objects.get(code="0005")
    roles = list(Role)
    for n in range(offset, offset + count):
        person = services.person_create(
            actor=None, name=f"Person {n:03}", email=f"person{n}@example.org"
        )
        services.membership_start(
            actor=None,
            person=person,
            organisation=organisation,
            role=roles[n % len(roles)],
            start=JAN_1,
            end=datetime.date(2024, 6, 30) if n % 4 == 0 else None,
            representing=region if n % 2 else None,
        )


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def membership_post(**overrides: str) -> dict[str, str]:
    region = Organisation.objects.get(code="0005")
    return {
        "person": "",
        "new_person_name": "Anna Andersson",
        "new_person_email": "anna.andersson@example.org",
        "new_person_title": "Folkhälsostrateg",
        "role": "member",
        "representing": str(region.pk),
        "start": "2025-01-01",
        "end": "",
        "note": "",
        **overrides,
    }


def organisation_post(organisation: Organisation, **overrides: str) -> dict[str, str]:
    return {
        "name": organisation.name,
        "short_name": organisation.short_name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "code": organisation.code,
        "county": "",
        "description": organisation.description,
        "valid_from": "",
        "valid_to": "",
        **overrides,
    }


def test_it_lets_alice_add_a_membership_with_a_new_person(world):
    # given
    alice, rpo = world["alice"], world["rpo"]
    url = reverse("organisations:membership_add", kwargs={"slug": rpo.slug})

    # when
    response = client_for(alice).post(url, membership_post())

    # then
    assert response.status_code == 302
    assert response["Location"] == "/organisationer/rpo-test/"
    person = Person.objects.get(name="Anna Andersson")
    assert (person.email, person.title, person.home_organisation) == (
        "anna.andersson@example.org",
        "Folkhälsostrateg",
        Organisation.objects.get(code="0005"),
    )
    membership = Membership.objects.get(person=person)
    assert (membership.organisation, membership.role, membership.start, membership.end) == (
        rpo,
        "member",
        datetime.date(2025, 1, 1),
        None,
    )
    assert membership.representing == person.home_organisation
    event = AuditEvent.objects.get(object_type="organisations.membership")
    assert (event.actor, event.action, event.organisation, event.object_id) == (
        alice,
        AuditAction.CREATE,
        rpo,
        str(membership.pk),
    )
    assert AuditEvent.objects.filter(
        object_type="organisations.person", object_id=str(person.pk), actor=alice
    ).exists()


def test_it_lets_alice_add_a_membership_for_an_existing_person(world):
    # given
    alice, rpo = world["alice"], world["rpo"]
    person = services.person_create(actor=None, name="Berit Berg")
    url = reverse("organisations:membership_add", kwargs={"slug": rpo.slug})
    data = membership_post(
        person=str(person.pk), new_person_name="", new_person_email="", new_person_title=""
    )

    # when
    response = client_for(alice).post(url, data)

    # then
    assert response.status_code == 302
    assert Person.objects.count() == 1
    assert list(Membership.objects.values_list("person__name", "role")) == [
        ("Berit Berg", "member")
    ]


@pytest.mark.parametrize("name", ["bob", "rita", "charlie"])
def test_it_refuses_others_to_add_a_membership(world, name):
    # given
    url = reverse("organisations:membership_add", kwargs={"slug": world["rpo"].slug})

    # when
    response = client_for(world[name]).post(url, membership_post())

    # then
    assert response.status_code == 403
    assert Person.objects.count() == 0
    assert Membership.objects.count() == 0


def test_it_refuses_charlie_the_edit_page(world):
    # given
    client = client_for(world["charlie"])

    # when
    response = client.get(reverse("organisations:edit", kwargs={"slug": "rpo-test"}))

    # then
    assert response.status_code == 403
    assert "Ingen behörighet" in response.content.decode()


def test_it_answers_404_for_an_organisation_that_does_not_exist(world):
    # given
    client = client_for(world["charlie"])

    # when
    response = client.get(reverse("organisations:edit", kwargs={"slug": "finns-inte"}))

    # then
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_it_rerenders_a_bad_date_range_and_changes_nothing(world):
    # given
    url = reverse("organisations:membership_add", kwargs={"slug": world["rpo"].slug})
    counts = (Person.objects.count(), Membership.objects.count(), AuditEvent.objects.count())

    # when
    response = client_for(world["alice"]).post(
        url, membership_post(start="2025-06-01", end="2025-05-31")
    )

    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert "Slutdatum kan inte vara före startdatum." in html
    assert 'aria-invalid="true"' in html
    assert (
        Person.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    ) == counts


def test_it_rerenders_an_overlapping_membership_and_changes_nothing(world):
    # given
    rpo = world["rpo"]
    person = services.person_create(actor=None, name="Berit Berg")
    services.membership_start(
        actor=None, person=person, organisation=rpo, role=Role.MEMBER, start=JAN_1
    )
    url = reverse("organisations:membership_add", kwargs={"slug": rpo.slug})
    counts = (Person.objects.count(), Membership.objects.count(), AuditEvent.objects.count())
    data = membership_post(
        person=str(person.pk), new_person_name="", new_person_email="", new_person_title=""
    )

    # when
    response = client_for(world["alice"]).post(url, data)

    # then
    assert response.status_code == 200
    assert "Personen har redan den rollen i organisationen under perioden." in (
        response.content.decode()
    )
    assert (
        Person.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    ) == counts


def test_it_does_not_create_the_new_person_when_the_membership_is_refused(world):
    # given: the same new person twice with the same role and period
    url = reverse("organisations:membership_add", kwargs={"slug": world["rpo"].slug})
    client = client_for(world["alice"])
    client.post(url, membership_post())
    person = Person.objects.get()
    data = membership_post(
        person=str(person.pk), new_person_name="", new_person_email="", new_person_title=""
    )
    counts = (Person.objects.count(), Membership.objects.count(), AuditEvent.objects.count())

    # when
    response = client.post(url, data)

    # then
    assert response.status_code == 200
    assert (
        Person.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    ) == counts


def test_it_lets_bob_edit_the_name_and_shows_it_in_the_history(world):
    # given
    bob, rpo = world["bob"], world["rpo"]
    client = client_for(bob)
    url = reverse("organisations:edit", kwargs={"slug": rpo.slug})

    # when
    response = client.post(url, organisation_post(rpo, name="RPO Levnadsvanor"))

    # then
    assert response.status_code == 302
    rpo.refresh_from_db()
    assert rpo.name == "RPO Levnadsvanor"
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert (event.actor_name, event.action, event.changes) == (
        "Bob",
        AuditAction.UPDATE,
        {"name": ["RPO Test", "RPO Levnadsvanor"]},
    )
    history = client.get(reverse("organisations:history", kwargs={"slug": rpo.slug}))
    assert history.status_code == 200
    assert (
        '<span class="field-name">Namn</span>: <del>RPO Test</del> → <ins>RPO Levnadsvanor</ins>'
        in history.content.decode()
    )


def test_it_refuses_an_edit_with_a_bad_validity_range(world):
    # given
    rpo = world["rpo"]
    url = reverse("organisations:edit", kwargs={"slug": rpo.slug})
    count = AuditEvent.objects.count()

    # when
    response = client_for(world["bob"]).post(
        url, organisation_post(rpo, valid_from="2025-01-01", valid_to="2024-12-31")
    )

    # then
    assert response.status_code == 200
    assert "Slutdatum kan inte vara före startdatum." in response.content.decode()
    rpo.refresh_from_db()
    assert (rpo.valid_from, rpo.valid_to) == (None, None)
    assert AuditEvent.objects.count() == count


def test_it_lets_alice_end_a_membership(world):
    # given
    alice, rpo = world["alice"], world["rpo"]
    person = services.person_create(actor=None, name="Berit Berg")
    membership = services.membership_start(
        actor=None, person=person, organisation=rpo, role=Role.MEMBER, start=JAN_1
    )
    url = reverse("organisations:membership_end", kwargs={"slug": rpo.slug, "pk": membership.pk})

    # when
    response = client_for(alice).post(url, {"end": "2024-12-31"})

    # then
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end == datetime.date(2024, 12, 31)
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert (event.actor, event.action, event.changes) == (
        alice,
        AuditAction.UPDATE,
        {"end": [None, "2024-12-31"]},
    )


def test_it_refuses_bob_to_end_a_membership(world):
    # given
    rpo = world["rpo"]
    person = services.person_create(actor=None, name="Berit Berg")
    membership = services.membership_start(
        actor=None, person=person, organisation=rpo, role=Role.MEMBER, start=JAN_1
    )
    url = reverse("organisations:membership_end", kwargs={"slug": rpo.slug, "pk": membership.pk})

    # when
    response = client_for(world["bob"]).post(url, {"end": "2024-12-31"})

    # then
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.end is None


def test_it_hides_a_membership_of_another_organisation_from_charlie(world):
    # given: a membership in rpo, reached through charlie's own organisation
    person = services.person_create(actor=None, name="Berit Berg")
    membership = services.membership_start(
        actor=None, person=person, organisation=world["rpo"], role=Role.MEMBER, start=JAN_1
    )
    url = reverse(
        "organisations:membership_end", kwargs={"slug": world["other"].slug, "pk": membership.pk}
    )

    # when
    response = client_for(world["charlie"]).post(url, {"end": "2024-12-31"})

    # then
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.end is None


def test_the_public_page_shows_no_email_addresses(world):
    # given
    rpo = world["rpo"]
    person = services.person_create(
        actor=None, name="Berit Berg", email="berit.berg@example.org", title="Chef"
    )
    services.membership_start(
        actor=None, person=person, organisation=rpo, role=Role.CHAIR, start=JAN_1
    )
    add_members(rpo, 3)

    # when
    responses = [
        client_for(None).get(rpo.get_absolute_url()),
        client_for(None).get(rpo.get_absolute_url() + "?visa=tidigare"),
    ]

    # then
    for response in responses:
        html = response.content.decode()
        assert response.status_code == 200
        assert "Berit Berg" in html
        assert "@" not in html
        assert "mailto:" not in html


def test_the_detail_page_lists_current_roles_and_past_ones_on_request(world):
    # given
    rpo = world["rpo"]
    person = services.person_create(actor=None, name="Berit Berg")
    old = services.membership_start(
        actor=None, person=person, organisation=rpo, role=Role.MEMBER, start=JAN_1
    )
    services.membership_change_role(
        actor=None, membership=old, role=Role.CHAIR, day=datetime.date(2024, 7, 1)
    )
    client = client_for(None)

    # when
    current = client.get(rpo.get_absolute_url()).content.decode()
    past = client.get(rpo.get_absolute_url() + "?visa=tidigare").content.decode()

    # then
    assert '<h3>Ordförande</h3>\n      <ul class="people" data-role="chair">' in current
    assert "Ledamöter" not in current
    assert "<td>Ledamot</td><td>Berit Berg</td><td>2024-01-01 – 2024-06-30</td>" in past


@pytest.mark.parametrize("name", [None, "alice", "charlie"])
def test_the_detail_page_query_count_does_not_grow_with_memberships(world, name):
    # given
    rpo = world["rpo"]
    client = client_for(world[name] if name else None)
    add_members(rpo, 3)
    client.get(rpo.get_absolute_url())  # the session and caches are warm for both counts
    few = count_queries(client, rpo.get_absolute_url() + "?visa=tidigare")

    # when
    add_members(rpo, 57, offset=3)
    many = count_queries(client, rpo.get_absolute_url() + "?visa=tidigare")

    # then
    assert Membership.objects.filter(organisation=rpo).count() == 60
    assert many == few


def test_the_tree_page_query_count_does_not_grow_with_organisations(world):
    # given
    client = client_for(None)
    urls = [reverse("organisations:tree"), reverse("organisations:tree") + "?gren=rag-test"]
    client.get(urls[0])
    few = [count_queries(client, url) for url in urls]

    # when
    for n in range(50):
        services.organisation_create(
            actor=None,
            kind=OrganisationKind.OTHER,
            name=f"Grupp {n:02}",
            slug=f"grupp-{n}",
            parent=world["rag"] if n % 2 else None,
        )
    roots = client.get(urls[0]).content.decode()
    branch = client.get(urls[1]).content.decode()
    many = [count_queries(client, url) for url in urls]

    # then
    assert "Grupp 48" in roots
    assert "Grupp 49" not in roots
    assert "Grupp 49" in branch
    assert "Visa 26 organisationer" in roots  # RPO Test: RAG Test and the 25 groups under it
    assert many == few
