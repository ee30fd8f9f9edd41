"""Render a survey's answers as an Excel workbook, with formula-like text neutralised."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from framja.documents.survey_data import AnswerTable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Return text a spreadsheet program will not run as a formula.

    Text starting with = + - @ (or a tab or carriage return) gets a leading apostrophe, the
    usual escape (OWASP's advice for CSV injection). The cell is also stored as text.
    """
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _cell(sheet: Worksheet, value: str) -> Cell:
    cell = Cell(sheet, value=neutralise(value))
    cell.data_type = "s"  # openpyxl would guess a formula for "=…"
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _sheet(sheet: Worksheet, header: list[str], rows: list[list[str]]) -> None:
    sheet.append([_cell(sheet, h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    sheet.freeze_panes = "B2"
    for column in sheet.columns:
        letter = column[0].column_letter
        sheet.column_dimensions[letter].width = 30


def render_answers_xlsx(table: AnswerTable) -> bytes:
    """Return the answers as XLSX bytes: one row per organisation, one column per question."""
    workbook = Workbook()
    workbook.properties.title = table.title
    workbook.properties.language = "sv-SE"
    sheet = workbook.active
    sheet.title = "Svar"
    _sheet(sheet, table.header, table.rows)
    questions = workbook.create_sheet(table.questions_sheet)
    _sheet(questions, table.questions_header, table.questions)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
