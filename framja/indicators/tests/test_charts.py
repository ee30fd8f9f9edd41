"""Charts of an indicator's values and the targeting list: what the selectors read, what the
pages show, and the downloads."""

import csv
import io
import subprocess

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from framja.indicators import selectors
from framja.indicators.models import Indicator, IndicatorValue, Level, Place
from framja.indicators.records import ValueRecord
from framja.indicators.services import indicator_totals_refresh, store_values


def put(indicator: Indicator, rows: list[tuple[str, str, str, float | None]]) -> None:
    """Store (place code, period, sex, value) rows for the indicator."""
    now = timezone.now()
    places = dict(Place.objects.values_list("code", "pk"))
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=indicator,
            place_id=places[code],
            period=period,
            sex=sex,
            value=value,
            status="" if value is not None else "..",
            imported_at=now,
        )
        for code, period, sex, value in rows
    )
    indicator_totals_refresh(indicator_ids=[indicator.pk])


@pytest.fixture
def lower(indicator) -> Indicator:
    """An indicator where lower is better, with values for Skåne's municipalities."""
    indicator.unit = "antal per 100 000 invånare"
    indicator.direction = "lower"
    indicator.save()
    put(
        indicator,
        [
            ("0000", "2023", "T", 110.0),
            ("0012", "2023", "T", 100.0),
            ("1280", "2023", "T", 130.0),  # Malmö, worse than Skåne
            ("1281", "2023", "T", 90.0),  # Lund, better
            ("1282", "2023", "T", None),  # Landskrona, withheld
            ("0001", "2023", "T", 120.0),  # Region Stockholm: not a municipality of Skåne
            ("1280", "2022", "T", 140.0),
            ("1280", "2021", "T", 150.0),
            ("1280", "2023", "K", 125.0),
            ("1280", "2023", "M", 135.0),
        ],
    )
    return indicator


def test_a_time_series_has_every_period_of_the_place(lower):
    # given
    malmo = Place.objects.get(code="1280")

    # when
    chart = selectors.time_series_chart(indicator=lower, place=malmo)

    # then
    (series,) = chart.series
    assert series.label == "Malmö"
    assert [(p.period, p.value) for p in series.points] == [
        ("2021", 150.0),
        ("2022", 140.0),
        ("2023", 130.0),
    ]
    assert chart.better == "lower"
    assert chart.summary() == (
        "Värdet minskade från 150,0 antal per 100 000 invånare år 2021 till 130,0 år 2023, "
        "en förbättring."
    )


def test_a_time_series_of_all_sexes_has_one_series_each(lower):
    chart = selectors.time_series_chart(
        indicator=lower, place=Place.objects.get(code="1280"), sexes=["K", "M", "T"]
    )

    assert [s.label for s in chart.series] == ["Kvinnor", "Män", "Totalt"]
    assert [len(s.points) for s in chart.series] == [1, 1, 3]


def test_the_comparison_of_a_region_has_its_municipalities_and_both_references(lower):
    # given
    skane = Place.objects.get(code="0012")

    # when
    chart = selectors.comparison_chart(indicator=lower, period="2023", region=skane)

    # then the 33 municipalities of Skåne, best (lowest) first, the withheld value last
    assert (
        len(chart.bars) == Place.objects.filter(code__startswith="12", level="municipality").count()
    )
    ordered = chart.sorted_bars()
    assert [(b.label, b.value) for b in ordered[:2]] == [("Lund", 90.0), ("Malmö", 130.0)]
    assert "Region Stockholm" not in [b.label for b in chart.bars]
    assert [(r.label, r.value) for r in chart.references] == [
        ("Region Skåne", 100.0),
        ("Riket", 110.0),
    ]
    assert "1 av 2 kommuner ligger över Region Skåne (100,0)" in chart.summary()


def test_the_comparison_of_all_regions(lower):
    chart = selectors.comparison_chart(indicator=lower, period="2023", level=Level.REGION)

    assert len(chart.bars) == 21
    assert [b.label for b in chart.sorted_bars()[:2]] == ["Region Skåne", "Region Stockholm"]
    assert [r.label for r in chart.references] == ["Riket"]
    assert chart.noun == "regioner"


def test_the_sex_chart_has_women_men_and_all(lower):
    chart = selectors.sex_chart(indicator=lower, place=Place.objects.get(code="1280"))

    assert [g.period for g in chart.groups] == ["2021", "2022", "2023"]
    assert chart.summary() == (
        "Kvinnor 125,0 antal per 100 000 invånare, män 135,0, totalt 130,0 år 2023; "
        "män ligger 10,0 högre."
    )


