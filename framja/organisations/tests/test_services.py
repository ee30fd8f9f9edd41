"""Writes to organisations, memberships and rights: what they change and what they record."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from framja.core.models import AuditAction, AuditEvent
from framja.organisations import services
from framja.organisations.models import (
    AccessLevel,
    Membership,
    Organisation,
    OrganisationAccess,
    OrganisationKind,
    Role,
)
from framja.organisations.selectors import memberships_by_role

JAN_1 = datetime.date(2024, 1, 1)


def padded(*ids: int) -> str:
    """Return the path of these ids from the root down, each written with ten digits."""
    return "".join(f"/{pk:010d}" for pk in ids) + "/"


def last_event() -> AuditEvent:
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    return event


def test_it_creates_an_organisation_with_path_depth_and_an_audit_event(world):
    # given
    alice, rag = world["alice"], world["rag"]

    # when
    group = services.organisation_create(
        actor=alice,
        kind=OrganisationKind.THEME_GROUP,
        name="Temagrupp Levnadsvanor",
        slug="temagrupp-levnadsvanor",
        parent=rag,
    )

    # then
    group.refresh_from_db()
    assert group.path == padded(world["rpo"].pk, rag.pk, group.pk)
    assert group.depth == 2
    event = last_event()
    assert event.actor == alice
    assert event.actor_name == "Alice"
    assert event.action == AuditAction.CREATE
    assert event.object_type == "organisations.organisation"
    assert event.object_id == str(group.pk)
    assert event.object_repr == "Temagrupp Levnadsvanor"
    assert event.organisation == group
    assert event.changes == {
        "kind": [None, "theme_group"],
        "name": [None, "Temagrupp Levnadsvanor"],
        "slug": [None, "temagrupp-levnadsvanor"],
        "parent": [None, "RAG Test"],
    }


def test_it_records_the_system_as_actor_when_there_is_none(db):
    # when
    network = services.organisation_create(
        actor=None, kind=OrganisationKind.NETWORK, name="Nätverket", slug="natverket"
    )

    # then
    assert network.path == padded(network.pk)
    assert network.depth == 0
    event = last_event()
    assert event.actor is None
    assert event.actor_name == "system"


def test_it_records_only_the_changed_fields_of_an_update(world):
    # given
    bob, rpo = world["bob"], world["rpo"]

    # when
    services.organisation_update(
        actor=bob, organisation=rpo, name="RPO Levnadsvanor", short_name="Test", code=""
    )

    # then
    event = last_event()
    assert event.actor_name == "Bob"
    assert event.action == AuditAction.UPDATE
    assert event.object_type == "organisations.organisation"
    assert event.object_repr == "RPO Levnadsvanor"
    assert event.organisation == rpo
    assert event.changes == {"name": ["RPO Test", "RPO Levnadsvanor"]}


def test_it_records_nothing_for_an_update_that_changes_nothing(world):
    # given
    count = AuditEvent.objects.count()

    # when
    services.organisation_update(actor=world["bob"], organisation=world["rpo"], name="RPO Test")

    # then
    assert AuditEvent.objects.count() == count


def test_it_refuses_an_unknown_field(world):
    # when / then
    with pytest.raises(TypeError, match="Unknown organisation field: path"):
        services.organisation_update(actor=None, organisation=world["rpo"], path="/1/")


def test_it_moves_the_whole_subtree(world):
    # given
    rpo, rag, other = world["rpo"], world["rag"], world["other"]
    group = services.organisation_create(
        actor=None, kind=OrganisationKind.THEME_GROUP, name="Tema", slug="tema", parent=rag
    )

    # when
    services.organisation_update(actor=world["root"], organisation=rpo, parent=other)

    # then
    paths = dict(
        Organisation.objects.filter(pk__in=[rpo.pk, rag.pk, group.pk]).values_list("slug", "path")
    )
    depths = dict(
        Organisation.objects.filter(pk__in=[rpo.pk, rag.pk, group.pk]).values_list("slug", "depth")
    )
    assert paths == {
        "rpo-test": padded(other.pk, rpo.pk),
        "rag-test": padded(other.pk, rpo.pk, rag.pk),
        "tema": padded(other.pk, rpo.pk, rag.pk, group.pk),
    }
    assert depths == {"rpo-test": 1, "rag-test": 2, "tema": 3}
    other.refresh_from_db()
    assert other.path == padded(other.pk)
    event = last_event()
    assert event.action == AuditAction.UPDATE
    assert event.changes == {
        "parent": [None, "RPO Annan"],
    }


def test_it_moves_a_subtree_back_to_the_root(world):
    # given
    rpo, rag = world["rpo"], world["rag"]

    # when
    services.organisation_update(actor=None, organisation=rag, parent=None)

    # then
    rag.refresh_from_db()
    rpo.refresh_from_db()
    assert rag.path == padded(rag.pk)
    assert rag.depth == 0
    assert rpo.path == padded(rpo.pk)


def test_it_refuses_to_move_an_organisation_under_its_descendant(world):
    # given
    rpo, rag = world["rpo"], world["rag"]
    count = AuditEvent.objects.count()

    # when
    with pytest.raises(ValidationError) as error:
        services.organisation_update(actor=world["root"], organisation=rpo, parent=rag)

    # then
    assert error.value.message_dict == {
        "parent": ["En organisation kan inte ligga under sig själv."]
    }
    rpo.refresh_from_db()
    assert rpo.parent is None
    assert rpo.path == padded(rpo.pk)
    assert AuditEvent.objects.count() == count


def test_it_refuses_to_move_an_organisation_under_itself(world):
    # given
    rpo = world["rpo"]

    # when / then
    with pytest.raises(ValidationError):
        services.organisation_update(actor=None, organisation=rpo, parent=rpo)


def test_it_starts_a_membership_and_records_it(world):
    # given
    alice, rpo = world["alice"], world["rpo"]
    person = services.person_create(actor=alice, name="Anna Andersson")

    # when
    membership = services.membership_start(
        actor=alice, person=person, organisation=rpo, role=Role.CHAIR, start=JAN_1
    )

    # then
    assert Membership.objects.get().pk == membership.pk
    event = last_event()
    assert event.actor_name == "Alice"
    assert event.action == AuditAction.CREATE
    assert event.object_type == "organisations.membership"
    assert event.object_id == str(membership.pk)
    assert event.object_repr == "Anna Andersson – ordförande, RPO Test"
    assert event.organisation == rpo
    assert event.changes == {
        "person": [None, "Anna Andersson"],
        "organisation": [None, "RPO Test"],
        "role": [None, "chair"],
        "start": [None, "2024-01-01"],
    }


def test_it_ends_a_membership_and_keeps_it(world):
    # given
    alice, rpo = world["alice"], world["rpo"]
    person = services.person_create(actor=None, name="Anna Andersson")
    membership = services.membership_start(
        actor=None, person=person, organisation=rpo, role=Role.MEMBER, start=JAN_1
    )

    # when
    services.membership_end(actor=alice, membership=membership, end=datetime.date(2024, 6, 30))

    # then
    membership.refresh_from_db()
    assert membership.end == datetime.date(2024, 6, 30)
    event = last_event()
    assert event.action == AuditAction.UPDATE
    assert event.object_type == "organisations.membership"
    assert event.organisation == rpo
    assert event.changes == {"end": [None, "2024-06-30"]}
    past = memberships_by_role(organisation=rpo, past=True, day=datetime.date(2024, 7, 1))
    assert [(g.role, [m.pk for m in g.memberships]) for g in past] == [("member", [membership.pk])]
    assert memberships_by_role(organisation=rpo, day=datetime.date(2024, 7, 1)) == []


def test_it_refuses_an_end_before_the_start(world):
    # given
    person = services.person_create(actor=None, name="Anna Andersson")
    membership = services.membership_start(
        actor=None, person=person, organisation=world["rpo"], role=Role.MEMBER, start=JAN_1
    )

    # when
    with pytest.raises(ValidationError) as error:
        services.membership_end(actor=None, membership=membership, end=datetime.date(2023, 12, 31))

    # then
    assert error.value.message_dict == {"end": ["Slutdatum kan inte vara före startdatum."]}
    membership.refresh_from_db()
    assert membership.end is None


def test_it_changes_a_role_and_keeps_the_history(world):
    # given
    alice, rpo = world["alice"], world["rpo"]
    person = services.person_create(actor=None, name="Anna Andersson")
    region = Organisation.objects.get(code="0005")
    old = services.membership_start(
        actor=None,
        person=person,
        organisation=rpo,
        role=Role.MEMBER,
        start=JAN_1,
        representing=region,
    )
    day = datetime.date(2025, 3, 1)

    # when
    new = services.membership_change_role(actor=alice, membership=old, role=Role.CHAIR, day=day)

    # then
    old.refresh_from_db()
    assert (old.role, old.start, old.end) == ("member", JAN_1, datetime.date(2025, 2, 28))
    assert (new.role, new.start, new.end) == ("chair", day, None)
    assert new.person == person
    assert new.representing == region
    current = memberships_by_role(organisation=rpo, day=day)
    past = memberships_by_role(organisation=rpo, past=True, day=day)
    assert [(g.role, str(g.heading), [m.pk for m in g.memberships]) for g in current] == [
        ("chair", "Ordförande", [new.pk])
    ]
    assert [(g.role, str(g.heading), [m.pk for m in g.memberships]) for g in past] == [
        ("member", "Ledamöter", [old.pk])
    ]
    ended, started = AuditEvent.objects.order_by("-id")[:2][::-1]
    assert (ended.action, ended.object_id, ended.changes) == (
        AuditAction.UPDATE,
        str(old.pk),
        {"end": [None, "2025-02-28"]},
    )
    assert (started.action, started.object_id, started.actor_name) == (
        AuditAction.CREATE,
        str(new.pk),
        "Alice",
    )
    assert started.changes["role"] == [None, "chair"]
    assert started.changes["start"] == [None, "2025-03-01"]


def test_it_refuses_a_role_change_on_or_before_the_start(world):
    # given
    person = services.person_create(actor=None, name="Anna Andersson")
    membership = services.membership_start(
        actor=None, person=person, organisation=world["rpo"], role=Role.MEMBER, start=JAN_1
    )

    # when
    with pytest.raises(ValidationError) as error:
        services.membership_change_role(
            actor=None, membership=membership, role=Role.CHAIR, day=JAN_1
        )

    # then
    assert error.value.message_dict == {"start": ["Den nya rollen måste börja efter den gamla."]}
    assert Membership.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime.date(2024, 6, 1), None),
        (datetime.date(2023, 1, 1), datetime.date(2024, 1, 1)),
        (datetime.date(2024, 12, 31), datetime.date(2025, 6, 1)),
    ],
)
def test_it_refuses_an_overlapping_membership_in_the_same_role(world, start, end):
    # given
    person = services.person_create(actor=None, name="Anna Andersson")
    services.membership_start(
        actor=None,
        person=person,
        organisation=world["rpo"],
        role=Role.MEMBER,
        start=JAN_1,
        end=datetime.date(2024, 12, 31),
    )
    count = AuditEvent.objects.count()

    # when
    with pytest.raises(ValidationError) as error:
        services.membership_start(
            actor=None,
            person=person,
            organisation=world["rpo"],
            role=Role.MEMBER,
            start=start,
            end=end,
        )

    # then
    assert error.value.message_dict == {
        "role": ["Personen har redan den rollen i organisationen under perioden."]
    }
    assert Membership.objects.count() == 1
    assert AuditEvent.objects.count() == count


def test_it_allows_the_same_role_again_after_the_end_and_another_role_meanwhile(world):
    # given
    rpo = world["rpo"]
    person = services.person_create(actor=None, name="Anna Andersson")
    services.membership_start(
        actor=None,
        person=person,
        organisation=rpo,
        role=Role.MEMBER,
        start=JAN_1,
        end=datetime.date(2024, 12, 31),
    )

    # when
    services.membership_start(
        actor=None,
        person=person,
        organisation=rpo,
        role=Role.MEMBER,
        start=datetime.date(2025, 1, 1),
    )
    services.membership_start(
        actor=None, person=person, organisation=rpo, role=Role.SECRETARY, start=JAN_1
    )

    # then
    assert list(Membership.objects.order_by("start", "role").values_list("role", "start")) == [
        ("member", JAN_1),
        ("secretary", JAN_1),
        ("member", datetime.date(2025, 1, 1)),
    ]


def test_it_grants_access_and_records_it(world):
    # given
    alice, rag = world["alice"], world["rag"]

    # when
    access = services.access_grant(
        actor=alice, user=world["rita"], organisation=rag, level=AccessLevel.EDITOR
    )

    # then
    assert access.level == AccessLevel.EDITOR
    event = last_event()
    assert event.action == AuditAction.CREATE
    assert event.object_type == "organisations.organisationaccess"
    assert event.object_id == str(access.pk)
    assert event.organisation == rag
    assert event.changes == {
        "user": [None, "Rita"],
        "organisation": [None, "RAG Test"],
        "level": [None, 2],
    }


def test_it_replaces_a_level_and_records_the_update(world):
    # given
    alice, bob, rpo = world["alice"], world["bob"], world["rpo"]

    # when
    access = services.access_grant(actor=alice, user=bob, organisation=rpo, level=AccessLevel.ADMIN)

    # then
    assert list(OrganisationAccess.objects.filter(user=bob).values_list("level", flat=True)) == [
        AccessLevel.ADMIN
    ]
    event = last_event()
    assert event.actor_name == "Alice"
    assert event.action == AuditAction.UPDATE
    assert event.object_type == "organisations.organisationaccess"
    assert event.object_id == str(access.pk)
    assert event.organisation == rpo
    assert event.changes == {"level": [2, 3]}


def test_it_records_nothing_when_the_level_is_the_same(world):
    # given
    count = AuditEvent.objects.count()

    # when
    services.access_grant(
        actor=None, user=world["bob"], organisation=world["rpo"], level=AccessLevel.EDITOR
    )

    # then
    assert AuditEvent.objects.count() == count


def test_it_revokes_access_and_records_a_delete(world):
    # given
    alice, rita, rpo = world["alice"], world["rita"], world["rpo"]
    access = OrganisationAccess.objects.get(user=rita, organisation=rpo)
    pk = access.pk

    # when
    services.access_revoke(actor=alice, access=access)

    # then
    assert not OrganisationAccess.objects.filter(user=rita).exists()
    event = last_event()
    assert event.actor_name == "Alice"
    assert event.action == AuditAction.DELETE
    assert event.object_type == "organisations.organisationaccess"
    assert event.object_id == str(pk)
    assert event.object_repr == "Rita – läsare, RPO Test"
    assert event.organisation == rpo
    assert event.changes == {
        "user": ["Rita", None],
        "organisation": ["RPO Test", None],
        "level": [1, None],
    }


def test_it_updates_a_person_and_records_the_change(world):
    # given
    person = services.person_create(actor=None, name="Anna Andersson")

    # when
    services.person_update(actor=world["alice"], person=person, title="Folkhälsostrateg")

    # then
    event = last_event()
    assert event.action == AuditAction.UPDATE
    assert event.object_type == "organisations.person"
    assert event.changes == {"title": ["", "Folkhälsostrateg"]}
