"""Lay a chart out once as simple drawing primitives that every renderer (SVG, PDF, PNG) draws.

Coordinates are in px of a box `width` wide, y growing downwards as in SVG. Text positions are
baselines. Text widths are estimated from font metrics, so the layout is the same on every
machine; renderers draw with DejaVu Sans or a font as wide, and the layout leaves some slack.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from typing import Literal, NamedTuple

from reportlab.pdfbase.pdfmetrics import getFont

from framja.charts.data import (
    SEX_ORDER,
    Chart,
    ComparisonChart,
    Sex,
    SexChart,
    TimeSeriesChart,
    at_period,
)
from framja.charts.numbers import MISSING, format_number, format_value

type Anchor = Literal["start", "middle", "end"]
type Shape = Literal["circle", "square", "triangle", "diamond", "triangle-down"]

WIDTH = 720.0
PAD = 16.0
TITLE_SIZE = 17.0
FONT_SIZE = 12.0
SMALL_SIZE = 11.0
LINE_HEIGHT = 1.3

FONT_FAMILY = "DejaVu Sans, Verdana, Geneva, sans-serif"
WHITE = "#ffffff"
INK = "#1b1b1f"
MUTED = "#4a4a55"
AXIS = "#6b6b76"
GRID = "#d5d7dc"
# Every colour that carries meaning has at least 3:1 contrast against white (WCAG 1.4.11);
# series also differ by marker shape and dash, bars by pattern and text.
PALETTE = ("#1f5fa8", "#b34a00", "#2e7d32", "#7b3294", "#4a4a55", "#a0005a")
DASHES: tuple[tuple[float, ...], ...] = ((), (7, 3), (2, 3), (9, 3, 2, 3), (4, 2), (1, 2))
SHAPES: tuple[Shape, ...] = ("circle", "square", "triangle", "diamond", "triangle-down")
BAR = "#4f7cac"
HIGHLIGHT = "#b34a00"
REFERENCE_COLOURS = ("#1b1b1f", "#7b3294", "#2e7d32", "#a0005a")
REFERENCE_DASHES: tuple[tuple[float, ...], ...] = ((6, 3), (2, 3), (9, 3, 2, 3), (4, 2))
SEX_COLOURS = {Sex.WOMEN: "#7b3294", Sex.MEN: "#1f5fa8", Sex.TOTAL: "#4a4a55"}
SEX_HATCHED = {Sex.WOMEN: False, Sex.MEN: True, Sex.TOTAL: False}
SEX_LETTERS = {Sex.WOMEN: "K", Sex.MEN: "M", Sex.TOTAL: "T"}

# DejaVu Sans, the font the charts are drawn with, is about 12 % wider than Helvetica.
WIDTH_FACTOR = 1.12
DEFAULT_CHAR_WIDTH = 0.62


# Primitives ---------------------------------------------------------------------------------
# Named tuples rather than dataclasses: a long comparison makes thousands of them per chart.


class Rect(NamedTuple):
    x: float
    y: float
    width: float
    height: float
    fill: str
    stroke: str | None = None


class Line(NamedTuple):
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    width: float = 1.0
    dash: tuple[float, ...] = ()


class Polyline(NamedTuple):
    points: tuple[tuple[float, float], ...]
    stroke: str
    width: float = 2.0
    dash: tuple[float, ...] = ()


class Marker(NamedTuple):
    """A point marker; size is the width of the shape."""

    x: float
    y: float
    shape: Shape
    size: float
    fill: str
    stroke: str = WHITE

    def polygon(self) -> tuple[tuple[float, float], ...]:
        """Return the corners of the shape (empty for a circle)."""
        r = self.size / 2
        x, y = self.x, self.y
        if self.shape == "square":
            r *= 0.9
            return ((x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r))
        if self.shape == "triangle":
            r *= 1.15
            return ((x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8))
        if self.shape == "triangle-down":
            r *= 1.15
            return ((x, y + r), (x - r, y - r * 0.8), (x + r, y - r * 0.8))
        if self.shape == "diamond":
            r *= 1.2
            return ((x, y - r), (x + r, y), (x, y + r), (x - r, y))
        return ()


class Text(NamedTuple):
    x: float
    y: float
    text: str
    size: float = FONT_SIZE
    anchor: Anchor = "start"
    fill: str = INK
    bold: bool = False
    italic: bool = False


type Primitive = Rect | Line | Polyline | Marker | Text


@dataclass(frozen=True, slots=True)
class Layout:
    """A chart laid out: its box, what to draw in order, and the texts for assistive technology."""

    width: float
    height: float
    items: tuple[Primitive, ...]
    title: str
    description: str


# Text measuring -----------------------------------------------------------------------------


@cache
def _char_widths(bold: bool) -> dict[str, float]:
    """Return Helvetica's advance widths per character in em, scaled to DejaVu Sans."""
    font = getFont("Helvetica-Bold" if bold else "Helvetica")
    widths: dict[str, float] = {}
    for code, width in enumerate(font.widths):
        if code < 32 or not width:
            continue
        try:
            char = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue
        widths[char] = width / 1000 * WIDTH_FACTOR
    widths["\u00a0"] = widths[" "]
    widths["\u2212"] = widths["+"]
    return widths


