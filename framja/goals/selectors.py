"""Reads of goals and assessments, and the goal-fulfilment overview.

Goals and their assessments are read by every logged-in user, as adopted plans are; an
organisation's editors set them.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import FilteredRelation, Prefetch, Q, QuerySet
from django.http import Http404

from framja.core.sql import ValuesRead, joined_read, read_joined
from framja.goals.models import GOAL_RATING_SYMBOLS, Assessment, Goal, GoalRating
from framja.organisations.models import AccessLevel, Organisation, subtree_sql
from framja.organisations.selectors import access_level, read_with_rights

if TYPE_CHECKING:
    from framja.organisations.selectors import AnyUser


def goals_visible(*, user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def goal_may_edit(*, user: AnyUser, organisation: Organisation) -> bool:
    return access_level(user=user, organisation=organisation) >= AccessLevel.EDITOR


def _applying(year: int) -> Q:
    """The goals in force in the year: started by then and not ended before."""
    return Q(start_year__lte=year) & (Q(end_year__isnull=True) | Q(end_year__gte=year))


def goals_applying(queryset: QuerySet[Goal], year: int) -> QuerySet[Goal]:
    return queryset.filter(_applying(year))


def _period_assessment(period: str) -> FilteredRelation:
    """The goal's assessment of the period, if any, to join as ``period_assessment``.

    A goal has at most one assessment per period, so the join adds no rows.
    """
    return FilteredRelation("assessments", condition=Q(assessments__period=period))


def goal_get_for_user(*, user: AnyUser, pk: int) -> Goal:
    if not goals_visible(user=user):
        raise PermissionDenied
    try:
        return Goal.objects.select_related("organisation").get(pk=pk)
    except Goal.DoesNotExist:
        raise Http404 from None


def goal_get_for_editor(*, user: AnyUser, pk: int) -> Goal:
    goal = goal_get_for_user(user=user, pk=pk)
    if not goal_may_edit(user=user, organisation=goal.organisation):
        raise PermissionDenied
    return goal


def goal_assessments(*, goal: Goal) -> list[Assessment]:
    """Every period's assessment of the goal, newest first: its history."""
    return list(goal.assessments.select_related("assessed_by").order_by("-period"))


@dataclass(frozen=True, slots=True)
class AssessmentRow:
    """A period's assessment as plain values: a row of the goal's history."""

    period: str
    rating: str
    result: str
    analysis: str
    assessed_by_name: str
    assessed_at: datetime.datetime | None


def _assessment_rows(goal_id: int) -> QuerySet[Assessment, tuple[Any, ...]]:
    return (
        Assessment.objects.filter(goal_id=goal_id)
        .order_by("-period")
        .values_list("period", "rating", "result", "analysis", "assessed_by_name", "assessed_at")
    )


@dataclass(frozen=True, slots=True)
class PlanRowLink:
    """A plan row a goal is linked to, as its page names it: plan year and row title."""

    pk: int
    title: str
    plan_id: int
    plan_year: int


def _plan_row_links(goal: Goal) -> QuerySet[Any, tuple[Any, ...]]:
    return goal.plan_rows.order_by("plan__year", "order").values_list(
        "id", "title", "plan_id", "plan__year"
    )


@dataclass(frozen=True, slots=True)
class IndicatorLink:
    """An indicator a goal follows: its code (for the link), name and data source's name."""

    code: str
    name: str
    source_name: str


def _indicator_links(goal: Goal) -> QuerySet[Any, tuple[Any, ...]]:
    return goal.indicators.order_by("name", "id").values_list("code", "name", "source__name")


@dataclass
class GoalPage:
    """A goal with what its page shows: its history, its plan rows and its indicators."""

    goal: Goal
    assessments: list[AssessmentRow]
    plan_rows: list[PlanRowLink]
    indicators: list[IndicatorLink]


def goal_page_get(*, user: AnyUser, pk: int) -> GoalPage:
    """Return the goal and what its page shows, 404 if it does not exist, with the user's
    rights, in one round trip on PostgreSQL.

    Every read depends only on the goal's key and the user, so none waits for another.
    """
    if not goals_visible(user=user):
        raise PermissionDenied
    goal_read = joined_read(Goal, ("organisation",), connection.vendor)
    keyed = Goal(pk=pk)  # the related reads need only the key
    reads = [
        ValuesRead(_assessment_rows(pk)),
        ValuesRead(_plan_row_links(keyed)),
        ValuesRead(_indicator_links(keyed)),
    ]
    statements = [goal_read.statement("t0.id = %s", [pk]), *(read.statement for read in reads)]
    found = read_with_rights(user=user, statements=statements)
    goals: list[Any] = goal_read.build(found[0])
    if not goals:
        raise Http404
    assessments, plan_rows, indicators = (
        read.build(rows) for read, rows in zip(reads, found[1:], strict=False)
    )
    return GoalPage(
        goal=goals[0],
        assessments=[AssessmentRow(*row) for row in assessments],
        plan_rows=[PlanRowLink(*row) for row in plan_rows],
        indicators=[IndicatorLink(*row) for row in indicators],
    )


