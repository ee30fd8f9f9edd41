"""Printing a plan: the download links and the export-plan command."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from framja.catalog.models import PatientPromise
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
