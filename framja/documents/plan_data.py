"""The plain data an action-plan document is made from. Renderers take this, never the ORM."""

from __future__ import annotations

from dataclasses import dataclass, field

from framja.charts.data import Chart

# Share of the text width per column of the five-column table.
COLUMN_SHARES = (0.17, 0.25, 0.25, 0.18, 0.15)


def body_blocks(text: str) -> list[tuple[bool, str]]:
    """Return (is_bullet, text) for each non-empty line; "- " starts a bullet."""
    blocks: list[tuple[bool, str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("- "):
            blocks.append((True, line[2:].strip()))
        else:
            blocks.append((False, line))
    return blocks


def activity_text(activity: ActivityLine) -> str:
    """Return one activity as the plans write it: "Klar: text – period (ansvarig) – försenad"."""
    text = activity.text
    if activity.done:
        text = f"Klar: {text}"
    if activity.when:
        text = f"{text} – {activity.when}"
    if activity.responsible:
        text = f"{text} ({activity.responsible})"
    if activity.late:
        text = f"{text} – försenad"
    return text


@dataclass(frozen=True)
class MetaItem:
    label: str
    value: str


@dataclass(frozen=True)
class Section:
    heading: str
    body: str  # plain text; lines starting with "- " are bullet points


@dataclass(frozen=True)
class ActivityLine:
    text: str
    when: str  # "hela året", "2024-01-01–2024-06-30" or ""
    responsible: str
    done: bool
    late: bool


@dataclass(frozen=True)
class Row:
    effort_area: str  # may be empty
    effort_area_note: str
    title: str
    description: str
    patient_promises: list[str]
    target_areas: list[str]
    activities: list[ActivityLine]
    follow_up: str
    status: str  # e.g. "● Enligt plan (2024-06-15)" or ""
    status_comment: str


@dataclass(frozen=True)
class FollowedLine:
    """An indicator the plan follows: its name, the facts in words, and its chart."""

    heading: str  # "Andel rökare, Hässleholm"
    facts: list[str]  # ["Utgångsvärde: 14 (2022)", "Målvärde: 10 (2026)", …]
    chart: Chart | None = None


@dataclass(frozen=True)
class PlanDocument:
    organisation: str
    title: str
    year: int
    state: str  # "Fastställd", "Utkast" …
    meta: list[MetaItem]
    sections: list[Section]
    focus_heading: str  # "Fokusområden 2024"
    focus_areas: list[str]
    rows: list[Row] = field(default_factory=list)
    example: bool = False
    followed_heading: str = "Indikatorer som planen följer"
    followed: list[FollowedLine] = field(default_factory=list)

    # Column headings of the five-column table, as the users' Word documents have them.
    COLUMNS = (
        "Nationellt insatsområde",
        "Prioriterat område och patientlöften",
        "Aktiviteter",
        "Uppföljning",
        "Status",
    )
