"""Render an improvement-cycle document as Word: headings, labelled texts and tables."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Cm

from framja.documents.cycle_data import CycleDocument, DocTable
from framja.documents.docx_text import PAGE_WIDTH, add_lines, set_portrait_a4, set_swedish

MARGIN = Cm(2)


def render_cycle_docx(doc: CycleDocument) -> bytes:
    """Return the document as DOCX bytes."""
    document = Document()
    set_portrait_a4(document, MARGIN)
    set_swedish(document)
    properties = document.core_properties
    properties.title = doc.title
    properties.subject = doc.cycle
    properties.author = doc.organisation
    properties.comments = ""

    document.add_paragraph().add_run(doc.organisation).bold = True
    document.add_heading(doc.title, level=0)
    document.add_paragraph(doc.cycle)
    if doc.example_note:
        document.add_paragraph().add_run(doc.example_note).italic = True
    for section in doc.sections:
        document.add_heading(section.heading, level=1)
        for label, value in section.pairs:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            add_lines(paragraph, value or "–")
        for text in section.paragraphs:
            add_lines(document.add_paragraph(), text)
        for table in section.tables:
            _table(document, table)
    if doc.footer:
        document.sections[0].footer.paragraphs[0].text = doc.footer
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document: Document, table: DocTable) -> None:  # type: ignore[valid-type]
    document.add_paragraph().add_run(table.caption).bold = True  # type: ignore[attr-defined]
    grid = document.add_table(rows=1, cols=len(table.columns))  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.text = ""
            add_lines(cell.paragraphs[0], text, bold=table.row_headers and index == 0)
    if table.widths:
        usable = PAGE_WIDTH - 2 * MARGIN
        for row in grid.rows:
            for cell, share in zip(row.cells, table.widths, strict=True):
                cell.width = int(usable * share)
