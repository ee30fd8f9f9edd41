"""Prepare a chart for the template include charts/chart.html."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from framja.charts import geometry
from framja.charts.data import Chart
from framja.charts.svg import render_svg
from framja.charts.table import chart_table


@dataclass(frozen=True, slots=True)
class TableCell:
    text: str
    numeric: bool


@dataclass(frozen=True, slots=True)
class TableRow:
    heading: str
    cells: tuple[TableCell, ...]
    emphasis: bool


@dataclass(frozen=True, slots=True)
class ChartContext:
    """What charts/chart.html shows: the SVG, its summary, the data table and download links."""

    id: str
    title: str
    summary: str
    svg: SafeString
    unit: str
    source: str
    header: tuple[TableCell, ...]
    rows: tuple[TableRow, ...]
    csv_url: str
    xlsx_url: str
    docx_url: str = ""
    pdf_url: str = ""

    @property
    def body_html(self) -> SafeString:
        """The table's body rows as HTML, every text escaped.

        Written here rather than by a template loop: a comparison of all 290 municipalities
        has close to a thousand cells, and the template engine took half the page's time.
        """
        parts = []
        for row in self.rows:
            parts.append('<tr class="chart-emphasis">' if row.emphasis else "<tr>")
            parts.append(f'<th scope="row">{escape(row.heading)}</th>')
            for cell in row.cells:
                opening = '<td class="num">' if cell.numeric else "<td>"
                parts.append(f"{opening}{escape(cell.text)}</td>")
            parts.append("</tr>\n")
        return mark_safe("".join(parts))  # every text above is escaped


def chart_context(
    chart: Chart,
    *,
    id_prefix: str | None = None,
    csv_url: str = "",
    xlsx_url: str = "",
    docx_url: str = "",
    pdf_url: str = "",
) -> ChartContext:
    """Return the chart ready for `{% include "charts/chart.html" with chart=… %}`.

    The SVG is built here from escaped text only, which is why it may be marked safe.
    """
    chart_id = id_prefix or f"chart-{secrets.token_hex(4)}"
    layout = geometry.layout(chart)
    # render_svg escapes every text it writes, so the markup is safe to put in the page.
    svg = mark_safe(render_svg(layout, id_prefix=chart_id))
    table = chart_table(chart)
    rows = tuple(
        TableRow(
            heading,
            tuple(
                TableCell(text, column.numeric)
                for text, column in zip(cells, table.columns, strict=True)
            ),
            emphasis,
        )
        for heading, cells, emphasis in table.display_rows()
    )
    return ChartContext(
        id=chart_id,
        title=layout.title,
        summary=layout.description,
        svg=svg,
        unit=geometry.unit_label(chart.unit),
        source=chart.source,
        header=(
            TableCell(table.row_heading, False),
            *(TableCell(column.heading, column.numeric) for column in table.columns),
        ),
        rows=rows,
        csv_url=csv_url,
        xlsx_url=xlsx_url,
        docx_url=docx_url,
        pdf_url=pdf_url,
    )
