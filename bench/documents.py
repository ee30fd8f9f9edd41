"""Time the documents: a 100-row action plan as DOCX and PDF, and a national annual report.

Makes its own data in the database of DATABASE_URL (once; kept for the next run): an
organisation with a plan of 100 rows (each with a description, three activities and a
status), and a national network with the 21 regions below it, each with 10 goals under
three headings, assessed for the year. Then builds each document through the same code as
the download links, --runs times, and prints the median and the fastest time and the size.

    DATABASE_URL=sqlite:///$PWD/var/bench-documents.sqlite3 .venv/bin/python bench/documents.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/documents.py
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from framja.organisations.models import Organisation
    from framja.plans.models import Plan

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

YEAR = 2025
PLAN_SLUG = "bench-dokument"
NETWORK_SLUG = "bench-nationellt-natverk"
HEADINGS = ["Levnadsvanor", "Jämlik hälsa", "Samverkan"]
TEXT = (
    "Arbetet bedrivs tillsammans med kommunerna och primärvården och följs upp två gånger om "
    "året. Fokus ligger på de grupper som har störst behov, och på att insatserna når fram. "
)


def make_plan() -> Plan:
    from framja.organisations import services as organisations
    from framja.organisations.models import Organisation, OrganisationKind
    from framja.plans import services as plans
    from framja.plans.models import Plan, Rating

    found = Plan.objects.filter(organisation__slug=PLAN_SLUG, year=YEAR).first()
    if found is not None:
        return found
    organisation = Organisation.objects.filter(slug=PLAN_SLUG).first() or (
        organisations.organisation_create(
            actor=None, kind=OrganisationKind.RPO, name="RPO Dokumentprov", slug=PLAN_SLUG
        )
    )
    plan = plans.plan_create(
        actor=None,
        organisation=organisation,
        year=YEAR,
        title="Handlingsplan med 100 rader",
        sections=[("Bakgrund", TEXT * 3), ("Utmaningar", TEXT * 2)],
        focus_areas=["Levnadsvanor", "Jämlik vård", "Psykisk hälsa"],
    )
    for number in range(1, 101):
        row = plans.row_create(
            actor=None,
            plan=plan,
            title=f"Prioriterat område {number}",
            description=TEXT * 2,
            follow_up="Uppföljning i arbetsgruppen varje halvår.",
        )
        for activity in range(1, 4):
            plans.activity_create(
                actor=None, row=row, text=f"Aktivitet {activity}: {TEXT[:80]}", whole_year=True
            )
        plans.status_add(
            actor=None,
            row=row,
            rating=list(Rating)[number % len(Rating)],
            comment="Enligt tidplanen.",
            date=datetime.date(YEAR, 6, 1),
        )
    return plan


def make_network() -> Organisation:
    from framja.goals import services as goals
    from framja.goals.models import GoalRating
    from framja.organisations import services as organisations
    from framja.organisations.models import Organisation, OrganisationKind

    found = Organisation.objects.filter(slug=NETWORK_SLUG).first()
    if found is not None:
        return found
    network = organisations.organisation_create(
        actor=None, kind=OrganisationKind.NETWORK, name="Nationellt nätverk", slug=NETWORK_SLUG
    )
    ratings = [r for r in GoalRating if r != GoalRating.NOT_ASSESSED]
    for region in range(1, 22):
        member = organisations.organisation_create(
            actor=None,
            kind=OrganisationKind.THEME_GROUP,
            name=f"Region {region:02d} i nätverket",
            slug=f"{NETWORK_SLUG}-{region:02d}",
            parent=network,
        )
        for number in range(10):
            goal = goals.goal_create(
                actor=None,
                organisation=member,
                text=f"Mål {number + 1}: {TEXT[:90]}",
                start_year=YEAR,
                heading=HEADINGS[number % 3],
            )
            goals.assessment_save(
                actor=None,
                goal=goal,
                period=str(YEAR),
                result=TEXT,
                analysis=TEXT[:120],
                rating=ratings[(region + number) % len(ratings)],
            )
    return network


def measure(step: Callable[[], bytes], runs: int) -> tuple[float, float, int]:
    times, size = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        size = len(step())
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from framja.plans.export import plan_export
    from framja.reporting.documents import render_annual_report

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        plan = make_plan()
        network = make_network()
    print(f"Databas: {connection.vendor} ({connection.settings_dict['NAME']})")
    steps: dict[str, Callable[[], bytes]] = {
        "plan, 100 rader, DOCX": lambda: plan_export(plan=plan, fmt="docx")[0],
        "plan, 100 rader, PDF": lambda: plan_export(plan=plan, fmt="pdf")[0],
        "verksamhetsberättelse, 21 regioner, DOCX": lambda: (
            render_annual_report(organisation=network, year=YEAR, fmt="docx").content
        ),
        "verksamhetsberättelse, 21 regioner, PDF": lambda: (
            render_annual_report(organisation=network, year=YEAR, fmt="pdf").content
        ),
    }
    for label, step in steps.items():
        median, fastest, size = measure(step, args.runs)
        print(
            f"  {label:<42} median {median:7.0f} ms   snabbast {fastest:7.0f} ms   "
            f"{size / 1024:6.0f} kB"
        )


if __name__ == "__main__":
    main()
