"""Writes to indicators and their values. Catalogue administrators only; atomic and audited.

Values arrive in bulk: ``store_values`` takes the records an open-data client produces,
``import_values_file`` a CSV or XLSX file. Both check everything first and then write in
one transaction, so a bad value anywhere leaves the database as it was.
"""

from __future__ import annotations

import datetime
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
from framja.indicators.bulk import Deletion, Row, totals_refresh, write_rows
from framja.indicators.http import JsonClient, OpenDataError
from framja.indicators.importer import ParsedFile, ValueImportError, read_file
from framja.indicators.keys import (
    IndicatorResolver,
    PlaceKeys,
    indicators_by_kolada_id,
    normalise_period,
    normalise_place,
    normalise_sex,
    one_indicator,
    places_make,
)
from framja.indicators.kolada import KoladaClient
from framja.indicators.models import ImportJob, Indicator, JobState, Place
from framja.indicators.pxweb import PxWebV1Client, PxWebV2Client, Selection, dataset_records
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
    # Only the fields given: the value totals are the imports' to write, and one may have
    # finished since the indicator was read.
    indicator.save(update_fields=list(fields))
    audit.record_update(actor=actor, instance=indicator, organisation=None, before=before)
    return indicator


@transaction.atomic
def indicator_totals_refresh(*, indicator_ids: Iterable[int]) -> None:
    """Store the indicators' number of values and first and last period again.

    Every import does it through ``write_rows``; whatever writes or deletes values another
    way (a test's ``bulk_create``, a benchmark's clean-up) calls this afterwards, or the
    indicator pages and the API show the totals as they were.
    """
    totals_refresh(list(indicator_ids))


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

    def work(job: ImportJob) -> tuple[int, int, int]:
        ImportJob.objects.filter(pk=job.pk).update(state=JobState.READING)
        parsed = read_file(Path(job.file.path), file_name=job.file_name, progress=_JobProgress(job))
        ImportJob.objects.filter(pk=job.pk).update(
            state=JobState.WRITING, done=len(parsed.row_numbers), total=len(parsed.row_numbers)
        )
        result = values_write_parsed(parsed, user=job.created_by)
        ids = {row[0] for row in parsed.rows}
        codes = Indicator.objects.filter(pk__in=ids).order_by("code").values_list("code", flat=True)
        ImportJob.objects.filter(pk=job.pk).update(indicators=list(codes))
        return result

    return _job_run(job_id, work)


def _job_run(job_id: int, work: Callable[[ImportJob], tuple[int, int, int]]) -> ImportJob:
    """Run a queued job once: record when it started, and the result or the errors."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.state != JobState.QUEUED:
        return job
    ImportJob.objects.filter(pk=job.pk).update(started_at=timezone.now())
    try:
        created, updated, deleted = work(job)
    except (ValueImportError, OpenDataError, PermissionDenied) as failure:
        if isinstance(failure, ValueImportError):
            message = "\n".join(failure.errors)
        elif isinstance(failure, OpenDataError):
            message = failure.message
        else:
            message = _("Du får inte längre importera indikatorvärden.")
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


# Open data: Kolada and PxWeb -------------------------------------------------------------

# Called while values are fetched, with the pages read and the values received so far.
FetchProgress = Callable[[int, int], None]
KOLADA_SOURCE = "Kolada"


def kolada_kpi_indicators(kpis: Iterable[str]) -> dict[str, int]:
    """Return the indicator id of each KPI; fail naming every KPI no indicator has."""
    wanted = list(dict.fromkeys(kpi.strip() for kpi in kpis if kpi.strip()))
    if not wanted:
        raise ValueImportError([_("Ange minst ett nyckeltal (Kolada-id).")])
    found = indicators_by_kolada_id(wanted)
    missing = [kpi for kpi in wanted if kpi not in found]
    if missing:
        raise ValueImportError(
            [
                _(
                    "Nyckeltalet %(kpi)s finns inte i indikatorkatalogen: ingen indikator har "
                    "det som Kolada-id. Lägg in Kolada-id:t på indikatorn först."
                )
                % {"kpi": kpi}
                for kpi in missing
            ]
        )
    return found


def _known_places(codes: Iterable[str]) -> list[str]:
    """Return the place codes in Kolada's form; fail naming every unknown one."""
    keys = PlaceKeys()
    wanted = list(dict.fromkeys(normalise_place(code) for code in codes if code.strip()))
    unknown = [code for code in wanted if keys.get(code) is None]
    if unknown:
        raise ValueImportError(
            [
                _(
                    "”%(code)s” är ingen känd plats (ange kommun- eller regionkod som 0580 eller "
                    "0005, 0000 för riket)."
                )
                % {"code": code}
                for code in unknown
            ]
        )
    return wanted


