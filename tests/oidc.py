"""Start the test OpenID provider (django-oidc-provider) in a subprocess on a free port.

The provider is a real one: discovery, JWKS, RS256-signed ID tokens, PKCE, its own login
page. Nothing of Främja's OIDC client is mocked.
"""

from __future__ import annotations

import html
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENT_ID = "framja-test"
CLIENT_SECRET = "framja-test-secret"
USERS = [
    {
        "username": "SE2321000016-A1B2",
        "password": "leverantor",
        "name": "Alice Admin",
        "email": "alice@example.org",
    },
    {
        "username": "SE2321000016-N3W1",
        "password": "leverantor",
        "name": "Nils Ny",
        "email": "nils.ny@example.org",
    },
    # The demo's process support, for trying the login by hand (see docs/inloggning.md).
    {
        "username": "SE2321000016-DEMO",
        "password": "leverantor",
        "name": "Sofie Westerberg",
        "email": "processtod@framja.example",
    },
]


@dataclass(frozen=True)
class Provider:
    url: str

    @property
    def discovery_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_provider(tmp_path: Path, redirect_uris: list[str], port: int = 0) -> Iterator[Provider]:
    """Set up the provider's database and serve it until the block ends."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "FRAMJA_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tests.oidc_provider_site.settings",
        OIDC_TEST_SITE_URL=url,
        OIDC_TEST_DB=str(tmp_path / "provider.sqlite3"),
        OIDC_TEST_CLIENT=json.dumps(
            {"id": CLIENT_ID, "secret": CLIENT_SECRET, "redirect_uri": "\n".join(redirect_uris)}
        ),
        OIDC_TEST_USERS=json.dumps(USERS),
        PYTHONPATH=str(ROOT),
    )
    subprocess.run(
        [sys.executable, "-m", "tests.oidc_provider_site.setup"], cwd=ROOT, env=env, check=True
    )
    log = (tmp_path / "provider.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        provider = Provider(url)
        for _attempt in range(200):
            try:
                with urllib.request.urlopen(provider.discovery_url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError((tmp_path / "provider.log").read_text()) from None
                time.sleep(0.1)
        else:
            raise RuntimeError("The test OpenID provider did not start.")
        yield provider
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


class _StopAt(urllib.request.HTTPRedirectHandler):
    """Follow the provider's redirects, but stop at the one back to Främja."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.reached: str | None = None

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if newurl.startswith(self.prefix):
            self.reached = newurl
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def log_in_at_provider(authorize_url: str, *, username: str, password: str, back_to: str) -> str:
    """Log in on the provider's own login page as a browser would; return the callback URL."""
    jar = http.cookiejar.CookieJar()
    stop = _StopAt(back_to)
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), stop)
    with opener.open(authorize_url, timeout=10) as response:
        login_url = response.geturl()
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    next_field = re.search(r'name="next" value="([^"]*)"', page)
    assert token is not None, page
    assert next_field is not None, page
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token.group(1),
            "username": username,
            "password": password,
            "next": html.unescape(next_field.group(1)),
        }
    ).encode()
    try:
        opener.open(urllib.request.Request(login_url, data=form), timeout=10).close()
    except urllib.error.HTTPError as error:
        if stop.reached is None:
            raise AssertionError(error.read().decode()) from error
    assert stop.reached is not None, "The provider did not send the browser back."
    return stop.reached


def main() -> None:
    """Serve the test provider on port 9400 for the demo on port 8000, until Ctrl-C."""
    import signal
    import tempfile

    # Leave through the ``with`` blocks, which stop the provider, on Ctrl-C or kill.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))
    port = int(os.environ.get("OIDC_TEST_PORT", "9400"))
    with (
        tempfile.TemporaryDirectory() as folder,
        running_provider(
            Path(folder), ["http://127.0.0.1:8000/konto/oidc/klar/"], port=port
        ) as provider,
    ):
        print(f"OIDC_DISCOVERY_URL={provider.discovery_url}")
        print(f"OIDC_CLIENT_ID={CLIENT_ID} OIDC_CLIENT_SECRET={CLIENT_SECRET}")
        print('OIDC_SCOPES="openid profile email hsa"')
        for user in USERS:
            print(f"  {user['username']} / {user['password']}  ({user['email']})")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
