"""The knowledge bank in the browser: search, filter, open a result; axe-core on its pages."""

from playwright.sync_api import Page, expect

from framja.knowledge.models import Event, GoodExample
from framja.plans.models import PlanRow
from tests.browser.conftest import assert_accessible, login


def test_search_filter_and_open_a_result(page: Page, demo):
    # given a reader of RPO Hälsofrämjande
    login(page, "lasare@framja.example")
    page.get_by_role("link", name="Sök", exact=True).click()

    # when she searches for "hälsosamtalen"
    page.get_by_label("Sökord").fill("hälsosamtalen")
    page.get_by_role("main").get_by_role("button", name="Sök").click()

    # then hits of several kinds show, the word marked in every inflection
    hits = page.locator(".search-hits > li")
    expect(hits.first).to_be_visible()
    expect(page.locator(".search-hits mark").first).to_have_text("hälsosamtal", ignore_case=True)
    assert_accessible(page)

    # when she narrows to good examples in the target area "Levnadsvanor"
    page.get_by_role("checkbox", name="gott exempel").check()
    page.get_by_label("Målområde").select_option(label="6. Levnadsvanor")
    page.get_by_role("main").get_by_role("button", name="Sök").click()

    # then only that example is left, and she opens it
    expect(hits).to_have_count(1)
    expect(page.get_by_role("heading", name="1 träff")).to_be_visible()
    hits.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Riktade hälsosamtal: grundutbildningar och metodstöd"
    )
    expect(page.get_by_role("heading", name="Liknande arbete på andra håll")).to_be_visible()
    assert_accessible(page)


def test_knowledge_pages_are_accessible(page: Page, demo):
    example = GoodExample.objects.get(title="Tobakshjälpen")
    event = Event.objects.order_by("start").first()
    assert event is not None
    row = PlanRow.objects.filter(plan__organisation__slug="rpo-halsoframjande").first()
    assert row is not None
    for path in [
        "/kunskapsbank/",
        "/kunskapsbank/?lan=&malomrade=",
        f"/kunskapsbank/{example.pk}/",
        "/evenemang/",
        "/evenemang/?tidigare=1",
        f"/evenemang/{event.pk}/",
        "/sok/?q=tobak",
        "/sok/?q=finnsinte",
    ]:
        page.goto(path)
        assert_accessible(page)

    # the editors' forms, and similar work beside a plan row
    login(page, "rag@framja.example")
    for path in [
        f"/kunskapsbank/{example.pk}/",
        f"/kunskapsbank/{example.pk}/andra/",
        "/organisationer/rag-tobak/kunskapsbank/nytt/",
        "/organisationer/rag-tobak/evenemang/nytt/",
        f"/liknande/rad/{row.pk}/",
    ]:
        page.goto(path)
        assert_accessible(page)


def test_the_search_box_in_the_header_searches_from_any_page(page: Page, demo):
    # given someone on an organisation's page
    page.goto("/organisationer/rpo-halsoframjande/")

    # when she searches from the header
    search = page.get_by_role("search")
    search.get_by_label("Sök i Främja").fill("hälsosamtalen")
    search.get_by_role("button", name="Sök").click()

    # then the search page shows the hits, with the words kept in both boxes
    expect(page.get_by_role("heading", level=1)).to_have_text("Sök")
    expect(page.get_by_label("Sökord")).to_have_value("hälsosamtalen")
    expect(page.get_by_label("Sök i Främja")).to_have_value("hälsosamtalen")
    expect(page.locator("mark").first).to_be_visible()
    assert_accessible(page)
