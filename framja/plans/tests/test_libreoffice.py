"""The exported Word and Excel files open in LibreOffice, as they must in Word and Excel.

LibreOffice converts a DOCX or XLSX it cannot read to nothing at all, and pdftotext then reads
what it printed: every row of the plan must be there. Installed by ./dev.sh test (Debian's
libreoffice-writer-nogui, libreoffice-calc-nogui and poppler-utils).
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from framja.demo.loader import load_demo
from framja.demo.plans import PLAN_2024
from framja.plans.export import plan_export
from framja.plans.models import Plan

pytestmark = [pytest.mark.django_db, pytest.mark.libreoffice]


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} saknas: installera LibreOffice och poppler-utils (./dev.sh test gör det)."
        )
    return path


def squeezed(text: str) -> str:
    """Drop whitespace and hyphens: a printed cell breaks lines (and words) where it likes."""
    return re.sub(r"[\s\-‐–]+", "", text)


def test_libreoffice_opens_the_exported_docx_and_xlsx_of_the_2024_plan(tmp_path: Path):
    # given the demo's 2024 plan exported as Word and Excel
    soffice, pdftotext = program("soffice"), program("pdftotext")
    load_demo()
    plan = Plan.objects.get(organisation__slug="rpo-halsoframjande", year=PLAN_2024.year)
    files = []
    for fmt in ("docx", "xlsx"):
        path = tmp_path / f"plan-{fmt}.{fmt}"
        path.write_bytes(plan_export(plan=plan, fmt=fmt)[0])
        files.append(path)

    # when LibreOffice, with a profile of its own, prints both as PDF in one run
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
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    # then it read both, and the printouts have the plan and every row of its table
    assert result.returncode == 0, result.stderr
    printed = {}
    for path in files:
        pdf = tmp_path / "pdf" / f"{path.stem}.pdf"
        assert pdf.exists(), (
            f"LibreOffice kunde inte läsa {path.name}:\n{result.stdout}{result.stderr}"
        )
        text = subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        printed[path.suffix] = squeezed(text)
    word, excel = printed[".docx"], printed[".xlsx"]
    assert squeezed(PLAN_2024.title) in word
    for heading, _body in PLAN_2024.sections:
        assert squeezed(heading) in word
    for focus in PLAN_2024.focus_areas:
        assert squeezed(focus) in word
    for row in PLAN_2024.rows:
        assert squeezed(row.title) in word
        assert squeezed(row.title) in excel
        for activity in row.activities:
            assert squeezed(activity.text) in word
            assert squeezed(activity.text) in excel
        for status in row.statuses:
            assert squeezed(status.comment) in word
