"""store_values: what the open-data clients hand over is upserted, deleted, all or nothing."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from framja.indicators.importer import ValueImportError
from framja.indicators.keys import indicators_by_code, indicators_by_kolada_id, one_indicator
from framja.indicators.models import IndicatorValue
from framja.indicators.records import ValueRecord
from framja.indicators.services import ImportResult, store_values


def stored() -> list[tuple[str, str, str, str, float | None, str]]:
    return sorted(
        IndicatorValue.objects.values_list(
            "indicator__code", "place__code", "period", "sex", "value", "status"
        )
    )


def kolada(records: list[ValueRecord], **kwargs: Any) -> ImportResult:
    return store_values(
        records, source="Kolada", indicator_resolver=indicators_by_kolada_id, user=None, **kwargs
    )


def test_it_stores_new_values(indicator):
    # when
    result = kolada(
        [
            ValueRecord("U79133", "0012", "2023", "T", 101.5),
            ValueRecord("U79133", "0012", "2023", "K", 99.0),
            ValueRecord("U79133", "0000", "2023", "T", None, status=".."),
        ]
    )

    # then
    assert (result.rows, result.created, result.updated, result.deleted) == (3, 3, 0, 0)
    assert stored() == [
        ("paverkbar-slutenvard", "0000", "2023", "T", None, ".."),
        ("paverkbar-slutenvard", "0012", "2023", "K", 99.0, ""),
        ("paverkbar-slutenvard", "0012", "2023", "T", 101.5, ""),
    ]
    assert set(IndicatorValue.objects.values_list("source", flat=True)) == {"Kolada"}


def test_importing_the_same_key_again_replaces_the_value(indicator):
    # given
    kolada([ValueRecord("U79133", "0012", "2023", "T", 101.5)])

    # when
    result = kolada(
        [
            ValueRecord("U79133", "0012", "2023", "T", 102.0, status="rev"),
            ValueRecord("U79133", "0012", "2024", "T", 98.0),
        ]
    )

    # then nothing is duplicated
    assert (result.created, result.updated) == (1, 1)
    assert stored() == [
        ("paverkbar-slutenvard", "0012", "2023", "T", 102.0, "rev"),
        ("paverkbar-slutenvard", "0012", "2024", "T", 98.0, ""),
    ]


def test_a_deleted_record_removes_its_key(indicator):
    # given
    kolada(
        [
            ValueRecord("U79133", "0012", "2023", "T", 101.5),
            ValueRecord("U79133", "0012", "2024", "T", 98.0),
        ]
    )

    # when a from_date update deletes one key, changes another and deletes one never stored
    result = kolada(
        [
            ValueRecord("U79133", "0012", "2023", "T", None, deleted=True),
            ValueRecord("U79133", "0012", "2024", "T", 97.0),
            ValueRecord("U79133", "1280", "2024", "T", None, deleted=True),
        ]
    )

    # then
    assert (result.created, result.updated, result.deleted) == (0, 1, 1)
    assert stored() == [("paverkbar-slutenvard", "0012", "2024", "T", 97.0, "")]


def test_when_a_key_comes_twice_the_later_record_wins(indicator):
    result = kolada(
        [
            ValueRecord("U79133", "0012", "2023", "T", 1.0),
            ValueRecord("U79133", "12", "2023", "t", 2.0),
        ]
    )

    assert result.rows == 1
    assert stored() == [("paverkbar-slutenvard", "0012", "2023", "T", 2.0, "")]


def test_a_bad_record_anywhere_stores_nothing(indicator):
    # given
    kolada([ValueRecord("U79133", "0012", "2022", "T", 5.0)])
    records = [ValueRecord("U79133", "0012", str(year), "T", 1.0) for year in range(1990, 2030)]
    records[30] = ValueRecord("U79133", "0012", "2020", "X", 1.0)
    records.append(ValueRecord("N00000", "0012", "2020", "T", 1.0))
    records.append(ValueRecord("U79133", "9999", "2020", "T", 1.0))
    records.append(ValueRecord("U79133", "0012", "20", "T", 1.0))
    records.append(ValueRecord("U79133", "0012", "2020", "T", float("inf")))

    # when
    with pytest.raises(ValueImportError) as failure:
        kolada(records)

    # then
    assert failure.value.errors == [
        "Kolada, post 31, fältet kön: ”X” är inget kön.",
        "Kolada, post 41, fältet indikator: ”N00000” är okänd.",
        "Kolada, post 42, fältet plats: ”9999” är ingen känd plats.",
        "Kolada, post 43, fältet period: ”20” är ingen period.",
        "Kolada, post 44, fältet värde: ”inf” är inget tal.",
    ]
    assert stored() == [("paverkbar-slutenvard", "0012", "2022", "T", 5.0, "")]


def test_resolvers(indicator, other_indicator):
    assert indicators_by_kolada_id(["U79133", "N1"]) == {"U79133": indicator.pk}
    assert indicators_by_code(["cni", "U79133", str(indicator.pk), "x"]) == {
        "cni": other_indicator.pk,
        "U79133": indicator.pk,
        str(indicator.pk): indicator.pk,
    }
    assert one_indicator(other_indicator)(["BE0101N1", "x"]) == {
        "BE0101N1": other_indicator.pk,
        "x": other_indicator.pk,
    }


def test_a_pxweb_table_goes_to_one_indicator(indicator, other_indicator):
    store_values(
        [ValueRecord("BE0101N1", "1280", "2024", "K", 3.0)],
        source="SCB",
        indicator_resolver=one_indicator(other_indicator),
        user=None,
    )

    assert stored() == [("cni", "1280", "2024", "K", 3.0, "")]


def test_only_a_catalogue_administrator_may_store_values(indicator, world, catalogue_admin):
    with pytest.raises(PermissionDenied):
        store_values(
            [ValueRecord("U79133", "0012", "2023", "T", 1.0)],
            source="Kolada",
            indicator_resolver=indicators_by_kolada_id,
            user=world["alice"],
        )

    store_values(
        [ValueRecord("U79133", "0012", "2023", "T", 1.0)],
        source="Kolada",
        indicator_resolver=indicators_by_kolada_id,
        user=catalogue_admin,
    )
    assert len(stored()) == 1


def test_progress_is_reported_while_writing(indicator):
    seen = []

    kolada(
        [ValueRecord("U79133", "0012", str(year), "T", 1.0) for year in range(2000, 2010)],
        progress=lambda done, total: seen.append((done, total)),
    )

    assert seen == [(10, 10)]


def test_the_key_is_the_primary_key_and_on_sqlite_the_table(db):
    # A later migration that rebuilds the table on SQLite would silently drop WITHOUT
    # ROWID, and imports would take twice as long.
    table = IndicatorValue._meta.db_table
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [table])
            (sql,) = cursor.fetchone()
            assert sql.endswith(
                'PRIMARY KEY ("indicator_id", "place_id", "period", "sex")) WITHOUT ROWID'
            )

    primary = [set(c["columns"]) for c in constraints.values() if c["primary_key"]]
    assert primary == [{"indicator_id", "place_id", "period", "sex"}]


def test_values_stored_by_another_import_meanwhile_stop_a_first_load(indicator, monkeypatch):
    # given values that another import stored after this one counted none
    kolada([ValueRecord("U79133", "0012", "2023", "T", 1.0)])
    monkeypatch.setattr("framja.indicators.bulk._count", lambda indicator_ids: 0)

    # when
    with pytest.raises(ValueImportError) as failure:
        kolada(
            [
                ValueRecord("U79133", "0000", "2023", "T", 3.0),
                ValueRecord("U79133", "0012", "2023", "T", 2.0),
            ]
        )

    # then
    assert failure.value.errors == [
        "En annan import sparade samma värden samtidigt. Inget sparades; försök igen."
    ]
    assert stored() == [("paverkbar-slutenvard", "0012", "2023", "T", 1.0, "")]
