"""A survey in Chromium: the HFS coordinator builds a survey, sends it to two regions, both
answer, and one region opens its answers beside everyone's. axe-core checks every page."""

import re

from playwright.sync_api import Browser, Page, expect

from framja.accounts.models import User
from framja.organisations.models import AccessLevel, Organisation
from framja.organisations.services import access_grant
from tests.browser.conftest import assert_accessible, login


def new_page(browser: Browser, live_server) -> Page:
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def region_editor(code: str, email: str) -> Organisation:
    region = Organisation.objects.get(code=code, kind="region")
    user = User.objects.create_user(email, "demo", full_name=f"Processledare {region.name}")
    access_grant(actor=None, user=user, organisation=region, level=AccessLevel.EDITOR)
    return region


def add_question(page: Page, kind: str, text: str, *, required: bool, condition: str = "") -> None:
    page.get_by_role("link", name="Lägg till en fråga i avsnittet").first.click()
    page.get_by_label("Typ av fråga").select_option(label=kind)
    page.get_by_label(re.compile(r"^Fråga \(")).fill(text)
    if required:
        page.get_by_label("Frågan måste besvaras").check()
    if condition:
        page.get_by_label("Visa bara när denna fråga besvaras med ja").select_option(
            label=condition
        )
    assert_accessible(page)
    page.get_by_role("button", name="Spara frågan").click()
    expect(page.get_by_text("Frågan är sparad.")).to_be_visible()


def test_a_survey_from_building_to_a_benchmark_report(browser: Browser, live_server, demo):
    ostergotland = region_editor("0005", "ostergotland@framja.example")
    jonkoping = region_editor("0006", "jonkoping@framja.example")
    coordinator = new_page(browser, live_server)

    # given the HFS coordinator, who builds a survey
    login(coordinator, "koordinator@framja.example")
    coordinator.goto("/organisationer/hfs/")
    coordinator.get_by_role("link", name="Enkäter", exact=True).click()
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name="Skapa en ny enkät").click()
    coordinator.get_by_label("Namn").fill("Enkät om levnadsvanor")
    coordinator.get_by_label("År").fill("2026")
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Spara").click()
    coordinator.get_by_role("link", name="Lägg till ett avsnitt").click()
    coordinator.get_by_label("Rubrik").fill("Tobak")
    coordinator.get_by_role("button", name="Lägg till avsnittet").click()
    add_question(coordinator, "ja/nej", "Erbjuder ni Tobakshjälpen?", required=True)
    add_question(
        coordinator,
        "fritext",
        "Hur når ni patienterna?",
        required=True,
        condition="Erbjuder ni Tobakshjälpen?",
    )
    assert_accessible(coordinator)

    # when it is sent to two regions
    coordinator.get_by_role("link", name="Skicka enkäten").click()
    coordinator.get_by_label(ostergotland.name).check()
    coordinator.get_by_label(jonkoping.name).check()
    coordinator.get_by_label("Sista dag").fill("2099-01-31")
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Skicka enkäten").click()
    expect(coordinator.get_by_text("Enkäten är skickad")).to_be_visible()
    expect(coordinator.get_by_role("link", name="Lägg till en fråga")).to_have_count(0)
    assert_accessible(coordinator)

    # and Östergötland answers yes, which shows the follow-up, and shares its named answers
    first = new_page(browser, live_server)
    login(first, "ostergotland@framja.example")
    first.get_by_role("link", name="Enkäter att besvara").click()
    assert_accessible(first)
    first.get_by_role("link", name="Enkät om levnadsvanor 2026").click()
    follow_up = first.get_by_label("Hur når ni patienterna?")
    expect(follow_up).to_be_hidden()
    first.get_by_role("group", name=re.compile("Erbjuder ni Tobakshjälpen")).get_by_label(
        "Ja"
    ).check()
    expect(follow_up).to_be_visible()
    assert_accessible(first)
    first.get_by_role("button", name="Lämna in svaren").click()
    expect(first.get_by_text("Frågan måste besvaras.").first).to_be_visible()
    assert_accessible(first)
    first.get_by_label("Hur når ni patienterna?").fill("Via 1177 och vårdcentralerna.")
    first.get_by_label("Andra organisationer får se våra svar med vårt namn").check()
    first.get_by_role("button", name="Lämna in svaren").click()
    expect(first.get_by_text("Svaren är inlämnade.")).to_be_visible()
    assert_accessible(first)

    # and Jönköping answers no, without the follow-up
    second = new_page(browser, live_server)
    login(second, "jonkoping@framja.example")
    second.get_by_role("link", name="Enkäter att besvara").click()
    second.get_by_role("link", name="Enkät om levnadsvanor 2026").click()
    second.get_by_role("group", name=re.compile("Erbjuder ni Tobakshjälpen")).get_by_label(
        "Nej"
    ).check()
    expect(second.get_by_label("Hur når ni patienterna?")).to_be_hidden()
    second.get_by_role("button", name="Lämna in svaren").click()
    expect(second.get_by_text("Svaren är inlämnade.")).to_be_visible()

    # then Jönköping opens its answers beside everyone's
    second.get_by_role("link", name="Era svar bredvid allas").click()
    expect(second.get_by_role("heading", level=1)).to_contain_text(jonkoping.name)
    expect(second.get_by_text("2 av 2 organisationer har lämnat in sina svar.")).to_be_visible()
    expect(second.get_by_text("Via 1177 och vårdcentralerna.")).to_be_visible()
    assert_accessible(second)
    with second.expect_download() as download:
        second.get_by_role("link", name="Ladda ner jämförelsen (Word)").click()
    assert download.value.suggested_filename == f"jamforelse-2026-{jonkoping.slug}.docx"

    # and the coordinator sees both submitted and the results
    coordinator.reload()
    expect(coordinator.get_by_text("2 av 2", exact=True)).to_be_visible()
    coordinator.get_by_role("link", name="Resultat").click()
    assert_accessible(coordinator)
    for opened in (coordinator, first, second):
        opened.context.close()


def test_the_demo_survey_pages_are_accessible(page: Page, demo):
    from framja.surveys.models import Survey

    equity = Survey.objects.get(title="Enkät om jämlik hälsa")
    governance = Survey.objects.get(title="Uppdrag–uppföljning", year=2019)
    login(page, "koordinator@framja.example")
    for path in (
        f"/enkater/{equity.pk}/",
        f"/enkater/{equity.pk}/resultat/",
        f"/enkater/{equity.pk}/region-stockholm/",
        f"/enkater/{equity.pk}/region-stockholm/jamforelse/",
        f"/enkater/{governance.pk}/",
        f"/enkater/{governance.pk}/resultat/",
        "/organisationer/hfs/enkater/",
    ):
        page.goto(path)
        assert_accessible(page)
