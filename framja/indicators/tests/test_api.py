"""The indicators API: the catalogue and the values, for everyone logged in."""

from django.test import Client

from framja.indicators.keys import indicators_by_code
from framja.indicators.models import Indicator
from framja.indicators.records import ValueRecord
from framja.indicators.services import store_values


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def load(indicator: Indicator, other_indicator: Indicator) -> None:
    store_values(
        [
            ValueRecord(indicator.code, "0012", "2023", "T", 100.0),
            ValueRecord(indicator.code, "0012", "2024", "K", 95.5),
            ValueRecord(indicator.code, "1280", "2024", "T", None, status=".."),
            ValueRecord(other_indicator.code, "0012", "2024", "T", 1.1),
        ],
        source="Test",
        indicator_resolver=indicators_by_code,
        user=None,
    )


def test_it_lists_and_shows_indicators(world, indicator, other_indicator):
    client = logged_in(world["charlie"])

    listing = client.get("/api/indicators/").json()
    detail = client.get(f"/api/indicators/{indicator.code}").json()
    filtered = client.get("/api/indicators/", {"source": indicator.source_id}).json()

    assert listing["count"] == 2
    assert [item["code"] for item in listing["items"]] == ["cni", "paverkbar-slutenvard"]
    assert detail["kolada_kpi_id"] == "U79133"
    assert detail["source"] == "Kolada"
    assert (detail["value_count"], detail["first_period"], detail["last_period"]) == (0, None, None)
    assert filtered["count"] == 2
    assert client.get("/api/indicators/finns-inte").status_code == 404


def test_an_indicator_has_the_totals_of_its_values(world, indicator, other_indicator):
    # given
    load(indicator, other_indicator)
    client = logged_in(world["rita"])

    # when
    detail = client.get(f"/api/indicators/{indicator.code}").json()

    # then
    assert (detail["value_count"], detail["first_period"], detail["last_period"]) == (
        3,
        "2023",
        "2024",
    )


def test_values_are_filtered_and_paginated(world, indicator, other_indicator):
    # given
    load(indicator, other_indicator)
    client = logged_in(world["rita"])

    # when
    everything = client.get("/api/indicator-values/").json()
    by_place = client.get(
        "/api/indicator-values/", {"indicator": indicator.code, "place": "region-skane"}
    ).json()
    by_period_and_sex = client.get(
        "/api/indicator-values/", {"period": "2024", "sex": "t", "place": "12"}
    ).json()
    page = client.get("/api/indicator-values/", {"limit": 1, "offset": 1}).json()

    # then
    assert everything["count"] == 4
    assert [(v["place"], v["period"], v["sex"], v["value"]) for v in by_place["items"]] == [
        ("0012", "2023", "T", 100.0),
        ("0012", "2024", "K", 95.5),
    ]
    assert [(v["indicator"], v["value"]) for v in by_period_and_sex["items"]] == [("cni", 1.1)]
    assert by_place["items"][0]["place_name"] == "Region Skåne"
    assert page["count"] == 4
    assert len(page["items"]) == 1


def test_an_unknown_place_gives_no_values_and_a_bad_sex_an_error(world, indicator, other_indicator):
    load(indicator, other_indicator)
    client = logged_in(world["rita"])

    assert client.get("/api/indicator-values/", {"place": "9999"}).json()["count"] == 0
    assert client.get("/api/indicator-values/", {"sex": "X"}).status_code == 422


def test_anonymous_callers_must_log_in(db):
    assert Client().get("/api/indicators/").status_code == 401
    assert Client().get("/api/indicator-values/").status_code == 401
