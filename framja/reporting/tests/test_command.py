"""``framja report annual|feedback``."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from pptx import Presentation

from framja.goals.models import GoalRating
from framja.goals.services import assessment_save, goal_create
from framja.reporting.services import feedback_save

pytestmark = pytest.mark.django_db


def test_report_annual_writes_the_goal_fulfilment_as_word(world, tmp_path: Path) -> None:
    goal = goal_create(actor=None, organisation=world["rpo"], text="Fler samtal", start_year=2024)
    assessment_save(
        actor=None, goal=goal, period="2024", rating=GoalRating.PARTLY, analysis="Halvvägs"
    )
    output = tmp_path / "vb.docx"
    out = io.StringIO()

    call_command(
        "report", "annual", "--organisation", "rpo-test", "--year", "2024",
        "--format", "docx", "--output", str(output), stdout=out,
    )  # fmt: skip

    assert "Skrev" in out.getvalue()
    cells = [c.text for t in Document(str(output)).tables for r in t.rows for c in r.cells]
    assert "Fler samtal" in cells
    assert any("Målet är delvis uppnått" in c and "Halvvägs" in c for c in cells)


def test_report_feedback_writes_slides(world, tmp_path: Path) -> None:
    feedback_save(actor=None, organisation=world["rpo"], year=2023, new_chair="Anette Frisk")
    output = tmp_path / "fb.pptx"

    call_command(
        "report", "feedback", "--organisation", "rpo-test", "--year", "2023",
        "--format", "pptx", "--output", str(output),
    )  # fmt: skip

    texts = [
        shape.text_frame.text
        for slide in Presentation(str(output)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert any("Anette Frisk" in t for t in texts)


def test_report_names_an_unknown_organisation(world, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="ingen organisation med kortadressen ”finns-ej”"):
        call_command(
            "report", "annual", "--organisation", "finns-ej", "--year", "2024",
            "--format", "pdf", "--output", str(tmp_path / "x.pdf"),
        )  # fmt: skip
