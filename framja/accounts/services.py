"""Writes to accounts: API tokens."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from framja.accounts.models import APIToken, User
from framja.core import audit


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
