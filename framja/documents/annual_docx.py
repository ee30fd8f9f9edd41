"""Render the annual report (verksamhetsberättelse) as a Word document shaped like seed 003."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from framja.documents.docx_text import PAGE_WIDTH, add_lines, set_portrait_a4, set_swedish
from framja.documents.report_data import (
    GOAL_COLUMN_SHARES,
    AnnualReportDocument,
    GoalGroup,
    GoalLine,
    Heading,
    text_blocks,
)

BULLET_STYLE = "List Bullet"
MARGIN = Cm(2.2)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
CELL_FONT_SIZE = Pt(9)
HEADER_FILL = "D9E2F3"
GROUP_FILL = "F2F2F2"
# A font with ✓ ◐ ✕ on every Windows; elsewhere Word and LibreOffice fall back to one that has them.
SYMBOL_FONT = "Segoe UI Symbol"
# Word's own name for its table-of-contents field: headings of level 1–2, as links.
TOC_INSTRUCTION = ' TOC \\o "1-2" \\h \\z \\u '
# The successors of w:shd in w:tcPr, so the shading lands where the schema wants it.
SHADING_SUCCESSORS = (
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
)


def render_annual_report_docx(doc: AnnualReportDocument) -> bytes:
    """Return the annual report as DOCX bytes."""
    document = Document()
    _set_page(document)
    set_swedish(document)
    _add_toc_styles(document)
    properties = document.core_properties
    properties.title = f"{doc.title} {doc.year}"
    properties.subject = doc.organisation
    properties.author = doc.organisation
    properties.comments = ""
    _add_footer(document, f"{doc.short_name or doc.organisation} – {doc.title} {doc.year}")

    writer = _Writer(document)
    _add_cover(document, doc)
    _add_contents(document, doc.CONTENTS_HEADING, doc.outline())

    if doc.has_foreword:
        writer.heading(doc.foreword_heading, 1)
        writer.text(doc.foreword, subheading_level=2)
        for index, name in enumerate(doc.foreword_signed_by):
            paragraph = document.add_paragraph(name)
            paragraph.paragraph_format.space_after = Pt(0)
            if index == 0:
                paragraph.paragraph_format.space_before = Pt(12)

    for section in doc.about:
        writer.heading(section.heading, 1)
        writer.text(section.body, subheading_level=2)

    if doc.events:
        writer.heading(doc.events_heading, 1)
        for event in doc.events:
            document.add_paragraph(event, style=BULLET_STYLE)

    writer.heading(doc.own_goals_heading, 1, new_page=True)
    document.add_paragraph(doc.LEGEND_INTRO)
    for item in doc.legend:
        paragraph = document.add_paragraph()
        # The symbols differ in width; a hanging indent lines the sentences up.
        paragraph.paragraph_format.left_indent = Cm(1.2)
        paragraph.paragraph_format.first_line_indent = Cm(-0.6)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(1.2))
        paragraph.paragraph_format.space_after = Pt(2)
        _add_symbol(paragraph, item.symbol)
        paragraph.add_run(f"\t{item.sentence}")
    document.add_paragraph().paragraph_format.space_after = Pt(0)
    _add_goals(document, doc, doc.own_goals, caption=doc.own_goals_heading)

    if doc.sections:
        writer.heading(doc.sections_heading, 1, new_page=True)
        for index, part in enumerate(doc.sections):
            writer.heading(part.heading, 2, new_page=index > 0)
            writer.text(part.summary, subheading_level=3)
            _add_goals(document, doc, part.groups, caption=part.heading)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bookmark_name(index: int) -> str:
    """Return the bookmark of the index-th heading, named the way Word names its TOC targets."""
    return f"_Toc{100000000 + index}"


class _Writer:
    """Write headings (each with the bookmark its contents entry links to) and body text."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.headings = 0

    def heading(self, text: str, level: int, *, new_page: bool = False) -> Paragraph:
        paragraph = self.document.add_heading(text, level=level)
        paragraph.paragraph_format.page_break_before = new_page
        if level <= 2:
            _wrap_in_bookmark(paragraph, self.headings, bookmark_name(self.headings))
            self.headings += 1
        return paragraph

    def text(self, body: str, *, subheading_level: int) -> None:
        for block in text_blocks(body):
            if block.kind == "subheading":
                self.heading(block.text, subheading_level)
            elif block.kind == "bullet":
                self.document.add_paragraph(block.text, style=BULLET_STYLE)
            else:
                add_lines(self.document.add_paragraph(), block.text)


