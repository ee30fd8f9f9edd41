"""Reads of action plans, scoped to what the user may see.

Drafts and plans out for anchoring: the owning organisation's readers and the administrators
above it. Adopted and archived plans: every logged-in user. Published plans: everyone.
"""

from __future__ import annotations

import datetime
import functools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from framja.catalog.models import PatientPromise, PublicHealthTargetArea
from framja.core.concurrency import edit_token
from framja.core.sql import JoinedRead, Row, Statement, joined_read, read_together
from framja.core.translated import per_language
from framja.indicators.following import FollowedIndicator, followed_from_rows, followed_statement
from framja.organisations.models import AccessLevel, Organisation, child_path, subtree_sql
from framja.organisations.selectors import (
    access_level,
    read_with_rights,
    readable_organisations_q,
    readable_organisations_sql,
)
from framja.plans.models import (
    RATING_SYMBOLS,
    Activity,
    FocusArea,
    Plan,
    PlanRevision,
    PlanRow,
    PlanSection,
    PlanState,
    Rating,
    StatusEntry,
    activity_is_late,
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


# What the plan's pages show beside it, read in the same statement as the plan.
PLAN_RELATIONS = (
    "organisation",
    "organisation__parent",
    "adopted_by",
    "anchoring_body",
    "predecessor",
)


def _plan_read() -> JoinedRead:
    return joined_read(Plan, PLAN_RELATIONS, connection.vendor)


def _visible(user: AnyUser, found: list[Any]) -> Plan:
    """Return the plan found if the user may see it; 404 if none was found, 403 if hidden."""
    if not found:
        raise Http404
    plan = found[0]
    if not plan_is_visible(user=user, plan=plan):
        raise PermissionDenied
    return plan


def plan_get_for_user(*, user: AnyUser, pk: int) -> Plan:
    """Return the plan if the user may see it; 404 if it does not exist, 403 if hidden."""
    return _visible(user, _plan_read().all("t0.id = %s", [pk]))


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


class RowItem(NamedTuple):
    """A plan row as its page, its exports and the API show it."""

    pk: int
    plan_id: int
    title: str
    description: str
    effort_area: str | None  # the national effort area's name
    effort_area_parent: str | None  # the name of the area above it, if any
    effort_area_note: str
    follow_up: str


class ActivityItem(NamedTuple):
    pk: int
    row_id: int
    text: str
    responsible: str
    whole_year: bool
    start: datetime.date | None
    end: datetime.date | None
    done: bool

    def is_late(self, year: int, today: datetime.date | None = None) -> bool:
        return activity_is_late(
            end=self.end, whole_year=self.whole_year, done=self.done, year=year, today=today
        )


class StatusItem(NamedTuple):
    pk: int
    row_id: int
    date: datetime.date
    rating: str
    comment: str
    set_by: str | None  # the full name (or e-mail) of who set it

    @property
    def symbol(self) -> str:
        return RATING_SYMBOLS[Rating(self.rating)]

    def get_rating_display(self) -> str:
        return str(Rating(self.rating).label)


class PromiseItem(NamedTuple):
    pk: int
    text: str


class AreaItem(NamedTuple):
    pk: int
    number: int
    name: str

    def __str__(self) -> str:
        # As PublicHealthTargetArea.__str__.
        return f"{self.number}. {self.name}"


@dataclass
class RowView:
    """A plan row with what the plan page shows beside it."""

    row: RowItem
    activities: list[ActivityItem]
    statuses: list[StatusItem]
    late: list[ActivityItem] = field(default_factory=list)
    # Empty when read without links (plan_views(links=False)).
    promises: list[PromiseItem] = field(default_factory=list)
    areas: list[AreaItem] = field(default_factory=list)

    @property
    def current(self) -> StatusItem | None:
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


class SectionItem(NamedTuple):
    pk: int
    heading: str
    body: str


class FocusItem(NamedTuple):
    pk: int
    text: str


_TEXTS = """
    SELECT 0, s.id, s.heading, s.body, s.{order} FROM {section} s WHERE s.plan_id = %s
    UNION ALL
    SELECT 1, f.id, f.text, '', f.{order} FROM {focus} f WHERE f.plan_id = %s
    ORDER BY 1, 5, 2
"""


@functools.cache
def _texts_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    return _TEXTS.format(
        order=quote("order"),
        section=quote(PlanSection._meta.db_table),
        focus=quote(FocusArea._meta.db_table),
    )


def _texts_statement(plan_id: int) -> Statement:
    return _texts_sql(connection.vendor), [plan_id, plan_id]


def _texts(found: list[Row]) -> tuple[list[SectionItem], list[FocusItem]]:
    sections = [SectionItem(pk, heading, body) for kind, pk, heading, body, _ in found if not kind]
    focus = [FocusItem(pk, text) for kind, pk, text, _, _ in found if kind]
    return sections, focus


def plan_texts(*, plan: Plan) -> tuple[list[SectionItem], list[FocusItem]]:
    """Return the plan's sections and its focus areas, each in order, in one query."""
    (found,) = read_together([_texts_statement(plan.pk)])
    return _texts(found)


def plan_view(*, plan: Plan, today: datetime.date | None = None) -> PlanView:
    """Return the plan's rows with activities, statuses and late activities, in 4 queries
    (one round trip on PostgreSQL)."""
    return plan_views(plans=[plan], today=today)[0]


# Each relation of the rows is one plain statement, grouped by row in Python: the ORM's
# querysets (and model instances) cost several times more to build than to run. The orders are
# those of the models' Meta.ordering (a patient promise's owner sorts by its name).
_VIEW_ROWS = """
    SELECT r.id, r.plan_id, r.title, r.description, e.name, ep.name, r.effort_area_note,
        r.follow_up
    FROM {row} r
    LEFT JOIN {effort} e ON e.id = r.effort_area_id
    LEFT JOIN {effort} ep ON ep.id = e.parent_id
    WHERE r.plan_id IN ({plans})
    ORDER BY r.{order}, r.id
"""
_VIEW_ACTIVITIES = """
    SELECT a.id, a.row_id, a.text, a.responsible, a.whole_year, a.start, a.{end}, a.done
    FROM {activity} a
    JOIN {row} r ON r.id = a.row_id
    WHERE r.plan_id IN ({plans})
    ORDER BY a.{order}, a.id
"""
_VIEW_STATUSES = """
    SELECT s.id, s.row_id, s.date, s.rating, s.comment,
        CASE WHEN u.id IS NULL THEN NULL WHEN u.full_name <> '' THEN u.full_name ELSE u.email END
    FROM {status} s
    JOIN {row} r ON r.id = s.row_id
    LEFT JOIN {user} u ON u.id = s.set_by_id
    WHERE r.plan_id IN ({plans})
    ORDER BY s.date DESC, s.id DESC
"""
# The promises (kind 0) and the target areas (kind 1) of the rows, each in its own order.
_VIEW_LINKS = """
    SELECT 0, l.planrow_id, p.id, p.text, 0, o.name, p.{order}, 0
    FROM {promise_link} l
    JOIN {row} r ON r.id = l.planrow_id
    JOIN {promise} p ON p.id = l.patientpromise_id
    JOIN {organisation} o ON o.id = p.owner_id
    WHERE r.plan_id IN ({plans})
    UNION ALL
    SELECT 1, l.planrow_id, a.id, a.name, a.number, '', a.{order}, a.number
    FROM {area_link} l
    JOIN {row} r ON r.id = l.planrow_id
    JOIN {area} a ON a.id = l.publichealthtargetarea_id
    WHERE r.plan_id IN ({plans})
    ORDER BY 1, 6, 7, 8, 3
"""


@functools.cache
def _view_sql(template: str, vendor: str, plans: int) -> str:
    """Return ``template`` with its tables and quoted names, for ``plans`` plans."""
    from framja.accounts.models import User
    from framja.catalog.models import NationalEffortArea

    quote = connection.ops.quote_name
    promise_link = PlanRow.patient_promises.through._meta.db_table
    area_link = PlanRow.target_areas.through._meta.db_table
    return template.format(
        order=quote("order"),
        end=quote("end"),
        row=quote(PlanRow._meta.db_table),
        effort=quote(NationalEffortArea._meta.db_table),
        activity=quote(Activity._meta.db_table),
        status=quote(StatusEntry._meta.db_table),
        user=quote(User._meta.db_table),
        promise_link=quote(promise_link),
        promise=quote(PatientPromise._meta.db_table),
        organisation=quote(Organisation._meta.db_table),
        area_link=quote(area_link),
        area=quote(PublicHealthTargetArea._meta.db_table),
        plans=", ".join(["%s"] * plans),
    )


def _view_statements(plan_ids: list[int], *, links: bool) -> list[Statement]:
    """Return the statements reading the plans' rows, activities, statuses and, with
    ``links``, the rows' patient promises and target areas."""
    vendor, count = connection.vendor, len(plan_ids)
    statements: list[Statement] = [
        (_view_sql(template, vendor, count), plan_ids)
        for template in (_VIEW_ROWS, _VIEW_ACTIVITIES, _VIEW_STATUSES)
    ]
    if links:
        statements.append((_view_sql(_VIEW_LINKS, vendor, count), plan_ids * 2))
    return statements


def _views(plans: list[Plan], found: list[list[Row]], today: datetime.date) -> list[PlanView]:
    """Return a view of each plan from what ``_view_statements`` read."""
    rows = [RowItem(*item) for item in found[0]]
    activities: dict[int, list[ActivityItem]] = defaultdict(list)
    for item in found[1]:
        activities[item[1]].append(ActivityItem(*item))
    statuses: dict[int, list[StatusItem]] = defaultdict(list)
    for item in found[2]:
        statuses[item[1]].append(StatusItem(*item))
    promises: dict[int, list[PromiseItem]] = defaultdict(list)
    areas: dict[int, list[AreaItem]] = defaultdict(list)
    for kind, row_id, pk, text, number, *_ in found[3] if len(found) > 3 else ():
        if kind == 0:
            promises[row_id].append(PromiseItem(pk, text))
        else:
            areas[row_id].append(AreaItem(pk, number, text))
    by_plan: dict[int, list[RowView]] = {plan.pk: [] for plan in plans}
    years = {plan.pk: plan.year for plan in plans}
    for row in rows:
        row_activities = activities.get(row.pk, [])
        by_plan[row.plan_id].append(
            RowView(
                row=row,
                activities=row_activities,
                statuses=statuses.get(row.pk, []),
                late=[a for a in row_activities if a.is_late(years[row.plan_id], today)],
                promises=promises.get(row.pk, []),
                areas=areas.get(row.pk, []),
            )
        )
    return [PlanView(plan=plan, rows=by_plan[plan.pk]) for plan in plans]


def plan_views(
    *, plans: list[Plan], today: datetime.date | None = None, links: bool = True
) -> list[PlanView]:
    """Return a view of each plan, reading all their rows in a fixed number of queries (one
    round trip on PostgreSQL).

    ``links`` False leaves out the rows' patient promises and target areas, for a page that
    does not show them.
    """
    today = today or timezone.localdate()
    plan_ids = [plan.pk for plan in plans]
    if not plan_ids:
        return []
    return _views(plans, read_together(_view_statements(plan_ids, links=links)), today)


@dataclass
class PlanPage:
    """What the plan page, its parts and its documents show of the plan."""

    plan: Plan
    view: PlanView
    sections: list[SectionItem]
    focus_areas: list[FocusItem]
    followed: list[FollowedIndicator] | None = None  # None: not read with the page


def _plan_page(
    *,
    user: AnyUser | None,
    pk: int,
    plan: Plan | None,
    today: datetime.date | None,
    followed: bool = False,
) -> PlanPage:
    # Every read here depends only on the plan's key and the user, so all of them go in one
    # round trip on PostgreSQL, the plan itself too when it is not read yet: waiting for
    # each answer in turn cost more than the database's work. What is read for a plan the
    # user may not see is thrown away unseen.
    statements: list[Statement] = []
    if plan is None:
        statements.append(_plan_read().statement("t0.id = %s", [pk]))
    if followed:
        statements.append(followed_statement(plan_id=pk))
    statements.append(_texts_statement(pk))
    statements.extend(_view_statements([pk], links=True))
    found = iter(read_with_rights(user=user, statements=statements))
    plan_found = next(found) if plan is None else []
    followed_found = next(found) if followed else []
    if plan is None:
        assert user is not None  # plan_page_get passes one
        plan = _visible(user, _plan_read().build(plan_found))
    sections, focus_areas = _texts(next(found))
    (view,) = _views([plan], list(found), today or timezone.localdate())
    return PlanPage(
        plan=plan,
        view=view,
        sections=sections,
        focus_areas=focus_areas,
        followed=followed_from_rows(followed_found) if followed else None,
    )


def plan_page_get(*, user: AnyUser, pk: int, today: datetime.date | None = None) -> PlanPage:
    """Return the plan with what its page shows, if the user may see it (404 if it does not
    exist, 403 if hidden), with the user's rights, in one round trip on PostgreSQL.

    For a logged-in user the indicators the plan follows are read too (``followed``): only
    those may read the indicators' values.
    """
    return _plan_page(user=user, pk=pk, plan=None, today=today, followed=user.is_authenticated)


def plan_page(
    *, plan: Plan, user: AnyUser | None = None, today: datetime.date | None = None
) -> PlanPage:
    """Return what the page of a plan already read shows, with the ``user``'s rights if they
    are not read yet, in one round trip on PostgreSQL."""
    return _plan_page(user=user, pk=plan.pk, plan=plan, today=today)


ROLLUP_PAGE_SIZE = 50
# A row needs attention when it has a late activity or its current status is one of these.
ATTENTION_RATINGS = (Rating.AT_RISK, Rating.DELAYED)


class StatusCount(NamedTuple):
    symbol: str
    label: str
    number: int


@per_language
def _rating_symbols_and_labels(language: str | None) -> list[tuple[str, str, str]]:
    """Return each rating's value, symbol and label in the language (the labels are lazy
    translations: resolving them once per language, not per plan line, saves much of a roll-up)."""
    return [(rating.value, RATING_SYMBOLS[rating], str(rating.label)) for rating in Rating]


def _status_counts(counts: dict[str, int]) -> list[StatusCount]:
    return [
        StatusCount(symbol, label, counts[value])
        for value, symbol, label in _rating_symbols_and_labels(get_language())
        if counts.get(value)
    ]


@dataclass
class RollupPlanLine:
    """A plan in the roll-up, its rows counted by current status ("" for rows without one)."""

    plan_id: int
    title: str
    state: str
    example: bool
    organisation_name: str
    counts: dict[str, int] = field(default_factory=dict)
    row_count: int = 0  # the sum of ``counts``, kept as they are counted
    late_count: int = 0
    attention_count: int = 0

    @property
    def unrated(self) -> int:
        return self.counts.get("", 0)

    @cached_property
    def status_counts(self) -> list[StatusCount]:
        return _status_counts(self.counts)


@dataclass
class RollupRow:
    """A row on the shown page of the roll-up, its plan's line, its current status and its late
    activities' texts."""

    line: RollupPlanLine
    row_id: int
    title: str
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
    def counts(self) -> Counter[str]:
        """Return the number of rows by current status ("" for none) over all the plans."""
        counts: Counter[str] = Counter()
        for line in self.plans:
            counts.update(line.counts)
        return counts

    @cached_property
    def status_counts(self) -> list[StatusCount]:
        return _status_counts(self.counts)

    @property
    def unrated(self) -> int:
        return self.counts.get("", 0)

    @cached_property
    def late_count(self) -> int:
        return sum(line.late_count for line in self.plans)

    @cached_property
    def row_count(self) -> int:
        return sum(line.row_count for line in self.plans)

    @cached_property
    def attention_count(self) -> int:
        return sum(line.attention_count for line in self.plans)

    @property
    def shown_count(self) -> int:
        """Return how many rows the paged table holds in all, with the filter if chosen."""
        return self.attention_count if self.attention_only else self.row_count


# The roll-up's counts and its page of rows are read with plain SQL: the same statements built
# through the ORM (grouped annotations over correlated subqueries) cost several times more to
# compile than to run. Each row's current status is the copy on the row (the latest entry, as
# ``RowView.current``); an activity is late as ``ActivityQuerySet.late`` says, and a row has a
# late activity as its copies on the row say (``services.row_activity_refresh``; change all
# together). The statements are plain enough for SQLite and PostgreSQL alike. All the plans
# are of one year, so whether an activity for the whole year without an end is late is known
# before the query (``_late``, ``_row_late``), and the plans need not be joined to find
# their year.
#
# The rows are counted by current status, with those that have a late activity (by the row's
# copy of what makes its unfinished activities late, ``_row_late``), and the plans' late
# activities are counted through their own plan key: both from an index alone, without reading
# a row's activities or joining the two.
_PLAN_COUNTS = """
    SELECT 0, r.plan_id, r.status_rating, COUNT(*), SUM(CASE WHEN {row_late} THEN 1 ELSE 0 END)
    FROM {row} r
    WHERE r.plan_id IN ({plans})
    GROUP BY r.plan_id, r.status_rating
    UNION ALL
    SELECT 1, a.plan_id, '', COUNT(*), 0 FROM {activity} a
    WHERE a.plan_id IN ({plans}) AND {late}
    GROUP BY a.plan_id
"""
# The page's 50 rows are chosen first (with the filter on attention, among the rows that need
# it), then joined to their late activities: a row is repeated for each of them, in order. The
# plans are in the page's order already, so each row's plan is ranked by its place among them
# ({places}) rather than by joining the plans and their organisations to sort by name.
_PAGE_ROWS = """
    SELECT t.id, t.plan_id, t.title, t.status_rating, t.status_date, a.text FROM (
        SELECT r.id, r.plan_id, r.title, r.status_rating, r.status_date, r.{order} AS row_order,
            CASE r.plan_id {places} END AS place
        FROM {row} r
        WHERE r.plan_id IN ({plans}){attention}
        ORDER BY place, r.{order}, r.id LIMIT %s OFFSET %s
    ) t
    LEFT JOIN {activity} a ON a.row_id = t.id AND {late}
    ORDER BY t.place, t.row_order, t.id, a.{order}, a.id
"""
_ATTENTION = """ AND (r.status_rating IN ({attention_ratings}) OR {row_late})"""


def _late(*, year: int, today: datetime.date) -> tuple[str, list[Any]]:
    """Return the condition that activity ``a`` of a plan for ``year`` is late on ``today``,
    and its parameters."""
    end = connection.ops.quote_name("end")
    if year < today.year:
        # The year is over: an activity for the whole year without an end is late too.
        return (
            f"a.done = %s AND (a.{end} < %s OR (a.{end} IS NULL AND a.whole_year = %s))",
            [False, today, True],
        )
    return f"a.done = %s AND a.{end} < %s", [False, today]


def _row_late(*, year: int, today: datetime.date) -> tuple[str, list[Any]]:
    """Return the condition that row ``r`` of a plan for ``year`` has an activity late on
    ``today``, by the row's copies (``services.row_activity_refresh``), and its parameters."""
    if year < today.year:
        # The year is over: an activity for the whole year without an end is late too.
        return "(r.open_end < %s OR r.open_whole_year = %s)", [today, True]
    return "r.open_end < %s", [today]


def _rollup_sql(
    template: str, plan_ids: list[int], late: str, row_late: str, attention: str = ""
) -> str:
    """Return ``template`` with its tables, quoted names, plans' keys (and their places, in
    the order given), ``late`` and ``row_late`` conditions filled in, and ``attention`` (more of
    the WHERE clause) where it has room for it.

    The keys are written into the statement as numbers, not passed as parameters: psycopg
    parses a statement with more than 50 parameters afresh on every call (0.15 ms for the
    counts), and on SQLite Django rewrites each placeholder. They are integers read from the
    database, so writing them is safe.
    """
    keys = ", ".join(str(int(pk)) for pk in plan_ids)
    places = (
        " ".join(f"WHEN {int(pk)} THEN {place}" for place, pk in enumerate(plan_ids))
        if "{places}" in template
        else ""
    )
    quote = connection.ops.quote_name
    return template.format(
        places=places,
        order=quote("order"),
        late=late,
        attention_ratings=", ".join(f"'{rating.value}'" for rating in ATTENTION_RATINGS),
        activity=quote(Activity._meta.db_table),
        row=quote(PlanRow._meta.db_table),
        plans=keys,
        row_late=row_late,
        attention=attention,
    )


def _count_plan_lines(lines: dict[int, RollupPlanLine], *, year: int, today: datetime.date) -> None:
    """Fill in the lines' counts: rows by current status, late activities, rows needing care.

    One query, whatever the number of plans and rows.
    """
    plan_ids = list(lines)
    late, late_params = _late(year=year, today=today)
    row_late, row_late_params = _row_late(year=year, today=today)
    sql = _rollup_sql(_PLAN_COUNTS, plan_ids, late, row_late)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*row_late_params, *late_params])
        groups = cursor.fetchall()
    attention_ratings = {rating.value for rating in ATTENTION_RATINGS}
    for kind, plan_id, rating, number, late_rows in groups:
        line = lines[plan_id]
        if kind == 0:
            line.counts[rating] = number
            line.row_count += number
            # A row needs attention for its status, or else for a late activity.
            line.attention_count += number if rating in attention_ratings else late_rows
        else:
            line.late_count = number


