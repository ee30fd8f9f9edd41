"""The data behind a chart as a table, for the page and for download as CSV and XLSX."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from framja.charts.data import (
    Chart,
    ComparisonChart,
    Series,
    SexChart,
    TimeSeriesChart,
    at_period,
)
from framja.charts.geometry import unit_label
from framja.charts.numbers import MISSING, format_exact, format_number

type Cell = float | str | None


@dataclass(frozen=True, slots=True)
class Column:
    """A column of values; numeric columns hold floats or None, the others text."""

    heading: str
    numeric: bool = True


@dataclass(frozen=True, slots=True)
class Row:
    """A row: the row heading (a period or a place) and one cell per column."""

    heading: str
    cells: tuple[Cell, ...]
    emphasis: bool = False


@dataclass(frozen=True, slots=True)
class ChartTable:
    """The table behind a chart: caption, heading of the first column, columns and rows."""

    caption: str
    row_heading: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    decimals: int
    unit: str
    source: str = ""

    def header(self) -> tuple[str, ...]:
        """Return every column heading, the row heading first."""
        return (self.row_heading, *(column.heading for column in self.columns))

    def display_rows(self) -> list[tuple[str, list[str], bool]]:
        """Return each row as (heading, cells as Swedish text, emphasis) for the page."""
        result = []
        for row in self.rows:
            cells = []
            for column, cell in zip(self.columns, row.cells, strict=True):
                if cell is None:
                    cells.append(MISSING if column.numeric else "")
                elif isinstance(cell, float):
                    cells.append(format_number(cell, self.decimals))
                else:
                    cells.append(cell)
            result.append((row.heading, cells, row.emphasis))
        return result


def _value_heading(label: str, unit: str) -> str:
    return f"{label} ({unit})" if unit else label


def _series_columns(series: Series, unit: str) -> list[Column]:
    columns = [Column(_value_heading(series.label, unit))]
    if any(point.status for point in series.points):
        columns.append(Column(f"{series.label}, anmärkning", numeric=False))
    return columns


def chart_table(chart: Chart) -> ChartTable:
    """Return the data behind the chart, in the order the chart shows it."""
    match chart:
        case TimeSeriesChart():
            return _time_series_table(chart)
        case ComparisonChart():
            return _comparison_table(chart)
        case SexChart():
            return _sex_table(chart)
    raise TypeError(f"Okänd diagramtyp: {type(chart).__name__}")


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


def _time_series_table(chart: TimeSeriesChart) -> ChartTable:
    columns: list[Column] = []
    with_status = []
    for series in chart.series:
        series_columns = _series_columns(series, chart.unit)
        columns.extend(series_columns)
        with_status.append(len(series_columns) > 1)
    rows = []
    for period in chart.periods():
        cells: list[Cell] = []
        for series, status in zip(chart.series, with_status, strict=True):
            point = series.point_at(period)
            cells.append(_float(point.value) if point else None)
            if status:
                cells.append(point.status if point else "")
        rows.append(Row(period, tuple(cells)))
    return ChartTable(
        chart.title,
        "Period",
        tuple(columns),
        tuple(rows),
        chart.decimals,
        chart.unit,
        chart.source,
    )


def _comparison_table(chart: ComparisonChart) -> ChartTable:
    with_status = any(bar.status for bar in chart.bars) or any(
        reference.status for reference in chart.references
    )
    columns = [Column(_value_heading(at_period(chart.period).capitalize(), chart.unit))]
    if with_status:
        columns.append(Column("Anmärkning", numeric=False))
    rows = []
    for bar in chart.sorted_bars():
        cells: tuple[Cell, ...] = (_float(bar.value),)
        rows.append(Row(bar.label, (*cells, bar.status) if with_status else cells, bar.highlight))
    for reference in chart.references:
        cells = (_float(reference.value),)
        rows.append(Row(reference.label, (*cells, reference.status) if with_status else cells))
    return ChartTable(
        chart.title, "Namn", tuple(columns), tuple(rows), chart.decimals, chart.unit, chart.source
    )


def _sex_table(chart: SexChart) -> ChartTable:
    sexes = chart.sexes()
    with_status = any(item.status for group in chart.groups for item in group.values)
    columns: list[Column] = []
    for sex in sexes:
        columns.append(Column(_value_heading(sex.label, chart.unit)))
        if with_status:
            columns.append(Column(f"{sex.label}, anmärkning", numeric=False))
    rows = []
    for group in sorted(chart.groups, key=lambda g: g.period):
        cells: list[Cell] = []
        for sex in sexes:
            item = group.get(sex)
            cells.append(_float(item.value) if item else None)
            if with_status:
                cells.append(item.status if item else "")
        rows.append(Row(group.period, tuple(cells)))
    return ChartTable(
        chart.title,
        "Period",
        tuple(columns),
        tuple(rows),
        chart.decimals,
        chart.unit,
        chart.source,
    )


def to_csv(chart: Chart | ChartTable) -> bytes:
    """Return the table as CSV the way Swedish Excel opens it.

    UTF-8 with a byte order mark, semicolons between fields, decimal commas and every digit;
    a missing value is an empty field.
    """
    table = chart if isinstance(chart, ChartTable) else chart_table(chart)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.header())
    for row in table.rows:
        cells = [
            "" if cell is None else format_exact(cell) if isinstance(cell, float) else cell
            for cell in row.cells
        ]
        writer.writerow([row.heading, *cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_title(title: str) -> str:
    """Return title as an allowed worksheet name: at most 31 characters, none of []:*?/\\.

    A long title is cut between words where it can be.
    """
    cleaned = SHEET_TITLE_FORBIDDEN.sub(" ", title).strip().strip("'")
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > 31:
        cut = cleaned[:32].rfind(" ")
        cleaned = cleaned[:cut] if cut >= 10 else cleaned[:31]
    return cleaned.rstrip() or "Data"


def to_xlsx(chart: Chart | ChartTable, summary: str = "") -> bytes:
    """Return the table as an Excel workbook: a header row, then numbers stored as numbers.

    A second sheet tells what the table is: its title, unit, source and summary.
    """
    table = chart if isinstance(chart, ChartTable) else chart_table(chart)
    if not summary and not isinstance(chart, ChartTable):
        summary = chart.summary()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(table.caption)
    workbook.properties.title = table.caption
    workbook.properties.language = "sv-SE"

    sheet.append(list(table.header()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    number_format = "0" if table.decimals <= 0 else "0." + "0" * table.decimals
    for row in table.rows:
        sheet.append([row.heading, *row.cells])
    for index, column in enumerate(table.columns, start=2):
        if column.numeric:
            for (cell,) in sheet.iter_rows(
                min_row=2, min_col=index, max_col=index, max_row=len(table.rows) + 1
            ):
                cell.number_format = number_format
    for index, heading in enumerate(table.header(), start=1):
        longest = max([len(heading), *(len(r.heading) for r in table.rows if index == 1)])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(12, longest + 2), 60)
    sheet.freeze_panes = "B2"

    about = workbook.create_sheet("Om tabellen")
    about.append(["Titel", table.caption])
    about.append(["Enhet", unit_label(table.unit)])
    if table.source:
        about.append(["Källa", table.source])
    if summary:
        about.append(["Sammanfattning", summary])
    for cell in about["A"]:
        cell.font = Font(bold=True)
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 100

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
