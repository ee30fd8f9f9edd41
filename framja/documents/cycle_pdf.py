"""Render an improvement-cycle document as a portrait A4 PDF with the same content as the DOCX."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from framja.documents.cycle_data import CycleDocument, DocTable
from framja.documents.pdf_fonts import FONT_DIR, PdfFonts, pdf_fonts

PAGE_SIZE = A4
MARGIN = 20 * mm
TEXT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN
HEADER_FILL = colors.HexColor("#D9E2F3")
HEADING_COLOUR = colors.HexColor("#1F3864")


class _Styles:
    def __init__(self, fonts: PdfFonts) -> None:
        self.fonts = fonts
        self.title = ParagraphStyle(
            "title", fontName=fonts.bold, fontSize=18, leading=23, spaceAfter=6
        )
        self.heading = ParagraphStyle(
            "heading",
            fontName=fonts.bold,
            fontSize=13,
            leading=17,
            spaceBefore=12,
            spaceAfter=5,
            textColor=HEADING_COLOUR,
            keepWithNext=1,
        )
        self.body = ParagraphStyle("body", fontName=fonts.regular, fontSize=10, leading=14)
        self.note = ParagraphStyle("note", parent=self.body, fontName=fonts.italic)
        self.caption = ParagraphStyle(
            "caption", parent=self.body, fontName=fonts.bold, spaceBefore=6, spaceAfter=3
        )
        self.cell = ParagraphStyle("cell", fontName=fonts.regular, fontSize=8.5, leading=11)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=fonts.bold)

    def text(self, value: str) -> str:
        return "<br/>".join(self.fonts.text(line) for line in value.split("\n"))


def render_cycle_pdf(doc: CycleDocument, *, font_dir: Path = FONT_DIR) -> bytes:
    """Return the document as PDF bytes."""
    styles = _Styles(pdf_fonts(font_dir))
    story: list[Flowable] = [
        Paragraph(styles.text(doc.organisation), styles.cell_bold),
        Paragraph(styles.text(doc.title), styles.title),
        Paragraph(styles.text(doc.cycle), styles.body),
    ]
    if doc.example_note:
        story.append(Paragraph(styles.text(doc.example_note), styles.note))
    for section in doc.sections:
        story.append(Paragraph(styles.text(section.heading), styles.heading))
        for label, value in section.pairs:
            story.append(
                Paragraph(
                    f"<b>{styles.fonts.text(label)}:</b> {styles.text(value or '–')}", styles.body
                )
            )
        for text in section.paragraphs:
            story.append(Paragraph(styles.text(text), styles.body))
        for table in section.tables:
            story.extend(_table(styles, table))
    buffer = io.BytesIO()
    footer = doc.footer

    def draw_footer(canvas: Canvas, _doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(styles.fonts.regular, 8)
        canvas.drawString(MARGIN, 11 * mm, styles.fonts.plain(footer))
        canvas.drawRightString(PAGE_SIZE[0] - MARGIN, 11 * mm, f"Sida {canvas.getPageNumber()}")
        canvas.restoreState()

    template = SimpleDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=doc.title,
        author=doc.organisation,
        subject=doc.cycle,
        lang="sv-SE",
    )
    template.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return buffer.getvalue()


def _table(styles: _Styles, table: DocTable) -> list[Flowable]:
    widths = table.widths or [1 / len(table.columns)] * len(table.columns)
    header = [Paragraph(styles.text(c), styles.cell_bold) for c in table.columns]
    rows = [
        [
            Paragraph(
                styles.text(text), styles.cell_bold if table.row_headers and i == 0 else styles.cell
            )
            for i, text in enumerate(row)
        ]
        for row in table.rows
    ]
    grid = Table(
        [header, *rows], colWidths=[TEXT_WIDTH * w for w in widths], repeatRows=1, splitByRow=1
    )
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [Paragraph(styles.text(table.caption), styles.caption), grid, Spacer(1, 4 * mm)]
