"""Render "Återkoppling utifrån HP" as a 16:9 PowerPoint, the seed's template filled in.

Slide 1 is the title slide; then one slide per part (successes, setbacks, changes). A part
whose text does not fit at the smallest font size goes on over "(forts.)" slides.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, replace
from typing import Literal

from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.presentation import Presentation as PptxPresentation
from pptx.shapes.base import BaseShape
from pptx.slide import Slide
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Inches, Length, Pt
from reportlab.lib.utils import simpleSplit

from framja.documents.pdf_fonts import PdfFonts, pdf_fonts
from framja.documents.report_data import FeedbackDocument, text_blocks

SLIDE_WIDTH = Emu(12192000)  # 16:9, as PowerPoint makes it: 33.867 × 19.05 cm
SLIDE_HEIGHT = Emu(6858000)
SIDE = Inches(0.6)
CONTENT_WIDTH = Emu(SLIDE_WIDTH - 2 * SIDE)
TITLE_TOP, TITLE_HEIGHT = Inches(0.35), Inches(1.1)
BODY_TOP, BODY_HEIGHT = Inches(1.55), Inches(5.3)
INSET = Inches(0.1)
BODY_SIZES = (24, 22, 20, 18, 16)
TITLE_SIZES = (40, 36, 32, 28, 24)
LINE_HEIGHT = 1.2  # PowerPoint's single line spacing, as a share of the font size
# Text is measured with DejaVu Sans, which is wider than the slides' Calibri, and with a margin.
SAFETY = 0.92
DETAIL_INDENT = Inches(0.4)
BULLET_INDENT = Inches(0.75)
BULLET_HANG = Inches(0.25)
EXAMPLE_WIDTH, EXAMPLE_HEIGHT = Inches(2.2), Inches(0.4)

Kind = Literal["prompt", "item", "entry", "detail", "bullet"]


@dataclass(frozen=True)
class _Line:
    """One paragraph of a slide's body.

    A prompt (the template's question), an item (bold), an entry ("Ny ordförande: …"), a detail
    under an item, or a bullet point.
    """

    kind: Kind
    text: str
    label: str = ""  # shown bold before the text: "Framgångsfaktorer: "

    @property
    def indent(self) -> int:
        return {"detail": DETAIL_INDENT, "bullet": BULLET_INDENT}.get(self.kind, Emu(0))


def render_feedback_pptx(doc: FeedbackDocument) -> bytes:
    """Return the feedback as PPTX bytes."""
    presentation = Presentation()
    presentation.slide_width = SLIDE_WIDTH
    presentation.slide_height = SLIDE_HEIGHT
    properties = presentation.core_properties
    properties.title = doc.title
    properties.subject = doc.organisation
    properties.author = doc.organisation
    properties.language = "sv-SE"
    properties.comments = ""
    fitter = _Fitter(pdf_fonts())

    _title_slide(presentation, doc, fitter)
    parts = [
        (doc.SUCCESS_HEADING, _success_lines(doc)),
        (doc.SETBACK_HEADING, _setback_lines(doc)),
        (doc.changes_heading, _change_lines(doc)),
    ]
    for heading, lines in parts:
        size, pages = fitter.pages(lines)
        for number, page in enumerate(pages):
            title = heading if number == 0 else f"{heading} (forts.)"
            slide = _content_slide(presentation, title, page, size, fitter)
            if doc.example:
                _add_example_note(slide, doc.EXAMPLE_NOTE)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def _success_lines(doc: FeedbackDocument) -> list[_Line]:
    lines = [_Line("prompt", doc.SUCCESS_PROMPT)]
    for success in doc.successes:
        lines.append(_Line("item", success.text))
        lines.extend(_labelled(doc.FACTORS_LABEL, success.factors))
    if not doc.successes:
        lines.append(_Line("item", doc.NOTHING))
    return lines


def _setback_lines(doc: FeedbackDocument) -> list[_Line]:
    lines = [_Line("prompt", doc.SETBACK_PROMPT)]
    for setback in doc.setbacks:
        lines.append(_Line("item", setback.text))
        lines.extend(_labelled(doc.ANALYSIS_LABEL, setback.analysis))
        lines.extend(_labelled(doc.IMPROVEMENTS_LABEL, setback.improvements))
    if not doc.setbacks:
        lines.append(_Line("item", doc.NOTHING))
    return lines


def _change_lines(doc: FeedbackDocument) -> list[_Line]:
    lines = [_Line("entry", value, label=f"{label}: ") for label, value in doc.named_changes()]
    for block in text_blocks(doc.other_changes):
        lines.append(_Line("bullet" if block.kind == "bullet" else "item", block.text))
    return lines or [_Line("item", doc.NOTHING)]


def _labelled(label: str, text: str) -> list[_Line]:
    """Return text as detail lines, the first one opening with the bold label."""
    lines: list[_Line] = []
    for block in text_blocks(text):
        if block.kind == "bullet":
            lines.append(_Line("bullet", block.text))
        else:
            lines.append(_Line("detail", block.text))
    if not lines:
        return []
    if lines[0].kind == "detail":
        lines[0] = replace(lines[0], label=f"{label}: ")
    else:
        lines.insert(0, _Line("detail", "", label=f"{label}:"))
    return lines


class _Fitter:
    """Choose font sizes so the text fits its box, measuring with the PDF renderer's fonts."""

    def __init__(self, fonts: PdfFonts) -> None:
        self.fonts = fonts
        self.body_width = _points(CONTENT_WIDTH - 2 * INSET)
        self.body_height = _points(BODY_HEIGHT - 2 * INSET) * SAFETY

    def wrapped(self, text: str, size: float, width: float, *, bold: bool = False) -> list[str]:
        font = self.fonts.bold if bold else self.fonts.regular
        lines: list[str] = []
        for line in self.fonts.plain(text).split("\n"):
            lines.extend(simpleSplit(line, font, size, width * SAFETY) or [""])
        return lines

    def title_size(self, text: str, width: int, height: int) -> int:
        for size in TITLE_SIZES:
            lines = self.wrapped(text, size, _points(width - 2 * INSET))
            if len(lines) * size * LINE_HEIGHT <= _points(height - 2 * INSET):
                return size
        return TITLE_SIZES[-1]

    def line_height(self, line: _Line, size: int) -> float:
        text_size = _text_size(line, size)
        width = self.body_width - _points(line.indent)
        rows = self.wrapped(line.label + line.text, text_size, width, bold=line.kind == "item")
        return len(rows) * text_size * LINE_HEIGHT + _space_before(line, size)

    def pages(self, lines: list[_Line]) -> tuple[int, list[list[_Line]]]:
        """Return the largest size at which lines fit one slide, or the pages at the smallest."""
        for size in BODY_SIZES:
            if sum(self.line_height(line, size) for line in lines) <= self.body_height:
                return size, [lines]
        size = BODY_SIZES[-1]
        pages: list[list[_Line]] = [[]]
        used = 0.0
        for group in _groups(self._split_tall(lines, size)):
            # An item starts a new slide with its details rather than end a slide alone.
            if (
                pages[-1]
                and used + sum(self.line_height(x, size) for x in group) > self.body_height
            ):
                pages.append([])
                used = 0.0
            for line in group:
                height = self.line_height(line, size)
                if pages[-1] and used + height > self.body_height:
                    pages.append([])
                    used = 0.0
                pages[-1].append(line)
                used += height
        return size, pages

    def _split_tall(self, lines: list[_Line], size: int) -> list[_Line]:
        """Cut any line taller than a slide into slide-high pieces."""
        result: list[_Line] = []
        for line in lines:
            if self.line_height(line, size) <= self.body_height:
                result.append(line)
                continue
            text_size = _text_size(line, size)
            width = self.body_width - _points(line.indent)
            rows = self.wrapped(line.label + line.text, text_size, width, bold=line.kind == "item")
            per_slide = max(1, math.floor(self.body_height / (text_size * LINE_HEIGHT)) - 1)
            label_length = len(self.fonts.plain(line.label))
            for start in range(0, len(rows), per_slide):
                piece = " ".join(rows[start : start + per_slide])
                if start == 0:
                    result.append(replace(line, text=piece[label_length:]))
                else:
                    result.append(replace(line, text=piece, label=""))
        return result


def _groups(lines: list[_Line]) -> list[list[_Line]]:
    """Return lines grouped as an item (or prompt or entry) and the details and bullets under it."""
    groups: list[list[_Line]] = []
    for line in lines:
        if not groups or line.kind in ("prompt", "item", "entry"):
            groups.append([])
        groups[-1].append(line)
    return groups


def _points(length: int) -> float:
    return Emu(length).pt


def _text_size(line: _Line, size: int) -> int:
    return round(size * 0.85) if line.kind == "prompt" else size


def _space_before(line: _Line, size: int) -> float:
    spaces = {"item": 0.6, "entry": 0.6, "detail": 0.15, "bullet": 0.1}
    return size * spaces.get(line.kind, 0.0)


def _place(shape: BaseShape, left: Length, top: Length, width: Length, height: Length) -> None:
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


def _prepare(frame: TextFrame) -> None:
    frame.word_wrap = True
    for side in ("left", "right", "top", "bottom"):
        setattr(frame, f"margin_{side}", INSET)
    # The sizes are chosen here so the text fits. Leaving it to the program's "shrink on
    # overflow" gives a different size in every program (LibreOffice shrinks far too much).
    frame.auto_size = MSO_AUTO_SIZE.NONE


def _run(
    paragraph: _Paragraph, text: str, size: int, *, bold: bool = False, italic: bool = False
) -> None:
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.language_id = MSO_LANGUAGE_ID.SWEDISH


def _set_bullet(paragraph: _Paragraph, *, left: int, hang: int, char: str | None) -> None:
    """Set the paragraph's indents and its bullet (or none), whatever the layout would give."""
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(int(left)))
    properties.set("indent", str(-int(hang)))
    for old in properties.findall(qn("a:buNone")) + properties.findall(qn("a:buChar")):
        properties.remove(old)
    if char is None:
        properties.append(OxmlElement("a:buNone"))
    else:
        bullet = OxmlElement("a:buChar")
        bullet.set("char", char)
        properties.append(bullet)
    # The schema puts the bullet before tab stops and default run properties.
    for later in ("a:tabLst", "a:defRPr", "a:extLst"):
        for element in properties.findall(qn(later)):
            properties.remove(element)
            properties.append(element)


