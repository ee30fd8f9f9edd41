"""Reads of indicators and their values. Everyone logged in may read them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404

from framja.charts.data import (
    SEX_ORDER,
    Bar,
    Better,
    ComparisonChart,
    Point,
    Reference,
    Series,
    SexChart,
    SexGroup,
    SexValue,
    TimeSeriesChart,
)
from framja.charts.data import Sex as ChartSex
from framja.core.models import AuditEvent
from framja.indicators.keys import normalise_place
from framja.indicators.models import (
    DataSource,
    Direction,
    ImportJob,
    Indicator,
    IndicatorValue,
    Level,
    Place,
    Sex,
)
from framja.indicators.services import may_manage_indicators

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from framja.accounts.models import User

LATEST_LIMIT = 400
INDICATORS_PER_PAGE = 50


def data_source_list() -> QuerySet[DataSource]:
    return DataSource.objects.order_by("name")


def data_source_get(*, pk: int) -> DataSource:
    try:
        return DataSource.objects.get(pk=pk)
    except DataSource.DoesNotExist:
        raise Http404 from None


def indicator_list(*, source: DataSource | None = None, query: str = "") -> QuerySet[Indicator]:
    """Return the catalogue in name order, from one data source and matching ``query`` (in
    the name or the code) if given."""
    queryset = Indicator.objects.select_related("source").order_by("name", "id")
    if source is not None:
        queryset = queryset.filter(source=source)
    if query:
        queryset = queryset.filter(Q(name__icontains=query) | Q(code__icontains=query))
    return queryset


class IndicatorRow(NamedTuple):
    """One indicator as the catalogue's list shows it."""

    code: str
    name: str
    level: str
    periodicity: str
    direction: str
    source_name: str


def indicator_page(
    *, source: DataSource | None = None, query: str = "", number: str | None = None
) -> Page[IndicatorRow]:
    """Return one page of the catalogue, ``INDICATORS_PER_PAGE`` to a page, in two queries.

    The rows are plain tuples: fifty indicators and their data sources as model instances
    cost more than the rest of the list. A page number that is not a number or is below 1
    gives the first page; one past the end gives the last.
    """
    found = indicator_list(source=source, query=query)
    paginator = Paginator(
        found.values_list("code", "name", "level", "periodicity", "direction", "source__name"),
        INDICATORS_PER_PAGE,
    )
    # Counted without the data sources: the rows' join to them would be counted too.
    paginator.count = found.count()
    try:
        wanted = int(number or 1)
    except ValueError:
        wanted = 1
    page = paginator.page(min(max(wanted, 1), paginator.num_pages))
    rows = list(map(IndicatorRow._make, page.object_list))
    return Page(rows, page.number, paginator)  # type: ignore[arg-type]


def indicator_get(*, code: str) -> Indicator:
    try:
        return Indicator.objects.select_related("source").get(code=code)
    except Indicator.DoesNotExist:
        raise Http404 from None


class LatestValue(NamedTuple):
    """One value of the latest period, as the indicator page lists it."""

    place_code: str
    place_name: str
    sex: str
    value: float | None
    status: str
    source: str


@dataclass
class ValueSummary:
    """How many values an indicator has, over which periods, and the latest period's."""

    count: int
    first_period: str | None
    last_period: str | None
    latest: list[LatestValue]


def _tables() -> tuple[str, str, str]:
    """Return the quoted names of the indicator, value and place tables, for hand-written SQL."""
    quote = connection.ops.quote_name
    return (
        quote(Indicator._meta.db_table),
        quote(IndicatorValue._meta.db_table),
        quote(Place._meta.db_table),
    )


# The fields the indicator page shows, in the model's order (which Model.from_db expects);
# the PxWeb selection is left deferred.
_PAGE_FIELDS = [
    field.attname for field in Indicator._meta.concrete_fields if field.name != "pxweb_selection"
]
_SOURCE_FIELDS = ["id", "name", "publisher"]


