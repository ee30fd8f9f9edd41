"""The summary of an indicator's values: counted and bounded through the key, not by a scan,
when values are written, and stored on the indicator for its page and the API."""

from io import StringIO

from django.core.management import call_command
from django.utils.timezone import now

from framja.indicators.keys import indicators_by_code
from framja.indicators.models import Indicator, IndicatorValue, Place
from framja.indicators.records import ValueRecord
from framja.indicators.selectors import (
    LATEST_LIMIT,
    LatestValue,
    indicator_get_with_summary,
)
from framja.indicators.services import indicator_totals_refresh, store_values


def load(records: list[ValueRecord]) -> None:
    store_values(records, source="Test", indicator_resolver=indicators_by_code, user=None)


def test_the_first_and_last_periods_come_from_different_places(
    db, indicator, other_indicator, django_assert_num_queries
):
    # given the earliest period at one place, the latest at another, and another indicator
    # with periods outside both
    load(
        [
            ValueRecord(indicator.code, "0012", "2019", "T", 1.0),
            ValueRecord(indicator.code, "0012", "2021", "K", 2.0),
            ValueRecord(indicator.code, "1280", "2022", "T", 3.0),
            ValueRecord(indicator.code, "1280", "2024", "M", 4.5, status="B"),
            ValueRecord(indicator.code, "0000", "2024", "T", None, status=".."),
            ValueRecord(other_indicator.code, "0012", "2010", "T", 9.0),
            ValueRecord(other_indicator.code, "0012", "2030", "T", 9.0),
        ]
    )

    # when
    with django_assert_num_queries(2):
        found, summary = indicator_get_with_summary(code=indicator.code)

    # then
    assert found == indicator
    assert (summary.count, summary.first_period, summary.last_period) == (5, "2019", "2024")
    assert summary.latest == [
        LatestValue("0000", "Riket", "T", None, "..", "Test"),
        LatestValue("1280", "Malmö", "M", 4.5, "B", "Test"),
    ]


def test_an_indicator_without_values_has_an_empty_summary(
    db, indicator, other_indicator, django_assert_num_queries
):
    # given values of another indicator only
    load([ValueRecord(other_indicator.code, "0012", "2024", "T", 1.0)])

    # when
    with django_assert_num_queries(1):
        _found, summary = indicator_get_with_summary(code=indicator.code)

    # then
    assert (summary.count, summary.first_period, summary.last_period) == (0, None, None)
    assert summary.latest == []


def test_the_latest_period_lists_at_most_the_limit_by_place_and_sex(db, indicator):
    # given a value for every place and sex in the latest period, more than the page lists
    codes = sorted(Place.objects.values_list("code", flat=True))
    assert len(codes) * 3 > LATEST_LIMIT
    load(
        [ValueRecord(indicator.code, code, "2024", sex, 1.0) for code in codes for sex in "TKM"]
        + [ValueRecord(indicator.code, codes[0], "2023", "T", 1.0)]
    )

    # when
    _found, summary = indicator_get_with_summary(code=indicator.code)

    # then
    assert summary.count == len(codes) * 3 + 1
    assert (summary.first_period, summary.last_period) == ("2023", "2024")
    expected = [(code, sex) for code in codes for sex in "KMT"][:LATEST_LIMIT]
    assert [(v.place_code, v.sex) for v in summary.latest] == expected


def totals(indicator: Indicator) -> tuple[int, str, str]:
    indicator.refresh_from_db()
    return indicator.value_count, indicator.first_period, indicator.last_period


def test_the_stored_totals_follow_imports_replacements_and_deletions(
    db, indicator, other_indicator
):
    # given an indicator without values
    assert totals(indicator) == (0, "", "")

    # when values are imported, then the totals count them
    load(
        [
            ValueRecord(indicator.code, "0012", "2020", "T", 1.0),
            ValueRecord(indicator.code, "1280", "2022", "K", 2.0),
            ValueRecord(indicator.code, "1280", "2023", "T", 3.0),
            ValueRecord(other_indicator.code, "0012", "2030", "T", 9.0),
        ]
    )
    assert totals(indicator) == (3, "2020", "2023")
    assert totals(other_indicator) == (1, "2030", "2030")

    # when an import replaces a value and adds a later period, then only the new one counts
    load(
        [
            ValueRecord(indicator.code, "1280", "2023", "T", 3.5),
            ValueRecord(indicator.code, "0000", "2024", "T", None, status=".."),
        ]
    )
    assert totals(indicator) == (4, "2020", "2024")

    # when an import removes the first and the last periods' values, then the totals shrink
    load(
        [
            ValueRecord(indicator.code, "0012", "2020", "T", None, deleted=True),
            ValueRecord(indicator.code, "0000", "2024", "T", None, deleted=True),
        ]
    )
    assert totals(indicator) == (2, "2022", "2023")
    _found, summary = indicator_get_with_summary(code=indicator.code)
    assert (summary.count, summary.first_period, summary.last_period) == (2, "2022", "2023")

    # when the last values go, then the indicator has no totals; the other kept its own
    load(
        [
            ValueRecord(indicator.code, "1280", "2022", "K", None, deleted=True),
            ValueRecord(indicator.code, "1280", "2023", "T", None, deleted=True),
        ]
    )
    assert totals(indicator) == (0, "", "")
    assert totals(other_indicator) == (1, "2030", "2030")


def test_the_totals_are_refreshed_after_values_written_another_way(db, indicator):
    # given values written past the imports, as a test or a clean-up does
    riket = Place.objects.get(code="0000")
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, place=riket, period=period, imported_at=now())
        for period in ("2019", "2021")
    )
    assert totals(indicator) == (0, "", "")

    # when
    indicator_totals_refresh(indicator_ids=[indicator.pk])

    # then
    assert totals(indicator) == (2, "2019", "2021")
    _found, summary = indicator_get_with_summary(code=indicator.code)
    assert (summary.count, summary.first_period, summary.last_period) == (2, "2019", "2021")

    # and again once they are deleted
    IndicatorValue.objects.filter(indicator=indicator).delete()
    indicator_totals_refresh(indicator_ids=[indicator.pk])
    assert totals(indicator) == (0, "", "")
    _found, summary = indicator_get_with_summary(code=indicator.code)
    assert (summary.count, summary.first_period, summary.last_period) == (0, None, None)


def test_the_recount_command_stores_the_totals_after_values_changed_outside_the_imports(
    db, indicator, other_indicator
):
    # given imported values, then one more written and the other indicator's deleted
    # straight in the database, behind the imports' back
    load(
        [
            ValueRecord(indicator.code, "0012", "2020", "T", 1.0),
            ValueRecord(other_indicator.code, "0012", "2021", "T", 2.0),
        ]
    )
    IndicatorValue.objects.create(
        indicator=indicator,
        place=Place.objects.get(code="1280"),
        period="2023",
        sex="T",
        value=3.0,
        source="Hand",
        imported_at=now(),
    )
    IndicatorValue.objects.filter(indicator=other_indicator).delete()
    indicator.refresh_from_db()
    assert (indicator.value_count, indicator.last_period) == (1, "2020")

    # when the operator recounts
    out = StringIO()
    call_command("indicators", "recount", stdout=out)

    # then both indicators' totals are as the values are
    indicator.refresh_from_db()
    other_indicator.refresh_from_db()
    assert (indicator.value_count, indicator.first_period, indicator.last_period) == (
        2,
        "2020",
        "2023",
    )
    assert (other_indicator.value_count, other_indicator.first_period) == (0, "")
    assert "summor är omräknade" in out.getvalue()
