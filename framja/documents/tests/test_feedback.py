import io
from dataclasses import replace

from docx import Document
from docx.document import Document as DocxDocument
from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide
from pptx.util import Pt

from framja.documents.feedback_docx import render_feedback_docx
from framja.documents.feedback_pptx import BODY_SIZES, render_feedback_pptx
from framja.documents.report_data import FeedbackDocument, FeedbackSetback, FeedbackSuccess
from framja.documents.tests.ooxml import package_problems
from framja.documents.tests.report_samples import make_feedback

TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def open_pptx(doc: FeedbackDocument | None = None):
    return Presentation(io.BytesIO(render_feedback_pptx(doc or make_feedback())))


def title(slide: Slide) -> str:
    shape = slide.shapes.title
    assert shape is not None
    assert shape.placeholder_format.type in TITLES
    return shape.text_frame.text


def body(slide: Slide) -> list[str]:
    """Return the paragraphs of the slide's body placeholder (not its title)."""
    shape = slide.placeholders[1]
    return [paragraph.text for paragraph in shape.text_frame.paragraphs]


def notes(slide: Slide) -> list[str]:
    return [
        shape.text_frame.text
        for shape in slide.shapes
        if isinstance(shape, Shape) and not shape.is_placeholder
    ]


def test_pptx_package_is_complete():
    assert package_problems(render_feedback_pptx(make_feedback())) == []


def test_pptx_is_wide_with_four_titled_slides():
    # when
    presentation = open_pptx()

    # then
    assert (presentation.slide_width, presentation.slide_height) == (12192000, 6858000)
    assert [title(slide) for slide in presentation.slides] == [
        "Återkoppling utifrån HP 2023",
        "Framgångar",
        "Områden som inte nått framgång",
        "Förändringar inför 2024",
    ]
    assert presentation.core_properties.title == "Återkoppling utifrån HP 2023"
    assert presentation.core_properties.language == "sv-SE"


def test_pptx_slides_carry_the_parts_in_the_seeds_order():
    # when
    first, successes, setbacks, changes = open_pptx().slides

    # then
    assert body(first) == ["Regionalt programområde Hälsofrämjande"]
    assert body(successes) == [
        FeedbackDocument.SUCCESS_PROMPT,
        "Vårdprogram levnadsvanor har införts i alla regioner i sjukvårdsregionen.",
        "Framgångsfaktorer: Tydligt uppdrag från ledningen",
        "gemensam utbildning",
        "nätverk av processledare",
        "Hälsan spelar roll har spridits till fler skolor.",
    ]
    assert body(setbacks) == [
        FeedbackDocument.SETBACK_PROMPT,
        "Enhetlig dokumentation av levnadsvanor.",
        "Analys: Journalsystemen skiljer sig åt mellan regionerna.",
        "Planerade förbättringsåtgärder: Gemensam mall tas fram under våren 2024.",
    ]
    assert body(changes) == [
        "Ny ordförande: Anette Frisk (Jönköping)",
        "Nytt processtöd: Sofie Westerberg (Östergötland)",
    ]


def test_pptx_marks_bullets_and_bold_labels():
    # when
    successes = open_pptx().slides[1]

    # then
    paragraphs = successes.placeholders[1].text_frame.paragraphs
    bullets = [p.text for p in paragraphs if p._p.pPr.find(qn("a:buChar")) is not None]
    assert bullets == ["gemensam utbildning", "nätverk av processledare"]
    label, text = paragraphs[2].runs
    assert (label.text, label.font.bold, text.font.bold) == ("Framgångsfaktorer: ", True, False)
    assert paragraphs[0].runs[0].font.italic is True
    assert paragraphs[1].runs[0].font.bold is True
    languages = {run.font.language_id for p in paragraphs for run in p.runs}
    assert languages == {MSO_LANGUAGE_ID.SWEDISH}
    assert {run.font.size for p in paragraphs[1:] for run in p.runs} == {Pt(BODY_SIZES[0])}


def test_pptx_marks_example_data_on_every_slide():
    # when
    example = open_pptx()
    real = open_pptx(replace(make_feedback(), example=False))

    # then
    assert [notes(slide) for slide in example.slides] == [["Exempeldata"]] * 4
    assert [notes(slide) for slide in real.slides] == [[]] * 4


def test_pptx_shows_only_filled_changes_and_says_when_a_part_is_empty():
    # given
    doc = replace(
        make_feedback(),
        successes=[],
        setbacks=[],
        new_chair="",
        other_changes="Mötesformen ändras.\n- Fyra möten per år",
    )

    # when
    _, successes, setbacks, changes = open_pptx(doc).slides

    # then
    assert body(successes) == [FeedbackDocument.SUCCESS_PROMPT, "Inget angivet."]
    assert body(setbacks) == [FeedbackDocument.SETBACK_PROMPT, "Inget angivet."]
    assert body(changes) == [
        "Nytt processtöd: Sofie Westerberg (Östergötland)",
        "Mötesformen ändras.",
        "Fyra möten per år",
    ]
    nothing = replace(doc, new_process_support="", other_changes="")
    assert body(open_pptx(nothing).slides[3]) == ["Inget angivet."]


