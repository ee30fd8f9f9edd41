"""Read a file of indicator values (CSV or XLSX) and check every row before anything is written.

The layout is described in docs/indikatorer-import.md: one value a row, with the columns
indikator, plats, period, kön, värde and status. The reader is the hot path of a national
import (a million rows), so each row costs a handful of dictionary look-ups: keys, periods,
sexes and statuses are checked once per distinct text, not once per row.
"""

from __future__ import annotations

import csv
import datetime
import gc
import io
import zipfile
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import methodcaller
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from framja.indicators.bulk import Row
from framja.indicators.keys import IndicatorKeys, PlaceKeys, normalise_period, normalise_sex

MAX_ERRORS = 20
MAX_STATUS = 10
LARGEST = 1e300
PROGRESS_EVERY = 50_000
Progress = Callable[[int, int], None]

COLUMNS = {
    "indicator": ("indikator", "indicator"),
    "place": ("plats", "place"),
    "period": ("period",),
    "sex": ("kön", "kon", "sex", "gender"),
    "value": ("värde", "varde", "value"),
    "status": ("status",),
}
REQUIRED = ("indicator", "place", "period", "value")
CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


class ValueImportError(ValueError):
    """The values cannot be imported; ``errors`` say where and why, in Swedish."""

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = list(errors)


@dataclass
class ParsedFile:
    """A checked file: rows ready to write, and the row number of each in the file.

    A place id below zero stands for an organisation whose place is made when the rows
    are written (``keys.places_make``).
    """

    file_name: str
    rows: list[Row] = field(default_factory=list)
    row_numbers: array[int] = field(default_factory=lambda: array("I"))


def _quoted(text: object) -> str:
    return f"”{text}”"


class _Errors:
    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.items: list[tuple[int, str]] = []

    def add(self, row: int, column: str, message: str) -> None:
        text = _("%(file)s, rad %(row)d, fältet %(column)s: %(message)s") % {
            "file": self.file_name,
            "row": row,
            "column": column,
            "message": message,
        }
        self.items.append((row, text))

    @property
    def full(self) -> bool:
        return len(self.items) >= MAX_ERRORS

    def raise_if_any(self) -> None:
        if self.items:
            self.items.sort(key=lambda item: item[0])
            messages = [text for _row, text in self.items[:MAX_ERRORS]]
            if len(self.items) >= MAX_ERRORS:
                messages.append(_("Läsningen avbröts efter %(count)d fel.") % {"count": MAX_ERRORS})
            raise ValueImportError(messages)


def _file_error(file_name: str, message: str) -> ValueImportError:
    return ValueImportError([f"{file_name}: {message}"])


def _header(cells: Sequence[object], file_name: str) -> dict[str, int]:
    """Return the position of each known column; fail naming the missing ones."""
    names = [str(cell or "").strip().lstrip("\ufeff").lower() for cell in cells]
    positions: dict[str, int] = {}
    for key, aliases in COLUMNS.items():
        for position, name in enumerate(names):
            if name in aliases:
                positions[key] = position
                break
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in positions]
    if missing:
        raise _file_error(
            file_name,
            _(
                "rad 1 ska ha rubrikerna indikator, plats, period, kön, värde och status. "
                "Det saknas: %(missing)s. Rubrikerna i filen är: %(found)s."
            )
            % {
                "missing": ", ".join(missing),
                "found": ", ".join(_quoted(name) for name in names if name) or "–",
            },
        )
    return positions


def _number(text: str) -> float | None:
    """Parse a number written the Swedish or the English way; None if it is none."""
    cleaned = (
        text.strip()
        .replace("\u00a0", "")
        .replace("\u202f", "")
        .replace(" ", "")
        .replace(",", ".")
        .replace("\u2212", "-")
    )
    if not cleaned or "_" in cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if -LARGEST < value < LARGEST else None