def _latest_values(*, indicator: Indicator, period: str) -> list[LatestValue]:
    """Return up to LATEST_LIMIT values of one period as plain tuples, by place and sex.

    The page lists hundreds of them, and model instances cost more than the rest of the
    page. The values are looked up place by place in the key, (indicator, place, period),
    instead of reading all of the indicator's values for those of one period; on SQLite a
    CROSS JOIN makes it go through the places in code order, so that nothing is sorted.
    Written in SQL: the ORM's compiling and converting took longer than the query.
    """
    _indicators, values, places = _tables()
    join = "CROSS JOIN" if connection.vendor == "sqlite" else "INNER JOIN"
    sql = (
        'SELECT p."code", p."name", v."sex", v."value", v."status", v."source" '
        f'FROM {places} p {join} {values} v ON v."indicator_id" = %s '
        'AND v."place_id" = p."id" AND v."period" = %s ORDER BY p."code", v."sex" LIMIT %s'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [indicator.pk, period, LATEST_LIMIT])
        return list(map(LatestValue._make, cursor.fetchall()))


def indicator_get_with_summary(*, code: str) -> tuple[Indicator, ValueSummary]:
    """Return the indicator, its data source and the summary of its values, in two queries
    whatever their number (one if it has none).

    The first is written in SQL: the ORM took longer to build it than the database to run it.
    The indicator has only the fields its page shows (the others are deferred), its data
    source only its name and publisher.
    """
    quote = connection.ops.quote_name
    indicators = quote(Indicator._meta.db_table)
    columns = ", ".join(f"{indicators}.{quote(name)}" for name in _PAGE_FIELDS)
    source_columns = ", ".join(f"s.{quote(name)}" for name in _SOURCE_FIELDS)
    sql = (
        f"SELECT {columns}, {source_columns} FROM {indicators} "
        f'INNER JOIN {quote(DataSource._meta.db_table)} s ON s."id" = {indicators}."source_id" '
        f'WHERE {indicators}."code" = %s'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [code])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    fields = len(_PAGE_FIELDS)
    values = dict(zip(_PAGE_FIELDS, row[:fields], strict=True))
    # SQLite gives a boolean as 0 or 1.
    values["by_sex"] = bool(values["by_sex"])
    indicator = Indicator.from_db(connection.alias, _PAGE_FIELDS, list(values.values()))
    indicator.source = DataSource.from_db(connection.alias, _SOURCE_FIELDS, row[fields:])
    # The totals are those the imports stored (see ``bulk.totals_refresh``).
    last = indicator.last_period or None
    summary = ValueSummary(
        count=indicator.value_count,
        first_period=indicator.first_period or None,
        last_period=last,
        latest=_latest_values(indicator=indicator, period=last) if last else [],
    )
    return indicator, summary


def indicator_history(*, indicator: Indicator) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            object_type=Indicator._meta.label_lower, object_id=str(indicator.pk)
        ).order_by("-created_at", "-id")[:50]
    )


def place_for_key(*, key: str) -> Place | None:
    """Return the place a code ("0580", "580", "0000") or an organisation slug names."""
    return (
        Place.objects.filter(Q(code=normalise_place(key)) | Q(organisation__slug=key.strip()))
        .order_by("code")
        .first()
    )


def value_filter(
    *,
    indicator: str | None = None,
    place: str | None = None,
    period: str | None = None,
    sex: str | None = None,
) -> QuerySet[IndicatorValue]:
    """Return values matching the filters (indicator code, place code or slug, period, sex)."""
    queryset = IndicatorValue.objects.select_related("indicator", "place").order_by(
        "indicator_id", "place_id", "period", "sex"
    )
    if indicator:
        queryset = queryset.filter(indicator__code=indicator)
    if place:
        found = place_for_key(key=place)
        queryset = queryset.filter(place=found) if found else queryset.none()
    if period:
        queryset = queryset.filter(period=period.strip().upper())
    if sex:
        queryset = queryset.filter(sex=sex.strip().upper())
    return queryset


