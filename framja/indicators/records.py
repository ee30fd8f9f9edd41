"""The plain record every value source produces: Kolada, PxWeb and files alike."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ValueRecord:
    indicator: str  # the indicator's key in the source: Kolada KPI id, PxWeb content code, or our own indicator code/id in CSV
    place: str  # place code: "0000" Riket, "0012" region (Kolada style), "1280" municipality, or an organisation slug
    period: str  # "2024", "2024H1", "2024Q3", "2024M05"
    sex: str  # "T", "K" or "M"
    value: float | None
    status: str = ""  # quality flag from the source ("", "..", "-" …)
    deleted: bool = False  # Kolada from_date updates: remove this key
