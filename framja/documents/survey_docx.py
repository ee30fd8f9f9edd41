"""Render a survey's benchmark report as a Word document."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Cm

from framja.documents.docx_text import add_lines, set_portrait_a4, set_swedish
from framja.documents.survey_data import BenchmarkDocument

MARGIN = Cm(2.2)


def render_benchmark_docx(doc: BenchmarkDocument) -> bytes:
    """Return the benchmark report as DOCX bytes."""
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
    for line in doc.intro:
        document.add_paragraph().add_run(line).italic = True
    for section in doc.sections:
        document.add_heading(section.title, level=1)
        for question in section.questions:
            document.add_heading(question.text, level=2)
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{doc.own_label}: ").bold = True
            add_lines(paragraph, question.own or "–")
            if question.summary:
                document.add_paragraph(question.summary)
            if question.note:
                document.add_paragraph().add_run(question.note).italic = True
            if question.options:
                table = document.add_table(rows=1, cols=3)
                table.style = "Table Grid"
                for cell, text in zip(
                    table.rows[0].cells,
                    (doc.answer_label, doc.count_label, doc.share_label),
                    strict=True,
                ):
                    cell.text = ""
                    cell.paragraphs[0].add_run(text).bold = True
                for option in question.options:
                    cells = table.add_row().cells
                    label = f"{option.label} ◀ {doc.own_label}" if option.own else option.label
                    cells[0].text = label
                    cells[1].text = str(option.count)
                    cells[2].text = f"{option.percent} %"
            if question.position:
                document.add_paragraph(question.position)
            if question.named:
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{doc.others_label}:").bold = True
                for named in question.named:
                    item = document.add_paragraph(style="List Bullet")
                    item.add_run(f"{named.organisation}: ").bold = True
                    add_lines(item, named.text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
