"""Write many indicator values at once, as fast as each database allows.

The caller has checked every row and resolved indicators and places to ids; this module
only moves rows. PostgreSQL gets them through COPY: straight into the table when the
indicators have no values yet, otherwise into a temporary table and one
``INSERT … ON CONFLICT DO UPDATE`` from it; SQLite through ``executemany`` of the same
upsert in large batches, with a page cache big enough for the key. Both run inside the
caller's transaction, so a failure leaves nothing behind. ``totals_refresh`` then counts the
touched indicators' values again and keeps the totals on the indicators.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from django.db import connection

from framja.indicators.models import Indicator, IndicatorValue, Place

# A row as written: indicator id, place id, period, sex, value, status.
Row = tuple[int, int, str, str, float | None, str]
# A key to delete: indicator id, place id, period, sex.
Deletion = tuple[int, int, str, str]
Progress = Callable[[int, int], None]

BATCH = 100_000
TOTALS_BATCH = 500
TABLE = IndicatorValue._meta.db_table
COLUMNS = "indicator_id, place_id, period, sex, value, status, source, imported_at"
KEY = "indicator_id, place_id, period, sex"
UPDATE = (
    "value = excluded.value, status = excluded.status, source = excluded.source, "
    "imported_at = excluded.imported_at"
)
SQLITE_CACHE_KIB = 256 * 1024


@dataclass(frozen=True)
class Written:
    created: int
    updated: int
    deleted: int


def write_rows(
    rows: Sequence[Row],
    deletions: Sequence[Deletion] = (),
    *,
    source: str,
    now: datetime.datetime,
    progress: Progress | None = None,
) -> Written:
    """Delete, then upsert, then refresh the indicators' totals; return how many values were
    new, replaced and removed.

    Must run inside the caller's transaction.
    """
    assert connection.in_atomic_block, "write_rows needs the caller's transaction"
    indicator_ids = sorted({row[0] for row in rows} | {key[0] for key in deletions})
    # Another import of the same indicators waits here until this one is committed (on
    # PostgreSQL; SQLite has one writer at a time anyway): otherwise each would count the
    # values without the other's, and store totals that miss them.
    list(Indicator.objects.select_for_update().filter(pk__in=indicator_ids).values_list("pk"))
    before = _count(indicator_ids)
    deleted = _delete(deletions)
    # When the indicators have no values yet (a first national load), nothing can conflict
    # and a plain INSERT skips the speculative insertion of ON CONFLICT: on PostgreSQL that
    # is 40 % of the time. Should another import add values meanwhile, the key refuses the
    # duplicate and the transaction is rolled back whole.
    conflict = "" if before == 0 else f"ON CONFLICT ({KEY}) DO UPDATE SET {UPDATE}"
    if connection.vendor == "postgresql":
        _upsert_postgresql(rows, conflict, source=source, now=now, progress=progress)
    else:
        _upsert_executemany(rows, conflict, source=source, now=now, progress=progress)
    created = totals_refresh(indicator_ids) - before + deleted
    return Written(created=created, updated=len(rows) - created, deleted=deleted)


def _count(indicator_ids: Sequence[int]) -> int:
    if not indicator_ids:
        return 0
    return IndicatorValue.objects.filter(indicator_id__in=indicator_ids).count()


def totals_refresh(indicator_ids: Sequence[int]) -> int:
    """Count the indicators' values and find their first and last period again, store them on
    the indicators in one statement per 500, and return the number of values.

    The key of the values is (indicator, place, period, sex), with no index on the period: a
    MIN or MAX of the period over an indicator's values would read every one of them. The
    first and last period of each place are one look-up each in the key, so the indicator's
    are the extremes over the places, a few hundred look-ups. COUNT(*) reads the indicator's
    part of the key once without decoding the rows.
    """
    quote = connection.ops.quote_name
    indicators = quote(Indicator._meta.db_table)
    values, places = quote(TABLE), quote(Place._meta.db_table)
    of_indicator = f'v."indicator_id" = {indicators}."id"'

    def extreme(function: str, order: str) -> str:
        first_or_last = (
            f'SELECT v."period" FROM {values} v WHERE {of_indicator} AND v."place_id" = p."id" '
            f'ORDER BY v."period" {order} LIMIT 1'
        )
        return f"COALESCE((SELECT {function}(({first_or_last})) FROM {places} p), '')"

    ids = sorted(set(indicator_ids))
    total = 0
    with connection.cursor() as cursor:
        for start in range(0, len(ids), TOTALS_BATCH):
            batch = ids[start : start + TOTALS_BATCH]
            these = f'"id" IN ({", ".join(["%s"] * len(batch))})'
            cursor.execute(
                f'UPDATE {indicators} SET "value_count" = '
                f"(SELECT COUNT(*) FROM {values} v WHERE {of_indicator}), "
                f'"first_period" = {extreme("MIN", "ASC")}, '
                f'"last_period" = {extreme("MAX", "DESC")} WHERE {these}',
                batch,
            )
            cursor.execute(f'SELECT SUM("value_count") FROM {indicators} WHERE {these}', batch)
            total += cursor.fetchone()[0] or 0
    return total


def _delete(deletions: Sequence[Deletion]) -> int:
    if not deletions:
        return 0
    sql = (
        f"DELETE FROM {TABLE} WHERE indicator_id = %s AND place_id = %s "
        "AND period = %s AND sex = %s"
    )
    deleted = 0
    with connection.cursor() as cursor:
        for start in range(0, len(deletions), BATCH):
            cursor.executemany(sql, deletions[start : start + BATCH])
            # Both drivers add up the rows of every statement of an executemany.
            deleted += max(cursor.rowcount, 0)
    return deleted


def _literal(value: str) -> str:
    """Quote a text for SQL the way SQLite reads it: in single quotes, doubled inside."""
    # A % is doubled too: the driver's placeholders are %s.
    return "'" + value.replace("'", "''").replace("%", "%%") + "'"


def _upsert_executemany(
    rows: Sequence[Row],
    conflict: str,
    *,
    source: str,
    now: datetime.datetime,
    progress: Progress | None,
) -> None:
    """Upsert with ``executemany`` in batches (SQLite, and any other database).

    The rows go to the driver as they are; the source and time, the same for every row,
    are written into the statement instead of being bound a million times.
    """
    stamp = str(connection.ops.adapt_datetimefield_value(now))
    sql = (
        f"INSERT INTO {TABLE} ({COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, "
        f"{_literal(source)}, {_literal(stamp)}) {conflict}"
    )
    total = len(rows)
    with connection.cursor() as cursor:
        sqlite = connection.vendor == "sqlite"
        if sqlite:
            # Room for the whole key in memory; the default cache (2 MB) spills pages to
            # disk on every batch. The setting lasts for this connection only, and is
            # put back below.
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        try:
            for start in range(0, total, BATCH):
                cursor.executemany(sql, rows[start : start + BATCH])
                if progress is not None:
                    progress(min(start + BATCH, total), total)
        finally:
            if sqlite:
                cursor.execute("PRAGMA cache_size = -2000")


def _copy_text(rows: Sequence[Row], start: int, stop: int, tail: str) -> Iterator[str]:
    """Yield the rows ``start:stop`` in COPY's text format, each ending with ``tail``
    (statuses hold no tab, newline or backslash: the readers refuse those)."""
    for indicator, place, period, sex, value, status in rows[start:stop]:
        number = "\\N" if value is None else repr(value)
        yield f"{indicator}\t{place}\t{period}\t{sex}\t{number}\t{status}{tail}\n"


def _copy_escape(value: str) -> str:
    """Escape a text for COPY's text format."""
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def _upsert_postgresql(
    rows: Sequence[Row],
    conflict: str,
    *,
    source: str,
    now: datetime.datetime,
    progress: Progress | None,
) -> None:
    """COPY the rows straight into the table when none can conflict; otherwise COPY them
    into a temporary table and upsert them all in one statement."""
    total = len(rows)
    with connection.cursor() as cursor:
        if conflict:
            cursor.execute(
                "CREATE TEMPORARY TABLE framja_import_values ("
                "indicator_id bigint, place_id bigint, period varchar(7), sex varchar(1), "
                "value double precision, status varchar(10)) ON COMMIT DROP"
            )
            copy_sql = (
                "COPY framja_import_values (indicator_id, place_id, period, sex, value, status) "
                "FROM STDIN"
            )
            tail = ""
        else:
            # A first load: the rows go where they belong in one pass, the source and the
            # time written into each line instead of a second statement copying them over.
            copy_sql = f"COPY {TABLE} ({COLUMNS}) FROM STDIN"
            tail = f"\t{_copy_escape(source)}\t{now.isoformat()}"
        for start in range(0, total, BATCH):
            stop = min(start + BATCH, total)
            # A duplicate key found by COPY becomes Django's IntegrityError, as from INSERT.
            with connection.wrap_database_errors, cursor.copy(copy_sql) as copy:
                copy.write("".join(_copy_text(rows, start, stop, tail)))
            if progress is not None:
                progress(stop, total)
        if conflict:
            cursor.execute(
                f"INSERT INTO {TABLE} ({COLUMNS}) "
                "SELECT indicator_id, place_id, period, sex, value, status, %s, %s "
                f"FROM framja_import_values {conflict}",
                [source, now],
            )
            cursor.execute("DROP TABLE framja_import_values")
