"""Statements read together give each its own rows, in one round trip on PostgreSQL."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from framja.core.models import AuditEvent
from framja.core.sql import ValuesRead, joined_read, read_together
from framja.organisations.models import Organisation


def org_table() -> str:
    return connection.ops.quote_name(Organisation._meta.db_table)


def test_each_statement_gets_its_own_rows_in_order(world):
    # given
    table = org_table()
    statements = [
        (f"SELECT slug FROM {table} WHERE slug = %s", ["rpo-test"]),
        (f"SELECT slug FROM {table} WHERE slug = %s", ["finns-inte"]),
        (
            f"SELECT name, slug FROM {table} WHERE slug IN (%s, %s) ORDER BY slug",
            ["rag-test", "rpo-test"],
        ),
    ]

    # when
    found = read_together(statements)

    # then
    assert found == [
        [("rpo-test",)],
        [],
        [("RAG Test", "rag-test"), ("RPO Test", "rpo-test")],
    ]


def test_quotes_and_percent_signs_stay_what_they_are(db):
    # given a parameter that would end the statement if it were put in carelessly
    tricky = "O'Brien'; SELECT 1 --"

    # when
    found = read_together(
        [
            ("SELECT %s, 'a%%b'", [tricky]),
            ("SELECT %s", ["100 %"]),
            ("SELECT 'no parameters, 50%%' -- a comment at the end", []),
        ]
    )

    # then
    assert found == [[(tricky, "a%b")], [("100 %",)], [("no parameters, 50%",)]]


def test_a_statement_that_returns_nothing_gives_no_rows(world):
    # given
    table = org_table()

    # when
    found = read_together(
        [
            (f"UPDATE {table} SET short_name = %s WHERE slug = %s", ["Ändrad", "rpo-test"]),
            (f"SELECT short_name FROM {table} WHERE slug = %s", ["rpo-test"]),
        ]
    )

    # then
    assert found == [[], [("Ändrad",)]]


def test_it_is_one_query_on_postgresql_and_one_per_statement_elsewhere(db):
    # when
    with CaptureQueriesContext(connection) as captured:
        found = read_together([("SELECT 1", []), ("SELECT 2", []), ("SELECT 3", [])])

    # then
    assert found == [[(1,)], [(2,)], [(3,)]]
    assert len(captured) == (1 if connection.vendor == "postgresql" else 3)


def test_nothing_to_read_makes_no_query(db):
    with CaptureQueriesContext(connection) as captured:
        assert read_together([]) == []
    assert len(captured) == 0


def test_a_statement_ending_with_a_semicolon_is_refused(db):
    with pytest.raises(ValueError, match="must not end with"):
        read_together([("SELECT 1;", [])])


def test_a_values_list_reads_as_the_queryset_does(world):
    # given querysets whose fields need converters (a date-time, JSON) and one that can
    # match nothing
    fields = ("created_at", "object_repr", "changes")
    querysets = [
        AuditEvent.objects.filter(organisation=world["rpo"]).order_by("id").values_list(*fields),
        AuditEvent.objects.filter(pk__in=[]).values_list(*fields),
        Organisation.objects.filter(slug="rag-test").values_list("parent__name", "slug"),
    ]
    reads = [ValuesRead(queryset) for queryset in querysets]

    # when
    found = read_together([read.statement for read in reads])

    # then
    expected = [list(queryset) for queryset in querysets]
    assert [read.build(rows) for read, rows in zip(reads, found, strict=True)] == expected
    assert expected[0]
    assert expected[0][0][0].tzinfo is not None
    assert expected[2] == [("RPO Test", "rag-test")]


def test_only_a_plain_values_list_is_read_this_way(db):
    with pytest.raises(TypeError, match="values_list"):
        ValuesRead(Organisation.objects.all())


def test_a_joined_read_builds_its_instances_from_rows_read_together(world):
    # given
    read = joined_read(Organisation, ("parent",), connection.vendor)

    # when
    (rows,) = read_together([read.statement("t0.slug = %s", ["rpo-test"])])
    (found,) = read.build(rows)
    assert isinstance(found, Organisation)

    # then
    assert found == world["rpo"]
    with CaptureQueriesContext(connection) as captured:
        assert found.parent == world["rpo"].parent
    assert len(captured) == 0


def test_a_joined_read_counts_what_it_would_read(world):
    # given
    read = joined_read(Organisation, ("parent",), connection.vendor)
    where = "{parent}.slug = %s OR t0.slug LIKE %s"

    # when
    rows, counted = read_together(
        [
            read.statement(where, ["rpo-test", "rpo-%%"]),
            read.count_statement(where, ["rpo-test", "rpo-%%"]),
        ]
    )

    # then
    found: list[Any] = read.build(rows)
    assert sorted(o.slug for o in found) == ["rag-test", "rpo-annan", "rpo-test"]
    assert counted == [(3,)]
