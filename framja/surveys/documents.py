"""Put together a survey's benchmark report and answer export as plain data, and render them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from framja.documents.survey_data import (
    AnswerTable,
    BenchmarkDocument,
    BenchmarkNamed,
    BenchmarkOption,
    BenchmarkQuestion,
    BenchmarkSection,
)
from framja.surveys.selectors import Export, QuestionResult, Results

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BENCHMARK_FORMATS = {"docx": DOCX, "pdf": "application/pdf"}


@dataclass(frozen=True)
class Rendered:
    content: bytes
    filename: str
    content_type: str


def summary(item: QuestionResult) -> str:
    """Return how many answered, and the mean and median of numbers."""
    text = _("%(answered)s organisationer har svarat.") % {"answered": item.answered}
    if item.mean is not None:
        text += " " + _(
            "Medelvärde %(mean)s, median %(median)s (lägst %(min)s, högst %(max)s)."
        ) % {
            "mean": _number(item.mean),
            "median": _number(item.median),
            "min": _number(item.minimum),
            "max": _number(item.maximum),
        }
    return text


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else str(round(value, 1)).replace(".", ",")


def suppressed_note(min_group: int) -> str:
    return _(
        "Sammanställningen visas inte: färre än %(n)s organisationer har svarat på frågan."
    ) % {"n": min_group}


def benchmark_document(results: Results) -> BenchmarkDocument:
    survey = results.survey
    organisation = results.organisation
    assert organisation is not None
    intro = [
        _(
            "Era svar bredvid allas: %(submitted)s av %(sent)s organisationer har lämnat in. "
            "Andra organisationers svar visas med namn bara om de har valt det."
        )
        % {"submitted": results.submitted, "sent": results.sent_to}
    ]
    if survey.example:
        intro.append(_("Exempeldata: svaren i demon är påhittade."))
    sections = []
    for section in results.sections:
        questions = []
        for item in section.questions:
            note = suppressed_note(survey.min_group) if item.suppressed else ""
            questions.append(
                BenchmarkQuestion(
                    text=item.question.text,
                    own=item.own_text,
                    summary="" if item.is_text else summary(item),
                    options=[
                        BenchmarkOption(o.label, o.count, o.percent, o.own) for o in item.options
                    ],
                    position=item.position,
                    named=[BenchmarkNamed(n.organisation, n.text) for n in item.named],
                    note=note,
                )
            )
        sections.append(BenchmarkSection(title=section.section.title, questions=questions))
    return BenchmarkDocument(
        title=_("Jämförelse: %(survey)s") % {"survey": str(survey)},
        organisation=organisation.name,
        intro=intro,
        sections=sections,
        own_label=_("Ert svar"),
        answer_label=_("Svar"),
        count_label=_("Antal"),
        share_label=_("Andel"),
        others_label=_("Andra organisationer som visar sina svar"),
    )


def render_benchmark(results: Results, fmt: str) -> Rendered:
    doc = benchmark_document(results)
    assert results.organisation is not None
    filename = f"jamforelse-{results.survey.year}-{results.organisation.slug}.{fmt}"
    if fmt == "docx":
        from framja.documents.survey_docx import render_benchmark_docx

        return Rendered(render_benchmark_docx(doc), filename, DOCX)
    from framja.documents.survey_pdf import render_benchmark_pdf

    return Rendered(render_benchmark_pdf(doc), filename, BENCHMARK_FORMATS["pdf"])


def answer_table(export: Export) -> AnswerTable:
    header = [
        _("Organisation"),
        _("Läge"),
        _("Inlämnad"),
        _("Svarande"),
        _("Visar svaren med namn"),
        *[f"{number}. {q.text}" for number, q in enumerate(export.questions, start=1)],
    ]
    rows = [
        [
            row.organisation,
            row.state,
            row.submitted_at,
            row.respondents,
            _("Ja") if row.share_named else _("Nej"),
            *row.answers,
        ]
        for row in export.rows
    ]
    return AnswerTable(
        title=str(export.survey),
        header=header,
        rows=rows,
        questions_sheet=_("Frågor"),
        questions_header=[_("Nr"), _("Avsnitt"), _("Fråga"), _("Typ"), _("Obligatorisk")],
        questions=[
            [
                str(number),
                q.section.title,
                q.text,
                str(q.get_kind_display()),
                _("Ja") if q.required else _("Nej"),
            ]
            for number, q in enumerate(export.questions, start=1)
        ],
    )


def render_answers(export: Export) -> Rendered:
    from framja.documents.survey_xlsx import render_answers_xlsx

    survey = export.survey
    return Rendered(
        render_answers_xlsx(answer_table(export)), f"enkat-{survey.year}-{survey.pk}.xlsx", XLSX
    )
