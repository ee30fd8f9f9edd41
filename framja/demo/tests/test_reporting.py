"""The demo's 2019 annual report of HFS and RPO Hälsofrämjande's feedback, as seeds 003 and
000 have them."""

import io
import json
from typing import Any

import pytest
from docx import Document
from pptx import Presentation

from framja.demo.loader import load_demo
from framja.demo.reporting import DATA
from framja.goals.models import GOAL_RATING_SENTENCES, GoalRating
from framja.organisations.models import Organisation
from framja.reporting.documents import render_annual_report, render_feedback
from framja.reporting.models import ReportingRound, RoundState

pytestmark = pytest.mark.django_db

THEME_GROUPS = [
    "Temagrupperna för levnadsvanor",
    "Temagrupp: Hälsofrämjande arbetsplats",
    "Temagrupp: Hälsofrämjande förhållningssätt",
    "Temagrupp: Hälsofrämjande vårdmiljö",
    "Temagrupp: Riktade hälsosamtal",
    "Temagrupp: Psykisk hälsa",
    "Temagrupp: Hälsofrämjande primärvård",
    "Temagrupp: Uppdrag-uppföljning",
]


def docx_text(content: bytes) -> tuple[list[str], list[list[str]]]:
    """Return the document's headings and every table row's cell texts."""
    document = Document(io.BytesIO(content))
    headings = [
        p.text for p in document.paragraphs if p.style is not None and "Heading" in p.style.name
    ]
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    return headings, rows


def seed_003() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def test_the_2019_annual_report_holds_every_section_goal_and_rating_of_seed_003() -> None:
    load_demo()
    hfs = Organisation.objects.get(slug="hfs")
    data = seed_003()

    rendered = render_annual_report(organisation=hfs, year=2019, fmt="docx")
    headings, rows = docx_text(rendered.content)

    assert rendered.filename == "verksamhetsberattelse-hfs-2019.docx"
    assert "Måluppfyllelse för fokusmål 2019" in headings
    assert [h for h in headings if h in THEME_GROUPS] == THEME_GROUPS
    goal_rows = [row for row in rows if len(row) == 3 and row[0] != "Mål"]
    goals = data["focus_goals"] + [g for t in data["theme_groups"] for g in t["goals"]]
    assert len(goals) == 6 + 19 + 3 + 4 + 3 + 5 + 3 + 4 + 2
    for goal in goals:
        sentence = str(GOAL_RATING_SENTENCES[GoalRating(goal["rating"])])
        first_result = goal["result"].splitlines()[0].removeprefix("- ") if goal["result"] else ""
        matching = [
            row
            for row in goal_rows
            if row[0] == goal["text"] and first_result in row[1] and sentence in row[2]
        ]
        assert matching, goal["text"]
    by_goal = {row[0]: row for row in goal_rows}
    focus = [by_goal[g["text"]][2] for g in data["focus_goals"]]
    assert [s.split(".")[0].split(" ", 1)[1] for s in focus] == [
        "Målet är delvis uppnått",
        "Målet är uppnått",
        "Målet är delvis uppnått",
        "Målet är delvis uppnått",
        "Målet är delvis uppnått",
        "Målet är inte uppnått",
    ]


def test_the_2019_report_is_built_from_a_closed_round() -> None:
    load_demo()

    reporting_round = ReportingRound.objects.get(title="Verksamhetsberättelse 2019")

    assert reporting_round.state == RoundState.CLOSED
    assert reporting_round.submissions.count() == 9
    assert all(s.snapshot for s in reporting_round.submissions.all())


def test_the_pdf_annual_report_renders() -> None:
    load_demo()
    hfs = Organisation.objects.get(slug="hfs")

    rendered = render_annual_report(organisation=hfs, year=2019, fmt="pdf")

    assert rendered.content.startswith(b"%PDF")


def test_rpo_halsoframjandes_feedback_for_2023_prints_in_the_seeds_order() -> None:
    load_demo()
    rpo = Organisation.objects.get(slug="rpo-halsoframjande")

    rendered = render_feedback(organisation=rpo, year=2023, fmt="pptx")

    slides = Presentation(io.BytesIO(rendered.content)).slides
    texts = [
        " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in slides
    ]
    assert "Återkoppling utifrån HP 2023" in texts[0]
    assert "framgångar" in texts[1].lower()
    assert "inte nått framgång" in texts[2]
    assert "Förändringar inför 2024" in texts[3]
    assert "Ny ordförande: Anette Frisk (Jönköping)" in texts[3]
    assert "Nytt processtöd: Sofie Westerberg (Östergötland)" in texts[3]