def text_width(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """Return the estimated width of text in px."""
    widths = _char_widths(bold)
    return sum(map(widths.get, text, repeat(DEFAULT_CHAR_WIDTH, len(text)))) * size


def truncate(text: str, max_width: float, size: float = FONT_SIZE, bold: bool = False) -> str:
    """Return text shortened with an ellipsis so that it fits max_width."""
    if text_width(text, size, bold) <= max_width:
        return text
    while text and text_width(text + "…", size, bold) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap(text: str, max_width: float, size: float = FONT_SIZE, bold: bool = False) -> list[str]:
    """Return text broken into lines at spaces so that each line fits max_width.

    The widths are DejaVu Sans's; a viewer that draws with a wider fallback font would still
    cut a full line at the edge, so lines are broken a little early.
    """
    max_width *= 0.92
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, bold) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return [truncate(line, max_width, size, bold) for line in lines] or [""]


# Axes ---------------------------------------------------------------------------------------


def nice_ticks(low: float, high: float, target: int = 5) -> tuple[float, ...]:
    """Return evenly spaced round tick values from at or below low to at or above high.

    Steps are 1, 2, 2.5 or 5 times a power of ten, chosen to give about `target` intervals.
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError("Axelns gränser måste vara ändliga tal.")
    if low > high:
        low, high = high, low
    if low == high:
        spread = abs(low) * 0.1 or 1.0
        low, high = (0.0, high) if low > 0 else (low - spread, high + spread)
        if low == high:
            high = low + spread
    raw = (high - low) / max(target, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)
    start = math.floor(low / step + 1e-9) * step
    count = math.ceil((high - start) / step - 1e-9)
    return tuple(_clean(start + i * step) for i in range(count + 1))


def _clean(value: float) -> float:
    cleaned = round(value, 10)
    return 0.0 if cleaned == 0 else cleaned


def tick_decimals(ticks: Sequence[float]) -> int:
    """Return the fewest decimals that tell the ticks apart exactly."""
    for decimals in range(7):
        if all(abs(round(t, decimals) - t) < 1e-9 for t in ticks):
            return decimals
    return 6


def value_ticks(values: Iterable[float], *, zero: bool) -> tuple[float, ...]:
    """Return nice ticks covering values; with zero, the axis always includes 0."""
    values = list(values)
    if not values:
        return nice_ticks(0.0, 1.0)
    low, high = min(values), max(values)
    if zero:
        low, high = min(low, 0.0), max(high, 0.0)
    return nice_ticks(low, high)


def lines_start_at_zero(values: Sequence[float]) -> bool:
    """Return whether a line chart's axis should include zero.

    Zero is kept unless every value lies far from it, where a zero axis would flatten the lines.
    """
    if not values:
        return True
    low, high = min(values), max(values)
    if low <= 0 <= high:
        return True
    if low > 0:
        return low <= high * 0.5
    return high >= low * 0.5


def unit_label(unit: str) -> str:
    """Return the axis title for a unit."""
    if unit == "%":
        return "Procent"
    return unit[:1].upper() + unit[1:]


@dataclass(slots=True)
class _Scale:
    """Map values to px along one axis."""

    ticks: tuple[float, ...]
    start: float
    end: float

    def __call__(self, value: float) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        return self.start + (value - low) / (high - low) * (self.end - self.start)


def hatch(
    x: float, y: float, width: float, height: float, colour: str = WHITE, spacing: float = 5.0
) -> list[Line]:
    """Return diagonal lines that fill a rectangle with a hatch pattern."""
    lines: list[Line] = []
    if width <= 0 or height <= 0:
        return lines
    t = spacing
    while t < width + height:
        u1, u2 = max(0.0, t - height), min(width, t)
        lines.append(
            Line(x + u1, y + height - (t - u1), x + u2, y + height - (t - u2), colour, 1.2)
        )
        t += spacing
    return lines


def _spread(positions: list[float], gap: float, low: float, high: float) -> list[float]:
    """Return positions moved apart to be at least gap from each other, kept within low..high."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [positions[i] for i in order]
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    overflow = placed[-1] - high if placed else 0.0
    if overflow > 0:
        placed = [p - overflow for p in placed]
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - gap)
    placed = [max(p, low) for p in placed]
    result = [0.0] * len(positions)
    for slot, index in enumerate(order):
        result[index] = placed[slot]
    return result


