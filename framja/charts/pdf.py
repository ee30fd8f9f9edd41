"""Draw a laid-out chart as a reportlab vector Drawing, and as flowables for PDF documents."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Circle, Drawing, Polygon, PolyLine, Rect, String
from reportlab.graphics.shapes import Line as RLLine
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from framja.charts import geometry as g
from framja.charts.data import Chart
from framja.charts.fonts import font_path

# The standard PDF fonts only know WinAnsi: the real minus sign is not in it.
WIN_ANSI = str.maketrans({"\u2212": "-"})


@dataclass(frozen=True)
class ChartFonts:
    """The font names the drawing uses, DejaVu Sans when the machine has it."""

    regular: str
    bold: str
    italic: str
    unicode: bool

    def name(self, bold: bool, italic: bool) -> str:
        """Return the font name for the style; bold wins over italic."""
        if bold:
            return self.bold
        return self.italic if italic else self.regular

    def text(self, value: str) -> str:
        """Return value limited to characters the fonts can draw."""
        if self.unicode:
            return value
        return value.translate(WIN_ANSI).encode("cp1252", "replace").decode("cp1252")


@cache
def chart_fonts() -> ChartFonts:
    """Register DejaVu Sans with reportlab once, or fall back to Helvetica."""
    names = {}
    for key, bold, italic in (
        ("regular", False, False),
        ("bold", True, False),
        ("italic", False, True),
    ):
        path = font_path(bold, italic)
        if path is None:
            return ChartFonts("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", unicode=False)
        name = f"FramjaChart-{path.stem}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))
        names[key] = name
    return ChartFonts(names["regular"], names["bold"], names["italic"], unicode=True)


def chart_drawing(
    chart: Chart | g.Layout, *, width: float = 16 * cm, max_height: float | None = None
) -> Drawing:
    """Return the chart as a Drawing `width` points wide, smaller if taller than max_height."""
    layout = g.as_layout(chart)
    k = width / layout.width
    if max_height is not None and layout.height * k > max_height:
        k = max_height / layout.height
    fonts = chart_fonts()
    height = layout.height * k
    drawing = Drawing(layout.width * k, height)

    def y(value: float) -> float:
        return height - value * k

    def dash(pattern: tuple[float, ...]) -> list[float] | None:
        return [d * k for d in pattern] if pattern else None

    for item in layout.items:
        match item:
            case g.Rect():
                stroke = colors.HexColor(item.stroke) if item.stroke else None
                drawing.add(
                    Rect(
                        item.x * k,
                        y(item.y + item.height),
                        item.width * k,
                        item.height * k,
                        fillColor=colors.HexColor(item.fill),
                        strokeColor=stroke,
                        strokeWidth=k if stroke else 0,
                    )
                )
            case g.Line():
                drawing.add(
                    RLLine(
                        item.x1 * k,
                        y(item.y1),
                        item.x2 * k,
                        y(item.y2),
                        strokeColor=colors.HexColor(item.stroke),
                        strokeWidth=item.width * k,
                        strokeDashArray=dash(item.dash),
                    )
                )
            case g.Polyline():
                points = [c for x, py in item.points for c in (x * k, y(py))]
                drawing.add(
                    PolyLine(
                        points,
                        strokeColor=colors.HexColor(item.stroke),
                        strokeWidth=item.width * k,
                        strokeDashArray=dash(item.dash),
                        strokeLineJoin=1,
                    )
                )
            case g.Marker():
                paint = {
                    "fillColor": colors.HexColor(item.fill),
                    "strokeColor": colors.HexColor(item.stroke),
                    "strokeWidth": 1.5 * k,
                }
                if item.shape == "circle":
                    drawing.add(Circle(item.x * k, y(item.y), item.size / 2 * k, **paint))
                else:
                    corners = [c for x, py in item.polygon() for c in (x * k, y(py))]
                    drawing.add(Polygon(corners, **paint))
            case g.Text():
                drawing.add(
                    String(
                        item.x * k,
                        y(item.y),
                        fonts.text(item.text),
                        fontName=fonts.name(item.bold, item.italic),
                        fontSize=item.size * k,
                        fillColor=colors.HexColor(item.fill),
                        textAnchor=item.anchor,
                    )
                )
    return drawing


def caption_style() -> ParagraphStyle:
    """Return the paragraph style for the sentence under a chart."""
    fonts = chart_fonts()
    return ParagraphStyle(
        "chart-caption",
        fontName=fonts.italic,
        fontSize=9,
        leading=12,
        spaceBefore=4,
        spaceAfter=12,
    )


def chart_flowables(
    chart: Chart, *, width: float = 16 * cm, max_height: float = 20 * cm
) -> list[Flowable]:
    """Return the chart drawing and its summary as a caption, kept together on one page."""
    layout = g.layout(chart)
    fonts = chart_fonts()
    drawing = chart_drawing(layout, width=width, max_height=max_height)
    caption = Paragraph(escape(fonts.text(layout.description)), caption_style())
    return [KeepTogether([drawing, caption])]
