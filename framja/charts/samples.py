"""Charts built from generated numbers, for the tests, the benchmark and looking at charts."""

import random

from framja.charts.data import (
    Bar,
    ComparisonChart,
    Point,
    Reference,
    Series,
    Sex,
    SexChart,
    SexGroup,
    SexValue,
    TimeSeriesChart,
)

SKANE = (
    "Bjuv", "Bromölla", "Burlöv", "Båstad", "Eslöv", "Helsingborg", "Hässleholm", "Höganäs",
    "Hörby", "Höör", "Klippan", "Kristianstad", "Kävlinge", "Landskrona", "Lomma", "Lund",
    "Malmö", "Osby", "Perstorp", "Simrishamn", "Sjöbo", "Skurup", "Staffanstorp", "Svalöv",
    "Svedala", "Tomelilla", "Trelleborg", "Vellinge", "Ystad", "Åstorp", "Ängelholm",
    "Örkelljunga", "Östra Göinge",
)  # fmt: skip


def comparison(places: int = 33, seed: int = 1) -> ComparisonChart:
    """Return `places` places, Lund highlighted, the sixth missing, region and Riket to compare."""
    rnd = random.Random(seed)
    names = [SKANE[i] if i < len(SKANE) else f"Kommun {i + 1}" for i in range(places)]
    bars = [Bar(name, round(rnd.uniform(12, 42), 1), highlight=name == "Lund") for name in names]
    if places > 5:
        bars[5] = Bar(names[5], None, status="för få svar")
    references = [Reference("Region Skåne", 27.4), Reference("Riket", 25.0)]
    return ComparisonChart(
        "Andel vuxna med fetma",
        "%",
        "2024",
        bars,
        references,
        better="lower",
        source="Folkhälsomyndigheten",
    )


def time_series(years: int = 20, seed: int = 2) -> TimeSeriesChart:
    """Return women, men and everyone over `years` years, with one gap."""
    rnd = random.Random(seed)
    series = []
    for sex, start in ((Sex.WOMEN, 30.0), (Sex.MEN, 26.0), (Sex.TOTAL, 28.0)):
        value = start
        points = []
        for i in range(years):
            value += rnd.uniform(-1.0, 1.3)
            gap = sex is Sex.MEN and i == 3
            points.append(Point(str(2005 + i), None if gap else round(value, 1)))
        series.append(Series(sex.label, points))
    return TimeSeriesChart("Andel vuxna med fetma, Malmö", "%", series, better="lower")


def sex_chart(periods: tuple[str, ...] = ("2016", "2020", "2024"), seed: int = 3) -> SexChart:
    """Return a breakdown by sex for a few periods."""
    rnd = random.Random(seed)
    groups = [
        SexGroup(period, [SexValue(sex, round(rnd.uniform(20, 36), 1)) for sex in Sex])
        for period in periods
    ]
    return SexChart("Andel vuxna med fetma efter kön, Malmö", "%", groups)
