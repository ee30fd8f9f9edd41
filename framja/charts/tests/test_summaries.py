"""Summary sentences, number formatting and ordering of the chart data."""

from collections.abc import Sequence
from typing import Any

import pytest

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
    ordinal,
)
from framja.charts.numbers import format_exact, format_number, format_value


def series(label: str, values: Sequence[float | None], start: int = 2015) -> Series:
    return Series(label, [Point(str(start + i), v) for i, v in enumerate(values)])


def test_numbers_are_formatted_the_swedish_way():
    assert format_number(31.26, 1) == "31,3"
    assert format_number(1234567.891, 2) == "1\u00a0234\u00a0567,89"
    assert format_number(-12.34, 1) == "\u221212,3"
    assert format_number(-0.04, 1) == "0,0"
    assert format_number(7, 0) == "7"
    assert format_value(35, "%") == "35,0\u00a0%"
    assert format_value(None, "%") == "uppgift saknas"
    assert format_value(4.56, "per 1 000 invånare", 2) == "4,56"


def test_exact_numbers_keep_every_digit_without_exponent():
    assert format_exact(31.25) == "31,25"
    assert format_exact(0.00001) == "0,00001"
    assert format_exact(-2.5) == "-2,5"
    assert format_exact(35.0) == "35,0"


def test_non_finite_values_are_refused():
    with pytest.raises(ValueError, match="Malmö"):
        Bar("Malmö", float("nan"))
    with pytest.raises(ValueError, match="ändligt"):
        format_number(float("inf"))


def test_ordinals():
    assert [ordinal(n) for n in (1, 2, 3, 11, 12, 21, 22, 101, 111)] == [
        "1:a",
        "2:a",
        "3:e",
        "11:e",
        "12:e",
        "21:a",
        "22:a",
        "101:a",
        "111:e",
    ]


# Time series


def test_one_series_that_rises():
    chart = TimeSeriesChart("Fetma", "%", [series("Malmö", [31.3, 32.0, 35.0])])
    assert chart.summary() == "Andelen ökade från 31,3\u00a0% år 2015 till 35,0\u00a0% år 2017."


def test_direction_tells_whether_a_change_is_better():
    falling = [series("Malmö", [20.0, 18.5])]
    lower = TimeSeriesChart("Rökning", "%", falling, better="lower")
    higher = TimeSeriesChart("Rökning", "%", falling, better="higher")
    assert lower.summary().endswith("till 18,5\u00a0% år 2016, en förbättring.")
    assert higher.summary().endswith("till 18,5\u00a0% år 2016, en försämring.")


def test_gaps_are_named():
    chart = TimeSeriesChart("Fetma", "%", [series("Malmö", [30.0, None, None, 33.0])])
    assert chart.summary() == (
        "Andelen ökade från 30,0\u00a0% år 2015 till 33,0\u00a0% år 2018; "
        "uppgift saknas för 2016 och 2017."
    )


def test_many_gaps_are_counted():
    values = [1.0, None, None, None, None, None, 2.0]
    chart = TimeSeriesChart("Antal", "antal", [series("Malmö", values)])
    assert chart.summary() == (
        "Antalet ökade från 1,0 år 2015 till 2,0 år 2021; uppgift saknas för 5 av 7 perioder."
    )


def test_one_point():
    chart = TimeSeriesChart("Fetma", "%", [series("Malmö", [None, 12.0, None])])
    assert chart.summary() == ("Andelen var 12,0\u00a0% år 2016; uppgift saknas för 2015 och 2017.")


def test_all_missing():
    chart = TimeSeriesChart("Fetma", "%", [series("Malmö", [None, None])])
    assert chart.summary() == "Uppgift saknas för alla perioder 2015–2016."
    assert TimeSeriesChart("Tom", "%", []).summary() == "Diagrammet har inga värden."


def test_unchanged_value_agrees_with_the_noun():
    share = TimeSeriesChart("A", "%", [series("Malmö", [35.0, 35.04])])
    count = TimeSeriesChart("B", "antal", [series("Malmö", [35.0, 35.0])])
    assert share.summary() == "Andelen var oförändrad på 35,0\u00a0% både år 2015 och 2016."
    assert count.summary() == "Antalet var oförändrat på 35,0 både år 2015 och 2016."


def test_other_units_are_named_at_the_first_value_and_negatives_get_a_minus():
    chart = TimeSeriesChart("Flytt", "per 1 000 invånare", [series("Malmö", [2.5, -1.5])])
    assert chart.summary() == (
        "Värdet minskade från 2,5 per 1 000 invånare år 2015 till \u22121,5 år 2016."
    )


def test_several_series():
    chart = TimeSeriesChart(
        "Fetma",
        "%",
        [
            series("Malmö", [31.3, 35.0]),
            series("Region Skåne", [30.0, 29.0]),
            series("Lund", [None, None]),
            series("Riket", [27.0, 27.0], start=2016),
        ],
    )
    assert chart.summary() == (
        "Andelen ökade för Malmö från 31,3\u00a0% år 2015 till 35,0\u00a0% år 2016, "
        "minskade för Region Skåne från 30,0\u00a0% till 29,0\u00a0% "
        "och var oförändrad för Riket på 27,0\u00a0% både år 2016 och 2017; "
        "uppgift saknas för Lund."
    )


def test_series_refuse_the_same_period_twice():
    with pytest.raises(ValueError, match="Malmö"):
        Series("Malmö", [Point("2020", 1.0), Point("2020", 2.0)])


# Comparison