@dataclass
class GoalView:
    goal: Goal
    assessment: Assessment | None

    @property
    def rating(self) -> str:
        return self.assessment.rating if self.assessment else GoalRating.NOT_ASSESSED

    @property
    def symbol(self) -> str:
        return GOAL_RATING_SYMBOLS[GoalRating(self.rating)]

    @property
    def rating_label(self) -> str:
        return str(GoalRating(self.rating).label)


@dataclass
class GoalGroupView:
    heading: str
    goals: list[GoalView]


def group_by_heading(views: list[GoalView]) -> list[GoalGroupView]:
    """Group goals under their headings, in the order the headings first appear."""
    groups: dict[str, GoalGroupView] = {}
    for view in views:
        groups.setdefault(view.goal.heading, GoalGroupView(view.goal.heading, [])).goals.append(
            view
        )
    return list(groups.values())


def goal_views(*, goals: QuerySet[Goal], period: str) -> list[GoalView]:
    """Return the goals with their assessment for the period, in two queries."""
    queryset = goals.prefetch_related(
        Prefetch(
            "assessments",
            queryset=Assessment.objects.filter(period=period).select_related("assessed_by"),
            to_attr="period_assessments",
        )
    ).order_by("organisation__path", "order", "id")
    return [
        GoalView(goal=goal, assessment=next(iter(goal.period_assessments), None))
        for goal in queryset
    ]


def goals_for_period(*, organisation: Organisation, period: str, year: int) -> list[GoalView]:
    return goal_views(goals=goals_applying(organisation.goals.all(), year), period=period)


def goal_organisation_get(*, slug: str) -> Organisation:
    """Return the organisation of a goal page by slug, with only what the page shows, or 404.

    The pages show its name and link to it; its path gives the ancestors the access check
    needs. Organisations are public, as in ``organisation_get``. Read in plain SQL: building
    the ORM's query took longer than running it.
    """
    found = read_joined(Organisation, (), "t0.slug = %s", [slug])
    if not found:
        raise Http404
    organisation: Organisation = found[0]
    return organisation


@dataclass(frozen=True, slots=True)
class GoalRow:
    """A goal with its assessment for one period, as plain values: a row of the goal list."""

    pk: int
    heading: str
    text: str
    example: bool
    rating: str  # NOT_ASSESSED when the period has no assessment
    result: str
    analysis: str
    assessed_by_name: str
    assessed_at: datetime.datetime | None


@dataclass(slots=True)
class GoalRowGroup:
    heading: str
    goals: list[GoalRow]


def goal_rows_for_period(
    *, organisation: Organisation, period: str, year: int
) -> list[GoalRowGroup]:
    """Return the organisation's goals for the year under their headings, with their
    assessments for the period, in one query.

    The headings come in the order they first appear among the goals.
    """
    rows = (
        Goal.objects.annotate(period_assessment=_period_assessment(period))
        .filter(_applying(year), organisation_id=organisation.pk)
        .order_by("order", "id")
        .values_list(
            "id",
            "heading",
            "text",
            "example",
            "period_assessment__rating",
            "period_assessment__result",
            "period_assessment__analysis",
            "period_assessment__assessed_by_name",
            "period_assessment__assessed_at",
        )
    )
    groups: dict[str, GoalRowGroup] = {}
    for pk, heading, text, example, rating, result, analysis, by, at in rows:
        row = GoalRow(
            pk=pk,
            heading=heading,
            text=text,
            example=example,
            rating=rating or GoalRating.NOT_ASSESSED.value,
            result=result or "",
            analysis=analysis or "",
            assessed_by_name=by or "",
            assessed_at=at,
        )
        group = groups.get(heading)
        if group is None:
            group = groups[heading] = GoalRowGroup(heading, [])
        group.goals.append(row)
    return list(groups.values())


def _spans(goals: QuerySet[Goal]) -> QuerySet[Goal, tuple[int, int | None]]:
    # Without order_by() the model's ordering joins the organisation and makes every goal
    # distinct; the spans alone are a handful of rows.
    return goals.order_by().values_list("start_year", "end_year").distinct()


def _years_of(spans: Iterable[tuple[int, int | None]]) -> list[int]:
    years: set[int] = set()
    for start, end in spans:
        years.update(range(start, (end or start) + 1))
    return sorted(years, reverse=True)


