"""The plain data the annual report and the feedback are made from. Renderers take this only."""

from __future__ import annotations

from dataclasses import dataclass, field

# Share of the text width per column of the goal table (Mål | Resultat | Analys).
GOAL_COLUMN_SHARES = (0.32, 0.34, 0.34)


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

    @property
    def changes_heading(self) -> str:
        return f"Förändringar inför {self.next_year}"
