"""Each row's copy of its current status stays the latest entry, whatever writes the entries."""

import datetime
import importlib

import pytest
from django.apps import apps

from framja.plans import services
from framja.plans.models import PlanRow, Rating, StatusEntry

fill = importlib.import_module("framja.plans.migrations.0005_row_current_status")


@pytest.fixture
def plan(world):
    return services.plan_create(actor=None, organisation=world["rpo"], year=2024, title="HP")


def copied(row: PlanRow) -> tuple[str, datetime.date | None]:
    row.refresh_from_db(fields=["status_rating", "status_date"])
    return row.status_rating, row.status_date


def latest(row: PlanRow) -> tuple[str, datetime.date | None]:
    """Return the current status as the plan page picks it: the latest by date, then id."""
    entry = StatusEntry.objects.filter(row=row).order_by("-date", "-id").first()
    return (entry.rating, entry.date) if entry else ("", None)


def test_a_row_without_statuses_has_none(world, plan):
    row = services.row_create(actor=None, plan=plan, title="Rad")

    assert copied(row) == ("", None)


def test_adding_statuses_keeps_the_latest_by_date_then_id(world, plan):
    # given
    row = services.row_create(actor=None, plan=plan, title="Rad")
    june, march = datetime.date(2024, 6, 1), datetime.date(2024, 3, 1)

    # when / then: a newer status becomes the current one
    services.status_add(actor=None, row=row, rating=Rating.ON_TRACK, date=june)
    assert copied(row) == (Rating.ON_TRACK, june)
    # an older one, added later, does not
    services.status_add(actor=None, row=row, rating=Rating.DELAYED, date=march)
    assert copied(row) == (Rating.ON_TRACK, june)
    # one on the same date, added later, does
    services.status_add(actor=None, row=row, rating=Rating.AT_RISK, date=june)
    assert copied(row) == (Rating.AT_RISK, june)
    assert copied(row) == latest(row)


def test_a_refresh_follows_changed_and_deleted_entries(world, plan):
    # given two rows with statuses
    first = services.row_create(actor=None, plan=plan, title="Första")
    second = services.row_create(actor=None, plan=plan, title="Andra")
    old = services.status_add(
        actor=None, row=first, rating=Rating.ON_TRACK, date=datetime.date(2024, 2, 1)
    )
    new = services.status_add(
        actor=None, row=first, rating=Rating.DELAYED, date=datetime.date(2024, 5, 1)
    )
    only = services.status_add(
        actor=None, row=second, rating=Rating.DONE, date=datetime.date(2024, 4, 1)
    )

    # when the older entry is moved past the newer one, then refreshed
    StatusEntry.objects.filter(pk=old.pk).update(date=datetime.date(2024, 9, 1))
    services.row_status_refresh(rows=PlanRow.objects.filter(plan=plan))
    # then
    assert copied(first) == (Rating.ON_TRACK, datetime.date(2024, 9, 1))

    # when entries are deleted, then refreshed
    StatusEntry.objects.filter(pk__in=[old.pk, only.pk]).delete()
    services.row_status_refresh(rows=PlanRow.objects.filter(plan=plan))
    # then the first row is back at its other entry and the second has none
    assert copied(first) == (new.rating, new.date)
    assert copied(second) == ("", None)


def test_the_migration_fills_the_copies_from_the_entries(world, plan):
    # given entries written in bulk, without the copies
    rows = [services.row_create(actor=None, plan=plan, title=f"Rad {i}") for i in range(3)]
    StatusEntry.objects.bulk_create(
        [
            StatusEntry(row=rows[0], rating=Rating.ON_TRACK, date=datetime.date(2024, 1, 1)),
            StatusEntry(row=rows[0], rating=Rating.AT_RISK, date=datetime.date(2024, 8, 1)),
            StatusEntry(row=rows[1], rating=Rating.DONE, date=datetime.date(2024, 3, 1)),
        ]
    )
    assert [copied(row) for row in rows] == [("", None)] * 3

    # when
    fill.fill_current_status(apps, None)

    # then
    assert [copied(row) for row in rows] == [latest(row) for row in rows]
    assert copied(rows[0]) == (Rating.AT_RISK, datetime.date(2024, 8, 1))
