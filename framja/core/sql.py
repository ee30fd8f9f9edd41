"""Plain SQL reads: model instances with their related objects from one statement, and
several independent statements read in one round trip.

``select_related`` builds the same join, but building and compiling the query costs several
times more than running it, on every request. ``JoinedRead`` writes the statement once per
process (it depends only on the models) and turns each row into the model and its related
objects as the ORM would: with the fields' database converters, and each related object
cached on its parent, so reading it costs no query.

``read_together`` sends statements that do not depend on each other's results in one round
trip on PostgreSQL: there a page waits for each answer (from 0.07 ms in a tight loop to
~0.25 ms once the backend has gone idle between queries) about as long as the database takes
to find it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Field, ForeignKey, Model, QuerySet
from django.db.models.query import ValuesListIterable
from psycopg import pq

Converter = Callable[[Any, Any, Any], Any]
# A statement and its parameters. Parameters are always passed, so a literal % is written %%.
Statement = tuple[str, Sequence[Any]]
Row = tuple[Any, ...]


@dataclass(frozen=True)
class _Part:
    """One model in the join: its columns' place in the row, and where it hangs."""

    model: type[Model]
    alias: str
    start: int
    attnames: tuple[str, ...]
    converters: tuple[tuple[int, tuple[Converter, ...], Any], ...]
    parent: int | None  # index of the part it hangs on, None for the main model
    field: ForeignKey[Any, Any] | None
    nullable: bool  # whether a nullable key on the way may leave it out


def _column(field: Field[Any, Any]) -> str:
    assert field.column is not None  # every concrete field has one
    return field.column


def _converters(
    fields: Sequence[Field[Any, Any]], alias: str
) -> tuple[tuple[int, tuple[Converter, ...], Any], ...]:
    """Return, for each field that has any, its position, its converters and its column."""
    found = []
    for position, field in enumerate(fields):
        column = field.get_col(alias)
        converters = [
            *connection.ops.get_db_converters(column),
            *column.get_db_converters(connection),
        ]
        if converters:
            found.append((position, tuple(converters), column))
    return tuple(found)


class JoinedRead:
    """A model read with the related objects at ``relations`` (paths as select_related takes
    them), joined in one statement whose WHERE clause the caller writes against alias ``t0``."""

    def __init__(self, model: type[Model], relations: Sequence[str]) -> None:
        quote = connection.ops.quote_name
        parts: list[_Part] = []
        columns: list[str] = []
        joins: list[str] = []
        paths: dict[str, int] = {}

        def add(
            part_model: type[Model],
            parent: int | None,
            field: ForeignKey[Any, Any] | None,
            nullable: bool,
        ) -> int:
            alias = f"t{len(parts)}"
            fields = part_model._meta.concrete_fields
            columns.extend(f"{alias}.{quote(_column(f))}" for f in fields)
            parts.append(
                _Part(
                    model=part_model,
                    alias=alias,
                    start=len(columns) - len(fields),
                    attnames=tuple(f.attname for f in fields),
                    converters=_converters(fields, alias),
                    parent=parent,
                    field=field,
                    nullable=nullable,
                )
            )
            return len(parts) - 1

        add(model, None, None, False)
        for path in relations:
            head, _, name = path.rpartition("__")
            parent = paths[head] if head else 0
            parent_part = parts[parent]
            field = parent_part.model._meta.get_field(name)
            if not isinstance(field, ForeignKey):
                raise TypeError(f"{path} is not a foreign key")
            related: type[Model] = field.related_model
            nullable = field.null or parent_part.nullable
            index = add(related, parent, field, nullable)
            kind = "LEFT JOIN" if nullable else "JOIN"
            joins.append(
                f"{kind} {quote(related._meta.db_table)} {parts[index].alias} "
                f"ON {parts[index].alias}.{quote(_column(field.target_field))} = "
                f"{parent_part.alias}.{quote(_column(field))}"
            )
            paths[path] = index
        self.parts = tuple(parts)
        self.aliases = {path: parts[index].alias for path, index in paths.items()}
        self.tables = f"{quote(model._meta.db_table)} t0 {' '.join(joins)}"
        self.sql = f"SELECT {', '.join(columns)} FROM {self.tables}"

    def _build(self, row: Sequence[Any]) -> Model:
        objects: list[Model | None] = []
        for part in self.parts:
            values = list(row[part.start : part.start + len(part.attnames)])
            parent = objects[part.parent] if part.parent is not None else None
            if part.parent is not None and (parent is None or values[0] is None):
                objects.append(None)
                if parent is not None and part.field is not None:
                    part.field.set_cached_value(parent, None)
                continue
            for position, converters, column in part.converters:
                value = values[position]
                for converter in converters:
                    value = converter(value, column, connection)
                values[position] = value
            instance = part.model.from_db(connection.alias, part.attnames, values)
            if parent is not None and part.field is not None:
                part.field.set_cached_value(parent, instance)
            objects.append(instance)
        main = objects[0]
        assert main is not None
        return main

    def statement(self, where: str, params: Sequence[Any]) -> Statement:
        """Return the statement reading the main model's instances that match ``where``.

        ``where`` may name the main table as ``t0`` and a related one as ``{path}``.
        """
        return f"{self.sql} WHERE {where.format(**self.aliases)}", params

    def count_statement(self, where: str, params: Sequence[Any]) -> Statement:
        """Return the statement counting the instances ``statement`` would read."""
        return f"SELECT COUNT(*) FROM {self.tables} WHERE {where.format(**self.aliases)}", params

    def build(self, rows: Sequence[Sequence[Any]]) -> list[Model]:
        """Return the instances, with their relations, of the rows ``statement`` read."""
        return [self._build(row) for row in rows]

    def all(self, where: str, params: Sequence[Any]) -> list[Model]:
        """Return the main model's instances that match ``where``, each with its relations.

        ``where`` may name the main table as ``t0`` and a related one as ``{path}``.
        """
        sql, params = self.statement(where, params)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return self.build(cursor.fetchall())


