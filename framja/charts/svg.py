"""Draw a laid-out chart as an accessible SVG document for inline use in pages.

The markup has no style attributes (the site's CSP forbids inline styles); presentation
attributes such as fill and font-size do the work.
"""

from __future__ import annotations

import re
import secrets
from xml.sax.saxutils import escape, quoteattr

from framja.charts.data import Chart
from framja.charts.geometry import (
    FONT_FAMILY,
    INK,
    Layout,
    Line,
    Marker,
    Polyline,
    Primitive,
    Rect,
    Text,
    as_layout,
)

ID_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def _n(value: float) -> str:
    """Return a coordinate to a tenth of a px, which no screen or printer can tell from exact."""
    return format(round(value, 1), "g")


def _dash(dash: tuple[float, ...]) -> str:
    return f' stroke-dasharray="{" ".join(_n(d) for d in dash)}"' if dash else ""


def _element(item: Primitive) -> str:
    # Coordinates inline with one decimal: the formatting is most of the time a long chart takes.
    match item:
        case Text():
            extra = ""
            if item.anchor != "start":
                extra += f' text-anchor="{item.anchor}"'
            if item.fill != INK:
                extra += f' fill="{item.fill}"'
            if item.bold:
                extra += ' font-weight="bold"'
            if item.italic:
                extra += ' font-style="italic"'
            return (
                f'<text x="{item.x:.1f}" y="{item.y:.1f}" font-size="{_n(item.size)}"{extra}>'
                f"{escape(item.text)}</text>"
            )
        case Rect():
            stroke = f' stroke="{item.stroke}"' if item.stroke else ""
            return (
                f'<rect x="{item.x:.1f}" y="{item.y:.1f}" width="{item.width:.1f}" '
                f'height="{item.height:.1f}" fill="{item.fill}"{stroke}/>'
            )
        case Line():
            return (
                f'<line x1="{item.x1:.1f}" y1="{item.y1:.1f}" x2="{item.x2:.1f}" '
                f'y2="{item.y2:.1f}" stroke="{item.stroke}" stroke-width="{_n(item.width)}"'
                f"{_dash(item.dash)}/>"
            )
        case Polyline():
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in item.points)
            return (
                f'<polyline points="{points}" fill="none" stroke="{item.stroke}" '
                f'stroke-width="{_n(item.width)}" stroke-linejoin="round"{_dash(item.dash)}/>'
            )
        case Marker():
            paint = f'fill="{item.fill}" stroke="{item.stroke}" stroke-width="1.5"'
            if item.shape == "circle":
                return (
                    f'<circle cx="{item.x:.1f}" cy="{item.y:.1f}" r="{item.size / 2:.1f}" {paint}/>'
                )
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in item.polygon())
            return f'<polygon points="{points}" {paint}/>'


def render_svg(chart: Chart | Layout, *, id_prefix: str | None = None) -> str:
    """Return the chart as an SVG element with a title and a description for screen readers.

    id_prefix makes the ids of the title and description unique on a page; a random one is
    used when none is given.
    """
    if id_prefix is not None and not ID_PREFIX.fullmatch(id_prefix):
        raise ValueError(f"Ogiltigt id-prefix {id_prefix!r}: använd bokstäver, siffror, - och _.")
    drawing = as_layout(chart)
    prefix = id_prefix or f"chart-{secrets.token_hex(4)}"
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    width, height = _n(drawing.width), _n(drawing.height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family={quoteattr(FONT_FAMILY)} fill="{INK}">',
        f'<title id="{title_id}">{escape(drawing.title)}</title>',
        f'<desc id="{desc_id}">{escape(drawing.description)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    parts.extend(_element(item) for item in drawing.items)
    parts.append("</svg>")
    return "\n".join(parts)
