"""Back up the whole database and the uploaded files to one file, and restore it.

The file is a zip archive: ``manifest.json`` (format, when, the applied migrations, and for
every table its columns and row count), one ``data/<app>.<model>.jsonl`` per table with a JSON
array per row, and the uploaded files under ``media/``. Values are written as Django reads
them, not as one database stores them, so a backup made on SQLite restores on PostgreSQL and
the other way round.

Sessions and the task queue are left out: a restored installation starts with everyone logged
out and no pending background work.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "framja-backup"
VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 2000

# Apps whose tables are not content: logged-in sessions and the queue of background tasks.
SKIPPED_APPS = {"sessions", "django_tasks_db"}
# Models whose rows the migrations themselves make: a freshly migrated database has them and
# still counts as empty.
MIGRATION_MADE = {
    "contenttypes.contenttype",
    "auth.permission",
    "organisations.organisation",
    "catalog.publichealthgoal",
    "catalog.publichealthtargetarea",
    "indicators.datasource",
    "indicators.place",
    # The default inventory template of the improvement cycles (Bilaga 1).
    "improvement.questiontemplate",
    "improvement.question",
}


class BackupError(Exception):
    """A backup that cannot be read, or a restore that must not go ahead."""


@dataclass(frozen=True)
class TableSummary:
    """One table of a backup or a database: its model, rows and a hash of its content."""

    label: str
    rows: int
    digest: str


def backed_up_models() -> list[type[models.Model]]:
    """Return every concrete model whose rows belong in a backup, in a stable order."""
    result = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in SKIPPED_APPS
    ]
    return sorted(result, key=lambda model: model._meta.label_lower)


def _columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return list(model._meta.concrete_fields)


def _encode(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    raise TypeError(f"{type(value).__name__} cannot be backed up")


def _rows(model: type[models.Model]) -> Iterator[tuple[Any, ...]]:
    names = [field.attname for field in _columns(model)]
    return model._base_manager.values_list(*names).order_by().iterator(chunk_size=CHUNK)


def _line(row: tuple[Any, ...]) -> str:
    # Sorted keys: PostgreSQL's jsonb keeps the keys of a JSON value in its own order.
    return json.dumps(
        row, default=_encode, ensure_ascii=False, separators=(",", ":"), sort_keys=True
    )


def applied_migrations() -> list[str]:
    """Return the applied migrations as sorted ``app.name`` strings."""
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def backup_write(path: Path) -> list[TableSummary]:
    """Write the database and the uploaded files to ``path`` and return what was written.

    The rows are read in one transaction (on PostgreSQL a repeatable-read snapshot), so the
    backup is consistent while the site is in use.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    summaries: list[TableSummary] = []
    tables: dict[str, dict[str, Any]] = {}
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            for model in backed_up_models():
                label = model._meta.label_lower
                count = 0
                with zf.open(f"data/{label}.jsonl", "w", force_zip64=True) as raw:
                    lines: list[str] = []
                    for row in _rows(model):
                        lines.append(_line(row))
                        if len(lines) >= CHUNK:
                            raw.write(("\n".join(lines) + "\n").encode())
                            count += len(lines)
                            lines = []
                    if lines:
                        raw.write(("\n".join(lines) + "\n").encode())
                        count += len(lines)
                tables[label] = {
                    "table": model._meta.db_table,
                    "columns": [field.attname for field in _columns(model)],
                    "rows": count,
                }
                summaries.append(TableSummary(label, count, ""))
            migrations = applied_migrations()
        media = Path(settings.MEDIA_ROOT)
        files = sorted(p for p in media.rglob("*") if p.is_file()) if media.is_dir() else []
        for file in files:
            zf.write(file, f"media/{file.relative_to(media).as_posix()}")
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": migrations,
            "tables": tables,
            "media": len(files),
        }
        zf.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False))
    partial.replace(path)
    return summaries


def database_has_content() -> bool:
    """Return whether any table holds rows that the migrations did not put there."""
    return any(
        model._base_manager.exists()
        for model in backed_up_models()
        if model._meta.label_lower not in MIGRATION_MADE
    )


def _read_manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(zf.read(MANIFEST))
    except (KeyError, ValueError) as error:
        raise BackupError("Filen är ingen säkerhetskopia av Främja.") from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError("Filen är ingen säkerhetskopia av Främja i ett känt format.")
    return manifest


