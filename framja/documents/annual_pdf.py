"""Render the annual report as a portrait A4 PDF with the same content and order as the DOCX."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageBreakIfNotEmpty,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from framja.documents.pdf_fonts import FONT_DIR, PdfFonts, pdf_fonts
from framja.documents.report_data import (
    GOAL_COLUMN_SHARES,
    AnnualReportDocument,
    GoalGroup,
    GoalLine,
    text_blocks,
)

PAGE_SIZE = A4
MARGIN = 20 * mm
TEXT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN
BULLET = "•"
HEADER_FILL = colors.HexColor("#D9E2F3")
GROUP_FILL = colors.HexColor("#F2F2F2")
HEADING_COLOUR = colors.HexColor("#1F3864")
# The least height, in points, of either half when a tall table row is split over two pages.
ROW_SPLIT_MINIMUM = 30


class _Styles:
    def __init__(self, fonts: PdfFonts) -> None:
        self.fonts = fonts
        regular, bold = fonts.regular, fonts.bold

        def cover(name: str, size: float, font: str, space_before: float = 0) -> ParagraphStyle:
            return ParagraphStyle(
                name,
                fontName=font,
                fontSize=size,
                leading=size * 1.25,
                alignment=TA_CENTER,
                spaceBefore=space_before,
                spaceAfter=size * 0.4,
            )

        self.cover_short = cover("cover_short", 34, bold)
        self.cover_organisation = cover("cover_organisation", 13, regular)
        self.cover_title = cover("cover_title", 30, bold, space_before=40 * mm)
        self.cover_for = cover("cover_for", 13, regular)
        self.cover_for_organisation = cover("cover_for_organisation", 15, bold)
        self.cover_year = cover("cover_year", 26, bold, space_before=8 * mm)
        self.cover_note = ParagraphStyle(
            "cover_note",
            parent=cover("cover_note_base", 8.5, fonts.italic, space_before=45 * mm),
            textColor=colors.HexColor("#404040"),
        )
        self.heading1 = ParagraphStyle(
            "heading1",
            fontName=bold,
            fontSize=15,
            leading=19,
            spaceBefore=14,
            spaceAfter=6,
            textColor=HEADING_COLOUR,
            keepWithNext=1,
        )
        self.heading2 = ParagraphStyle(
            "heading2",
            parent=self.heading1,
            fontSize=12.5,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
        )
        self.heading3 = ParagraphStyle(
            "heading3", parent=self.heading2, fontSize=11, leading=14, spaceBefore=8
        )
        self.body = ParagraphStyle(
            "body", fontName=regular, bulletFontName=regular, fontSize=10, leading=14, spaceAfter=6
        )
        self.bullet = ParagraphStyle(
            "bullet", parent=self.body, leftIndent=14, bulletIndent=3, spaceAfter=2
        )
        self.signer = ParagraphStyle("signer", parent=self.body, spaceAfter=0)
        self.legend = ParagraphStyle(
            "legend", parent=self.body, leftIndent=24, bulletIndent=8, spaceAfter=2
        )
        self.cell = ParagraphStyle(
            "cell", fontName=regular, bulletFontName=regular, fontSize=8.5, leading=11, spaceAfter=3
        )
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=bold)
        self.cell_bullet = ParagraphStyle(
            "cell_bullet", parent=self.cell, leftIndent=9, bulletIndent=1, spaceAfter=1
        )
        self.toc_levels = [
            ParagraphStyle(
                "toc1", fontName=regular, fontSize=10.5, leading=14, leftIndent=0, spaceBefore=3
            ),
            ParagraphStyle("toc2", fontName=regular, fontSize=10, leading=13, leftIndent=14),
        ]

    def text(self, value: str) -> str:
        """Return value as Paragraph markup, keeping its line breaks."""
        return "<br/>".join(self.fonts.text(line) for line in value.split("\n"))


class _Heading(Paragraph):
    """A heading the outline (bookmarks) and, unless in_contents is False, the contents list."""

    def __init__(
        self, text: str, style: ParagraphStyle, *, level: int, key: str, in_contents: bool = True
    ) -> None:
        super().__init__(text, style)
        self.outline_level = level
        self.outline_key = key
        self.in_contents = in_contents


class _ReportTemplate(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, footer: str, fonts: PdfFonts, **kwargs: Any) -> None:
        super().__init__(
            buffer,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            **kwargs,
        )
        self.footer = footer
        self.fonts = fonts
        frame = Frame(
            MARGIN,
            MARGIN,
            TEXT_WIDTH,
            PAGE_SIZE[1] - 2 * MARGIN,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="text",
        )
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame]),
                PageTemplate("body", [frame], onPage=self.draw_footer),
            ]
        )

    def draw_footer(self, canvas: Canvas, _template: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(self.fonts.regular, 8)
        canvas.drawString(MARGIN, 11 * mm, self.footer)
        canvas.drawRightString(PAGE_SIZE[0] - MARGIN, 11 * mm, f"Sida {canvas.getPageNumber()}")
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, _Heading):
            return
        text = flowable.getPlainText()
        # The link lands on the heading itself, not on the top of its page.
        self.canv.bookmarkHorizontalAbsolute(flowable.outline_key, self.frame._y + flowable.height)
        self.canv.showOutline()
        self.canv.addOutlineEntry(
            text, flowable.outline_key, level=flowable.outline_level - 1, closed=False
        )
        if flowable.in_contents:
            self.notify(
                "TOCEntry",
                (
                    flowable.outline_level - 1,
                    self.fonts.text(text),
                    self.page,
                    flowable.outline_key,
                ),
            )


def render_annual_report_pdf(doc: AnnualReportDocument, *, font_dir: Path = FONT_DIR) -> bytes:
    """Return the annual report as PDF bytes."""
    styles = _Styles(pdf_fonts(font_dir))
    story = _Story(styles)

    story.cover(doc)
    story.contents(doc.CONTENTS_HEADING)

    if doc.has_foreword:
        story.heading(doc.foreword_heading, 1)
        story.text(doc.foreword, subheading_level=2)
        for index, name in enumerate(doc.foreword_signed_by):
            if index == 0:
                story.add(Spacer(1, 4 * mm))
            story.add(Paragraph(styles.text(name), styles.signer))

    for section in doc.about:
        story.heading(section.heading, 1)
        story.text(section.body, subheading_level=2)

    if doc.events:
        story.heading(doc.events_heading, 1)
        for event in doc.events:
            story.add(Paragraph(styles.text(event), styles.bullet, bulletText=BULLET))

    story.add(PageBreakIfNotEmpty())
    story.heading(doc.own_goals_heading, 1)
    story.add(Paragraph(styles.text(doc.LEGEND_INTRO), styles.body))
    for item in doc.legend:
        story.add(Paragraph(styles.text(item.sentence), styles.legend, bulletText=item.symbol))
    story.add(Spacer(1, 4 * mm))
    story.goals(doc, doc.own_goals)

    if doc.sections:
        story.add(PageBreakIfNotEmpty())
        story.heading(doc.sections_heading, 1)
        for index, part in enumerate(doc.sections):
            if index:
                story.add(PageBreakIfNotEmpty())
            story.heading(part.heading, 2)
            story.text(part.summary, subheading_level=3)
            story.goals(doc, part.groups)

    buffer = io.BytesIO()
    template = _ReportTemplate(
        buffer,
        styles.fonts.plain(f"{doc.short_name or doc.organisation} – {doc.title} {doc.year}"),
        styles.fonts,
        title=f"{doc.title} {doc.year}",
        author=doc.organisation,
        subject=doc.organisation,
        lang="sv-SE",
        displayDocTitle=True,
    )
    # Twice or more: the first pass learns the page of every heading for the contents list.
    template.multiBuild(story.flowables)
    return buffer.getvalue()


class _Story:
    """Collect the flowables, numbering the headings for the bookmarks."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.flowables: list[Flowable] = []
        self.headings = 0

    def add(self, flowable: Flowable) -> None:
        self.flowables.append(flowable)

    def heading(self, text: str, level: int, *, in_contents: bool = True) -> None:
        style = {1: self.styles.heading1, 2: self.styles.heading2}.get(level)
        if style is None:
            self.add(Paragraph(self.styles.text(text), self.styles.heading3))
            return
        self.headings += 1
        self.add(
            _Heading(
                self.styles.text(text),
                style,
                level=level,
                key=f"h{self.headings}",
                in_contents=in_contents,
            )
        )

    def text(self, body: str, *, subheading_level: int) -> None:
        styles = self.styles
        for block in text_blocks(body):
            if block.kind == "subheading":
                self.heading(block.text, subheading_level)
            elif block.kind == "bullet":
                self.add(Paragraph(styles.text(block.text), styles.bullet, bulletText=BULLET))
            else:
                self.add(Paragraph(styles.text(block.text), styles.body))

    def cover(self, doc: AnnualReportDocument) -> None:
        styles = self.styles
        self.add(Spacer(1, 25 * mm))
        if doc.short_name:
            self.add(Paragraph(styles.text(doc.short_name), styles.cover_short))
        self.add(Paragraph(styles.text(doc.organisation), styles.cover_organisation))
        self.add(Paragraph(styles.text(doc.title), styles.cover_title))
        self.add(Paragraph(styles.text(doc.COVER_FOR), styles.cover_for))
        self.add(Paragraph(styles.text(doc.organisation), styles.cover_for_organisation))
        self.add(Paragraph(styles.text(str(doc.year)), styles.cover_year))
        if doc.source_note:
            self.add(Paragraph(styles.text(doc.source_note), styles.cover_note))
        self.add(NextPageTemplate("body"))
        self.add(PageBreak())

    def contents(self, heading: str) -> None:
        self.heading(heading, 1, in_contents=False)
        toc = TableOfContents(dotsMinLevel=0)
        toc.levelStyles = self.styles.toc_levels
        self.add(toc)
        self.add(PageBreak())

    def goals(self, doc: AnnualReportDocument, groups: list[GoalGroup]) -> None:
        styles = self.styles
        if not any(group.goals for group in groups):
            self.add(Paragraph(styles.text(doc.NO_GOALS), styles.body))
            return
        data: list[list[object]] = [
            [Paragraph(styles.text(name), styles.cell_bold) for name in doc.GOAL_COLUMNS]
        ]
        commands: list[tuple[object, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#808080")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ]
        for group in groups:
            if not group.goals:
                continue
            if group.heading:
                row = len(data)
                data.append([Paragraph(styles.text(group.heading), styles.cell_bold), "", ""])
                commands.append(("SPAN", (0, row), (-1, row)))
                commands.append(("BACKGROUND", (0, row), (-1, row), GROUP_FILL))
                # The group's heading never ends a page alone.
                commands.append(("NOSPLIT", (0, row), (-1, row + 1)))
            data.extend(self._goal_cells(goal) for goal in group.goals)
        table = Table(
            data,
            colWidths=[TEXT_WIDTH * share for share in GOAL_COLUMN_SHARES],
            repeatRows=1,
            # Split the row that meets the page end, as Word does, rather than move it whole
            # to the next page (which would leave a second header right below the first).
            splitByRow=0,
            splitInRow=ROW_SPLIT_MINIMUM,
        )
        table.setStyle(TableStyle(commands))
        self.add(table)
        self.add(Spacer(1, 4 * mm))

    def _goal_cells(self, goal: GoalLine) -> list[object]:
        return [
            self._cell(goal.text),
            self._cell(goal.result),
            self._analysis(goal),
        ]

    def _cell(self, text: str) -> list[Flowable]:
        styles = self.styles
        cell: list[Flowable] = []
        for block in text_blocks(text):
            if block.kind == "bullet":
                cell.append(
                    Paragraph(styles.text(block.text), styles.cell_bullet, bulletText=BULLET)
                )
            else:
                style = styles.cell_bold if block.kind == "subheading" else styles.cell
                cell.append(Paragraph(styles.text(block.text), style))
        return cell

    def _analysis(self, goal: GoalLine) -> list[Flowable]:
        """Open the analysis with the assessment, "◐ Målet är delvis uppnått.", as seed 003 does."""
        styles = self.styles
        opening = f"<b>{styles.text(goal.rating_text)}</b>"
        blocks = text_blocks(goal.analysis)
        rest = self._cell(goal.analysis)
        if blocks and blocks[0].kind == "paragraph":
            opening = f"{opening} {styles.text(blocks[0].text)}"
            rest = rest[1:]
        return [Paragraph(opening, styles.cell), *rest]
