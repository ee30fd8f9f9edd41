"""Time search and "similar work" with 100,000 plan rows and 10,000 good examples.

Fills the database in DATABASE_URL with generated plans (20 rows each) for the regions and
municipalities, a fifth of them drafts, and good examples, all written with bulk_create and
indexed by one rebuild of the search index (as ``framja search-rebuild`` does). Their text
is drawn from the words of the demo's good examples and a list of public-health terms, with
a skewed (Zipf-like) choice so some words are common and most are rare, as in real text.
Then times, as a logged-in reader of a few organisations (so permissions are applied):
searches of one to three words, with and without filters, and "similar work" for rows.

    DATABASE_URL=sqlite:///$PWD/var/bench-search.sqlite3 .venv/bin/python bench/search.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/search.py

A second run reuses the data when the database already holds the same counts.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

ROWS_PER_PLAN = 20
TERMS = [
    "hälsosamtal",
    "hälsosamtalen",
    "riktade",
    "levnadsvanor",
    "tobak",
    "tobaksavvänjning",
    "alkohol",
    "fysisk",
    "aktivitet",
    "recept",
    "suicidprevention",
    "psykisk",
    "hälsa",
    "ohälsa",
    "barn",
    "unga",
    "äldre",
    "familjecentral",
    "elevhälsa",
    "skola",
    "vårdcentral",
    "kommun",
    "region",
    "samverkan",
    "föreningsliv",
    "nyanlända",
    "jämlik",
    "vård",
    "metodstöd",
    "utbildning",
    "webbutbildning",
    "kurser",
    "boende",
    "LSS",
    "stillasittande",
    "matvanor",
    "övervikt",
    "fetma",
    "hälsoklyftor",
    "uppföljning",
    "enkät",
    "indikator",
    "implementering",
    "förankring",
    "handlingsplan",
    "patientlöfte",
    "screening",
    "rehabilitering",
    "hjärtrehabilitering",
    "digital",
    "egenvård",
    "gruppstöd",
    "hälsocenter",
    "idrott",
    "seniorer",
    "ungdomsenkät",
    "kartläggning",
    "rapport",
    "seminarium",
    "nätverk",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def spaced(number: float) -> str:
    return f"{number:,.0f}".replace(",", " ")


def vocabulary() -> list[str]:
    from framja.demo.knowledge import EXAMPLES
    from framja.knowledge.stemming import words

    found: list[str] = []
    for spec in EXAMPLES:
        found += words(" ".join([spec.title, spec.summary, spec.description, spec.keywords]))
    return list(dict.fromkeys([*TERMS, *found]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=200, help="timed searches")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--show-slowest", type=int, default=0, help="print the slowest searches")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from framja.accounts.models import User
    from framja.catalog.models import PublicHealthTargetArea
    from framja.knowledge import index, search
    from framja.knowledge.models import DocumentKind, GoodExample, SearchDocument
    from framja.organisations.models import AccessLevel, Organisation, OrganisationKind
    from framja.organisations.services import access_grant
    from framja.plans.models import Plan, PlanRow, PlanState

    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    words = vocabulary()
    # Zipf-like weights: the n-th word is drawn in proportion to 1/n.
    weights = [1 / (n + 1) for n in range(len(words))]

    def text(count: int) -> str:
        return " ".join(rng.choices(words, weights, k=count))

    organisations = list(
        Organisation.objects.filter(
            kind__in=[OrganisationKind.REGION, OrganisationKind.MUNICIPALITY]
        ).order_by("pk")
    )
    areas = list(PublicHealthTargetArea.objects.order_by("number"))
    print(f"Databas: {connection.vendor} ({connection.settings_dict['NAME']})")
    print(f"Ordförråd: {len(words)} ord")
    rows_wanted = args.rows
    plans_wanted = rows_wanted // ROWS_PER_PLAN
    if (
        PlanRow.objects.filter(plan__title__startswith="Bench ").count() != rows_wanted
        or GoodExample.objects.filter(title__startswith="Bench ").count() != args.examples
    ):
        started = time.perf_counter()
        with transaction.atomic():
            PlanRow.objects.filter(plan__title__startswith="Bench ").delete()
            Plan.objects.filter(title__startswith="Bench ").delete()
            GoodExample.objects.filter(title__startswith="Bench ").delete()
            plans = Plan.objects.bulk_create(
                Plan(
                    organisation=organisations[i % len(organisations)],
                    year=2015 + i % 12,
                    title=f"Bench handlingsplan {i}",
                    state=PlanState.DRAFT if i % 5 == 0 else PlanState.ADOPTED,
                    published=i % 5 == 1,
                )
                for i in range(plans_wanted)
            )
            rows = PlanRow.objects.bulk_create(
                (
                    PlanRow(
                        plan=plan,
                        order=n,
                        title=text(rng.randint(3, 7)),
                        description=text(rng.randint(15, 45)),
                        follow_up=text(rng.randint(3, 10)),
                    )
                    for plan in plans
                    for n in range(ROWS_PER_PLAN)
                ),
                batch_size=5000,
            )
            through = PlanRow.target_areas.through
            through.objects.bulk_create(
                (
                    through(planrow_id=row.pk, publichealthtargetarea_id=rng.choice(areas).pk)
                    for row in rows
                ),
                batch_size=5000,
            )
            examples = GoodExample.objects.bulk_create(
                (
                    GoodExample(
                        organisation=organisations[i % len(organisations)],
                        title=f"Bench {text(rng.randint(2, 5))}",
                        summary=text(rng.randint(10, 25)),
                        description=text(rng.randint(30, 80)),
                        keywords=text(4),
                    )
                    for i in range(args.examples)
                ),
                batch_size=5000,
            )
            example_through = GoodExample.target_areas.through
            example_through.objects.bulk_create(
                (
                    example_through(goodexample_id=e.pk, publichealthtargetarea_id=a.pk)
                    for e in examples
                    for a in rng.sample(areas, 2)
                ),
                batch_size=5000,
            )
        print(
            f"Skapade {spaced(len(rows))} rader i {spaced(len(plans))} planer och "
            f"{spaced(len(examples))} goda exempel på {time.perf_counter() - started:.0f} s"
        )
        started = time.perf_counter()
        total = index.rebuild()
        print(
            f"Byggde sökindexet ({spaced(total)} dokument) på {time.perf_counter() - started:.0f} s"
        )
    else:
        print("Återanvänder data från förra körningen")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"Dokument i sökindexet: {spaced(SearchDocument.objects.count())}")

    reader, _ = User.objects.get_or_create(
        email="bench-reader@example.org", defaults={"full_name": "Bench Läsare"}
    )
    for organisation in organisations[:5]:
        access_grant(actor=None, user=reader, organisation=organisation, level=AccessLevel.READER)
    reader = User.objects.get(pk=reader.pk)
    counties = [o.pk for o in organisations if o.kind == OrganisationKind.REGION]

    queries: list[tuple[str, search.Filters]] = []
    for n in range(args.runs):
        count = 1 + n % 3
        query = " ".join(rng.choices(words, weights, k=count))
        filters = search.Filters()
        if n % 4 == 1:
            filters = search.Filters(year=2015 + n % 12)
        elif n % 4 == 2:
            filters = search.Filters(county_id=rng.choice(counties), kinds=[DocumentKind.ROW])
        elif n % 4 == 3:
            filters = search.Filters(target_area_id=rng.choice(areas).pk)
        queries.append((query, filters))

    def timed(step: object) -> float:
        started = time.perf_counter()
        step()  # type: ignore[operator]
        return (time.perf_counter() - started) * 1000

    search.search(user=reader, query="hälsosamtal")  # warm up
    timings = []
    totals = []
    slowest: list[tuple[float, str, object]] = []
    for query, filters in queries:
        started = time.perf_counter()
        results = search.search(user=reader, query=query, filters=filters)
        timings.append((time.perf_counter() - started) * 1000)
        totals.append(results.total)
        slowest.append((timings[-1], query, filters))
    print(
        f"Sökning, {len(timings)} frågor (1–3 ord, var fjärde utan filter), "
        f"träffar per fråga median {spaced(statistics.median(totals))}, max {spaced(max(totals))}:"
    )
    print(
        f"  median {statistics.median(timings):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms, "
        f"max {max(timings):.1f} ms"
    )
    for elapsed, slow_query, slow_filters in sorted(slowest, key=lambda item: -item[0])[
        : args.show_slowest
    ]:
        print(f"    {elapsed:.1f} ms: {slow_query!r} {slow_filters}")

    row_ids = list(
        PlanRow.objects.filter(plan__title__startswith="Bench ").values_list("pk", flat=True)
    )
    sample = rng.sample(row_ids, min(100, len(row_ids)))
    search.similar(user=reader, kind=DocumentKind.ROW, object_id=sample[0])  # warm up
    similar_timings = [
        timed(lambda pk=pk: search.similar(user=reader, kind=DocumentKind.ROW, object_id=pk))
        for pk in sample
    ]
    print(f"Liknande arbete för {len(sample)} rader:")
    print(
        f"  median {statistics.median(similar_timings):.1f} ms, "
        f"p95 {percentile(similar_timings, 0.95):.1f} ms, max {max(similar_timings):.1f} ms"
    )


if __name__ == "__main__":
    main()
