"""Write a national-scale CSV of indicator values for the import benchmark.

Every region and municipality (311 places) × years × sexes (T, K, M) × indicators. The
defaults give 36 indicators × 30 years × 3 × 311 = 1,007,640 rows, in the documented layout
(docs/indikatorer-import.md): semicolon-separated, decimal comma, UTF-8 with BOM, as Excel
saves "CSV UTF-8".

    python bench/generate_csv.py var/bench/values.csv
    python bench/generate_csv.py var/bench/small.csv --indicators 2 --years 5
"""

import argparse
import csv
import random
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "framja" / "organisations" / "data"


def place_codes() -> list[str]:
    codes = []
    for name in ("regions.csv", "municipalities.csv"):
        with (DATA / name).open(encoding="utf-8") as handle:
            codes += [row["code"] for row in csv.DictReader(handle)]
    return codes


def indicator_codes(count: int) -> list[str]:
    return [f"bench-{number:02d}" for number in range(1, count + 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--indicators", type=int, default=36)
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--first-year", type=int, default=1995)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    places = place_codes()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    with args.output.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write("indikator;plats;period;kön;värde;status\n")
        for indicator in indicator_codes(args.indicators):
            for place in places:
                for year in range(args.first_year, args.first_year + args.years):
                    for sex in ("T", "K", "M"):
                        if rng.random() < 0.01:
                            handle.write(f"{indicator};{place};{year};{sex};;..\n")
                        else:
                            value = f"{rng.uniform(0, 100):.2f}".replace(".", ",")
                            handle.write(f"{indicator};{place};{year};{sex};{value};\n")
                        rows += 1
    print(f"{args.output}: {rows:,} rader".replace(",", " "))


if __name__ == "__main__":
    main()
