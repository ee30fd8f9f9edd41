"""Render an action plan as a Word document, laid out like the users' own plans."""

from __future__ import annotations

import io
from functools import cache

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.shared import Cm, Emu, Mm, Pt
from docx.table import Table, _Cell

from framja.charts.word import add_chart_to_docx
from framja.documents.plan_data import (
    COLUMN_SHARES,
    PlanDocument,
    Row,
    activity_text,
    body_blocks,
)

BULLET_STYLE = "List Bullet"
PAGE_WIDTH = Mm(297)
PAGE_HEIGHT = Mm(210)
MARGIN = Cm(1.5)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN


def render_plan_docx(doc: PlanDocument) -> bytes:
    """Return the plan as DOCX bytes."""
    document = Document()
    _set_landscape_a4(document)
    document.core_properties.title = doc.title
    document.core_properties.subject = f"{doc.organisation} – {doc.year}"
    document.core_properties.language = "sv-SE"

    organisation = document.add_paragraph()
    organisation.add_run(doc.organisation).bold = True
    document.add_heading(doc.title, level=0)
    if doc.example:
        document.add_paragraph("Exempeldata").runs[0].italic = True

    if doc.meta:
        _add_meta_table(document, doc)

    for section in doc.sections:
        document.add_heading(section.heading, level=2)
        for is_bullet, text in body_blocks(section.body):
            document.add_paragraph(text, style=BULLET_STYLE if is_bullet else None)

    if doc.focus_areas:
        document.add_heading(doc.focus_heading, level=2)
        for area in doc.focus_areas:
            document.add_paragraph(area, style=BULLET_STYLE)

    if doc.rows:
        _add_plan_table(document, doc)

    if doc.followed:
        document.add_heading(doc.followed_heading, level=2)
        for line in doc.followed:
            document.add_heading(line.heading, level=3)
            for fact in line.facts:
                document.add_paragraph(fact, style=BULLET_STYLE)
            if line.chart is not None:
                add_chart_to_docx(document, line.chart, max_height=Cm(12))

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_landscape_a4(document: DocxDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width = PAGE_WIDTH
    section.page_height = PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN


def _add_meta_table(document: DocxDocument, doc: PlanDocument) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    widths = [Emu(int(TEXT_WIDTH * 0.3)), Emu(int(TEXT_WIDTH * 0.7))]
    _set_column_widths(table, widths)
    for item in doc.meta:
        cells = table.add_row().cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        _add(cells[0], item.label, bold=True)
        _write_lines(cells[1], item.value)
    document.add_paragraph()


def _add_plan_table(document: DocxDocument, doc: PlanDocument) -> None:
    table = document.add_table(rows=1, cols=len(doc.COLUMNS))
    table.style = "Table Grid"
    widths = [Emu(int(TEXT_WIDTH * share)) for share in COLUMN_SHARES]
    _set_column_widths(table, widths)

    header = table.rows[0]
    # Word repeats a row marked tblHeader at the top of every page the table spans.
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, heading, width in zip(header.cells, doc.COLUMNS, widths, strict=True):
        cell.width = width
        _add(cell, heading, bold=True)

    for row in doc.rows:
        cells = table.add_row().cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        _fill_effort_area(cells[0], row)
        _fill_priority(cells[1], row)
        for activity in row.activities:
            _add(cells[2], activity_text(activity), bullet=True)
        for is_bullet, text in body_blocks(row.follow_up):
            _add(cells[3], text, bullet=is_bullet)
        if row.status:
            _add(cells[4], row.status)
        if row.status_comment:
            _write_lines(cells[4], row.status_comment)


def _set_column_widths(table: Table, widths: list[Emu]) -> None:
    """Set the grid widths, which LibreOffice reads; cells get theirs as rows are added."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width


def _fill_effort_area(cell: _Cell, row: Row) -> None:
    if row.effort_area:
        _add(cell, row.effort_area)
    if row.effort_area_note:
        _write_lines(cell, row.effort_area_note)


def _fill_priority(cell: _Cell, row: Row) -> None:
    _add(cell, row.title, bold=True)
    if row.description:
        _write_lines(cell, row.description)
    if row.patient_promises:
        _add(cell, "Patientlöften:")
        for promise in row.patient_promises:
            _add(cell, promise, bullet=True)
    if row.target_areas:
        _add(cell, "Målområden: " + ", ".join(row.target_areas))


def _write_lines(cell: _Cell, text: str) -> None:
    for is_bullet, line in body_blocks(text):
        _add(cell, line, bullet=is_bullet)


@cache
def _bullet_style_id() -> str:
    """The id of the bullet style in python-docx's template (what Word stores per paragraph).

    Setting a paragraph's style by name makes python-docx search the styles each time: half
    the time of a 100-row plan. The template is the same for every document.
    """
    return str(Document().styles[BULLET_STYLE].style_id)


def _add(cell: _Cell, text: str, *, bullet: bool = False, bold: bool = False) -> None:
    """Add a paragraph to a table cell, reusing the empty one every new cell starts with."""
    paragraphs = cell.paragraphs
    if len(paragraphs) == 1 and not paragraphs[0].text and not paragraphs[0].runs:
        paragraph = paragraphs[0]
    else:
        paragraph = cell.add_paragraph()
    if bullet:
        paragraph._p.style = _bullet_style_id()
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(9)