class _Canvas:
    """Collect primitives while walking down the chart."""

    def __init__(self, width: float) -> None:
        self.width = width
        self.items: list[Primitive] = []
        self.y = PAD

    def add(self, item: Primitive) -> None:
        self.items.append(item)

    def extend(self, items: Iterable[Primitive]) -> None:
        self.items.extend(items)

    def text_lines(
        self,
        text: str,
        size: float,
        *,
        bold: bool = False,
        fill: str = INK,
        italic: bool = False,
    ) -> None:
        for line in wrap(text, self.width - 2 * PAD, size, bold):
            self.y += size
            self.add(Text(PAD, self.y, line, size, "start", fill, bold, italic))
            self.y += size * (LINE_HEIGHT - 1)

    def heading(self, title: str, unit: str, note: str = "") -> None:
        self.text_lines(title, TITLE_SIZE, bold=True)
        self.y += 2
        label = unit_label(unit)
        if note:
            label = f"{label}, {note}" if label else note
        if label:
            self.text_lines(label, SMALL_SIZE, fill=MUTED)
        self.y += 6

    def source(self, source: str) -> None:
        if source:
            self.y += 4
            self.text_lines(f"Källa: {source}", SMALL_SIZE, fill=MUTED)

    def layout(self, chart: Chart) -> Layout:
        height = math.ceil(self.y + PAD)
        return Layout(self.width, height, tuple(self.items), chart.title, chart.summary())


def _legend(
    canvas: _Canvas, entries: Sequence[tuple[list[Primitive], str]], sample_width: float
) -> None:
    """Lay legend entries out left to right in rows; each entry is a sample drawn at (0, 0)."""
    x = PAD
    row_height = FONT_SIZE * 1.6
    canvas.y += 2
    centre = canvas.y + row_height / 2
    for sample, label in entries:
        width = sample_width + 6 + text_width(label) + 18
        if x > PAD and x + width > canvas.width - PAD:
            x = PAD
            canvas.y += row_height
            centre = canvas.y + row_height / 2
        canvas.extend(_moved(item, x, centre) for item in sample)
        canvas.add(Text(x + sample_width + 6, centre + FONT_SIZE * 0.35, label))
        x += width
    canvas.y += row_height + 4


def _moved(item: Primitive, dx: float, dy: float) -> Primitive:
    match item:
        case Line():
            return item._replace(x1=item.x1 + dx, y1=item.y1 + dy, x2=item.x2 + dx, y2=item.y2 + dy)
        case Polyline():
            return item._replace(points=tuple((x + dx, y + dy) for x, y in item.points))
        case Rect() | Marker() | Text():
            return item._replace(x=item.x + dx, y=item.y + dy)