def test_targeting_ranks_best_first_and_flags_those_worse_than_the_reference(lower, source):
    # given a Care Need Index with a value for Malmö this year and for Lund only earlier
    cni = Indicator.objects.create(
        code="cni-test", name="Care Need Index", source=source, kolada_kpi_id="N00992"
    )
    put(cni, [("1280", "2023", "T", 2.5), ("1281", "2020", "T", 0.8), ("1281", "2019", "T", 0.7)])

    # when
    result = selectors.targeting(
        indicator=lower,
        period="2023",
        level=Level.MUNICIPALITY,
        region=Place.objects.get(code="0012"),
    )

    # then
    assert result.reference is not None
    assert result.reference.code == "0012"
    first, second = result.rows[:2]
    assert (first.place.name, first.rank, first.worse, first.care_need) == ("Lund", 1, False, 0.8)
    assert first.care_need_period == "2020"
    assert (second.place.name, second.rank, second.worse, second.care_need) == (
        "Malmö",
        2,
        True,
        2.5,
    )
    missing = [row for row in result.rows if row.value is None]
    assert all(row.rank is None and not row.worse for row in missing)
    assert result.worse_count == 1


def test_targeting_against_riket_when_no_region_is_chosen(lower):
    result = selectors.targeting(indicator=lower, period="2023", level=Level.REGION)

    assert result.reference is not None
    assert result.reference.code == "0000"
    assert [(r.place.name, r.worse) for r in result.rows[:2]] == [
        ("Region Skåne", False),
        ("Region Stockholm", True),
    ]
    assert result.care_need_indicator is None


def test_targeting_flags_nothing_when_the_direction_is_unknown(lower):
    lower.direction = "none"
    lower.save()

    result = selectors.targeting(indicator=lower, period="2023", level=Level.MUNICIPALITY)

    assert not any(row.worse for row in result.rows)
    assert result.rows[0].place.name == "Malmö"  # highest first


def test_the_chart_pages_show_the_chart_its_summary_and_table(world, lower):
    client = Client()
    client.force_login(world["rita"])

    for kind, params, summary in [
        ("tidsserie", {"plats": "1280"}, "Värdet minskade"),
        (
            "jamforelse",
            {"region": "0012", "period": "2023", "plats": "1280"},
            "Malmö (130,0) är 2:a bäst av 2",
        ),
        ("kon", {"plats": "1280"}, "män ligger 10,0 högre"),
    ]:
        response = client.get(reverse("indicators:chart", args=[lower.code, kind]), params)
        text = response.content.decode()
        assert response.status_code == 200
        assert "<svg" in text
        assert summary in text
        assert 'class="chart-table"' in text
        assert reverse("indicators:chart_download", args=[lower.code, kind, "csv"]) in text
    highlighted = client.get(
        reverse("indicators:chart", args=[lower.code, "jamforelse"]),
        {"region": "0012", "period": "2023", "plats": "1280"},
    )
    assert '<tr class="chart-emphasis"><th scope="row">Malmö</th>' in highlighted.content.decode()


def test_the_comparison_downloads_as_csv_and_xlsx(world, lower):
    client = Client()
    client.force_login(world["rita"])
    params = {"region": "0012", "period": "2023"}

    as_csv = client.get(
        reverse("indicators:chart_download", args=[lower.code, "jamforelse", "csv"]), params
    )
    as_xlsx = client.get(
        reverse("indicators:chart_download", args=[lower.code, "jamforelse", "xlsx"]), params
    )

    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        'filename="paverkbar-slutenvard-jamforelse-2023-region-0012-t.csv"'
        in as_csv["Content-Disposition"]
    )
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Namn"
    assert rows[0][2] == "Anmärkning"  # the withheld value's status
    assert rows[1] == ["Lund", "90,0", ""]
    assert ["Landskrona", "", ".."] in rows
    assert rows[-2:] == [["Region Skåne", "100,0", ""], ["Riket", "110,0", ""]]
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet is not None
    assert [sheet.cell(2, 1).value, sheet.cell(2, 2).value] == ["Lund", 90]
    assert as_xlsx["Content-Disposition"].endswith('.xlsx"')