def _page_plans(
    lines: dict[int, RollupPlanLine], *, first: int, attention_only: bool
) -> tuple[list[int], int]:
    """Return the plans whose rows fall on the page that starts at row ``first``, and where
    the page starts among their rows.

    The lines are in the page's order and know their rows (or, with ``attention_only``,
    those that need attention), so the page's query reads the rows of a few plans, not all.
    """
    plan_ids: list[int] = []
    before = taken = 0  # rows before the first of them, rows in them
    for plan_id, line in lines.items():
        count = line.attention_count if attention_only else line.row_count
        if not plan_ids and before + count <= first:
            before += count
            continue
        if count:
            plan_ids.append(plan_id)
            taken += count
        if before + taken >= first + ROLLUP_PAGE_SIZE:
            break
    return plan_ids, first - before


def _rollup_rows(
    lines: dict[int, RollupPlanLine],
    *,
    first: int,
    attention_only: bool,
    year: int,
    today: datetime.date,
) -> list[RollupRow]:
    """Return ROLLUP_PAGE_SIZE rows from ``first`` on, in plan order, with what they show.

    One query: the rows of the page, each with its late activities' texts.
    """
    plan_ids, offset = _page_plans(lines, first=first, attention_only=attention_only)
    if not plan_ids:
        return []
    late, late_params = _late(year=year, today=today)
    row_late, row_late_params = _row_late(year=year, today=today)
    if attention_only:
        attention = _rollup_sql(_ATTENTION, plan_ids, late, row_late)
        sql = _rollup_sql(_PAGE_ROWS, plan_ids, late, row_late, attention=attention)
        params = [*row_late_params, ROLLUP_PAGE_SIZE, offset, *late_params]
    else:
        sql = _rollup_sql(_PAGE_ROWS, plan_ids, late, row_late)
        params = [ROLLUP_PAGE_SIZE, offset, *late_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    date_field = PlanRow._meta.get_field("status_date")
    converters = date_field.get_db_converters(connection)
    result: list[RollupRow] = []
    for row_id, plan_id, title, rating, rating_date, late_text in found:
        if not result or result[-1].row_id != row_id:
            for converter in converters:
                rating_date = converter(rating_date, date_field, connection)
            result.append(
                RollupRow(
                    line=lines[plan_id],
                    row_id=row_id,
                    title=title,
                    rating=rating or None,
                    rating_date=rating_date,
                    late=[],
                )
            )
        if late_text is not None:
            result[-1].late.append(late_text)
    return result


_PLANS = """
    SELECT p.id, p.title, p.state, p.example, o.name, p.year
    FROM {plan} p
    JOIN {organisation} o ON o.id = p.organisation_id
    WHERE p.organisation_id IN (
        SELECT b.id FROM {organisation} b WHERE {below} AND b.id <> %s
    ) AND {organisation_below} AND {visible}
    ORDER BY o.name, p.id
"""


def _rollup_plans(*, user: AnyUser, organisation: Organisation) -> list[tuple[Any, ...]]:
    """Return every plan of every year below the organisation that the user may see: id,
    title, state, example, organisation's name and year, by organisation's name.

    The organisations first, then their plans through the index (a join would read every plan).
    The plans' organisations are also named by their path, which says nothing new but lets
    PostgreSQL find them through the path's index instead of reading them all (0.5 to 0.25 ms).
    """
    quote = connection.ops.quote_name
    visible, params = plan_visible_sql(user=user, plan="p", organisation="o")
    below, below_params = subtree_sql("b.path", organisation.path)
    organisation_below, organisation_below_params = subtree_sql("o.path", organisation.path)
    sql = _PLANS.format(
        plan=quote(Plan._meta.db_table),
        organisation=quote(Organisation._meta.db_table),
        visible=visible,
        below=below,
        organisation_below=organisation_below,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*below_params, organisation.pk, *organisation_below_params, *params])
        return cursor.fetchall()


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
    visible = _rollup_plans(user=user, organisation=organisation)
    years = sorted({plan[-1] for plan in visible}, reverse=True)
    chosen = year if year in years else (years[0] if years else None)
    lines = {
        pk: RollupPlanLine(pk, title, state, bool(example), organisation_name)
        for pk, title, state, example, organisation_name, plan_year in visible
        if plan_year == chosen and state != PlanState.ARCHIVED
    }
    if lines:
        assert chosen is not None  # there are lines only for a chosen year
        _count_plan_lines(lines, year=chosen, today=today)
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
            year=chosen,
            today=today,
        )
        if shown and chosen is not None
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
    # No query of its own: the user's rights become a condition on the plans' organisations.
    return queryset.filter(Q(state__in=OPEN_STATES) | readable_organisations_q(user=user))


