"""The audit trail's building blocks: snapshots, differences and update records."""

import datetime
import decimal

from framja.core import audit
from framja.core.models import AuditAction, AuditEvent
from framja.organisations import services
from framja.organisations.models import Membership, Organisation, Role


def test_it_keeps_plain_values_as_they_are():
    # when / then
    assert audit._plain("text") == "text"
    assert audit._plain(3) == 3
    assert audit._plain(None) is None
    assert audit._plain(True) is True
    assert audit._plain(decimal.Decimal("1.50")) == "1.50"
    assert audit._plain(datetime.date(2024, 2, 29)) == "2024-02-29"
    assert audit._plain(datetime.datetime(2024, 2, 29, 13, 5)) == "2024-02-29T13:05:00"


def test_it_diffs_plain_values():
    # given
    before = {"name": "RPO Test", "code": "", "depth": 0, "note": None}
    after = {"name": "RPO Annan", "code": "", "depth": 1, "note": None}

    # when
    changes = audit.diff(before, after)

    # then
    assert changes == {"name": ["RPO Test", "RPO Annan"], "depth": [0, 1]}


def test_it_diffs_keys_on_one_side_only():
    # when
    changes = audit.diff({"gone": 1, "same": 2}, {"same": 2, "new": 3})

    # then
    assert changes == {"gone": [1, None], "new": [None, 3]}


def test_it_finds_no_difference_between_equal_snapshots():
    # when / then
    assert audit.diff({"a": 1, "b": "2024-01-01"}, {"a": 1, "b": "2024-01-01"}) == {}


def test_it_snapshots_dates_and_foreign_keys(world):
    # given
    region = Organisation.objects.get(code="0005")
    person = services.person_create(actor=None, name="Anna Andersson")
    membership = services.membership_start(
        actor=None,
        person=person,
        organisation=world["rpo"],
        role=Role.CHAIR,
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2025, 12, 31),
        representing=region,
    )

    # when
    snapshot = audit.snapshot(Membership.objects.get(pk=membership.pk))

    # then
    assert snapshot == {
        "person": "Anna Andersson",
        "organisation": "RPO Test",
        "role": "chair",
        "representing": "Region Östergötland",
        "start": "2024-01-01",
        "end": "2025-12-31",
        "note": "",
    }


def test_it_snapshots_only_the_fields_asked_for(world):
    # when
    snapshot = audit.snapshot(world["rag"], fields=["name", "parent", "valid_to"])

    # then
    assert snapshot == {"name": "RAG Test", "parent": "RPO Test", "valid_to": None}


def test_it_diffs_a_changed_date_and_foreign_key(world):
    # given
    rag = world["rag"]
    before = audit.snapshot(rag)
    rag.parent = world["other"]
    rag.valid_from = datetime.date(2025, 1, 1)

    # when
    changes = audit.diff(before, audit.snapshot(rag))

    # then
    assert changes == {"parent": ["RPO Test", "RPO Annan"], "valid_from": [None, "2025-01-01"]}


def test_it_records_an_update_with_its_changes(world):
    # given
    rpo, alice = world["rpo"], world["alice"]
    before = audit.snapshot(rpo)
    rpo.short_name = "Levnadsvanor"

    # when
    event = audit.record_update(actor=alice, instance=rpo, organisation=rpo, before=before)

    # then
    assert event is not None
    event.refresh_from_db()
    assert event.actor == alice
    assert event.actor_name == "Alice"
    assert event.action == AuditAction.UPDATE
    assert event.object_type == "organisations.organisation"
    assert event.object_id == str(rpo.pk)
    assert event.object_repr == "RPO Test"
    assert event.organisation == rpo
    assert event.changes == {"short_name": ["Test", "Levnadsvanor"]}


def test_record_update_returns_none_when_nothing_changed(world):
    # given
    rpo = world["rpo"]
    before = audit.snapshot(rpo)
    count = AuditEvent.objects.count()
    rpo.name = "RPO Test"

    # when
    event = audit.record_update(actor=world["alice"], instance=rpo, organisation=rpo, before=before)

    # then
    assert event is None
    assert AuditEvent.objects.count() == count


def test_it_records_a_create_without_empty_fields(world):
    # given
    person = services.person_create(actor=None, name="Anna Andersson", title="Strateg")

    # when
    event = audit.record_create(actor=None, instance=person, organisation=None)

    # then
    assert event.actor is None
    assert event.actor_name == "system"
    assert event.changes == {"name": [None, "Anna Andersson"], "title": [None, "Strateg"]}


def test_it_records_a_delete_with_the_old_values(world):
    # given
    rpo = world["rpo"]

    # when
    event = audit.record_delete(actor=world["root"], instance=world["rag"], organisation=rpo)

    # then
    assert event.action == AuditAction.DELETE
    assert event.actor_name == "Root"
    assert event.changes == {
        "kind": ["rag", None],
        "name": ["RAG Test", None],
        "slug": ["rag-test", None],
        "parent": ["RPO Test", None],
    }


def test_it_shortens_a_long_object_name(world):
    # given
    rpo = world["rpo"]
    rpo.name = "Å" * 400

    # when
    event = audit.record(
        actor=None, action=AuditAction.UPDATE, instance=rpo, organisation=rpo, changes={}
    )

    # then
    event.refresh_from_db()
    assert event.object_repr == "Å" * 300
