"""Reads of action plans, scoped to what the user may see.

Drafts and plans out for anchoring: the owning organisation's readers and the administrators
above it. Adopted and archived plans: every logged-in user. Published plans: everyone.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from framja.catalog.models import PatientPromise, PublicHealthTargetArea
from framja.core.concurrency import edit_token
from framja.organisations.models import AccessLevel, Organisation
from framja.organisations.selectors import access_level
from framja.plans.models import (
    Activity,
    Plan,
    PlanRevision,
    PlanRow,
    PlanSection,
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
    # Empty when read without links (plan_views(links=False)).
    promises: list[PatientPromise] = field(default_factory=list)
    areas: list[PublicHealthTargetArea] = field(default_factory=list)

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
    """Return the plan's rows with activities, statuses and late activities, in 5 queries."""
    return plan_views(plans=[plan], today=today)[0]


def plan_views(
    *, plans: list[Plan], today: datetime.date | None = None, links: bool = True
) -> list[PlanView]:
    """Return a view of each plan, reading all their rows in a fixed number of queries.

    ``links`` False leaves out the rows' patient promises and target areas, for a page that
    does not show them (the many-to-many prefetch costs as much as the rest together).
    """
    today = today or timezone.localdate()
    # Each relation is read into a list attribute (to_attr): cheaper than a related manager
    # per row and relation, which is what reading a prefetched relation through .all() costs.
    links_prefetch = [
        Prefetch("patient_promises", to_attr="promise_list"),
        Prefetch("target_areas", to_attr="area_list"),
    ]
    rows = (
        PlanRow.objects.filter(plan__in=plans)
        .select_related("effort_area", "effort_area__parent")
        .prefetch_related(
            *(links_prefetch if links else []),
            Prefetch(
                "activities",
                queryset=Activity.objects.order_by("order", "id"),
                to_attr="activity_list",
            ),
            Prefetch(
                "statuses",
                queryset=StatusEntry.objects.select_related("set_by").order_by("-date", "-id"),
                to_attr="status_list",
            ),
        )
        .order_by("order", "id")
    )
    by_plan: dict[int, list[RowView]] = {plan.pk: [] for plan in plans}
    years = {plan.pk: plan.year for plan in plans}
    for row in rows:
        activities: list[Activity] = row.activity_list
        by_plan[row.plan_id].append(
            RowView(
                row=row,
                activities=activities,
                statuses=row.status_list,
                late=[a for a in activities if a.is_late(years[row.plan_id], today)],
                promises=getattr(row, "promise_list", []),
                areas=getattr(row, "area_list", []),
            )
        )
    return [PlanView(plan=plan, rows=by_plan[plan.pk]) for plan in plans]


@dataclass
class Rollup:
    """The plans of an organisation's sub-organisations for a year, side by side."""

    organisation: Organisation
    year: int | None
    years: list[int]
    plans: list[PlanView]

    @property
    def status_counts(self) -> list[tuple[str, int]]:
        counts: Counter[str] = Counter()
        for view in self.plans:
            counts.update(r.current.rating if r.current else "" for r in view.rows)
        return [(str(rating.label), counts[rating.value]) for rating in Rating if counts[rating]]

    @property
    def unrated(self) -> int:
        return sum(view.unrated for view in self.plans)

    @property
    def late_count(self) -> int:
        return sum(view.late_count for view in self.plans)

    @property
    def row_count(self) -> int:
        return sum(len(view.rows) for view in self.plans)


def rollup(*, user: AnyUser, organisation: Organisation, year: int | None = None) -> Rollup:
    """Return the visible plans of every organisation below this one (RAGs, theme groups …)."""
    below = Plan.objects.filter(organisation__path__startswith=organisation.path).exclude(
        organisation=organisation
    )
    visible = plan_filter_visible(user=user, queryset=below)
    years = sorted(set(visible.values_list("year", flat=True)), reverse=True)
    chosen = year if year in years else (years[0] if years else None)
    chosen_plans = visible.filter(year=chosen) if chosen is not None else visible.none()
    plans = list(
        chosen_plans.exclude(state=PlanState.ARCHIVED)
        .select_related("organisation")
        .order_by("organisation__name", "id")
    )
    return Rollup(
        organisation=organisation,
        year=chosen,
        years=years,
        plans=plan_views(plans=plans, links=False),
    )


