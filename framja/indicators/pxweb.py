"""Clients for PxWeb APIs (Statistics Sweden, Folkhälsomyndigheten's Folkhälsodata and others).

v1 lives at ``{host}/{api}/v1/{lang}/{db}``: a GET on a folder lists its contents, a GET on a
table gives its variables, and a POST with a query gives data. v2 has ``/tables?query=``,
``/tables/{id}/metadata`` and ``/tables/{id}/data``. Both answer data in JSON-stat 2.0, which
``parse_json_stat2`` reads; ``dataset_records`` turns a dataset into ``ValueRecord``s with
Kolada-style place codes, ``T``/``K``/``M`` for sex and periods such as ``2024Q3``.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from framja.indicators.http import (
    JsonClient,
    OpenDataError,
    RateLimit,
    ShapeReader,
    is_number,
    join,
    path_part,
    with_query,
)
from framja.indicators.records import ValueRecord

RESPONSE_FORMAT = "json-stat2"
FOLDER_ITEM_TYPES = ("l", "t", "h")  # level (folder), table, heading


def default_http() -> JsonClient:
    """Return a client within Statistics Sweden's limit of 30 calls per 10 seconds."""
    return JsonClient(rate_limit=RateLimit(calls=30, period=10.0))


# Metadata


@dataclass(frozen=True, slots=True)
class FolderItem:
    id: str
    type: str  # "l" folder, "t" table, "h" heading
    text: str


@dataclass(frozen=True, slots=True)
class Variable:
    code: str
    text: str
    values: tuple[str, ...]
    value_texts: tuple[str, ...]
    elimination: bool = False
    time: bool = False


@dataclass(frozen=True, slots=True)
class TableMetadata:
    title: str
    variables: tuple[Variable, ...]

    def variable(self, code: str) -> Variable | None:
        return next((item for item in self.variables if item.code == code), None)


@dataclass(frozen=True, slots=True)
class TableInfo:
    """A table found by a v2 search."""

    id: str
    label: str
    description: str = ""
    updated: str = ""
    first_period: str = ""
    last_period: str = ""
    variable_names: tuple[str, ...] = ()


# JSON-stat 2.0


@dataclass(frozen=True, slots=True)
class Dimension:
    id: str
    label: str
    codes: tuple[str, ...]  # in index order
    labels: Mapping[str, str] = field(default_factory=dict)
    elimination: bool | None = None

    def label_of(self, code: str) -> str:
        return self.labels.get(code, code)


@dataclass(frozen=True, slots=True)
class Cell:
    codes: Mapping[str, str]  # dimension id → category code
    value: float | None
    status: str


@dataclass(frozen=True, slots=True)
class Dataset:
    """A JSON-stat 2.0 dataset: values in row-major order, the last dimension varying fastest."""

    url: str
    label: str
    source: str
    updated: str
    ids: tuple[str, ...]
    sizes: tuple[int, ...]
    dimensions: Mapping[str, Dimension]
    values: tuple[float | None, ...]
    status: Mapping[int, str]
    roles: Mapping[str, tuple[str, ...]]

    def cells(self) -> Iterator[Cell]:
        """Yield every cell with its category codes, value and status."""
        categories = [self.dimensions[dimension].codes for dimension in self.ids]
        for position, codes in enumerate(itertools.product(*categories)):
            yield Cell(
                codes=dict(zip(self.ids, codes, strict=True)),
                value=self.values[position],
                status=self.status.get(position, ""),
            )

    def metadata(self) -> TableMetadata:
        """Return the dataset's dimensions as table variables (v2 metadata comes this way)."""
        times = set(self.roles.get("time", ()))
        return TableMetadata(
            title=self.label,
            variables=tuple(
                Variable(
                    code=dimension.id,
                    text=dimension.label,
                    values=dimension.codes,
                    value_texts=tuple(dimension.label_of(code) for code in dimension.codes),
                    elimination=bool(dimension.elimination),
                    time=dimension.id in times,
                )
                for dimension in (self.dimensions[name] for name in self.ids)
            ),
        )