@functools.cache
def joined_read(model: type[Model], relations: tuple[str, ...], vendor: str) -> JoinedRead:
    """Return the read of ``model`` with ``relations``, built once per process and database."""
    return JoinedRead(model, relations)


def read_joined(
    model: type[Model], relations: tuple[str, ...], where: str, params: Sequence[Any]
) -> list[Any]:
    """Return the instances of ``model`` matching ``where`` (on alias t0, a relation's table as
    ``{path}``), with ``relations`` read in the same statement and cached as select_related
    would."""
    return joined_read(model, relations, connection.vendor).all(where, params)


def _in_one_round_trip() -> bool:
    """Return whether the database takes several statements in one execute.

    PostgreSQL does with psycopg's client-side binding (Django's default), which sends the
    statements, their parameters put in, as one simple query. Server-side binding sends one
    prepared statement, and SQLite's execute takes one statement.
    """
    return connection.vendor == "postgresql" and not connection.settings_dict["OPTIONS"].get(
        "server_side_binding"
    )


def _rows(cursor: Any) -> list[Row]:
    """Return the rows of the cursor's current result, none for a statement that returns
    none (an UPDATE, say), which has nothing to fetch."""
    if connection.vendor == "postgresql":
        # Not the description: psycopg builds an object for each of its columns, which cost
        # a tenth of a millisecond per wide statement.
        result = cursor.pgresult
        returns_rows = result is not None and result.status == pq.ExecStatus.TUPLES_OK
    else:
        returns_rows = cursor.description is not None
    rows: list[Row] = cursor.fetchall() if returns_rows else []
    return rows


def read_together(statements: Sequence[Statement]) -> list[list[Row]]:
    """Return the rows of each statement, in order, read in one round trip where possible.

    For statements that do not depend on each other's results, such as the several reads of
    one page. On PostgreSQL they go in one execute (joined with ";"), whose results come one
    after another; elsewhere they run one by one on the same cursor. Either way the number of
    queries is fixed by the statements, not by the data. On PostgreSQL the statements run in
    one implicit transaction when none is open, so they read one snapshot.

    A statement must not end with ";" (joining adds it). Its parameters are always passed, so
    a literal % is written %% on both databases.
    """
    for sql, _params in statements:
        if sql.rstrip().endswith(";"):
            raise ValueError("A statement read together must not end with ';'.")
    if not statements:
        return []
    with connection.cursor() as cursor:
        if len(statements) == 1 or not _in_one_round_trip():
            found = []
            for sql, params in statements:
                cursor.execute(sql, list(params))
                found.append(_rows(cursor))
            return found
        # A newline after each ";" ends a trailing line comment before the next statement.
        cursor.execute(
            ";\n".join(sql for sql, _params in statements),
            [param for _sql, params in statements for param in params],
        )
        found = [_rows(cursor)]
        while len(found) < len(statements):
            if not cursor.nextset():
                raise RuntimeError("The database answered fewer statements than it was sent.")
            found.append(_rows(cursor))
        return found


# A statement for a queryset that can match nothing (``pk__in=[]``): no row, whatever its columns.
_NOTHING = ("SELECT NULL WHERE 1 = 0", ())


class ValuesRead:
    """A ``values_list`` queryset as a statement to read with others, and its rows as the
    queryset would give them (with the fields' database converters applied)."""

    def __init__(self, queryset: QuerySet[Any, Any]) -> None:
        query = queryset.query
        if queryset._iterable_class is not ValuesListIterable or (
            query.annotation_select or query.extra_select
        ):
            # Django reorders such columns after reading them; left out to keep this simple.
            raise TypeError("Only a values_list of fields (no annotations) is read this way.")
        self.compiler = query.get_compiler(using=queryset.db)
        try:
            self.statement: Statement = self.compiler.as_sql()
        except EmptyResultSet:
            self.statement = _NOTHING

    def build(self, rows: list[Row]) -> list[Row]:
        """Return the rows ``statement`` read, as the queryset's tuples."""
        if not rows:
            return []
        compiler = self.compiler
        if compiler.has_extra_select:  # columns the ordering needed, as execute_sql drops them
            rows = [row[: compiler.col_count] for row in rows]
        return list(self.compiler.results_iter(results=[rows], tuple_expected=True))