class _Fetched:
    """Collect records from a client's generator, telling the caller pages and records."""

    def __init__(self, progress: FetchProgress | None) -> None:
        self.progress = progress
        self.pages = 0
        self.records: list[ValueRecord] = []

    def page(self, pages: int) -> None:
        # A page is counted when the next one arrives (or at the end): by then its records
        # have all been collected.
        self.pages = pages
        if self.progress is not None and pages > 1:
            self.progress(pages - 1, len(self.records))

    def collect(self, records: Iterable[ValueRecord]) -> list[ValueRecord]:
        for record in records:
            self.records.append(record)
        if self.progress is not None:
            self.progress(self.pages, len(self.records))
        return self.records


def kolada_import(
    *,
    kpis: Iterable[str],
    places: Iterable[str],
    years: Iterable[int | str],
    from_date: datetime.date | str | None = None,
    user: User | None,
    client: KoladaClient | None = None,
    source: str = KOLADA_SOURCE,
    progress: FetchProgress | None = None,
    write_progress: Progress | None = None,
) -> ImportResult:
    """Fetch the KPIs' values for the places and years from Kolada and store them.

    Every KPI must belong to an indicator (its Kolada id) and every place must be known,
    checked before anything is fetched. All values are fetched first and then stored in one
    go; with ``from_date`` the values Kolada has deleted since that day are removed. Raise
    ``ValueImportError`` or ``OpenDataError`` (nothing is changed then).
    """
    require_indicator_admin(user)
    kpi_list = list(kpis)
    kolada_kpi_indicators(kpi_list)
    place_list = _known_places(places)
    client = client if client is not None else KoladaClient()
    fetched = _Fetched(progress)
    try:
        records = fetched.collect(
            client.data(
                kpis=[kpi.strip() for kpi in kpi_list],
                municipalities=place_list,
                years=years,
                from_date=from_date,
                progress=fetched.page,
            )
        )
    except ValueError as error:
        if isinstance(error, ValueImportError):
            raise
        raise ValueImportError([str(error)]) from None
    return store_values(
        records,
        source=source,
        indicator_resolver=indicators_by_kolada_id,
        user=user,
        progress=write_progress,
    )


