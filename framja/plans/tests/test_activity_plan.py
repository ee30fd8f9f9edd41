"""Each activity names its row's plan too, whatever writes it: the roll-up finds a plan's
activities through that key."""

import importlib

import pytest
from django.apps import apps

from framja.plans import services
from framja.plans.models import Activity

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
