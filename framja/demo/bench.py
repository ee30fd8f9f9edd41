"""A deterministic dataset at national scale, for the benchmarks in bench/.

``generate(scale)`` adds, beside the 21 regions and 290 municipalities the migrations load,
organisations under the regions, people, plans with rows, statuses and activities, goals with
assessments, and indicators with values. Everything comes from one seeded random generator,
so two runs give the same content. Rows are written with ``bulk_create`` (and the values with
the import's bulk writer), not through the audited services: the history stays empty, as a
freshly migrated installation that has been filled by import would be. Every name says
"Test" so it is never mistaken for real data.
"""

from __future__ import annotations

import datetime
import math
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from framja.accounts.models import User
from framja.goals.models import Assessment, Goal, GoalRating
from framja.indicators.bulk import write_rows
from framja.indicators.models import DataSource, Indicator, Level, Place
from framja.knowledge import index as search_index
from framja.knowledge.models import ExampleStatus, GoodExample
from framja.organisations.models import (
    AccessLevel,
    Organisation,
    OrganisationAccess,
    OrganisationKind,
    Person,
    child_path,
    path_depth,
)
from framja.plans.models import Activity, Plan, PlanRow, PlanState, Rating, StatusEntry
from framja.plans.services import row_activity_refresh, row_status_refresh
from framja.surveys.models import (
    Answer,
    Question,
    QuestionKind,
    Response,
    ResponseState,
    Section,
    Survey,
    SurveyState,
)

SEED = 2026
BENCH_EMAIL = "bench@framja.example"
BENCH_PASSWORD = "bench"
FIRST_YEAR = 2022
SEXES = ("K", "M", "T")
BATCH = 5000
KINDS = [
    OrganisationKind.RPO,
    OrganisationKind.RAG,
    OrganisationKind.LOCAL_COLLABORATION,
    OrganisationKind.THEME_GROUP,
    OrganisationKind.OTHER,
]
WORDS = [
    "hälsosamtal",
    "levnadsvanor",
    "tobak",
    "alkohol",
    "fysisk",
    "aktivitet",
    "matvanor",
    "sömn",
    "psykisk",
    "hälsa",
    "föräldraskap",
    "skola",
    "äldre",
    "jämlik",
    "vård",
    "screening",
    "prevention",
    "samverkan",
    "uppföljning",
    "kunskapsstöd",
    "utbildning",
    "dialog",
    "nätverk",
    "riktade",
    "insatser",
    "barn",
    "unga",
]


@dataclass(frozen=True)
class Scale:
    """How much of everything to make."""

    organisations: int
    people: int
    plans: int
    rows_per_plan: int
    statuses_per_row: int
    activities_per_row: int
    goals: int
    assessments_per_goal: int
    indicators: int
    values: int
    surveys: int
    examples: int


SCALES = {
    "national": Scale(
        organisations=2000,
        people=20_000,
        plans=5000,
        rows_per_plan=20,
        statuses_per_row=3,
        activities_per_row=2,
        goals=20_000,
        assessments_per_goal=2,
        indicators=500,
        values=10_000_000,
        surveys=200,
        examples=10_000,
    ),
    "small": Scale(
        organisations=20,
        people=50,
        plans=12,
        rows_per_plan=5,
        statuses_per_row=3,
        activities_per_row=2,
        goals=30,
        assessments_per_goal=2,
        indicators=4,
        values=4000,
        surveys=3,
        examples=20,
    ),
}