def import_job_list(*, user: User) -> list[ImportJob]:
    if not may_manage_indicators(user):
        raise PermissionDenied
    return list(ImportJob.objects.select_related("created_by").order_by("-created_at")[:20])


def import_job_get(*, user: User | AnonymousUser, pk: int) -> ImportJob:
    """Return the job for a catalogue administrator (they may all follow every import)."""
    if not may_manage_indicators(user):
        raise PermissionDenied
    try:
        return ImportJob.objects.select_related("created_by").get(pk=pk)
    except ImportJob.DoesNotExist:
        raise Http404 from None


# Charts and targeting ----------------------------------------------------------------------
#
# Each reads exactly what one chart needs in a fixed number of queries, through the values
# table's key (indicator, place, period, sex), and turns it into framja.charts data.

RIKET = "0000"
CARE_NEED_INDEX = "N00992"
SEX_PERIODS = 5
PERCENT_UNITS = {"%", "procent", "andel", "andel (%)", "procent (%)"}


def chart_better(indicator: Indicator) -> Better | None:
    """Return the indicator's direction as the charts know it."""
    if indicator.direction == Direction.HIGHER:
        return "higher"
    if indicator.direction == Direction.LOWER:
        return "lower"
    return None


def chart_unit(indicator: Indicator) -> str:
    """Return the unit the charts expect: "%" for percentages, the unit as written otherwise."""
    unit = indicator.unit.strip()
    return "%" if unit.lower() in PERCENT_UNITS else unit


def indicator_periods(*, indicator: Indicator) -> list[str]:
    """Return the indicator's periods with values, oldest first, in one query."""
    return sorted(
        IndicatorValue.objects.filter(indicator=indicator)
        .order_by()
        .values_list("period", flat=True)
        .distinct()
    )


def place_list(*, levels: Sequence[str] | None = None) -> list[Place]:
    queryset = Place.objects.order_by("code")
    if levels is not None:
        queryset = queryset.filter(level__in=levels)
    return list(queryset)


def place_by_code(*, code: str) -> Place:
    try:
        return Place.objects.get(code=code)
    except Place.DoesNotExist:
        raise Http404 from None


def _source(indicator: Indicator) -> str:
    return indicator.source.name


def time_series_chart(
    *, indicator: Indicator, place: Place, sexes: Sequence[str] = (Sex.TOTAL,)
) -> TimeSeriesChart:
    """Return every period of the indicator for one place, one series per sex, in one query."""
    rows = (
        IndicatorValue.objects.filter(indicator=indicator, place=place, sex__in=list(sexes))
        .order_by("period", "sex")
        .values_list("period", "sex", "value", "status")
    )
    points: dict[str, list[Point]] = {sex: [] for sex in sexes}
    for period, sex, value, status in rows:
        points[sex].append(Point(period, value, status))
    return time_series_from_points(indicator=indicator, place=place, points=points)


def time_series_from_points(
    *, indicator: Indicator, place: Place, points: dict[str, list[Point]]
) -> TimeSeriesChart:
    """Return the chart of points already read, one series per sex (named after the place
    when there is only the total)."""
    ordered = [sex for sex in SEX_ORDER if sex in points]
    series = [
        Series(place.name if ordered == [ChartSex.TOTAL] else ChartSex(sex).label, points[sex])
        for sex in ordered
    ]
    return TimeSeriesChart(
        title=f"{indicator.name}, {place.name}",
        unit=chart_unit(indicator),
        series=series,
        better=chart_better(indicator),
        source=_source(indicator),
    )


