import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.text.paragraph import Paragraph

from framja.documents.plan_data import (
    ActivityLine,
    MetaItem,
    PlanDocument,
    Row,
    Section,
    activity_text,
)
from framja.documents.plan_docx import render_plan_docx
from framja.documents.plan_pdf import render_plan_pdf
from framja.documents.plan_xlsx import looks_like_formula, render_plan_xlsx


def make_plan() -> PlanDocument:
    return PlanDocument(
        organisation="Regionalt programområde Hälsofrämjande",
        title="Handlingsplan 2024",
        year=2024,
        state="Fastställd",
        meta=[
            MetaItem("Dokumentnamn", "Handlingsplan för hälsofrämjande insatser"),
            MetaItem("Fastställd av", "Tjänstemannaberedning Nordost"),
            MetaItem("Giltig t o m", "2025-12-31"),
        ],
        sections=[
            Section(
                "Patientlöftena",
                "Som patient ska du:\n- erbjudas vård som är lätt tillgänglig\n- få jämlik vård",
            ),
            Section("Utmaningar", "En allt äldre befolkning.\n\nÖkad ojämlikhet i hälsa."),
        ],
        focus_heading="Fokusområden 2024",
        focus_areas=["Vårdprogram levnadsvanor", "Hälsan spelar roll"],
        rows=[
            Row(
                effort_area="Nationellt vårdprogram levnadsvanor",
                effort_area_note="Enhetlig dokumentation",
                title="Vårdprogram levnadsvanor",
                description="Stöd till förändrade levnadsvanor.",
                patient_promises=[
                    "vara delaktig och välinformerad",
                    "få tillgång till jämlik vård",
                ],
                target_areas=["Levnadsvanor", "Jämlik hälsa"],
                activities=[
                    ActivityLine("Erfarenhetsutbyte", "hela året", "Anna Berg", False, False),
                    ActivityLine(
                        "Samarbete med andra RPO", "2024-01-01–2024-06-30", "", True, False
                    ),
                    ActivityLine("Enkät till regionerna", "", "Karin Ek", False, True),
                ],
                follow_up="- Återkommande utbyte\n- Statusuppdatering i december",
                status="● Enligt plan (2024-06-15)",
                status_comment="Arbetet går framåt ✓",
            ),
            Row(
                effort_area="",
                effort_area_note="",
                title="Hälsan spelar roll",
                description="",
                patient_promises=[],
                target_areas=[],
                activities=[],
                follow_up="=SUM(A1)",
                status="▲ Risk för försening (2024-06-15)",
                status_comment="",
            ),
        ],
        example=True,
    )


def style_name(paragraph: Paragraph) -> str:
    assert paragraph.style is not None
    return str(paragraph.style.name)


def test_activity_text_marks_done_and_late():
    assert activity_text(ActivityLine("Utbyte", "hela året", "Anna", False, False)) == (
        "Utbyte – hela året (Anna)"
    )
    assert activity_text(ActivityLine("Enkät", "", "", True, True)) == "Klar: Enkät – försenad"


def test_docx_has_plan_table():
    # when
    content = render_plan_docx(make_plan())

    # then
    assert zipfile.ZipFile(io.BytesIO(content)).testzip() is None
    document = Document(io.BytesIO(content))
    table = document.tables[-1]
    assert len(table.rows) == 3
    assert [cell.text for cell in table.rows[0].cells] == list(PlanDocument.COLUMNS)
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold is True

    priority = [(p.text, style_name(p)) for p in table.rows[1].cells[1].paragraphs]
    assert priority == [
        ("Vårdprogram levnadsvanor", "Normal"),
        ("Stöd till förändrade levnadsvanor.", "Normal"),
        ("Patientlöften:", "Normal"),
        ("vara delaktig och välinformerad", "List Bullet"),
        ("få tillgång till jämlik vård", "List Bullet"),
        ("Målområden: Levnadsvanor, Jämlik hälsa", "Normal"),
    ]
    assert table.rows[1].cells[1].paragraphs[0].runs[0].bold is True
    activities = [(p.text, style_name(p)) for p in table.rows[1].cells[2].paragraphs]
    assert activities == [
        ("Erfarenhetsutbyte – hela året (Anna Berg)", "List Bullet"),
        ("Klar: Samarbete med andra RPO – 2024-01-01–2024-06-30", "List Bullet"),
        ("Enkät till regionerna (Karin Ek) – försenad", "List Bullet"),
    ]
    assert [p.text for p in table.rows[1].cells[4].paragraphs] == [
        "● Enligt plan (2024-06-15)",
        "Arbetet går framåt ✓",
    ]
    assert table.rows[2].cells[3].text == "=SUM(A1)"