def _batched[T](items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _create[M: models.Model](model: type[M], objects: Iterable[M]) -> list[M]:
    created: list[M] = []
    for chunk in _batched(objects):
        created.extend(model._default_manager.bulk_create(chunk))
    return created


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


Report = Callable[[str], None]


def generate(scale: Scale, *, report: Report = lambda line: None) -> dict[str, int]:
    """Add the dataset to the database and return how many of each were made."""
    rng = random.Random(SEED)
    counts: dict[str, int] = {}

    def step(name: str, work: Callable[[], int]) -> None:
        started = time.monotonic()
        counts[name] = work()
        report(f"{name}: {counts[name]} ({time.monotonic() - started:.1f} s)")

    with transaction.atomic():
        step("organisations", lambda: len(_organisations(rng, scale)))
    organisations = list(Organisation.objects.filter(slug__startswith="test-").order_by("pk"))
    with transaction.atomic():
        step("people", lambda: _people(rng, scale, organisations))
        step("plans", lambda: _plans(rng, scale, organisations))
        step("plan rows", PlanRow.objects.count)
        step("statuses", StatusEntry.objects.count)
        step("activities", Activity.objects.count)
        step("goals", lambda: _goals(rng, scale, organisations))
        step("assessments", Assessment.objects.count)
        step("bench user", lambda: _bench_user(organisations))
    with transaction.atomic():
        step("surveys", lambda: _surveys(rng, scale, organisations))
        step("survey answers", Answer.objects.count)
        step("good examples", lambda: _examples(rng, scale, organisations))
    step("indicators", lambda: _indicators(scale))
    step("indicator values", lambda: _values(rng, scale, report))
    # The rows above were written in bulk, past the saves that keep the search index.
    step("search index", search_index.rebuild)
    if connection.vendor == "postgresql":
        # As after any bulk load: fresh statistics, or PostgreSQL's planner works from guesses,
        # and a vacuumed visibility map, or counting through an index reads every row too,
        # until autovacuum gets round to the tables. VACUUM runs outside a transaction.
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)" if connection.get_autocommit() else "ANALYZE")
        report(f"VACUUM and statistics (ANALYZE): {time.monotonic() - started:.1f} s")
    return counts


def _organisations(rng: random.Random, scale: Scale) -> list[Organisation]:
    regions = list(Organisation.objects.filter(kind=OrganisationKind.REGION).order_by("code"))
    made = _create(
        Organisation,
        (
            Organisation(
                kind=KINDS[number % len(KINDS)],
                name=f"Testorganisation {number:04d} ({rng.choice(WORDS)})",
                short_name=f"Test {number:04d}",
                slug=f"test-{number:04d}",
                parent=regions[number % len(regions)],
                county=regions[number % len(regions)],
                description="Testdata för prestandamätningar.",
            )
            for number in range(1, scale.organisations + 1)
        ),
    )
    if made and made[0].pk is None:  # an older SQLite without RETURNING
        made = list(Organisation.objects.filter(slug__startswith="test-").order_by("pk"))
    paths = {region.pk: region.path for region in regions}
    for organisation in made:
        organisation.path = child_path(paths[organisation.parent_id or 0], organisation.pk)
        organisation.depth = path_depth(organisation.path)
    Organisation.objects.bulk_update(made, ["path", "depth"], batch_size=BATCH)
    return made


def _people(rng: random.Random, scale: Scale, organisations: list[Organisation]) -> int:
    first = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Anders", "Sara", "Omar"]
    last = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Ali"]
    return len(
        _create(
            Person,
            (
                Person(
                    name=f"{rng.choice(first)} {rng.choice(last)} (test {number})",
                    email=f"person{number}@test.framja.example",
                    title=_text(rng, 2),
                    home_organisation=organisations[number % len(organisations)],
                )
                for number in range(1, scale.people + 1)
            ),
        )
    )


