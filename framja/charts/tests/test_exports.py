"""PNG, PDF and Word output, the data table, CSV and XLSX, and the template include."""

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string
from docx import Document
from openpyxl import load_workbook
from PIL import Image
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from framja.charts import samples
from framja.charts.data import Bar, ComparisonChart, Point, Reference, Series, TimeSeriesChart
from framja.charts.geometry import layout
from framja.charts.html import chart_context
from framja.charts.pdf import chart_drawing, chart_flowables
from framja.charts.png import _dashed, render_png
from framja.charts.table import chart_table, sheet_title, to_csv, to_xlsx
from framja.charts.word import add_chart_to_docx

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def test_png_has_the_layout_size_times_the_scale():
    chart = samples.sex_chart()
    png = render_png(chart, scale=2)
    image = Image.open(io.BytesIO(png))
    drawing = layout(chart)
    assert image.format == "PNG"
    assert image.size == (1440, drawing.height * 2)
    # Not a blank page: the purple of the women's bars is there.
    assert (123, 50, 148) in {colour for _, colour in image.getcolors(1_000_000) or []}


def test_long_png_is_drawn_without_supersampling_and_still_has_its_size():
    chart = samples.comparison(places=311)
    image = Image.open(io.BytesIO(render_png(chart, scale=1)))
    assert image.size == (720, layout(chart).height)


def test_dash_pattern_splits_a_path_into_visible_pieces():
    pieces = _dashed([(0, 0), (10, 0), (10, 10)], (4, 2))
    assert pieces == [
        [(0, 0), (4.0, 0.0)],
        [(6.0, 0.0), (10.0, 0.0)],
        [(10.0, 2.0), (10.0, 6.0)],
        [(10.0, 8.0), (10.0, 10.0)],
    ]
    assert _dashed([(0, 0), (5, 0)], ()) == [[(0, 0), (5, 0)]]


def test_pdf_drawing_scales_to_the_width_and_renders():
    drawing = chart_drawing(samples.time_series(), width=400)
    assert isinstance(drawing, Drawing)
    assert drawing.width == 400
    buffer = io.BytesIO()
    story = [*chart_flowables(samples.comparison()), *chart_flowables(samples.sex_chart())]
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    assert buffer.getvalue().startswith(b"%PDF")


def test_tall_pdf_drawing_is_shrunk_to_the_height_given():
    drawing = chart_drawing(samples.comparison(places=311), width=400, max_height=600)
    assert drawing.height == 600
    assert drawing.width < 400
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(chart_flowables(samples.comparison(places=311)))
    assert buffer.getvalue().startswith(b"%PDF")


def test_docx_picture_has_alt_text_and_a_caption():
    chart = samples.comparison()
    document = Document()
    add_chart_to_docx(document, chart)
    buffer = io.BytesIO()
    document.save(buffer)

    reopened = Document(io.BytesIO(buffer.getvalue()))
    (picture,) = reopened.inline_shapes
    doc_pr = picture._inline.find(f"{WP}docPr")
    assert doc_pr.get("descr") == f"{chart.title}. {chart.summary()}"
    assert doc_pr.get("title") == chart.title
    caption = reopened.paragraphs[-1]
    assert caption.text == chart.summary()
    assert caption.style is not None
    assert caption.style.name == "Caption"
    image_part = picture._inline.graphic.graphicData.pic.blipFill.blip.embed
    blob = reopened.part.related_parts[image_part].blob
    # 16 cm at 220 dpi.
    assert Image.open(io.BytesIO(blob)).size[0] == pytest.approx(1386, abs=1)


def test_tall_docx_picture_keeps_its_aspect_and_fits_the_page():
    document = Document()
    shape = add_chart_to_docx(document, samples.comparison(places=311))
    drawing = layout(samples.comparison(places=311))
    assert shape.height <= 22 * 360000
    assert shape.width / shape.height == pytest.approx(drawing.width / drawing.height, rel=0.01)


# Tables


def test_comparison_table_lists_places_as_drawn_then_the_references():
    chart = ComparisonChart(
        "Fetma",
        "%",
        "2024",
        [
            Bar("Lund", 18.25, highlight=True),
            Bar("Malmö", 42.1),
            Bar("Ystad", None, status="för få svar"),
        ],
        [Reference("Riket", 25.0)],
        better="lower",
    )
    table = chart_table(chart)
    assert table.header() == ("Namn", "År 2024 (%)", "Anmärkning")
    assert [(r.heading, r.cells, r.emphasis) for r in table.rows] == [
        ("Lund", (18.25, ""), True),
        ("Malmö", (42.1, ""), False),
        ("Ystad", (None, "för få svar"), False),
        ("Riket", (25.0, ""), False),
    ]
    assert table.display_rows()[0] == ("Lund", ["18,2", ""], True)
    assert table.display_rows()[2] == ("Ystad", ["uppgift saknas", "för få svar"], False)


