"""Writes to indicators and their values. Catalogue administrators only; atomic and audited.

Values arrive in bulk: ``store_values`` takes the records an open-data client produces,
``import_values_file`` a CSV or XLSX file. Both check everything first and then write in
one transaction, so a bad value anywhere leaves the database as it was.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from framja.core import audit
from framja.indicators.bulk import Deletion, Row, write_rows
from framja.indicators.importer import ParsedFile, ValueImportError, read_file
from framja.indicators.keys import (
    IndicatorResolver,
    PlaceKeys,
    normalise_period,
    normalise_sex,
    places_make,
)
from framja.indicators.models import ImportJob, Indicator, JobState, Place
from framja.indicators.records import ValueRecord

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from framja.accounts.models import User

logger = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
INDICATOR_FIELDS = {
    "code",
    "name",
    "description",
    "source",
    "unit",
    "direction",
    "level",
    "periodicity",
    "by_sex",
    "kolada_kpi_id",
    "pxweb_url",
    "pxweb_selection",
}
LARGEST = 1e300
MAX_ERRORS = 20
MAX_STATUS = 10


def may_manage_indicators(user: User | AnonymousUser) -> bool:
    """Return whether the user keeps the indicator catalogue and imports values."""
    return bool(user.is_authenticated and user.may_edit_catalogues)


def require_indicator_admin(user: User | AnonymousUser | None) -> None:
    """Refuse anyone but a catalogue administrator; ``None`` is the system (CLI, tasks)."""
    if user is not None and not may_manage_indicators(user):
        raise PermissionDenied


@transaction.atomic
def indicator_create(*, actor: User, **fields: Any) -> Indicator:
    require_indicator_admin(actor)
    unknown = set(fields) - INDICATOR_FIELDS
    if unknown:
        raise TypeError(f"Unknown indicator fields: {sorted(unknown)}")
    indicator = Indicator(**fields)
    indicator.full_clean()
    indicator.save()
    audit.record_create(actor=actor, instance=indicator, organisation=None)
    return indicator


@transaction.atomic
def indicator_update(*, actor: User, indicator: Indicator, **fields: Any) -> Indicator:
    require_indicator_admin(actor)
    unknown = set(fields) - INDICATOR_FIELDS
    if unknown:
        raise TypeError(f"Unknown indicator fields: {sorted(unknown)}")
    before = audit.snapshot(indicator)
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.full_clean()
    indicator.save()
    audit.record_update(actor=actor, instance=indicator, organisation=None, before=before)
    return indicator


@dataclass(frozen=True)
class ImportResult:
    """What an import did: rows read, values new, replaced and removed, and how long."""

    rows: int
    created: int
    updated: int
    deleted: int
    seconds: float


def _write(
    rows: list[Row],
    deletions: list[Deletion],
    *,
    source: str,
    progress: Progress | None,
) -> tuple[int, int, int]:
    """Make the places still missing, then write the rows, in one transaction."""
    with transaction.atomic():
        made = places_make(row[1] for row in rows if row[1] < 0)
        if made:
            rows = [(i, made.get(p, p), t, s, v, f) for i, p, t, s, v, f in rows]
            deletions = [(i, made.get(p, p), t, s) for i, p, t, s in deletions]
        _check_keys_exist(rows, deletions)
        try:
            written = write_rows(
                rows, deletions, source=source[:100], now=timezone.now(), progress=progress
            )
        except IntegrityError:
            raise ValueImportError(
                [_("En annan import sparade samma värden samtidigt. Inget sparades; försök igen.")]
            ) from None
    return written.created, written.updated, written.deleted


def _check_keys_exist(rows: list[Row], deletions: list[Deletion]) -> None:
    """Refuse to write if an indicator or place went away after the rows were checked
    (the values table has no foreign-key constraints to do it)."""
    indicators = {row[0] for row in rows} | {key[0] for key in deletions}
    places = {row[1] for row in rows} | {key[1] for key in deletions}
    if Indicator.objects.filter(pk__in=indicators).count() != len(
        indicators
    ) or Place.objects.filter(pk__in=places).count() != len(places):
        raise ValueImportError(
            [_("En indikator eller plats togs bort medan importen pågick. Inget sparades.")]
        )


def store_values(
    records: Iterable[ValueRecord],
    *,
    source: str,
    indicator_resolver: IndicatorResolver,
    user: User | None,
    progress: Progress | None = None,
) -> ImportResult:
    """Store the records: remove the keys marked deleted, insert or replace the others.

    All or nothing: every record is checked before anything is written, and the writing is
    one transaction. When a key comes twice, the later record wins. ``user`` None is the
    system (a scheduled import).
    """
    require_indicator_admin(user)
    started = time.monotonic()
    records = list(records)
    indicators = indicator_resolver(sorted({record.indicator for record in records}))
    places = PlaceKeys()
    latest: dict[tuple[int, int, str, str], ValueRecord] = {}
    errors: list[str] = []
    periods: dict[str, str | None] = {}
    reported: set[str] = set()

    def error(number: int, column: str, message: str) -> None:
        errors.append(
            _("%(source)s, post %(number)d, fältet %(column)s: %(message)s")
            % {"source": source, "number": number, "column": column, "message": message}
        )

    for number, record in enumerate(records, start=1):
        if len(errors) >= MAX_ERRORS:
            break
        indicator = indicators.get(record.indicator)
        place = places.get(record.place)
        period = periods.get(record.period, "")
        if period == "":
            period = periods[record.period] = normalise_period(str(record.period))
        sex = normalise_sex(record.sex)
        if indicator is None:
            if record.indicator not in reported:
                reported.add(record.indicator)
                error(
                    number, _("indikator"), _("”%(text)s” är okänd.") % {"text": record.indicator}
                )
        elif place is None:
            if record.place not in reported:
                reported.add(record.place)
                error(
                    number,
                    _("plats"),
                    _("”%(text)s” är ingen känd plats.") % {"text": record.place},
                )
        elif period is None:
            error(number, _("period"), _("”%(text)s” är ingen period.") % {"text": record.period})
        elif sex is None:
            error(number, _("kön"), _("”%(text)s” är inget kön.") % {"text": record.sex})
        elif record.value is not None and not -LARGEST < record.value < LARGEST:
            error(number, _("värde"), _("”%(text)s” är inget tal.") % {"text": record.value})
        elif len(record.status) > MAX_STATUS or any(c in record.status for c in "\t\n\\"):
            error(number, _("status"), _("”%(text)s” är ingen status.") % {"text": record.status})
        else:
            latest[(indicator, place, period, sex)] = record
    if errors:
        raise ValueImportError(errors)

    rows: list[Row] = []
    deletions: list[Deletion] = []
    for (indicator, place, period, sex), record in latest.items():
        if record.deleted:
            deletions.append((indicator, place, period, sex))
        else:
            rows.append((indicator, place, period, sex, record.value, record.status))
    created, updated, deleted = _write(rows, deletions, source=source, progress=progress)
    return ImportResult(
        rows=len(latest),
        created=created,
        updated=updated,
        deleted=deleted,
        seconds=time.monotonic() - started,
    )


def file_source(file_name: str) -> str:
    return _("Fil: %(name)s") % {"name": file_name}


def values_write_parsed(
    parsed: ParsedFile, *, user: User | None, progress: Progress | None = None
) -> tuple[int, int, int]:
    """Write the values of a checked file in one transaction; return new, replaced, removed."""
    require_indicator_admin(user)
    return _write(parsed.rows, [], source=file_source(parsed.file_name), progress=progress)


def import_values_file(
    *, path: Path, file_name: str, user: User | None, progress: Progress | None = None
) -> ImportResult:
    """Check a CSV or XLSX file of values and store them, all or nothing.

    Raise ``ValueImportError`` naming the file, row and field of each error.
    """
    require_indicator_admin(user)
    started = time.monotonic()
    parsed = read_file(path, file_name=file_name, progress=progress)
    created, updated, deleted = values_write_parsed(parsed, user=user)
    return ImportResult(
        rows=len(parsed.rows),
        created=created,
        updated=updated,
        deleted=deleted,
        seconds=time.monotonic() - started,
    )


# Background imports ----------------------------------------------------------------------


@transaction.atomic
def import_job_create(*, actor: User, upload: UploadedFile[bytes]) -> ImportJob:
    """Save the uploaded file as a queued import job."""
    require_indicator_admin(actor)
    name = Path(upload.name or "värden.csv").name
    job = ImportJob(created_by=actor, file_name=name[:255])
    job.file.save(name, upload, save=False)
    job.save()
    audit.record_create(actor=actor, instance=job, organisation=None)
    return job


def import_job_start(*, actor: User, upload: UploadedFile[bytes]) -> ImportJob:
    """Queue the file for the task worker and return the job to follow."""
    from framja.indicators.tasks import run_import_job

    job = import_job_create(actor=actor, upload=upload)
    result = run_import_job.enqueue(job_id=job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


class _JobProgress:
    """Save the rows read so far on the job, at most twice a second."""

    def __init__(self, job: ImportJob) -> None:
        self.job = job
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.5 and done < total:
            return
        self.last = now
        ImportJob.objects.filter(pk=self.job.pk).update(done=done, total=max(total, done))


def import_job_run(*, job_id: int) -> ImportJob:
    """Import the job's file (in the task worker): read and check, then write; record
    the progress, and the result or the errors, on the job."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.state != JobState.QUEUED:
        return job
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.READING, started_at=timezone.now())
    try:
        parsed = read_file(Path(job.file.path), file_name=job.file_name, progress=_JobProgress(job))
        ImportJob.objects.filter(pk=job.pk).update(
            state=JobState.WRITING, done=len(parsed.row_numbers), total=len(parsed.row_numbers)
        )
        created, updated, deleted = values_write_parsed(parsed, user=job.created_by)
    except (ValueImportError, PermissionDenied) as failure:
        message = (
            "\n".join(failure.errors)
            if isinstance(failure, ValueImportError)
            else _("Du får inte längre importera indikatorvärden.")
        )
        ImportJob.objects.filter(pk=job.pk).update(
            state=JobState.FAILED, error=message, finished_at=timezone.now()
        )
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        ImportJob.objects.filter(pk=job.pk).update(
            state=JobState.FAILED,
            error=_("Ett oväntat fel inträffade. Inget sparades. Kontakta förvaltningen."),
            finished_at=timezone.now(),
        )
        raise
    else:
        ImportJob.objects.filter(pk=job.pk).update(
            state=JobState.DONE,
            created=created,
            updated=updated,
            deleted=deleted,
            finished_at=timezone.now(),
        )
    job.refresh_from_db()
    return job
