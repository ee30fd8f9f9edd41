"""Render "Återkoppling utifrån HP" as a Word document with the same parts as the slides."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Cm

from framja.documents.docx_text import add_lines, set_portrait_a4, set_swedish
from framja.documents.report_data import FeedbackDocument, text_blocks

BULLET_STYLE = "List Bullet"
MARGIN = Cm(2.2)


def render_feedback_docx(doc: FeedbackDocument) -> bytes:
    """Return the feedback as DOCX bytes."""
    document = Document()
    set_portrait_a4(document, MARGIN)
    set_swedish(document)
    properties = document.core_properties
    properties.title = doc.title
    properties.subject = doc.organisation
    properties.author = doc.organisation
    properties.comments = ""

    document.add_paragraph().add_run(doc.organisation).bold = True
    document.add_heading(doc.title, level=0)
    if doc.example:
        document.add_paragraph().add_run(doc.EXAMPLE_NOTE).italic = True

    _part(document, doc.SUCCESS_HEADING, doc.SUCCESS_PROMPT)
    for number, success in enumerate(doc.successes, start=1):
        document.add_heading(f"{doc.SUCCESS_ITEM} {number}", level=2)
        add_lines(document.add_paragraph(), success.text)
        _labelled(document, doc.FACTORS_LABEL, success.factors)
    if not doc.successes:
        document.add_paragraph(doc.NOTHING)

    _part(document, doc.SETBACK_HEADING, doc.SETBACK_PROMPT)
    for number, setback in enumerate(doc.setbacks, start=1):
        document.add_heading(f"{doc.SETBACK_ITEM} {number}", level=2)
        add_lines(document.add_paragraph(), setback.text)
        _labelled(document, doc.ANALYSIS_LABEL, setback.analysis)
        _labelled(document, doc.IMPROVEMENTS_LABEL, setback.improvements)
    if not doc.setbacks:
        document.add_paragraph(doc.NOTHING)

    document.add_heading(doc.changes_heading, level=1)
    for label, value in doc.named_changes():
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        add_lines(paragraph, value)
    _blocks(document, doc.other_changes)
    if not doc.named_changes() and not text_blocks(doc.other_changes):
        document.add_paragraph(doc.NOTHING)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _part(document: DocxDocument, heading: str, prompt: str) -> None:
    document.add_heading(heading, level=1)
    document.add_paragraph().add_run(prompt).italic = True


def _labelled(document: DocxDocument, label: str, text: str) -> None:
    """Add text under a bold label, which opens its first paragraph when it has one."""
    blocks = text_blocks(text)
    if not blocks:
        return
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}:").bold = True
    if blocks[0].kind == "paragraph":
        add_lines(paragraph, blocks[0].text, lead=" ")
        blocks = blocks[1:]
    for block in blocks:
        if block.kind == "bullet":
            document.add_paragraph(block.text, style=BULLET_STYLE)
        else:
            add_lines(document.add_paragraph(), block.text, bold=block.kind == "subheading")


def _blocks(document: DocxDocument, text: str) -> None:
    for block in text_blocks(text):
        if block.kind == "bullet":
            document.add_paragraph(block.text, style=BULLET_STYLE)
        elif block.kind == "subheading":
            document.add_heading(block.text, level=2)
        else:
            add_lines(document.add_paragraph(), block.text)
