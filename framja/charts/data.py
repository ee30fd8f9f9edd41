"""Chart input as plain frozen data, and the one-sentence Swedish summary of each chart.

Nothing here knows about models or databases: callers build these from whatever they read.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from framja.charts.numbers import MISSING, format_number, format_value

type Better = Literal["higher", "lower"]


class Sex(StrEnum):
    """The sex codes of Swedish official statistics."""

    WOMEN = "K"
    MEN = "M"
    TOTAL = "T"

    @property
    def label(self) -> str:
        """Return the Swedish name shown to readers."""
        return SEX_LABELS[self]


SEX_LABELS = {Sex.WOMEN: "Kvinnor", Sex.MEN: "Män", Sex.TOTAL: "Totalt"}
SEX_ORDER = (Sex.WOMEN, Sex.MEN, Sex.TOTAL)


def _check_value(value: float | None, where: str) -> None:
    if value is not None and not math.isfinite(value):
        raise ValueError(f"{where}: värdet {value!r} är inte ett ändligt tal.")


def _check_better(better: str | None) -> None:
    if better not in (None, "higher", "lower"):
        raise ValueError(f"Okänd riktning {better!r}: ange 'higher', 'lower' eller None.")


@dataclass(frozen=True, slots=True)
class Point:
    """One value of a series; value None means the figure is missing, status says why or how."""

    period: str
    value: float | None
    status: str = ""

    def __post_init__(self) -> None:
        _check_value(self.value, f"Period {self.period}")


@dataclass(frozen=True, slots=True)
class Series:
    """A named line of a time series chart, its points in any order of periods."""

    label: str
    points: Sequence[Point]

    def __post_init__(self) -> None:
        object.__setattr__(self, "points", tuple(self.points))
        periods = [point.period for point in self.points]
        if len(set(periods)) != len(periods):
            raise ValueError(f"Serien {self.label} har samma period mer än en gång.")

    def value_at(self, period: str) -> float | None:
        """Return the value for period, or None when the series lacks it."""
        for point in self.points:
            if point.period == period:
                return point.value
        return None

    def point_at(self, period: str) -> Point | None:
        """Return the point for period, if the series has one."""
        for point in self.points:
            if point.period == period:
                return point
        return None


@dataclass(frozen=True, slots=True)
class Bar:
    """One place in a comparison; highlight marks the place the reader is looking at."""

    label: str
    value: float | None
    highlight: bool = False
    status: str = ""

    def __post_init__(self) -> None:
        _check_value(self.value, self.label)


@dataclass(frozen=True, slots=True)
class Reference:
    """A value to compare the bars with, such as the region or Riket, drawn as a labelled line."""

    label: str
    value: float | None
    status: str = ""

    def __post_init__(self) -> None:
        _check_value(self.value, self.label)


@dataclass(frozen=True, slots=True)
class SexValue:
    """The value for one sex in one period."""

    sex: Sex
    value: float | None
    status: str = ""

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "sex", Sex(self.sex))
        except ValueError:
            raise ValueError(f"Okänd könskod {self.sex!r}: använd T, K eller M.") from None
        _check_value(self.value, self.sex.label)


@dataclass(frozen=True, slots=True)
class SexGroup:
    """The values for women, men and all in one period."""

    period: str
    values: Sequence[SexValue]

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", tuple(self.values))
        sexes = [item.sex for item in self.values]
        if len(set(sexes)) != len(sexes):
            raise ValueError(f"Perioden {self.period} har samma kön mer än en gång.")

    def get(self, sex: Sex) -> SexValue | None:
        """Return the entry for sex, if there is one."""
        for item in self.values:
            if item.sex == sex:
                return item
        return None

    def value(self, sex: Sex) -> float | None:
        """Return the value for sex, or None."""
        item = self.get(sex)
        return None if item is None else item.value


@dataclass(frozen=True, slots=True)
class TimeSeriesChart:
    """One or more series over periods, such as one place against its region and Riket."""

    title: str
    unit: str
    series: Sequence[Series]
    better: Better | None = None
    decimals: int = 1
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "series", tuple(self.series))
        _check_better(self.better)

    def periods(self) -> tuple[str, ...]:
        """Return every period of any series, in order."""
        return tuple(sorted({point.period for s in self.series for point in s.points}))

    def summary(self) -> str:
        """Return one Swedish sentence that says what the chart shows."""
        return _time_series_summary(self)


@dataclass(frozen=True, slots=True)
class ComparisonChart:
    """One value per place for one period, with reference values such as the region and Riket.

    noun is the plural of what the bars are, as used in the summary ("kommuner", "regioner").
    """

    title: str
    unit: str
    period: str
    bars: Sequence[Bar]
    references: Sequence[Reference] = ()
    better: Better | None = None
    decimals: int = 1
    source: str = ""
    noun: str = "kommuner"

    def __post_init__(self) -> None:
        object.__setattr__(self, "bars", tuple(self.bars))
        object.__setattr__(self, "references", tuple(self.references))
        _check_better(self.better)

    def sorted_bars(self) -> tuple[Bar, ...]:
        """Return the bars best first (highest first when direction is unknown), missing last.

        Equal values keep their given order, so callers decide how ties read.
        """
        present = [bar for bar in self.bars if bar.value is not None]
        missing = [bar for bar in self.bars if bar.value is None]
        present.sort(key=lambda bar: bar.value or 0.0, reverse=self.better != "lower")
        return (*present, *missing)

    def summary(self) -> str:
        """Return one Swedish sentence that says what the chart shows."""
        return _comparison_summary(self)


@dataclass(frozen=True, slots=True)
class SexChart:
    """Values for women, men and all, for one period or a few."""

    title: str
    unit: str
    groups: Sequence[SexGroup]
    better: Better | None = None
    decimals: int = 1
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "groups", tuple(self.groups))
        _check_better(self.better)

    def sexes(self) -> tuple[Sex, ...]:
        """Return the sexes that occur in any group, women first, all last."""
        present = {item.sex for group in self.groups for item in group.values}
        return tuple(sex for sex in SEX_ORDER if sex in present)

    def summary(self) -> str:
        """Return one Swedish sentence that says what the chart shows."""
        return _sex_summary(self)


type Chart = TimeSeriesChart | ComparisonChart | SexChart


# Summaries ---------------------------------------------------------------------------------


def _subject(unit: str) -> tuple[str, str]:
    """Return the noun the summary starts with and the form of 'oförändrad' that agrees with it."""
    if unit == "%":
        return "Andelen", "oförändrad"
    if unit.lower() == "antal":
        return "Antalet", "oförändrat"
    return "Värdet", "oförändrat"


def _with_unit(text: str, unit: str) -> str:
    """Return a formatted value followed by its unit, unless the text already shows it.

    Summaries name the unit once, at the first value.
    """
    if text == MISSING or unit in ("", "%") or unit.lower() == "antal":
        return text
    return f"{text} {unit}"


def at_period(period: str) -> str:
    """Return 'år 2024' for a year-like period, the period itself otherwise."""
    return f"år {period}" if period[:1].isdigit() else period


def join_words(words: Sequence[str]) -> str:
    """Return 'a', 'a och b' or 'a, b och c'."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} och {words[-1]}"


