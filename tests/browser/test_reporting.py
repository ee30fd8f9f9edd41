"""A reporting round in Chromium: RPO Hälsofrämjande's process support asks its RAGs to
report, two fill in, one is reminded, and the round closes into a report."""

import io
import re

from docx import Document
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import assert_accessible, login


def new_page(browser: Browser, live_server) -> Page:
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def fill_goal(page: Page, goal: str, rating: str, result: str) -> None:
    group = page.get_by_role("group", name=re.compile(re.escape(goal)))
    group.get_by_label(rating, exact=True).check()
    group.get_by_label("Resultat").fill(result)


def test_a_round_from_opening_to_the_closed_report(browser: Browser, live_server, demo):
    coordinator = new_page(browser, live_server)
    member = new_page(browser, live_server)

    # given the process support of RPO Hälsofrämjande, who opens a round for its RAGs
    login(coordinator, "processtod@framja.example")
    coordinator.goto("/organisationer/rpo-halsoframjande/")
    coordinator.get_by_role("link", name="Rapportering").click()
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name="Öppna en ny omgång").click()
    assert_accessible(coordinator)
    coordinator.get_by_label("Namn").fill("RAG-rapport 2024")
    coordinator.get_by_label("Period").fill("2024")
    coordinator.get_by_label("Sista dag").fill("2099-01-31")
    expect(coordinator.get_by_label(re.compile("RAG Tobak"))).to_be_checked()
    coordinator.get_by_role("button", name="Öppna omgången").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("RAG-rapport 2024")
    assert_accessible(coordinator)

    # when the RAG Tobak member starts on her organisation's part and saves a draft
    login(member, "rag@framja.example")
    member.get_by_role("link", name="Att rapportera").click()
    assert_accessible(member)
    member.get_by_role("row", name=re.compile("RAG-rapport 2024")).get_by_role("link").click()
    fill_goal(
        member,
        "Alla tre regionerna erbjuder Tobakshjälpen",
        "uppnått",
        "Avtal finns med alla tre.",
    )
    member.get_by_role("button", name="Spara utkast").click()
    expect(member.get_by_text("Underlaget är sparat som utkast.")).to_be_visible()
    assert_accessible(member)

    # and the coordinator, seeing it in progress, reminds RAG Tobak
    coordinator.reload()
    tobak = coordinator.get_by_role("row", name=re.compile("RAG Tobak"))
    expect(tobak).to_contain_text("Pågår")
    tobak.get_by_role("button", name="Påminn RAG Tobak").click()
    expect(coordinator.get_by_text("En påminnelse är skickad till RAG Tobak.")).to_be_visible()

    # and the member finishes and marks it ready
    member.reload()
    fill_goal(
        member,
        "Fler patienter får rådgivning om tobak",
        "delvis uppnått",
        "Två av tre regioner frågar i remissen.",
    )
    member.get_by_label("Sammanfattning").fill("Tobakshjälpen är införd överallt.")
    member.get_by_role("button", name="Spara och markera som klart").click()
    expect(member.get_by_text("Underlaget är sparat och markerat som klart.")).to_be_visible()

    # and the coordinator fills in for RAG Alkohol herself
    coordinator.reload()
    coordinator.get_by_role("link", name="RAG Alkohol").click()
    assert_accessible(coordinator)
    coordinator.get_by_label("Sammanfattning").fill("Ingen egen målsättning för 2024.")
    coordinator.get_by_role("button", name="Spara och markera som klart").click()
    coordinator.get_by_role("link", name="RAG-rapport 2024").click()
    expect(coordinator.get_by_text("2 av 7", exact=True)).to_be_visible()

    # and closes the round
    coordinator.get_by_role("link", name="Stäng omgången").click()
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Stäng omgången").click()
    expect(coordinator.get_by_text("Omgången är stängd.")).to_be_visible()
    assert_accessible(coordinator)

    # then the report downloads with what was submitted
    with coordinator.expect_download() as download:
        coordinator.get_by_role("link", name="Ladda ner verksamhetsberättelsen (Word)").click()
    document = Document(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    assert "RAG Tobak" in text
    assert "Avtal finns med alla tre." in text
    assert "Målet är delvis uppnått" in text
    assert "Tobakshjälpen är införd överallt." in text

    # and the member can no longer change RAG Tobak's part
    member.reload()
    expect(member.get_by_text("Det här är underlaget som det lämnades in")).to_be_visible()
    expect(member.get_by_role("button", name="Spara utkast")).to_have_count(0)
