"""Security events: logins, failed logins, logouts, denied requests, and login throttling.

Every event goes to the ``framja.security`` logger as one line of ``key=value`` pairs with
the time in UTC, so that an operator can ship it to the region's log service.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, logout
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("framja.security")

LOGIN_AT = "framja_login_at"
SEEN_AT = "framja_seen_at"


def client_ip(request: HttpRequest | None) -> str:
    if request is None:
        return "-"
    return str(request.META.get("REMOTE_ADDR") or "-")


def _who(request: HttpRequest | None, email: str | None = None) -> str:
    if email:
        return email
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return str(user.email)
    return "anonymous"


def _quote(value: object) -> str:
    text = str(value).replace('"', "'")
    return f'"{text}"' if " " in text or not text else text


def log_event(
    event: str,
    *,
    request: HttpRequest | None = None,
    email: str | None = None,
    level: int = logging.INFO,
    **details: object,
) -> None:
    """Log one security event: what, who, from where, and when (UTC)."""
    at = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    fields: dict[str, object] = {
        "event": event,
        "at": at,
        "user": _who(request, email),
        "ip": client_ip(request),
    }
    if request is not None and request.method:
        fields["method"] = request.method
        fields["path"] = request.path
    fields.update(details)
    logger.log(level, " ".join(f"{key}={_quote(value)}" for key, value in fields.items()))


# Django's authentication signals. They record what happened; they change no domain data.


def on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    backend = "-"
    if request is not None and hasattr(request, "session"):
        now = int(datetime.datetime.now(datetime.UTC).timestamp())
        request.session[LOGIN_AT] = now
        request.session[SEEN_AT] = now
        backend = request.session.get(BACKEND_SESSION_KEY, "-")
    log_event("login", request=request, email=user.email, backend=backend)


def on_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    log_event("logout", request=request, email=getattr(user, "email", None) or "anonymous")


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    email = str(credentials.get("username") or credentials.get("email") or "-")
    log_event("login_failed", request=request, email=email, level=logging.WARNING)


# Throttling of password logins, per e-mail address and IP address.


def _failure_key(email: str, request: HttpRequest | None) -> str:
    raw = f"{email.strip().lower()}|{client_ip(request)}"
    return "framja-login-failures:" + hashlib.sha256(raw.encode()).hexdigest()


def login_is_locked(*, email: str, request: HttpRequest | None) -> bool:
    return int(cache.get(_failure_key(email, request), 0)) >= settings.LOGIN_FAILURE_LIMIT


def login_failed(*, email: str, request: HttpRequest | None) -> None:
    """Count a failed login; the count is forgotten LOGIN_LOCKOUT seconds after the last."""
    key = _failure_key(email, request)
    count = int(cache.get(key, 0)) + 1
    cache.set(key, count, timeout=settings.LOGIN_LOCKOUT)
    if count == settings.LOGIN_FAILURE_LIMIT:
        log_event("login_locked", request=request, email=email, level=logging.WARNING)


def login_succeeded(*, email: str, request: HttpRequest | None) -> None:
    cache.delete(_failure_key(email, request))


class SecurityMiddleware:
    """End sessions that are idle or too old, and log requests that were denied.

    A session ends ``SESSION_IDLE_TIMEOUT`` seconds after its last request and
    ``SESSION_COOKIE_AGE`` seconds after login, whichever comes first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._check_session(request)
        response = self.get_response(request)
        if response.status_code in (401, 403):
            log_event("denied", request=request, level=logging.WARNING, status=response.status_code)
        return response

    def _check_session(self, request: HttpRequest) -> None:
        session = request.session
        now = int(datetime.datetime.now(datetime.UTC).timestamp())
        login_at = int(session.get(LOGIN_AT, now))
        seen_at = int(session.get(SEEN_AT, now))
        if now - seen_at > settings.SESSION_IDLE_TIMEOUT:
            log_event("session_idle_timeout", request=request)
            logout(request)
        elif now - login_at > settings.SESSION_COOKIE_AGE:
            log_event("session_expired", request=request)
            logout(request)
        else:
            if LOGIN_AT not in session:
                session[LOGIN_AT] = login_at
            if SEEN_AT not in session or now - seen_at >= settings.SESSION_SEEN_RESOLUTION:
                session[SEEN_AT] = now
