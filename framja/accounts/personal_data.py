"""Personal data: everything Främja holds about a person, and erasing it.

``personal_data_export`` gathers it for the person (the right of access). ``person_erase``
removes it at an administrator's request: the person and the account keep their rows, so
that memberships and the history of changes stay whole, but every name, e-mail address and
HSA-id is replaced by a pseudonym, in the history too.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import F, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from framja.accounts.models import APIToken, Invitation, User
from framja.core import audit
from framja.core.models import AuditAction, AuditEvent
from framja.organisations.models import Membership, OrganisationAccess, Person
from framja.organisations.selectors import forget_access

ERASED = "[raderad]"
# Free-text fields where people are named by hand ("ansvarig", who signed a foreword): an
# erasure replaces the person's name there too.
FREE_TEXT_FIELDS = (
    ("plans.Activity", "responsible"),
    ("reporting.AnnualReport", "foreword_signed_by"),
)


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else value


def _identifiers(*, person: Person | None, user: User | None) -> list[str]:
    """Return the strings that identify the person, longest first."""
    found = set()
    if person is not None:
        found |= {person.name, person.email}
    if user is not None:
        found |= {user.full_name, user.email, user.hsa_id or ""}
    return sorted((text for text in found if text and len(text) > 1), key=len, reverse=True)


def _mentioning(identifiers: list[str], user: User | None) -> QuerySet[AuditEvent]:
    """Return the audit events that were made by the person or mention them anywhere."""
    condition = Q(actor=user) if user is not None else Q(pk__in=[])
    for text in identifiers:
        # JSON text may hold non-ASCII letters escaped (SQLite) or as they are (PostgreSQL).
        escaped = json.dumps(text)[1:-1]
        condition |= (
            Q(actor_name=text)
            | Q(object_repr__icontains=text)
            | Q(changes_text__icontains=text)
            | Q(changes_text__icontains=escaped)
        )
    return AuditEvent.objects.annotate(changes_text=Cast("changes", TextField())).filter(condition)


def _event(event: AuditEvent) -> dict[str, Any]:
    return {
        "at": _iso(event.created_at),
        "by": event.actor_name,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object": event.object_repr,
        "organisation": str(event.organisation) if event.organisation_id else None,
        "changes": event.changes,
    }


def personal_data_export(*, user: User) -> dict[str, Any]:
    """Return everything Främja holds about ``user`` and its person, as plain data."""
    person = Person.objects.filter(user=user).select_related("home_organisation").first()
    memberships = (
        Membership.objects.filter(person=person).select_related("organisation", "representing")
        if person is not None
        else Membership.objects.none()
    )
    identifiers = _identifiers(person=person, user=user)
    events = _mentioning(identifiers, user).select_related("organisation").order_by("created_at")
    invitations = Invitation.objects.filter(
        Q(email__iexact=user.email) | Q(accepted_by=user)
    ).select_related("organisation")
    return {
        "exported_at": _iso(timezone.now()),
        "account": {
            "email": user.email,
            "name": user.full_name,
            "hsa_id": user.hsa_id,
            "active": user.is_active,
            "system_administrator": user.is_superuser,
            "catalogue_administrator": user.is_catalogue_admin,
            "created_at": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "has_password": user.has_usable_password(),
        },
        "person": None
        if person is None
        else {
            "name": person.name,
            "email": person.email,
            "title": person.title,
            "home_organisation": str(person.home_organisation or "") or None,
        },
        "memberships": [
            {
                "organisation": str(m.organisation),
                "role": m.role,
                "role_label": m.get_role_display(),
                "start": _iso(m.start),
                "end": _iso(m.end),
                "representing": str(m.representing) if m.representing_id else None,
                "note": m.note,
            }
            for m in memberships
        ],
        "access": [
            {"organisation": str(a.organisation), "level": a.get_level_display()}
            for a in OrganisationAccess.objects.filter(user=user).select_related("organisation")
        ],
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "created_at": _iso(t.created_at),
                "last_used_at": _iso(t.last_used_at),
            }
            for t in APIToken.objects.filter(user=user)
        ],
        "invitations": [
            {
                "organisation": str(i.organisation),
                "email": i.email,
                "level": i.get_level_display(),
                "role": i.role,
                "sent_at": _iso(i.created_at),
                "accepted_at": _iso(i.accepted_at),
            }
            for i in invitations
        ],
        "history": [_event(event) for event in events],
    }


def pseudonym_for(person: Person) -> str:
    return f"Person {person.pk:05d}"


def _replace(value: Any, pattern: re.Pattern[str], pseudonym: str) -> Any:
    if isinstance(value, str):
        return pattern.sub(pseudonym, value)
    if isinstance(value, list):
        return [_replace(item, pattern, pseudonym) for item in value]
    if isinstance(value, dict):
        return {key: _replace(item, pattern, pseudonym) for key, item in value.items()}
    return value


@transaction.atomic
def person_erase(*, actor: User, person: Person) -> str:
    """Remove a person's personal data and pseudonymise them in the history; return the pseudonym.

    The person keeps its memberships, so who held which role stays visible under the
    pseudonym. A linked account is closed: no password, no rights, no API tokens, no
    sessions. Every history entry remains; names, e-mail addresses and HSA-id in who
    made it, what it was about and its changes become the pseudonym.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    user = (
        User.objects.select_for_update().filter(pk=person.user_id).first()
        if person.user_id is not None
        else None
    )
    identifiers = _identifiers(person=person, user=user)
    pseudonym = pseudonym_for(person)
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(text)}(?!\w)" for text in identifiers) or r"(?!x)x",
        re.IGNORECASE,
    )
    events = list(_mentioning(identifiers, user))
    for event in events:
        if (user is not None and event.actor_id == user.pk) or event.actor_name in identifiers:
            event.actor_name = pseudonym
        event.object_repr = _replace(event.object_repr, pattern, pseudonym)
        event.changes = _replace(event.changes, pattern, pseudonym)
        if event.object_type == "organisations.person" and event.object_id == str(person.pk):
            for field in ("email", "title"):
                if field in event.changes:
                    event.changes[field] = [ERASED if v else v for v in event.changes[field]]
    AuditEvent.objects.bulk_update(events, ["actor_name", "object_repr", "changes"])

    for label, field in FREE_TEXT_FIELDS:
        model = apps.get_model(label)
        condition = Q(pk__in=[])
        for text in identifiers:
            condition |= Q(**{f"{field}__icontains": text})
        for row in model._default_manager.filter(condition):
            setattr(row, field, pattern.sub(pseudonym, getattr(row, field)))
            row.save(update_fields=[field])

    person.name = pseudonym
    person.email = ""
    person.title = ""
    person.save(update_fields=["name", "email", "title"])
    Invitation.objects.filter(
        Q(email__in=[text.lower() for text in identifiers if "@" in text]) | Q(accepted_by=user)
    ).update(email=f"{pseudonym.lower().replace(' ', '-')}@raderad.invalid", name="")
    if user is not None:
        APIToken.objects.filter(user=user).delete()
        OrganisationAccess.objects.filter(user=user).delete()
        user.email = f"raderad-{user.pk}@raderad.invalid"
        user.full_name = pseudonym
        user.hsa_id = None
        user.is_active = False
        user.is_superuser = False
        user.is_staff = False
        user.is_catalogue_admin = False
        user.last_login = None
        user.set_unusable_password()
        user.save()
        User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
        forget_access(user)
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=person,
        organisation=person.home_organisation,
        changes={"name": [ERASED, pseudonym], "erased": [None, True]},
    )
    return pseudonym