def parse_json_stat2(data: Any, *, url: str, require_values: bool = True) -> Dataset:
    """Read a JSON-stat 2.0 dataset, checking its shape; raise OpenDataError naming the field."""
    reader = ShapeReader(url)
    root = reader.as_object(data, "")
    kind = root.get("class")
    if kind is not None and kind != "dataset":
        raise reader.wrong("class", _("”dataset”"), kind)
    ids = tuple(reader.texts(root, "id", ""))
    sizes_raw = reader.as_list(reader.required(root, "size", ""), "size")
    if len(sizes_raw) != len(ids) or not all(
        isinstance(size, int) and not isinstance(size, bool) and size >= 0 for size in sizes_raw
    ):
        raise reader.wrong(
            "size",
            _("en lista med ett antal per dimension (%(count)s stycken)") % {"count": len(ids)},
            found=_("en lista med %(count)s värden") % {"count": len(sizes_raw)},
        )
    sizes = tuple(int(size) for size in sizes_raw)
    dimension_root = reader.as_object(reader.required(root, "dimension", ""), "dimension")
    dimensions = {
        name: _dimension(reader, dimension_root, name, size)
        for name, size in zip(ids, sizes, strict=True)
    }
    cells = math.prod(sizes)
    values, text_status = _values(reader, root.get("value"), cells, require_values)
    status = {**text_status, **_status(reader, root.get("status"), cells)}
    roles: dict[str, tuple[str, ...]] = {}
    if root.get("role") is not None:
        role_root = reader.as_object(root["role"], "role")
        for role in role_root:
            roles[role] = tuple(reader.texts(role_root, role, "role"))
    return Dataset(
        url=url,
        label=reader.text(root, "label", "", default=""),
        source=reader.text(root, "source", "", default=""),
        updated=reader.text(root, "updated", "", default=""),
        ids=ids,
        sizes=sizes,
        dimensions=dimensions,
        values=values,
        status=status,
        roles=roles,
    )


def _dimension(
    reader: ShapeReader, dimension_root: dict[str, Any], name: str, size: int
) -> Dimension:
    path = join("dimension", name)
    dimension = reader.as_object(reader.required(dimension_root, name, "dimension"), path)
    category_path = join(path, "category")
    category = reader.as_object(reader.required(dimension, "category", path), category_path)
    labels: dict[str, str] = {}
    if category.get("label") is not None:
        label_root = reader.as_object(category["label"], join(category_path, "label"))
        labels = {
            code: reader.text(label_root, code, join(category_path, "label")) for code in label_root
        }
    index_path = join(category_path, "index")
    index = category.get("index")
    if index is None:
        # JSON-stat leaves the index out when a dimension has a single category.
        if len(labels) != 1:
            raise reader.missing(index_path)
        codes = tuple(labels)
    elif isinstance(index, list):
        codes = tuple(reader.texts(category, "index", category_path))
    elif isinstance(index, dict):
        positions = list(index.values())
        whole = all(isinstance(item, int) and not isinstance(item, bool) for item in positions)
        if not whole or sorted(positions) != list(range(len(positions))):
            raise reader.wrong(
                index_path,
                _("ett objekt med positionerna 0, 1, 2 …"),
                found=_("ett objekt med positionerna %(positions)s")
                % {"positions": ", ".join(map(str, positions))},
            )
        codes = tuple(sorted(index, key=lambda code: index[code]))
    else:
        raise reader.wrong(index_path, _("ett objekt eller en lista"), index)
    if len(codes) != size:
        raise reader.wrong(
            index_path,
            _("%(size)s kategorier, som i ”size”") % {"size": size},
            found=_("%(count)s kategorier") % {"count": len(codes)},
        )
    extension = dimension.get("extension")
    elimination = None
    if isinstance(extension, dict) and "elimination" in extension:
        elimination = reader.flag(extension, "elimination", join(path, "extension"))
    return Dimension(
        id=name,
        label=reader.text(dimension, "label", path, default=name),
        codes=codes,
        labels=labels,
        elimination=elimination,
    )


