"""Reads of action plans, scoped to what the user may see.

Drafts and plans out for anchoring: the owning organisation's readers and the administrators
above it. Adopted and archived plans: every logged-in user. Published plans: everyone.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from framja.catalog.models import PatientPromise, PublicHealthTargetArea
from framja.core.concurrency import edit_token
from framja.organisations.models import AccessLevel, Organisation
from framja.organisations.selectors import access_level
from framja.plans.models import (
    RATING_SYMBOLS,
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


ROLLUP_PAGE_SIZE = 50
# A row needs attention when it has a late activity or its current status is one of these.
ATTENTION_RATINGS = (Rating.AT_RISK, Rating.DELAYED)


class StatusCount(NamedTuple):
    symbol: str
    label: str
    number: int


def _status_counts(counts: dict[str, int]) -> list[StatusCount]:
    return [
        StatusCount(RATING_SYMBOLS[rating], str(rating.label), counts[rating.value])
        for rating in Rating
        if counts.get(rating.value)
    ]


@dataclass
class RollupPlanLine:
    """A plan in the roll-up, its rows counted by current status ("" for rows without one)."""

    plan: Plan
    counts: dict[str, int] = field(default_factory=dict)
    late_count: int = 0
    attention_count: int = 0

    @property
    def row_count(self) -> int:
        return sum(self.counts.values())

    @property
    def unrated(self) -> int:
        return self.counts.get("", 0)

    @cached_property
    def status_counts(self) -> list[StatusCount]:
        return _status_counts(self.counts)


@dataclass
class RollupRow:
    """A row on the shown page of the roll-up, its current status and its late activities' texts."""

    row: PlanRow
    rating: str | None
    rating_date: datetime.date | None
    late: list[str]

    @property
    def symbol(self) -> str:
        return RATING_SYMBOLS[Rating(self.rating)] if self.rating else ""

    @property
    def rating_label(self) -> str:
        return str(Rating(self.rating).label) if self.rating else ""


@dataclass
class RollupPage:
    """One page of the roll-up's rows; ``number`` is already within 1 … ``pages``."""

    number: int
    pages: int
    rows: list[RollupRow]

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def previous(self) -> int:
        return self.number - 1

    @property
    def next(self) -> int:
        return self.number + 1

    @property
    def numbers(self) -> list[int | None]:
        """Return the page numbers to link: the first, the last and two either side of this.

        None stands for a gap of skipped pages.
        """
        near = range(self.number - 2, self.number + 3)
        kept = sorted({n for n in (1, self.pages, *near) if 1 <= n <= self.pages})
        numbers: list[int | None] = []
        for n in kept:
            if numbers and n > (numbers[-1] or 0) + 1:
                numbers.append(None)
            numbers.append(n)
        return numbers


@dataclass
class Rollup:
    """The plans of an organisation's sub-organisations for a year: totals and a page of rows."""

    organisation: Organisation
    year: int | None
    years: list[int]
    plans: list[RollupPlanLine]
    page: RollupPage
    attention_only: bool = False

    @cached_property
    def status_counts(self) -> list[StatusCount]:
        counts: Counter[str] = Counter()
        for line in self.plans:
            counts.update(line.counts)
        return _status_counts(counts)

    @property
    def unrated(self) -> int:
        return sum(line.unrated for line in self.plans)

    @property
    def late_count(self) -> int:
        return sum(line.late_count for line in self.plans)

    @property
    def row_count(self) -> int:
        return sum(line.row_count for line in self.plans)

    @property
    def attention_count(self) -> int:
        return sum(line.attention_count for line in self.plans)

    @property
    def shown_count(self) -> int:
        """Return how many rows the paged table holds in all, with the filter if chosen."""
        return self.attention_count if self.attention_only else self.row_count


def _latest_status(field: str, *, row: str = "pk") -> Subquery:
    """Return the field of the latest status of the row at ``row``, for an annotation."""
    return Subquery(
        StatusEntry.objects.filter(row=OuterRef(row)).order_by("-date", "-id").values(field)[:1]
    )


