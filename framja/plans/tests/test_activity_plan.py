"""Each activity names its row's plan too, whatever writes it: the roll-up finds a plan's
activities through that key."""

import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command

from framja.plans import services
from framja.plans.models import Activity, PlanRow, Rating, StatusEntry

fill = importlib.import_module("framja.plans.migrations.0006_activity_plan")


@pytest.fixture
def plans(world):
    return [
        services.plan_create(actor=None, organisation=world["rpo"], year=2024, title=title)
        for title in ("HP A", "HP B")
    ]


def test_an_activity_added_to_a_row_has_the_rows_plan(world, plans):
    row = services.row_create(actor=None, plan=plans[1], title="Rad")

    activity = services.activity_create(actor=None, row=row, text="Bjuda in")

    activity.refresh_from_db()
    assert activity.plan == plans[1]


def test_an_activity_saved_without_a_plan_takes_the_rows(world, plans):
    row = services.row_create(actor=None, plan=plans[0], title="Rad")

    activity = Activity(row=row, text="Sparad direkt")
    activity.save()

    assert Activity.objects.get(pk=activity.pk).plan_id == plans[0].pk


def test_next_years_copy_gives_its_activities_the_new_plan(world, plans):
    # given a plan with an unfinished activity
    row = services.row_create(actor=None, plan=plans[0], title="Rad")
    services.activity_create(actor=None, row=row, text="Fortsätter")

    # when
    successor = services.plan_create_next_year(actor=world["bob"], plan=plans[0])

    # then
    [copy] = Activity.objects.filter(row__plan=successor)
    assert copy.plan == successor


def test_the_migration_gives_every_activity_its_rows_plan(world, plans):
    # given activities whose plan key is wrong (written around the models)
    rows = [services.row_create(actor=None, plan=plan, title="Rad") for plan in plans]
    for row in rows:
        services.activity_create(actor=None, row=row, text="Ett")
        services.activity_create(actor=None, row=row, text="Två")
    Activity.objects.update(plan=plans[0])

    # when
    fill.fill_plan(apps, None)

    # then
    assert sorted(Activity.objects.values_list("row__plan_id", "plan_id")) == sorted(
        [(plan.pk, plan.pk) for plan in plans for _ in range(2)]
    )


fill_copies = importlib.import_module("framja.plans.migrations.0008_fill_row_activity_copies")


def copies(row: PlanRow) -> tuple[datetime.date | None, bool]:
    row.refresh_from_db(fields=["open_end", "open_whole_year"])
    return row.open_end, row.open_whole_year


def expected(row: PlanRow) -> tuple[datetime.date | None, bool]:
    """Return the copies as the row's activities say them, read one by one."""
    unfinished = [a for a in Activity.objects.filter(row=row) if not a.done]
    ends = [a.end for a in unfinished if a.end is not None]
    return min(ends, default=None), any(a.whole_year and a.end is None for a in unfinished)


def test_the_rows_copies_follow_every_write_of_its_activities(world, plans):
    # given
    row = services.row_create(actor=None, plan=plans[0], title="Rad")
    assert copies(row) == (None, False)

    # when activities are added, one for the whole year
    march = services.activity_create(
        actor=None, row=row, text="Mars", end=datetime.date(2024, 3, 31)
    )
    services.activity_create(actor=None, row=row, text="Juni", end=datetime.date(2024, 6, 30))
    whole = services.activity_create(actor=None, row=row, text="Hela året", whole_year=True)
    # then
    assert copies(row) == (datetime.date(2024, 3, 31), True) == expected(row)

    # when the earliest is done and the whole-year one gets an end
    services.activity_set_done(actor=None, activity=march, done=True)
    services.activity_update(actor=None, activity=whole, end=datetime.date(2024, 5, 1))
    # then
    assert copies(row) == (datetime.date(2024, 5, 1), False) == expected(row)

    # when it is undone again
    services.activity_set_done(actor=None, activity=march, done=False)
    assert copies(row) == (datetime.date(2024, 3, 31), False) == expected(row)


def test_the_migration_fills_the_rows_copies_from_the_activities(world, plans):
    # given activities whose rows' copies are wrong (written around the services)
    rows = [services.row_create(actor=None, plan=plans[0], title=f"Rad {i}") for i in range(3)]
    services.activity_create(actor=None, row=rows[0], text="A", end=datetime.date(2024, 4, 1))
    services.activity_create(actor=None, row=rows[0], text="B", whole_year=True)
    done = services.activity_create(
        actor=None, row=rows[1], text="C", end=datetime.date(2024, 2, 1)
    )
    services.activity_set_done(actor=None, activity=done, done=True)
    PlanRow.objects.update(open_end=datetime.date(2000, 1, 1), open_whole_year=True)

    # when
    fill_copies.fill_activity_copies(apps, None)

    # then
    assert [copies(row) for row in rows] == [expected(row) for row in rows]
    assert [copies(row) for row in rows] == [
        (datetime.date(2024, 4, 1), True),
        (None, False),
        (None, False),
    ]


def test_plans_recount_stores_every_copy_again_after_changes_around_the_services(world, plans):
    # given rows and activities changed in the database, around the services
    row = services.row_create(actor=None, plan=plans[0], title="Rad")
    services.status_add(actor=None, row=row, rating=Rating.DELAYED, date=datetime.date(2024, 5, 1))
    activity = services.activity_create(
        actor=None, row=row, text="A", end=datetime.date(2024, 4, 1)
    )
    Activity.objects.filter(pk=activity.pk).update(end=datetime.date(2024, 2, 1), plan=plans[1])
    StatusEntry.objects.filter(row=row).update(rating=Rating.DONE)

    # when the operator recounts
    out = io.StringIO()
    call_command("plans-recount", stdout=out)

    # then
    row.refresh_from_db()
    assert (row.status_rating, row.open_end, row.open_whole_year) == (
        Rating.DONE,
        datetime.date(2024, 2, 1),
        False,
    )
    assert Activity.objects.get(pk=activity.pk).plan == plans[0]
    assert out.getvalue() == "Klart: 1 rad är omräknad.\n"
