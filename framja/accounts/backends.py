"""How a session's user was logged in, for the security log."""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class OIDCBackend(ModelBackend):
    """Users logged in through the identity provider. It never checks a password itself:
    ``framja.accounts.views.oidc_callback`` logs the user in once the ID token is verified."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        return None
