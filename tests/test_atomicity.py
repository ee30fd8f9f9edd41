"""Imports and multi-step saves are all or nothing.

Each test makes a later step fail after earlier steps have written rows and history, and
checks that every table, the history included, is exactly as before (row counts and a hash
of every row, the same summary the backup round trip compares).
"""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from framja.core import audit
from framja.core.backup import database_summary
from framja.core.models import AuditEvent
from framja.goals.models import GoalRating
from framja.goals.services import goal_create
from framja.indicators import bulk
from framja.indicators.models import DataSource, Indicator, IndicatorValue
from framja.indicators.services import import_values_file
from framja.organisations import services as organisation_services
from framja.organisations.models import Person
from framja.plans import services as plans
from framja.plans.export import plan_export
from framja.plans.importer import create_plan_from_import, parse_plan_docx
from framja.plans.models import Plan, PlanRow, Rating
from framja.reporting import services as reporting
from framja.reporting.models import RoundState

pytestmark = pytest.mark.django_db


class Injected(Exception):
    """The failure a test injects."""


def fail_on_call(monkeypatch, owner: Any, name: str, call: int) -> list[int]:
    """Make ``owner.name`` raise on its ``call``-th call; return the list of calls made."""
    original: Callable[..., Any] = getattr(owner, name)
    calls: list[int] = []

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == call:
            raise Injected(f"{name}, call {call}")
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return calls


def plan_with_rows(world, rows: int = 3) -> Plan:
    plan = plans.plan_create(actor=world["bob"], organisation=world["rpo"], year=2024, title="HP")
    for number in range(1, rows + 1):
        row = plans.row_create(actor=world["bob"], plan=plan, title=f"Rad {number}")
        plans.activity_create(actor=world["bob"], row=row, text=f"Aktivitet {number}")
        plans.status_add(
            actor=world["bob"],
            row=row,
            rating=Rating.ON_TRACK,
            comment="",
            date=datetime.date(2024, 6, 1),
        )
    return plan


def test_a_plan_import_that_fails_half_way_leaves_nothing(world, monkeypatch):
    # given a Word plan of three rows, each with an activity and a status
    data, _type, _name = plan_export(plan=plan_with_rows(world), fmt="docx")
    parsed = parse_plan_docx(data, file_name="hp.docx", organisation=world["rpo"])
    assert len(parsed.rows) == 3
    before = database_summary()
    # the third activity fails, after the plan, its rows, statuses and history are written
    calls = fail_on_call(monkeypatch, plans, "activity_create", 3)

    # when
    with pytest.raises(Injected):
        create_plan_from_import(
            actor=world["bob"], organisation=world["rpo"], parsed=parsed, year=2025, title="Ny"
        )

    # then
    assert len(calls) == 3
    assert database_summary() == before
    assert not Plan.objects.filter(year=2025).exists()


def test_copying_a_plan_to_next_year_that_fails_half_way_leaves_nothing(world, monkeypatch):
    # given
    plan = plan_with_rows(world)
    before = database_summary()
    rows, events = PlanRow.objects.count(), AuditEvent.objects.count()
    calls = fail_on_call(monkeypatch, plans, "activity_create", 2)

    # when
    with pytest.raises(Injected):
        plans.plan_create_next_year(actor=world["bob"], plan=plan)

    # then
    assert len(calls) == 2
    assert (PlanRow.objects.count(), AuditEvent.objects.count()) == (rows, events)
    assert database_summary() == before


def test_closing_a_round_that_fails_at_the_end_freezes_nothing(world, monkeypatch):
    # given an open round with two participants, one of which has reported
    goal = goal_create(actor=None, organisation=world["rpo"], text="Fler samtal", start_year=2024)
    reporting_round = reporting.round_open(
        actor=world["alice"],
        organisation=world["rpo"],
        title="Hösten 2024",
        period="2024H2",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        participants=[world["rag"], world["rpo"]],
        include_feedback=True,
    )
    submission = reporting_round.submissions.get(organisation=world["rpo"])
    reporting.submission_save(
        actor=world["bob"],
        submission=submission,
        summary="Klart",
        assessments=[reporting.AssessmentInput(goal, GoalRating.ACHIEVED, "Gjort", "")],
        ready=True,
    )
    before = database_summary()
    # the history of the closing fails, after both submissions are frozen and the round saved
    fail_on_call(monkeypatch, audit, "record_update", 1)

    # when
    with pytest.raises(Injected):
        reporting.round_close(actor=world["alice"], reporting_round=reporting_round)

    # then
    assert database_summary() == before
    reporting_round.refresh_from_db()
    assert reporting_round.state == RoundState.OPEN
    assert all(s.snapshot is None for s in reporting_round.submissions.all())


def test_a_value_import_failing_after_writing_leaves_the_old_values(world, monkeypatch, tmp_path):
    # given an indicator with values from an earlier file
    indicator = Indicator.objects.create(
        code="n1", name="N1", source=DataSource.objects.get(name="Kolada")
    )
    header = "indikator;plats;period;kön;värde;status\n"
    first = tmp_path / "forsta.csv"
    first.write_text(header + "n1;0012;2023;T;1;\nn1;0012;2024;T;2;\n", encoding="utf-8")
    import_values_file(path=first, file_name="forsta.csv", user=None)
    second = tmp_path / "andra.csv"
    second.write_text(
        header + "".join(f"n1;{code};2024;T;{i};\n" for i, code in enumerate(["0001", "0012"])),
        encoding="utf-8",
    )
    before = database_summary()
    # refreshing the indicator's totals after the upsert fails: the new values are written
    # by then
    calls = fail_on_call(monkeypatch, bulk, "totals_refresh", 1)

    # when
    with pytest.raises(Injected):
        import_values_file(path=second, file_name="andra.csv", user=None)

    # then
    assert len(calls) == 1
    assert database_summary() == before
    assert sorted(IndicatorValue.objects.filter(indicator=indicator).values_list("value")) == [
        (1.0,),
        (2.0,),
    ]
    indicator.refresh_from_db()
    assert (indicator.value_count, indicator.first_period, indicator.last_period) == (
        2,
        "2023",
        "2024",
    )


def test_a_new_person_whose_role_is_refused_is_not_saved(world, monkeypatch):
    # given the role is refused after the new person has been written
    def refuse(**kwargs: Any) -> None:
        raise ValidationError("Rollen nekas")

    monkeypatch.setattr(organisation_services, "membership_start", refuse)
    client = Client()
    client.force_login(world["alice"])
    before = database_summary()

    # when
    response = client.post(
        reverse("organisations:membership_add", kwargs={"slug": "rpo-test"}),
        {"new_person_name": "Ny Person", "role": "member", "start": "2024-01-01"},
    )

    # then
    assert response.status_code == 200
    assert "Rollen nekas" in response.content.decode()
    assert not Person.objects.filter(name="Ny Person").exists()
    assert database_summary() == before