@dataclass
class CoverageLine:
    """A patient promise or target area, and the plan rows that work towards it."""

    item: Any
    rows: list[tuple[Plan, PlanRow]]

    @property
    def is_gap(self) -> bool:
        return not self.rows


@dataclass
class Coverage:
    promises: list[CoverageLine]
    target_areas: list[CoverageLine]

    @property
    def gaps(self) -> int:
        return sum(1 for line in [*self.promises, *self.target_areas] if line.is_gap)


def coverage(*, organisation: Organisation, plans: list[Plan]) -> Coverage:
    """Return promises × rows and target areas × rows; an item with no row is a gap.

    The promises are those of the health-care regions above the organisation (the only ones
    its plans can promise); the target areas are the national ones.
    """
    ancestors = [*organisation.ancestor_ids, organisation.pk]
    promises = list(
        PatientPromise.objects.valid()
        .filter(owner_id__in=ancestors)
        .order_by("owner__name", "order", "id")
    )
    areas = list(PublicHealthTargetArea.objects.valid().order_by("number"))
    rows = list(
        PlanRow.objects.filter(plan__in=plans)
        .select_related("plan")
        .prefetch_related("patient_promises", "target_areas")
        .order_by("plan__year", "plan_id", "order", "id")
    )
    by_promise: dict[int, list[tuple[Plan, PlanRow]]] = {p.pk: [] for p in promises}
    by_area: dict[int, list[tuple[Plan, PlanRow]]] = {a.pk: [] for a in areas}
    for row in rows:
        for promise in row.patient_promises.all():
            by_promise.setdefault(promise.pk, []).append((row.plan, row))
        for area in row.target_areas.all():
            by_area.setdefault(area.pk, []).append((row.plan, row))
    return Coverage(
        promises=[CoverageLine(p, by_promise[p.pk]) for p in promises],
        target_areas=[CoverageLine(a, by_area[a.pk]) for a in areas],
    )


def plans_for_coverage(
    *, user: AnyUser, organisation: Organisation, year: int | None
) -> tuple[list[Plan], list[int], int | None]:
    """Return the visible, current plans of the organisation and everything below it."""
    queryset = plan_filter_visible(
        user=user,
        queryset=Plan.objects.filter(organisation__path__startswith=organisation.path),
    ).exclude(state=PlanState.ARCHIVED)
    years = sorted(set(queryset.values_list("year", flat=True)), reverse=True)
    chosen = year if year in years else (years[0] if years else None)
    chosen_plans = queryset.filter(year=chosen) if chosen is not None else queryset.none()
    return list(chosen_plans.select_related("organisation")), years, chosen


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


def section_get_for_editor(*, user: AnyUser, pk: int) -> PlanSection:
    try:
        section = PlanSection.objects.select_related("plan").get(pk=pk)
    except PlanSection.DoesNotExist:
        raise Http404 from None
    section.plan = plan_get_for_editor(user=user, pk=section.plan_id)
    return section


def activity_get_for_editor(*, user: AnyUser, pk: int) -> Activity:
    try:
        activity = Activity.objects.select_related("row").get(pk=pk)
    except Activity.DoesNotExist:
        raise Http404 from None
    activity.row = row_get_for_editor(user=user, pk=activity.row_id)
    return activity


def plan_edit_token(plan: Plan) -> str:
    """Return the token of the plan's details and focus areas, as the edit form shows them."""
    focus = list(plan.focus_areas.order_by("order", "id").values_list("text", flat=True))
    return edit_token(plan, extra=focus)
