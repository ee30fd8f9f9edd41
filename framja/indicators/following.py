"""Indicators an organisation or a plan follows ("Val av indikatorer"), with their latest
result beside the baseline and the target."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from framja.charts.data import Point, TimeSeriesChart
from framja.core import audit
from framja.core.sql import Row, Statement, joined_read, read_together
from framja.indicators.models import (
    Direction,
    IndicatorSelection,
    IndicatorValue,
)
from framja.indicators.selectors import time_series_from_points
from framja.organisations.models import AccessLevel, Organisation
from framja.organisations.selectors import access_level

if TYPE_CHECKING:
    from framja.accounts.models import User
    from framja.organisations.selectors import AnyUser
    from framja.plans.models import Plan

SELECTION_FIELDS = {
    "baseline_value",
    "baseline_period",
    "target_value",
    "target_year",
    "note",
}


@transaction.atomic
def selection_create(
    *,
    actor: User | None,
    organisation: Organisation,
    indicator: Any,
    place: Any,
    sex: str = "T",
    plan: Plan | None = None,
    **fields: Any,
) -> IndicatorSelection:
    """Start following an indicator for a place and sex, for the organisation or one plan."""
    unknown = set(fields) - SELECTION_FIELDS
    if unknown:
        raise TypeError(f"Unknown selection fields: {sorted(unknown)}")
    if plan is not None and plan.organisation_id != organisation.pk:
        raise ValidationError(_("Planen hör inte till organisationen."))
    if sex != "T" and not indicator.by_sex:
        raise ValidationError(
            _("%(name)s redovisas inte per kön; välj totalt.") % {"name": indicator.name}
        )
    duplicate = IndicatorSelection.objects.filter(
        organisation=organisation, plan=plan, indicator=indicator, place=place, sex=sex
    )
    if duplicate.exists():
        raise ValidationError(_("Indikatorn följs redan för den platsen och det könet här."))
    selection = IndicatorSelection(
        organisation=organisation, plan=plan, indicator=indicator, place=place, sex=sex, **fields
    )
    selection.full_clean(validate_constraints=False)
    selection.save()
    audit.record_create(actor=actor, instance=selection, organisation=organisation)
    return selection


@transaction.atomic
def selection_delete(*, actor: User | None, selection: IndicatorSelection) -> None:
    audit.record_delete(actor=actor, instance=selection, organisation=selection.organisation)
    selection.delete()


def selection_get_for_editor(*, user: AnyUser, pk: int) -> IndicatorSelection:
    try:
        selection = IndicatorSelection.objects.select_related("organisation").get(pk=pk)
    except IndicatorSelection.DoesNotExist:
        raise Http404 from None
    if access_level(user=user, organisation=selection.organisation) < AccessLevel.EDITOR:
        raise PermissionDenied
    return selection


class FollowedValue(NamedTuple):
    """A value of a followed indicator, as its table and chart show it."""

    period: str
    value: float | None
    status: str


@dataclass
class FollowedIndicator:
    selection: IndicatorSelection
    latest: FollowedValue | None
    history: list[FollowedValue] = field(default_factory=list)  # by period, oldest first

    def chart(self) -> TimeSeriesChart | None:
        """The selection's values over time as a chart, or None if it has no values yet."""
        if not self.history:
            return None
        s = self.selection
        points = [Point(v.period, v.value, v.status) for v in self.history]
        return time_series_from_points(indicator=s.indicator, place=s.place, points={s.sex: points})

    @property
    def towards_target(self) -> str:
        """Where the latest result stands against the target, in words ("" if unknown)."""
        s = self.selection
        direction = s.indicator.direction
        if self.latest is None or self.latest.value is None or s.target_value is None:
            return ""
        if direction not in (Direction.HIGHER, Direction.LOWER):
            return ""
        reached = (
            self.latest.value >= s.target_value
            if direction == Direction.HIGHER
            else self.latest.value <= s.target_value
        )
        return _("målet nått") if reached else _("målet inte nått")


SELECTION_RELATIONS = ("indicator", "indicator__source", "place", "plan", "organisation")


def followed_statement(
    *, organisation: Organisation | None = None, plan_id: int | None = None
) -> Statement:
    """Return the statement reading the organisation's (or the plan's, or with neither
    every) selections with what they show, for a page to read with its other statements
    (``read_together``). Give its rows to ``followed_from_rows``."""
    where, params = "1 = 1", []
    if plan_id is not None:
        where, params = "t0.plan_id = %s", [plan_id]
    elif organisation is not None:
        where, params = "t0.organisation_id = %s", [organisation.pk]
    read = joined_read(IndicatorSelection, SELECTION_RELATIONS, connection.vendor)
    return read.statement(f"{where} ORDER BY {{plan}}.year, {{indicator}}.name, t0.id", params)


def followed_indicators(
    *, organisation: Organisation | None = None, plan: Plan | None = None
) -> list[FollowedIndicator]:
    """The organisation's (or the plan's) followed indicators with their latest values.

    Two plain queries whatever the number of selections or values: the selections with what
    they show, then every value of their indicators for their places, from which the latest
    per key is kept.
    """
    statement = followed_statement(
        organisation=organisation, plan_id=plan.pk if plan is not None else None
    )
    (rows,) = read_together([statement])
    return followed_from_rows(rows)


def followed_from_rows(rows: list[Row]) -> list[FollowedIndicator]:
    """Return the followed indicators of the selections ``followed_statement`` read, with
    their values (one more query, when there are any)."""
    read = joined_read(IndicatorSelection, SELECTION_RELATIONS, connection.vendor)
    chosen: list[IndicatorSelection] = read.build(rows)  # type: ignore[assignment]
    if not chosen:
        return []
    indicators = sorted({s.indicator_id for s in chosen})
    places = sorted({s.place_id for s in chosen})
    quote = connection.ops.quote_name
    sql = (
        f"SELECT indicator_id, place_id, sex, period, value, status "
        f"FROM {quote(IndicatorValue._meta.db_table)} "
        f"WHERE indicator_id IN ({', '.join(['%s'] * len(indicators))}) "
        f"AND place_id IN ({', '.join(['%s'] * len(places))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*indicators, *places])
        found = cursor.fetchall()
    history: dict[tuple[int, int, str], list[FollowedValue]] = {}
    for indicator_id, place_id, sex, period, number, status in found:
        history.setdefault((indicator_id, place_id, sex), []).append(
            FollowedValue(period, number, status)
        )
    result = []
    for s in chosen:
        series = sorted(
            history.get((s.indicator_id, s.place_id, s.sex), []), key=lambda v: v.period
        )
        result.append(FollowedIndicator(s, series[-1] if series else None, series))
    return result