def _swatch(fill: str, hatched: bool) -> list[Primitive]:
    items: list[Primitive] = [Rect(0, -7, 14, 14, fill)]
    if hatched:
        items.extend(hatch(0, -7, 14, 14, spacing=4))
    return items


# Time series --------------------------------------------------------------------------------


def _layout_time_series(chart: TimeSeriesChart, width: float) -> Layout:
    canvas = _Canvas(width)
    canvas.heading(chart.title, chart.unit)
    periods = chart.periods()
    styles = [
        (PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)], SHAPES[i % len(SHAPES)])
        for i in range(len(chart.series))
    ]
    if len(chart.series) > 1:
        entries: list[tuple[list[Primitive], str]] = [
            (
                [
                    Line(0, 0, 30, 0, colour, 2.5, dash),
                    Marker(15, 0, shape, 9, colour),
                ],
                series.label,
            )
            for series, (colour, dash, shape) in zip(chart.series, styles, strict=True)
        ]
        _legend(canvas, entries, 30)

    values = [p.value for s in chart.series for p in s.points if p.value is not None]
    ticks = value_ticks(values, zero=lines_start_at_zero(values))
    decimals = tick_decimals(ticks)
    # Without values the axis has no meaning, so it goes unlabelled.
    tick_labels = [format_number(t, decimals) if values else "" for t in ticks]
    axis_width = max(text_width(label, SMALL_SIZE) for label in tick_labels)

    # Each line ends in a label with its name and last value, so no one needs the colours.
    ends: list[tuple[int, float, str]] = []
    for index, series in enumerate(chart.series):
        present = sorted((p for p in series.points if p.value is not None), key=lambda p: p.period)
        if present:
            value_text = format_value(present[-1].value, chart.unit, chart.decimals)
            label = value_text if len(chart.series) == 1 else f"{series.label} {value_text}"
            ends.append((index, present[-1].value or 0.0, label))
    max_end = width * 0.3
    end_texts = [truncate(label, max_end, SMALL_SIZE) for _, _, label in ends]
    end_width = max((text_width(t, SMALL_SIZE) for t in end_texts), default=0.0)

    left = PAD + axis_width + 8
    right = width - PAD - (end_width + 10 if end_width else 0)
    top = canvas.y + 8
    bottom = top + 280
    y_of = _Scale(ticks, bottom, top)
    for tick, label in zip(ticks, tick_labels, strict=True):
        y = y_of(tick)
        colour, line_width = (AXIS, 1.0) if tick == 0 or tick == ticks[0] else (GRID, 1.0)
        canvas.add(Line(left, y, right, y, colour, line_width))
        if label:
            canvas.add(Text(left - 6, y + SMALL_SIZE * 0.35, label, SMALL_SIZE, "end", MUTED))

    band = (right - left) / max(len(periods), 1)
    x_of = {period: left + (i + 0.5) * band for i, period in enumerate(periods)}
    label_width = max((text_width(p, SMALL_SIZE) for p in periods), default=0.0)
    every = max(1, math.ceil((label_width + 10) / band)) if band else 1
    for i, period in enumerate(periods):
        x = x_of[period]
        canvas.add(Line(x, bottom, x, bottom + 4, AXIS))
        # Always label the last period, which the summary speaks of.
        if (len(periods) - 1 - i) % every == 0:
            canvas.add(Text(x, bottom + 6 + SMALL_SIZE, period, SMALL_SIZE, "middle", MUTED))

    for series, (colour, dash, shape) in zip(chart.series, styles, strict=True):
        run: list[tuple[float, float]] = []
        runs: list[list[tuple[float, float]]] = [run]
        by_period = {p.period: p.value for p in series.points}
        for period in periods:
            value = by_period.get(period)
            if value is None:
                run = []
                runs.append(run)
            else:
                run.append((x_of[period], y_of(value)))
        for part in runs:
            if len(part) > 1:
                canvas.add(Polyline(tuple(part), colour, 2.5, dash))
        for part in runs:
            canvas.extend(Marker(x, y, shape, 9, colour) for x, y in part)

    if len(chart.series) == 1 and values:
        # Say where a lone line has a gap, when there is room to.
        mark_width = text_width("saknas", SMALL_SIZE - 1)
        for period in periods:
            if chart.series[0].value_at(period) is None and mark_width + 4 <= band:
                canvas.add(
                    Text(
                        x_of[period],
                        bottom - 6,
                        "saknas",
                        SMALL_SIZE - 1,
                        "middle",
                        MUTED,
                        italic=True,
                    )
                )

    positions = _spread(
        [y_of(value) + SMALL_SIZE * 0.35 for _, value, _ in ends],
        SMALL_SIZE * 1.25,
        top + SMALL_SIZE,
        bottom + SMALL_SIZE,
    )
    for (index, _, _), text, y in zip(ends, end_texts, positions, strict=True):
        colour = styles[index][0]
        canvas.add(Text(right + 8, y, text, SMALL_SIZE, "start", colour, bold=True))

    canvas.y = bottom + 6 + SMALL_SIZE * LINE_HEIGHT
    if not values:
        canvas.add(Text((left + right) / 2, (top + bottom) / 2, MISSING, FONT_SIZE, "middle"))
    canvas.source(chart.source)
    return canvas.layout(chart)


