"""The rows of an organisation's goal tables as HTML, written in Python.

An organisation can have dozens of goals a year, each with its result, analysis, assessment
and, for those who may change them, four links and forms. Written by the template that was most
of the page's time; here each translation and URL is looked up once per table. The markup is
the template's.
"""

from __future__ import annotations

from html import escape

from django import template
from django.template.defaultfilters import truncatechars
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from framja.core.html import capfirst, csrf_input, pk_url
from framja.core.templatetags.framja import paragraphs
from framja.goals.selectors import GoalView

register = template.Library()


@register.simple_tag(takes_context=True)
def goal_table_rows(context: template.Context, goals: list[GoalView], year: int) -> SafeString:
    """Return a <tr> per goal: the goal, its result and analysis for the year, its rating."""
    may_edit = bool(context.get("may_edit"))
    csrf = csrf_input(context["request"])
    detail_url = pk_url("goals:goal_detail")
    assess_url = pk_url("goals:assess", str(year))
    edit_url = pk_url("goals:goal_edit")
    up_url = pk_url("goals:goal_move", "upp")
    down_url = pk_url("goals:goal_move", "ned")
    t = {
        "example": escape(gettext("exempeldata")),
        "assess": escape(gettext("Bedöm")),
        "edit": escape(gettext("Ändra")),
        "up": escape(gettext("Flytta upp")),
        "down": escape(gettext("Flytta ned")),
        "system": escape(gettext("systemet")),
    }
    parts = []
    last = len(goals) - 1
    for index, item in enumerate(goals):
        goal = item.goal
        pk = goal.pk
        text = escape(goal.text)
        parts.append(f'<tr id="mal-{pk}">\n<th scope="row"><a href="{detail_url(pk)}">{text}</a>')
        if goal.example:
            parts.append(f' <span class="example-badge">{t["example"]}</span>')
        if may_edit:
            short = escape(truncatechars(goal.text, 60))
            hidden = f'<span class="visually-hidden"> {short}</span>'
            parts.append(
                f'\n<p class="row-actions">\n<a href="{assess_url(pk)}">{t["assess"]}{hidden}</a>\n'
                f'<a href="{edit_url(pk)}">{t["edit"]}{hidden}</a>\n'
            )
            moves = ((index > 0, up_url, t["up"]), (index < last, down_url, t["down"]))
            for show, url, move in moves:
                if show:
                    parts.append(
                        f'<form method="post" action="{url(pk)}" class="inline-form">{csrf}'
                        f'<input type="hidden" name="ar" value="{year}">'
                        f'<button type="submit" class="button-small">{move}{hidden}</button>'
                        "</form>\n"
                    )
            parts.append("</p>")
        assessment = item.assessment
        result = paragraphs(assessment.result) if assessment else ""
        analysis = paragraphs(assessment.analysis) if assessment else ""
        label = item.rating_label
        parts.append(
            f"\n</th>\n<td>{result}</td>\n<td>{analysis}</td>\n"
            f'<td><p class="status"><span class="status-symbol" aria-hidden="true">{item.symbol}'
            f"</span>{escape(capfirst(label))}</p>"
        )
        if assessment and assessment.assessed_at:
            by = escape(assessment.assessed_by_name) if assessment.assessed_by_name else t["system"]
            day = timezone.localtime(assessment.assessed_at).date().isoformat()
            parts.append(f'\n<p class="note">{by}, {day}</p>')
        parts.append("</td>\n</tr>\n")
    return mark_safe("".join(parts))  # every text above is escaped