def _wrap_in_bookmark(paragraph: Paragraph, number: int, name: str) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    p = paragraph._p
    properties = p.pPr
    if properties is None:
        p.insert(0, start)
    else:
        properties.addnext(start)
    p.append(end)


def _add_symbol(paragraph: Paragraph, symbol: str, *, bold: bool = False) -> None:
    if not symbol:
        return
    run = paragraph.add_run(symbol)
    run.bold = bold or None
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), SYMBOL_FONT)


def _set_page(document: DocxDocument) -> None:
    set_portrait_a4(document, MARGIN)
    section = document.sections[0]
    section.footer_distance = Cm(1.0)
    # The cover has no footer.
    section.different_first_page_header_footer = True


def _add_toc_styles(document: DocxDocument) -> None:
    """Add Word's built-in "toc 1" and "toc 2" styles, which the contents entries use."""
    for level, indent in ((1, Cm(0)), (2, Cm(0.6))):
        style = document.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH, builtin=True)
        style.style_id = f"TOC{level}"
        style.base_style = document.styles["Normal"]
        style.next_paragraph_style = document.styles["Normal"]
        style.paragraph_format.left_indent = indent
        style.paragraph_format.space_after = Pt(3)
        style.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)


def _add_footer(document: DocxDocument, text: str) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    tabs = paragraph.paragraph_format.tab_stops
    # The template's footer tabs are for a US letter page; the page number goes to the margin.
    for stop in document.styles["Footer"].paragraph_format.tab_stops:
        tabs.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(f"{text}\tSida ").font.size = Pt(8)
    # Word and LibreOffice fill in a PAGE field themselves on every page.
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    field.append(_run_element("1", size=Pt(8)))
    paragraph._p.append(field)


def _run_element(text: str, *, size: Pt | None = None) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    if size is not None:
        properties = OxmlElement("w:rPr")
        for tag in ("w:sz", "w:szCs"):
            element = OxmlElement(tag)
            element.set(qn("w:val"), str(int(size.pt * 2)))
            properties.append(element)
        run.append(properties)
    content = OxmlElement("w:t")
    content.text = text
    content.set(qn("xml:space"), "preserve")
    run.append(content)
    return run


def _field_char(kind: str) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def _add_cover(document: DocxDocument, doc: AnnualReportDocument) -> None:
    def line(text: str, size: int, *, bold: bool = False, before: int = 0) -> Paragraph:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(before)
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.font.size = Pt(size)
        return paragraph

    if doc.short_name:
        line(doc.short_name, 36, bold=True, before=60)
    line(doc.organisation, 14, before=0 if doc.short_name else 60)
    title = document.add_paragraph(doc.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(120)
    line(doc.COVER_FOR, 14)
    line(doc.organisation, 16, bold=True)
    line(str(doc.year), 28, bold=True, before=24)
    if doc.source_note:
        note = line(doc.source_note, 9, before=140)
        note.runs[0].italic = True
        note.runs[0].font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    _add_page_break(document)


def _add_page_break(document: DocxDocument) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _add_contents(document: DocxDocument, heading: str, outline: list[Heading]) -> None:
    """Add a Word TOC field whose shown result already lists every heading.

    The field is not marked dirty, so Word opens the document without asking to update it; the
    reader sees the headings as links at once, and "Uppdatera fält" adds the page numbers.
    """
    document.add_paragraph(heading, style="TOC Heading")
    paragraphs: list[Paragraph] = []
    for index, entry in enumerate(outline):
        paragraph = document.add_paragraph(style=f"toc {entry.level}")
        if index == 0:
            paragraph._p.append(_field_char("begin"))
            instruction_run = OxmlElement("w:r")
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = TOC_INSTRUCTION
            instruction_run.append(instruction)
            paragraph._p.append(instruction_run)
            paragraph._p.append(_field_char("separate"))
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), bookmark_name(index))
        link.set(qn("w:history"), "1")
        link.append(_run_element(entry.text))
        paragraph._p.append(link)
        paragraphs.append(paragraph)
    if paragraphs:
        paragraphs[-1]._p.append(_field_char("end"))
    _add_page_break(document)