def comparison(values: Sequence[tuple[str, float | None]], **kwargs: Any) -> ComparisonChart:
    bars = [Bar(label, value, highlight=label == "Lund") for label, value in values]
    return ComparisonChart("Fetma", "%", "2024", bars, **kwargs)


def test_comparison_names_highest_lowest_and_counts_against_references():
    chart = comparison(
        [("Lund", 18.3), ("Malmö", 42.1), ("Ystad", 25.0), ("Eslöv", 30.0)],
        references=[Reference("Riket", 25.0)],
    )
    assert chart.summary() == (
        "Högst år 2024 har Malmö (42,1\u00a0%), lägst Lund (18,3\u00a0%); "
        "2 av 4 kommuner ligger över Riket (25,0\u00a0%) och 1 under, 1 på samma värde; "
        "Lund (18,3\u00a0%) är 4:e högst av 4."
    )


def test_comparison_is_sorted_best_first_and_missing_last():
    values = [("A", 2.0), ("B", None), ("C", 3.0), ("D", 1.0), ("E", 3.0)]
    assert [b.label for b in comparison(values).sorted_bars()] == ["C", "E", "A", "D", "B"]
    higher = comparison(values, better="higher").sorted_bars()
    assert [b.label for b in higher] == ["C", "E", "A", "D", "B"]
    lower = comparison(values, better="lower").sorted_bars()
    assert [b.label for b in lower] == ["D", "A", "C", "E", "B"]


def test_comparison_rank_follows_direction_and_ties_share_a_place():
    values = [("Lund", 18.3), ("Malmö", 42.1), ("Ystad", 18.3), ("Eslöv", 10.0)]
    chart = comparison(values, better="lower")
    assert chart.summary() == (
        "Högst år 2024 har Malmö (42,1\u00a0%), lägst Eslöv (10,0\u00a0%); "
        "Lund (18,3\u00a0%) är 2:a bäst av 4."
    )
    best = comparison([("Lund", 5.0), ("Malmö", 9.0)], better="lower")
    assert best.summary().endswith("Lund (5,0\u00a0%) är bäst av 2.")


def test_comparison_ties_at_the_top_and_bottom_are_all_named():
    values = [("A", 5.0), ("B", 5.0), ("C", 1.0), ("D", 1.0), ("E", 1.0), ("F", 1.0)]
    assert comparison(values).summary() == (
        "Högst år 2024 har A och B (5,0\u00a0%), lägst 4 kommuner (1,0\u00a0%)."
    )


def test_comparison_with_equal_values_negative_values_and_missing_ones():
    assert comparison([("A", 2.0), ("B", 2.0)]).summary() == (
        "Alla 2 kommuner har 2,0\u00a0% år 2024."
    )
    chart = ComparisonChart(
        "Flytt",
        "per 1 000 invånare",
        "2024",
        [Bar("A", -3.25), Bar("B", 4.0), Bar("C", None)],
        references=[Reference("Riket", None)],
        noun="regioner",
    )
    assert chart.summary() == (
        "Högst år 2024 har B (4,0 per 1 000 invånare), lägst A (\u22123,2); "
        "uppgift saknas för Riket; uppgift saknas för C."
    )


def test_comparison_with_one_value_or_none():
    assert comparison([("Lund", 3.0), ("B", None)]).summary() == (
        "Lund har 3,0\u00a0% år 2024; uppgift saknas för B."
    )
    assert comparison([("A", None), ("B", None)]).summary() == (
        "Uppgift saknas för alla 2 kommuner år 2024."
    )
    assert comparison([]).summary() == "Diagrammet har inga kommuner år 2024."


def test_unknown_direction_is_refused():
    with pytest.raises(ValueError, match="riktning"):
        ComparisonChart("A", "%", "2024", [], better="up")  # type: ignore[arg-type]


# Sex


def sex_group(period: str, women: float | None, men: float | None, total: float | None) -> SexGroup:
    return SexGroup(
        period,
        [SexValue(Sex.TOTAL, total), SexValue(Sex.MEN, men), SexValue(Sex.WOMEN, women)],
    )


def test_sex_summary_speaks_of_the_latest_period_women_first():
    chart = SexChart(
        "Fetma", "%", [sex_group("2024", 35.2, 28.9, 32.0), sex_group("2020", 1.0, 2.0, 3.0)]
    )
    assert chart.summary() == (
        "Kvinnor 35,2\u00a0%, män 28,9\u00a0%, totalt 32,0\u00a0% år 2024; "
        "kvinnor ligger 6,3 procentenheter högre."
    )


def test_sex_summary_with_gaps_and_equal_values():
    chart = SexChart("Antal", "antal", [sex_group("2024", 4.0, 4.0, None)])
    assert chart.summary() == (
        "Kvinnor 4,0, män 4,0 år 2024; kvinnor och män ligger lika; uppgift saknas för totalt."
    )
    men_higher = SexChart("V", "per 1 000", [sex_group("2023", 1.0, 3.5, 2.0)])
    assert men_higher.summary() == (
        "Kvinnor 1,0 per 1 000, män 3,5, totalt 2,0 år 2023; män ligger 2,5 högre."
    )
    empty = SexChart("V", "%", [sex_group("2023", None, None, None)])
    assert empty.summary() == "Uppgift saknas för både kvinnor och män."


def test_sex_codes_are_checked_and_labelled():
    assert SexValue("K", 1.0).sex is Sex.WOMEN  # type: ignore[arg-type]
    assert [s.label for s in (Sex.TOTAL, Sex.WOMEN, Sex.MEN)] == ["Totalt", "Kvinnor", "Män"]
    with pytest.raises(ValueError, match="könskod"):
        SexValue("X", 1.0)  # type: ignore[arg-type]
