from django.db.models import QuerySet
from django.http import Http404

from framja.accounts.models import APIToken, User


def api_token_list(*, user: User) -> QuerySet[APIToken]:
    return APIToken.objects.filter(user=user).order_by("-created_at")


def api_token_get_for_user(*, user: User, pk: int) -> APIToken:
    try:
        return APIToken.objects.get(user=user, pk=pk)
    except APIToken.DoesNotExist:
        raise Http404 from None
