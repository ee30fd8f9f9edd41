"""Importing Word action plans: Främja's own export, a plan shaped like seed 001, bad files."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document

from framja.catalog.models import NationalEffortArea, PatientPromise, PublicHealthTargetArea
from framja.plans import services
from framja.plans.export import plan_export
from framja.plans.importer import ImportError_, create_plan_from_import, parse_plan_docx
from framja.plans.models import Plan, PlanRow, Rating

PROMISES = [
    "erbjudas diagnostik och behandling och uppföljning enligt bästa kunskap i varje möte",
    "vara delaktig och välinformerad genom hela vårdkedjan",
    "få tillgång till jämlik vård",
    "erbjudas bästa möjliga hälsofrämjande insatser och välfungerande screeningprogram",
]


@pytest.fixture
def catalogue(world):
    promises = [
        PatientPromise.objects.create(owner=world["rpo"], text=text, order=i)
        for i, text in enumerate(PROMISES, start=1)
    ]
    area = NationalEffortArea.objects.create(
        name="Nationellt vårdprogram och vårdförlopp levnadsvanor", order=1
    )
    return promises, area


def seed_001_shaped_docx() -> bytes:
    """Build a Word file like seed 001: text before the table, other header wording,
    bullet lists in cells, an effort-area cell merged down over two rows, an extra column."""
    document = Document()
    document.add_heading("Regionalt programområdet Hälsofrämjande", 1)
    document.add_paragraph("Handlingsplan 2024")
    table = document.add_table(rows=3, cols=6)
    headers = [
        "Nationellt insatsområde",
        "Prioriterat område/patientlöften",
        "Aktiviteter",
        "Uppföljning av aktiviteter",
        "Status",
        "Ansvarig region",
    ]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    merged = table.cell(1, 0).merge(table.cell(2, 0))
    merged.text = "Nationellt vårdprogram och vårdförlopp levnadsvanor"
    merged.add_paragraph("Nationellt vårdförlopp", style="List Bullet")

    def fill(row: int, title: str, promises: list[str], activities: list[str], follow: str):
        cell = table.cell(row, 1)
        cell.text = title
        cell.add_paragraph("Patientlöften:")
        for text in promises:
            cell.add_paragraph(text, style="List Bullet")
        activity_cell = table.cell(row, 2)
        activity_cell.text = "Pågår under hela 2024"
        for text in activities:
            activity_cell.add_paragraph(text, style="List Bullet")
        table.cell(row, 3).text = follow
        table.cell(row, 5).text = "Region Kalmar län"

    fill(
        1,
        "Vårdprogram levnadsvanor",
        [PROMISES[0], PROMISES[2], "erbjudas gratis kaffe"],
        ["Erfarenhetsutbyte om implementering.", "Samarbete med andra RPO."],
        "Återkommande utbyte under årets möten.",
    )
    fill(
        2,
        "Alkohol- och tobaksfri operation",
        [PROMISES[1], "erbjudas bästa möjliga hälsofrämjande insatser"],
        ["Vidareutveckla remissmallar så de blir enhetliga i SÖSR."],
        "Återkommande under årets möten.",
    )
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def test_a_plan_exported_by_framja_imports_with_the_same_rows(world, catalogue):
    # given a plan with linked promises, a target area and activities, exported as Word
    promises, area = catalogue
    plan = services.plan_create(actor=None, organisation=world["rpo"], year=2024, title="HP")
    levnadsvanor = PublicHealthTargetArea.objects.get(number=6)
    for title, linked in [("Vårdprogram levnadsvanor", promises[:3]), ("RAG", promises[3:])]:
        row = services.row_create(
            actor=None,
            plan=plan,
            title=title,
            description="Kurser för personer med LSS-insats.",
            effort_area=area,
            patient_promises=linked,
            target_areas=[levnadsvanor],
            follow_up="- Två möten per år\n- Enkät",
        )
        services.activity_create(actor=None, row=row, text="Följeforskning", whole_year=True)
        services.status_add(
            actor=None,
            row=row,
            rating=Rating.AT_RISK,
            comment="Resurser saknas",
            date=datetime.date(2024, 6, 15),
        )
        done = services.activity_create(actor=None, row=row, text="Utbildning")
        services.activity_set_done(actor=None, activity=done, done=True)
    data, _type, _name = plan_export(plan=plan, fmt="docx")

    # when
    parsed = parse_plan_docx(data, file_name="hp.docx", organisation=world["rpo"])
    copy = create_plan_from_import(
        actor=None, organisation=world["rpo"], parsed=parsed, year=2025, title="Kopia"
    )

    # then
    def shape(p: Plan) -> list[tuple]:
        return [
            (
                r.title,
                r.description,
                r.effort_area,
                sorted(x.text for x in r.patient_promises.all()),
                [a.number for a in r.target_areas.all()],
                r.follow_up,
                [(a.text, a.whole_year, a.done) for a in r.activities.all()],
                [(e.rating, e.date, e.comment) for e in r.statuses.all()],
            )
            for r in p.rows.order_by("order")
        ]

    assert shape(copy) == shape(plan)


def test_a_plan_shaped_like_seed_001_imports(world, catalogue):
    # given
    _promises, area = catalogue

    # when
    parsed = parse_plan_docx(
        seed_001_shaped_docx(), file_name="hp2024.docx", organisation=world["rpo"]
    )
    plan = create_plan_from_import(
        actor=None, organisation=world["rpo"], parsed=parsed, year=2024, title="Handlingsplan 2024"
    )

    # then both rows came through, the merged effort area on each
    first, second = plan.rows.order_by("order")
    assert (first.title, second.title) == (
        "Vårdprogram levnadsvanor",
        "Alkohol- och tobaksfri operation",
    )
    assert first.effort_area == area
    assert second.effort_area == area
    assert first.effort_area_note == "Nationellt vårdförlopp"
    # promises recognised, the unknown one kept as text
    assert sorted(p.text for p in first.patient_promises.all()) == sorted(
        [PROMISES[0], PROMISES[2]]
    )
    assert "erbjudas gratis kaffe" in first.description
    # a shortened promise is recognised by its beginning
    assert sorted(p.text for p in second.patient_promises.all()) == sorted(
        [PROMISES[1], PROMISES[3]]
    )
    # bullet activities, "Pågår under hela 2024" making them whole-year
    assert [(a.text, a.whole_year) for a in first.activities.all()] == [
        ("Erfarenhetsutbyte om implementering.", True),
        ("Samarbete med andra RPO.", True),
    ]
    assert first.follow_up == "Återkommande utbyte under årets möten."
    # the extra column and the text before the table are kept
    assert "Region Kalmar län" in first.description
    assert "Handlingsplan 2024" in plan.sections.get().body


def test_a_broken_file_gives_a_swedish_error_and_creates_nothing(world):
    with pytest.raises(ImportError_, match=r"trasig\.docx är ingen Word-fil"):
        parse_plan_docx(
            b"PK\x03\x04 inte en zip", file_name="trasig.docx", organisation=world["rpo"]
        )
    assert not Plan.objects.exists()


def test_a_word_file_without_the_table_is_refused(world):
    document = Document()
    document.add_paragraph("Bara text, ingen tabell.")
    output = io.BytesIO()
    document.save(output)

    with pytest.raises(ImportError_, match="har ingen tabell med kolumnerna"):
        parse_plan_docx(output.getvalue(), file_name="brev.docx", organisation=world["rpo"])


def test_the_import_command_prints_the_new_plans_id_and_address(
    world, catalogue, tmp_path: Path, capsys
):
    path = tmp_path / "hp2024.docx"
    path.write_bytes(seed_001_shaped_docx())

    call_command("import-plan", str(path), "--organisation", "rpo-test", "--year", "2024")

    plan = Plan.objects.get()
    assert capsys.readouterr().out.strip() == f"{plan.pk} http://127.0.0.1:8000/planer/{plan.pk}/"
    assert (plan.title, plan.year, plan.state) == ("hp2024", 2024, "draft")


def test_the_import_command_refuses_a_broken_file(world, tmp_path: Path):
    path = tmp_path / "trasig.docx"
    path.write_bytes(b"inte word")

    with pytest.raises(CommandError, match="ingen Word-fil"):
        call_command("import-plan", str(path), "--organisation", "rpo-test")
    assert not PlanRow.objects.exists()


def test_an_editor_uploads_previews_and_creates_the_plan(world, catalogue):
    # given
    client = Client()
    client.force_login(world["bob"])
    upload = io.BytesIO(seed_001_shaped_docx())
    upload.name = "hp2024.docx"

    # when
    uploaded = client.post(
        reverse("plans:import", kwargs={"slug": "rpo-test"}),
        {"file": upload, "year": "2024", "title": "Handlingsplan 2024"},
    )
    preview = client.get(uploaded["Location"])

    # then the preview shows what was recognised, and nothing is saved yet
    html = preview.content.decode()
    assert "Vårdprogram levnadsvanor" in html
    assert PROMISES[2] in html
    assert "1 kändes inte igen och sparas som text" in html
    assert not Plan.objects.exists()
    created = client.post(uploaded["Location"])
    plan = Plan.objects.get()
    assert created["Location"] == plan.get_absolute_url()
    assert plan.rows.count() == 2


def test_a_broken_upload_shows_the_error_on_the_field(world):
    client = Client()
    client.force_login(world["bob"])
    upload = io.BytesIO(b"%PDF-1.4 inte word")
    upload.name = "plan.docx"

    response = client.post(
        reverse("plans:import", kwargs={"slug": "rpo-test"}),
        {"file": upload, "year": "2024", "title": "X"},
    )

    assert response.status_code == 200
    assert "plan.docx är ingen Word-fil (.docx) som går att läsa." in response.content.decode()
    assert not Plan.objects.exists()


def test_today_is_the_default_year(world, catalogue, tmp_path: Path):
    path = tmp_path / "hp.docx"
    path.write_bytes(seed_001_shaped_docx())

    call_command("import-plan", str(path), "--organisation", "rpo-test")

    assert Plan.objects.get().year == timezone.localdate().year


def test_a_status_text_that_names_no_status_is_kept_as_text(world):
    document = Document()
    table = document.add_table(rows=2, cols=5)
    for cell, text in zip(
        table.rows[0].cells,
        ["Nationellt insatsområde", "Prioriterat område", "Aktiviteter", "Uppföljning", "Status"],
        strict=True,
    ):
        cell.text = text
    table.cell(1, 1).text = "Skapa enhetlig dokumentation"
    table.cell(1, 4).text = "Inväntar nationellt arbete"
    output = io.BytesIO()
    document.save(output)

    parsed = parse_plan_docx(output.getvalue(), file_name="x.docx", organisation=world["rpo"])

    [row] = parsed.rows
    assert row.status_rating == ""
    assert "Status i dokumentet: Inväntar nationellt arbete" in row.description
