"""Draw a laid-out chart as a PNG image with Pillow, for Word documents."""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Sequence
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from framja.charts.data import Chart
from framja.charts.fonts import font_path
from framja.charts.geometry import Layout, Line, Marker, Polyline, Rect, Text, as_layout

type Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
type Points = list[tuple[float, float]]

# Drawing twice as large and shrinking smooths slanted lines; past this many pixels the image
# is drawn at its final size, since a chart that large is read for its text anyway.
SUPERSAMPLE_LIMIT = 12_000_000
ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


@cache
def _font(size: float, bold: bool, italic: bool) -> Font:
    path = font_path(bold, italic)
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(path), size)


def _dashed(points: Sequence[tuple[float, float]], dash: Sequence[float]) -> list[Points]:
    """Return the visible pieces of a path drawn with the dash pattern (on, off, on, …)."""
    if not dash or min(dash) <= 0:
        return [list(points)]
    pieces: list[Points] = []
    index, left, on = 0, dash[0], True
    current: Points = [points[0]]
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        length = math.hypot(x2 - x1, y2 - y1)
        if length == 0:
            continue
        done = 0.0
        while length - done >= left:
            done += left
            t = done / length
            point = (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t)
            if on:
                current.append(point)
                pieces.append(current)
            current = [point]
            on = not on
            index = (index + 1) % len(dash)
            left = dash[index]
        left -= length - done
        if on:
            current.append((x2, y2))
        else:
            current = [(x2, y2)]
    if on and len(current) > 1:
        pieces.append(current)
    return pieces


def render_png(chart: Chart | Layout, *, scale: float = 2.0) -> bytes:
    """Return the chart as PNG bytes, `scale` pixels for each unit of its layout."""
    drawing = as_layout(chart)
    final = (math.ceil(drawing.width * scale), math.ceil(drawing.height * scale))
    factor = 2 if final[0] * final[1] * 4 <= SUPERSAMPLE_LIMIT else 1
    k = scale * factor
    image = Image.new("RGB", (final[0] * factor, final[1] * factor), "#ffffff")
    draw = ImageDraw.Draw(image)

    def pt(x: float, y: float) -> tuple[float, float]:
        return x * k, y * k

    for item in drawing.items:
        match item:
            case Rect():
                x0, y0 = pt(item.x, item.y)
                x1, y1 = pt(item.x + item.width, item.y + item.height)
                if x1 - x0 >= 0.5 and y1 - y0 >= 0.5:
                    outline = item.stroke
                    draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=item.fill, outline=outline)
            case Line() | Polyline():
                path = (
                    [(item.x1, item.y1), (item.x2, item.y2)]
                    if isinstance(item, Line)
                    else list(item.points)
                )
                width = max(1, round(item.width * k))
                for piece in _dashed(path, item.dash):
                    joint = "curve" if len(piece) > 2 else None
                    draw.line([pt(x, y) for x, y in piece], item.stroke, width, joint)
            case Marker():
                outline_width = max(1, round(1.5 * k))
                if item.shape == "circle":
                    r = item.size / 2 * k
                    cx, cy = pt(item.x, item.y)
                    draw.ellipse(
                        (cx - r, cy - r, cx + r, cy + r), item.fill, item.stroke, outline_width
                    )
                else:
                    corners = [pt(x, y) for x, y in item.polygon()]
                    draw.polygon(corners, item.fill, item.stroke, outline_width)
            case Text():
                font = _font(item.size * k, item.bold, item.italic)
                draw.text(pt(item.x, item.y), item.text, item.fill, font, ANCHORS[item.anchor])

    if factor > 1:
        image = image.reduce(factor)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=3)
    return buffer.getvalue()
