import io
import re
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from reportlab.pdfbase import pdfmetrics

from framja.documents.annual_docx import TOC_INSTRUCTION, render_annual_report_docx
from framja.documents.annual_pdf import render_annual_report_pdf
from framja.documents.pdf_fonts import PdfFonts, pdf_fonts
from framja.documents.report_data import (
    AnnualReportDocument,
    GoalGroup,
    Heading,
    OrganisationSection,
    TextBlock,
    text_blocks,
)
from framja.documents.tests.ooxml import package_problems
from framja.documents.tests.pdf_outline import catalog, outline
from framja.documents.tests.report_samples import LONG_ANALYSIS, make_report

EXPECTED_OUTLINE = [
    Heading(1, "Presidieutskottet (PU) har ordet"),
    Heading(1, "Om Nätverket"),
    Heading(1, "Nätverkets verksamhetsidé"),
    Heading(2, "Patientperspektivet"),
    Heading(2, "Befolkningsperspektivet"),
    Heading(1, "Viktiga händelser 2019"),
    Heading(1, "Måluppfyllelse för fokusmål 2019"),
    Heading(1, "Måluppfyllelse för temagrupperna"),
    Heading(2, "Temagrupp: Levnadsvanor"),
    Heading(2, "Temagrupp: Hälsofrämjande vårdmiljö"),
]


def style_name(paragraph: Paragraph) -> str:
    assert paragraph.style is not None
    return str(paragraph.style.name)


def open_docx(report: AnnualReportDocument | None = None) -> DocxDocument:
    return Document(io.BytesIO(render_annual_report_docx(report or make_report())))


def after_heading(document: DocxDocument, heading: str, count: int) -> list[str]:
    """Return the texts of the count paragraphs after the heading (not its contents entry)."""
    paragraphs = document.paragraphs
    start = next(
        i
        for i, p in enumerate(paragraphs)
        if p.text == heading and style_name(p).startswith("Heading")
    )
    return [p.text for p in paragraphs[start + 1 : start + 1 + count]]


def rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_text_blocks_split_paragraphs_bullets_and_subheadings():
    # when
    blocks = text_blocks("Första raden\nandra raden\n\n### Rubrik\n- punkt\n-inte punkt\n\n\nSist")

    # then
    assert blocks == [
        TextBlock("paragraph", "Första raden\nandra raden"),
        TextBlock("subheading", "Rubrik"),
        TextBlock("bullet", "punkt"),
        TextBlock("paragraph", "-inte punkt"),
        TextBlock("paragraph", "Sist"),
    ]
    assert text_blocks("  \n\n") == []


def test_rating_text_ends_with_one_full_stop():
    report = make_report()
    goal = report.own_goals[0].goals[0]
    assert goal.rating_text == "◐ Målet är delvis uppnått."


def test_outline_lists_the_headings_in_order():
    assert make_report().outline() == EXPECTED_OUTLINE


def test_docx_package_is_complete():
    # when
    content = render_annual_report_docx(make_report())

    # then
    assert package_problems(content) == []


def test_docx_headings_use_word_heading_styles_in_order():
    # when
    document = open_docx()

    # then
    headings = [
        Heading(int(style_name(p).removeprefix("Heading ")), p.text)
        for p in document.paragraphs
        if style_name(p) in ("Heading 1", "Heading 2")
    ]
    assert headings == EXPECTED_OUTLINE
    own_goals = next(
        p
        for p in document.paragraphs
        if style_name(p) == "Heading 1" and p.text == "Måluppfyllelse för fokusmål 2019"
    )
    assert own_goals.paragraph_format.page_break_before is True


