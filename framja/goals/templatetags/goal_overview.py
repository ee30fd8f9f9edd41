"""The goal-fulfilment overview's tables as HTML, written in Python.

A region's overview counts the goals of a hundred organisations, four ratings for each
organisation and each of its headings, and lists every goal not achieved with its analysis.
As a template that was a loop over the ratings in every row and a URL lookup per
organisation; here each URL is reversed once per page. The markup is the template's.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from framja.core.html import PLACEHOLDER, capfirst, url_filler
from framja.core.templatetags.framja import paragraphs
from framja.goals.selectors import Overview

register = template.Library()
SLUG = "organisation-slug"


@register.simple_tag
def rating_header_cells(overview: Overview) -> SafeString:
    """Return a column header per rating: its symbol (hidden from screen readers) and label."""
    cells = (
        f'<th scope="col" class="num"><span aria-hidden="true">{escape(symbol)}</span> '
        f"{escape(capfirst(label))}</th>"
        for _value, symbol, label in overview.ratings
    )
    # Every text is escaped above.
    return mark_safe("".join(cells))


@register.simple_tag
def overview_count_rows(overview: Overview, year: int) -> SafeString:
    """Return the rows of the counts table: per organisation its totals and a row per heading,
    then the totals of them all."""
    values = [value for value, _symbol, _label in overview.ratings]

    def cells(counts: Counter[str]) -> str:
        return "".join(f'<td class="num">{counts[value]}</td>' for value in values)

    list_url = reverse("goals:list", kwargs={"slug": SLUG})
    parts = []
    for org in overview.organisations:
        link = org.organisation
        href = escape(list_url.replace(SLUG, link.slug))
        parts.append(
            f'\n    <tr class="org-row"><th scope="row"><a href="{href}?ar={year}">'
            f"{escape(link.name)}</a></th>{cells(org.totals)}</tr>\n    "
        )
        for heading, counts in org.groups:
            if heading:
                parts.append(
                    f'\n    <tr><th scope="row" class="sub">{escape(heading)}</th>'
                    f"{cells(counts)}</tr>\n    "
                )
        parts.append("\n  ")
    total = escape(gettext("Totalt"))
    parts.append(
        f'\n  <tr class="total-row"><th scope="row">{total}</th>{cells(overview.totals)}</tr>'
    )
    # Every text is escaped above.
    return mark_safe("".join(parts))


@register.simple_tag
def not_achieved_rows(overview: Overview) -> SafeString:
    """Return a row per goal not achieved: its organisation, the goal and its analysis."""
    detail_url = url_filler("goals:goal_detail", PLACEHOLDER)
    parts = []
    for goal in overview.not_achieved:
        analysis = paragraphs(goal.analysis) if goal.analysis else ""
        parts.append(
            f"\n    <tr><td>{escape(goal.organisation_name)}</td>"
            f'<th scope="row"><a href="{detail_url(goal.pk)}">{escape(goal.text)}</a></th>'
            f"<td>{analysis}</td></tr>\n  "
        )
    # Every text is escaped above.
    return mark_safe("".join(parts))