def _periods_text(periods: Sequence[str], total: int) -> str:
    if len(periods) > 4:
        return f"{len(periods)} av {total} perioder"
    return join_words(list(periods))


def _in_sentence(label: str) -> str:
    """Return a sex label in lower case inside a sentence; place names keep their capitals."""
    if label in SEX_LABELS.values():
        return label.lower()
    return label


def _change(
    chart: TimeSeriesChart, series: Series, *, periods: bool, unit: bool
) -> tuple[str, str, int] | None:
    """Return (verb, rest, direction) for how series moved from its first value to its last.

    periods says whether to name the periods, unit whether to name the unit.
    """
    present = [p for p in series.points if p.value is not None]
    if not present:
        return None
    present.sort(key=lambda p: p.period)
    first, last = present[0], present[-1]

    def fmt(value: float | None) -> str:
        return format_value(value, chart.unit, chart.decimals)

    first_text, last_text = fmt(first.value), fmt(last.value)
    shown = _with_unit(first_text, chart.unit) if unit else first_text
    if first is last:
        return "var", f"{shown} {at_period(first.period)}", 0
    _, unchanged = _subject(chart.unit)
    if first_text == last_text:
        return (
            f"var {unchanged}",
            f"på {shown} både {at_period(first.period)} och {last.period}",
            0,
        )
    direction = 1 if (last.value or 0.0) > (first.value or 0.0) else -1
    verb = "ökade" if direction > 0 else "minskade"
    if periods:
        rest = f"från {shown} {at_period(first.period)} till {last_text} {at_period(last.period)}"
    else:
        rest = f"från {shown} till {last_text}"
    return verb, rest, direction


def _judgement(better: Better | None, direction: int) -> str:
    if better is None or direction == 0:
        return ""
    improved = (direction > 0) == (better == "higher")
    return ", en förbättring" if improved else ", en försämring"


def _time_series_summary(chart: TimeSeriesChart) -> str:
    noun, _ = _subject(chart.unit)
    all_periods = chart.periods()
    with_data = [s for s in chart.series if any(p.value is not None for p in s.points)]
    if not with_data:
        if not all_periods:
            return "Diagrammet har inga värden."
        if len(all_periods) == 1:
            return f"Uppgift saknas {at_period(all_periods[0])}."
        return f"Uppgift saknas för alla perioder {all_periods[0]}–{all_periods[-1]}."

    if len(chart.series) == 1:
        series = chart.series[0]
        change = _change(chart, series, periods=True, unit=True)
        assert change is not None
        verb, rest, direction = change
        text = f"{noun} {verb} {rest}{_judgement(chart.better, direction)}"
        gaps = [p for p in all_periods if series.value_at(p) is None]
        if gaps:
            text += f"; {MISSING} för {_periods_text(gaps, len(all_periods))}"
        return text + "."

    clauses: list[str] = []
    missing: list[str] = []
    span: tuple[str, str] | None = None
    for series in chart.series:
        present = sorted(p.period for p in series.points if p.value is not None)
        if not present:
            missing.append(_in_sentence(series.label))
            continue
        this_span = (present[0], present[-1])
        change = _change(
            chart, series, periods=span is None or this_span != span, unit=span is None
        )
        span = span or this_span
        assert change is not None
        verb, rest, _ = change
        clauses.append(f"{verb} för {_in_sentence(series.label)} {rest}")
    text = f"{noun} {join_words(clauses)}"
    if missing:
        text += f"; {MISSING} för {join_words(missing)}"
    return text + "."


