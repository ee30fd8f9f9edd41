"""The summary of an indicator's values: counted and bounded through the key, not by a scan."""

from framja.indicators.keys import indicators_by_code
from framja.indicators.models import Place
from framja.indicators.records import ValueRecord
from framja.indicators.selectors import (
    LATEST_LIMIT,
    LatestValue,
    indicator_get_with_summary,
    indicator_value_summary,
)
from framja.indicators.services import store_values


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
    without_latest = indicator_value_summary(indicator=indicator, latest=False)

    # then
    assert found == indicator
    assert (summary.count, summary.first_period, summary.last_period) == (5, "2019", "2024")
    assert summary.latest == [
        LatestValue("0000", "Riket", "T", None, "..", "Test"),
        LatestValue("1280", "Malmö", "M", 4.5, "B", "Test"),
    ]
    assert without_latest.count == 5
    assert (without_latest.first_period, without_latest.last_period) == ("2019", "2024")
    assert without_latest.latest == []


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
    assert indicator_value_summary(indicator=indicator).count == 0


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
