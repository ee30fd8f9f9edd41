import io
import re
import subprocess

from docx import Document

from framja.documents.cycle_data import CycleDocument, DocSection, DocTable
from framja.documents.cycle_docx import render_cycle_docx
from framja.documents.cycle_pdf import render_cycle_pdf
from framja.documents.tests.ooxml import package_problems

SAMPLE = CycleDocument(
    title="Bilaga 2. Att göra i lokalsamverkan, inventering, analys",
    organisation="Lokal samverkan Kristianstad",
    cycle="Hälsofrämjande arbete",
    example_note="Exempeldata.",
    footer="Lokal samverkan Kristianstad – Hälsofrämjande arbete",
    sections=[
        DocSection(
            "Inventering och analys",
            pairs=[("Vem är med", "MAS\nvårdcentralen"), ("Tid", "")],
            paragraphs=["Insikterna tas vidare."],
            tables=[
                DocTable(
                    caption="Att göra i lokal samverkan",
                    columns=["Vad", "Vad har upptäckts?"],
                    rows=[["Vilka är ”våra” gemensamma patienter?", "Äldre med hemsjukvård"]],
                    widths=[0.5, 0.5],
                )
            ],
        )
    ],
)


def pdf_text(content: bytes) -> str:
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return re.sub(r"\s+", " ", text)


def test_the_docx_package_is_complete_and_holds_the_content():
    content = render_cycle_docx(SAMPLE)

    assert package_problems(content) == []
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    assert texts[:4] == [
        "Lokal samverkan Kristianstad",
        "Bilaga 2. Att göra i lokalsamverkan, inventering, analys",
        "Hälsofrämjande arbete",
        "Exempeldata.",
    ]
    assert "Vem är med: MAS\nvårdcentralen" in texts
    assert "Tid: –" in texts
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Vad", "Vad har upptäckts?"],
        ["Vilka är ”våra” gemensamma patienter?", "Äldre med hemsjukvård"],
    ]
    assert document.core_properties.title == SAMPLE.title


def test_the_pdf_holds_the_same_content():
    text = pdf_text(render_cycle_pdf(SAMPLE))

    for part in (
        "Bilaga 2. Att göra i lokalsamverkan, inventering, analys",
        "Vem är med: MAS vårdcentralen",
        "Att göra i lokal samverkan",
        "Vilka är ”våra” gemensamma patienter?",
        "Äldre med hemsjukvård",
        "Sida 1",
    ):
        assert part in text
