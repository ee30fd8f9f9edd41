"""Put a chart into a Word document: the picture with alt text, and its summary as caption."""

from __future__ import annotations

import io

from docx.document import Document as DocxDocument
from docx.shape import InlineShape
from docx.shared import Cm, Length

from framja.charts import geometry
from framja.charts.data import Chart
from framja.charts.png import render_png

CAPTION_STYLE = "Caption"
WIDTH = Cm(16)
MAX_HEIGHT = Cm(22)
PRINT_DPI = 220


def add_chart_to_docx(
    document: DocxDocument,
    chart: Chart,
    *,
    width: Length = WIDTH,
    max_height: Length = MAX_HEIGHT,
) -> InlineShape:
    """Append the chart as a picture `width` wide (narrower if taller than max_height).

    The picture's alt text (docPr descr) is the title and the summary sentence; the summary
    also follows as a caption paragraph, so readers of the printed page get it too.
    """
    layout = geometry.layout(chart)
    height = int(width * layout.height / layout.width)
    if height > max_height:
        width, height = Length(int(max_height * layout.width / layout.height)), max_height
    # Enough pixels for print at the size shown, and no more: a long chart shrunk to fit the
    # page would otherwise make a huge image.
    scale = min(3.0, max(1.0, Length(width).inches * PRINT_DPI / layout.width))
    png = render_png(layout, scale=scale)
    picture = document.add_picture(io.BytesIO(png), width=Length(width), height=Length(height))
    doc_pr = picture._inline.docPr
    doc_pr.set("title", layout.title)
    doc_pr.set("descr", f"{layout.title}. {layout.description}")
    style = CAPTION_STYLE if CAPTION_STYLE in [s.name for s in document.styles] else None
    document.add_paragraph(layout.description, style=style)
    return picture
