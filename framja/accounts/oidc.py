"""Login through an OpenID Connect provider: authorization code flow with PKCE.

The provider (Inera's identity provider for SITHS eID, or a region's own) is found through
its discovery document. ID tokens must be RS256-signed by a key in the provider's JWKS, for
this client, from this issuer, unexpired, with the nonce this login sent. The claims map to
an account in ``framja.accounts.services.oidc_user_for_claims``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import jwt
from django.conf import settings
from django.core.cache import cache

TIMEOUT = 10
SESSION_KEY = "framja_oidc"
_jwk_clients: dict[str, jwt.PyJWKClient] = {}


class OIDCError(Exception):
    """The provider's answer could not be trusted or understood."""


def enabled() -> bool:
    return bool(settings.OIDC_DISCOVERY_URL and settings.OIDC_CLIENT_ID)


def _get_json(url: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    request = urllib.request.Request(url, headers={"Accept": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            data = json.load(response)
    except (OSError, ValueError) as error:
        raise OIDCError(f"GET {url}: {error}") from error
    if not isinstance(data, dict):
        raise OIDCError(f"GET {url}: not a JSON object")
    return data


def discovery() -> dict[str, Any]:
    """Return the provider's metadata, cached for an hour."""
    key = "framja-oidc-discovery:" + settings.OIDC_DISCOVERY_URL
    found = cache.get(key)
    if found is None:
        found = _get_json(settings.OIDC_DISCOVERY_URL)
        for name in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not found.get(name):
                raise OIDCError(f"The discovery document has no {name}.")
        cache.set(key, found, 60 * 60)
    return found


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def authorization_request(*, redirect_uri: str) -> tuple[str, dict[str, str]]:
    """Return the provider URL to send the browser to, and what the session must keep."""
    metadata = discovery()
    state = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)
    challenge = _b64url(hashlib.sha256(verifier.encode("ascii")).digest())
    query = urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": settings.OIDC_CLIENT_ID,
            "redirect_uri": redirect_uri,
            "scope": settings.OIDC_SCOPES,
            "state": state,
            "nonce": nonce,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
    )
    endpoint = metadata["authorization_endpoint"]
    separator = "&" if "?" in endpoint else "?"
    return f"{endpoint}{separator}{query}", {
        "state": state,
        "nonce": nonce,
        "verifier": verifier,
        "redirect_uri": redirect_uri,
    }


def _token_request(*, code: str, verifier: str, redirect_uri: str) -> dict[str, Any]:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": verifier,
    }
    headers = {"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"}
    if settings.OIDC_TOKEN_AUTH_METHOD == "client_secret_post":
        form |= {"client_id": settings.OIDC_CLIENT_ID, "client_secret": settings.OIDC_CLIENT_SECRET}
    else:
        pair = ":".join(
            urllib.parse.quote(part, safe="")
            for part in (settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET)
        )
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode("ascii")
    request = urllib.request.Request(
        discovery()["token_endpoint"],
        data=urllib.parse.urlencode(form).encode(),
        headers=headers,
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            data = json.load(response)
    except urllib.error.HTTPError as error:
        body = error.read()[:300]
        raise OIDCError(f"The token endpoint answered {error.code}: {body!r}") from error
    except (OSError, ValueError) as error:
        raise OIDCError(f"The token endpoint: {error}") from error
    if not isinstance(data, dict) or not data.get("id_token"):
        raise OIDCError("The token response has no ID token.")
    return data


def _verified_id_token(id_token: str, *, nonce: str) -> dict[str, Any]:
    metadata = discovery()
    jwks_uri = metadata["jwks_uri"]
    client = _jwk_clients.setdefault(jwks_uri, jwt.PyJWKClient(jwks_uri, timeout=TIMEOUT))
    try:
        key = client.get_signing_key_from_jwt(id_token)
        claims: dict[str, Any] = jwt.decode(
            id_token,
            key=key,
            algorithms=["RS256"],
            audience=settings.OIDC_CLIENT_ID,
            issuer=metadata["issuer"],
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            leeway=60,
        )
    except jwt.PyJWTError as error:
        raise OIDCError(f"The ID token is not valid: {error}") from error
    if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise OIDCError("The ID token's nonce is not the one this login sent.")
    return claims


def complete(*, code: str, state: str, kept: dict[str, str]) -> dict[str, Any]:
    """Exchange the code, verify the ID token and return the user's claims."""
    if not kept or not secrets.compare_digest(state, kept.get("state", "")):
        raise OIDCError("The state does not match this browser's login.")
    tokens = _token_request(code=code, verifier=kept["verifier"], redirect_uri=kept["redirect_uri"])
    claims = _verified_id_token(tokens["id_token"], nonce=kept["nonce"])
    userinfo_endpoint = discovery().get("userinfo_endpoint")
    if userinfo_endpoint and tokens.get("access_token"):
        info = _get_json(
            userinfo_endpoint, headers={"Authorization": f"Bearer {tokens['access_token']}"}
        )
        if info.get("sub") != claims["sub"]:
            raise OIDCError("The userinfo subject is not the ID token's.")
        claims = {**info, **claims}
    return claims
