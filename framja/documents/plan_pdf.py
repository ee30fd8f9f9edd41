"""Render an action plan as a landscape A4 PDF with the same content and order as the DOCX."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from framja.charts.pdf import chart_flowables
from framja.documents.pdf_fonts import FONT_DIR, PdfFonts, pdf_fonts
from framja.documents.plan_data import (
    COLUMN_SHARES,
    PlanDocument,
    Row,
    activity_text,
    body_blocks,
)

PAGE_SIZE = landscape(A4)
MARGIN = 15 * mm
BULLET = "•"


class _Styles:
    def __init__(self, fonts: PdfFonts) -> None:
        self.fonts = fonts
        self.organisation = ParagraphStyle("organisation", fontName=fonts.bold, fontSize=11)
        self.title = ParagraphStyle(
            "title", fontName=fonts.bold, fontSize=20, leading=24, spaceBefore=4, spaceAfter=6
        )
        self.heading = ParagraphStyle(
            "heading", fontName=fonts.bold, fontSize=13, leading=16, spaceBefore=10, spaceAfter=4
        )
        self.subheading = ParagraphStyle(
            "subheading", fontName=fonts.bold, fontSize=11, leading=14, spaceBefore=8, spaceAfter=3
        )
        self.body = ParagraphStyle("body", fontName=fonts.regular, fontSize=10, leading=13)
        self.bullet = ParagraphStyle("bullet", parent=self.body, leftIndent=12, bulletIndent=2)
        self.cell = ParagraphStyle("cell", fontName=fonts.regular, fontSize=8, leading=10)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=fonts.bold)
        self.cell_bullet = ParagraphStyle("cell_bullet", parent=self.cell, leftIndent=9)


def render_plan_pdf(doc: PlanDocument, *, font_dir: Path = FONT_DIR) -> bytes:
    """Return the plan as PDF bytes."""
    styles = _Styles(pdf_fonts(font_dir))
    text = styles.fonts.text
    footer = styles.fonts.plain(f"{doc.organisation} – {doc.title}")

    story: list[Flowable] = [
        Paragraph(text(doc.organisation), styles.organisation),
        Paragraph(text(doc.title), styles.title),
    ]
    if doc.example:
        story.append(Paragraph(f"<i>{text('Exempeldata')}</i>", styles.body))
    if doc.meta:
        story.append(_meta_table(doc, styles))
    for section in doc.sections:
        story.append(Paragraph(text(section.heading), styles.heading))
        story.extend(_blocks(section.body, styles.body, styles.bullet, styles))
    if doc.focus_areas:
        story.append(Paragraph(text(doc.focus_heading), styles.heading))
        story.extend(_bullet(area, styles.bullet, styles) for area in doc.focus_areas)
    if doc.rows:
        story.append(Spacer(1, 6 * mm))
        story.append(_plan_table(doc, styles))
    if doc.followed:
        heading: list[Flowable] = [Paragraph(text(doc.followed_heading), styles.heading)]
        for line in doc.followed:
            # The section's heading stays with its first indicator, each indicator with its chart.
            part: list[Flowable] = [*heading, Paragraph(text(line.heading), styles.subheading)]
            heading = []
            part.extend(_bullet(fact, styles.bullet, styles) for fact in line.facts)
            if line.chart is not None:
                part.extend(chart_flowables(line.chart, width=17 * cm, max_height=11 * cm))
            story.append(KeepTogether(part))

    def draw_footer(canvas: Canvas, _template: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(styles.fonts.regular, 8)
        canvas.drawString(MARGIN, 8 * mm, footer)
        canvas.drawRightString(PAGE_SIZE[0] - MARGIN, 8 * mm, f"Sida {canvas.getPageNumber()}")
        canvas.restoreState()

    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=doc.title,
        author=doc.organisation,
        subject=f"{doc.organisation} – {doc.year}",
        lang="sv-SE",
    )
    template.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return buffer.getvalue()


def _bullet(value: str, style: ParagraphStyle, styles: _Styles) -> Paragraph:
    return Paragraph(styles.fonts.text(value), style, bulletText=BULLET)


def _blocks(
    value: str, plain: ParagraphStyle, bullet: ParagraphStyle, styles: _Styles
) -> list[Flowable]:
    return [
        _bullet(line, bullet, styles) if is_bullet else Paragraph(styles.fonts.text(line), plain)
        for is_bullet, line in body_blocks(value)
    ]


def _grid(header: bool) -> TableStyle:
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF4")))
    return TableStyle(commands)


def _meta_table(doc: PlanDocument, styles: _Styles) -> Table:
    width = PAGE_SIZE[0] - 2 * MARGIN
    data = [
        [
            Paragraph(styles.fonts.text(item.label), styles.cell_bold),
            _blocks(item.value, styles.cell, styles.cell_bullet, styles),
        ]
        for item in doc.meta
    ]
    table = Table(data, colWidths=[width * 0.3, width * 0.7], hAlign="LEFT")
    table.setStyle(_grid(header=False))
    return table


def _plan_table(doc: PlanDocument, styles: _Styles) -> Table:
    width = PAGE_SIZE[0] - 2 * MARGIN
    header = [Paragraph(styles.fonts.text(name), styles.cell_bold) for name in doc.COLUMNS]
    data: list[list[object]] = [header]
    data.extend(_row_cells(row, styles) for row in doc.rows)
    table = Table(data, colWidths=[width * share for share in COLUMN_SHARES], repeatRows=1)
    table.setStyle(_grid(header=True))
    return table


def _row_cells(row: Row, styles: _Styles) -> list[object]:
    text = styles.fonts.text
    cell, bold, bullet = styles.cell, styles.cell_bold, styles.cell_bullet

    effort: list[Flowable] = []
    if row.effort_area:
        effort.append(Paragraph(text(row.effort_area), cell))
    effort.extend(_blocks(row.effort_area_note, cell, bullet, styles))

    priority: list[Flowable] = [Paragraph(text(row.title), bold)]
    priority.extend(_blocks(row.description, cell, bullet, styles))
    if row.patient_promises:
        priority.append(Paragraph(text("Patientlöften:"), cell))
        priority.extend(_bullet(promise, bullet, styles) for promise in row.patient_promises)
    if row.target_areas:
        priority.append(Paragraph(text("Målområden: " + ", ".join(row.target_areas)), cell))

    activities = [_bullet(activity_text(a), bullet, styles) for a in row.activities]
    follow_up = _blocks(row.follow_up, cell, bullet, styles)

    status: list[Flowable] = []
    if row.status:
        status.append(Paragraph(text(row.status), cell))
    status.extend(_blocks(row.status_comment, cell, bullet, styles))

    return [effort, priority, activities, follow_up, status]
