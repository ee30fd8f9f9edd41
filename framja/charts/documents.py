"""One chart as a document of its own: the picture, its summary and the table behind it.

The same picture the page shows (the same layout, drawn as PNG in Word and as vector
graphics in PDF), so a chart downloaded for a report looks like the one on the screen.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from framja.charts import geometry
from framja.charts.data import Chart
from framja.charts.pdf import chart_flowables, chart_fonts
from framja.charts.table import ChartTable, chart_table
from framja.charts.word import add_chart_to_docx

TABLE_STYLE = "Table Grid"
HEADER_FILL = "#E8EEF4"


def _table_title(table: ChartTable) -> str:
    unit = geometry.unit_label(table.unit)
    return f"{table.caption} ({unit})" if unit else table.caption


def chart_docx(chart: Chart) -> bytes:
    """Return the chart as a Word document: heading, picture, caption, table and source."""
    layout = geometry.layout(chart)
    table = chart_table(chart)
    document = Document()
    document.core_properties.title = layout.title
    document.core_properties.language = "sv-SE"
    document.add_heading(layout.title, level=1)
    add_chart_to_docx(document, chart)

    document.add_heading(_table_title(table), level=2)
    header = table.header()
    grid = document.add_table(rows=1, cols=len(header))
    if TABLE_STYLE in [style.name for style in document.styles]:
        grid.style = TABLE_STYLE
    for cell, text in zip(grid.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    # Word repeats the header row on every page the table runs over.
    grid.rows[0]._tr.get_or_add_trPr().append(_repeat_header())
    for heading, cells, emphasis in table.display_rows():
        row = grid.add_row().cells
        row[0].text = heading
        for column, (cell, text) in enumerate(zip(row[1:], cells, strict=True)):
            cell.text = text
            if table.columns[column].numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if emphasis:
            for cell in row:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    if table.source:
        source = document.add_paragraph(f"Källa: {table.source}")
        source.runs[0].font.size = Pt(9)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _repeat_header() -> BaseOxmlElement:
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    return element


def chart_pdf(chart: Chart) -> bytes:
    """Return the chart as a PDF: heading, drawing, caption, table and source."""
    layout = geometry.layout(chart)
    table = chart_table(chart)
    fonts = chart_fonts()
    text = fonts.text
    title_style = ParagraphStyle("title", fontName=fonts.bold, fontSize=15, leading=19)
    heading_style = ParagraphStyle(
        "heading", fontName=fonts.bold, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4
    )
    cell_style = ParagraphStyle("cell", fontName=fonts.regular, fontSize=8, leading=10)
    number_style = ParagraphStyle("number", parent=cell_style, alignment=2)
    bold_style = ParagraphStyle("bold", parent=cell_style, fontName=fonts.bold)
    small_style = ParagraphStyle("small", fontName=fonts.regular, fontSize=8, leading=10)

    def cell(value: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(text(value)), style)

    story: list[Flowable] = [Paragraph(escape(text(layout.title)), title_style)]
    story.extend(chart_flowables(chart, width=17 * cm, max_height=20 * cm))
    story.append(Paragraph(escape(text(_table_title(table))), heading_style))
    rows: list[list[Paragraph]] = [[cell(heading, bold_style) for heading in table.header()]]
    for heading, cells, emphasis in table.display_rows():
        first = bold_style if emphasis else cell_style
        rows.append(
            [
                cell(heading, first),
                *(
                    cell(value, number_style if column.numeric else cell_style)
                    for value, column in zip(cells, table.columns, strict=True)
                ),
            ]
        )
    grid = Table(rows, repeatRows=1, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8A8A8A")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(HEADER_FILL)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(grid)
    if table.source:
        story.append(Paragraph(escape(text(f"Källa: {table.source}")), small_style))

    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=layout.title,
        lang="sv-SE",
    )
    template.build(story)
    return buffer.getvalue()
