"""Draw a laid-out chart as an accessible SVG document for inline use in pages.

The markup has no style attributes (the site's CSP forbids inline styles); presentation
attributes such as fill and font-size do the work.
"""

from __future__ import annotations

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


def _n(value: float) -> str:
    """Return a coordinate with at most two decimals and no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _dash(dash: tuple[float, ...]) -> str:
    return f' stroke-dasharray="{" ".join(_n(d) for d in dash)}"' if dash else ""


def _element(item: Primitive) -> str:
    match item:
        case Rect():
            stroke = f' stroke="{item.stroke}"' if item.stroke else ""
            return (
                f'<rect x="{_n(item.x)}" y="{_n(item.y)}" width="{_n(item.width)}" '
                f'height="{_n(item.height)}" fill="{item.fill}"{stroke}/>'
            )
        case Line():
            return (
                f'<line x1="{_n(item.x1)}" y1="{_n(item.y1)}" x2="{_n(item.x2)}" '
                f'y2="{_n(item.y2)}" stroke="{item.stroke}" stroke-width="{_n(item.width)}"'
                f"{_dash(item.dash)}/>"
            )
        case Polyline():
            points = " ".join(f"{_n(x)},{_n(y)}" for x, y in item.points)
            return (
                f'<polyline points="{points}" fill="none" stroke="{item.stroke}" '
                f'stroke-width="{_n(item.width)}" stroke-linejoin="round"{_dash(item.dash)}/>'
            )
        case Marker():
            paint = f'fill="{item.fill}" stroke="{item.stroke}" stroke-width="1.5"'
            if item.shape == "circle":
                return (
                    f'<circle cx="{_n(item.x)}" cy="{_n(item.y)}" r="{_n(item.size / 2)}" {paint}/>'
                )
            points = " ".join(f"{_n(x)},{_n(y)}" for x, y in item.polygon())
            return f'<polygon points="{points}" {paint}/>'
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
                f'<text x="{_n(item.x)}" y="{_n(item.y)}" font-size="{_n(item.size)}"{extra}>'
                f"{escape(item.text)}</text>"
            )


def render_svg(chart: Chart | Layout, *, id_prefix: str | None = None) -> str:
    """Return the chart as an SVG element with a title and a description for screen readers.

    id_prefix makes the ids of the title and description unique on a page; a random one is
    used when none is given.
    """
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
