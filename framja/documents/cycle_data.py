"""The plain data of an improvement-cycle document (Bilaga 1, Bilaga 2, the summary)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocTable:
    """A table with a header row; the first column heads its row when ``row_headers``."""

    caption: str
    columns: list[str]
    rows: list[list[str]]
    widths: list[float] = field(default_factory=list)  # shares of the text width
    row_headers: bool = True


@dataclass(frozen=True)
class DocSection:
    heading: str
    pairs: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    tables: list[DocTable] = field(default_factory=list)


@dataclass(frozen=True)
class CycleDocument:
    title: str
    organisation: str
    cycle: str
    sections: list[DocSection]
    example_note: str = ""
    footer: str = ""