def _count_plan_lines(lines: dict[int, RollupPlanLine], *, today: datetime.date) -> None:
    """Fill in the lines' counts: rows by current status, late activities, rows needing care.

    Two grouped queries, whatever the number of plans and rows: one over the rows by plan and
    current status, one over the late activities by row (with that row's current status, so
    a row both late and at risk is counted once).
    """
    by_status = (
        PlanRow.objects.filter(plan__in=list(lines))
        .annotate(current_rating=_latest_status("rating"))
        .values("plan_id", "current_rating")
        .annotate(number=Count("id"))
        .order_by()
    )
    for group in by_status:
        line = lines[group["plan_id"]]
        rating = group["current_rating"] or ""
        line.counts[rating] = group["number"]
        if rating in ATTENTION_RATINGS:
            line.attention_count += group["number"]
    late_by_row = (
        Activity.objects.filter(row__plan__in=list(lines))
        .late(today)
        .values("row_id", "row__plan_id")
        .annotate(number=Count("id"), current_rating=_latest_status("rating", row="row_id"))
        .order_by()
    )
    for late in late_by_row:
        line = lines[late["row__plan_id"]]
        line.late_count += late["number"]
        if late["current_rating"] not in ATTENTION_RATINGS:
            line.attention_count += 1


def _rollup_rows(
    lines: dict[int, RollupPlanLine],
    *,
    first: int,
    attention_only: bool,
    today: datetime.date,
) -> list[RollupRow]:
    """Return ROLLUP_PAGE_SIZE rows from ``first`` on, in plan order, with what they show."""
    rows = PlanRow.objects.filter(plan__in=list(lines)).annotate(
        current_rating=_latest_status("rating"), current_date=_latest_status("date")
    )
    if attention_only:
        has_late = Exists(Activity.objects.filter(row=OuterRef("pk")).late(today))
        rows = rows.filter(Q(has_late) | Q(current_rating__in=ATTENTION_RATINGS))
    page_rows = list(
        rows.only("plan_id", "title").order_by(
            "plan__organisation__name", "plan_id", "order", "id"
        )[first : first + ROLLUP_PAGE_SIZE]
    )
    late: dict[int, list[str]] = {row.pk: [] for row in page_rows}
    for row_id, text in (
        Activity.objects.filter(row__in=page_rows)
        .late(today)
        .order_by("order", "id")
        .values_list("row_id", "text")
    ):
        late[row_id].append(text)
    result = []
    for row in page_rows:
        row.plan = lines[row.plan_id].plan
        result.append(
            RollupRow(
                row=row,
                rating=row.current_rating,
                rating_date=row.current_date,
                late=late[row.pk],
            )
        )
    return result


def rollup(
    *,
    user: AnyUser,
    organisation: Organisation,
    year: int | None = None,
    page: int = 1,
    attention_only: bool = False,
    today: datetime.date | None = None,
) -> Rollup:
    """Return the visible plans of every organisation below this one (RAGs, theme groups …).

    The totals and the line per plan are counted in the database; only the rows of the asked
    page (clamped to the pages there are) are read, with their statuses and late activities.
    ``attention_only`` keeps the rows with a late activity or a status of delayed or at risk.
    """
    today = today or timezone.localdate()
    below = Plan.objects.filter(organisation__path__startswith=organisation.path).exclude(
        organisation=organisation
    )
    visible = plan_filter_visible(user=user, queryset=below)
    years = list(visible.order_by("-year").values_list("year", flat=True).distinct())
    chosen = year if year in years else (years[0] if years else None)
    chosen_plans = visible.filter(year=chosen) if chosen is not None else visible.none()
    plans = (
        chosen_plans.exclude(state=PlanState.ARCHIVED)
        .select_related("organisation")
        .only("year", "title", "state", "example", "organisation__name")
        .order_by("organisation__name", "id")
    )
    lines = {plan.pk: RollupPlanLine(plan=plan) for plan in plans}
    if lines:
        _count_plan_lines(lines, today=today)
    shown = sum(
        line.attention_count if attention_only else line.row_count for line in lines.values()
    )
    pages = max(1, math.ceil(shown / ROLLUP_PAGE_SIZE))
    number = min(max(page, 1), pages)
    rows = (
        _rollup_rows(
            lines,
            first=(number - 1) * ROLLUP_PAGE_SIZE,
            attention_only=attention_only,
            today=today,
        )
        if shown
        else []
    )
    return Rollup(
        organisation=organisation,
        year=chosen,
        years=years,
        plans=list(lines.values()),
        page=RollupPage(number=number, pages=pages, rows=rows),
        attention_only=attention_only,
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
        # Only the path is needed to work out the access level, not the whole organisation.
        for org in Organisation.objects.filter(pk__in=queryset.values("organisation_id")).only(
            "id", "path"
        )
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
