"""Writes to organisations, people, memberships and rights. Each one is atomic and audited."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Value
from django.db.models.functions import Concat, Length, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from framja.core import audit
from framja.core.concurrency import require_unchanged
from framja.core.models import AuditAction
from framja.organisations.models import (
    PATH_MAX_LENGTH,
    PATH_MAX_LEVELS,
    AccessLevel,
    Membership,
    Organisation,
    OrganisationAccess,
    Person,
    Role,
    child_path,
    path_depth,
)
from framja.organisations.selectors import forget_access

if TYPE_CHECKING:
    from framja.accounts.models import User

ORGANISATION_FIELDS = (
    "kind",
    "name",
    "short_name",
    "slug",
    "code",
    "description",
    "parent",
    "county",
    "valid_from",
    "valid_to",
)


def _set_path(organisation: Organisation) -> None:
    parent = organisation.parent
    organisation.path = child_path(parent.path if parent is not None else "/", organisation.pk)
    organisation.depth = path_depth(organisation.path)


def _require_path_fits(longest: int) -> None:
    """Refuse a tree deeper than the path column holds."""
    if longest > PATH_MAX_LENGTH:
        raise ValidationError(
            _("Organisationsträdet blir för djupt: högst %(levels)d nivåer får plats.")
            % {"levels": PATH_MAX_LEVELS},
            code="too_deep",
        )


def _longest_path_below(path: str) -> int:
    """Return the length of the longest path in the subtree at ``path``."""
    found = Organisation.objects.filter(path__startswith=path).aggregate(
        longest=Max(Length("path"))
    )
    return int(found["longest"] or len(path))


@transaction.atomic
def organisation_create(*, actor: User | None, **fields: Any) -> Organisation:
    """Create an organisation under ``parent`` (or at the root) and record it."""
    organisation = Organisation(**{k: v for k, v in fields.items() if k in ORGANISATION_FIELDS})
    organisation.full_clean(exclude=["path"])
    organisation.save()
    _set_path(organisation)
    _require_path_fits(len(organisation.path))
    organisation.save(update_fields=["path", "depth"])
    audit.record_create(actor=actor, instance=organisation, organisation=organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *,
    actor: User | None,
    organisation: Organisation,
    expected_token: str | None = None,
    **fields: Any,
) -> Organisation:
    """Change an organisation's fields; moving it moves its whole subtree.

    With ``expected_token``, refuse if anyone saved the organisation since it was read.
    """
    require_unchanged(organisation, expected_token)
    before = audit.snapshot(organisation)
    old_path = organisation.path
    for name, value in fields.items():
        if name not in ORGANISATION_FIELDS:
            raise TypeError(f"Unknown organisation field: {name}")
        setattr(organisation, name, value)
    parent = organisation.parent
    if parent is not None and (parent.pk == organisation.pk or parent.path.startswith(old_path)):
        raise ValidationError({"parent": _("En organisation kan inte ligga under sig själv.")})
    organisation.full_clean(exclude=["path"])
    _set_path(organisation)
    if organisation.path != old_path:
        longest_below = _longest_path_below(old_path)
        _require_path_fits(longest_below - len(old_path) + len(organisation.path))
    organisation.save()
    if organisation.path != old_path:
        Organisation.objects.filter(path__startswith=old_path).exclude(pk=organisation.pk).update(
            path=Concat(Value(organisation.path), Substr("path", len(old_path) + 1))
        )
        for descendant in Organisation.objects.filter(path__startswith=organisation.path):
            descendant.depth = path_depth(descendant.path)
            descendant.save(update_fields=["depth"])
    audit.record_update(
        actor=actor, instance=organisation, organisation=organisation, before=before
    )
    return organisation


@transaction.atomic
def organisation_set_members(
    *, actor: User | None, organisation: Organisation, members: list[Organisation]
) -> None:
    """Set which organisations are members of this one (e.g. the regions of a network)."""
    before = sorted(str(m) for m in organisation.members.all())
    organisation.members.set(members)
    after = sorted(str(m) for m in members)
    if before != after:
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=organisation,
            organisation=organisation,
            changes={"members": [before, after]},
        )


@transaction.atomic
def person_create(
    *,
    actor: User | None,
    name: str,
    email: str = "",
    title: str = "",
    home_organisation: Organisation | None = None,
    user: User | None = None,
) -> Person:
    person = Person(
        name=name, email=email, title=title, home_organisation=home_organisation, user=user
    )
    person.full_clean()
    person.save()
    audit.record_create(actor=actor, instance=person, organisation=home_organisation)
    return person


@transaction.atomic
def person_update(*, actor: User | None, person: Person, **fields: Any) -> Person:
    before = audit.snapshot(person)
    for name, value in fields.items():
        if name not in {"name", "email", "title", "home_organisation", "user"}:
            raise TypeError(f"Unknown person field: {name}")
        setattr(person, name, value)
    person.full_clean()
    person.save()
    audit.record_update(
        actor=actor, instance=person, organisation=person.home_organisation, before=before
    )
    return person


@transaction.atomic
def membership_start(
    *,
    actor: User | None,
    person: Person,
    organisation: Organisation,
    role: Role | str,
    start: datetime.date,
    end: datetime.date | None = None,
    representing: Organisation | None = None,
    note: str = "",
) -> Membership:
    """Give a person a role in an organisation from ``start`` (to ``end``, if known)."""
    membership = Membership(
        person=person,
        organisation=organisation,
        role=role,
        start=start,
        end=end,
        representing=representing,
        note=note,
    )
    membership.full_clean()
    overlapping = Membership.objects.filter(
        person=person, organisation=organisation, role=role, start__lte=end or datetime.date.max
    ).exclude(end__lt=start)
    if overlapping.exists():
        raise ValidationError(
            {"role": _("Personen har redan den rollen i organisationen under perioden.")}
        )
    membership.save()
    audit.record_create(actor=actor, instance=membership, organisation=organisation)
    if person.user_id is not None:
        forget_access(person.user)  # type: ignore[arg-type]
    return membership


@transaction.atomic
def membership_end(*, actor: User | None, membership: Membership, end: datetime.date) -> Membership:
    """End a membership on ``end`` (the last day in the role). It stays as history."""
    if end < membership.start:
        raise ValidationError({"end": _("Slutdatum kan inte vara före startdatum.")})
    before = audit.snapshot(membership)
    membership.end = end
    membership.save(update_fields=["end"])
    audit.record_update(
        actor=actor, instance=membership, organisation=membership.organisation, before=before
    )
    return membership


@transaction.atomic
def membership_change_role(
    *,
    actor: User | None,
    membership: Membership,
    role: Role | str,
    day: datetime.date | None = None,
) -> Membership:
    """End the current role the day before ``day`` and start the new one on ``day``."""
    day = day or timezone.localdate()
    if day <= membership.start:
        raise ValidationError({"start": _("Den nya rollen måste börja efter den gamla.")})
    membership_end(actor=actor, membership=membership, end=day - datetime.timedelta(days=1))
    return membership_start(
        actor=actor,
        person=membership.person,
        organisation=membership.organisation,
        role=role,
        start=day,
        representing=membership.representing,
    )


@transaction.atomic
def access_grant(
    *, actor: User | None, user: User, organisation: Organisation, level: AccessLevel | int
) -> OrganisationAccess:
    """Give a user a level in an organisation, replacing any level it had there."""
    access, created = OrganisationAccess.objects.select_for_update().get_or_create(
        user=user, organisation=organisation, defaults={"level": level}
    )
    if created:
        audit.record_create(actor=actor, instance=access, organisation=organisation)
    elif access.level != level:
        before = audit.snapshot(access)
        access.level = level
        access.save(update_fields=["level"])
        audit.record_update(actor=actor, instance=access, organisation=organisation, before=before)
    forget_access(user)
    return access


@transaction.atomic
def access_revoke(*, actor: User | None, access: OrganisationAccess) -> None:
    """Remove a right. Nobody removes their own, so no administrator locks themselves out."""
    if actor is not None and actor.pk == access.user_id and not actor.is_superuser:
        raise ValidationError(
            _("Du kan inte ta bort din egen behörighet. Be en annan administratör om det.")
        )
    audit.record_delete(actor=actor, instance=access, organisation=access.organisation)
    access.delete()
    forget_access(access.user)