def _values(
    reader: ShapeReader, raw: Any, cells: int, require_values: bool
) -> tuple[tuple[float | None, ...], dict[int, str]]:
    """Return the values (sparse objects filled with nulls) and the status of text values."""
    if not require_values and (raw is None or raw == []):
        return (), {}
    if raw is None:
        raise reader.missing("value")
    if isinstance(raw, dict):
        entries: list[Any] = [None] * cells
        for key, item in raw.items():
            if not key.isdigit() or int(key) >= cells:
                raise reader.wrong(
                    "value",
                    _("ett objekt med positioner under %(cells)s") % {"cells": cells},
                    found=_("ett objekt med positionen ”%(key)s”") % {"key": key},
                )
            entries[int(key)] = item
    else:
        entries = reader.as_list(raw, "value")
        if len(entries) != cells:
            raise reader.wrong(
                "value",
                _("en lista med %(cells)s värden (produkten av ”size”)") % {"cells": cells},
                found=_("en lista med %(count)s värden") % {"count": len(entries)},
            )
    values: list[float | None] = []
    status: dict[int, str] = {}
    for position, item in enumerate(entries):
        if item is None:
            values.append(None)
        elif is_number(item):
            values.append(float(item))
        elif isinstance(item, str):
            # Some servers put the symbol for a missing value (".." or "-") in place of the value.
            number = _number(item)
            values.append(number)
            if number is None:
                status[position] = item.strip()
        else:
            raise reader.wrong(join("value", position), _("ett tal eller null"), item)
    return tuple(values), status


def _number(text: str) -> float | None:
    try:
        number = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _status(reader: ShapeReader, raw: Any, cells: int) -> dict[int, str]:
    """Return the status of each position that has one; JSON-stat allows object, list or text."""
    if raw is None:
        return {}
    if isinstance(raw, str):
        return dict.fromkeys(range(cells), raw)
    if isinstance(raw, list):
        result = {}
        for position, item in enumerate(raw):
            if item is not None and not isinstance(item, str):
                raise reader.wrong(join("status", position), _("en text eller null"), item)
            if item:
                result[position] = item
        return result
    status_root = reader.as_object(raw, "status")
    result = {}
    for key in status_root:
        if not key.isdigit() or int(key) >= cells:
            raise reader.wrong(
                "status",
                _("ett objekt med positioner under %(cells)s") % {"cells": cells},
                found=_("ett objekt med positionen ”%(key)s”") % {"key": key},
            )
        result[int(key)] = reader.text(status_root, key, "status", default="")
    return result


# From a dataset to value records


@dataclass(frozen=True, slots=True)
class DimensionMapping:
    """Which dimension holds the place, the period, the sex and the measure (content)."""

    region: str | None = None
    time: str | None = None
    sex: str | None = None
    content: str | None = None


REGION_NAMES = ("region", "lan", "län", "kommun", "geo")
TIME_NAMES = ("tid", "år", "ar", "year", "period")
SEX_NAMES = ("kön", "kon", "kjonn", "sex", "gender")
CONTENT_NAMES = ("contentscode", "tabellinnehåll", "contents")

RIKET = "0000"
RIKET_NAMES = frozenset({"riket", "hela riket", "sverige", "hela landet", "0", "00", "000"})
SEX_LABELS = {
    "K": frozenset({"kvinnor", "kvinna", "flickor", "women", "female", "females"}),
    "M": frozenset({"män", "man", "pojkar", "men", "male", "males"}),
    "T": frozenset(
        {
            "totalt",
            "total",
            "båda könen",
            "kvinnor och män",
            "män och kvinnor",
            "flickor och pojkar",
            "pojkar och flickor",
            "samtliga",
            "alla",
            "both sexes",
        }
    ),
}
# Statistics Sweden's codes: 1 = män, 2 = kvinnor, 1+2 = totalt.
SEX_CODES = {
    "1": "M",
    "01": "M",
    "m": "M",
    "2": "K",
    "02": "K",
    "k": "K",
    "1+2": "T",
    "t": "T",
    "tot": "T",
}