def _converter(field: models.Field[Any, Any]) -> Any:
    """Return a function from the JSON value to what the database expects, or None."""
    if isinstance(
        field,
        models.DateTimeField
        | models.DateField
        | models.TimeField
        | models.DecimalField
        | models.UUIDField
        | models.DurationField,
    ):
        return lambda value: field.get_db_prep_save(field.to_python(value), connection)
    if isinstance(field, models.BinaryField):
        return bytes.fromhex
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def _insert(model: type[models.Model], columns: list[str], stream: IO[bytes]) -> int:
    fields = {field.attname: field for field in _columns(model)}
    try:
        chosen = [fields[name] for name in columns]
    except KeyError as error:
        raise BackupError(f"Kolumnen {error} finns inte i {model._meta.label_lower}.") from error
    converters = [(i, c) for i, field in enumerate(chosen) if (c := _converter(field))]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(str(field.column)) for field in chosen),
        ", ".join(["%s"] * len(chosen)),
    )

    def rows() -> Iterator[list[Any]]:
        for line in stream:
            row = json.loads(line)
            if len(row) != len(chosen):
                raise BackupError(f"En rad i {model._meta.label_lower} har fel antal värden.")
            for i, convert in converters:
                if row[i] is not None:
                    row[i] = convert(row[i])
            yield row

    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is several times faster than INSERT for the millions of indicator values.
            names = ", ".join(quote(str(field.column)) for field in chosen)
            copy_sql = f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"
            with cursor.cursor.copy(copy_sql) as copy:
                for row in rows():
                    copy.write_row(row)
                    count += 1
            return count
        batch: list[list[Any]] = []
        for row in rows():
            batch.append(row)
            if len(batch) >= CHUNK:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def backup_restore(path: Path, *, force: bool = False) -> list[TableSummary]:
    """Replace the database content and add the uploaded files from the backup at ``path``.

    Refuse a database that already holds content unless ``force``. Everything happens in one
    transaction: a backup that fails half-way leaves the database as it was.
    """
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"Kan inte läsa {path}: {error}") from error
    with zf:
        manifest = _read_manifest(zf)
        if manifest["migrations"] != applied_migrations():
            raise BackupError(
                "Säkerhetskopian är gjord med en annan version av databasens struktur. "
                "Återställ med samma version av Främja som gjorde den och uppgradera sedan."
            )
        by_label = {model._meta.label_lower: model for model in backed_up_models()}
        unknown = sorted(set(manifest["tables"]) - set(by_label))
        if unknown:
            raise BackupError(f"Okända tabeller i säkerhetskopian: {', '.join(unknown)}.")
        if not force and database_has_content():
            raise BackupError(
                "Databasen är inte tom. Återställ till en nyss migrerad databas, "
                "eller ange --force för att ersätta allt innehåll."
            )
        staging = Path(tempfile.mkdtemp(prefix="framja-restore-"))
        try:
            media_names = [n for n in zf.namelist() if n.startswith("media/") and n[-1] != "/"]
            for name in media_names:
                target = staging / name
                if ".." in Path(name).parts:
                    raise BackupError(f"Ogiltigt filnamn i säkerhetskopian: {name}")
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(name) as source, target.open("wb") as sink:
                    shutil.copyfileobj(source, sink)
            summaries = _restore_tables(zf, manifest, by_label)
            media_root = Path(settings.MEDIA_ROOT)
            for name in media_names:
                destination = media_root / name.removeprefix("media/")
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(staging / name, destination)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return summaries


def _restore_tables(
    zf: zipfile.ZipFile, manifest: dict[str, Any], by_label: dict[str, type[models.Model]]
) -> list[TableSummary]:
    summaries: list[TableSummary] = []
    with transaction.atomic():
        # Sessions and queued tasks are not in the backup, and would point at other users
        # and jobs in the restored rows: everyone is logged out and the queue starts empty.
        left_out = [
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.app_label in SKIPPED_APPS and model._meta.managed
        ]
        tables = [model._meta.db_table for model in by_label.values()] + left_out
        # PostgreSQL truncates no table with deferred checks pending in this transaction.
        connection.check_constraints()
        with connection.cursor() as cursor:
            for statement in connection.ops.sql_flush(no_style(), tables):
                cursor.execute(statement)
        for label, info in manifest["tables"].items():
            model = by_label[label]
            with zf.open(f"data/{label}.jsonl") as stream:
                count = _insert(model, info["columns"], stream)
            if count != info["rows"]:
                raise BackupError(f"{label}: {count} rader, manifestet säger {info['rows']}.")
            summaries.append(TableSummary(label, count, ""))
        models_with_sequences = list(by_label.values())
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models_with_sequences):
                cursor.execute(statement)
        connection.check_constraints()
    ContentType.objects.clear_cache()
    return summaries


def database_summary() -> list[TableSummary]:
    """Return every backed-up table's row count and a hash of its rows in a canonical order.

    Two databases with the same content give the same summary whatever their backend: the
    rows are read as Django reads them, written as JSON and sorted before they are hashed.
    """
    summaries = []
    for model in backed_up_models():
        lines = sorted(_line(row) for row in _rows(model))
        digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
        summaries.append(TableSummary(model._meta.label_lower, len(lines), digest))
    return summaries
