"""The organisation pages as a person sees them in Chromium."""

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible


def test_rpo_page_shows_the_2024_roles(page: Page, demo):
    # given the demo, with the 2024 changes (new chair, new process support)
    # when a visitor opens the branches down to RPO Hälsofrämjande in the organisation tree
    page.goto("/organisationer/")
    for name in [
        "Sydöstra sjukvårdsregionen",
        "Regionsjukvårdsledningen",
        "Kunskapsråd hälsa och rehabilitering",
    ]:
        opener = page.get_by_role(
            "link", name=re.compile(rf"^Visa \d+ organisationer under {name}$")
        )
        expect(opener).to_have_attribute("aria-expanded", "false")
        opener.click()
        expect(page).to_have_title(re.compile(f"^{name} – Organisationer"))
        expect(
            page.get_by_role("link", name=f"Dölj organisationerna under {name}")
        ).to_have_attribute("aria-expanded", "true")
    assert_accessible(page)
    page.get_by_role("link", name="RPO Hälsofrämjande", exact=True).click()

    # then the chair, the process support and the members are listed as in 2024
    expect(page.get_by_role("heading", level=1)).to_have_text("RPO Hälsofrämjande")
    chair = page.locator("ul[data-role=chair]")
    expect(chair).to_contain_text("Annette Frisk, Region Jönköpings län")
    expect(chair.locator("li")).to_have_count(1)
    expect(page.locator("ul[data-role=process_support]")).to_have_text(
        re.compile(r"^\s*Sofie Westerberg, Region Östergötland\s*$")
    )
    members = page.locator("ul[data-role=member] li")
    expect(members).to_have_count(5)
    for name in ["Anna Kempe", "Lena Hedin", "Marita Andersson", "Malin Beddesand"]:
        expect(page.locator("ul[data-role=member]")).to_contain_text(name)
    expect(page.locator("ul[data-role=member]")).not_to_contain_text("Annette Frisk")
    expect(page.locator("ul[data-role=npo_representative]")).to_contain_text("Sofia Dahlin")
    expect(page.get_by_text("Maria Elstrand")).to_have_count(0)
    # and the previous chair is there on request
    page.get_by_role("link", name="Visa tidigare uppdrag").click()
    expect(page.locator("#main table")).to_contain_text("Maria Elstrand")
    expect(page.locator("#main table")).to_contain_text("2023-01-01 – 2023-12-31")
    assert_accessible(page)


def test_public_pages_show_no_email_addresses(page: Page, demo):
    page.goto("/organisationer/rpo-halsoframjande/")

    assert "@" not in page.locator("#main").inner_text()
    expect(page.get_by_role("link", name="Annette Frisk")).to_have_count(0)


def test_skip_link_moves_focus_to_the_content(page: Page, demo):
    page.goto("/organisationer/")

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Hoppa till innehållet")).to_be_focused()
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"