def normalise_region(code: str, label: str = "") -> str:
    """Return a Kolada-style place code: "0000" Riket, "00" + county code, or a kommun code.

    "21" or a label "21 Gävleborgs län" give "0021"; four-digit codes are kept; codes of other
    kinds (functional areas, foreign codes) come back unchanged.
    """
    code = code.strip()
    label = label.strip()
    leading = re.match(r"^(\d{2}|\d{4})\b", label)
    for candidate in (code, leading.group(1) if leading else ""):
        if candidate.lower() in RIKET_NAMES or candidate == RIKET:
            return RIKET
        if re.fullmatch(r"\d{2}", candidate):
            return f"00{candidate}"
        if re.fullmatch(r"\d{4}", candidate):
            return candidate
    if label.lower() in RIKET_NAMES:
        return RIKET
    return code


def normalise_sex(code: str, label: str = "") -> str | None:
    """Return "T", "K" or "M", trusting a clear label before the code; None if neither is known.

    Tables differ in their codes ("1"/"2", "01"/"02"), so the label decides when it says
    "kvinnor", "män" or "totalt"; the codes fall back on Statistics Sweden's convention.
    """
    text = label.strip().lower()
    for sex, names in SEX_LABELS.items():
        if text in names:
            return sex
    plain = code.strip().lower()
    for sex, names in SEX_LABELS.items():
        if plain in names:
            return sex
    return SEX_CODES.get(plain)


def normalise_period(code: str) -> str:
    """Return "2024", "2024H1", "2024Q3" or "2024M05" from PxWeb's time codes ("2024K3" …).

    Codes of other forms ("2021-2024", "2023/24") come back unchanged.
    """
    text = code.strip().upper()
    if re.fullmatch(r"\d{4}", text):
        return text
    if match := re.fullmatch(r"(\d{4})[KQ]([1-4])", text):
        return f"{match.group(1)}Q{match.group(2)}"
    if match := re.fullmatch(r"(\d{4})H([12])", text):
        return text
    if (match := re.fullmatch(r"(\d{4})M(\d{1,2})", text)) and 1 <= int(match.group(2)) <= 12:
        return f"{match.group(1)}M{int(match.group(2)):02d}"
    return code.strip()


def guess_mapping(dataset: Dataset, given: DimensionMapping | None = None) -> DimensionMapping:
    """Fill in what ``given`` leaves open from the roles and the usual Swedish variable codes."""
    given = given or DimensionMapping()
    for name in (given.region, given.time, given.sex, given.content):
        if name is not None and name not in dataset.dimensions:
            raise OpenDataError(
                dataset.url,
                _("Tabellen från %(url)s har ingen dimension ”%(name)s”; den har %(names)s.")
                % {"url": dataset.url, "name": name, "names": ", ".join(dataset.ids)},
            )

    def find(role: str | None, names: Sequence[str]) -> str | None:
        for candidate in dataset.roles.get(role, ()) if role else ():
            if candidate in dataset.dimensions:
                return candidate
        return next((name for name in dataset.ids if name.lower() in names), None)

    return DimensionMapping(
        region=given.region or find("geo", REGION_NAMES),
        time=given.time or find("time", TIME_NAMES),
        sex=given.sex or find(None, SEX_NAMES),
        content=given.content or find("metric", CONTENT_NAMES),
    )