# Comparison ---------------------------------------------------------------------------------

ROW = 18.0
BAR_HEIGHT = 12.0


def _layout_comparison(chart: ComparisonChart, width: float) -> Layout:
    canvas = _Canvas(width)
    canvas.heading(chart.title, chart.unit, at_period(chart.period))
    bars = chart.sorted_bars()
    references = [r for r in chart.references if r.value is not None]
    highlighted = [bar.label for bar in bars if bar.highlight]
    if highlighted:
        _legend(canvas, [(_swatch(HIGHLIGHT, True), "Markerad: " + ", ".join(highlighted))], 14)

    values = [bar.value for bar in bars if bar.value is not None]
    values += [r.value for r in references if r.value is not None]
    ticks = value_ticks(values, zero=True)
    decimals = tick_decimals(ticks)
    # Without values the axis has no meaning, so it goes unlabelled.
    tick_labels = [format_number(t, decimals) if values else "" for t in ticks]

    max_label = width * 0.34
    labels, label_width = [], 0.0
    for bar in bars:
        label_w = text_width(bar.label, FONT_SIZE, bar.highlight)
        if label_w > max_label:
            labels.append(truncate(bar.label, max_label, FONT_SIZE, bar.highlight))
            label_w = max_label
        else:
            labels.append(bar.label)
        label_width = max(label_width, label_w)
    value_texts = [format_value(bar.value, chart.unit, chart.decimals) for bar in bars]
    value_widths = [text_width(t, SMALL_SIZE) for t in value_texts]
    value_width = max(value_widths, default=0.0) + 6
    negative = ticks[0] < 0
    label_right = PAD + label_width
    left = label_right + 10 + (value_width if negative else 0)
    right = width - PAD - max(value_width, text_width(tick_labels[-1], SMALL_SIZE) / 2)
    x_of = _Scale(ticks, left, right)
    zero = x_of(0.0)
    # A long chart repeats the axis and the reference labels above the bars.
    tall = len(bars) > 30
    reference_row = SMALL_SIZE * 1.4
    colours = [REFERENCE_COLOURS[i % len(REFERENCE_COLOURS)] for i in range(len(references))]
    dashes = [REFERENCE_DASHES[i % len(REFERENCE_DASHES)] for i in range(len(references))]

    def axis_labels(y: float) -> None:
        for tick, label in zip(ticks, tick_labels, strict=True):
            if label:
                canvas.add(Text(x_of(tick), y, label, SMALL_SIZE, "middle", MUTED))

    def reference_labels(first_row: float) -> None:
        # Each label sits on its own row beside its line, on the side away from the others.
        middle = sum(r.value or 0.0 for r in references) / len(references)
        for i, reference in enumerate(references):
            value = reference.value or 0.0
            text = f"{reference.label}: {format_value(value, chart.unit, chart.decimals)}"
            text_w = text_width(text, SMALL_SIZE, True)
            x = x_of(value)
            to_left = value < middle or (value == middle and i == 0 and len(references) > 1)
            fits = x - 6 - text_w >= PAD if to_left else x + 6 + text_w <= width - PAD
            if not fits:
                to_left = not to_left
            y = first_row + i * reference_row + SMALL_SIZE
            text_x = x - 6 if to_left else x + 6
            box_x = text_x - text_w - 2 if to_left else text_x - 2
            canvas.add(Rect(box_x, y - SMALL_SIZE, text_w + 4, SMALL_SIZE * 1.3, WHITE))
            canvas.add(
                Text(
                    text_x,
                    y,
                    text,
                    SMALL_SIZE,
                    "end" if to_left else "start",
                    colours[i],
                    bold=True,
                )
            )

    reference_top = canvas.y
    if references:
        canvas.y += len(references) * reference_row + 2
    if tall:
        canvas.y += SMALL_SIZE
        axis_labels(canvas.y)
        canvas.y += 4
    top = canvas.y + 4
    bottom = top + ROW * max(len(bars), 1)

    add = canvas.items.append  # the loops below run once per bar
    for tick in ticks:
        x = x_of(tick)
        add(Line(x, top, x, bottom, GRID))
    ends: list[tuple[float, float]] = []
    for i, (bar, label) in enumerate(zip(bars, labels, strict=True)):
        centre = top + i * ROW + ROW / 2
        add(
            Text(
                label_right,
                centre + FONT_SIZE * 0.35,
                label,
                FONT_SIZE,
                "end",
                INK,
                bold=bar.highlight,
            )
        )
        if bar.value is None:
            ends.append((zero, centre))
            continue
        end = x_of(bar.value)
        ends.append((end, centre))
        x, bar_width = min(zero, end), abs(end - zero)
        fill = HIGHLIGHT if bar.highlight else BAR
        add(Rect(x, centre - BAR_HEIGHT / 2, bar_width, BAR_HEIGHT, fill))
        if bar.highlight:
            canvas.extend(hatch(x, centre - BAR_HEIGHT / 2, bar_width, BAR_HEIGHT, spacing=4))
    canvas.add(Line(zero, top - 2, zero, bottom + 2, AXIS))

    bottom_labels = bottom + 4 + SMALL_SIZE + 6
    reference_xs = [x_of(reference.value or 0.0) for reference in references]
    for i, reference in enumerate(references):
        x = x_of(reference.value or 0.0)
        line_top = reference_top + i * reference_row + 2
        line_bottom = bottom_labels + i * reference_row + SMALL_SIZE if tall else bottom + 4
        canvas.add(Line(x, line_top, x, line_bottom, colours[i], 1.8, dashes[i]))
    if references:
        reference_labels(reference_top)

    for bar, value_text, text_w, (end, centre) in zip(
        bars, value_texts, value_widths, ends, strict=True
    ):
        baseline = centre + SMALL_SIZE * 0.35
        if bar.value is None:
            add(Text(end + 4, baseline, MISSING, SMALL_SIZE, "start", MUTED, italic=True))
            continue
        before = bar.value < 0
        x = end - 4 if before else end + 4
        box_x = x - text_w - 1 if before else x - 1
        if any(box_x <= line_x <= box_x + text_w + 2 for line_x in reference_xs):
            # Keep the dashed reference line from running through the number.
            add(Rect(box_x, centre - ROW / 2, text_w + 2, ROW, WHITE))
        add(Text(x, baseline, value_text, SMALL_SIZE, "end" if before else "start"))

    canvas.y = bottom + 4 + SMALL_SIZE
    axis_labels(canvas.y)
    if references and tall:
        reference_labels(bottom_labels)
        canvas.y = bottom_labels + len(references) * reference_row
    canvas.y += SMALL_SIZE * (LINE_HEIGHT - 1)
    canvas.source(chart.source)
    return canvas.layout(chart)


