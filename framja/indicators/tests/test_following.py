"""Val av indikatorer: what a plan or an organisation follows, with the latest result."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from framja.core.models import AuditAction, AuditEvent
from framja.indicators import following
from framja.indicators.models import (
    DataSource,
    Direction,
    Indicator,
    IndicatorSelection,
    IndicatorValue,
    Place,
)
from framja.indicators.services import indicator_totals_refresh
from framja.plans.services import plan_create

pytestmark = pytest.mark.django_db


def make_indicator(code: str, **fields: Any) -> Indicator:
    return Indicator.objects.create(
        code=code, name=f"Indikator {code}", source=DataSource.objects.get(name="Kolada"), **fields
    )


def value(indicator: Indicator, place: Place, period: str, number: float | None) -> None:
    IndicatorValue.objects.create(
        indicator=indicator,
        place=place,
        period=period,
        value=number,
        imported_at=timezone.now(),
    )
    indicator_totals_refresh(indicator_ids=[indicator.pk])


def test_a_plan_follows_an_indicator_and_shows_its_latest_result(world):
    plan = plan_create(actor=None, organisation=world["rpo"], year=2024, title="HP 2024")
    indicator = make_indicator("slutenvard", direction=Direction.LOWER)
    region = Place.objects.get(code="0005")
    for period, number in [("2022", 30.0), ("2024", 24.5), ("2023", 27.0)]:
        value(indicator, region, period, number)

    following.selection_create(
        actor=world["bob"],
        organisation=world["rpo"],
        plan=plan,
        indicator=indicator,
        place=region,
        baseline_value=30.0,
        baseline_period="2022",
        target_value=25.0,
        target_year=2025,
    )
    [item] = following.followed_indicators(plan=plan)

    assert item.latest is not None
    assert (item.latest.period, item.latest.value) == ("2024", 24.5)
    assert item.towards_target == "målet nått"
    assert AuditEvent.objects.filter(
        object_type="indicators.indicatorselection", action=AuditAction.CREATE
    ).exists()
    client = Client()
    client.force_login(world["rita"])
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Indikatorer som planen följer" in page
    assert "Indikator slutenvard" in page
    assert "24,50 (2024)" in page
    assert "målet nått" in page


def test_the_same_indicator_place_and_sex_is_followed_once(world):
    indicator = make_indicator("cni")
    riket = Place.objects.get(code="0000")
    following.selection_create(
        actor=None, organisation=world["rpo"], indicator=indicator, place=riket
    )

    with pytest.raises(ValidationError, match="följs redan"):
        following.selection_create(
            actor=None, organisation=world["rpo"], indicator=indicator, place=riket
        )


def test_women_and_men_only_for_an_indicator_split_by_sex(world):
    indicator = make_indicator("total", by_sex=False)

    with pytest.raises(ValidationError, match="per kön"):
        following.selection_create(
            actor=None,
            organisation=world["rpo"],
            indicator=indicator,
            place=Place.objects.get(code="0000"),
            sex="K",
        )
    assert not IndicatorSelection.objects.exists()


def test_an_editor_follows_and_unfollows_through_the_pages(world):
    indicator = make_indicator("cni")
    riket = Place.objects.get(code="0000")
    client = Client()
    client.force_login(world["bob"])

    response = client.post(
        reverse("indicators:selection_create", args=["rpo-test"]),
        {"indicator": indicator.pk, "place": riket.pk, "sex": "T", "target_value": "2"},
    )
    assert response.status_code == 302
    selection = IndicatorSelection.objects.get()
    page = client.get(reverse("indicators:selections", args=["rpo-test"])).content.decode()
    assert "Indikator cni" in page
    assert "inga värden än" in page

    client.force_login(world["rita"])
    denied = client.post(reverse("indicators:selection_delete", args=[selection.pk]))
    assert denied.status_code == 403
    client.force_login(world["bob"])
    client.post(reverse("indicators:selection_delete", args=[selection.pk]))
    assert not IndicatorSelection.objects.exists()


def test_the_api_lists_an_organisations_selections(world):
    indicator = make_indicator("cni")
    riket = Place.objects.get(code="0000")
    value(indicator, riket, "2023", 1.0)
    following.selection_create(
        actor=None, organisation=world["rpo"], indicator=indicator, place=riket
    )
    client = Client()
    client.force_login(world["charlie"])

    data = client.get("/api/indicator-selections/?organisation=rpo-test").json()

    assert [(d["indicator"], d["place"], d["latest_period"]) for d in data] == [
        ("cni", "0000", "2023")
    ]


def test_followed_indicators_read_in_two_queries_whatever_their_number(world):
    plan = plan_create(actor=None, organisation=world["rpo"], year=2024, title="HP")
    places = list(Place.objects.filter(level="municipality").order_by("code")[:20])

    def grow(count: int, offset: int) -> int:
        for i in range(offset, offset + count):
            indicator = make_indicator(f"i{i}")
            for year in range(2015, 2025):
                value(indicator, places[i], str(year), float(i + year))
            following.selection_create(
                actor=None,
                organisation=world["rpo"],
                plan=plan,
                indicator=indicator,
                place=places[i],
            )
        with CaptureQueriesContext(connection) as queries:
            followed = following.followed_indicators(plan=plan)
        assert all(item.latest is not None for item in followed)
        return len(queries)

    assert grow(2, 0) == grow(15, 2) == 2
