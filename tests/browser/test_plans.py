"""Writing and following an action plan in Chromium, as the chair of RPO Hälsofrämjande."""

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, login


def test_the_chair_writes_a_plan_and_follows_it_up(page: Page, demo):
    # given the chair, who edits RPO Hälsofrämjande
    login(page, "ordforande@framja.example")
    page.goto("/organisationer/rpo-halsoframjande/")

    # when she creates next year's plan
    page.get_by_role("link", name="Handlingsplaner").click()
    assert_accessible(page)
    page.get_by_role("link", name="Ny handlingsplan").click()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Handlingsplan 2025")
    page.get_by_label("År").fill("2025")
    page.get_by_role("button", name="Skapa planen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Handlingsplan 2025")
    expect(page.get_by_text("Utkast", exact=True)).to_be_visible()

    # and adds a row linked to a patient promise and a target area
    page.get_by_role("link", name="Lägg till rad").click()
    assert_accessible(page)
    page.get_by_label("Prioriterat område").fill("Vårdprogram levnadsvanor")
    page.get_by_label("Nationellt insatsområde").select_option(
        label="Nationellt vårdprogram och vårdförlopp levnadsvanor"
    )
    page.get_by_label("få tillgång till jämlik vård").check()
    page.get_by_label("6. Levnadsvanor").check()
    page.get_by_label("Uppföljning", exact=True).fill("Återkommande under årets möten.")
    page.get_by_role("button", name="Spara").click()

    # and an activity that runs all year
    page.get_by_role("link", name="Lägg till aktivitet – Vårdprogram levnadsvanor").click()
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Aktivitet")).fill("Erfarenhetsutbyte om implementering")
    page.get_by_label("Pågår hela året").check()
    page.get_by_role("button", name="Lägg till").click()

    # and sets its status
    page.get_by_role("link", name="Ny status – Vårdprogram levnadsvanor").click()
    assert_accessible(page)
    page.get_by_label("Enligt plan").check()
    page.get_by_label("Kommentar", exact=True).fill("Alla tre regioner är igång.")
    page.get_by_role("button", name="Spara status").click()

    # then the plan shows the row in the five columns, with status as symbol and text
    table = page.locator("table.plan-table")
    expect(table).to_contain_text("Nationellt vårdprogram och vårdförlopp levnadsvanor")
    expect(table).to_contain_text("få tillgång till jämlik vård")
    expect(table).to_contain_text("6. Levnadsvanor")
    expect(table).to_contain_text("Erfarenhetsutbyte om implementering")
    expect(table.locator(".status")).to_have_text("●Enligt plan")
    expect(table).to_contain_text("Alla tre regioner är igång.")
    assert_accessible(page)

    # when she adopts it on behalf of the knowledge council
    page.get_by_role("link", name="Fastställ").click()
    assert_accessible(page)
    page.get_by_label("Fastställd av").select_option(label="Kunskapsråd hälsa och rehabilitering")
    page.get_by_label("Fastställt datum").fill("2025-01-31")
    page.get_by_role("button", name="Fastställ").click()

    # then it is adopted and frozen, but can still be followed up
    expect(page.get_by_text("Fastställd", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Lägg till rad")).to_have_count(0)
    expect(page.get_by_role("link", name="Ny status – Vårdprogram levnadsvanor")).to_be_visible()
    page.get_by_role("link", name="Versioner och jämförelse").click()
    expect(page.locator("table")).to_contain_text("fastställd")
    assert_accessible(page)
    page.go_back()

    # and downloads it as Word, PDF and Excel
    for link, suffix in [("Word (DOCX)", ".docx"), ("PDF", ".pdf"), ("Excel (XLSX)", ".xlsx")]:
        with page.expect_download() as download:
            page.get_by_role("link", name=link).click()
        assert download.value.suggested_filename == f"rpo-halsoframjande-2025-v1.0{suffix}"
        assert download.value.path().stat().st_size > 1000

    # when she makes next year's plan
    page.get_by_role("button", name="Skapa nästa års plan").click()

    # then the draft carries the row and its unfinished activity over
    expect(page.get_by_role("heading", level=1)).to_have_text("Handlingsplan 2026")
    expect(page.locator("table.plan-table")).to_contain_text("Erfarenhetsutbyte om implementering")
    expect(page.get_by_role("link", name="Handlingsplan 2025")).to_be_visible()
    assert_accessible(page)


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
