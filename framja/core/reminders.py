"""Reminders by e-mail to the organisations that have not answered yet (reporting rounds,
surveys): who gets them, sending one with its trace in the history, and what the sender is
told."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib import messages
from django.core.mail import EmailMessage
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from framja.core import audit
from framja.core.models import AuditAction
from framja.organisations.models import AccessLevel, Organisation, OrganisationAccess

if TYPE_CHECKING:
    from framja.accounts.models import User


def editor_emails(*, organisation: Organisation) -> list[str]:
    """The addresses of the active users who may edit for the organisation, each once."""
    emails = (
        OrganisationAccess.objects.filter(
            organisation=organisation, level__gte=AccessLevel.EDITOR, user__is_active=True
        )
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )
    return [email for email in dict.fromkeys(emails) if email]


def send_reminder(
    *,
    actor: User | None,
    instance: models.Model,
    organisation: Organisation,
    recipients: list[str],
    subject: str,
    body: str,
    at: datetime.datetime | None = None,
) -> None:
    """E-mail the reminder, note when (``at``, now by default) on ``instance.reminded_at``
    and in the history."""
    EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=recipients
    ).send()
    now = at or timezone.now()
    instance.reminded_at = now  # type: ignore[attr-defined]
    instance.save(update_fields=["reminded_at"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=instance,
        organisation=organisation,
        changes={"reminded_at": [None, now.isoformat()], "recipients": [None, recipients]},
    )


def tell_reminded(
    request: HttpRequest,
    *,
    sent: Sequence[Organisation],
    unreachable: Sequence[Organisation],
    nothing_left: str,
) -> None:
    """Tell the sender who was reminded, who could not be, or that no one needed it."""
    if sent:
        names = ", ".join(organisation.name for organisation in sent)
        messages.success(
            request,
            ngettext(
                "En påminnelse är skickad till %(names)s.",
                "Påminnelser är skickade till %(names)s.",
                len(sent),
            )
            % {"names": names},
        )
    if unreachable:
        names = ", ".join(organisation.name for organisation in unreachable)
        messages.warning(
            request,
            _("Ingen påminnelse kunde skickas till %(names)s: ingen har rätt att redigera där.")
            % {"names": names},
        )
    if not sent and not unreachable:
        messages.info(request, nothing_left)