def goal_list_start(*, user: AnyUser, slug: str) -> tuple[Organisation, list[int]]:
    """Return the organisation of a goal list by slug (404 if there is none) and the years it
    has goals for, newest first, with the user's rights, in one round trip on PostgreSQL.

    Organisations are public, as in ``organisation_get``; the years are found through the
    slug, so that they need not wait for the organisation.
    """
    read = joined_read(Organisation, (), connection.vendor)
    spans = ValuesRead(_spans(Goal.objects.filter(organisation__slug=slug)))
    statements = [read.statement("t0.slug = %s", [slug]), spans.statement]
    found = read_with_rights(user=user, statements=statements)
    organisations: list[Any] = read.build(found[0])
    if not organisations:
        raise Http404
    return organisations[0], _years_of(spans.build(found[1]))


# The overview's statements, in plain SQL: built through the ORM (a filtered relation, a
# subquery for the subtree) they took several times longer to compile than to run. The
# subtree is a subquery: joined instead, SQLite would read every goal in the country to test
# its organisation's path.
_SPANS_BELOW = """
    SELECT DISTINCT g.start_year, g.end_year FROM {goal} g
    WHERE g.organisation_id IN (SELECT b.id FROM {organisation} b WHERE {below})
"""
_OVERVIEW = """
    SELECT g.organisation_id, o.name, o.slug, g.id, g.heading, g.text, a.rating, a.analysis
    FROM {goal} g
    JOIN {organisation} o ON o.id = g.organisation_id
    LEFT JOIN {assessment} a ON a.goal_id = g.id AND a.period = %s
    WHERE g.start_year <= %s AND (g.end_year IS NULL OR g.end_year >= %s)
        AND g.organisation_id IN (SELECT b.id FROM {organisation} b WHERE {below})
    ORDER BY o.path, g.{order}, g.id
"""


def _below(template: str, organisation: Organisation) -> tuple[str, list[str]]:
    """Return ``template`` for the subtree of ``organisation``, and the subtree's parameters."""
    quote = connection.ops.quote_name
    below, params = subtree_sql("b.path", organisation.path)
    sql = template.format(
        goal=quote(Goal._meta.db_table),
        assessment=quote(Assessment._meta.db_table),
        organisation=quote(Organisation._meta.db_table),
        order=quote("order"),
        below=below,
    )
    return sql, params


def goal_years_below(*, organisation: Organisation) -> list[int]:
    """The years any organisation in the subtree has goals for, newest first."""
    sql, params = _below(_SPANS_BELOW, organisation)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return _years_of(cursor.fetchall())


@dataclass(frozen=True, slots=True)
class OrganisationLink:
    """What a table needs to name an organisation and link to its pages."""

    pk: int
    name: str
    slug: str


@dataclass
class OrganisationOverview:
    organisation: OrganisationLink
    groups: list[tuple[str, Counter[str]]]  # heading → ratings counted
    totals: Counter[str]

    @property
    def goal_count(self) -> int:
        return sum(self.totals.values())


@dataclass(frozen=True, slots=True)
class NotAchievedGoal:
    pk: int
    text: str
    organisation_name: str
    analysis: str


@dataclass
class Overview:
    """Goal fulfilment for an organisation and everything below it, for one period."""

    organisation: Organisation
    period: str
    ratings: list[tuple[str, str, str]]  # (value, symbol, label), in the scale's order
    organisations: list[OrganisationOverview]
    not_achieved: list[NotAchievedGoal] = field(default_factory=list)
    totals: Counter[str] = field(default_factory=Counter)


def overview(*, organisation: Organisation, period: str, year: int) -> Overview:
    """Count ratings per organisation and heading and list every goal not achieved.

    One query whatever the number of organisations and goals: the goals of the subtree that
    apply to the year, with their organisation and their assessment for the period, as
    tuples. Organisations without goals for the year are left out.
    """
    sql, below = _below(_OVERVIEW, organisation)
    with connection.cursor() as cursor:
        cursor.execute(sql, [period, year, year, *below])
        rows = cursor.fetchall()
    result = Overview(
        organisation=organisation,
        period=period,
        ratings=[(r.value, GOAL_RATING_SYMBOLS[r], str(r.label)) for r in GoalRating],
        organisations=[],
    )
    not_achieved = GoalRating.NOT_ACHIEVED.value
    current: OrganisationOverview | None = None
    groups: dict[str, Counter[str]] = {}
    for org_id, name, slug, pk, heading, text, rating, analysis in rows:
        if current is None or current.organisation.pk != org_id:
            groups = {}
            current = OrganisationOverview(OrganisationLink(org_id, name, slug), [], Counter())
            result.organisations.append(current)
        rating = rating or GoalRating.NOT_ASSESSED.value
        counts = groups.get(heading)
        if counts is None:
            counts = groups[heading] = Counter()
            current.groups.append((heading, counts))
        counts[rating] += 1
        current.totals[rating] += 1
        result.totals[rating] += 1
        if rating == not_achieved:
            result.not_achieved.append(NotAchievedGoal(pk, text, name, analysis or ""))
    return result
