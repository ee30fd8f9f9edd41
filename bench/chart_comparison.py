"""Time the comparison chart of one indicator across all places, with millions of values stored.

Fills the database in DATABASE_URL with generated values for every place (Riket, 21 regions,
290 municipalities) × 20 years × 3 sexes × as many indicators as the count needs (10,000,000
values by default: 536 indicators), through the import's bulk writer. Then times, for one
indicator and one year: the selector that reads the values (its two queries), the chart drawn
as SVG, and the whole page sent by the Django test client (login, form, chart, table).

    DATABASE_URL=sqlite:///$PWD/var/bench-charts.sqlite3 \
        .venv/bin/python bench/chart_comparison.py [--values 10000000] [--runs 20]

A second run reuses the values when the database already holds the same count.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

YEARS = 20
FIRST_YEAR = 2005
SEXES = ("K", "M", "T")
INDICATORS_PER_WRITE = 20


def measure(step: Callable[[], object], runs: int) -> tuple[float, float]:
    """Return the median and the fastest time of step in ms, after one run to warm up."""
    step()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), min(timings)


def spaced(number: float) -> str:
    return f"{number:,.0f}".replace(",", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--values", type=int, default=10_000_000, help="values to store")
    parser.add_argument("--runs", type=int, default=20, help="timed runs of each step")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from framja.accounts.models import User
    from framja.charts.html import chart_context
    from framja.charts.svg import render_svg
    from framja.indicators import selectors
    from framja.indicators.bulk import write_rows
    from framja.indicators.models import DataSource, Indicator, IndicatorValue, Level, Place

    call_command("migrate", verbosity=0)
    places = list(
        Place.objects.filter(level__in=[Level.COUNTRY, Level.REGION, Level.MUNICIPALITY])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    per_indicator = len(places) * YEARS * len(SEXES)
    count = math.ceil(args.values / per_indicator)
    source = DataSource.objects.get(name="Egen mätning")
    codes = [f"bench-chart-{number:04d}" for number in range(1, count + 1)]
    existing = set(Indicator.objects.filter(code__in=codes).values_list("code", flat=True))
    Indicator.objects.bulk_create(
        Indicator(
            code=code,
            name=f"Testindikator {code[-4:]}",
            source=source,
            unit="procent",
            direction="lower",
            level=Level.MUNICIPALITY,
            by_sex=True,
        )
        for code in codes
        if code not in existing
    )
    ids = list(
        Indicator.objects.filter(code__in=codes).order_by("code").values_list("pk", flat=True)
    )
    stored = IndicatorValue.objects.count()
    print(f"Databas: {connection.vendor} ({connection.settings_dict['NAME']})")
    print(
        f"{len(places)} platser × {YEARS} år × {len(SEXES)} kön = {spaced(per_indicator)} värden "
        f"per indikator; {count} indikatorer = {spaced(per_indicator * count)} värden"
    )
    if stored != per_indicator * count:
        IndicatorValue.objects.filter(indicator_id__in=ids).delete()
        rng = random.Random(args.seed)
        periods = [str(year) for year in range(FIRST_YEAR, FIRST_YEAR + YEARS)]
        started = time.perf_counter()
        now = timezone.now()
        for start in range(0, len(ids), INDICATORS_PER_WRITE):
            rows = [
                (indicator, place, period, sex, value, "" if value is not None else "..")
                for indicator in ids[start : start + INDICATORS_PER_WRITE]
                for place in places
                for period in periods
                for sex in SEXES
                for value in [None if rng.random() < 0.01 else round(rng.uniform(0, 100), 2)]
            ]
            with transaction.atomic():
                write_rows(rows, source="Prestandamätning", now=now)
            done = min(start + INDICATORS_PER_WRITE, len(ids))
            print(f"  {spaced(done * per_indicator)} värden sparade", end="\r", flush=True)
        seconds = time.perf_counter() - started
        print(f"\nSparade {spaced(count * per_indicator)} värden på {seconds:.0f} s")
    stored = IndicatorValue.objects.count()
    print(f"Värden i databasen: {spaced(stored)}")

    indicator = Indicator.objects.select_related("source").get(pk=ids[len(ids) // 2])
    period = str(FIRST_YEAR + YEARS - 1)

    def read() -> object:
        return selectors.comparison_chart(
            indicator=indicator, period=period, level=Level.MUNICIPALITY
        )

    chart = selectors.comparison_chart(indicator=indicator, period=period, level=Level.MUNICIPALITY)
    print(
        f"\nJämförelse av {indicator.code} år {period}: {len(chart.bars)} kommuner, "
        f"referens {', '.join(r.label for r in chart.references)}"
    )
    steps: dict[str, Callable[[], object]] = {
        "läsa värdena (selektorn)": read,
        "rita SVG": lambda: render_svg(chart),
        "läsa och rita SVG": lambda: render_svg(read()),  # type: ignore[arg-type]
        "läsa, SVG och tabell": lambda: chart_context(read()),  # type: ignore[arg-type]
    }
    for label, step in steps.items():
        median, fastest = measure(step, args.runs)
        print(f"  {label:<26} median {median:7.1f} ms   snabbast {fastest:7.1f} ms")

    user, _ = User.objects.get_or_create(
        email="bench@example.org", defaults={"full_name": "Prestandamätning"}
    )
    client = Client()
    client.force_login(user)
    url = reverse("indicators:chart", args=[indicator.code, "jamforelse"])
    params = {"niva": "municipality", "period": period}

    def page() -> object:
        response = client.get(url, params)
        assert response.status_code == 200, response.status_code
        return response

    median, fastest = measure(page, args.runs)
    print(
        f"  {'hela sidan (testklienten)':<26} median {median:7.1f} ms   snabbast {fastest:7.1f} ms"
    )


if __name__ == "__main__":
    main()
