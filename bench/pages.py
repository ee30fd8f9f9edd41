"""Time the main pages against the framework's floor: an empty page through the full middleware.

Needs the generated dataset (`framja bench generate --scale national`, or small for a quick
look). Logs in as the benchmark's user (administrator of Testorganisation 0001), requests each
page once to warm up and then --runs times, and prints the median and 95th percentile of the
server time, the queries per page and each page's median as a multiple of the floor's.

    DATABASE_URL=sqlite:///$PWD/var/bench-national.sqlite3 .venv/bin/python bench/pages.py
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")
# As in production (docs/drift.md): each process keeps its database connection.
os.environ.setdefault("CONN_MAX_AGE", "60")
TARGET = 5.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=50, help="timed requests per page")
    args = parser.parse_args()

    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "framja.demo.bench_urls"
    # Debug pages and query logging are not what a production server does.
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    from django.db import connection

    from framja.demo.bench import time_pages

    floor, pages = time_pages(runs=args.runs)
    print(f"{connection.vendor}, {args.runs} körningar per sida, tider i ms (servertid)\n")
    print(f"{'Sida':<32} {'median':>8} {'p95':>8} {'frågor':>7} {'× golvet':>9}")
    print(f"{floor.label:<32} {floor.median:8.2f} {floor.p95:8.2f} {floor.queries:7d} {1:9.1f}")
    worst = 0.0
    for page in pages:
        ratio = page.median / floor.median
        worst = max(worst, ratio)
        print(f"{page.label:<32} {page.median:8.2f} {page.p95:8.2f} {page.queries:7d} {ratio:9.1f}")
    print(f"\nStörsta kvot: {worst:.1f} × golvet (mål: högst {TARGET:.0f} ×)")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
