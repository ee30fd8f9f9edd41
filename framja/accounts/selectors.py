from django.conf import settings
from django.core import signing
from django.db.models import QuerySet
from django.http import Http404

from framja.accounts.models import APIToken, Invitation, User
from framja.organisations.models import Organisation


def api_token_list(*, user: User) -> QuerySet[APIToken]:
    return APIToken.objects.filter(user=user).order_by("-created_at")


def api_token_get_for_user(*, user: User, pk: int) -> APIToken:
    try:
        return APIToken.objects.get(user=user, pk=pk)
    except APIToken.DoesNotExist:
        raise Http404 from None


INVITATION_SALT = "framja.accounts.invitation"


class InvitationExpired(Exception):
    """The invitation's link is older than ``INVITATION_MAX_AGE``."""


def invitation_get_by_token(*, token: str) -> Invitation:
    """Return the invitation a link names; raise InvitationExpired or Http404."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=settings.INVITATION_MAX_AGE)
    except signing.SignatureExpired:
        raise InvitationExpired from None
    except signing.BadSignature:
        raise Http404 from None
    try:
        return Invitation.objects.select_related("organisation", "invited_by").get(
            pk=data["invitation"]
        )
    except (Invitation.DoesNotExist, KeyError, TypeError):
        raise Http404 from None


def invitation_list(*, organisation: Organisation) -> QuerySet[Invitation]:
    return Invitation.objects.filter(organisation=organisation).select_related(
        "invited_by", "accepted_by"
    )


def invitation_get_for_organisation(*, organisation: Organisation, pk: int) -> Invitation:
    try:
        return Invitation.objects.get(organisation=organisation, pk=pk)
    except Invitation.DoesNotExist:
        raise Http404 from None