def region_places(region: Place) -> Q:
    """Return the filter for a region's municipalities.

    A municipality belongs to the region whose Kolada code ends in its first two digits
    (1280 to 0012), or whose organisation its organisation names as its county.
    """
    match = Q(pk__in=[])
    if len(region.code) == 4 and region.code.startswith("00") and region.code.isdigit():
        match |= Q(level=Level.MUNICIPALITY, code__startswith=region.code[2:])
    if region.organisation_id is not None:
        match |= Q(level=Level.MUNICIPALITY, organisation__county_id=region.organisation_id)
    return match


def _selection(level: str, region: Place | None) -> Q:
    if region is not None:
        return region_places(region)
    return Q(level=level)


def _references(region: Place | None) -> Q:
    match = Q(code=RIKET)
    if region is not None:
        match |= Q(pk=region.pk)
    return match


@dataclass(frozen=True)
class Values:
    """The places a chart or the targeting compares, their values and the references'."""

    places: list[Place]
    values: dict[int, tuple[float | None, str]]
    riket: Place | None
    region: Place | None

    def value(self, place: Place | None) -> float | None:
        return None if place is None else self.values.get(place.pk, (None, ""))[0]

    def status(self, place: Place | None) -> str:
        return "" if place is None else self.values.get(place.pk, (None, ""))[1]


def _values_for(
    *, indicator: Indicator, period: str, level: str, region: Place | None, sex: str
) -> Values:
    """Return the places (of the level, or the region's municipalities), the references and
    their values for one period and sex, in two queries."""
    selection = _selection(level, region)
    every = list(Place.objects.filter(selection | _references(region)).order_by("name", "code"))
    values = {
        place: (value, status)
        for place, value, status in IndicatorValue.objects.filter(
            indicator=indicator,
            period=period,
            sex=sex,
            place__in=Place.objects.filter(selection | _references(region)).values("pk"),
        )
        .order_by()
        .values_list("place_id", "value", "status")
    }
    riket = next((p for p in every if p.code == RIKET), None)
    places = [
        p for p in every if p != riket and p != region and (p.level == level or region is not None)
    ]
    return Values(places=places, values=values, riket=riket, region=region)


def comparison_chart(
    *,
    indicator: Indicator,
    period: str,
    level: str = Level.MUNICIPALITY,
    region: Place | None = None,
    sex: str = Sex.TOTAL,
    highlight: Place | None = None,
) -> ComparisonChart:
    """Return one period's value for every place of a level, or for the municipalities of a
    region, with the region and Riket as reference lines, in two queries."""
    data = _values_for(indicator=indicator, period=period, level=level, region=region, sex=sex)
    bars = [
        Bar(
            place.name,
            data.value(place),
            highlight=highlight is not None and place.pk == highlight.pk,
            status=data.status(place),
        )
        for place in data.places
    ]
    references = [
        Reference(reference.name, data.value(reference), data.status(reference))
        for reference in (region, data.riket)
        if reference is not None
    ]
    noun = "regioner" if region is None and level == Level.REGION else "kommuner"
    title = f"{indicator.name} {period}"
    if region is not None:
        title += f", kommuner i {region.name}"
    else:
        title += f", alla {noun}"
    if sex != Sex.TOTAL:
        title += f", {ChartSex(sex).label.lower()}"
    return ComparisonChart(
        title=title,
        unit=chart_unit(indicator),
        period=period,
        bars=bars,
        references=references,
        better=chart_better(indicator),
        source=_source(indicator),
        noun=noun,
    )


def sex_chart(*, indicator: Indicator, place: Place, periods: Sequence[str] = ()) -> SexChart:
    """Return women, men and all for one place, in the given periods or the latest five that
    have values, in one query."""
    queryset = IndicatorValue.objects.filter(indicator=indicator, place=place)
    if periods:
        queryset = queryset.filter(period__in=list(periods))
    by_period: dict[str, list[SexValue]] = {}
    for period, sex, value, status in queryset.order_by("period", "sex").values_list(
        "period", "sex", "value", "status"
    ):
        by_period.setdefault(period, []).append(SexValue(ChartSex(sex), value, status))
    chosen = sorted(by_period)[-SEX_PERIODS:] if not periods else sorted(by_period)
    return SexChart(
        title=f"{indicator.name}, {place.name}, efter kön",
        unit=chart_unit(indicator),
        groups=[SexGroup(period, by_period[period]) for period in chosen],
        better=chart_better(indicator),
        source=_source(indicator),
    )