def test_docx_has_title_meta_sections_and_focus_areas():
    # when
    document = Document(io.BytesIO(render_plan_docx(make_plan())))

    # then
    assert document.core_properties.title == "Handlingsplan 2024"
    texts = [p.text for p in document.paragraphs]
    assert texts[:3] == [
        "Regionalt programområde Hälsofrämjande",
        "Handlingsplan 2024",
        "Exempeldata",
    ]
    headings = [p.text for p in document.paragraphs if style_name(p) == "Heading 2"]
    assert headings == ["Patientlöftena", "Utmaningar", "Fokusområden 2024"]
    bullets = [p.text for p in document.paragraphs if style_name(p) == "List Bullet"]
    assert bullets == [
        "erbjudas vård som är lätt tillgänglig",
        "få jämlik vård",
        "Vårdprogram levnadsvanor",
        "Hälsan spelar roll",
    ]
    meta = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert meta == [
        ["Dokumentnamn", "Handlingsplan för hälsofrämjande insatser"],
        ["Fastställd av", "Tjänstemannaberedning Nordost"],
        ["Giltig t o m", "2025-12-31"],
    ]


def test_docx_survives_a_save_round_trip():
    # given
    document = Document(io.BytesIO(render_plan_docx(make_plan())))

    # when
    buffer = io.BytesIO()
    document.save(buffer)

    # then
    again = Document(io.BytesIO(buffer.getvalue()))
    assert len(again.tables[-1].rows) == 3


def _page_count(content: bytes) -> int:
    return content.count(b"/Type /Page") - content.count(b"/Type /Pages")


def test_pdf_is_a_complete_document():
    # when
    content = render_plan_pdf(make_plan())

    # then
    assert content.startswith(b"%PDF")
    assert content.rstrip().endswith(b"%%EOF")
    assert _page_count(content) > 0
    assert b"DejaVuSans" in content
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
        ).stdout.decode()
        assert "Hälsan spelar roll" in text
        assert "Sida 1" in text


def test_pdf_falls_back_to_helvetica_without_dejavu(tmp_path: Path):
    # when
    content = render_plan_pdf(make_plan(), font_dir=tmp_path / "saknas")

    # then
    assert content.startswith(b"%PDF")
    assert _page_count(content) > 0
    assert b"Helvetica" in content
    assert b"DejaVuSans" not in content


def test_pdf_repeats_the_table_header_over_many_pages():
    # given
    plan = make_plan()
    many = PlanDocument(**{**plan.__dict__, "rows": plan.rows * 30})

    # when
    content = render_plan_pdf(many)

    # then
    assert _page_count(content) > 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1)", True),
        ("+46 10 123", True),
        ("@cmd", True),
        ("\tx", True),
        ("\rx", True),
        ("-1+2", True),
        ("-A1", True),
        ("- en punkt", False),
        ("Klar: utbyte", False),
        ("", False),
    ],
)
def test_looks_like_formula(value, expected):
    assert looks_like_formula(value) is expected


def test_xlsx_has_one_line_per_row():
    # when
    workbook = openpyxl.load_workbook(io.BytesIO(render_plan_xlsx(make_plan())))

    # then
    sheet = workbook["Handlingsplan"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == [
        "År",
        "Organisation",
        "Nationellt insatsområde",
        "Kommentar till insatsområdet",
        "Prioriterat område",
        "Beskrivning",
        "Patientlöften",
        "Målområden",
        "Aktiviteter",
        "Uppföljning",
        "Status",
        "Statuskommentar",
    ]
    assert rows[1:] == [
        [
            2024,
            "Regionalt programområde Hälsofrämjande",
            "Nationellt vårdprogram levnadsvanor",
            "Enhetlig dokumentation",
            "Vårdprogram levnadsvanor",
            "Stöd till förändrade levnadsvanor.",
            "vara delaktig och välinformerad\nfå tillgång till jämlik vård",
            "Levnadsvanor, Jämlik hälsa",
            "Erfarenhetsutbyte – hela året (Anna Berg)\n"
            "Klar: Samarbete med andra RPO – 2024-01-01–2024-06-30\n"
            "Enkät till regionerna (Karin Ek) – försenad",
            "- Återkommande utbyte\n- Statusuppdatering i december",
            "● Enligt plan (2024-06-15)",
            "Arbetet går framåt ✓",
        ],
        [
            2024,
            "Regionalt programområde Hälsofrämjande",
            None,
            None,
            "Hälsan spelar roll",
            None,
            None,
            None,
            None,
            "=SUM(A1)",
            "▲ Risk för försening (2024-06-15)",
            None,
        ],
    ]
    assert sheet["A1"].font.b is True
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:L3"
    assert sheet["I2"].alignment.wrap_text is True
    assert workbook["Dokument"]["A2"].value == "Dokumentnamn"
    assert [list(r) for r in workbook["Dokument"].iter_rows(values_only=True)][1:] == [
        ["Dokumentnamn", "Handlingsplan för hälsofrämjande insatser"],
        ["Fastställd av", "Tjänstemannaberedning Nordost"],
        ["Giltig t o m", "2025-12-31"],
    ]


def test_xlsx_keeps_formula_like_text_as_text():
    # when
    content = render_plan_xlsx(make_plan())

    # then
    cell = openpyxl.load_workbook(io.BytesIO(content))["Handlingsplan"]["J3"]
    assert cell.value == "=SUM(A1)"
    assert cell.data_type == "s"
    assert cell.quotePrefix is True
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    bullet = openpyxl.load_workbook(io.BytesIO(content))["Handlingsplan"]["J2"]
    assert bullet.quotePrefix is False
