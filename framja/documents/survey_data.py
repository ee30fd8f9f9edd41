"""A survey's benchmark report and answer export as plain data, for the renderers."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class BenchmarkOption:
    label: str
    count: int
    percent: int
    own: bool


@dataclass(frozen=True)
class BenchmarkNamed:
    organisation: str
    text: str


@dataclass(frozen=True)
class BenchmarkQuestion:
    text: str
    own: str
    summary: str
    options: list[BenchmarkOption] = field(default_factory=list)
    position: str = ""
    named: list[BenchmarkNamed] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class BenchmarkSection:
    title: str
    questions: list[BenchmarkQuestion]


@dataclass(frozen=True)
class BenchmarkDocument:
    """Labels are passed in already translated; the renderers add no text of their own."""

    title: str
    organisation: str
    intro: list[str]
    sections: list[BenchmarkSection]
    own_label: str
    answer_label: str
    count_label: str
    share_label: str
    others_label: str


@dataclass(frozen=True)
class AnswerTable:
    title: str
    header: list[str]
    rows: list[list[str]]
    questions_sheet: str
    questions_header: list[str]
    questions: list[list[str]]
