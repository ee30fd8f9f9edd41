"""Writes to the catalogues, by catalogue administrators only. Atomic and audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model

from framja.catalog.models import CatalogueEntry, NationalEffortArea, PatientPromise
from framja.core import audit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from framja.accounts.models import User


def require_catalogue_admin(user: User | AnonymousUser) -> None:
    if not (user.is_authenticated and user.may_edit_catalogues):
        raise PermissionDenied


def _organisation_of(entry: Model) -> Any:
    return entry.owner if isinstance(entry, PatientPromise) else None


@transaction.atomic
def catalogue_entry_create(*, actor: User, model: type[Model], **fields: Any) -> Model:
    require_catalogue_admin(actor)
    entry = model(**fields)
    if isinstance(entry, CatalogueEntry) and not fields.get("order"):
        last = model._default_manager.order_by("-order").values_list("order", flat=True).first()
        entry.order = (last or 0) + 1
    entry.full_clean()
    entry.save()
    audit.record_create(actor=actor, instance=entry, organisation=_organisation_of(entry))
    return entry


@transaction.atomic
def catalogue_entry_update(*, actor: User, entry: Model, **fields: Any) -> Model:
    require_catalogue_admin(actor)
    before = audit.snapshot(entry)
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.full_clean()
    entry.save()
    audit.record_update(
        actor=actor, instance=entry, organisation=_organisation_of(entry), before=before
    )
    return entry


@transaction.atomic
def catalogue_entry_move(*, actor: User, entry: CatalogueEntry, up: bool) -> None:
    """Swap the entry with its neighbour above (or below) in the catalogue's order."""
    require_catalogue_admin(actor)
    model = type(entry)
    siblings = list(model._default_manager.order_by("order", "id"))
    # An entry moves among its own kind: a promise among its owner's promises, a sub-area
    # among the sub-areas of the same effort area.
    if isinstance(entry, PatientPromise):
        siblings = [s for s in siblings if s.owner_id == entry.owner_id]  # type: ignore[attr-defined]
    elif isinstance(entry, NationalEffortArea):
        siblings = [s for s in siblings if s.parent_id == entry.parent_id]  # type: ignore[attr-defined]
    audit.move_in_order(
        actor=actor, items=siblings, item=entry, up=up, organisation=_organisation_of(entry)
    )
