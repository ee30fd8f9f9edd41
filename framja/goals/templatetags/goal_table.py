"""An organisation's goal tables as HTML, written in Python.

An organisation can have dozens of goals a year, each with its result, analysis, assessment
and, for those who may change them, four links and forms. Written by the template that was most
of the page's time; here each translation, URL and the CSRF field are looked up once per page,
the ratings' labels included. The markup is the template's.
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext

from framja.core.html import PLACEHOLDER, capfirst, csrf_input, shortened, url_filler
from framja.core.templatetags.framja import paragraphs
from framja.goals.models import GOAL_RATING_SYMBOLS, GoalRating
from framja.goals.selectors import GoalRow, GoalRowGroup

register = template.Library()

# As long as the truncatechars filter's; the names of the goal in the editors' links.
SHORT_NAME = 60


class _Writer:
    """Everything one page's tables need that is the same for every row."""

    def __init__(self, *, csrf: str, may_edit: bool, year: int) -> None:
        self.may_edit = may_edit
        self.csrf = csrf
        self.year = year
        self.detail_url = url_filler("goals:goal_detail", PLACEHOLDER)
        self.assess_url = url_filler("goals:assess", PLACEHOLDER, str(year))
        self.edit_url = url_filler("goals:goal_edit", PLACEHOLDER)
        self.up_url = url_filler("goals:goal_move", PLACEHOLDER, "upp")
        self.down_url = url_filler("goals:goal_move", PLACEHOLDER, "ned")
        words = {
            "example": gettext("exempeldata"),
            "assess": gettext("Bedöm"),
            "edit": gettext("Ändra"),
            "up": gettext("Flytta upp"),
            "down": gettext("Flytta ned"),
            "system": gettext("systemet"),
            "no_heading": gettext("Mål utan rubrik"),
            "goal": gettext("Mål"),
            "result": gettext("Resultat"),
            "analysis": gettext("Analys"),
            "rating": gettext("Bedömning"),
        }
        self.t = {key: escape(text) for key, text in words.items()}
        self.caption = gettext("%(heading)s: mål, resultat, analys och bedömning %(year)s")
        # The truncatechars filter translates its ellipsis twice for every text it shortens.
        self.ellipsis = pgettext("String to return when truncating text", "%(truncated_text)s…")
        self.ratings = {
            rating.value: (
                f'<td><p class="status"><span class="status-symbol" aria-hidden="true">'
                f"{GOAL_RATING_SYMBOLS[rating]}</span>{escape(capfirst(str(rating.label)))}</p>"
            )
            for rating in GoalRating
        }

    def short(self, text: str) -> str:
        """Return ``text`` as the truncatechars filter shortens it to SHORT_NAME characters."""
        return shortened(text, SHORT_NAME, self.ellipsis)

    def section(self, number: int, group: GoalRowGroup) -> str:
        t = self.t
        heading = escape(group.heading) if group.heading else t["no_heading"]
        caption = self.caption % {"heading": heading, "year": self.year}
        rows = "".join(
            self.row(goal, first=i == 0, last=i == len(group.goals) - 1)
            for i, goal in enumerate(group.goals)
        )
        return (
            f'\n<section aria-labelledby="grupp-{number}">\n'
            f'  <h2 id="grupp-{number}">{heading}</h2>\n'
            '  <table class="goal-table">\n'
            f'    <caption class="visually-hidden">{caption}</caption>\n'
            f'    <thead><tr><th scope="col">{t["goal"]}</th><th scope="col">{t["result"]}</th>'
            f'<th scope="col">{t["analysis"]}</th><th scope="col">{t["rating"]}</th></tr></thead>\n'
            f"    <tbody>\n    {rows}\n    </tbody>\n  </table>\n</section>\n"
        )

    def row(self, goal: GoalRow, *, first: bool, last: bool) -> str:
        t = self.t
        pk = goal.pk
        text = escape(goal.text)
        parts = [f'<tr id="mal-{pk}">\n<th scope="row"><a href="{self.detail_url(pk)}">{text}</a>']
        if goal.example:
            parts.append(f' <span class="example-badge">{t["example"]}</span>')
        if self.may_edit:
            hidden = f'<span class="visually-hidden"> {escape(self.short(goal.text))}</span>'
            parts.append(
                f'\n<p class="row-actions">\n'
                f'<a href="{self.assess_url(pk)}">{t["assess"]}{hidden}</a>\n'
                f'<a href="{self.edit_url(pk)}">{t["edit"]}{hidden}</a>\n'
            )
            for show, url, move in (
                (not first, self.up_url, t["up"]),
                (not last, self.down_url, t["down"]),
            ):
                if show:
                    parts.append(
                        f'<form method="post" action="{url(pk)}" class="inline-form">{self.csrf}'
                        f'<input type="hidden" name="ar" value="{self.year}">'
                        f'<button type="submit" class="button-small">{move}{hidden}</button>'
                        "</form>\n"
                    )
            parts.append("</p>")
        result = paragraphs(goal.result) if goal.result else ""
        analysis = paragraphs(goal.analysis) if goal.analysis else ""
        parts.append(
            f"\n</th>\n<td>{result}</td>\n<td>{analysis}</td>\n{self.ratings[goal.rating]}"
        )
        if goal.assessed_at:
            by = escape(goal.assessed_by_name) if goal.assessed_by_name else t["system"]
            day = timezone.localtime(goal.assessed_at).date().isoformat()
            parts.append(f'\n<p class="note">{by}, {day}</p>')
        parts.append("</td>\n</tr>\n")
        return "".join(parts)


@register.simple_tag(takes_context=True)
def goal_tables(context: template.Context, groups: list[GoalRowGroup], year: int) -> SafeString:
    """Return a <section> per heading with its table: a <tr> per goal with its result,
    analysis and rating for the year and, for editors, the links and forms to change it."""
    may_edit = bool(context.get("may_edit"))
    # Only the editors' forms need the CSRF field; a new masked token costs some microseconds.
    csrf = csrf_input(context["request"]) if may_edit else ""
    writer = _Writer(csrf=csrf, may_edit=may_edit, year=year)
    # Every text is escaped by the writer.
    return mark_safe("".join(writer.section(n, group) for n, group in enumerate(groups, 1)))
