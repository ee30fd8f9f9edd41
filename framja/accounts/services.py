"""Writes to accounts: API tokens, invitations and sessions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from framja.accounts.models import APIToken, Invitation, User
from framja.accounts.selectors import INVITATION_SALT
from framja.core import audit
from framja.core.models import AuditAction
from framja.organisations import services as organisation_services
from framja.organisations.models import (
    AccessLevel,
    Membership,
    Organisation,
    OrganisationAccess,
    Person,
    Role,
)


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[APIToken, str]:
    """Create a token and return it with its key, which is shown once and never stored."""
    key = APIToken.new_key()
    token = APIToken.objects.create(
        user=user,
        name=name,
        prefix=key[3 : 3 + APIToken.PREFIX_LENGTH],
        key_hash=APIToken.hash_key(key),
    )
    audit.record_create(actor=user, instance=token, organisation=None)
    return token, key


@transaction.atomic
def api_token_revoke(*, user: User, token: APIToken) -> None:
    audit.record_delete(actor=user, instance=token, organisation=None)
    token.delete()


def api_token_authenticate(*, key: str) -> User | None:
    """Return the active user holding ``key``, and note the token's use; None if unknown."""
    token = (
        APIToken.objects.select_related("user")
        .filter(key_hash=APIToken.hash_key(key), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# Invitations -------------------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    """Return the signed token in an invitation's link; it names the invitation only."""
    return signing.dumps({"invitation": invitation.pk}, salt=INVITATION_SALT)


def invitation_url(invitation: Invitation) -> str:
    path = reverse("accounts:invitation_accept", kwargs={"token": invitation_token(invitation)})
    return f"{settings.SITE_URL.rstrip('/')}{path}"


@transaction.atomic
def invitation_create(
    *,
    actor: User,
    organisation: Organisation,
    email: str,
    level: AccessLevel | int,
    role: Role | str = "",
    name: str = "",
) -> Invitation:
    """Invite ``email`` to ``organisation`` at ``level`` (and ``role``), and send the link."""
    invitation = Invitation(
        organisation=organisation,
        email=email.strip().lower(),
        name=name.strip(),
        level=level,
        role=role,
        invited_by=actor,
    )
    invitation.full_clean()
    invitation.save()
    audit.record_create(actor=actor, instance=invitation, organisation=organisation)
    days = max(1, settings.INVITATION_MAX_AGE // (24 * 60 * 60))
    subject = _("Inbjudan till %(organisation)s i Främja") % {"organisation": organisation.name}
    body = _(
        "Hej!\n\n%(inviter)s har bjudit in dig till %(organisation)s i Främja som "
        "%(level)s.\n\nFölj länken för att tacka ja. Den gäller i %(days)s dagar och kan "
        "användas en gång:\n%(url)s\n\nHälsningar\nFrämja"
    ) % {
        "inviter": actor.get_full_name(),
        "organisation": organisation.name,
        "level": invitation.get_level_display(),
        "days": days,
        "url": invitation_url(invitation),
    }
    # Sent inside the transaction: if the mail cannot be sent, there is no invitation.
    EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[invitation.email]
    ).send()
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> None:
    """Stop an open invitation's link from working."""
    before = audit.snapshot(invitation, fields=["revoked_at"])
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=invitation,
        organisation=invitation.organisation,
        changes={"revoked_at": [before.get("revoked_at"), invitation.revoked_at.isoformat()]},
    )


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None,
    full_name: str = "",
    password: str | None = None,
) -> User:
    """Accept an open invitation as ``user``, or as a new account made from the invitation.

    The account gets the invited level in the organisation and, if the invitation names a
    role, a membership from today. Its person is the one already linked to the account, or
    an unlinked person with the invited e-mail address, or a new one.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("Inbjudan är redan använd eller återkallad."))
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(_("Det finns redan ett konto med e-postadressen. Logga in."))
        user = User.objects.create_user(
            invitation.email, password, full_name=full_name or invitation.name
        )
        audit.record_create(actor=user, instance=user, organisation=None)
    person = _person_for(user=user, invitation=invitation)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit.record(
        actor=user,
        action=AuditAction.UPDATE,
        instance=invitation,
        organisation=invitation.organisation,
        changes={"accepted_at": [None, invitation.accepted_at.isoformat()]},
    )
    held = OrganisationAccess.objects.filter(
        user=user, organisation=invitation.organisation
    ).first()
    # An invitation adds rights; it never lowers a level the account already has.
    if held is None or held.level < invitation.level:
        organisation_services.access_grant(
            actor=user, user=user, organisation=invitation.organisation, level=invitation.level
        )
    if invitation.role:
        already = Membership.objects.current().filter(
            person=person, organisation=invitation.organisation, role=invitation.role
        )
        if not already.exists():
            organisation_services.membership_start(
                actor=user,
                person=person,
                organisation=invitation.organisation,
                role=invitation.role,
                start=timezone.localdate(),
            )
    return user


def _person_for(*, user: User, invitation: Invitation) -> Person:
    person = Person.objects.filter(user=user).first()
    if person is not None:
        return person
    person = (
        Person.objects.filter(user__isnull=True, email__iexact=user.email).order_by("pk").first()
    )
    if person is not None:
        return organisation_services.person_update(actor=user, person=person, user=user)
    return organisation_services.person_create(
        actor=user,
        name=user.full_name or invitation.name or user.email,
        email=user.email,
        home_organisation=invitation.organisation,
        user=user,
    )


# Sessions ----------------------------------------------------------------------------


def user_logout_everywhere(*, user: User) -> None:
    """End every session of ``user``, on every device, by changing its session hash."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])