def _title_slide(presentation: PptxPresentation, doc: FeedbackDocument, fitter: _Fitter) -> None:
    slide = presentation.slides.add_slide(presentation.slide_layouts[0])
    title, subtitle = slide.placeholders[0], slide.placeholders[1]
    _place(title, SIDE, Inches(2.0), CONTENT_WIDTH, Inches(1.9))
    _place(subtitle, SIDE, Inches(4.1), CONTENT_WIDTH, Inches(1.3))
    for shape, text, size in (
        (title, doc.title, fitter.title_size(doc.title, CONTENT_WIDTH, Inches(1.9))),
        (subtitle, doc.organisation, 24),
    ):
        frame = shape.text_frame
        _prepare(frame)
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.CENTER
        _run(paragraph, text, size)
    if doc.example:
        _add_example_note(slide, doc.EXAMPLE_NOTE)


def _content_slide(
    presentation: PptxPresentation, title: str, lines: list[_Line], size: int, fitter: _Fitter
) -> Slide:
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    title_shape, body = slide.placeholders[0], slide.placeholders[1]
    _place(title_shape, SIDE, TITLE_TOP, CONTENT_WIDTH, TITLE_HEIGHT)
    _place(body, SIDE, BODY_TOP, CONTENT_WIDTH, BODY_HEIGHT)

    frame = title_shape.text_frame
    _prepare(frame)
    frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    _run(frame.paragraphs[0], title, fitter.title_size(title, CONTENT_WIDTH, TITLE_HEIGHT))

    frame = body.text_frame
    _prepare(frame)
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.line_spacing = 1.0
        paragraph.space_before = Pt(_space_before(line, size))
        paragraph.space_after = Pt(size * 0.3 if line.kind == "prompt" else 0)
        text_size = _text_size(line, size)
        if line.kind == "bullet":
            _set_bullet(paragraph, left=line.indent, hang=BULLET_HANG, char="•")
        else:
            _set_bullet(paragraph, left=line.indent, hang=0, char=None)
        if line.label:
            _run(paragraph, line.label, text_size, bold=True)
        if line.text:
            _run(
                paragraph,
                line.text,
                text_size,
                bold=line.kind == "item",
                italic=line.kind == "prompt",
            )
    return slide


def _add_example_note(slide: Slide, text: str) -> None:
    box = slide.shapes.add_textbox(
        Emu(SLIDE_WIDTH - SIDE - EXAMPLE_WIDTH),
        Emu(SLIDE_HEIGHT - EXAMPLE_HEIGHT - Inches(0.15)),
        EXAMPLE_WIDTH,
        EXAMPLE_HEIGHT,
    )
    box.name = text
    paragraph = box.text_frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.RIGHT
    _run(paragraph, text, 12, italic=True)
