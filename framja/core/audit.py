"""Record who changed what. Services call these explicitly; there are no signals."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models.fields.files import FieldFile

from framja.core.models import AuditAction, AuditEvent

if TYPE_CHECKING:
    from framja.accounts.models import User
    from framja.organisations.models import Organisation

SYSTEM_ACTOR = "system"


def _plain(value: Any) -> Any:
    """Return a JSON-friendly form of a field value."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    return value


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """Return the editable field values of ``instance`` as plain data, keyed by field name.

    Fields that are not editable (tree paths, hashes, timestamps) are bookkeeping, not
    something a person changed, and are left out.
    """
    result: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.primary_key or not field.editable:
            continue
        if fields is not None and field.name not in fields:
            continue
        if field.is_relation:
            value = getattr(instance, field.name)
        else:
            value = field.value_from_object(instance)
        result[field.name] = _plain(value)
    return result


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Return ``{field: [old, new]}`` for the fields whose values differ."""
    keys = list(dict.fromkeys([*before, *after]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def record(
    *,
    actor: User | None,
    action: AuditAction,
    instance: models.Model,
    organisation: Organisation | None,
    changes: dict[str, list[Any]],
) -> AuditEvent:
    """Write one audit event for ``instance``."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_name=(actor.get_full_name() if actor is not None and actor.pk else SYSTEM_ACTOR),
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        organisation=organisation,
        changes=changes,
    )


def record_create(
    *, actor: User | None, instance: models.Model, organisation: Organisation | None
) -> AuditEvent:
    changes = {k: [None, v] for k, v in snapshot(instance).items() if v not in (None, "")}
    return record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=instance,
        organisation=organisation,
        changes=changes,
    )


def record_update(
    *,
    actor: User | None,
    instance: models.Model,
    organisation: Organisation | None,
    before: dict[str, Any],
) -> AuditEvent | None:
    """Record an update if anything changed since ``before``; return the event or None."""
    changes = diff(before, snapshot(instance))
    if not changes:
        return None
    return record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=instance,
        organisation=organisation,
        changes=changes,
    )


def record_delete(
    *, actor: User | None, instance: models.Model, organisation: Organisation | None
) -> AuditEvent:
    changes = {k: [v, None] for k, v in snapshot(instance).items() if v not in (None, "")}
    return record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=instance,
        organisation=organisation,
        changes=changes,
    )


def move_in_order(
    *,
    actor: User | None,
    items: list[Any],
    item: models.Model,
    up: bool,
    organisation: Organisation | None,
) -> None:
    """Swap ``item`` with its neighbour in ``items`` (ordered siblings with an ``order``
    field), renumber them 1…n and record every changed order. At either end, do nothing."""
    index = next(i for i, sibling in enumerate(items) if sibling.pk == item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, sibling in enumerate(items, start=1):
        if sibling.order != position:
            before = snapshot(sibling)
            sibling.order = position
            sibling.save(update_fields=["order"])
            record_update(actor=actor, instance=sibling, organisation=organisation, before=before)
