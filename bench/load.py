"""Load test: many logged-in users on the main pages at once, against gunicorn on loopback.

Starts gunicorn with production settings (DEBUG off, static files collected) on 127.0.0.1,
waits for /halsa/, then lets --users threads request the main pages of the benchmark (see
bench/pages.py) one after the other, each as the benchmark's logged-in user, for --seconds.
Prints the requests, errors and throughput, and the median and 95th percentile of the
response time per page and overall. Exits with 1 if any request failed.

    DATABASE_URL=sqlite:///$PWD/var/bench-national.sqlite3 .venv/bin/python bench/load.py
"""

from __future__ import annotations

import argparse
import http.client
import math
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]


def production_env(var_dir: Path) -> dict[str, str]:
    """The server's environment: production settings, plain HTTP on loopback."""
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        FRAMJA_VAR_DIR=str(var_dir),
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        CONN_MAX_AGE="60",
        LOG_LEVEL="WARNING",
    )
    return env


def session_cookie(env: dict[str, str]) -> tuple[str, list[tuple[str, str]]]:
    """Log the benchmark's user in (a session in the database) and return the cookie and pages."""
    os.environ.update({k: env[k] for k in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")})
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from framja.accounts.models import User
    from framja.demo.bench import BENCH_EMAIL, bench_pages

    client = Client()
    client.force_login(User.objects.get(email=BENCH_EMAIL))
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    return cookie, bench_pages()


def wait_for(port: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/halsa/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn svarade inte på /halsa/")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="framja-load-"))
    env = production_env(var_dir)
    framja = [sys.executable, "-c", "from framja.cli import main; main()"]
    subprocess.run([*framja, "collectstatic", "--no-input", "-v0"], env=env, check=True, cwd=REPO)
    cookie, pages = session_cookie(env)
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "config.wsgi",
            "--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers),
            "--timeout", "120", "--log-level", "warning",
        ],
        env=env,
        cwd=REPO,
    )  # fmt: skip
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    try:
        wait_for(args.port, 60)
        deadline = time.monotonic() + args.seconds

        def user(number: int) -> None:
            index = number
            while time.monotonic() < deadline:
                label, url = pages[index % len(pages)]
                index += 1
                started = time.perf_counter()
                try:
                    connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=120)
                    connection.request("GET", url, headers={"Cookie": cookie})
                    response = connection.getresponse()
                    response.read()
                    ok = response.status == 200
                    connection.close()
                except OSError:
                    ok = False
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    timings[label].append(elapsed)
                    if not ok:
                        errors[label] += 1

        threads = [threading.Thread(target=user, args=(n,)) for n in range(args.users)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        duration = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(30)

    everything = [t for values in timings.values() for t in values]
    failed = sum(errors.values())
    print(
        f"{args.users} användare i {duration:.0f} s mot gunicorn ({args.workers} processer): "
        f"{len(everything)} anrop, {len(everything) / duration:.1f} per sekund, {failed} fel\n"
    )
    print(f"{'Sida':<32} {'anrop':>6} {'fel':>4} {'median':>8} {'p95':>8}")
    for label, _url in pages:
        values = timings[label]
        if values:
            print(
                f"{label:<32} {len(values):6d} {errors[label]:4d} "
                f"{statistics.median(values):8.0f} {percentile(values, 0.95):8.0f}"
            )
    if everything:
        print(
            f"{'Alla':<32} {len(everything):6d} {failed:4d} "
            f"{statistics.median(everything):8.0f} {percentile(everything, 0.95):8.0f}"
        )
    print("\nTider i ms, från att anropet skickas tills svaret är läst.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
