"""The demo's indicators and their example values, loaded through the Kolada import."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from framja.accounts.models import User
from framja.demo.indicators import EXAMPLE_PLACES, EXAMPLE_SOURCE, EXAMPLE_VALUES
from framja.demo.loader import (
    JONKOPING,
    KALMAR,
    NORDOST_MUNICIPALITIES,
    OSTERGOTLAND,
    SKANE,
    load_demo,
)
from framja.indicators.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_example_file_covers_skane_nordost_the_sosr_regions_and_riket():
    places = [*NORDOST_MUNICIPALITIES.values(), SKANE, OSTERGOTLAND, JONKOPING, KALMAR, "0000"]
    data = json.loads(EXAMPLE_VALUES.read_text(encoding="utf-8"))

    assert places == EXAMPLE_PLACES
    assert data["next_url"] is None
    assert data["count"] == len(data["values"])
    assert {item["municipality"] for item in data["values"]} == set(places)
    assert {item["period"] for item in data["values"]} == set(range(2019, 2025))


def test_the_demo_loads_the_example_values_of_every_kolada_indicator():
    # when
    load_demo()

    # then every indicator with a Kolada id has values, labelled as example values
    for indicator in Indicator.objects.exclude(kolada_kpi_id=""):
        values = IndicatorValue.objects.filter(indicator=indicator)
        sexes = set(values.values_list("sex", flat=True))
        assert sexes == ({"T", "K", "M"} if indicator.by_sex else {"T"}), indicator.code
        assert set(values.values_list("period", flat=True)) == {str(y) for y in range(2019, 2025)}
    assert set(IndicatorValue.objects.values_list("source", flat=True)) == {EXAMPLE_SOURCE}
    assert "Exempelvärden" in EXAMPLE_SOURCE
    cni = IndicatorValue.objects.filter(indicator__kolada_kpi_id="N00992")
    assert set(cni.values_list("place__code", flat=True)) == set(EXAMPLE_PLACES)
    assert cni.get(place__code="0000", period="2024").value == 1.0
    slutenvard = IndicatorValue.objects.filter(indicator__kolada_kpi_id="U79133")
    assert set(slutenvard.values_list("place__code", flat=True)) == {
        SKANE,
        OSTERGOTLAND,
        JONKOPING,
        KALMAR,
        "0000",
    }
    withheld = IndicatorValue.objects.get(
        indicator__kolada_kpi_id="N20500", place__code="1273", period="2019", sex="M"
    )
    assert (withheld.value, withheld.status) == (None, "X")


def test_the_indicator_page_says_the_values_are_examples():
    # given
    load_demo()
    client = Client()
    client.force_login(User.objects.filter(is_active=True).first())  # type: ignore[arg-type]

    # when
    page = client.get(reverse("indicators:detail", kwargs={"code": "care-need-index"}))

    # then
    text = page.content.decode()
    assert "Senaste perioden, 2024" in text
    assert EXAMPLE_SOURCE in text
    assert "Östra Göinge" in text
