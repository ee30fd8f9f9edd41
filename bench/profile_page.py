"""Time one page against the floor and, with --profile, show where its time goes.

Uses the same login, settings and floor as bench/pages.py (run `framja bench generate` first):

    DATABASE_URL=sqlite:///$PWD/var/bench-national.sqlite3 .venv/bin/python bench/profile_page.py \
        /organisationer/ --runs 50 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("CONN_MAX_AGE", "60")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url", help="the page's path, e.g. /organisationer/")
    parser.add_argument("--runs", type=int, default=50, help="timed requests")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    parser.add_argument("--sort", default="cumulative", help="cProfile's sort order")
    parser.add_argument("--lines", type=int, default=40, help="functions to print")
    args = parser.parse_args()

    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "framja.demo.bench_urls"
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    from django.test import Client

    from framja.accounts.models import User
    from framja.demo.bench import BENCH_EMAIL
    from framja.demo.bench_urls import FLOOR_PATH

    client = Client()
    client.force_login(User.objects.get(email=BENCH_EMAIL))
    for url in (FLOOR_PATH, args.url):
        response = client.get(url)
        if response.status_code != 200:
            print(f"{url}: {response.status_code}", file=sys.stderr)
            return 1
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        print(f"{url}: median {statistics.median(timings):.2f} ms, lowest {min(timings):.2f} ms")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.runs):
            client.get(args.url)
        profile.disable()
        pstats.Stats(profile).sort_stats(args.sort).print_stats(args.lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
