"""Compare two versions of a plan: what was added, removed and changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

META_LABELS = {
    "title": _("Titel"),
    "year": _("År"),
    "document_name": _("Dokumentnamn"),
    "document_type": _("Typ av dokument"),
    "created_by_text": _("Skapad av"),
    "document_owner": _("Dokumentägare"),
    "valid_until": _("Giltig t.o.m."),
    "revised_date": _("Reviderat datum"),
    "version": _("Version"),
    "keywords": _("Sökord"),
    "adopted_by": _("Fastställd av"),
}
ROW_LABELS = {
    "title": _("Prioriterat område"),
    "description": _("Beskrivning"),
    "effort_area": _("Nationellt insatsområde"),
    "effort_area_note": _("Kommentar till insatsområdet"),
    "patient_promises": _("Patientlöften"),
    "target_areas": _("Målområden"),
    "follow_up": _("Uppföljning"),
    "activities": _("Aktiviteter"),
}


@dataclass
class FieldChange:
    label: str
    old: Any
    new: Any


@dataclass
class RowChange:
    title: str
    changes: list[FieldChange]


@dataclass
class Comparison:
    meta: list[FieldChange] = field(default_factory=list)
    sections: list[FieldChange] = field(default_factory=list)
    focus_added: list[str] = field(default_factory=list)
    focus_removed: list[str] = field(default_factory=list)
    rows_added: list[str] = field(default_factory=list)
    rows_removed: list[str] = field(default_factory=list)
    rows_changed: list[RowChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.meta,
                self.sections,
                self.focus_added,
                self.focus_removed,
                self.rows_added,
                self.rows_removed,
                self.rows_changed,
            )
        )


def _readable(value: Any) -> Any:
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict):
                parts.append(str(item.get("text", item)))
            else:
                parts.append(str(item))
        return "; ".join(parts) or None
    return value if value not in ("", None) else None


def compare(old: dict[str, Any], new: dict[str, Any]) -> Comparison:
    """Return the differences between two plan contents (from ``plan_content``)."""
    result = Comparison()
    for name, label in META_LABELS.items():
        before, after = old["meta"].get(name), new["meta"].get(name)
        if before != after:
            result.meta.append(FieldChange(str(label), _readable(before), _readable(after)))
    old_sections = {s["heading"]: s["body"] for s in old["sections"]}
    new_sections = {s["heading"]: s["body"] for s in new["sections"]}
    for heading in dict.fromkeys([*old_sections, *new_sections]):
        before, after = old_sections.get(heading), new_sections.get(heading)
        if before != after:
            result.sections.append(FieldChange(heading, before, after))
    result.focus_added = [f for f in new["focus_areas"] if f not in old["focus_areas"]]
    result.focus_removed = [f for f in old["focus_areas"] if f not in new["focus_areas"]]
    old_rows = {r["id"]: r for r in old["rows"]}
    new_rows = {r["id"]: r for r in new["rows"]}
    result.rows_added = [r["title"] for i, r in new_rows.items() if i not in old_rows]
    result.rows_removed = [r["title"] for i, r in old_rows.items() if i not in new_rows]
    for row_id, after_row in new_rows.items():
        before_row = old_rows.get(row_id)
        if before_row is None:
            continue
        changes = [
            FieldChange(str(label), _readable(before_row.get(n)), _readable(after_row.get(n)))
            for n, label in ROW_LABELS.items()
            if before_row.get(n) != after_row.get(n)
        ]
        if changes:
            result.rows_changed.append(RowChange(title=after_row["title"], changes=changes))
    return result