def _plans(rng: random.Random, scale: Scale, organisations: list[Organisation]) -> int:
    years = math.ceil(scale.plans / len(organisations))
    plans = _create(
        Plan,
        (
            Plan(
                organisation=organisations[number % len(organisations)],
                year=FIRST_YEAR + (number // len(organisations)) % max(years, 1),
                title=f"Handlingsplan {number} (test)",
                state=PlanState.ADOPTED if number % 3 else PlanState.DRAFT,
                published=number % 2 == 0,
                keywords=_text(rng, 3),
            )
            for number in range(scale.plans)
        ),
    )
    if plans and plans[0].pk is None:
        plans = list(Plan.objects.filter(title__endswith="(test)").order_by("pk"))
    rows = _create(
        PlanRow,
        (
            PlanRow(
                plan=plan,
                order=order,
                title=_text(rng, 4),
                description=_text(rng, 12),
                follow_up=_text(rng, 6),
            )
            for plan in plans
            for order in range(1, scale.rows_per_plan + 1)
        ),
    )
    if rows and rows[0].pk is None:
        rows = list(PlanRow.objects.filter(plan__in=plans).order_by("pk"))
    ratings = list(Rating)
    _create(
        StatusEntry,
        (
            StatusEntry(
                row=row,
                date=datetime.date(FIRST_YEAR, 3 + 3 * number, 15),
                rating=rng.choice(ratings),
                comment=_text(rng, 5),
            )
            for row in rows
            for number in range(scale.statuses_per_row)
        ),
    )
    row_status_refresh(rows=PlanRow.objects.filter(plan__in=plans))
    # Each row's activities, as the seed plans have them: one for a period ending in some
    # month of the plan's year, the next for the whole year; some of them done.
    plan_years = {plan.pk: plan.year for plan in plans}
    _create(
        Activity,
        (
            Activity(
                row=row,
                plan_id=row.plan_id,
                order=order,
                text=_text(rng, 6),
                whole_year=order % 2 == 0,
                start=None if order % 2 == 0 else datetime.date(plan_years[row.plan_id], 1, 15),
                end=None
                if order % 2 == 0
                else datetime.date(plan_years[row.plan_id], rng.randint(3, 12), 28),
                done=rng.random() < 0.4,
            )
            for row in rows
            for order in range(1, scale.activities_per_row + 1)
        ),
    )
    row_activity_refresh(rows=PlanRow.objects.filter(plan__in=plans))
    return len(plans)


def _goals(rng: random.Random, scale: Scale, organisations: list[Organisation]) -> int:
    goals = _create(
        Goal,
        (
            Goal(
                organisation=organisations[number % len(organisations)],
                text=_text(rng, 8),
                start_year=FIRST_YEAR,
                end_year=FIRST_YEAR + 4,
                order=number // len(organisations),
            )
            for number in range(scale.goals)
        ),
    )
    if goals and goals[0].pk is None:
        goals = list(Goal.objects.filter(organisation__slug__startswith="test-").order_by("pk"))
    ratings = list(GoalRating)
    now = timezone.now()
    _create(
        Assessment,
        (
            Assessment(
                goal=goal,
                period=str(FIRST_YEAR + number),
                rating=rng.choice(ratings),
                result=_text(rng, 10),
                analysis=_text(rng, 10),
                assessed_by_name="Test",
                assessed_at=now,
            )
            for goal in goals
            for number in range(scale.assessments_per_goal)
        ),
    )
    return len(goals)


SURVEY_QUESTIONS = [
    (QuestionKind.YES_NO, [], []),
    (QuestionKind.SINGLE, ["Region", "Kommun", "Båda"], []),
    (QuestionKind.MULTIPLE, ["Tobak", "Alkohol", "Fysisk aktivitet", "Matvanor"], []),
    (QuestionKind.SCALE, [], ["Inte alls", "Lite", "Delvis", "Mycket", "Helt"]),
    (QuestionKind.NUMBER, [], []),
    (QuestionKind.TEXT, [], []),
]


def _answer(rng: random.Random, kind: str, choices: list[str]) -> Any:
    match kind:
        case QuestionKind.YES_NO:
            return rng.random() < 0.6
        case QuestionKind.SINGLE:
            return rng.choice(choices)
        case QuestionKind.MULTIPLE:
            return sorted(rng.sample(choices, rng.randint(1, len(choices))))
        case QuestionKind.SCALE:
            return rng.randint(1, 5)
        case QuestionKind.NUMBER:
            return rng.randint(0, 40)
    return _text(rng, 12)


def _surveys(rng: random.Random, scale: Scale, organisations: list[Organisation]) -> int:
    """Sent surveys, each to the 21 regions, with every region's answers handed in."""
    regions = list(Organisation.objects.filter(kind=OrganisationKind.REGION).order_by("code"))
    now = timezone.now()
    surveys = _create(
        Survey,
        (
            Survey(
                organisation=organisations[number % len(organisations)],
                title=f"Enkät {number + 1}: {_text(rng, 4)}",
                year=FIRST_YEAR + number % 5,
                state=SurveyState.SENT,
                deadline=datetime.date(FIRST_YEAR + number % 5, 11, 30),
                sent_at=now,
            )
            for number in range(scale.surveys)
        ),
    )
    if surveys and surveys[0].pk is None:
        surveys = list(Survey.objects.filter(title__startswith="Enkät ").order_by("pk"))
    sections = _create(Section, (Section(survey=survey, title="Frågor") for survey in surveys))
    if sections and sections[0].pk is None:
        sections = list(Section.objects.filter(survey__in=surveys).order_by("survey_id"))
    questions = _create(
        Question,
        (
            Question(
                survey=section.survey,
                section=section,
                order=order,
                kind=kind,
                text=_text(rng, 8) + "?",
                choices=choices,
                scale_labels=labels,
            )
            for section in sections
            for order, (kind, choices, labels) in enumerate(SURVEY_QUESTIONS)
        ),
    )
    if questions and questions[0].pk is None:
        questions = list(Question.objects.filter(survey__in=surveys).order_by("survey_id", "order"))
    by_survey: dict[int, list[Question]] = {}
    for question in questions:
        by_survey.setdefault(question.survey_id, []).append(question)
    responses = _create(
        Response,
        (
            Response(
                survey=survey,
                organisation=region,
                state=ResponseState.SUBMITTED,
                share_named=rng.random() < 0.5,
                updated_at=now,
                submitted_at=now,
            )
            for survey in surveys
            for region in regions
        ),
    )
    if responses and responses[0].pk is None:
        responses = list(Response.objects.filter(survey__in=surveys).order_by("pk"))
    _create(
        Answer,
        (
            Answer(
                response=response,
                question=question,
                value=_answer(rng, question.kind, question.choices),
            )
            for response in responses
            for question in by_survey[response.survey_id]
        ),
    )
    return len(surveys)


def _examples(rng: random.Random, scale: Scale, organisations: list[Organisation]) -> int:
    """Good examples, each from one of the organisations, in one of the counties."""
    regions = list(Organisation.objects.filter(kind=OrganisationKind.REGION).order_by("code"))
    statuses = list(ExampleStatus)
    _create(
        GoodExample,
        (
            GoodExample(
                title=f"Exempel {number + 1}: {_text(rng, 5)}",
                summary=_text(rng, 20),
                description=_text(rng, 60),
                organisation=organisations[number % len(organisations)],
                county=regions[number % len(regions)],
                target_groups=_text(rng, 3),
                keywords=_text(rng, 4),
                start=datetime.date(FIRST_YEAR + number % 5, 1, 1),
                status=statuses[number % len(statuses)],
            )
            for number in range(scale.examples)
        ),
    )
    return scale.examples


def _bench_user(organisations: list[Organisation]) -> int:
    """Make the login the page benchmark uses: administrator of the first organisation."""
    user = User.objects.filter(email=BENCH_EMAIL).first()
    if user is None:
        user = User.objects.create_user(BENCH_EMAIL, BENCH_PASSWORD, full_name="Test Mätning")
    OrganisationAccess.objects.get_or_create(
        user=user, organisation=organisations[0], defaults={"level": AccessLevel.ADMIN}
    )
    return 1


def _indicators(scale: Scale) -> int:
    source = DataSource.objects.get(name="Kolada")
    _create(
        Indicator,
        (
            Indicator(code=f"test-{number:04d}", name=f"Testindikator {number}", source=source)
            for number in range(1, scale.indicators + 1)
        ),
    )
    return scale.indicators


def _values(rng: random.Random, scale: Scale, report: Report) -> int:
    places = list(
        Place.objects.filter(level__in=[Level.COUNTRY, Level.REGION, Level.MUNICIPALITY])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    per_indicator = math.ceil(scale.values / scale.indicators)
    years = max(1, math.ceil(per_indicator / (len(places) * len(SEXES))))
    indicators = list(
        Indicator.objects.filter(code__startswith="test-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    now = timezone.now()
    total = 0
    for chunk in _batched(indicators, 20):
        rows: list[Any] = []
        for indicator in chunk:
            base = rng.uniform(5, 500)
            keys = (
                (place, str(2026 - years + year), sex)
                for year in range(years)
                for place in places
                for sex in SEXES
            )
            for place, period, sex in islice(keys, per_indicator):
                rows.append(
                    (indicator, place, period, sex, round(base * rng.uniform(0.6, 1.4), 1), "")
                )
        with transaction.atomic():
            total += write_rows(rows, source="Testdata", now=now).created
        report(f"  values: {total}")
    return total


# --- Page timings --------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    """One page's server times over the runs, in milliseconds."""

    label: str
    url: str
    median: float
    p95: float
    queries: int


def bench_pages() -> list[tuple[str, str]]:
    """Return the main pages, as label and URL, for the benchmark's login."""
    from django.urls import reverse

    organisation = Organisation.objects.get(slug="test-0001")
    plan = (
        Plan.objects.filter(organisation=organisation)
        .annotate(size=models.Count("rows"))
        .order_by("-size", "pk")
        .first()
    )
    goal = Goal.objects.filter(organisation=organisation).order_by("pk").first()
    indicator = Indicator.objects.filter(code__startswith="test-").order_by("pk").first()
    region = organisation.parent
    if plan is None or goal is None or indicator is None or region is None:
        raise LookupError("Skapa testdata först: framja bench generate")
    slug = {"slug": organisation.slug}
    return [
        ("Startsidan", reverse("home")),
        ("Organisationer (trädet)", reverse("organisations:tree")),
        ("Organisationen", reverse("organisations:detail", kwargs=slug)),
        ("Historik", reverse("organisations:history", kwargs=slug)),
        ("Planer", reverse("plans:list", kwargs=slug)),
        ("En plan med alla rader", reverse("plans:detail", kwargs={"pk": plan.pk})),
        ("Sammanställning (regionen)", reverse("plans:rollup", kwargs={"slug": region.slug})),
        ("Mål", reverse("goals:list", kwargs=slug)),
        ("Måluppfyllelse", reverse("goals:overview", kwargs=slug)),
        ("Ett mål", reverse("goals:goal_detail", kwargs={"pk": goal.pk})),
        ("Indikatorer", reverse("indicators:list")),
        ("En indikator", reverse("indicators:detail", kwargs={"code": indicator.code})),
        ("API: organisationens planer", f"/api/plans/?organisation={organisation.slug}"),
    ]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]


def time_pages(*, runs: int) -> tuple[Timing, list[Timing]]:
    """Time the empty floor page and every main page through the full middleware.

    Each page is requested once to warm up, then ``runs`` times; the time is from the
    request entering Django to the response leaving it (the test client's handler, no
    network). Must run with ROOT_URLCONF = "framja.demo.bench_urls".
    """
    import statistics

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from framja.demo.bench_urls import FLOOR_PATH

    client = Client()
    client.force_login(User.objects.get(email=BENCH_EMAIL))

    def measure(label: str, url: str) -> Timing:
        response = client.get(url)
        if response.status_code != 200:
            raise AssertionError(f"{label} ({url}): {response.status_code}")
        # Django empties the query log when a request starts; start counting from zero.
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries = len(captured.captured_queries)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            reset_queries()
        return Timing(
            label,
            url,
            statistics.median(timings),
            _percentile(timings, 0.95),
            queries,
        )

    floor = measure("Tom sida (golvet)", FLOOR_PATH)
    return floor, [measure(label, url) for label, url in bench_pages()]