@pytest.mark.libreoffice  # reads the PDF with pdftotext (poppler-utils, installed with it)
def test_the_chart_downloads_as_word_and_pdf_with_its_picture_and_table(world, lower):
    client = Client()
    client.force_login(world["rita"])
    params = {"region": "0012", "period": "2023"}
    page = client.get(reverse("indicators:chart", args=[lower.code, "jamforelse"]), params)
    word_url, pdf_url = (
        reverse("indicators:chart_download", args=[lower.code, "jamforelse", fmt])
        + "?region=0012&period=2023"
        for fmt in ("docx", "pdf")
    )
    html = page.content.decode().replace("&amp;", "&")
    assert word_url in html
    assert pdf_url in html

    as_docx = client.get(word_url)
    as_pdf = client.get(pdf_url)

    assert as_docx["Content-Disposition"].endswith('-jamforelse-2023-region-0012-t.docx"')
    document = Document(io.BytesIO(as_docx.content))
    assert document.paragraphs[0].text.startswith("Påverkbar slutenvård")
    assert len(document.inline_shapes) == 1
    summary = document.inline_shapes[0]._inline.docPr.get("descr")
    table = document.tables[0]
    assert [c.text for c in table.rows[1].cells] == ["Lund", "90,0", ""]
    assert [c.text for c in table.rows[-1].cells] == ["Riket", "110,0", ""]
    assert as_pdf["Content-Type"] == "application/pdf"
    assert as_pdf.content.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=as_pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Lund" in text
    assert "Landskrona" in text
    assert summary.split(". ", 1)[1].split(",")[0] in " ".join(text.split())


def test_an_unknown_chart_or_format_is_not_found(world, lower):
    client = Client()
    client.force_login(world["rita"])

    assert client.get(reverse("indicators:chart", args=[lower.code, "paj"])).status_code == 404
    assert (
        client.get(
            reverse("indicators:chart_download", args=[lower.code, "kon", "odt"])
        ).status_code
        == 404
    )


def test_the_targeting_page_flags_with_text_and_symbol(world, lower):
    client = Client()
    client.force_login(world["rita"])

    response = client.get(
        reverse("indicators:targeting", args=[lower.code]),
        {"niva": "municipality", "region": "0012", "period": "2023"},
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "1 plats är sämre än Region Skåne (100,0)." in text
    assert '<span aria-hidden="true">▼ </span>Sämre' in text
    assert "Care Need Index (Kolada N00992) är inte inläst" in text


def test_a_page_without_values_says_so(world, indicator):
    client = Client()
    client.force_login(world["rita"])

    chart = client.get(reverse("indicators:chart", args=[indicator.code, "jamforelse"]))
    target = client.get(reverse("indicators:targeting", args=[indicator.code]))

    assert "Inga värden är importerade ännu." in chart.content.decode()
    assert "Inga värden är importerade ännu." in target.content.decode()


def test_values_stored_through_the_service_show_in_the_chart(world, lower, catalogue_admin):
    # given a value replaced through the import service
    store_values(
        [ValueRecord(lower.code, "1280", "2023", "T", 128.0)],
        source="test",
        indicator_resolver=lambda keys: {lower.code: lower.pk},
        user=catalogue_admin,
    )

    chart = selectors.comparison_chart(
        indicator=lower, period="2023", region=Place.objects.get(code="0012")
    )

    assert ("Malmö", 128.0) in [(b.label, b.value) for b in chart.bars]


@pytest.mark.parametrize("kind", ["tidsserie", "jamforelse", "kon", "behov"])
def test_the_pages_make_as_many_queries_whatever_the_data(world, lower, kind):
    client = Client()
    client.force_login(world["rita"])
    url = (
        reverse("indicators:targeting", args=[lower.code])
        if kind == "behov"
        else reverse("indicators:chart", args=[lower.code, kind])
    )
    params = {"plats": "1280", "region": "0012", "period": "2023"}

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        return len(queries)

    before = count()
    # more places with values, more periods and every sex, for the indicator and for the
    # Care Need Index
    cni = Indicator.objects.create(
        code="cni-test", name="CNI", source=lower.source, kolada_kpi_id="N00992"
    )
    put(cni, [("1280", "2023", "T", 2.0)])
    before_cni = count()
    taken = {"0000", "0001", "0012", "1280", "1281", "1282"}
    codes = [code for code in Place.objects.values_list("code", flat=True) if code not in taken]
    put(lower, [(c, y, s, 1.0) for c in codes for y in ("2019", "2020", "2023") for s in "TKM"])
    put(lower, [("1280", y, s, 2.0) for y in ("2019", "2020") for s in "TKM"])
    put(cni, [(c, y, "T", 1.0) for c in codes for y in ("2022", "2023")])
    assert count() == before_cni
    assert before_cni - before <= 1  # the Care Need Index values are one query