def dataset_records(
    dataset: Dataset,
    mapping: DimensionMapping | None = None,
    *,
    indicator: str = "",
    place: str = "",
) -> Iterator[ValueRecord]:
    """Yield one ``ValueRecord`` per cell.

    The indicator is the content code when the table has a content dimension, otherwise
    ``indicator``; the place is the region code, or ``place`` for a table without regions. A
    dimension outside the mapping may have only one category, so that no two cells share a key.
    """
    mapped = guess_mapping(dataset, mapping)
    problem = _unmappable(dataset, mapped, indicator=indicator, place=place)
    if problem:
        raise OpenDataError(dataset.url, problem)
    dimensions = dataset.dimensions
    sexes: dict[str, str] = {}
    if mapped.sex is not None:
        sex_dimension = dimensions[mapped.sex]
        for code in sex_dimension.codes:
            sex = normalise_sex(code, sex_dimension.label_of(code))
            if sex is None:
                raise OpenDataError(
                    dataset.url,
                    _(
                        "Tabellen från %(url)s har ett okänt värde ”%(code)s” (%(label)s) i "
                        "dimensionen ”%(dimension)s”; väntade kvinnor, män eller totalt."
                    )
                    % {
                        "url": dataset.url,
                        "code": code,
                        "label": sex_dimension.label_of(code),
                        "dimension": mapped.sex,
                    },
                )
            sexes[code] = sex
    for cell in dataset.cells():
        codes = cell.codes
        if mapped.region is not None:
            region = dimensions[mapped.region]
            where = normalise_region(codes[mapped.region], region.label_of(codes[mapped.region]))
        else:
            where = place
        assert mapped.time is not None  # _unmappable made sure
        yield ValueRecord(
            indicator=codes[mapped.content] if mapped.content is not None else indicator,
            place=where,
            period=normalise_period(codes[mapped.time]),
            sex=sexes[codes[mapped.sex]] if mapped.sex is not None else "T",
            value=cell.value,
            status=cell.status,
        )


def _unmappable(dataset: Dataset, mapped: DimensionMapping, *, indicator: str, place: str) -> str:
    """Return why the dataset cannot become records, or an empty text."""
    url = dataset.url
    if mapped.time is None:
        return _(
            "Tabellen från %(url)s har ingen tidsdimension (som ”Tid” eller ”År”); ange vilken "
            "av %(names)s som är tid."
        ) % {"url": url, "names": ", ".join(dataset.ids)}
    if mapped.region is None and not place:
        return _(
            "Tabellen från %(url)s har ingen regiondimension (som ”Region”); ange vilken av "
            "%(names)s som är region, eller vilken plats värdena gäller."
        ) % {"url": url, "names": ", ".join(dataset.ids)}
    if mapped.content is None and not indicator:
        return _(
            "Tabellen från %(url)s har ingen innehållsdimension (”ContentsCode”); ange vilken "
            "indikator värdena gäller."
        ) % {"url": url}
    used = {mapped.region, mapped.time, mapped.sex, mapped.content}
    for name, size in zip(dataset.ids, dataset.sizes, strict=True):
        if name not in used and size > 1:
            return _(
                "Tabellen från %(url)s har %(size)s värden i dimensionen ”%(name)s”, som inte "
                "är region, tid, kön eller innehåll; välj ett enda värde för den i frågan."
            ) % {"url": url, "size": size, "name": name}
    return ""


# v1


@dataclass(frozen=True, slots=True)
class Selection:
    """One variable's part of a v1 query: a filter and its values."""

    code: str
    filter: str
    values: tuple[str, ...]

    @classmethod
    def item(cls, code: str, *values: str) -> Selection:
        """Select these value codes."""
        if not values:
            raise ValueError(_("Ange minst ett värde för %(code)s.") % {"code": code})
        return cls(code, "item", values)

    @classmethod
    def all(cls, code: str, pattern: str = "*") -> Selection:
        """Select every value matching a wildcard pattern, such as ``*`` or ``01*``."""
        return cls(code, "all", (pattern,))

    @classmethod
    def top(cls, code: str, count: int) -> Selection:
        """Select the latest ``count`` values (of a time variable)."""
        if count < 1:
            raise ValueError(_("Antalet för top måste vara minst 1."))
        return cls(code, "top", (str(count),))

    @classmethod
    def agg(cls, code: str, aggregation: str, *values: str) -> Selection:
        """Select groups of an aggregation, such as ``agg:RegionLän`` for counties."""
        return cls(code, f"agg:{aggregation}", values)

    @classmethod
    def vs(cls, code: str, value_set: str, *values: str) -> Selection:
        """Select values of a value set, such as ``vs:RegionKommun07``."""
        return cls(code, f"vs:{value_set}", values)


