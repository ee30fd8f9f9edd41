"""The plan page with and without its script: moving, marking done and a status in place."""

import re

from playwright.sync_api import Browser, Page, expect

from framja.plans import services
from framja.plans.models import Plan, PlanRow
from tests.browser.conftest import assert_accessible, login

TOBAKSHJALPEN = "Tobakshjälpen – digital tobaksavvänjning"
OPERATION = "Tobaksfri operation"
FORVALTA = "Förvalta och vidareutveckla Tobakshjälpen."


def rag_tobak_plan() -> Plan:
    return Plan.objects.get(organisation__slug="rag-tobak", year=2024)


def toggle(page: Page, label: str, activity: str):
    """The button that marks an activity (not) done; its name reads "Markera klar: …"."""
    return page.get_by_role("button", name=re.compile(rf"^{label}\s*: {re.escape(activity)}$"))


def row_titles(page: Page) -> list[str]:
    return page.locator(
        "table.plan-table > tbody > tr > td:nth-child(2) > strong"
    ).all_inner_texts()


def test_the_script_moves_marks_and_sets_a_status_without_reloading(page: Page, demo):
    # given the process support on RAG Tobak's draft, with the page's script running
    login(page, "processtod@framja.example")
    plan = rag_tobak_plan()
    page.goto(plan.get_absolute_url())
    live = page.locator("#plan-live")
    page.evaluate("window.framjaSamePage = true")

    # when she moves the first row down
    page.get_by_role("button", name=f"Flytta ned {TOBAKSHJALPEN}").click()

    # then the rows change places, the page says so, and focus stays on the row's buttons
    expect(live).to_have_text(f"”{TOBAKSHJALPEN}” är flyttad ned, till plats 2 av 2.")
    assert row_titles(page) == [OPERATION, TOBAKSHJALPEN]
    expect(page.get_by_role("button", name=f"Flytta upp {TOBAKSHJALPEN}")).to_be_focused()
    assert page.evaluate("window.framjaSamePage") is True

    # when she moves an activity down and marks the other one done
    page.get_by_role("button", name=f"Flytta ned {FORVALTA}").click()
    expect(live).to_contain_text("till plats 2 av 2")
    expect(page.get_by_role("button", name=f"Flytta upp {FORVALTA}")).to_be_focused()
    toggle(page, "Markera klar", FORVALTA).click()

    # then the activity is done and the button, still focused, now undoes it
    expect(live).to_have_text(f"”{FORVALTA}” är markerad som klar.")
    expect(toggle(page, "Markera ej klar", FORVALTA)).to_be_focused()
    activities = page.locator(f"#rad-{plan.rows.get(title=TOBAKSHJALPEN).pk} ul.activities > li")
    expect(activities.first).to_contain_text("Samla erfarenheter")
    expect(activities.last).to_contain_text("✓ Klar:")

    # when she opens the status form in the row and saves it without a status
    page.get_by_role("link", name=f"Ny status – {OPERATION}").click()
    form = page.locator(".status-form")
    expect(form.get_by_role("heading", name=f"Ny status för {OPERATION}")).to_be_focused()
    assert_accessible(page)
    form.get_by_role("button", name="Spara status").click()

    # then the form says what is missing, in place
    expect(form.locator(".error-summary")).to_be_focused()
    expect(form.locator(".error-summary")).to_contain_text("Status")

    # when she fills it in and saves
    form.get_by_label("Risk för försening").check()
    form.get_by_label("Kommentar", exact=True).fill("Remissmallarna dröjer.")
    form.get_by_role("button", name="Spara status").click()

    # then the status is in the table, the form is gone and focus is back on the link
    expect(live).to_have_text(f"Statusen för ”{OPERATION}” är sparad: risk för försening.")
    expect(page.locator(".status-form")).to_have_count(0)
    expect(page.get_by_role("link", name=f"Ny status – {OPERATION}")).to_be_focused()
    expect(page.locator("table.plan-table")).to_contain_text("▲Risk för försening")
    expect(page.locator("table.plan-table")).to_contain_text("Remissmallarna dröjer.")
    assert page.evaluate("window.framjaSamePage") is True
    assert_accessible(page)

    # and a cancelled form gives focus back too
    page.get_by_role("link", name=f"Ny status – {TOBAKSHJALPEN}").click()
    page.locator(".status-form").get_by_role("link", name="Avbryt").click()
    expect(page.locator(".status-form")).to_have_count(0)
    expect(page.get_by_role("link", name=f"Ny status – {TOBAKSHJALPEN}")).to_be_focused()

    # and everything was saved
    page.reload()
    assert row_titles(page) == [OPERATION, TOBAKSHJALPEN]
    expect(page.locator("table.plan-table")).to_contain_text("Remissmallarna dröjer.")


def test_a_row_edit_conflict_is_still_told_clearly(page: Page, demo):
    # given the process support editing a row that someone else then saves
    login(page, "processtod@framja.example")
    row = rag_tobak_plan().rows.get(title=OPERATION)
    page.goto(rag_tobak_plan().get_absolute_url())
    page.get_by_role("link", name=f"Ändra raden {OPERATION}").click()
    services.row_update(
        actor=None, row=PlanRow.objects.get(pk=row.pk), follow_up="Ändrat av någon annan"
    )

    # when she saves her version
    page.get_by_label("Uppföljning", exact=True).fill("Mitt förslag")
    page.get_by_role("button", name="Spara").click()

    # then she is told, and sees both versions
    expect(page.locator(".error-summary")).to_contain_text(
        "Någon annan har ändrat raden medan du redigerade den."
    )
    expect(page.locator(".notice")).to_contain_text("Ändrat av någon annan")
    expect(page.get_by_label("Uppföljning", exact=True)).to_have_value("Mitt förslag")
    assert_accessible(page)


def test_without_javascript_the_buttons_are_plain_forms(browser: Browser, live_server, demo):
    # given a browser with JavaScript turned off
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        login(page, "processtod@framja.example")
        plan = rag_tobak_plan()
        page.goto(plan.get_absolute_url())

        # when she moves a row and adds a status
        page.get_by_role("button", name=f"Flytta upp {OPERATION}").click()
        assert row_titles(page) == [OPERATION, TOBAKSHJALPEN]
        page.get_by_role("link", name=f"Ny status – {OPERATION}").click()

        # then the status form is a page of its own, which returns to the row
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Ny status för {OPERATION}")
        page.get_by_label("Enligt plan").check()
        page.get_by_role("button", name="Spara status").click()
        expect(page).to_have_url(re.compile(rf"{plan.get_absolute_url()}#rad-\d+$"))
        expect(page.locator(".messages")).to_contain_text(f"Statusen för ”{OPERATION}” är sparad")
    finally:
        context.close()