def plan_visible_sql(*, user: AnyUser, plan: str, organisation: str) -> tuple[str, list[Any]]:
    """Return ``plan_filter_visible`` as a plain SQL condition and its parameters, for the
    plan table aliased ``plan`` joined to its organisation as ``organisation``."""
    if user.is_authenticated and user.is_superuser:
        return "1 = 1", []
    open_states = [state.value for state in OPEN_STATES]
    states = ", ".join(["%s"] * len(open_states))
    if not user.is_authenticated:
        return f"({plan}.state IN ({states}) AND {plan}.published = %s)", [*open_states, True]
    readable, params = readable_organisations_sql(
        user=user, id_column=f"{organisation}.id", path_column=f"{organisation}.path"
    )
    return f"({plan}.state IN ({states}) OR {readable})", [*open_states, *params]


_LIST_RELATIONS = ("organisation",)


def plans_page_for_user(
    *,
    user: AnyUser,
    organisation: Organisation | None = None,
    year: int | None = None,
    offset: int,
    limit: int,
) -> tuple[list[Plan], int]:
    """Return a page of the plans the user may see, newest year first, and how many there are,
    optionally only those of an organisation and a year. One round trip on PostgreSQL once
    the user's rights are read (``organisation_with_rights``)."""
    conditions, params = plan_visible_sql(user=user, plan="t0", organisation="{organisation}")
    where, where_params = [conditions], list(params)
    if organisation is not None:
        where.append("t0.organisation_id = %s")
        where_params.append(organisation.pk)
    if year is not None:
        where.append("t0.year = %s")
        where_params.append(year)
    read = joined_read(Plan, _LIST_RELATIONS, connection.vendor)
    condition = " AND ".join(where)
    page, count = read_together(
        [
            read.statement(
                f"{condition} ORDER BY t0.year DESC, t0.id LIMIT %s OFFSET %s",
                [*where_params, limit, offset],
            ),
            read.count_statement(condition, where_params),
        ]
    )
    plans: list[Plan] = read.build(page)  # type: ignore[assignment]
    return plans, count[0][0]


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
    organisation = plan.organisation
    root = child_path("/", [*organisation.ancestor_ids, organisation.pk][0])
    return Organisation.objects.filter(path__startswith=root).order_by("depth", "name")


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