def pxweb_selections(query: Any, *, name: str) -> list[Selection]:
    """Read a v1 query (``{"query": [{"code", "selection": {"filter", "values"}}], …}``)."""

    def wrong(where: str, expected: str) -> ValueImportError:
        return ValueImportError(
            [
                _("%(file)s: fältet ”%(field)s” ska vara %(expected)s.")
                % {"file": name, "field": where, "expected": expected}
            ]
        )

    if not isinstance(query, dict) or not isinstance(query.get("query"), list):
        raise wrong("query", _("en lista med variabler"))
    response = query.get("response", {"format": "json-stat2"})
    if not isinstance(response, dict) or response.get("format", "json-stat2") != "json-stat2":
        raise wrong("response.format", "”json-stat2”")
    selections = []
    for index, item in enumerate(query["query"]):
        where = f"query[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            raise wrong(f"{where}.code", _("en text"))
        selection = item.get("selection")
        if not isinstance(selection, dict) or not isinstance(selection.get("filter"), str):
            raise wrong(f"{where}.selection.filter", _("en text"))
        values = selection.get("values", [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise wrong(f"{where}.selection.values", _("en lista med texter"))
        selections.append(Selection(item["code"], selection["filter"], tuple(values)))
    return selections


def pxweb_v2_selection(query: Any, *, name: str) -> dict[str, list[str]]:
    """Read a v2 selection (``{"selection": [{"variableCode", "valueCodes"}]}``)."""
    items = query.get("selection") if isinstance(query, dict) else None
    if not isinstance(items, list):
        raise ValueImportError(
            [
                _("%(file)s: fältet ”%(field)s” ska vara %(expected)s.")
                % {"file": name, "field": "selection", "expected": _("en lista med variabler")}
            ]
        )
    selection: dict[str, list[str]] = {}
    for index, item in enumerate(items):
        codes = item.get("valueCodes") if isinstance(item, dict) else None
        code = item.get("variableCode") if isinstance(item, dict) else None
        if not isinstance(code, str) or not isinstance(codes, list):
            raise ValueImportError(
                [
                    _("%(file)s: fältet ”%(field)s” ska vara %(expected)s.")
                    % {
                        "file": name,
                        "field": f"selection[{index}]",
                        "expected": _("ett objekt med variableCode och valueCodes"),
                    }
                ]
            )
        selection[code] = [str(value) for value in codes]
    return selection


def pxweb_indicator(*, url: str, code: str = "") -> Indicator:
    """Return the indicator named by code, or else the one whose PxWeb table is the URL."""
    if code:
        found = Indicator.objects.filter(code=code.strip()).first()
        if found is None:
            raise ValueImportError(
                [_("Det finns ingen indikator med koden ”%(code)s”.") % {"code": code}]
            )
        return found
    matches = list(Indicator.objects.filter(pxweb_url__in=[url, url.rstrip("/")])[:2])
    if len(matches) != 1:
        raise ValueImportError(
            [
                _(
                    "Ingen indikator har %(url)s som PxWeb-tabell; ange vilken indikator "
                    "värdena gäller (--indicator KOD)."
                )
                % {"url": url}
                if not matches
                else _(
                    "Flera indikatorer har %(url)s som PxWeb-tabell; ange vilken värdena gäller "
                    "(--indicator KOD)."
                )
                % {"url": url}
            ]
        )
    return matches[0]


def pxweb_import(
    *,
    url: str,
    query: Any,
    query_name: str = "",
    version: int = 1,
    indicator_code: str = "",
    user: User | None,
    http: JsonClient | None = None,
    progress: FetchProgress | None = None,
    write_progress: Progress | None = None,
) -> ImportResult:
    """Query a PxWeb table and store its values under one indicator, all or nothing.

    ``url`` is the table (v1: ``…/v1/sv/db/…/TABLE``, v2: ``…/v2/tables/TAB``); ``query``
    is the decoded query file in the v1 shape, or the v2 selection; without it the
    indicator's own PxWeb selection is used. The table must give values of one content
    only, so that each value belongs to the indicator.
    """
    require_indicator_admin(user)
    indicator = pxweb_indicator(url=url, code=indicator_code)
    name = query_name or _("frågan")
    if query is None:
        query = indicator.pxweb_selection or None
        name = _("indikatorns PxWeb-urval")
    if query is None:
        raise ValueImportError([_("Ange en fil med frågan till tabellen (--query FIL).")])
    fetched = _Fetched(progress)
    if version == 2:
        base, separator, table = url.rstrip("/").rpartition("/tables/")
        if not separator or not table or "/" in table:
            raise ValueImportError(
                [_("%(url)s är ingen v2-tabell (…/tables/TABELL).") % {"url": url}]
            )
        dataset = PxWebV2Client(base, http=http).query(table, pxweb_v2_selection(query, name=name))
    else:
        dataset = PxWebV1Client(url, http=http).query("", pxweb_selections(query, name=name))
    fetched.page(1)
    records = fetched.collect(dataset_records(dataset, indicator=indicator.code))
    contents = sorted({record.indicator for record in records})
    if len(contents) > 1:
        raise ValueImportError(
            [
                _(
                    "Tabellen från %(url)s gav värden för flera innehåll (%(codes)s); välj ett "
                    "enda i frågan, så att alla värden hör till indikatorn %(indicator)s."
                )
                % {"url": url, "codes": ", ".join(contents), "indicator": indicator.code}
            ]
        )
    return store_values(
        records,
        source=_("PxWeb: %(url)s") % {"url": url},
        indicator_resolver=one_indicator(indicator),
        user=user,
        progress=write_progress,
    )


# PxWeb in the background -----------------------------------------------------------------


def pxweb_job_create(
    *, actor: User, indicator: Indicator, url: str, version: int, query: Any
) -> ImportJob:
    """Check the table's address and the query and save them as a queued job; raise
    ``ValueImportError`` naming what is wrong."""
    require_indicator_admin(actor)
    url = url.strip()
    if not url.startswith(("https://", "http://")):
        raise ValueImportError([_("Ange tabellens adress, som börjar med https://.")])
    if version not in (1, 2):
        raise ValueImportError([_("API-versionen ska vara 1 eller 2.")])
    name = _("frågan")
    if version == 2:
        _base, separator, table = url.rstrip("/").rpartition("/tables/")
        if not separator or not table or "/" in table:
            raise ValueImportError(
                [_("%(url)s är ingen v2-tabell (…/tables/TABELL).") % {"url": url}]
            )
        pxweb_v2_selection(query, name=name)
    else:
        pxweb_selections(query, name=name)
    table_name = url.rstrip("/").rpartition("/")[2]
    with transaction.atomic():
        job = ImportJob.objects.create(
            created_by=actor,
            file_name=f"PxWeb {table_name}"[:255],
            pxweb={"url": url, "version": version, "indicator": indicator.code, "query": query},
        )
        audit.record_create(actor=actor, instance=job, organisation=None)
    return job


def pxweb_job_start(
    *, actor: User, indicator: Indicator, url: str, version: int, query: Any
) -> ImportJob:
    """Queue a PxWeb import for the task worker and return the job to follow."""
    from framja.indicators.tasks import run_import_job

    job = pxweb_job_create(actor=actor, indicator=indicator, url=url, version=version, query=query)
    result = run_import_job.enqueue(job_id=job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def pxweb_job_run(*, job_id: int, http: JsonClient | None = None) -> ImportJob:
    """Query the job's PxWeb table and store the values (in the task worker)."""

    def work(job: ImportJob) -> tuple[int, int, int]:
        ImportJob.objects.filter(pk=job.pk).update(state=JobState.FETCHING)
        saved = _JobProgress(job)

        def writing(done: int, total: int) -> None:
            if done == 0 or done >= total:
                ImportJob.objects.filter(pk=job.pk).update(state=JobState.WRITING)
            saved(done, total)

        request = job.pxweb
        result = pxweb_import(
            url=request["url"],
            query=request["query"],
            version=request["version"],
            indicator_code=request["indicator"],
            user=job.created_by,
            http=http,
            write_progress=writing,
        )
        ImportJob.objects.filter(pk=job.pk).update(indicators=[request["indicator"]])
        return result.created, result.updated, result.deleted

    return _job_run(job_id, work)


# Kolada in the background ----------------------------------------------------------------

MAX_KOLADA_YEARS = 30


def kolada_job_create(
    *, actor: User, indicator: Indicator, places: list[str], years: list[int]
) -> ImportJob:
    """Check the request and save it as a queued job; raise ``ValueImportError`` if wrong."""
    require_indicator_admin(actor)
    if not indicator.kolada_kpi_id:
        raise ValueImportError([_("Indikatorn har inget Kolada-id.")])
    if not years:
        raise ValueImportError([_("Ange minst ett år.")])
    if not places:
        raise ValueImportError([_("Ange minst en plats.")])
    codes = _known_places(places)
    with transaction.atomic():
        job = ImportJob.objects.create(
            created_by=actor,
            file_name=f"Kolada {indicator.kolada_kpi_id}"[:255],
            kolada={
                "kpis": [indicator.kolada_kpi_id],
                "places": codes,
                "years": sorted(set(years)),
            },
        )
        audit.record_create(actor=actor, instance=job, organisation=None)
    return job


def kolada_job_start(
    *, actor: User, indicator: Indicator, places: list[str], years: list[int]
) -> ImportJob:
    """Queue a Kolada import for the task worker and return the job to follow."""
    from framja.indicators.tasks import run_import_job

    job = kolada_job_create(actor=actor, indicator=indicator, places=places, years=years)
    result = run_import_job.enqueue(job_id=job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def kolada_job_run(*, job_id: int, client: KoladaClient | None = None) -> ImportJob:
    """Fetch the job's values from Kolada and store them (in the task worker)."""

    def work(job: ImportJob) -> tuple[int, int, int]:
        ImportJob.objects.filter(pk=job.pk).update(state=JobState.FETCHING)
        saved = _JobProgress(job)
        last = [0.0]

        def fetching(_pages: int, records: int) -> None:
            # How many values there will be is not known: the bar shows no end yet.
            now = time.monotonic()
            if now - last[0] >= 0.5:
                last[0] = now
                ImportJob.objects.filter(pk=job.pk).update(done=records, total=0)

        def writing(done: int, total: int) -> None:
            if done == 0 or done >= total:
                ImportJob.objects.filter(pk=job.pk).update(state=JobState.WRITING)
            saved(done, total)

        result = kolada_import(
            kpis=job.kolada["kpis"],
            places=job.kolada["places"],
            years=job.kolada["years"],
            user=job.created_by,
            client=client,
            progress=fetching,
            write_progress=writing,
        )
        codes = Indicator.objects.filter(kolada_kpi_id__in=job.kolada["kpis"]).order_by("code")
        ImportJob.objects.filter(pk=job.pk).update(
            indicators=list(codes.values_list("code", flat=True))
        )
        return result.created, result.updated, result.deleted

    return _job_run(job_id, work)