def test_time_series_table_has_a_row_per_period_and_a_column_per_series():
    chart = TimeSeriesChart(
        "Fetma",
        "%",
        [
            Series("Malmö", [Point("2023", 30.0), Point("2024", 31.5, "preliminär")]),
            Series("Riket", [Point("2022", 28.0), Point("2024", 29.0)]),
        ],
    )
    table = chart_table(chart)
    assert table.header() == ("Period", "Malmö (%)", "Malmö, anmärkning", "Riket (%)")
    assert [(r.heading, r.cells) for r in table.rows] == [
        ("2022", (None, "", 28.0)),
        ("2023", (30.0, "", None)),
        ("2024", (31.5, "preliminär", 29.0)),
    ]


def test_sex_table_has_women_men_and_all():
    table = chart_table(samples.sex_chart(periods=("2024", "2020")))
    assert table.header() == ("Period", "Kvinnor (%)", "Män (%)", "Totalt (%)")
    assert [r.heading for r in table.rows] == ["2020", "2024"]


def test_csv_is_what_swedish_excel_opens_and_reads_back():
    chart = ComparisonChart(
        "Fetma",
        "%",
        "2024",
        [Bar("Malmö & Lund", 1234.5678), Bar("Ystad", -2.5), Bar("Osby", None)],
    )
    data = to_csv(chart)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "Namn;År 2024 (%)"
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1:] == [["Malmö & Lund", "1234,5678"], ["Ystad", "-2,5"], ["Osby", ""]]
    assert "\r\n" in text
    assert float(rows[1][1].replace(",", ".")) == 1234.5678


def test_xlsx_stores_numbers_as_numbers_under_a_header_row():
    chart = samples.comparison()
    workbook = load_workbook(io.BytesIO(to_xlsx(chart)))
    sheet = workbook.worksheets[0]
    assert sheet.title == "Andel vuxna med fetma"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Namn", "År 2024 (%)", "Anmärkning")
    expected = [(r.heading, *r.cells) for r in chart_table(chart).rows]
    assert [(name, value, note or "") for name, value, note in rows[1:]] == expected
    assert isinstance(sheet["B2"].value, float)
    assert sheet["B2"].number_format == "0.0"
    assert sheet["A1"].font.bold
    about = workbook["Om tabellen"]
    assert list(about.iter_rows(values_only=True)) == [
        ("Titel", chart.title),
        ("Enhet", "Procent"),
        ("Källa", "Folkhälsomyndigheten"),
        ("Sammanfattning", chart.summary()),
    ]


def test_sheet_titles_are_made_allowed():
    assert (
        sheet_title("Andel [%] per kommun: 2024/2025 och mycket mer")
        == "Andel % per kommun 2024 2025"
    )
    assert sheet_title("Abcdefghijklmnopqrstuvwxyzåäöabcdefg") == "Abcdefghijklmnopqrstuvwxyzåäöab"
    assert sheet_title("???") == "Data"


# Template


def test_include_shows_figure_caption_table_and_downloads():
    chart = ComparisonChart(
        "Fetma <i>",
        "%",
        "2024",
        [Bar("Malmö & Lund", 30.0, highlight=True), Bar("Ystad", None)],
        [Reference("Riket", 25.0)],
    )
    context = chart_context(chart, id_prefix="fetma", csv_url="/x.csv?a=1&b=2", xlsx_url="/x.xlsx")
    html = render_to_string("charts/chart.html", {"chart": context})

    assert not re.search(r"\sstyle=", html)
    assert "<i>" not in html
    root = ET.fromstring(html.replace("&nbsp;", "\u00a0"))
    assert root.tag == "figure"
    svg = root.find("./div/{http://www.w3.org/2000/svg}svg")
    assert svg is not None
    assert svg.get("role") == "img"
    assert root.findtext("figcaption") == chart.summary()
    table = root.find("./details/div/table")
    assert table is not None
    caption = table.find("caption")
    body = table.find("tbody")
    assert caption is not None
    assert body is not None
    assert "".join(caption.itertext()) == "Fetma <i> (Procent)"
    assert [th.get("scope") for th in table.iter("th")] == ["col", "col", "row", "row", "row"]
    cells = [[("".join(c.itertext()), c.get("class")) for c in tr] for tr in table.iter("tr")]
    assert cells[1:] == [
        [("Malmö & Lund", None), ("30,0", "num")],
        [("Ystad", None), ("uppgift saknas", "num")],
        [("Riket", None), ("25,0", "num")],
    ]
    assert [tr.get("class") for tr in body] == ["chart-emphasis", None, None]
    links = [(a.get("href"), "".join(a.itertext())) for a in root.iter("a")]
    assert links == [
        ("/x.csv?a=1&b=2", "Ladda ner siffrorna som CSV – Fetma <i>"),
        ("/x.xlsx", "Ladda ner siffrorna som Excel (XLSX) – Fetma <i>"),
    ]


def test_include_without_urls_has_no_download_list():
    html = render_to_string("charts/chart.html", {"chart": chart_context(samples.sex_chart())})
    assert "chart-downloads" not in html
    assert 'role="img"' in html
