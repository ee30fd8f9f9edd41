"""Charts for indicators: plain data in; SVG, PNG, PDF drawings, CSV and XLSX out; no ORM.

- data: the chart dataclasses and their one-sentence Swedish summaries
- geometry: lays a chart out once as primitives (rect, line, polyline, marker, text)
- svg, png, pdf: draw those primitives; word: a chart as a picture in a DOCX
- table: the data behind a chart, as CSV and XLSX; html: context for charts/chart.html
"""
