"""Read a Word action plan (.docx) whose table has the five familiar columns.

Header wording varies between regions and years ("Uppföljning av aktiviteter",
"Prioriterat område/patientlöften"), cells hold bullet lists and paragraphs, cells may be
merged across rows, and there may be extra columns and text before the table. Everything
that is not recognised is kept as text on the row; nothing is dropped.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table, _Cell

from framja.catalog.models import NationalEffortArea, PatientPromise, PublicHealthTargetArea
from framja.organisations.models import Organisation
from framja.plans import services
from framja.plans.models import Plan, Rating

COLUMN_KEYS = {
    "effort_area": ("insatsområde",),
    "priority": ("prioriterat område", "prioriterade områden"),
    "activities": ("aktivitet",),
    "follow_up": ("uppföljning",),
    "status": ("status",),
}
PROMISES_MARKER = re.compile(r"^patientlöften\s*:?\s*$", re.IGNORECASE)
TARGET_AREAS_MARKER = re.compile(r"^målområden\s*:", re.IGNORECASE)
WHOLE_YEAR = re.compile(r"^pågår (under )?hela (året|\d{4})\.?$", re.IGNORECASE)
EXPORTED_ACTIVITY = re.compile(
    r"^(?P<done>Klar: )?(?P<text>.*?)(?P<year> – hela året)?(?: – försenad)?$"
)
BULLET_STYLES = ("list", "lista")


class ImportError_(ValueError):
    """The file cannot be read as an action plan; the message says why, in Swedish."""


@dataclass
class ParsedActivity:
    text: str
    whole_year: bool = False
    done: bool = False


@dataclass
class ParsedRow:
    title: str
    description: str = ""
    effort_area_id: int | None = None
    effort_area_name: str = ""
    effort_area_note: str = ""
    promise_ids: list[int] = field(default_factory=list)
    promise_texts: list[str] = field(default_factory=list)
    unrecognised_promises: list[str] = field(default_factory=list)
    target_area_numbers: list[int] = field(default_factory=list)
    status_rating: str = ""
    status_date: str = ""
    status_comment: str = ""
    activities: list[ParsedActivity] = field(default_factory=list)
    follow_up: str = ""


@dataclass
class ParsedPlan:
    file_name: str
    intro: str
    rows: list[ParsedRow]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ParsedPlan:
        rows = [
            ParsedRow(**{**row, "activities": [ParsedActivity(**a) for a in row["activities"]]})
            for row in data["rows"]
        ]
        return cls(file_name=data["file_name"], intro=data["intro"], rows=rows)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip().lower()


def _column_map(table: Table) -> dict[str, int] | None:
    """Return the column index of each of the five kinds, or None if this is not the table."""
    if not table.rows:
        return None
    headings = [_norm(cell.text) for cell in table.rows[0].cells]
    found: dict[str, int] = {}
    for key, words in COLUMN_KEYS.items():
        for index, heading in enumerate(headings):
            if index in found.values():
                continue
            if any(word in heading for word in words):
                found[key] = index
                break
    required = {"priority", "activities"}
    return found if required <= set(found) and len(found) >= 4 else None


def _lines(cell: _Cell) -> list[tuple[bool, str]]:
    """Return (is_bullet, text) for each non-empty paragraph of a cell."""
    result = []
    for paragraph in cell.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "").lower()
        numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        bullet = numbered or any(s in style for s in BULLET_STYLES) or text[:1] in "•·"
        result.append((bullet, text.lstrip("•·- ").strip() if bullet else text))
    return result


def _as_text(lines: list[tuple[bool, str]]) -> str:
    return "\n".join(f"- {text}" if bullet else text for bullet, text in lines)


class _Catalogue:
    def __init__(self, organisation: Organisation) -> None:
        owners = [*organisation.ancestor_ids, organisation.pk]
        self.promises = list(PatientPromise.objects.valid().filter(owner_id__in=owners))
        self.effort_areas = list(NationalEffortArea.objects.valid())

    def promise(self, text: str) -> PatientPromise | None:
        wanted = _norm(text)
        matches = [
            p
            for p in self.promises
            if _norm(p.text).startswith(wanted) or wanted.startswith(_norm(p.text))
        ]
        exact = [p for p in matches if _norm(p.text) == wanted]
        return (exact or matches or [None])[0]

    def effort_area(self, text: str) -> NationalEffortArea | None:
        wanted = _norm(text)
        for area in self.effort_areas:
            if _norm(area.name) == wanted:
                return area
        return None


STATUS_LINE = re.compile(
    r"^(?:[○●▲■✓✕]\s*)?(?P<label>[^(\n]+?)\s*(?:\((?P<date>\d{4}-\d{2}-\d{2})\))?$"
)


def _status(text: str) -> tuple[str, str, str] | None:
    """Return (rating, ISO date or "", comment) if the first line names a status."""
    first, _newline, rest = text.partition("\n")
    match = STATUS_LINE.match(first.strip())
    if match is None:
        return None
    labels = {_norm(str(label)): value for value, label in Rating.choices}
    rating = labels.get(_norm(match.group("label")))
    if rating is None:
        return None
    return rating, match.group("date") or "", rest.strip()


def _parse_row(
    cells: list[_Cell], columns: dict[str, int], catalogue: _Catalogue
) -> ParsedRow | None:
    def lines(key: str) -> list[tuple[bool, str]]:
        index = columns.get(key)
        return _lines(cells[index]) if index is not None and index < len(cells) else []

    priority = lines("priority")
    if not priority:
        return None
    row = ParsedRow(title=priority[0][1])
    description: list[tuple[bool, str]] = []
    in_promises = False
    for bullet, text in priority[1:]:
        if PROMISES_MARKER.match(text):
            in_promises = True
            continue
        if TARGET_AREAS_MARKER.match(text):
            in_promises = False
            numbers = [int(n) for n in re.findall(r"(?:^|[:,;]\s*)(\d+)\.", text)]
            if numbers:
                row.target_area_numbers = numbers
                continue
            description.append((bullet, text))
            continue
        if in_promises:
            promise = catalogue.promise(text)
            if promise is not None and promise.pk not in row.promise_ids:
                row.promise_ids.append(promise.pk)
                row.promise_texts.append(promise.text)
            elif promise is None:
                row.unrecognised_promises.append(text)
            continue
        description.append((bullet, text))
    if row.unrecognised_promises:
        description.append((False, _("Patientlöften som inte kändes igen:")))
        description += [(True, text) for text in row.unrecognised_promises]

    effort_lines = [text for _bullet, text in lines("effort_area")]
    notes = []
    for text in effort_lines:
        area = catalogue.effort_area(text)
        if area is not None and row.effort_area_id is None:
            row.effort_area_id, row.effort_area_name = area.pk, area.name
        elif area is None or area.pk != row.effort_area_id:
            notes.append(text)
    row.effort_area_note = ", ".join(notes)[:300]

    whole_year = False
    for _bullet, text in lines("activities"):
        if WHOLE_YEAR.match(text):
            whole_year = True
            continue
        exported = EXPORTED_ACTIVITY.match(text)
        assert exported is not None
        row.activities.append(
            ParsedActivity(
                text=exported.group("text"),
                whole_year=whole_year or bool(exported.group("year")),
                done=bool(exported.group("done")),
            )
        )
    row.follow_up = _as_text(lines("follow_up"))
    status = _as_text(lines("status"))
    extra = [
        _as_text(_lines(cell))
        for index, cell in enumerate(cells)
        if index not in columns.values() and _lines(cell)
    ]
    if status:
        recognised = _status(status)
        if recognised is None:
            description.append((False, _("Status i dokumentet: %(status)s") % {"status": status}))
        else:
            row.status_rating, row.status_date, row.status_comment = recognised
    for text in extra:
        description.append((False, text))
    row.description = _as_text(description)
    return row


def parse_plan_docx(data: bytes, *, file_name: str, organisation: Organisation) -> ParsedPlan:
    """Read the action-plan table of a Word file; raise ImportError_ if there is none."""
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise ImportError_(
            _("%(file)s är ingen Word-fil (.docx) som går att läsa.") % {"file": file_name}
        ) from None
    catalogue = _Catalogue(organisation)
    rows: list[ParsedRow] = []
    for table in document.tables:
        columns = _column_map(table)
        if columns is None:
            continue
        previous: tuple[int, ...] = ()
        for table_row in table.rows[1:]:
            cells = list(table_row.cells)
            # A cell merged down over several rows comes back once per row; a row whose
            # priority cell is the same cell as the previous row's continues it.
            identity = tuple(id(cell._tc) for cell in cells)
            if identity == previous:
                continue
            previous = identity
            if columns and _column_map_header_repeat(cells, columns):
                continue
            parsed = _parse_row(cells, columns, catalogue)
            if parsed is not None:
                rows.append(parsed)
    if not rows:
        raise ImportError_(
            _(
                "%(file)s har ingen tabell med kolumnerna Nationellt insatsområde, Prioriterat "
                "område, Aktiviteter, Uppföljning och Status."
            )
            % {"file": file_name}
        )
    intro = "\n".join(p.text.strip() for p in document.paragraphs if p.text.strip())
    return ParsedPlan(file_name=file_name, intro=intro, rows=rows)


def _column_map_header_repeat(cells: list[_Cell], columns: dict[str, int]) -> bool:
    """Return whether a row is the header repeated (Word documents split over pages)."""
    index = columns["priority"]
    return index < len(cells) and "prioriterat område" in _norm(cells[index].text)


@transaction.atomic
def create_plan_from_import(
    *,
    actor: Any,
    organisation: Organisation,
    parsed: ParsedPlan,
    year: int,
    title: str,
) -> Plan:
    """Create a draft plan from a parsed Word file, all or nothing."""
    sections = [(_("Text före tabellen"), parsed.intro)] if parsed.intro else []
    plan = services.plan_create(
        actor=actor,
        organisation=organisation,
        year=year,
        title=title,
        sections=sections,
        document_name=parsed.file_name[:300],
    )
    promises = PatientPromise.objects.in_bulk([i for r in parsed.rows for i in r.promise_ids])
    areas = NationalEffortArea.objects.in_bulk(
        [r.effort_area_id for r in parsed.rows if r.effort_area_id]
    )
    target_areas = {a.number: a for a in PublicHealthTargetArea.objects.valid()}
    for parsed_row in parsed.rows:
        row = services.row_create(
            actor=actor,
            plan=plan,
            title=parsed_row.title[:300],
            description=parsed_row.description,
            effort_area=areas.get(parsed_row.effort_area_id or 0),
            effort_area_note=parsed_row.effort_area_note,
            follow_up=parsed_row.follow_up,
            patient_promises=[promises[i] for i in parsed_row.promise_ids if i in promises],
            target_areas=[
                target_areas[n] for n in parsed_row.target_area_numbers if n in target_areas
            ],
        )
        if parsed_row.status_rating:
            services.status_add(
                actor=actor,
                row=row,
                rating=parsed_row.status_rating,
                comment=parsed_row.status_comment,
                date=(
                    datetime.date.fromisoformat(parsed_row.status_date)
                    if parsed_row.status_date
                    else None
                ),
            )
        for activity in parsed_row.activities:
            created = services.activity_create(
                actor=actor, row=row, text=activity.text, whole_year=activity.whole_year
            )
            if activity.done:
                services.activity_set_done(actor=actor, activity=created, done=True)
    return plan
