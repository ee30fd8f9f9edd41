"""Put together the annual report and the feedback as plain data, and render them.

The annual report reads the organisation's own goals and those of every organisation below
it with goals for the year. When the report is tied to a closed reporting round, the goal
fulfilment comes from what was submitted there, frozen, instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from framja.documents.report_data import (
    AnnualReportDocument,
    FeedbackDocument,
    FeedbackSetback,
    FeedbackSuccess,
    GoalGroup,
    GoalLine,
    OrganisationSection,
    RatingLegendItem,
    TextSection,
)
from framja.goals.models import GOAL_RATING_SENTENCES, GOAL_RATING_SYMBOLS, Goal, GoalRating
from framja.goals.selectors import GoalView, goal_views, goals_applying, group_by_heading
from framja.organisations.models import Organisation, OrganisationKind
from framja.reporting.models import AnnualReport, Feedback, ReportingRound, RoundState
from framja.reporting.selectors import annual_report_get, feedback_get

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@dataclass(frozen=True)
class Rendered:
    content: bytes
    filename: str
    content_type: str


ANNUAL_FORMATS = {"docx": DOCX, "pdf": "application/pdf"}
FEEDBACK_FORMATS = {"pptx": PPTX, "docx": DOCX}


def _annual_renderer(fmt: str) -> Callable[[AnnualReportDocument], bytes]:
    # The renderers pull in python-docx and reportlab; load them only when printing.
    if fmt == "docx":
        from framja.documents.annual_docx import render_annual_report_docx

        return render_annual_report_docx
    from framja.documents.annual_pdf import render_annual_report_pdf

    return render_annual_report_pdf


def _feedback_renderer(fmt: str) -> Callable[[FeedbackDocument], bytes]:
    if fmt == "pptx":
        from framja.documents.feedback_pptx import render_feedback_pptx

        return render_feedback_pptx
    from framja.documents.feedback_docx import render_feedback_docx

    return render_feedback_docx


def _line(*, text: str, rating: str, result: str, analysis: str) -> GoalLine:
    value = GoalRating(rating) if rating in GoalRating.values else GoalRating.NOT_ASSESSED
    return GoalLine(
        text=text,
        result=result,
        analysis=analysis,
        rating_symbol=GOAL_RATING_SYMBOLS[value],
        rating_sentence=str(GOAL_RATING_SENTENCES[value]),
        rating=value.value,
    )


def _groups_from_views(views: list[GoalView]) -> list[GoalGroup]:
    return [
        GoalGroup(
            heading=group.heading,
            goals=[
                _line(
                    text=v.goal.text,
                    rating=v.rating,
                    result=v.assessment.result if v.assessment else "",
                    analysis=v.assessment.analysis if v.assessment else "",
                )
                for v in group.goals
            ],
        )
        for group in group_by_heading(views)
    ]


def _groups_from_snapshot(goals: Iterable[dict[str, Any]]) -> list[GoalGroup]:
    groups: dict[str, list[GoalLine]] = {}
    for goal in goals:
        groups.setdefault(goal.get("heading", ""), []).append(
            _line(
                text=goal["text"],
                rating=goal.get("rating", ""),
                result=goal.get("result", ""),
                analysis=goal.get("analysis", ""),
            )
        )
    return [GoalGroup(heading=h, goals=lines) for h, lines in groups.items()]


def _legend(own: list[GoalGroup], sections: list[OrganisationSection]) -> list[RatingLegendItem]:
    """The three ratings of the scale, and "inte bedömt" too when some goal is not assessed."""
    used = {line.rating for group in own for line in group.goals} | {
        line.rating for section in sections for group in section.groups for line in group.goals
    }
    scale = [GoalRating.ACHIEVED, GoalRating.PARTLY, GoalRating.NOT_ACHIEVED]
    if GoalRating.NOT_ASSESSED.value in used:
        scale.append(GoalRating.NOT_ASSESSED)
    return [RatingLegendItem(GOAL_RATING_SYMBOLS[r], str(GOAL_RATING_SENTENCES[r])) for r in scale]


def section_heading(organisation: Organisation | None, name: str) -> str:
    """ "Temagrupp Psykisk hälsa" → "Temagrupp: Psykisk hälsa", as the report writes it."""
    if organisation is not None and organisation.kind == OrganisationKind.THEME_GROUP:
        prefix = "Temagrupp "
        if name.startswith(prefix):
            return f"Temagrupp: {name[len(prefix) :]}"
    return name


def annual_report_document(
    *, organisation: Organisation, year: int, reporting_round: ReportingRound | None = None
) -> AnnualReportDocument:
    """Return the report; from ``reporting_round`` (or the report's own round) once closed."""
    report = annual_report_get(organisation=organisation, year=year) or AnnualReport(
        organisation=organisation, year=year
    )
    period = str(year)
    # In tree order with siblings by id, the order they were made in: the padded paths sort so.
    subtree = list(Organisation.objects.filter(path__startswith=organisation.path).order_by("path"))
    by_id = {org.pk: org for org in subtree}
    reporting_round = reporting_round or report.round
    source_note = ""
    if reporting_round is not None and reporting_round.state == RoundState.CLOSED:
        frozen = {
            s.organisation_id: s.snapshot or {}
            for s in reporting_round.submissions.order_by("organisation__path")
        }
        own = _groups_from_snapshot(frozen.pop(organisation.pk, {}).get("goals", []))
        sections = [
            OrganisationSection(
                heading=section_heading(by_id.get(org_id), content.get("organisation", "")),
                summary=content.get("summary", ""),
                groups=_groups_from_snapshot(content.get("goals", [])),
            )
            for org_id, content in frozen.items()
            if content.get("goals") or content.get("summary")
        ]
        closed = reporting_round.closed_at
        source_note = (
            f"Måluppfyllelsen bygger på det som lämnades in i {reporting_round.title}"
            f"{f' (stängd {closed:%Y-%m-%d})' if closed else ''}."
        )
    else:
        goals = goals_applying(Goal.objects.filter(organisation__in=subtree), year).select_related(
            "organisation"
        )
        views = goal_views(goals=goals, period=period)
        by_org: dict[int, list[GoalView]] = {}
        for view in views:
            by_org.setdefault(view.goal.organisation_id, []).append(view)
        own = _groups_from_views(by_org.pop(organisation.pk, []))
        sections = [
            OrganisationSection(
                heading=section_heading(org, org.name),
                summary="",
                groups=_groups_from_views(by_org[org.pk]),
            )
            for org in subtree
            if org.pk in by_org
        ]
    kind_word = "temagrupperna" if organisation.kind == OrganisationKind.NETWORK else "verksamheten"
    return AnnualReportDocument(
        organisation=organisation.name,
        short_name=organisation.short_name,
        year=year,
        title="Verksamhetsberättelse",
        foreword_heading=report.foreword_heading or "Förord",
        foreword=report.foreword,
        foreword_signed_by=[
            line.strip() for line in report.foreword_signed_by.splitlines() if line.strip()
        ],
        about=[TextSection(s.heading, s.body) for s in report.sections.all()] if report.pk else [],
        events=[
            line.strip().removeprefix("- ") for line in report.events.splitlines() if line.strip()
        ],
        legend=_legend(own, sections),
        own_goals_heading=f"Måluppfyllelse för fokusmål {year}"
        if organisation.kind == OrganisationKind.NETWORK
        else f"Måluppfyllelse {year}",
        own_goals=own,
        sections_heading=f"Måluppfyllelse för {kind_word}",
        sections=sections,
        source_note=source_note,
    )


def feedback_document(*, organisation: Organisation, year: int) -> FeedbackDocument:
    feedback = feedback_get(organisation=organisation, year=year) or Feedback(
        organisation=organisation, year=year
    )
    successes = [
        FeedbackSuccess(text, factors)
        for text, factors in (
            (feedback.success_1, feedback.success_1_factors),
            (feedback.success_2, feedback.success_2_factors),
        )
        if text or factors
    ]
    setbacks = [
        FeedbackSetback(text, analysis, improvements)
        for text, analysis, improvements in (
            (feedback.setback_1, feedback.setback_1_analysis, feedback.setback_1_improvements),
            (feedback.setback_2, feedback.setback_2_analysis, feedback.setback_2_improvements),
        )
        if text or analysis or improvements
    ]
    return FeedbackDocument(
        organisation=organisation.name,
        year=year,
        title=f"Återkoppling utifrån HP {year}",
        successes=successes,
        setbacks=setbacks,
        next_year=year + 1,
        new_chair=feedback.new_chair,
        new_process_support=feedback.new_process_support,
        other_changes=feedback.other_changes,
        example=feedback.example,
    )


def _filename(organisation: Organisation, stem: str, year: int, fmt: str) -> str:
    return f"{stem}-{organisation.slug}-{year}.{fmt}"


def render_annual_report(
    *,
    organisation: Organisation,
    year: int,
    fmt: str,
    reporting_round: ReportingRound | None = None,
) -> Rendered:
    content_type = ANNUAL_FORMATS[fmt]
    document = annual_report_document(
        organisation=organisation, year=year, reporting_round=reporting_round
    )
    content = _annual_renderer(fmt)(document)
    return Rendered(
        content, _filename(organisation, "verksamhetsberattelse", year, fmt), content_type
    )


def render_feedback(*, organisation: Organisation, year: int, fmt: str) -> Rendered:
    content_type = FEEDBACK_FORMATS[fmt]
    content = _feedback_renderer(fmt)(feedback_document(organisation=organisation, year=year))
    return Rendered(content, _filename(organisation, "aterkoppling", year, fmt), content_type)
