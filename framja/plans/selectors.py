"""Reads of action plans, scoped to what the user may see.

Drafts and plans out for anchoring: the owning organisation's readers and the administrators
above it. Adopted and archived plans: every logged-in user. Published plans: everyone.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from framja.organisations.models import AccessLevel, Organisation
from framja.organisations.selectors import access_level
from framja.plans.models import (
    Activity,
    Plan,
    PlanRevision,
    PlanRow,
    PlanState,
    Rating,
    StatusEntry,
)

if TYPE_CHECKING:
    from framja.organisations.selectors import AnyUser

OPEN_STATES = (PlanState.ADOPTED, PlanState.ARCHIVED)


def plan_is_visible(*, user: AnyUser, plan: Plan) -> bool:
    if plan.published and plan.state in OPEN_STATES:
        return True
    if not user.is_authenticated:
        return False
    if plan.state in OPEN_STATES:
        return True
    return access_level(user=user, organisation=plan.organisation) >= AccessLevel.READER


def plan_may_edit(*, user: AnyUser, plan: Plan) -> bool:
    """Return whether the user may change the plan's content (rows, activities, texts)."""
    return plan.is_editable and (
        access_level(user=user, organisation=plan.organisation) >= AccessLevel.EDITOR
    )


def plan_may_follow_up(*, user: AnyUser, plan: Plan) -> bool:
    """Return whether the user may set statuses and mark activities done."""
    return plan.state != PlanState.ARCHIVED and (
        access_level(user=user, organisation=plan.organisation) >= AccessLevel.EDITOR
    )


def plan_get_for_user(*, user: AnyUser, pk: int) -> Plan:
    """Return the plan if the user may see it; 404 if it does not exist, 403 if hidden."""
    try:
        plan = Plan.objects.select_related(
            "organisation", "organisation__parent", "adopted_by", "predecessor"
        ).get(pk=pk)
    except Plan.DoesNotExist:
        raise Http404 from None
    if not plan_is_visible(user=user, plan=plan):
        raise PermissionDenied
    return plan


def plan_get_for_editor(*, user: AnyUser, pk: int, follow_up: bool = False) -> Plan:
    plan = plan_get_for_user(user=user, pk=pk)
    allowed = plan_may_follow_up if follow_up else plan_may_edit
    if not allowed(user=user, plan=plan):
        raise PermissionDenied
    return plan


def row_get_for_editor(*, user: AnyUser, pk: int, follow_up: bool = False) -> PlanRow:
    try:
        row = PlanRow.objects.select_related("plan").get(pk=pk)
    except PlanRow.DoesNotExist:
        raise Http404 from None
    row.plan = plan_get_for_editor(user=user, pk=row.plan_id, follow_up=follow_up)
    return row


def activity_get_for_follow_up(*, user: AnyUser, pk: int) -> Activity:
    try:
        activity = Activity.objects.select_related("row").get(pk=pk)
    except Activity.DoesNotExist:
        raise Http404 from None
    activity.row = row_get_for_editor(user=user, pk=activity.row_id, follow_up=True)
    return activity


def plans_for_organisation(*, user: AnyUser, organisation: Organisation) -> list[Plan]:
    """Return the organisation's plans the user may see, newest year first."""
    queryset: QuerySet[Plan] = Plan.objects.filter(organisation=organisation).order_by(
        "-year", "-id"
    )
    if access_level(user=user, organisation=organisation) >= AccessLevel.READER:
        return list(queryset)
    if user.is_authenticated:
        return list(queryset.filter(state__in=OPEN_STATES))
    return list(queryset.filter(state__in=OPEN_STATES, published=True))


@dataclass
class RowView:
    """A plan row with what the plan page shows beside it."""

    row: PlanRow
    activities: list[Activity]
    statuses: list[StatusEntry]
    late: list[Activity] = field(default_factory=list)

    @property
    def current(self) -> StatusEntry | None:
        return self.statuses[0] if self.statuses else None


@dataclass
class PlanView:
    plan: Plan
    rows: list[RowView]

    @property
    def status_counts(self) -> list[tuple[str, int]]:
        counts = Counter(r.current.rating if r.current else "" for r in self.rows)
        return [(str(rating.label), counts[rating.value]) for rating in Rating if counts[rating]]

    @property
    def unrated(self) -> int:
        return sum(1 for r in self.rows if r.current is None)

    @property
    def late_count(self) -> int:
        return sum(len(r.late) for r in self.rows)


def plan_view(*, plan: Plan, today: datetime.date | None = None) -> PlanView:
    """Return the plan's rows with activities, statuses and late activities, in 6 queries."""
    today = today or timezone.localdate()
    rows = (
        PlanRow.objects.filter(plan=plan)
        .select_related("effort_area", "effort_area__parent")
        .prefetch_related(
            "patient_promises",
            "target_areas",
            Prefetch("activities", queryset=Activity.objects.order_by("order", "id")),
            Prefetch(
                "statuses",
                queryset=StatusEntry.objects.select_related("set_by").order_by("-date", "-id"),
            ),
        )
        .order_by("order", "id")
    )
    views = []
    for row in rows:
        activities = list(row.activities.all())
        views.append(
            RowView(
                row=row,
                activities=activities,
                statuses=list(row.statuses.all()),
                late=[a for a in activities if a.is_late(plan.year, today)],
            )
        )
    return PlanView(plan=plan, rows=views)


def plan_filter_visible(*, user: AnyUser, queryset: QuerySet[Plan]) -> QuerySet[Plan]:
    """Narrow a queryset of plans to those the user may see (for lists and the API)."""
    if user.is_authenticated and user.is_superuser:
        return queryset
    public = Q(state__in=OPEN_STATES, published=True)
    if not user.is_authenticated:
        return queryset.filter(public)
    readable = [
        org.pk
        for org in Organisation.objects.filter(plans__in=queryset).distinct()
        if access_level(user=user, organisation=org) >= AccessLevel.READER
    ]
    return queryset.filter(Q(state__in=OPEN_STATES) | Q(organisation__in=readable))


def plan_may_manage(*, user: AnyUser, plan: Plan) -> bool:
    """Return whether the user may move the plan through its workflow."""
    return access_level(user=user, organisation=plan.organisation) >= AccessLevel.EDITOR


def plan_get_for_manager(*, user: AnyUser, pk: int) -> Plan:
    plan = plan_get_for_user(user=user, pk=pk)
    if not plan_may_manage(user=user, plan=plan):
        raise PermissionDenied
    return plan


def bodies_for_plan(*, plan: Plan) -> QuerySet[Organisation]:
    """Return the organisations that may anchor or adopt the plan: those in its own tree."""
    root = plan.organisation.path.strip("/").split("/")[0]
    return Organisation.objects.filter(path__startswith=f"/{root}/").order_by("depth", "name")


def revision_list(*, plan: Plan) -> list[PlanRevision]:
    return list(plan.revisions.select_related("created_by").order_by("created_at", "id"))