def _names(bars: Sequence[Bar], noun: str) -> str:
    if len(bars) > 3:
        return f"{len(bars)} {noun}"
    return join_words([bar.label for bar in bars])


def ordinal(number: int) -> str:
    """Return the Swedish ordinal with a colon: 1:a, 2:a, 3:e, 11:e, 21:a."""
    last_two = number % 100
    suffix = "a" if number % 10 in (1, 2) and last_two not in (11, 12) else "e"
    return f"{number}:{suffix}"


def _comparison_summary(chart: ComparisonChart) -> str:
    def fmt(value: float | None) -> str:
        return format_value(value, chart.unit, chart.decimals)

    ordered = chart.sorted_bars()
    present = [bar for bar in ordered if bar.value is not None]
    missing = [bar for bar in ordered if bar.value is None]
    when = at_period(chart.period)
    if not present:
        if not chart.bars:
            return f"Diagrammet har inga {chart.noun} {when}."
        return f"Uppgift saknas för alla {len(chart.bars)} {chart.noun} {when}."

    high = max(bar.value or 0.0 for bar in present)
    low = min(bar.value or 0.0 for bar in present)
    clauses: list[str] = []
    high_text = _with_unit(fmt(high), chart.unit)
    if len(present) == 1:
        clauses.append(f"{present[0].label} har {high_text} {when}")
    elif high == low:
        clauses.append(f"Alla {len(present)} {chart.noun} har {high_text} {when}")
    else:
        highest = [bar for bar in present if bar.value == high]
        lowest = [bar for bar in present if bar.value == low]
        clauses.append(
            f"Högst {when} har {_names(highest, chart.noun)} ({high_text}), "
            f"lägst {_names(lowest, chart.noun)} ({fmt(low)})"
        )

    for reference in chart.references:
        if reference.value is None:
            clauses.append(f"{MISSING} för {reference.label}")
            continue
        above = sum(1 for bar in present if (bar.value or 0.0) > reference.value)
        below = sum(1 for bar in present if (bar.value or 0.0) < reference.value)
        same = len(present) - above - below
        text = (
            f"{above} av {len(present)} {chart.noun} ligger över {reference.label} "
            f"({fmt(reference.value)}) och {below} under"
        )
        if same:
            text += f", {same} på samma värde"
        clauses.append(text)

    highlighted = [bar for bar in present if bar.highlight]
    if 0 < len(highlighted) <= 3 and len(present) > 1:
        best = "högst" if chart.better is None else "bäst"
        for bar in highlighted:
            # Equal values share the best place among them.
            rank = 1 + sum(
                1
                for other in present
                if (other.value or 0.0) != (bar.value or 0.0)
                and ((other.value or 0.0) < (bar.value or 0.0)) == (chart.better == "lower")
            )
            place = best if rank == 1 else f"{ordinal(rank)} {best}"
            clauses.append(f"{bar.label} ({fmt(bar.value)}) är {place} av {len(present)}")

    if missing:
        clauses.append(f"{MISSING} för {_names(missing, chart.noun)}")
    return "; ".join(clauses) + "."


def _sex_summary(chart: SexChart) -> str:
    def fmt(value: float | None) -> str:
        return format_value(value, chart.unit, chart.decimals)

    with_data = [g for g in chart.groups if any(item.value is not None for item in g.values)]
    if not with_data:
        if not chart.groups:
            return "Diagrammet har inga värden."
        return "Uppgift saknas för både kvinnor och män."
    group = max(with_data, key=lambda g: g.period)
    parts: list[str] = []
    lacking: list[str] = []
    for sex in SEX_ORDER:
        item = group.get(sex)
        if item is None:
            continue
        if item.value is None:
            lacking.append(sex.label.lower())
        else:
            value = fmt(item.value)
            parts.append(
                f"{sex.label.lower()} {_with_unit(value, chart.unit) if not parts else value}"
            )
    text = ", ".join(parts)
    text = text[:1].upper() + text[1:] + f" {at_period(group.period)}"
    women, men = group.value(Sex.WOMEN), group.value(Sex.MEN)
    if women is not None and men is not None:
        gap = abs(women - men)
        if format_number(gap, chart.decimals) == format_number(0, chart.decimals):
            text += "; kvinnor och män ligger lika"
        else:
            unit = " procentenheter" if chart.unit == "%" else ""
            higher = "kvinnor" if women > men else "män"
            text += f"; {higher} ligger {format_number(gap, chart.decimals)}{unit} högre"
    if lacking:
        text += f"; {MISSING} för {join_words(lacking)}"
    return text + "."
