"""Printing a plan: the download links and the export-plan command."""

import datetime
import io
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from framja.catalog.models import PatientPromise
from framja.indicators import following
from framja.indicators.models import DataSource, Direction, Indicator, IndicatorValue, Place
from framja.indicators.services import indicator_totals_refresh
from framja.plans import services
from framja.plans.models import Rating


@pytest.fixture
def plan(world):
    plan = services.plan_create(
        actor=None,
        organisation=world["rpo"],
        year=2024,
        title="Handlingsplan 2024",
        sections=[("Utmaningar", "Hälso- och sjukvården står inför:\n- En allt äldre befolkning")],
        focus_areas=["Hälsan spelar roll"],
        document_owner="RPO Test",
    )
    promise = PatientPromise.objects.create(owner=world["rpo"], text="få tillgång till jämlik vård")
    row = services.row_create(
        actor=None,
        plan=plan,
        title="Hälsan spelar roll",
        patient_promises=[promise],
        follow_up="Två möten per år",
    )
    services.activity_create(actor=None, row=row, text="Följeforskning", whole_year=True)
    services.status_add(
        actor=None, row=row, rating=Rating.ON_TRACK, comment="Bra", date=datetime.date(2024, 6, 1)
    )
    return plan


def download(client: Client, plan, fmt: str):
    return client.get(reverse("plans:export", kwargs={"pk": plan.pk, "fmt": fmt}))


def test_a_reader_downloads_the_plan_as_word(world, plan):
    client = Client()
    client.force_login(world["rita"])

    response = download(client, plan, "docx")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="rpo-test-2024-v1.0.docx"'
    document = Document(io.BytesIO(response.content))
    table = document.tables[-1]
    assert [cell.text for cell in table.rows[0].cells] == [
        "Nationellt insatsområde",
        "Prioriterat område och patientlöften",
        "Aktiviteter",
        "Uppföljning",
        "Status",
    ]
    cells = [cell.text for cell in table.rows[1].cells]
    assert "Hälsan spelar roll" in cells[1]
    assert "få tillgång till jämlik vård" in cells[1]
    assert "Följeforskning" in cells[2]
    assert cells[3] == "Två möten per år"
    assert "Enligt plan (2024-06-01)" in cells[4]


def test_the_spreadsheet_has_one_line_per_row(world, plan):
    client = Client()
    client.force_login(world["rita"])

    sheet = load_workbook(io.BytesIO(download(client, plan, "xlsx").content))["Handlingsplan"]

    assert sheet.max_row == 2
    values = [cell.value for cell in sheet[2]]
    assert "Hälsan spelar roll" in values
    assert "Två möten per år" in values


def test_the_spreadsheet_rows_are_tall_enough_for_their_lines(world, plan):
    row = plan.rows.get()
    for text in ("Spridning nationellt", "Utvärdering"):
        services.activity_create(actor=None, row=row, text=text, whole_year=True)
    client = Client()
    client.force_login(world["rita"])

    sheet = load_workbook(io.BytesIO(download(client, plan, "xlsx").content))["Handlingsplan"]

    # three activities, one line each: LibreOffice would otherwise print only the first
    assert sheet.row_dimensions[2].height == 3 * 15


def test_the_pdf_is_a_pdf(world, plan):
    client = Client()
    client.force_login(world["rita"])

    response = download(client, plan, "pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_an_outsider_cannot_download_a_draft_and_unknown_formats_are_404(world, plan):
    client = Client()
    client.force_login(world["charlie"])

    assert download(client, plan, "docx").status_code == 403
    client.force_login(world["rita"])
    assert download(client, plan, "odt").status_code == 404


def test_the_export_command_writes_the_file(plan, tmp_path: Path, capsys):
    output = tmp_path / "plan.docx"

    call_command("export-plan", str(plan.pk), "--format", "docx", "--output", str(output))

    assert "Skrev" in capsys.readouterr().out
    assert Document(str(output)).tables[-1].rows[1].cells[1].text.startswith("Hälsan spelar roll")


@pytest.fixture
def followed(plan):
    """The plan follows an indicator for Riket with values 2021–2023, baseline and target."""
    indicator = Indicator.objects.create(
        code="rokare",
        name="Andel rökare",
        source=DataSource.objects.get(name="Kolada"),
        unit="%",
        direction=Direction.LOWER,
    )
    riket = Place.objects.get(code="0000")
    for period, value in (("2021", 12.5), ("2022", 11.0), ("2023", 10.25)):
        IndicatorValue.objects.create(
            indicator=indicator,
            place=riket,
            period=period,
            value=value,
            imported_at=timezone.now(),
        )
    indicator_totals_refresh(indicator_ids=[indicator.pk])
    following.selection_create(
        actor=None,
        organisation=plan.organisation,
        plan=plan,
        indicator=indicator,
        place=riket,
        baseline_value=12.5,
        baseline_period="2021",
        target_value=10,
        target_year=2026,
    )
    return indicator


def test_the_word_plan_shows_the_followed_indicators_with_their_charts(world, plan, followed):
    client = Client()
    client.force_login(world["rita"])

    document = Document(io.BytesIO(download(client, plan, "docx").content))

    texts = [paragraph.text for paragraph in document.paragraphs]
    start = texts.index("Indikatorer som planen följer")
    assert texts[start + 1 : start + 6] == [
        "Andel rökare, Riket",
        "Utgångsvärde: 12,5 (2021)",
        "Målvärde: 10 (2026)",
        "Senaste resultat: 10,25 (2023), målet inte nått",
        "Källa: Kolada",
    ]
    # the chart the indicator page draws (its own paragraph), with its summary as alt text
    # and as the caption under it
    pictures = document.inline_shapes
    assert len(pictures) == 1
    descr = pictures[0]._inline.docPr.get("descr")
    assert descr.startswith("Andel rökare, Riket. ")
    assert texts[start + 7] == descr.removeprefix("Andel rökare, Riket. ")
    # the plan's own table is still the last table
    assert document.tables[-1].rows[0].cells[0].text == "Nationellt insatsområde"


@pytest.mark.libreoffice  # reads the PDF with pdftotext (poppler-utils, installed with it)
def test_the_pdf_plan_shows_the_followed_indicators_with_their_charts(world, plan, followed):
    client = Client()
    client.force_login(world["rita"])

    content = download(client, plan, "pdf").content

    text = subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    after = text[text.index("Indikatorer som planen följer") :]
    for expected in (
        "Andel rökare, Riket",
        "Utgångsvärde: 12,5 (2021)",
        "Målvärde: 10 (2026)",
        "Senaste resultat: 10,25 (2023), målet inte nått",
        "2021",
        "2023",  # the chart's axis
    ):
        assert expected in after


def test_a_plan_without_followed_indicators_has_no_such_heading(world, plan):
    client = Client()
    client.force_login(world["rita"])

    document = Document(io.BytesIO(download(client, plan, "docx").content))

    assert "Indikatorer som planen följer" not in [p.text for p in document.paragraphs]
    assert len(document.inline_shapes) == 0
