"""Small pieces the Word renderers share."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Cm, Mm
from docx.text.paragraph import Paragraph

PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)


def set_portrait_a4(document: DocxDocument, margin: Cm) -> None:
    section = document.sections[0]
    section.page_width = PAGE_WIDTH
    section.page_height = PAGE_HEIGHT
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin


def set_swedish(document: DocxDocument) -> None:
    """Mark the text Swedish, for Word's spelling checker and for screen readers."""
    for lang in document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang"):
        lang.set(qn("w:val"), "sv-SE")
    for lang in document.settings.element.xpath("w:themeFontLang"):
        lang.set(qn("w:val"), "sv-SE")
    document.core_properties.language = "sv-SE"


def add_lines(paragraph: Paragraph, text: str, *, bold: bool = False, lead: str = "") -> None:
    """Add text to paragraph keeping its line breaks, the first line after lead."""
    for index, line in enumerate(text.split("\n")):
        run = paragraph.add_run()
        run.bold = bold or None
        if index:
            run.add_break()
        run.add_text(line if index else f"{lead}{line}")