# Breakdown by sex ---------------------------------------------------------------------------


def _layout_sex(chart: SexChart, width: float) -> Layout:
    canvas = _Canvas(width)
    canvas.heading(chart.title, chart.unit)
    sexes = chart.sexes() or SEX_ORDER
    _legend(canvas, [(_swatch(SEX_COLOURS[s], SEX_HATCHED[s]), s.label) for s in sexes], 14)
    groups = sorted(chart.groups, key=lambda g: g.period)

    values = [item.value for g in groups for item in g.values if item.value is not None]
    ticks = value_ticks(values, zero=True)
    decimals = tick_decimals(ticks)
    # Without values the axis has no meaning, so it goes unlabelled.
    tick_labels = [format_number(t, decimals) if values else "" for t in ticks]
    axis_width = max(text_width(label, SMALL_SIZE) for label in tick_labels)

    left = PAD + axis_width + 8
    right = width - PAD
    top = canvas.y + 6 + SMALL_SIZE
    bottom = top + 240
    y_of = _Scale(ticks, bottom, top)
    for tick, label in zip(ticks, tick_labels, strict=True):
        y = y_of(tick)
        canvas.add(Line(left, y, right, y, GRID))
        if label:
            canvas.add(Text(left - 6, y + SMALL_SIZE * 0.35, label, SMALL_SIZE, "end", MUTED))

    band = (right - left) / max(len(groups), 1)
    bar_width = min(56.0, band * 0.8 / len(sexes))
    zero = y_of(0.0)
    letters = bar_width >= text_width("M", SMALL_SIZE, True) + 2
    for g, group in enumerate(groups):
        first = left + g * band + (band - bar_width * len(sexes)) / 2
        for s, sex in enumerate(sexes):
            x = first + s * bar_width
            inner = bar_width - 2
            item = group.get(sex)
            if letters:
                canvas.add(
                    Text(
                        x + bar_width / 2,
                        bottom + 4 + SMALL_SIZE,
                        SEX_LETTERS[sex],
                        SMALL_SIZE,
                        "middle",
                        MUTED,
                        bold=True,
                    )
                )
            if item is None or item.value is None:
                mark = "saknas" if text_width("saknas", 9) <= bar_width else "–"
                canvas.add(Text(x + bar_width / 2, zero - 4, mark, 9, "middle", MUTED, italic=True))
                continue
            y = y_of(item.value)
            rect_y, height = min(y, zero), abs(zero - y)
            canvas.add(Rect(x + 1, rect_y, inner, height, SEX_COLOURS[sex]))
            if SEX_HATCHED[sex]:
                canvas.extend(hatch(x + 1, rect_y, inner, height))
            text = format_number(item.value, chart.decimals)
            if text_width(text, SMALL_SIZE) <= bar_width + 2:
                text_y = y - 4 if item.value >= 0 else y + SMALL_SIZE + 2
                canvas.add(Text(x + bar_width / 2, text_y, text, SMALL_SIZE, "middle"))
        label_y = bottom + 4 + SMALL_SIZE * (2.4 if letters else 1)
        canvas.add(Text(left + (g + 0.5) * band, label_y, group.period, FONT_SIZE, "middle"))
    canvas.add(Line(left, zero, right, zero, AXIS))

    canvas.y = bottom + 4 + SMALL_SIZE * (2.4 if letters else 1) + FONT_SIZE * (LINE_HEIGHT - 1)
    if letters:
        canvas.y += 2
        key = ", ".join(f"{SEX_LETTERS[s]} = {s.label.lower()}" for s in sexes)
        canvas.text_lines(key, SMALL_SIZE, fill=MUTED)
    canvas.source(chart.source)
    return canvas.layout(chart)


def layout(chart: Chart, width: float = WIDTH) -> Layout:
    """Return chart laid out in a box `width` px wide; the height follows from the content."""
    match chart:
        case TimeSeriesChart():
            return _layout_time_series(chart, width)
        case ComparisonChart():
            return _layout_comparison(chart, width)
        case SexChart():
            return _layout_sex(chart, width)
    raise TypeError(f"Okänd diagramtyp: {type(chart).__name__}")


def as_layout(chart: Chart | Layout) -> Layout:
    """Return chart laid out, or the layout itself when it already is one."""
    return chart if isinstance(chart, Layout) else layout(chart)
