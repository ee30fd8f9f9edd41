"""Render an action plan as an Excel workbook: one line per plan row, for filtering and sorting."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from framja.documents.plan_data import PlanDocument, Row, activity_text

PLAN_SHEET = "Handlingsplan"
META_SHEET = "Dokument"
COLUMNS = (
    ("År", 7),
    ("Organisation", 24),
    ("Nationellt insatsområde", 28),
    ("Kommentar till insatsområdet", 28),
    ("Prioriterat område", 28),
    ("Beskrivning", 40),
    ("Patientlöften", 40),
    ("Målområden", 28),
    ("Aktiviteter", 50),
    ("Uppföljning", 40),
    ("Status", 24),
    ("Statuskommentar", 36),
)
# "-" followed by something other than whitespace, e.g. "-1+2" or "-A1"; "- punkt" is a bullet.
_MINUS_FORMULA = re.compile(r"-\S")
_WRAP = Alignment(wrap_text=True, vertical="top")
LINE_HEIGHT = 15  # points, for the default 11-point font


def looks_like_formula(value: str) -> bool:
    """Return whether a spreadsheet program could take value for a formula.

    That is text starting with "=", "+", "@", a tab or a carriage return, or with "-" directly
    followed by a non-blank character ("-1+2", "-A1"). A "- " bullet line is ordinary text.
    """
    return value.startswith(("=", "+", "@", "\t", "\r")) or bool(_MINUS_FORMULA.match(value))


def render_plan_xlsx(doc: PlanDocument) -> bytes:
    """Return the plan as XLSX bytes.

    Every text is stored as a string cell, never as a formula: openpyxl on its own turns any
    text starting with "=" into a formula. Text that looks like a formula (see
    looks_like_formula) also gets Excel's quote prefix, the stored form of typing a leading
    apostrophe, so it stays text when someone edits the cell. The text itself is unchanged.
    """
    workbook = Workbook()
    workbook.properties.title = doc.title
    workbook.properties.subject = f"{doc.organisation} – {doc.year}"
    workbook.properties.language = "sv-SE"

    sheet = workbook.active
    sheet.title = PLAN_SHEET
    _write_header(sheet, [name for name, _width in COLUMNS])
    for row in doc.rows:
        sheet.append([_write(sheet, value) for value in _row_values(doc, row)])
    for index, (_name, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    _finish(sheet)
    _fit_heights(sheet, [width for _name, width in COLUMNS])

    meta = workbook.create_sheet(META_SHEET)
    _write_header(meta, ["Uppgift", "Värde"])
    for item in doc.meta:
        meta.append([_write(meta, item.label), _write(meta, item.value)])
    meta.column_dimensions["A"].width = 30
    meta.column_dimensions["B"].width = 80
    _finish(meta)
    _fit_heights(meta, [30, 80])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _row_values(doc: PlanDocument, row: Row) -> list[int | str]:
    return [
        doc.year,
        doc.organisation,
        row.effort_area,
        row.effort_area_note,
        row.title,
        row.description,
        "\n".join(row.patient_promises),
        ", ".join(row.target_areas),
        "\n".join(activity_text(activity) for activity in row.activities),
        row.follow_up,
        row.status,
        row.status_comment,
    ]


def _write(sheet: Worksheet, value: int | str) -> Cell | int | str:
    """Return value as a cell that keeps text as text; numbers pass through."""
    if not isinstance(value, str):
        return value
    cell = Cell(sheet, value=value)
    cell.data_type = "s"  # openpyxl guessed "f" for "=…" and "e" for "#N/A"-like text
    cell.quotePrefix = looks_like_formula(value)
    return cell


def _write_header(sheet: Worksheet, names: list[str]) -> None:
    sheet.append(names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)


def _finish(sheet: Worksheet) -> None:
    for line in sheet.iter_rows():
        for cell in line:
            cell.alignment = _WRAP
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _lines(text: str, width: float) -> int:
    """Return about how many lines ``text`` takes, wrapped in a column ``width`` wide."""
    per_line = max(1, int(width))
    return sum(max(1, -(-len(line) // per_line)) for line in text.split("\n"))


def _fit_heights(sheet: Worksheet, widths: list[float]) -> None:
    """Make each row tall enough for its wrapped text.

    Not every program grows a row to fit wrapped text when it opens the file (LibreOffice
    does not): without a height, the printout shows only each cell's first line.
    """
    for number, line in enumerate(sheet.iter_rows(min_row=2), start=2):
        tallest = max(
            (_lines(str(cell.value), width) for cell, width in zip(line, widths, strict=False)),
            default=1,
        )
        sheet.row_dimensions[number].height = LINE_HEIGHT * tallest