def _add_goals(
    document: DocxDocument, doc: AnnualReportDocument, groups: list[GoalGroup], *, caption: str
) -> None:
    if not any(group.goals for group in groups):
        document.add_paragraph(doc.NO_GOALS)
        return
    widths = [Emu(int(TEXT_WIDTH * share)) for share in GOAL_COLUMN_SHARES]
    table = document.add_table(rows=1, cols=len(doc.GOAL_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width

    header = table.rows[0]
    # Word repeats a row marked tblHeader at the top of every page the table spans, and screen
    # readers announce its cells as column headings.
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, name, width in zip(header.cells, doc.GOAL_COLUMNS, widths, strict=True):
        cell.width = width
        _shade(cell, HEADER_FILL)
        _cell_paragraph(cell).add_run(name).bold = True

    for group in groups:
        if not group.goals:
            continue
        if group.heading:
            cells = table.add_row().cells
            for cell, width in zip(cells, widths, strict=True):
                cell.width = width
            merged = cells[0].merge(cells[-1])
            _shade(merged, GROUP_FILL)
            paragraph = _cell_paragraph(merged)
            paragraph.paragraph_format.keep_with_next = True
            paragraph.add_run(group.heading).bold = True
        for goal in group.goals:
            cells = table.add_row().cells
            for cell, width in zip(cells, widths, strict=True):
                cell.width = width
            _write_cell(cells[0], goal.text)
            _write_cell(cells[1], goal.result)
            _write_analysis(cells[2], goal)

    _set_caption(table, caption)
    for cell_paragraph in _table_paragraphs(table):
        cell_paragraph.paragraph_format.space_after = Pt(3)
        cell_paragraph.paragraph_format.line_spacing = 1.0
        for run in cell_paragraph.runs:
            run.font.size = CELL_FONT_SIZE
    document.add_paragraph()


def _table_paragraphs(table: Table) -> list[Paragraph]:
    seen: set[int] = set()
    paragraphs: list[Paragraph] = []
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            paragraphs.extend(cell.paragraphs)
    return paragraphs


def _set_caption(table: Table, caption: str) -> None:
    """Name the table for screen readers (Word's "Alternativ text – rubrik")."""
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), caption[:255])
    table._tbl.tblPr.append(element)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().insert_element_before(shading, *SHADING_SUCCESSORS)


def _cell_paragraph(cell: _Cell, style: str | None = None) -> Paragraph:
    """Return a new paragraph in cell, reusing the empty one every new cell starts with."""
    paragraphs = cell.paragraphs
    if len(paragraphs) == 1 and not paragraphs[0].text and not paragraphs[0].runs:
        paragraph = paragraphs[0]
        if style:
            paragraph.style = style
        return paragraph
    return cell.add_paragraph(style=style)


def _write_cell(cell: _Cell, text: str) -> None:
    for block in text_blocks(text):
        if block.kind == "bullet":
            _cell_paragraph(cell, BULLET_STYLE).add_run(block.text)
        else:
            add_lines(_cell_paragraph(cell), block.text, bold=block.kind == "subheading")


def _write_analysis(cell: _Cell, goal: GoalLine) -> None:
    """Open the analysis with the assessment, "◐ Målet är delvis uppnått.", as seed 003 does."""
    paragraph = _cell_paragraph(cell)
    _add_symbol(paragraph, goal.rating_symbol, bold=True)
    sentence = goal.rating_text.removeprefix(goal.rating_symbol)
    paragraph.add_run(sentence).bold = True
    blocks = text_blocks(goal.analysis)
    if blocks and blocks[0].kind == "paragraph":
        first, *blocks = blocks
        add_lines(paragraph, first.text, lead=" ")
    for block in blocks:
        if block.kind == "bullet":
            _cell_paragraph(cell, BULLET_STYLE).add_run(block.text)
        else:
            add_lines(_cell_paragraph(cell), block.text, bold=block.kind == "subheading")
