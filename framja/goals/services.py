"""Writes to goals and their assessments. Each is atomic and audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from framja.core import audit
from framja.core.concurrency import require_unchanged
from framja.core.models import AuditAction
from framja.goals.models import Assessment, Goal, GoalRating

if TYPE_CHECKING:
    from framja.accounts.models import User
    from framja.indicators.models import Indicator
    from framja.organisations.models import Organisation
    from framja.plans.models import PlanRow

GOAL_FIELDS = {"heading", "text", "start_year", "end_year", "example"}


def period_year(period: str) -> int:
    """Return the year a period belongs to: "2019" → 2019, "2024H2" → 2024."""
    head = period.strip()[:4]
    if len(head) != 4 or not head.isdigit():
        raise ValidationError(
            _("Perioden ”%(period)s” ska börja med ett årtal, till exempel 2019 eller 2024H2.")
            % {"period": period}
        )
    return int(head)


def _check_rows(organisation: Organisation, plan_rows: Any) -> None:
    foreign = [row for row in plan_rows if row.plan.organisation_id != organisation.pk]
    if foreign:
        raise ValidationError(
            _("Ett mål kan bara kopplas till rader i organisationens egna planer.")
        )


@transaction.atomic
def goal_create(
    *,
    actor: User | None,
    organisation: Organisation,
    text: str,
    start_year: int,
    plan_rows: list[PlanRow] | None = None,
    indicators: list[Indicator] | None = None,
    **fields: Any,
) -> Goal:
    """Add a goal at the end of the organisation's list."""
    unknown = set(fields) - GOAL_FIELDS
    if unknown:
        raise TypeError(f"Unknown goal fields: {sorted(unknown)}")
    top = Goal.objects.filter(organisation=organisation).aggregate(top=Max("order"))["top"]
    goal = Goal(
        organisation=organisation,
        text=text,
        start_year=start_year,
        order=int(top or 0) + 1,
        **fields,
    )
    goal.full_clean()
    goal.save()
    if plan_rows:
        _check_rows(organisation, plan_rows)
        goal.plan_rows.set(plan_rows)
    if indicators:
        goal.indicators.set(indicators)
    event = audit.record_create(actor=actor, instance=goal, organisation=organisation)
    if indicators:
        event.changes["indicators"] = [None, sorted(str(i) for i in indicators)]
        event.save(update_fields=["changes"])
    return goal


@transaction.atomic
def goal_update(
    *,
    actor: User | None,
    goal: Goal,
    plan_rows: list[PlanRow] | None = None,
    indicators: list[Indicator] | None = None,
    expected_token: str | None = None,
    **fields: Any,
) -> Goal:
    """Change a goal. With ``expected_token``, refuse if anyone saved it since it was read."""
    unknown = set(fields) - GOAL_FIELDS
    if unknown:
        raise TypeError(f"Unknown goal fields: {sorted(unknown)}")
    require_unchanged(goal, expected_token)
    before = audit.snapshot(goal)
    before_rows = sorted(str(row) for row in goal.plan_rows.all())
    before_indicators = sorted(str(i) for i in goal.indicators.all())
    for name, value in fields.items():
        setattr(goal, name, value)
    goal.full_clean()
    goal.save()
    if plan_rows is not None:
        _check_rows(goal.organisation, plan_rows)
        goal.plan_rows.set(plan_rows)
    if indicators is not None:
        goal.indicators.set(indicators)
    changes = audit.diff(before, audit.snapshot(goal))
    after_indicators = sorted(str(i) for i in goal.indicators.all())
    if after_indicators != before_indicators:
        changes["indicators"] = [before_indicators, after_indicators]
    after_rows = sorted(str(row) for row in goal.plan_rows.all())
    if after_rows != before_rows:
        changes["plan_rows"] = [before_rows, after_rows]
    if changes:
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=goal,
            organisation=goal.organisation,
            changes=changes,
        )
    return goal


@transaction.atomic
def goal_delete(*, actor: User | None, goal: Goal) -> None:
    """Remove a goal that has never been assessed; an assessed goal is history and stays."""
    if goal.assessments.exists():
        raise ValidationError(
            _("Målet har bedömningar och kan inte tas bort. Sätt ett slutår i stället.")
        )
    audit.record_delete(actor=actor, instance=goal, organisation=goal.organisation)
    goal.delete()


@transaction.atomic
def goal_move(*, actor: User | None, goal: Goal, up: bool) -> None:
    siblings = list(Goal.objects.filter(organisation=goal.organisation_id).order_by("order", "id"))
    audit.move_in_order(
        actor=actor, items=siblings, item=goal, up=up, organisation=goal.organisation
    )


@transaction.atomic
def assessment_save(
    *,
    actor: User | None,
    goal: Goal,
    period: str,
    result: str = "",
    analysis: str = "",
    rating: str = GoalRating.NOT_ASSESSED,
) -> Assessment:
    """Set the goal's assessment for the period, creating it or changing the one there is."""
    period = period.strip()
    if not goal.applies_to(period_year(period)):
        raise ValidationError(_("Målet gäller inte perioden %(period)s.") % {"period": period})
    assessment = Assessment.objects.filter(goal=goal, period=period).first()
    created = assessment is None
    if assessment is None:
        assessment = Assessment(goal=goal, period=period)
    before = {} if created else audit.snapshot(assessment)
    assessment.result = result
    assessment.analysis = analysis
    assessment.rating = rating
    changed = created or audit.diff(before, audit.snapshot(assessment))
    if not changed:
        return assessment
    assessment.assessed_by = actor if actor is not None and actor.pk else None
    assessment.assessed_by_name = actor.get_full_name() if actor is not None and actor.pk else ""
    assessment.assessed_at = timezone.now()
    assessment.full_clean()
    assessment.save()
    if created:
        audit.record_create(actor=actor, instance=assessment, organisation=goal.organisation)
    else:
        audit.record_update(
            actor=actor, instance=assessment, organisation=goal.organisation, before=before
        )
    return assessment