def test_pptx_shrinks_long_text_and_continues_on_further_slides():
    # given
    long = "Tydligt uppdrag från ledningen och gemensamma mål för sjukvårdsregionen. " * 12
    doc = replace(
        make_feedback(),
        successes=[FeedbackSuccess("Första", long), FeedbackSuccess("Andra", long)],
        setbacks=[FeedbackSetback("Område", "Kort analys.", "Åtgärd " * 40)],
    )

    # when
    slides = list(open_pptx(doc).slides)

    # then
    assert [title(slide) for slide in slides] == [
        "Återkoppling utifrån HP 2023",
        "Framgångar",
        "Framgångar (forts.)",
        "Områden som inte nått framgång",
        "Förändringar inför 2024",
    ]
    assert body(slides[1])[1] == "Första"
    assert body(slides[2])[0] == "Andra"
    text = " ".join(" ".join(body(slide)) for slide in slides[1:3])
    assert text.count("Tydligt uppdrag från ledningen") == 24
    sizes = {
        run.font.size
        for slide in slides[1:3]
        for p in slide.placeholders[1].text_frame.paragraphs
        for run in p.runs
        if p.runs and not run.font.italic
    }
    assert min(sizes) >= Pt(BODY_SIZES[-1])
    assert max(sizes) < Pt(BODY_SIZES[0])


def test_pptx_cuts_a_text_longer_than_a_slide():
    # given
    endless = " ".join(f"ord{n}" for n in range(1500))
    doc = replace(make_feedback(), successes=[FeedbackSuccess("Enda", endless)])

    # when
    slides = list(open_pptx(doc).slides)

    # then
    parts = [slide for slide in slides if title(slide).startswith("Framgångar")]
    assert len(parts) > 2
    words = " ".join(" ".join(body(slide)) for slide in parts).split()
    assert [w for w in words if w.startswith("ord")] == endless.split()


def open_docx(doc: FeedbackDocument | None = None) -> DocxDocument:
    return Document(io.BytesIO(render_feedback_docx(doc or make_feedback())))


def outline_of(document: DocxDocument) -> list[tuple[str, str]]:
    return [(str(p.style.name if p.style else ""), p.text) for p in document.paragraphs]


def test_docx_feedback_package_is_complete():
    assert package_problems(render_feedback_docx(make_feedback())) == []


def test_docx_feedback_has_the_parts_as_headings_and_paragraphs():
    # when
    document = open_docx()

    # then
    assert outline_of(document) == [
        ("Normal", "Regionalt programområde Hälsofrämjande"),
        ("Title", "Återkoppling utifrån HP 2023"),
        ("Normal", "Exempeldata"),
        ("Heading 1", "Framgångar"),
        ("Normal", FeedbackDocument.SUCCESS_PROMPT),
        ("Heading 2", "Framgång 1"),
        ("Normal", "Vårdprogram levnadsvanor har införts i alla regioner i sjukvårdsregionen."),
        ("Normal", "Framgångsfaktorer: Tydligt uppdrag från ledningen"),
        ("List Bullet", "gemensam utbildning"),
        ("List Bullet", "nätverk av processledare"),
        ("Heading 2", "Framgång 2"),
        ("Normal", "Hälsan spelar roll har spridits till fler skolor."),
        ("Heading 1", "Områden som inte nått framgång"),
        ("Normal", FeedbackDocument.SETBACK_PROMPT),
        ("Heading 2", "Område 1"),
        ("Normal", "Enhetlig dokumentation av levnadsvanor."),
        ("Normal", "Analys: Journalsystemen skiljer sig åt mellan regionerna."),
        ("Normal", "Planerade förbättringsåtgärder: Gemensam mall tas fram under våren 2024."),
        ("Heading 1", "Förändringar inför 2024"),
        ("Normal", "Ny ordförande: Anette Frisk (Jönköping)"),
        ("Normal", "Nytt processtöd: Sofie Westerberg (Östergötland)"),
    ]
    label = document.paragraphs[7].runs[0]
    assert (label.text, label.bold) == ("Framgångsfaktorer:", True)
    assert document.core_properties.title == "Återkoppling utifrån HP 2023"
    assert document.core_properties.language == "sv-SE"


def test_docx_feedback_shows_only_filled_changes():
    # given
    doc = replace(
        make_feedback(),
        successes=[],
        setbacks=[],
        example=False,
        new_process_support="",
        other_changes="Mötesformen ändras.\n- Fyra möten per år",
    )

    # when
    texts = [text for _, text in outline_of(open_docx(doc))]

    # then
    assert texts == [
        "Regionalt programområde Hälsofrämjande",
        "Återkoppling utifrån HP 2023",
        "Framgångar",
        FeedbackDocument.SUCCESS_PROMPT,
        "Inget angivet.",
        "Områden som inte nått framgång",
        FeedbackDocument.SETBACK_PROMPT,
        "Inget angivet.",
        "Förändringar inför 2024",
        "Ny ordförande: Anette Frisk (Jönköping)",
        "Mötesformen ändras.",
        "Fyra möten per år",
    ]
    nothing = replace(doc, new_chair="", other_changes="")
    assert [text for _, text in outline_of(open_docx(nothing))][-2:] == [
        "Förändringar inför 2024",
        "Inget angivet.",
    ]
