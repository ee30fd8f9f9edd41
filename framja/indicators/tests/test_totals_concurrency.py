"""Two imports of the same indicator at once: the second waits for the first, so that the
totals it stores count the first one's values too (PostgreSQL; SQLite has one writer)."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from framja.indicators.bulk import write_rows
from framja.indicators.models import DataSource, Indicator, Place

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite writes one transaction at a time"
)


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_one_indicator_at_once_store_totals_counting_both():
    # given an indicator, and a first import holding its transaction open
    indicator = Indicator.objects.create(
        code="samtidig", name="Samtidig", source=DataSource.objects.get(name="Kolada")
    )
    riket, region = Place.objects.get(code="0000"), Place.objects.get(code="0012")
    first_written = threading.Event()
    release_first = threading.Event()
    second_done = threading.Event()

    def first() -> None:
        try:
            with transaction.atomic():
                write_rows(
                    [(indicator.pk, riket.pk, "2020", "T", 1.0, "")],
                    source="Första",
                    now=timezone.now(),
                )
                first_written.set()
                release_first.wait(10)
        finally:
            connections.close_all()

    def second() -> None:
        try:
            first_written.wait(10)
            with transaction.atomic():
                write_rows(
                    [(indicator.pk, region.pk, "2024", "T", 2.0, "")],
                    source="Andra",
                    now=timezone.now(),
                )
            second_done.set()
        finally:
            connections.close_all()

    # when the second import starts while the first is still open
    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_written.wait(10)
    waited = not second_done.wait(0.5)
    release_first.set()
    for thread in threads:
        thread.join(20)

    # then it waited for the first, and the totals count both imports' values
    assert waited
    indicator.refresh_from_db()
    assert (indicator.value_count, indicator.first_period, indicator.last_period) == (
        2,
        "2020",
        "2024",
    )
