"""Keep the search index in step with what it indexes.

Every searchable thing becomes one ``SearchDocument``: its title and text, their Swedish
stems, its organisation, county, years and target areas, and who may find it. The
visibility of plans, rows and activities follows ``framja.plans.selectors.plan_is_visible``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet

from framja.goals.models import Goal
from framja.knowledge.models import (
    DocumentKind,
    Event,
    GoodExample,
    SearchDocument,
    SearchTerm,
    Visibility,
)
from framja.knowledge.stemming import stem_text
from framja.organisations.models import Organisation, OrganisationKind
from framja.plans.models import Activity, Plan, PlanRow
from framja.plans.selectors import OPEN_STATES

MAX_TITLE = 300


@dataclass
class Entry:
    """What the index holds about one object, before it is stemmed and stored."""

    kind: str
    object_id: int
    title: str
    text: str
    url: str
    visibility: int
    organisation_id: int | None = None
    county_id: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    target_area_ids: list[int] = field(default_factory=list)


def _join(*parts: str | None) -> str:
    return "\n".join(p.strip() for p in parts if p and p.strip())


def county_of(organisation: Organisation | None) -> int | None:
    """Return the region (län) an organisation belongs to: its county, or itself if a region."""
    if organisation is None:
        return None
    if organisation.kind == OrganisationKind.REGION:
        return organisation.pk
    return organisation.county_id


def plan_visibility(plan: Plan) -> int:
    """Return who may find the plan and its rows, as ``plan_is_visible`` decides."""
    if plan.state in OPEN_STATES:
        return Visibility.PUBLIC if plan.published else Visibility.LOGGED_IN
    return Visibility.READERS


def plan_entry(plan: Plan) -> Entry:
    sections = [f"{s.heading}\n{s.body}" for s in plan.sections.all()]
    focus = [f.text for f in plan.focus_areas.all()]
    return Entry(
        kind=DocumentKind.PLAN,
        object_id=plan.pk,
        title=plan.title,
        text=_join(plan.document_name, plan.keywords, *focus, *sections),
        url=plan.get_absolute_url(),
        visibility=plan_visibility(plan),
        organisation_id=plan.organisation_id,
        county_id=county_of(plan.organisation),
        year_from=plan.year,
        year_to=plan.year,
    )


def row_entry(row: PlanRow, plan: Plan) -> Entry:
    return Entry(
        kind=DocumentKind.ROW,
        object_id=row.pk,
        title=row.title,
        text=_join(row.description, row.effort_area_note, row.follow_up),
        url=f"{plan.get_absolute_url()}#rad-{row.pk}",
        visibility=plan_visibility(plan),
        organisation_id=plan.organisation_id,
        county_id=county_of(plan.organisation),
        year_from=plan.year,
        year_to=plan.year,
        target_area_ids=[a.pk for a in row.target_areas.all()],
    )


def activity_entry(activity: Activity, row: PlanRow, plan: Plan) -> Entry:
    return Entry(
        kind=DocumentKind.ACTIVITY,
        object_id=activity.pk,
        title=activity.text[:MAX_TITLE],
        # The title holds the whole text when it is short; the rest and who is responsible
        # go here, so a snippet does not repeat the title.
        text=_join(activity.text[MAX_TITLE:], activity.responsible),
        url=f"{plan.get_absolute_url()}#rad-{row.pk}",
        visibility=plan_visibility(plan),
        organisation_id=plan.organisation_id,
        county_id=county_of(plan.organisation),
        year_from=plan.year,
        year_to=plan.year,
        target_area_ids=[a.pk for a in row.target_areas.all()],
    )


def goal_entry(goal: Goal) -> Entry:
    return Entry(
        kind=DocumentKind.GOAL,
        object_id=goal.pk,
        title=goal.text[:MAX_TITLE],
        text=_join(goal.heading, goal.text[MAX_TITLE:]),
        url=goal.get_absolute_url(),
        # Goals are read by every logged-in user (framja.goals.selectors.goals_visible).
        visibility=Visibility.LOGGED_IN,
        organisation_id=goal.organisation_id,
        county_id=county_of(goal.organisation),
        year_from=goal.start_year,
        year_to=goal.end_year,
    )


def example_entry(example: GoodExample) -> Entry:
    partners = [p.name for p in example.partners.all()]
    return Entry(
        kind=DocumentKind.EXAMPLE,
        object_id=example.pk,
        title=example.title,
        text=_join(
            example.summary,
            example.description,
            example.target_groups,
            example.keywords,
            example.organisation.name,
            *partners,
        ),
        url=example.get_absolute_url(),
        visibility=Visibility.PUBLIC,
        organisation_id=example.organisation_id,
        county_id=example.county_id or county_of(example.organisation),
        year_from=example.start.year if example.start else None,
        year_to=example.end.year if example.end else None,
        target_area_ids=[a.pk for a in example.target_areas.all()],
    )


def event_entry(event: Event) -> Entry:
    return Entry(
        kind=DocumentKind.EVENT,
        object_id=event.pk,
        title=event.title,
        text=_join(event.description, event.organiser_text, event.location),
        url=event.get_absolute_url(),
        visibility=Visibility.PUBLIC,
        organisation_id=event.organisation_id,
        county_id=county_of(event.organisation),
        year_from=event.start.year,
        year_to=event.start.year,
    )


def organisation_entry(organisation: Organisation) -> Entry:
    return Entry(
        kind=DocumentKind.ORGANISATION,
        object_id=organisation.pk,
        title=organisation.name,
        text=_join(organisation.short_name, organisation.description),
        url=organisation.get_absolute_url(),
        visibility=Visibility.PUBLIC,
        organisation_id=organisation.pk,
        county_id=county_of(organisation),
    )


FACET_PREFIX = "xq"
# A closed period gives a token for each of its years, up to this many; an open one (a goal
# "tills vidare") gets ``xqyopen`` and the year filter checks its start in SQL.
MAX_FACET_YEARS = 50


def facet(kind: str, value: object) -> str:
    """Return the token of one filter value: ``facet("o", 12)`` is ``xqo12``."""
    return f"{FACET_PREFIX}{kind}{value}"


def facets(entry: Entry) -> str:
    """Return the entry's filter values as tokens for the full-text index."""
    tokens = [facet("k", entry.kind), facet("v", entry.visibility)]
    if entry.organisation_id is not None:
        tokens.append(facet("o", entry.organisation_id))
    if entry.county_id is not None:
        tokens.append(facet("c", entry.county_id))
    tokens += [facet("a", area) for area in sorted(set(entry.target_area_ids))]
    if entry.year_from is not None:
        if entry.year_to is None:
            tokens.append(facet("y", "open"))
        else:
            last = min(entry.year_to, entry.year_from + MAX_FACET_YEARS)
            tokens += [facet("y", year) for year in range(entry.year_from, last + 1)]
    return " ".join(tokens)


