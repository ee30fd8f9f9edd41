"""The indicator charts and the targeting page in Chromium: axe-core finds no WCAG violation,
the figures open in a table, and the choices are made with a plain form."""

from django.utils import timezone
from playwright.sync_api import Page, expect

from framja.indicators.models import Indicator, IndicatorValue, Place
from framja.indicators.services import indicator_totals_refresh
from tests.browser.conftest import assert_accessible, login


def values_for_skane() -> None:
    """Values for Skåne's municipalities, the region and Riket, by sex, and a Care Need Index."""
    indicator = Indicator.objects.get(code="paverkbar-slutenvard")
    care_need = Indicator.objects.get(kolada_kpi_id="N00992")
    places = list(Place.objects.filter(code__startswith="12", level="municipality"))
    places += list(Place.objects.filter(code__in=["0000", "0012"]))
    now = timezone.now()
    # The demo has example values for both; these tests draw their own.
    IndicatorValue.objects.filter(indicator__in=[indicator, care_need]).delete()
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                indicator=indicator,
                place=place,
                period=str(year),
                sex=sex,
                value=100.0 + number * 3 + (year - 2020) * 2 + (5 if sex == "M" else 0),
                imported_at=now,
            )
            for number, place in enumerate(places)
            for year in range(2020, 2025)
            for sex in "TKM"
        ]
        + [
            IndicatorValue(
                indicator=care_need,
                place=place,
                period="2024",
                value=1.0 + number / 10,
                imported_at=now,
            )
            for number, place in enumerate(places)
        ]
    )
    indicator_totals_refresh(indicator_ids=[indicator.pk, care_need.pk])


def test_the_chart_pages_are_accessible(page: Page, demo):
    # given
    values_for_skane()
    login(page, "lasare@framja.example")
    code = "paverkbar-slutenvard"
    for path in [
        f"/indikatorer/{code}/diagram/tidsserie/?plats=1280&kon=alla",
        f"/indikatorer/{code}/diagram/jamforelse/?niva=municipality&region=0012",
        f"/indikatorer/{code}/diagram/kon/?plats=1280",
        f"/indikatorer/{code}/behov/?niva=municipality&region=0012",
        f"/indikatorer/{code}/behov/?niva=region",
    ]:
        # when
        page.goto(path)
        details = page.locator("details.chart-data")
        if details.count():
            details.locator("summary").click()
            expect(page.locator("table.chart-table")).to_be_visible()
        # then
        assert_accessible(page)


def test_a_reader_chooses_the_region_with_the_form(page: Page, demo):
    # given
    values_for_skane()
    login(page, "lasare@framja.example")
    page.goto("/indikatorer/paverkbar-slutenvard/")

    # when
    page.get_by_role("link", name="Där behoven är störst").first.click()
    page.get_by_label("Jämför").select_option("municipality")
    page.get_by_label("Bara kommunerna i").select_option("0012")
    page.get_by_role("button", name="Visa").click()

    # then
    expect(page.get_by_role("heading", level=1)).to_contain_text("Där behoven är störst")
    expect(page.locator("table.targeting tbody tr")).to_have_count(33)
    expect(page.get_by_role("columnheader", name="Care Need Index")).to_be_visible()
    expect(page.get_by_text("är sämre än Region Skåne")).to_be_visible()
    assert_accessible(page)
