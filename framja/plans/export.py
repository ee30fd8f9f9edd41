"""Turn a plan into the plain data of a document, and render it as DOCX, PDF or XLSX."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from framja.charts.numbers import format_number
from framja.documents.plan_data import (
    ActivityLine,
    FollowedLine,
    MetaItem,
    PlanDocument,
    Row,
    Section,
)
from framja.documents.plan_docx import render_plan_docx
from framja.documents.plan_pdf import render_plan_pdf
from framja.documents.plan_xlsx import render_plan_xlsx
from framja.indicators.following import FollowedIndicator, followed_indicators
from framja.plans import selectors
from framja.plans.models import Plan


@dataclass(frozen=True)
class Format:
    render: Callable[[PlanDocument], bytes]
    content_type: str


FORMATS = {
    "docx": Format(
        render_plan_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": Format(render_plan_pdf, "application/pdf"),
    "xlsx": Format(
        render_plan_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
}


def _date(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else ""


def _number(value: float) -> str:
    """The value with as many decimals as it has, at most two: 12, 739,8, 0,25."""
    decimals = next(d for d in (0, 1, 2) if round(value, d) == round(value, 2))
    return format_number(value, decimals)


def _followed_line(item: FollowedIndicator) -> FollowedLine:
    """The followed indicator in words (baseline, target, latest), with its chart."""
    s = item.selection
    place = s.place.name if s.sex == "T" else f"{s.place.name}, {s.get_sex_display()}"
    facts = []
    if s.baseline_value is not None:
        period = f" ({s.baseline_period})" if s.baseline_period else ""
        facts.append(_("Utgångsvärde: %(value)s") % {"value": _number(s.baseline_value) + period})
    if s.target_value is not None:
        year = f" ({s.target_year})" if s.target_year else ""
        facts.append(_("Målvärde: %(value)s") % {"value": _number(s.target_value) + year})
    latest = item.latest
    if latest is not None and latest.value is not None:
        text = f"{_number(latest.value)} ({latest.period})"
        if item.towards_target:
            text += f", {item.towards_target}"
        facts.append(_("Senaste resultat: %(value)s") % {"value": text})
    else:
        facts.append(_("Senaste resultat: inga värden än"))
    facts.append(_("Källa: %(source)s") % {"source": s.indicator.source.name})
    return FollowedLine(f"{s.indicator.name}, {place}", facts, item.chart())


def plan_document(*, plan: Plan) -> PlanDocument:
    """Return everything a printed plan shows, as plain data."""
    page = selectors.plan_page(plan=plan)
    view, sections, focus_areas = page.view, page.sections, page.focus_areas
    meta = [
        (_("Dokumentnamn"), plan.document_name),
        (_("Typ av dokument"), plan.document_type),
        (_("Skapad av"), plan.created_by_text),
        (_("Dokumentägare"), plan.document_owner),
        (_("Fastställd av"), plan.adopted_by.name if plan.adopted_by else ""),
        (_("Fastställt datum"), _date(plan.adopted_date)),
        (_("Giltig t.o.m."), _date(plan.valid_until)),
        (_("Reviderat datum"), _date(plan.revised_date)),
        (_("Version"), plan.version),
        (_("Sökord"), plan.keywords),
    ]
    rows = []
    for item in view.rows:
        row = item.row
        current = item.current
        activities = []
        for activity in item.activities:
            if activity.whole_year:
                when = _("hela året")
            elif activity.start or activity.end:
                when = f"{_date(activity.start) or '…'}–{_date(activity.end) or '…'}"
            else:
                when = ""
            activities.append(
                ActivityLine(
                    text=activity.text,
                    when=str(when),
                    responsible=activity.responsible,
                    done=activity.done,
                    late=activity in item.late,
                )
            )
        effort = ""
        if row.effort_area is not None:
            parent = row.effort_area_parent
            effort = f"{parent} › {row.effort_area}" if parent is not None else row.effort_area
        rows.append(
            Row(
                effort_area=effort,
                effort_area_note=row.effort_area_note,
                title=row.title,
                description=row.description,
                patient_promises=[p.text for p in item.promises],
                target_areas=[str(a) for a in item.areas],
                activities=activities,
                follow_up=row.follow_up,
                status=(
                    f"{current.symbol} {current.get_rating_display().capitalize()} "
                    f"({current.date.isoformat()})"
                    if current
                    else ""
                ),
                status_comment=current.comment if current else "",
            )
        )
    return PlanDocument(
        organisation=plan.organisation.name,
        title=plan.title,
        year=plan.year,
        state=str(plan.get_state_display()).capitalize(),
        meta=[MetaItem(str(label), value) for label, value in meta if value],
        sections=[Section(s.heading, s.body) for s in sections],
        focus_heading=_("Fokusområden %(year)s") % {"year": plan.year},
        focus_areas=[f.text for f in focus_areas],
        rows=rows,
        example=plan.example,
        followed_heading=_("Indikatorer som planen följer"),
        followed=[_followed_line(item) for item in followed_indicators(plan=plan)],
    )


def plan_export(*, plan: Plan, fmt: str) -> tuple[bytes, str, str]:
    """Return the file's bytes, content type and a file name for the plan in ``fmt``."""
    chosen = FORMATS[fmt]
    data = chosen.render(plan_document(plan=plan))
    name = f"{plan.organisation.slug}-{plan.year}-v{plan.version or '1'}.{fmt}"
    return data, chosen.content_type, name
