"""Shared types."""

from django.http import HttpRequest

from framja.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request behind ``login_required``: its user is a real ``User``."""

    user: User
