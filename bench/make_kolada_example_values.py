"""Write the demo's EXAMPLE values in the shape of a Kolada v3 data response.

The values are made up (a seeded random walk per key figure and place), not Kolada's: the demo
labels them "Exempelvärden". Run again after changing the lists; the output is the same every
time for the same lists.

    python bench/make_kolada_example_values.py framja/demo/data/kolada_example_values.json
"""

import argparse
import json
import random
from pathlib import Path

YEARS = range(2019, 2025)
# Skåne Nordost's five municipalities (framja/demo/loader.py), Region Skåne, the three regions
# of Sydöstra sjukvårdsregionen and Riket.
MUNICIPALITIES = ["1290", "1293", "1273", "1256", "1272"]
REGIONS = ["0012", "0005", "0006", "0008"]
RIKET = "0000"


# Key figure: (places, split by sex, level at Riket, spread between places, yearly drift, decimals)
KPIS: dict[str, tuple[list[str], bool, float, float, float, int]] = {
    # Riskförebyggande åtgärder i särskilt boende, andel (%)
    "N20500": ([*MUNICIPALITIES, *REGIONS, RIKET], True, 72.0, 10.0, 1.2, 1),
    # Åtgärder mot fall m.m. i hemsjukvård (Senior Alert), andel (%)
    "U21432": ([*MUNICIPALITIES, *REGIONS, RIKET], True, 64.0, 12.0, 1.5, 1),
    # Påverkbar slutenvård vid kronisk sjukdom, antal per 100 000 invånare (regions)
    "U79133": ([*REGIONS, RIKET], True, 820.0, 90.0, -12.0, 0),
    # Care Need Index, Riket = 1
    "N00992": ([*MUNICIPALITIES, *REGIONS, RIKET], False, 1.0, 0.25, 0.0, 2),
}
SEX_OFFSET = {"K": 0.03, "M": -0.03}  # women a little above, men a little below the total


def series(kpi: str, place: str) -> list[dict[str, object]]:
    """Return the Kolada data items of one key figure and place, one per year."""
    _places, by_sex, level, spread, drift, decimals = KPIS[kpi]
    rng = random.Random(f"{kpi}/{place}")
    start = level if place == RIKET else level + rng.uniform(-spread, spread)
    items = []
    for step, year in enumerate(YEARS):
        if kpi == "N00992" and place == RIKET:
            total = 1.0  # the index is relative to Riket
        else:
            total = start + drift * step + rng.uniform(-spread, spread) / 8
        values = [{"gender": "T", "count": 1, "status": "", "value": round(total, decimals)}]
        if by_sex:
            for sex, offset in SEX_OFFSET.items():
                value: float | None = round(
                    total * (1 + offset + rng.uniform(-0.02, 0.02)), decimals
                )
                status = ""
                if place == "1273" and year == 2019 and sex == "M":
                    value, status = None, "X"  # too few to report, as Kolada marks it
                values.append({"gender": sex, "count": 1, "status": status, "value": value})
        items.append({"kpi": kpi, "municipality": place, "period": year, "values": values})
    return items


def response() -> dict[str, object]:
    items = [
        item
        for kpi, (places, *_rest) in KPIS.items()
        for place in places
        for item in series(kpi, place)
    ]
    return {"values": items, "count": len(items), "next_url": None, "previous_url": None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    arguments = parser.parse_args()
    text = json.dumps(response(), ensure_ascii=False, indent=1)
    arguments.output.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
