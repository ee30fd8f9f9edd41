"""Client for Kolada's API v3: key figures (KPIs) for municipalities, regions and units.

Every answer is an envelope ``{"values": [...], "count": n, "next_url": ..., "previous_url": ...}``
and the client follows ``next_url`` until it is null or absent. Ids go comma-separated into the
path, at most 25 in one part, so longer lists are split and the requests combined. Values come
out as ``ValueRecord``s, one per gender, from a generator.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.utils.translation import gettext as _

from framja.indicators.http import JsonClient, OpenDataError, Params, ShapeReader, join, path_part
from framja.indicators.records import ValueRecord

MAX_IDS_PER_PART = 25
GENDERS = ("T", "K", "M")

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class Kpi:
    """A key figure as Kolada describes it."""

    id: str
    title: str
    description: str = ""
    is_divided_by_gender: bool = False
    municipality_type: str = ""  # "K" kommun, "L" region, "A" both
    auspice: str = ""
    operating_area: str = ""
    perspective: str = ""
    publication_date: str = ""
    publ_period: str = ""
    has_ou_data: bool = False


@dataclass(frozen=True, slots=True)
class Municipality:
    """A municipality ("K"), a region ("L", ids "00" + county code) or Riket ("0000")."""

    id: str
    title: str
    type: str


@dataclass(frozen=True, slots=True)
class OrganisationalUnit:
    """A unit (a school, a care home …) that has key figures of its own."""

    id: str
    title: str
    municipality: str


def chunked(ids: Iterable[str | int], size: int = MAX_IDS_PER_PART) -> list[list[str]]:
    """Return the ids without repeats, as text, in lists of at most ``size``."""
    unique = list(dict.fromkeys(str(item).strip() for item in ids))
    if any(not item for item in unique):
        raise ValueError(_("En tom kod kan inte skickas till Kolada."))
    return [unique[start : start + size] for start in range(0, len(unique), size)]


def _id_part(ids: list[str]) -> str:
    return ",".join(path_part(item) for item in ids)


class KoladaClient:
    """Read metadata and values from Kolada.

    ``base_url`` defaults to the ``KOLADA_BASE_URL`` setting; ``http`` carries the transport,
    so tests give it a fake one.
    """

    def __init__(
        self, *, base_url: str | None = None, http: JsonClient | None = None, per_page: int = 5000
    ) -> None:
        self.base_url = (base_url or settings.KOLADA_BASE_URL).rstrip("/")
        self.http = http if http is not None else JsonClient()
        self.per_page = per_page

    # Metadata

    def search_kpis(self, title: str, *, progress: Progress | None = None) -> list[Kpi]:
        """Return every KPI whose title contains the words (``/kpi?title=``)."""
        return [
            self._kpi(reader, item, path)
            for reader, item, path in self._items(
                f"{self.base_url}/kpi", self._metadata_params(title=title), _Counter(progress)
            )
        ]

    def kpis(self, ids: Iterable[str], *, progress: Progress | None = None) -> list[Kpi]:
        """Return the KPIs with these ids (``/kpi/{ids}``, 25 ids at a time)."""
        result = []
        counter = _Counter(progress)
        for chunk in chunked(ids):
            url = f"{self.base_url}/kpi/{_id_part(chunk)}"
            for reader, item, path in self._items(url, self._metadata_params(), counter):
                result.append(self._kpi(reader, item, path))
        return result

    def municipalities(
        self, *, title: str = "", progress: Progress | None = None
    ) -> list[Municipality]:
        """Return municipalities, regions and Riket (``/municipality``), optionally by title."""
        return [
            Municipality(
                id=reader.text(item, "id", path),
                title=reader.text(item, "title", path),
                type=reader.text(item, "type", path, default=""),
            )
            for reader, item, path in self._items(
                f"{self.base_url}/municipality",
                self._metadata_params(title=title),
                _Counter(progress),
            )
        ]

    def organisational_units(
        self, *, municipality: str = "", title: str = "", progress: Progress | None = None
    ) -> list[OrganisationalUnit]:
        """Return the units (``/ou``), optionally of one municipality or by title."""
        params = self._metadata_params(title=title)
        if municipality:
            params.append(("municipality", municipality))
        return [
            OrganisationalUnit(
                id=reader.text(item, "id", path),
                title=reader.text(item, "title", path),
                municipality=reader.text(item, "municipality", path, default=""),
            )
            for reader, item, path in self._items(f"{self.base_url}/ou", params, _Counter(progress))
        ]

    # Values

    def data(
        self,
        *,
        kpis: Iterable[str] = (),
        municipalities: Iterable[str] = (),
        years: Iterable[int | str] = (),
        from_date: datetime.date | str | None = None,
        progress: Progress | None = None,
    ) -> Iterator[ValueRecord]:
        """Yield values of KPIs × municipalities/regions × years; give at least two of the three.

        With ``from_date`` only values changed since that day come back, deleted ones as records
        with ``deleted=True``. ``progress`` is called with the number of pages read so far.
        """
        yield from self._values(
            "data",
            (("kpi", kpis), ("municipality", municipalities), ("year", years)),
            place_key="municipality",
            from_date=from_date,
            progress=progress,
        )

    def ou_data(
        self,
        *,
        kpis: Iterable[str] = (),
        units: Iterable[str] = (),
        years: Iterable[int | str] = (),
        from_date: datetime.date | str | None = None,
        progress: Progress | None = None,
    ) -> Iterator[ValueRecord]:
        """Yield the values of KPIs × organisational units × years (``/oudata``), as ``data``."""
        yield from self._values(
            "oudata",
            (("kpi", kpis), ("ou", units), ("year", years)),
            place_key="ou",
            from_date=from_date,
            progress=progress,
        )

    def _values(
        self,
        endpoint: str,
        parts: Sequence[tuple[str, Iterable[str | int]]],
        *,
        place_key: str,
        from_date: datetime.date | str | None,
        progress: Progress | None,
    ) -> Iterator[ValueRecord]:
        given = [(name, chunked(ids)) for name, ids in parts]
        given = [(name, chunks) for name, chunks in given if chunks]
        if len(given) < 2:
            raise ValueError(
                _("Ange minst två av nyckeltal, %(places)s och år för att hämta värden ur Kolada.")
                % {"places": _("enheter") if place_key == "ou" else _("kommuner eller regioner")}
            )
        params: list[tuple[str, str]] = []
        if from_date:
            day = from_date.isoformat() if isinstance(from_date, datetime.date) else from_date
            params.append(("from_date", day))
        counter = _Counter(progress)
        names = [name for name, _chunks in given]
        for combination in itertools.product(*(chunks for _name, chunks in given)):
            path = "/".join(
                f"{name}/{_id_part(ids)}" for name, ids in zip(names, combination, strict=True)
            )
            url = f"{self.base_url}/{endpoint}/{path}"
            for reader, values, page_path in self._pages(url, params, counter):
                yield from self._records(reader, values, page_path, place_key)

    def _records(
        self, reader: ShapeReader, items: list[Any], path: str, place_key: str
    ) -> list[ValueRecord]:
        """Return the records of one page; the whole page is read before any is given out."""
        records = []
        for index, raw in enumerate(items):
            where = join(path, index)
            item = reader.as_object(raw, where)
            kpi = reader.text(item, "kpi", where)
            place = reader.text(item, place_key, where)
            period = self._period(reader, item, where)
            item_deleted = _deleted(reader, item, where, default=False)
            values_path = join(where, "values")
            for position, raw_value in enumerate(
                reader.as_list(reader.required(item, "values", where), values_path)
            ):
                value_path = join(values_path, position)
                entry = reader.as_object(raw_value, value_path)
                gender = reader.text(entry, "gender", value_path)
                if gender not in GENDERS:
                    raise reader.wrong(join(value_path, "gender"), _("T, K eller M"), gender)
                deleted = _deleted(reader, entry, value_path, default=item_deleted)
                value = (
                    reader.number_or_null(entry, "value", value_path)
                    if "value" in entry or not deleted
                    else None
                )
                records.append(
                    ValueRecord(
                        indicator=kpi,
                        place=place,
                        period=period,
                        sex=gender,
                        value=value,
                        status=reader.text(entry, "status", value_path, default=""),
                        deleted=deleted,
                    )
                )
        return records

    @staticmethod
    def _period(reader: ShapeReader, item: dict[str, Any], where: str) -> str:
        value = reader.required(item, "period", where)
        if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip():
            raise reader.wrong(join(where, "period"), _("ett årtal"), value)
        return str(value).strip()

    @staticmethod
    def _kpi(reader: ShapeReader, item: dict[str, Any], path: str) -> Kpi:
        def text(key: str) -> str:
            return reader.text(item, key, path, default="")

        return Kpi(
            id=reader.text(item, "id", path),
            title=reader.text(item, "title", path),
            description=text("description"),
            is_divided_by_gender=reader.flag(item, "is_divided_by_gender", path),
            municipality_type=text("municipality_type"),
            auspice=text("auspice"),
            operating_area=text("operating_area"),
            perspective=text("perspective"),
            publication_date=text("publication_date"),
            publ_period=text("publ_period"),
            has_ou_data=reader.flag(item, "has_ou_data", path),
        )

    # Paging

    def _metadata_params(self, *, title: str = "") -> list[tuple[str, str]]:
        params = [("title", title)] if title else []
        params.append(("per_page", str(self.per_page)))
        return params

    def _items(
        self, url: str, params: Params, counter: _Counter
    ) -> Iterator[tuple[ShapeReader, dict[str, Any], str]]:
        """Yield each item of every page as an object, with the reader and its path."""
        for reader, values, path in self._pages(url, params, counter):
            for index, item in enumerate(values):
                yield reader, reader.as_object(item, join(path, index)), join(path, index)

    def _pages(
        self, url: str, params: Params, counter: _Counter
    ) -> Iterator[tuple[ShapeReader, list[Any], str]]:
        """Yield the ``values`` of each page, following ``next_url`` until it is null or absent."""
        next_url: str | None = url
        first = True
        seen: set[str] = set()
        while next_url:
            page = self.http.get(next_url, params if first else None)
            current = next_url
            seen.add(current)
            first = False
            reader = ShapeReader(current)
            envelope = reader.as_object(page, "")
            values = reader.as_list(reader.required(envelope, "values", ""), "values")
            following = envelope.get("next_url")
            if following is not None and not isinstance(following, str):
                raise reader.wrong("next_url", _("en webbadress eller null"), following)
            next_url = urljoin(current, following) if following else None
            if next_url in seen:
                raise OpenDataError(
                    current,
                    _("Svaret från %(url)s pekar i next_url tillbaka på en sida som redan lästs.")
                    % {"url": current},
                )
            counter.page_done()
            yield reader, values, "values"


class _Counter:
    """Count pages across several requests and tell the caller's progress callback."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.pages = 0

    def page_done(self) -> None:
        self.pages += 1
        if self.progress is not None:
            self.progress(self.pages)


def _deleted(reader: ShapeReader, obj: dict[str, Any], path: str, *, default: bool) -> bool:
    """Return the deletion flag: ``isdeleted`` (boolean) or, in older answers, ``is_deleted``."""
    if "isdeleted" not in obj and "is_deleted" not in obj:
        return default
    return reader.flag(obj, "isdeleted", path) or reader.flag(obj, "is_deleted", path)
