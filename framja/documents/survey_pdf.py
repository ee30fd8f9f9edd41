"""Render a survey's benchmark report as PDF."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from framja.documents.pdf_fonts import FONT_DIR, pdf_fonts
from framja.documents.survey_data import BenchmarkDocument

MARGIN = 20 * mm
HEADING_COLOUR = colors.HexColor("#1F3864")
HEADER_FILL = colors.HexColor("#D9E2F3")
OWN_FILL = colors.HexColor("#FFF2CC")


def render_benchmark_pdf(doc: BenchmarkDocument, *, font_dir: Path = FONT_DIR) -> bytes:
    """Return the benchmark report as PDF bytes."""
    fonts = pdf_fonts(font_dir)
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=10, leading=14, spaceAfter=5)
    italic = ParagraphStyle("italic", parent=body, fontName=fonts.italic)
    title = ParagraphStyle(
        "title",
        fontName=fonts.bold,
        fontSize=20,
        leading=25,
        spaceAfter=10,
        textColor=HEADING_COLOUR,
    )
    h1 = ParagraphStyle(
        "h1",
        fontName=fonts.bold,
        fontSize=14,
        leading=18,
        spaceBefore=12,
        spaceAfter=6,
        textColor=HEADING_COLOUR,
        keepWithNext=1,
    )
    h2 = ParagraphStyle("h2", parent=h1, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4)
    cell = ParagraphStyle("cell", fontName=fonts.regular, fontSize=9, leading=11)
    cell_bold = ParagraphStyle("cell_bold", parent=cell, fontName=fonts.bold)

    story: list[Any] = [
        Paragraph(fonts.text(doc.organisation), body),
        Paragraph(fonts.text(doc.title), title),
    ]
    story += [Paragraph(fonts.text(line), italic) for line in doc.intro]
    for section in doc.sections:
        story.append(Paragraph(fonts.text(section.title), h1))
        for question in section.questions:
            story.append(Paragraph(fonts.text(question.text), h2))
            story.append(
                Paragraph(
                    f"<b>{fonts.text(doc.own_label)}:</b> {fonts.text(question.own or '–')}", body
                )
            )
            if question.summary:
                story.append(Paragraph(fonts.text(question.summary), body))
            if question.note:
                story.append(Paragraph(fonts.text(question.note), italic))
            if question.options:
                data = [
                    [
                        Paragraph(fonts.text(t), cell_bold)
                        for t in (doc.answer_label, doc.count_label, doc.share_label)
                    ]
                ]
                style = [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
                for row, option in enumerate(question.options, start=1):
                    label = f"{option.label} ◀ {doc.own_label}" if option.own else option.label
                    data.append(
                        [
                            Paragraph(fonts.text(label), cell_bold if option.own else cell),
                            Paragraph(str(option.count), cell),
                            Paragraph(f"{option.percent} %", cell),
                        ]
                    )
                    if option.own:
                        style.append(("BACKGROUND", (0, row), (-1, row), OWN_FILL))
                width = A4[0] - 2 * MARGIN
                table = Table(data, colWidths=[width * 0.6, width * 0.2, width * 0.2])
                table.setStyle(TableStyle(style))
                story += [table, Spacer(1, 4)]
            if question.position:
                story.append(Paragraph(fonts.text(question.position), body))
            if question.named:
                story.append(Paragraph(f"<b>{fonts.text(doc.others_label)}:</b>", body))
                for named in question.named:
                    story.append(
                        Paragraph(
                            f"<b>{fonts.text(named.organisation)}:</b> {fonts.text(named.text)}",
                            body,
                            bulletText="•",
                        )
                    )
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=doc.title,
        author=doc.organisation,
        lang="sv-SE",
    ).build(story)
    return buffer.getvalue()