def _key_number(indicator: int, place: int, period: int, sex: int) -> int:
    """Pack a row's key, as small indexes, into one int (the duplicate check's set)."""
    return ((indicator << 24 | place) << 20 | period) << 2 | sex


def read_rows(
    rows: Iterable[Sequence[str]],
    *,
    file_name: str,
    total: int = 0,
    progress: Progress | None = None,
) -> ParsedFile:
    """Check every row of a table of values whose first row is the header.

    Raise ``ValueImportError`` listing the first errors, each with its row and field.
    """
    # A million new tuples would set off the cyclic garbage collector again and again, to
    # find nothing: it rests while the rows are read.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read_rows(rows, file_name=file_name, total=total, progress=progress)
    finally:
        if collecting:
            gc.enable()


def _read_rows(
    rows: Iterable[Sequence[str]],
    *,
    file_name: str,
    total: int,
    progress: Progress | None,
) -> ParsedFile:
    """Check every row (see ``read_rows``).

    One long loop on purpose: it runs a million times, and a function call per field
    would double the time. Raise ``ValueImportError`` listing the first errors, each with
    its row and field.
    """
    errors = _Errors(file_name)
    iterator = iter(rows)
    try:
        header = next(iterator)
    except StopIteration:
        raise _file_error(file_name, _("filen är tom.")) from None
    at = _header(header, file_name)
    c_ind, c_place, c_period, c_value = (at[key] for key in REQUIRED)
    c_sex, c_status = at.get("sex"), at.get("status")
    width = max(at.values()) + 1
    column_indicator, column_place, column_period = _("indikator"), _("plats"), _("period")
    column_sex, column_value, column_status = _("kön"), _("värde"), _("status")

    # Every distinct text is looked up once and then remembered: the text's index for the
    # duplicate check, and what it stands for (an id, a period) for the row.
    indicator_keys, place_keys = IndicatorKeys(), PlaceKeys()
    indicators: dict[str, int] = {}
    indicator_ids: list[int] = []
    places: dict[str, int] = {}
    place_ids: list[int] = []
    unknown_indicators: set[str] = set()
    unknown_places: set[str] = set()
    periods: dict[str, int] = {}
    period_names: list[str] = []
    sexes: dict[str, int] = {"T": 0, "K": 1, "M": 2}
    sex_names = ["T", "K", "M"]
    statuses: dict[str, str] = {"": ""}
    seen: set[int] = set()
    seen_add = seen.add
    duplicates: list[tuple[int, int]] = []
    parsed = ParsedFile(file_name=file_name)
    append = parsed.rows.append
    number_append = parsed.row_numbers.append

    row_number = 1
    for row_number, row in enumerate(iterator, start=2):
        if len(row) < width:
            if not any(row):
                continue
            row = [*row, *[""] * (width - len(row))]
        raw = row[c_ind]
        i = indicators.get(raw)
        if i is None:
            found = indicator_keys.get(raw)
            if found is None:
                if not any(cell.strip() for cell in row):
                    continue  # a blank line, or a spreadsheet row with empty cells
                if raw not in unknown_indicators:
                    unknown_indicators.add(raw)
                    errors.add(
                        row_number,
                        column_indicator,
                        _("%(text)s finns inte i indikatorkatalogen (ange indikatorns kod).")
                        % {"text": _quoted(raw)}
                        if raw.strip()
                        else _("indikatorn saknas."),
                    )
                if errors.full:
                    break
                continue
            if found in indicator_ids:
                i = indicators[raw] = indicator_ids.index(found)
            else:
                i = indicators[raw] = len(indicator_ids)
                indicator_ids.append(found)
        raw = row[c_place]
        p = places.get(raw)
        if p is None:
            found = place_keys.get(raw)
            if found is None:
                if raw not in unknown_places:
                    unknown_places.add(raw)
                    errors.add(
                        row_number,
                        column_place,
                        _(
                            "%(text)s är ingen känd plats (ange kommun- eller regionkod som "
                            "0580 eller 0005, 0000 för riket, eller en organisations kortadress)."
                        )
                        % {"text": _quoted(raw)}
                        if raw.strip()
                        else _("platsen saknas."),
                    )
                if errors.full:
                    break
                continue
            if found in place_ids:
                p = places[raw] = place_ids.index(found)
            else:
                p = places[raw] = len(place_ids)
                place_ids.append(found)
        raw = row[c_period]
        period = periods.get(raw)
        if period is None:
            name = normalise_period(raw)
            if name is None:
                errors.add(
                    row_number,
                    column_period,
                    _("%(text)s är ingen period (skriv t.ex. 2024, 2024H1, 2024Q3 eller 2024M05).")
                    % {"text": _quoted(raw)},
                )
                if errors.full:
                    break
                continue
            if name in period_names:
                period = periods[raw] = period_names.index(name)
            else:
                period = periods[raw] = len(period_names)
                period_names.append(name)
        if c_sex is None:
            sex = 0
        else:
            raw = row[c_sex]
            found_sex = sexes.get(raw)
            if found_sex is None:
                name = normalise_sex(raw)
                if name is None:
                    errors.add(
                        row_number,
                        column_sex,
                        _("%(text)s är inget kön (skriv T, K eller M).") % {"text": _quoted(raw)},
                    )
                    if errors.full:
                        break
                    continue
                found_sex = sexes[raw] = sex_names.index(name)
            sex = found_sex
        raw = row[c_value]
        if raw:
            if "," in raw:
                raw = raw.replace(",", ".")
            try:
                number = float(raw)
            except ValueError:
                value: float | None = _number(raw)
            else:
                # float() also takes "nan", "inf" and "1_000"; none of them is a value.
                value = number if -LARGEST < number < LARGEST and "_" not in raw else None
            if value is None:
                errors.add(
                    row_number,
                    column_value,
                    _("%(text)s är inget tal.") % {"text": _quoted(row[c_value])},
                )
                if errors.full:
                    break
                continue
        else:
            value = None
        if c_status is None:
            status = ""
        else:
            raw = row[c_status]
            found_status = statuses.get(raw)
            if found_status is None:
                found_status = raw.strip()
                if len(found_status) > MAX_STATUS or any(c in found_status for c in "\t\n\\"):
                    errors.add(
                        row_number,
                        column_status,
                        _("%(text)s är ingen status (högst %(max)d tecken, t.ex. .. eller -).")
                        % {"text": _quoted(raw), "max": MAX_STATUS},
                    )
                    if errors.full:
                        break
                    continue
                statuses[raw] = found_status
            status = found_status
        key = ((i << 24 | p) << 20 | period) << 2 | sex  # _key_number, inlined
        if key in seen:
            duplicates.append((row_number, key))
            if len(errors.items) + len(duplicates) >= MAX_ERRORS:
                break
            continue
        seen_add(key)
        append(
            (indicator_ids[i], place_ids[p], period_names[period], sex_names[sex], value, status)
        )
        number_append(row_number)
        if progress is not None and row_number % PROGRESS_EVERY == 0:
            progress(row_number - 1, total)

    if duplicates:
        _report_duplicates(parsed, errors, duplicates, (indicator_ids, place_ids, period_names))
    errors.raise_if_any()
    if not parsed.rows:
        raise _file_error(file_name, _("filen har inga värden under rubrikraden."))
    if progress is not None:
        progress(row_number - 1, max(total, row_number - 1))
    return parsed