# Single sign-on -------------------------------------------------------------------------


@transaction.atomic
def oidc_user_for_claims(*, claims: dict[str, Any]) -> User:
    """Return the account an OpenID Connect login is for, making one the first time.

    The first login finds an account by HSA-id, then by e-mail address, and links an
    unlinked person with the same e-mail address. Otherwise it makes an account with no
    rights in any organisation: an administrator grants them.
    """
    hsa_id = str(claims.get(settings.OIDC_HSA_ID_CLAIM) or "").strip() or None
    email = str(claims.get(settings.OIDC_EMAIL_CLAIM) or "").strip().lower()
    name = str(claims.get(settings.OIDC_NAME_CLAIM) or "").strip()
    if not name:
        name = " ".join(str(claims.get(k) or "") for k in ("given_name", "family_name")).strip()
    user = None
    if hsa_id:
        user = User.objects.select_for_update().filter(hsa_id=hsa_id).first()
    if user is None and email:
        user = User.objects.select_for_update().filter(email__iexact=email).first()
        if user is not None and user.hsa_id and hsa_id and user.hsa_id != hsa_id:
            raise ValidationError(_("E-postadressen hör till ett konto med ett annat HSA-id."))
    if user is None:
        if not email:
            raise ValidationError(_("Identitetsleverantören skickade ingen e-postadress."))
        user = User.objects.create_user(email, None, full_name=name, hsa_id=hsa_id)
        audit.record_create(actor=None, instance=user, organisation=None)
    elif (hsa_id and user.hsa_id != hsa_id) or (name and user.full_name != name):
        before = audit.snapshot(user, fields=["full_name", "hsa_id"])
        user.hsa_id = hsa_id or user.hsa_id
        user.full_name = name or user.full_name
        user.save(update_fields=["hsa_id", "full_name"])
        audit.record_update(actor=None, instance=user, organisation=None, before=before)
    if not user.is_active:
        raise ValidationError(_("Kontot är inte aktivt."))
    if not Person.objects.filter(user=user).exists():
        person = (
            Person.objects.filter(user__isnull=True, email__iexact=user.email)
            .order_by("pk")
            .first()
        )
        if person is not None:
            organisation_services.person_update(actor=None, person=person, user=user)
    return user