def _document(entry: Entry) -> SearchDocument:
    return SearchDocument(
        kind=entry.kind,
        object_id=entry.object_id,
        organisation_id=entry.organisation_id,
        county_id=entry.county_id,
        year_from=entry.year_from,
        year_to=entry.year_to,
        visibility=entry.visibility,
        title=entry.title[:MAX_TITLE],
        text=entry.text,
        url=entry.url[:300],
        title_stems=stem_text(entry.title),
        stems=stem_text(entry.text),
        facets=facets(entry),
    )


def _terms(document: SearchDocument) -> set[str]:
    return set(document.title_stems.split()) | set(document.stems.split())


def _count_terms(delta: Counter[str]) -> None:
    """Add ``delta`` to the document frequencies of the terms."""
    changed = {term: n for term, n in delta.items() if n}
    if not changed:
        return
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=term) for term in changed], ignore_conflicts=True
    )
    by_amount: dict[int, list[str]] = {}
    for term, amount in changed.items():
        by_amount.setdefault(amount, []).append(term)
    for amount, terms in by_amount.items():
        SearchTerm.objects.filter(term__in=terms).update(documents=F("documents") + amount)
    # A term no document has any longer goes, as a rebuild would leave it out.
    gone = [term for term, amount in changed.items() if amount < 0]
    if gone:
        SearchTerm.objects.filter(term__in=gone, documents__lte=0).delete()


@transaction.atomic
def store(entries: Iterable[Entry]) -> None:
    """Write the entries to the index, replacing what it held about the same objects."""
    entries = list(entries)
    if not entries:
        return
    delta: Counter[str] = Counter()
    kinds = {e.kind for e in entries}
    existing = {
        (d.kind, d.object_id): d
        for d in SearchDocument.objects.filter(
            kind__in=kinds, object_id__in={e.object_id for e in entries}
        )
    }
    through = SearchDocument.target_areas.through
    for entry in entries:
        document = _document(entry)
        old = existing.get((entry.kind, entry.object_id))
        if old is not None:
            delta.subtract(_terms(old))
            document.pk = old.pk
            document.save()
            through.objects.filter(searchdocument_id=old.pk).delete()
        else:
            document.save()
        delta.update(_terms(document))
        through.objects.bulk_create(
            [
                through(searchdocument_id=document.pk, publichealthtargetarea_id=area)
                for area in set(entry.target_area_ids)
            ]
        )
    _count_terms(delta)


@transaction.atomic
def remove(*, kind: str, object_ids: Iterable[int]) -> None:
    """Take the objects out of the index."""
    documents = list(SearchDocument.objects.filter(kind=kind, object_id__in=list(object_ids)))
    delta: Counter[str] = Counter()
    for document in documents:
        delta.subtract(_terms(document))
    SearchDocument.objects.filter(pk__in=[d.pk for d in documents]).delete()
    _count_terms(delta)