def test_docx_starts_with_the_cover_and_the_contents():
    # when
    document = open_docx()

    # then
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[:8] == [
        "HFS",
        "Nätverket Hälsofrämjande hälso- och sjukvård",
        "Verksamhetsberättelse",
        "för",
        "Nätverket Hälsofrämjande hälso- och sjukvård",
        "2019",
        "Bygger på det som lämnades in i Årsrapport 2019 (stängd 2020-02-01).",
        "Innehåll",
    ]
    assert document.core_properties.title == "Verksamhetsberättelse 2019"
    assert document.core_properties.language == "sv-SE"
    section = document.sections[0]
    assert section.page_width is not None
    assert section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_docx_contents_is_a_toc_field_showing_every_heading_as_a_link():
    # when
    document = open_docx()

    # then
    entries = [p for p in document.paragraphs if style_name(p) in ("toc 1", "toc 2")]
    assert [Heading(int(style_name(p)[-1]), p.text) for p in entries] == EXPECTED_OUTLINE
    body = document.element.body
    assert [i.text for i in body.iter(qn("w:instrText"))] == [TOC_INSTRUCTION]
    kinds = [c.get(qn("w:fldCharType")) for c in body.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    # Not dirty and no updateFields setting: Word opens it without asking to update fields.
    assert not any(c.get(qn("w:dirty")) for c in body.iter(qn("w:fldChar")))
    assert not document.settings.element.findall(qn("w:updateFields"))

    bookmarks = {b.get(qn("w:name")): b.getparent() for b in body.iter(qn("w:bookmarkStart"))}
    for entry in entries:
        anchor = entry._p.find(qn("w:hyperlink")).get(qn("w:anchor"))
        target = Paragraph(bookmarks[anchor], document)
        assert style_name(target).startswith("Heading")
        assert target.text == entry.text


def test_docx_has_foreword_signers_about_text_and_events():
    # when
    document = open_docx()

    # then
    assert after_heading(document, "Presidieutskottet (PU) har ordet", 4) == [
        "Nätverkets vision om en hälsofrämjande hälso- och sjukvård för alla ställer höga "
        "krav på medlemsregionerna.",
        "Under 2019 har vi anordnat utvecklingsdagar.\nVi har också uppvaktat Riksdagens "
        "socialutskott.",
        "Ralph Harlid, Västra Götalandsregionen",
        "Helena Holmgren, Region Stockholm",
    ]
    bullets = [p.text for p in document.paragraphs if style_name(p) == "List Bullet"]
    assert bullets == [
        "Jämlik vård",
        "Levnadsvanor",
        "Vårmöte i mars",
        "Årsmöte i mars",
        "Strategidagar i september",
    ]


def test_docx_has_the_legend_and_the_goal_tables():
    # when
    document = open_docx()

    # then
    assert after_heading(document, "Måluppfyllelse för fokusmål 2019", 5) == [
        "I analysen har en samlad bedömning gjorts av måluppfyllelsen, enligt nedan:",
        "✓\tMålet är uppnått",
        "◐\tMålet är delvis uppnått",
        "✕\tMålet är inte uppnått",
        "–\tMålet är inte bedömt",
    ]
    own, levnadsvanor, vardmiljo = document.tables
    assert rows(own) == [
        ["Mål", "Resultat", "Analys"],
        [
            "Nationella indikatorer är integrerade i minst tre regioner.",
            "Ett arbete har påbörjats i tre regioner.",
            "◐ Målet är delvis uppnått. En process har startat i två regioner.",
        ],
        [
            "Processer för jämlikhetsperspektivet är etablerade.",
            "Enkät har skickats ut. Sammanfattningsvis:\n"
            "12 regioner arbetar med patienter\n"
            "13 regioner arbetar med befolkningen",
            "✓ Målet är uppnått. Det pågår mycket arbete i frågorna.",
        ],
        [
            "Former för kollegialt lärande har etablerats.",
            "Har ej genomförts.",
            f"✕ Målet är inte uppnått. {LONG_ANALYSIS}",
        ],
    ]
    assert [style_name(p) for p in own.rows[2].cells[1].paragraphs] == [
        "Normal",
        "List Bullet",
        "List Bullet",
    ]
    assert rows(levnadsvanor) == [
        ["Mål", "Resultat", "Analys"],
        ["Alkoholprevention"] * 3,
        [
            "Öka antalet medlemmar som har infört alkoholfri operation.",
            "Temagruppen har delat lärande exempel.",
            "◐ Målet är delvis uppnått.\nVissa regioner har inte startat\nEvidensen ifrågasätts",
        ],
        ["Fysisk aktivitet"] * 3,
        [
            "Ett gemensamt utbildningsmaterial om FaR finns framtaget.",
            "Materialet finns publicerat.",
            "✓ Målet är uppnått.",
        ],
    ]
    group_row = levnadsvanor.rows[1]._tr
    assert group_row.xpath("./w:tc/w:tcPr/w:gridSpan/@w:val") == ["3"]
    assert levnadsvanor.rows[1].cells[0].paragraphs[0].runs[0].bold is True
    assert rows(vardmiljo)[1] == [
        "Öka kunskapen om den gröna miljöns betydelse.",
        "",
        "– Målet är inte bedömt.",
    ]
    for table in document.tables:
        assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
        assert not any(row._tr.xpath("./w:trPr/w:tblHeader") for row in table.rows[1:])
    captions = [t._tbl.xpath("./w:tblPr/w:tblCaption/@w:val")[0] for t in document.tables]
    assert captions == [
        "Måluppfyllelse för fokusmål 2019",
        "Temagrupp: Levnadsvanor",
        "Temagrupp: Hälsofrämjande vårdmiljö",
    ]


def test_docx_says_so_when_a_part_has_no_goals():
    # given
    report = make_report()
    empty = AnnualReportDocument(
        **{
            **report.__dict__,
            "own_goals": [],
            "events": [],
            "sections": [OrganisationSection("Temagrupp: Tom", "### Bakgrund\nText", [])],
        }
    )

    # when
    content = render_annual_report_docx(empty)

    # then
    assert package_problems(content) == []
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    assert texts.count("Inga mål redovisade.") == 2
    assert "Viktiga händelser 2019" not in texts
    assert document.tables == []
    assert [p.text for p in document.paragraphs if style_name(p) == "Heading 3"] == ["Bakgrund"]


def test_docx_survives_a_save_round_trip():
    # given
    document = open_docx()

    # when
    buffer = io.BytesIO()
    document.save(buffer)

    # then
    again = Document(io.BytesIO(buffer.getvalue()))
    assert len(again.tables) == 3
    assert zipfile.ZipFile(io.BytesIO(buffer.getvalue())).testzip() is None


def test_docx_skips_empty_goal_groups():
    # given
    report = make_report()
    groups = [GoalGroup("Tom grupp", []), *report.own_goals]
    document = open_docx(AnnualReportDocument(**{**report.__dict__, "own_goals": groups}))

    # then
    assert "Tom grupp" not in [cell.text for row in document.tables[0].rows for cell in row.cells]


def pdf_pages(content: bytes) -> list[str]:
    """Return the text of each page, whitespace collapsed, as pdftotext reads it."""
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_pdf_is_a_complete_document_with_metadata():
    # when
    content = render_annual_report_pdf(make_report())

    # then
    assert content.startswith(b"%PDF")
    assert content.rstrip().endswith(b"%%EOF")
    assert b"DejaVuSans" in content
    assert b"/Title (Verksamhetsber\\344ttelse 2019)" in content
    root = catalog(content)
    assert b"/Lang (sv-SE)" in root
    assert b"/PageMode /UseOutlines" in root


def test_pdf_bookmarks_every_heading_in_order():
    # when
    content = render_annual_report_pdf(make_report())

    # then
    assert outline(content) == [(0, "Innehåll")] + [
        (heading.level - 1, heading.text) for heading in EXPECTED_OUTLINE
    ]


def test_pdf_has_cover_contents_and_every_goal_in_order():
    # given
    report = make_report()

    # when
    pages = pdf_pages(render_annual_report_pdf(report))

    # then
    assert pages[0] == flat(
        "HFS Nätverket Hälsofrämjande hälso- och sjukvård Verksamhetsberättelse för "
        "Nätverket Hälsofrämjande hälso- och sjukvård 2019 "
        "Bygger på det som lämnades in i Årsrapport 2019 (stängd 2020-02-01)."
    )
    assert pages[1].startswith("Innehåll")
    assert pages[1].endswith("HFS – Verksamhetsberättelse 2019 Sida 2")
    # The contents list gives each heading the page it is on.
    for heading in EXPECTED_OUTLINE:
        page = next(n for n, text in enumerate(pages[2:], start=3) if heading.text in text)
        listed = re.match(r"[ .]*(\d+)", pages[1].split(heading.text, 1)[1])
        assert listed is not None
        assert int(listed.group(1)) == page
    body = " ".join(pages[2:])
    positions = [body.index(heading.text) for heading in EXPECTED_OUTLINE]
    assert positions == sorted(positions)
    assert flat(report.LEGEND_INTRO) in body
    for item in report.legend:
        assert f"{item.symbol} {item.sentence}" in body
    goals = [
        goal
        for groups in [report.own_goals, *(s.groups for s in report.sections)]
        for group in groups
        for goal in group.goals
    ]
    for goal in goals:
        assert flat(goal.text) in body
        assert goal.rating_text in body
    assert "◐ Målet är delvis uppnått. En process har startat i två regioner." in body
    assert "• 12 regioner arbetar med patienter" in body
    assert "Alkoholprevention" in body
    assert "Sida 7" in pages[-1]


def test_pdf_repeats_the_goal_table_header_on_every_page_it_spans():
    # given
    report = make_report()
    many = [GoalGroup(f"Grupp {n}", report.own_goals[0].goals) for n in range(12)]

    # when
    pages = pdf_pages(render_annual_report_pdf(replace(report, own_goals=many, sections=[])))

    # then
    table_pages = [page for page in pages[2:] if "Grupp" in page]
    assert len(table_pages) > 2
    for page in table_pages:
        assert "Mål Resultat Analys" in page


def test_pdf_falls_back_to_helvetica_without_dejavu(tmp_path: Path):
    # when
    content = render_annual_report_pdf(make_report(), font_dir=tmp_path / "saknas")

    # then
    assert content.startswith(b"%PDF")
    assert b"Helvetica" in content
    assert b"DejaVuSans" not in content
    assert outline(content)[1] == (0, "Presidieutskottet (PU) har ordet")


def test_pdf_font_draws_every_symbol_the_reports_use():
    # given
    symbols = "✓◐✕–●○•åäöÅÄÖ"
    fonts = pdf_fonts()

    # then
    if fonts.unicode:
        for name in (fonts.regular, fonts.bold):
            face = pdfmetrics.getFont(name).face
            assert [s for s in symbols if ord(s) not in face.charToGlyph] == []
    else:
        assert fonts.plain(symbols) == "v~x–*o•åäöÅÄÖ"


def test_helvetica_fallback_spells_the_symbols_in_ascii():
    fonts = PdfFonts("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", unicode=False)
    assert fonts.plain("✓ ◐ ✕ – ● ○") == "v ~ x – * o"
