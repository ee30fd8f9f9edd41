"""The lists and the history table of a goal's page as HTML, written in Python.

A goal is followed period after period, and linked to plan rows and indicators year after
year. Here the ratings' labels are translated and the plans' URL reversed once per page
instead of once per row. The markup is the template's.
"""

from __future__ import annotations

from html import escape

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from framja.core.html import PLACEHOLDER, capfirst, url_filler
from framja.core.templatetags.framja import paragraphs
from framja.goals.models import GOAL_RATING_SYMBOLS, GoalRating
from framja.goals.selectors import AssessmentRow, IndicatorLink, PlanRowLink

register = template.Library()


@register.simple_tag
def plan_row_items(rows: list[PlanRowLink]) -> SafeString:
    """Return an <li> per plan row: a link to the row in its plan, named by year and title."""
    plan_url = url_filler("plans:detail", PLACEHOLDER)
    items = (
        f'<li><a href="{plan_url(row.plan_id)}#rad-{row.pk}">{row.plan_year}: '
        f"{escape(row.title)}</a></li>"
        for row in rows
    )
    # Every text is escaped above.
    return mark_safe("".join(items))


@register.simple_tag
def indicator_items(indicators: list[IndicatorLink]) -> SafeString:
    """Return an <li> per indicator: a link to it and the name of its data source."""
    # Reversed one by one: the URL quotes the code, and a goal follows a handful of them.
    items = (
        f'<li><a href="{escape(reverse("indicators:detail", kwargs={"code": item.code}))}">'
        f"{escape(item.name)}</a> ({escape(item.source_name)})</li>"
        for item in indicators
    )
    # Every text is escaped above.
    return mark_safe("".join(items))


@register.simple_tag
def assessment_rows(assessments: list[AssessmentRow]) -> SafeString:
    """Return a <tr> per period: its rating, result, analysis and who assessed it when."""
    ratings = {
        rating.value: (
            '<td><span class="status"><span class="status-symbol" aria-hidden="true">'
            f"{GOAL_RATING_SYMBOLS[rating]}</span>{escape(capfirst(str(rating.label)))}</span></td>"
        )
        for rating in GoalRating
    }
    parts = []
    for row in assessments:
        by = escape(row.assessed_by_name) if row.assessed_by_name else "–"
        if row.assessed_at:
            by += f", {timezone.localtime(row.assessed_at).date().isoformat()}"
        result = paragraphs(row.result) if row.result else ""
        analysis = paragraphs(row.analysis) if row.analysis else ""
        parts.append(
            f'\n    <tr><th scope="row">{escape(row.period)}</th>{ratings[row.rating]}'
            f"<td>{result}</td><td>{analysis}</td><td>{by}</td></tr>\n  "
        )
    # Every text is escaped above.
    return mark_safe("".join(parts))