@dataclass(frozen=True)
class TargetRow:
    """One place in the targeting list: its rank (None without a value), value, whether it
    is worse than the reference, and its Care Need Index if loaded."""

    place: Place
    rank: int | None
    value: float | None
    status: str
    worse: bool
    care_need: float | None
    care_need_period: str | None


@dataclass(frozen=True)
class Targeting:
    indicator: Indicator
    period: str
    level: str
    reference: Place | None
    reference_value: float | None
    rows: list[TargetRow]
    care_need_indicator: Indicator | None

    @property
    def worse_count(self) -> int:
        return sum(1 for row in self.rows if row.worse)


def _rank(rows: list[tuple[Place, float | None, str]]) -> list[int | None]:
    """Return each row's rank, equal values sharing the better rank; rows are sorted."""
    ranks: list[int | None] = []
    previous: float | None = None
    for position, (_place, value, _status) in enumerate(rows, start=1):
        if value is None:
            ranks.append(None)
            continue
        if ranks and previous == value:
            ranks.append(ranks[-1])
        else:
            ranks.append(position)
        previous = value
    return ranks


def targeting(
    *, indicator: Indicator, period: str, level: str, region: Place | None = None
) -> Targeting:
    """Rank the places of a level (or a region's municipalities) best first for one period,
    flag those worse than the reference (the region, else Riket), and add each place's Care
    Need Index (the same period if there is one, else the latest). Four queries."""
    data = _values_for(
        indicator=indicator, period=period, level=level, region=region, sex=Sex.TOTAL
    )
    better = chart_better(indicator)
    reference = region if region is not None else data.riket
    reference_value = data.value(reference)
    present = [(p, data.value(p), data.status(p)) for p in data.places if data.value(p) is not None]
    missing = [(p, None, data.status(p)) for p in data.places if data.value(p) is None]
    present.sort(key=lambda row: row[1] or 0.0, reverse=better != "lower")
    ordered: list[tuple[Place, float | None, str]] = [*present, *missing]
    ranks = _rank(ordered)

    care_need_indicator = (
        Indicator.objects.filter(kolada_kpi_id=CARE_NEED_INDEX).order_by("pk").first()
    )
    care: dict[int, tuple[str, float | None]] = {}
    if care_need_indicator is not None:
        rows = (
            IndicatorValue.objects.filter(
                indicator=care_need_indicator,
                sex=Sex.TOTAL,
                place__in=Place.objects.filter(_selection(level, region)).values("pk"),
                value__isnull=False,
            )
            .order_by("place_id", "period")
            .values_list("place_id", "period", "value")
        )
        for place_id, value_period, value in rows:
            # The same period wins; otherwise the latest, which comes last.
            if care.get(place_id, ("",))[0] != period:
                care[place_id] = (value_period, value)

    def worse(value: float | None) -> bool:
        if value is None or reference_value is None or better is None:
            return False
        return value < reference_value if better == "higher" else value > reference_value

    return Targeting(
        indicator=indicator,
        period=period,
        level=level,
        reference=reference,
        reference_value=reference_value,
        rows=[
            TargetRow(
                place=place,
                rank=rank,
                value=value,
                status=status,
                worse=worse(value),
                care_need=care.get(place.pk, (None, None))[1],
                care_need_period=care.get(place.pk, (None, None))[0],
            )
            for (place, value, status), rank in zip(ordered, ranks, strict=True)
        ],
        care_need_indicator=care_need_indicator,
    )
