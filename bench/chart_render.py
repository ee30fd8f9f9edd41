"""Time how long the charts take to draw, from generated numbers and without a database.

    .venv/bin/python bench/chart_render.py [--runs 20]

Prints the median and fastest of each step for a comparison of 311 places and for a
20-year time series of women, men and everyone.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from framja.charts import samples
from framja.charts.data import Chart
from framja.charts.geometry import layout
from framja.charts.pdf import chart_drawing
from framja.charts.png import render_png
from framja.charts.svg import render_svg
from framja.charts.table import to_csv, to_xlsx


def measure(step: Callable[[], object], runs: int) -> tuple[float, float]:
    """Return the median and the fastest time of step in ms, after one run to warm up."""
    step()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), min(timings)


def report(name: str, chart: Chart, runs: int) -> None:
    drawing = layout(chart)
    steps: dict[str, Callable[[], object]] = {
        "summary": chart.summary,
        "layout": lambda: layout(chart),
        "SVG (layout included)": lambda: render_svg(chart),
        "PNG, scale 1": lambda: render_png(drawing, scale=1),
        "PNG, scale 2": lambda: render_png(drawing, scale=2),
        "PDF drawing": lambda: chart_drawing(drawing),
        "CSV": lambda: to_csv(chart),
        "XLSX": lambda: to_xlsx(chart),
    }
    print(f"\n{name}: {len(drawing.items)} primitives, {drawing.width:g}×{drawing.height:g} px")
    for label, step in steps.items():
        # PNG and XLSX are slow enough that fewer runs say as much.
        count = runs if label in ("summary", "layout", "SVG (layout included)", "CSV") else 5
        median, fastest = measure(step, count)
        print(f"  {label:<24} median {median:8.2f} ms   fastest {fastest:8.2f} ms   ({count} runs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs of each fast step")
    args = parser.parse_args()
    report("Comparison of 311 places", samples.comparison(places=311), args.runs)
    report("Comparison of 33 places", samples.comparison(places=33), args.runs)
    report("Time series, 20 years × 3 sexes", samples.time_series(years=20), args.runs)
    report("Breakdown by sex, 3 periods", samples.sex_chart(), args.runs)


if __name__ == "__main__":
    main()