def _plan_queryset() -> object:
    return Plan.objects.select_related("organisation").prefetch_related("sections", "focus_areas")


def plan_entries(plans: Iterable[Plan]) -> list[Entry]:
    """Return the entries of the plans with all their rows and activities."""
    plans = list(plans)
    by_pk = {p.pk: p for p in plans}
    entries = [plan_entry(p) for p in plans]
    rows = (
        PlanRow.objects.filter(plan__in=plans)
        .prefetch_related("target_areas", "activities")
        .order_by("id")
    )
    for row in rows:
        plan = by_pk[row.plan_id]
        entries.append(row_entry(row, plan))
        entries.extend(activity_entry(a, row, plan) for a in row.activities.all())
    return entries


def index_plan(plan_id: int) -> None:
    """Index a plan with its rows and activities (its state decides who finds them all)."""
    plan = (
        Plan.objects.select_related("organisation")
        .prefetch_related("sections", "focus_areas")
        .filter(pk=plan_id)
        .first()
    )
    if plan is not None:
        store(plan_entries([plan]))


def index_row(row_id: int) -> None:
    row = (
        PlanRow.objects.select_related("plan", "plan__organisation")
        .prefetch_related("target_areas", "activities")
        .filter(pk=row_id)
        .first()
    )
    if row is None:
        return
    entries = [row_entry(row, row.plan)]
    entries.extend(activity_entry(a, row, row.plan) for a in row.activities.all())
    store(entries)


def index_activity(activity_id: int) -> None:
    activity = (
        Activity.objects.select_related("row", "row__plan", "row__plan__organisation")
        .prefetch_related("row__target_areas")
        .filter(pk=activity_id)
        .first()
    )
    if activity is not None:
        store([activity_entry(activity, activity.row, activity.row.plan)])


def index_goal(goal_id: int) -> None:
    goal = Goal.objects.select_related("organisation").filter(pk=goal_id).first()
    if goal is not None:
        store([goal_entry(goal)])


def index_example(example_id: int) -> None:
    example = (
        GoodExample.objects.select_related("organisation")
        .prefetch_related("partners", "target_areas")
        .filter(pk=example_id)
        .first()
    )
    if example is not None:
        store([example_entry(example)])


def index_event(event_id: int) -> None:
    event = Event.objects.select_related("organisation").filter(pk=event_id).first()
    if event is not None:
        store([event_entry(event)])


def index_organisation(organisation_id: int) -> None:
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is not None:
        store([organisation_entry(organisation)])


def _chunks(queryset: QuerySet[Any], size: int = 2000) -> Iterable[list[int]]:
    ids = [int(pk) for pk in queryset.values_list("pk", flat=True)]
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def all_entries() -> Iterable[list[Entry]]:
    """Yield the entries of everything searchable, a batch at a time."""
    for ids in _chunks(Plan.objects.order_by("pk"), 500):
        yield plan_entries(
            Plan.objects.filter(pk__in=ids)
            .select_related("organisation")
            .prefetch_related("sections", "focus_areas")
        )
    for ids in _chunks(Goal.objects.order_by("pk")):
        yield [
            goal_entry(g) for g in Goal.objects.filter(pk__in=ids).select_related("organisation")
        ]
    for ids in _chunks(GoodExample.objects.order_by("pk")):
        yield [
            example_entry(e)
            for e in GoodExample.objects.filter(pk__in=ids)
            .select_related("organisation")
            .prefetch_related("partners", "target_areas")
        ]
    for ids in _chunks(Event.objects.order_by("pk")):
        yield [
            event_entry(e) for e in Event.objects.filter(pk__in=ids).select_related("organisation")
        ]
    for ids in _chunks(Organisation.objects.order_by("pk")):
        yield [organisation_entry(o) for o in Organisation.objects.filter(pk__in=ids)]


@transaction.atomic
def rebuild() -> int:
    """Empty the index and fill it again from everything searchable; return its size."""
    through = SearchDocument.target_areas.through
    through.objects.all().delete()
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    frequencies: Counter[str] = Counter()
    total = 0
    for entries in all_entries():
        documents = SearchDocument.objects.bulk_create([_document(e) for e in entries])
        links: list[Any] = []
        for entry, document in zip(entries, documents, strict=True):
            frequencies.update(_terms(document))
            links.extend(
                through(searchdocument_id=document.pk, publichealthtargetarea_id=area)
                for area in set(entry.target_area_ids)
            )
        through.objects.bulk_create(links)
        total += len(documents)
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=t, documents=n) for t, n in frequencies.items()], batch_size=5000
    )
    return total
