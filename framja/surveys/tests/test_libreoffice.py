"""The benchmark report (Word, PDF) and the answer export (Excel) open and read as they should.

LibreOffice prints the Word and Excel files, pdftotext reads them and the PDF Främja makes
itself: Region Stockholm's report on the demo's equity survey has every question, its own
answers, the seed's counts, and no region that keeps its answers to itself.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from framja.demo.loader import load_demo
from framja.surveys import documents, selectors
from framja.surveys.models import Response, Survey

pytestmark = [pytest.mark.django_db, pytest.mark.libreoffice]


def program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} saknas: installera LibreOffice och poppler-utils (./dev.sh test gör det)."
        )
    return path


def squeezed(text: str) -> str:
    return re.sub(r"[\s\-‐–]+", "", text)


def test_the_benchmark_report_and_export_print(tmp_path: Path):
    # given Region Stockholm's report and the coordinator's export of the equity survey
    soffice, pdftotext = program("soffice"), program("pdftotext")
    load_demo()
    survey = Survey.objects.get(title="Enkät om jämlik hälsa")
    response = Response.objects.select_related("survey", "organisation").get(
        survey=survey, organisation__slug="region-stockholm"
    )
    report = selectors.benchmark(response=response)
    files = {
        "docx": tmp_path / "jamforelse.docx",
        "xlsx": tmp_path / "svar.xlsx",
    }
    files["docx"].write_bytes(documents.render_benchmark(report, "docx").content)
    export = selectors.survey_export(survey=survey, viewer=selectors.Viewer(coordinator=True))
    files["xlsx"].write_bytes(documents.render_answers(export).content)
    own_pdf = tmp_path / "jamforelse.pdf"
    own_pdf.write_bytes(documents.render_benchmark(report, "pdf").content)

    # when LibreOffice prints the Word and Excel files as PDF
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *map(str, files.values()),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    # then every printout reads back
    assert result.returncode == 0, result.stderr

    def read(pdf: Path) -> str:
        assert pdf.exists(), f"{pdf.name} saknas:\n{result.stdout}{result.stderr}"
        return squeezed(
            subprocess.run(
                [pdftotext, "-enc", "UTF-8", str(pdf), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )

    word = read(tmp_path / "pdf" / "jamforelse.pdf")
    excel = read(tmp_path / "pdf" / "svar.pdf")
    pdf = read(own_pdf)
    hidden = [
        r.organisation.name
        for r in survey.responses.select_related("organisation")
        if not r.share_named and r.organisation.slug != "region-stockholm"
    ]
    assert hidden
    for text in (word, pdf):
        assert squeezed("Jämförelse: Enkät om jämlik hälsa 2019") in text
        for question in survey.questions.all():
            assert squeezed(question.text) in text
        assert squeezed("Ert svar") in text
        for name in hidden:
            assert squeezed(name) not in text
    assert squeezed("Region Stockholm") in excel
    assert squeezed(hidden[0]) in excel