def _report_duplicates(
    parsed: ParsedFile,
    errors: _Errors,
    duplicates: list[tuple[int, int]],
    indexes: tuple[list[int], list[int], list[str]],
) -> None:
    """Name, for each repeated key, the row that had it first (the rare path of an error)."""
    indicator_ids, place_ids, period_names = indexes
    indicator_index = {pk: index for index, pk in enumerate(indicator_ids)}
    place_index = {pk: index for index, pk in enumerate(place_ids)}
    period_index = {name: index for index, name in enumerate(period_names)}
    sex_index = {"T": 0, "K": 1, "M": 2}
    wanted = {key for _row, key in duplicates}
    first: dict[int, int] = {}
    for position, (indicator, place, period, sex, _value, _status) in enumerate(parsed.rows):
        key = _key_number(
            indicator_index[indicator], place_index[place], period_index[period], sex_index[sex]
        )
        if key in wanted and key not in first:
            first[key] = parsed.row_numbers[position]
    for row_number, key in duplicates:
        errors.add(
            row_number,
            _("indikator"),
            _("samma indikator, plats, period och kön som på rad %(row)d.") % {"row": first[key]},
        )


def count_lines(path: Path) -> tuple[int, bool]:
    """Return the number of lines, to show progress against, and whether any quote
    character occurs (fast: no parsing)."""
    lines = 0
    quoted = False
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
            quoted = quoted or b'"' in chunk
    return lines, quoted