def build_v1_query(selections: Iterable[Selection]) -> dict[str, Any]:
    """Return the JSON body of a v1 data query, always asking for json-stat2."""
    return {
        "query": [
            {"code": item.code, "selection": {"filter": item.filter, "values": list(item.values)}}
            for item in selections
        ],
        "response": {"format": RESPONSE_FORMAT},
    }


class PxWebV1Client:
    """Read a v1 database, such as ``https://api.scb.se/OV0104/v1/doris/sv/ssd``."""

    def __init__(self, base_url: str, *, http: JsonClient | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = http if http is not None else default_http()

    def url(self, path: str = "") -> str:
        parts = [path_part(part) for part in path.strip("/").split("/") if part]
        return "/".join([self.base_url, *parts])

    def list_folder(self, path: str = "") -> list[FolderItem]:
        """Return the folders and tables in a folder (``path`` such as ``BE/BE0101``)."""
        url = self.url(path)
        reader = ShapeReader(url)
        items = reader.as_list(self.http.get(url), "")
        result = []
        for index, raw in enumerate(items):
            where = f"[{index}]"
            item = reader.as_object(raw, where)
            kind = reader.text(item, "type", where)
            if kind not in FOLDER_ITEM_TYPES:
                raise reader.wrong(join(where, "type"), _("l, t eller h"), kind)
            result.append(
                FolderItem(
                    id=reader.text(item, "id", where),
                    type=kind,
                    text=reader.text(item, "text", where, default=""),
                )
            )
        return result

    def table_metadata(self, path: str) -> TableMetadata:
        """Return a table's title and variables."""
        url = self.url(path)
        reader = ShapeReader(url)
        root = reader.as_object(self.http.get(url), "")
        variables = []
        raw_variables = reader.as_list(reader.required(root, "variables", ""), "variables")
        for index, raw in enumerate(raw_variables):
            where = join("variables", index)
            item = reader.as_object(raw, where)
            values = reader.texts(item, "values", where)
            texts = reader.texts(item, "valueTexts", where)
            if len(texts) != len(values):
                raise reader.wrong(
                    join(where, "valueTexts"),
                    _("en lista med %(count)s texter, lika många som ”values”")
                    % {"count": len(values)},
                    found=_("en lista med %(count)s") % {"count": len(texts)},
                )
            variables.append(
                Variable(
                    code=reader.text(item, "code", where),
                    text=reader.text(item, "text", where, default=""),
                    values=tuple(values),
                    value_texts=tuple(texts),
                    elimination=reader.flag(item, "elimination", where),
                    time=reader.flag(item, "time", where),
                )
            )
        return TableMetadata(
            title=reader.text(root, "title", "", default=""), variables=tuple(variables)
        )

    def query(self, path: str, selections: Iterable[Selection]) -> Dataset:
        """POST a query for a table and return the json-stat2 dataset."""
        url = self.url(path)
        return parse_json_stat2(self.http.post(url, build_v1_query(selections)), url=url)


# v2

ALL = "*"


def top(count: int) -> str:
    return f"top({count})"


def bottom(count: int) -> str:
    return f"bottom({count})"


def from_value(code: str) -> str:
    return f"from({code})"


def to_value(code: str) -> str:
    return f"to({code})"


def range_values(first: str, last: str) -> str:
    return f"range({first},{last})"


EXPRESSION = re.compile(r"^(top|bottom|from|to|range)\(.*\)$")


def _value_code_list(codes: Sequence[str]) -> str:
    """Join codes for a GET parameter; a code that holds a comma goes in brackets."""
    return ",".join(
        f"[{code}]" if "," in code and not EXPRESSION.match(code) else code for code in codes
    )


class PxWebV2Client:
    """Read a v2 API, such as ``https://statistikdatabasen.scb.se/api/v2``."""

    def __init__(self, base_url: str, *, http: JsonClient | None = None, lang: str = "sv") -> None:
        self.base_url = base_url.rstrip("/")
        self.http = http if http is not None else default_http()
        self.lang = lang

    def table_url(self, table_id: str, *rest: str) -> str:
        return "/".join([self.base_url, "tables", path_part(table_id), *rest])

    def search_tables(
        self, query: str, *, page_size: int | None = None, max_pages: int = 100
    ) -> list[TableInfo]:
        """Return the tables matching the words, following the pages' ``next`` links."""
        params = [("lang", self.lang), ("query", query)]
        if page_size:
            params.append(("pageSize", str(page_size)))
        url: str | None = with_query(f"{self.base_url}/tables", params)
        tables: list[TableInfo] = []
        seen: set[str] = set()
        while url and len(seen) < max_pages:
            seen.add(url)
            reader = ShapeReader(url)
            root = reader.as_object(self.http.get(url), "")
            for index, raw in enumerate(
                reader.as_list(reader.required(root, "tables", ""), "tables")
            ):
                tables.append(self._table_info(reader, raw, join("tables", index)))
            following = self._next_page(reader, root)
            url = following if following not in seen else None
        return tables

    def table_metadata(self, table_id: str) -> TableMetadata:
        """Return a table's variables, read from its json-stat2 metadata."""
        url = with_query(self.table_url(table_id, "metadata"), [("lang", self.lang)])
        return parse_json_stat2(self.http.get(url), url=url, require_values=False).metadata()

    def data(
        self,
        table_id: str,
        value_codes: Mapping[str, Sequence[str]],
        *,
        codelists: Mapping[str, str] | None = None,
    ) -> Dataset:
        """GET data with ``valueCodes[VAR]=…``; codes may be expressions such as ``top(5)``."""
        params = [("lang", self.lang), ("outputFormat", RESPONSE_FORMAT)]
        for variable, codes in value_codes.items():
            params.append((f"valueCodes[{variable}]", _value_code_list(codes)))
        for variable, codelist in (codelists or {}).items():
            params.append((f"codelist[{variable}]", codelist))
        url = with_query(self.table_url(table_id, "data"), params)
        return parse_json_stat2(self.http.get(url), url=url)

    def query(
        self,
        table_id: str,
        selection: Mapping[str, Sequence[str]],
        *,
        codelists: Mapping[str, str] | None = None,
    ) -> Dataset:
        """POST a selection, for selections too long for a URL."""
        url = with_query(
            self.table_url(table_id, "data"),
            [("lang", self.lang), ("outputFormat", RESPONSE_FORMAT)],
        )
        return parse_json_stat2(
            self.http.post(url, build_v2_selection(selection, codelists)), url=url
        )

    @staticmethod
    def _table_info(reader: ShapeReader, raw: Any, where: str) -> TableInfo:
        item = reader.as_object(raw, where)
        names = reader.texts(item, "variableNames", where) if "variableNames" in item else []
        return TableInfo(
            id=reader.text(item, "id", where),
            label=reader.text(item, "label", where, default=""),
            description=reader.text(item, "description", where, default=""),
            updated=reader.text(item, "updated", where, default=""),
            first_period=reader.text(item, "firstPeriod", where, default=""),
            last_period=reader.text(item, "lastPeriod", where, default=""),
            variable_names=tuple(names),
        )

    @staticmethod
    def _next_page(reader: ShapeReader, root: dict[str, Any]) -> str | None:
        page = root.get("page")
        if page is None:
            return None
        page = reader.as_object(page, "page")
        links = reader.as_list(page.get("links", []), join("page", "links"))
        for index, raw in enumerate(links):
            where = join(join("page", "links"), index)
            link = reader.as_object(raw, where)
            if reader.text(link, "rel", where, default="") == "next":
                return reader.text(link, "href", where)
        return None


def build_v2_selection(
    selection: Mapping[str, Sequence[str]], codelists: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Return the JSON body of a v2 data query."""
    body = []
    for variable, codes in selection.items():
        entry: dict[str, Any] = {"variableCode": variable, "valueCodes": list(codes)}
        if codelists and variable in codelists:
            entry["codelist"] = codelists[variable]
        body.append(entry)
    return {"selection": body}
