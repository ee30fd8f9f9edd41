"""The plain data the annual report and the feedback are made from. Renderers take this only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# Share of the text width per column of the goal table (Mål | Resultat | Analys).
GOAL_COLUMN_SHARES = (0.32, 0.34, 0.34)

BlockKind = Literal["paragraph", "bullet", "subheading"]


@dataclass(frozen=True)
class TextBlock:
    kind: BlockKind
    text: str  # a paragraph keeps the single line breaks its author typed, as "\n"


def text_blocks(text: str) -> list[TextBlock]:
    """Split plain text into paragraphs, "- " bullet points and "### " subheadings.

    Paragraphs are separated by blank lines; lines that follow each other stay one paragraph.
    """
    blocks: list[TextBlock] = []
    lines: list[str] = []

    def end_paragraph() -> None:
        if lines:
            blocks.append(TextBlock("paragraph", "\n".join(lines)))
            lines.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("- ") and line[2:].strip():
            end_paragraph()
            blocks.append(TextBlock("bullet", line[2:].strip()))
        elif line.startswith("### ") and line[4:].strip():
            end_paragraph()
            blocks.append(TextBlock("subheading", line[4:].strip()))
        elif line:
            lines.append(line)
        else:
            end_paragraph()
    end_paragraph()
    return blocks


@dataclass(frozen=True)
class Heading:
    level: int  # 1 or 2, as Word's Heading 1 and Heading 2
    text: str


@dataclass(frozen=True)
class RatingLegendItem:
    symbol: str  # "✓"
    sentence: str  # "Målet är uppnått"


@dataclass(frozen=True)
class GoalLine:
    text: str
    result: str  # plain text; lines starting with "- " are bullet points
    analysis: str
    rating_symbol: str  # "◐"
    rating_sentence: str  # "Målet är delvis uppnått"
    rating: str  # the machine value: "achieved", "partly", "not_achieved", "not_assessed"

    @property
    def rating_text(self) -> str:
        """Return the assessment as the analysis column opens: "◐ Målet är delvis uppnått."."""
        sentence = self.rating_sentence.rstrip()
        if not sentence.endswith((".", "!", "?")):
            sentence = f"{sentence}."
        return f"{self.rating_symbol} {sentence}".strip()


@dataclass(frozen=True)
class GoalGroup:
    heading: str  # "" for goals without a heading
    goals: list[GoalLine]


@dataclass(frozen=True)
class OrganisationSection:
    """One participant's part of the report: "Temagrupp: Levnadsvanor" and its goal table."""

    heading: str
    summary: str
    groups: list[GoalGroup]


@dataclass(frozen=True)
class TextSection:
    heading: str
    body: str  # plain text; "- " starts a bullet point, "### " a subheading


@dataclass(frozen=True)
class AnnualReportDocument:
    organisation: str  # "Nätverket Hälsofrämjande hälso- och sjukvård"
    short_name: str  # "HFS"
    year: int
    title: str  # "Verksamhetsberättelse"
    foreword_heading: str
    foreword: str
    foreword_signed_by: list[str]
    about: list[TextSection]
    events: list[str]
    legend: list[RatingLegendItem]
    own_goals_heading: str  # "Måluppfyllelse för fokusmål 2019"
    own_goals: list[GoalGroup]
    sections_heading: str  # "Måluppfyllelse för temagrupperna"
    sections: list[OrganisationSection] = field(default_factory=list)
    source_note: str = ""  # e.g. "Bygger på det som lämnades in i … (stängd 2020-02-01)."

    # Fixed texts of the seed's report.
    CONTENTS_HEADING = "Innehåll"
    COVER_FOR = "för"
    LEGEND_INTRO = "I analysen har en samlad bedömning gjorts av måluppfyllelsen, enligt nedan:"
    GOAL_COLUMNS = ("Mål", "Resultat", "Analys")
    NO_GOALS = "Inga mål redovisade."

    @property
    def events_heading(self) -> str:
        return f"Viktiga händelser {self.year}"

    @property
    def has_foreword(self) -> bool:
        return bool(self.foreword.strip() or self.foreword_signed_by)

    def outline(self) -> list[Heading]:
        """Return the report's headings in order, as its table of contents lists them."""
        headings: list[Heading] = []

        def add_text(heading: str, body: str) -> None:
            headings.append(Heading(1, heading))
            headings.extend(
                Heading(2, block.text) for block in text_blocks(body) if block.kind == "subheading"
            )

        if self.has_foreword:
            add_text(self.foreword_heading, self.foreword)
        for section in self.about:
            add_text(section.heading, section.body)
        if self.events:
            headings.append(Heading(1, self.events_heading))
        headings.append(Heading(1, self.own_goals_heading))
        if self.sections:
            headings.append(Heading(1, self.sections_heading))
            headings.extend(Heading(2, section.heading) for section in self.sections)
        return headings


@dataclass(frozen=True)
class FeedbackSuccess:
    text: str
    factors: str


@dataclass(frozen=True)
class FeedbackSetback:
    text: str
    analysis: str
    improvements: str


@dataclass(frozen=True)
class FeedbackDocument:
    """Återkoppling utifrån HP: the seed's three parts, in its order."""

    organisation: str  # "Regionalt programområde Hälsofrämjande"
    year: int
    title: str  # "Återkoppling utifrån HP 2023"
    successes: list[FeedbackSuccess]
    setbacks: list[FeedbackSetback]
    next_year: int
    new_chair: str
    new_process_support: str
    other_changes: str
    example: bool = False

    # The prompts the seed's template asks, shown as each part's heading and question.
    SUCCESS_HEADING = "Framgångar"
    SUCCESS_PROMPT = (
        "Lyft fram 1–2 framgångar under året kopplat till handlingsplanen. "
        "Vilka identifierade framgångsfaktorer finns det?"
    )
    SETBACK_HEADING = "Områden som inte nått framgång"
    SETBACK_PROMPT = "1–2 områden som inte nått framgång, analys och planerade förbättringsåtgärder"

    SUCCESS_ITEM = "Framgång"  # "Framgång 1"
    SETBACK_ITEM = "Område"  # "Område 1"
    FACTORS_LABEL = "Framgångsfaktorer"
    ANALYSIS_LABEL = "Analys"
    IMPROVEMENTS_LABEL = "Planerade förbättringsåtgärder"
    NEW_CHAIR_LABEL = "Ny ordförande"
    NEW_PROCESS_SUPPORT_LABEL = "Nytt processtöd"
    NOTHING = "Inget angivet."
    EXAMPLE_NOTE = "Exempeldata"

    @property
    def changes_heading(self) -> str:
        return f"Förändringar inför {self.next_year}"

    def named_changes(self) -> list[tuple[str, str]]:
        """Return the filled ones of "Ny ordförande" and "Nytt processtöd" as (label, value)."""
        pairs = [
            (self.NEW_CHAIR_LABEL, self.new_chair.strip()),
            (self.NEW_PROCESS_SUPPORT_LABEL, self.new_process_support.strip()),
        ]
        return [(label, value) for label, value in pairs if value]