def _sniff_delimiter(first_line: str) -> str:
    if ";" in first_line:
        return ";"
    if "\t" in first_line:
        return "\t"
    return ","


def _csv_rows(handle: IO[str], file_name: str, *, quoted: bool = True) -> Iterator[list[str]]:
    """Yield the rows of a CSV file. Without a quote character anywhere in the file, a
    row is just its line split at the delimiter, which is quicker than the csv module."""
    first = handle.readline()
    handle.seek(0)
    delimiter = _sniff_delimiter(first)
    if not quoted:
        yield from map(
            methodcaller("split", delimiter), map(methodcaller("rstrip", "\r\n"), handle)
        )
        return
    reader = csv.reader(handle, delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as error:
        raise _file_error(
            file_name,
            _("rad %(row)d går inte att läsa som CSV: %(error)s")
            % {"row": reader.line_num, "error": error},
        ) from None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


def _xlsx_rows(path: Path, file_name: str) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise _file_error(file_name, _("filen går inte att öppna som Excel-fil (.xlsx).")) from None
    try:
        sheet = workbook.worksheets[0]
        for cells in sheet.iter_rows(values_only=True):
            yield [_cell(value) for value in cells]
    finally:
        workbook.close()


def read_file(path: Path, *, file_name: str, progress: Progress | None = None) -> ParsedFile:
    """Read and check a CSV or XLSX file of values; raise ``ValueImportError`` if it is wrong."""
    suffix = Path(file_name).suffix.lower()
    if suffix in XLSX_SUFFIXES:
        total = _xlsx_total(path)
        return read_rows(
            _xlsx_rows(path, file_name), file_name=file_name, total=total, progress=progress
        )
    if suffix not in CSV_SUFFIXES:
        raise _file_error(
            file_name, _("filen ska vara en CSV-fil (.csv) eller en Excel-fil (.xlsx).")
        )
    lines, quoted = count_lines(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return read_rows(
                _csv_rows(handle, file_name, quoted=quoted),
                file_name=file_name,
                total=max(lines - 1, 0),
                progress=progress,
            )
    except UnicodeDecodeError:
        raise _file_error(
            file_name,
            _("filen är inte kodad i UTF-8. Spara den som ”CSV UTF-8” och försök igen."),
        ) from None


def _xlsx_total(path: Path) -> int:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return 0
    try:
        return max((workbook.worksheets[0].max_row or 1) - 1, 0)
    finally:
        workbook.close()


def read_bytes(data: bytes, *, file_name: str) -> ParsedFile:
    """Read values from bytes in memory (tests, small uploads)."""
    if Path(file_name).suffix.lower() in XLSX_SUFFIXES:
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".xlsx") as temporary:
            temporary.write(data)
            temporary.flush()
            return read_file(Path(temporary.name), file_name=file_name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_error(
            file_name,
            _("filen är inte kodad i UTF-8. Spara den som ”CSV UTF-8” och försök igen."),
        ) from None
    return read_rows(_csv_rows(io.StringIO(text, newline=""), file_name), file_name=file_name)
