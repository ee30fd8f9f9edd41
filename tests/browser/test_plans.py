"""Writing and following an action plan in Chromium, as the chair of RPO Hälsofrämjande."""

import io
import re

from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from framja.catalog.models import PublicHealthTargetArea
from framja.demo.plans import LIFESTYLE, PLAN_2024
from framja.plans.models import Rating
from tests.browser.conftest import assert_accessible, login


def test_the_chair_writes_the_2024_plan_from_scratch_and_follows_it_up(page: Page, demo):
    """Type in RPO Hälsofrämjande's plan for 2024 (seed 001) as the demo has it, row by row."""
    spec = PLAN_2024
    areas = {area.number: str(area) for area in PublicHealthTargetArea.objects.all()}

    # given the chair, who edits RPO Hälsofrämjande
    login(page, "ordforande@framja.example")
    page.goto("/organisationer/rpo-halsoframjande/")

    # when she creates the plan
    page.get_by_role("link", name="Handlingsplaner").click()
    page.get_by_role("link", name="Ny handlingsplan").click()
    page.get_by_label("Titel").fill(spec.title)
    page.get_by_label("År").fill(str(spec.year))
    page.get_by_role("button", name="Skapa planen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(spec.title)
    expect(page.get_by_text("Utkast", exact=True)).to_be_visible()
    plan_url = page.url

    # and writes its sections and focus areas
    for heading, body in spec.sections:
        page.get_by_role("link", name="Nytt avsnitt").click()
        page.get_by_label("Rubrik").fill(heading)
        page.get_by_label("Text").fill(body)
        page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Ändra dokumentuppgifter och fokusområden").click()
    page.get_by_label("Fokusområden").fill("\n".join(spec.focus_areas))
    page.get_by_role("button", name="Spara").click()

    # and each row, linked to its effort area, patient promises and target areas
    for count, row in enumerate(spec.rows, start=1):
        page.get_by_role("link", name="Lägg till rad").click()
        page.get_by_label("Prioriterat område").fill(row.title)
        page.get_by_label("Beskrivning").fill(row.description)
        if row.effort_area:
            page.get_by_label("Nationellt insatsområde").select_option(label=row.effort_area)
        page.get_by_label("Kommentar till insatsområdet").fill(row.effort_area_note)
        for promise in row.promises:
            page.get_by_label(promise).check()
        for number in row.target_areas:
            page.get_by_label(areas[number], exact=True).check()
        page.get_by_label("Uppföljning", exact=True).fill(row.follow_up)
        page.get_by_role("button", name="Spara").click()

        # with its activities
        for activity in row.activities:
            page.get_by_role("link", name=f"Lägg till aktivitet – {row.title}").click()
            page.get_by_label(re.compile(r"^Aktivitet")).fill(activity.text)
            page.get_by_label("Ansvarig").fill(activity.responsible)
            if activity.whole_year:
                page.get_by_label("Pågår hela året").check()
            page.get_by_role("button", name="Lägg till").click()
        expect(page.locator("table.plan-table > tbody > tr")).to_have_count(count)

    # and sets each row's status, in the row (the page's script opens the form there)
    for row in spec.rows:
        for status in row.statuses:
            page.get_by_role("link", name=f"Ny status – {row.title}").click()
            form = page.locator(".status-form")
            form.get_by_label(re.compile(rf"^\s*{Rating(status.rating).label}\s*$", re.I)).check()
            form.get_by_label("Datum").fill(status.date.isoformat())
            form.get_by_label("Kommentar", exact=True).fill(status.comment)
            form.get_by_role("button", name="Spara status").click()
            expect(page.locator("#plan-live")).to_contain_text(f"Statusen för ”{row.title}”")

    # then the plan shows every row in the five columns, status as symbol and text
    table = page.locator("table.plan-table")
    expect(table.locator("> tbody > tr")).to_have_count(len(spec.rows))
    for number, row in enumerate(spec.rows, start=1):
        line = table.locator(f"> tbody > tr:nth-child({number})")
        expect(line.locator("strong").first).to_have_text(row.title)
        for activity in row.activities:
            expect(line).to_contain_text(activity.text)
        expect(line.locator(".status")).to_have_text("●Enligt plan")
    expect(table).to_contain_text("få tillgång till jämlik vård")
    expect(table).to_contain_text(areas[LIFESTYLE])
    assert_accessible(page)

    # when she adopts it on behalf of the knowledge council
    page.get_by_role("link", name="Fastställ").click()
    page.get_by_label("Fastställd av").select_option(label="Kunskapsråd hälsa och rehabilitering")
    page.get_by_label("Fastställt datum").fill("2024-01-31")
    page.get_by_role("button", name="Fastställ").click()

    # then it is adopted and frozen, but can still be followed up
    expect(page.get_by_text("Fastställd", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Lägg till rad")).to_have_count(0)
    first = spec.rows[0]
    expect(page.get_by_role("link", name=f"Ny status – {first.title}")).to_be_visible()
    page.get_by_role("link", name="Versioner och jämförelse").click()
    expect(page.locator("table")).to_contain_text("fastställd")
    page.go_back()

    # when she marks an activity done and makes next year's plan
    done = first.activities[0].text
    page.get_by_role(
        "button", name=re.compile(rf"^Markera klar\s*: {re.escape(done[:40])}")
    ).click()
    expect(page.locator("#plan-live")).to_contain_text("är markerad som klar")
    page.get_by_role("button", name="Skapa nästa års plan").click()

    # then the draft carries every row over, with the activities not yet done
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Handlingsplan {spec.year + 1}")
    next_table = page.locator("table.plan-table")
    expect(next_table.locator("> tbody > tr")).to_have_count(len(spec.rows))
    expect(next_table).to_contain_text(first.activities[1].text)
    expect(next_table).not_to_contain_text(done)

    # and she downloads the adopted plan as Word, PDF and Excel
    page.goto(plan_url)
    files = {}
    for link, suffix in [("Word (DOCX)", "docx"), ("PDF", "pdf"), ("Excel (XLSX)", "xlsx")]:
        with page.expect_download() as download:
            page.get_by_role("link", name=link).click()
        name = download.value.suggested_filename
        assert name == f"rpo-halsoframjande-{spec.year}-v1.0.{suffix}"
        files[suffix] = download.value.path()

    # then the Word file has every row with its promises and activities
    word_rows = Document(str(files["docx"])).tables[-1].rows[1:]
    assert len(word_rows) == len(spec.rows)
    for word_row, row in zip(word_rows, spec.rows, strict=True):
        cells = [cell.text for cell in word_row.cells]
        assert cells[1].startswith(row.title)
        assert all(promise in cells[1] for promise in row.promises)
        assert all(activity.text in cells[2] for activity in row.activities)
        assert "Enligt plan (2024-06-15)" in cells[4]
    assert files["pdf"].read_bytes().startswith(b"%PDF")
    sheet = load_workbook(io.BytesIO(files["xlsx"].read_bytes()))["Handlingsplan"]
    assert [line[4].value for line in sheet.iter_rows(min_row=2)] == [r.title for r in spec.rows]


def test_an_outsider_cannot_see_a_draft(page: Page, demo):
    login(page, "utomstaende@framja.example")
    page.goto("/organisationer/rag-tobak/planer/")

    expect(page.get_by_text("Det finns inga handlingsplaner som du kan se.")).to_be_visible()


def test_the_process_support_imports_a_word_plan(page: Page, demo, tmp_path):
    # given a Word plan exported from the demo's 2024 plan
    from framja.plans.export import plan_export
    from framja.plans.models import Plan

    source = Plan.objects.get(organisation__slug="rpo-halsoframjande", year=2024)
    data, _type, _name = plan_export(plan=source, fmt="docx")
    word = tmp_path / "handlingsplan-2024.docx"
    word.write_bytes(data)
    broken = tmp_path / "trasig.docx"
    broken.write_bytes(b"inte en Word-fil")
    login(page, "processtod@framja.example")

    # when she uploads a broken file first
    page.goto("/organisationer/rpo-halsoframjande/planer/importera/")
    assert_accessible(page)
    page.get_by_label("Word-fil (.docx)").set_input_files(str(broken))
    page.get_by_label("År").fill("2025")
    page.get_by_label("Titel").fill("Importerad plan")
    page.get_by_role("button", name="Läs in filen").click()

    # then she is told, on the field
    expect(page.locator(".error-summary")).to_contain_text("trasig.docx är ingen Word-fil")
    assert_accessible(page)

    # when she uploads the real one, reviews it and creates the plan
    page.get_by_label("Word-fil (.docx)").set_input_files(str(word))
    page.get_by_role("button", name="Läs in filen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Granska importen")
    expect(page.locator("table")).to_contain_text("Hälsan spelar roll")
    assert_accessible(page)
    page.get_by_role("button", name="Skapa planen som utkast").click()

    # then the draft has the same four rows
    expect(page.get_by_role("heading", level=1)).to_have_text("Importerad plan")
    expect(page.locator("table.plan-table > tbody > tr")).to_have_count(4)
