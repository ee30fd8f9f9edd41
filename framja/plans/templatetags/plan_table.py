"""The rows of the plan table as HTML, written in Python.

A plan page shows every row with its activities, statuses and, for those who may change the
plan, a handful of links and small forms per row and per activity. As a template that was
some 1,500 rendered nodes, a hundred URL lookups and six hundred translations for a plan of
20 rows: most of the page's time. Here each translation is looked up once per language, each
URL once per process (the primary key is put into a URL reversed with a placeholder) and the
request's CSRF token once per page. The markup is the template's.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from framja.core.html import PLACEHOLDER, capfirst, csrf_input, shortened, url_filler
from framja.core.templatetags.framja import paragraphs
from framja.core.translated import per_language
from framja.plans.models import Rating
from framja.plans.selectors import ActivityItem, PlanView, RowItem, RowView

register = template.Library()


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


@per_language
def _words(language: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """Return the rows' labels (escaped) and the ratings' names in the language."""
    words = {
        "promises": gettext("Patientlöften:"),
        "areas": gettext("Målområden:"),
        "similar": gettext("Liknande arbete på andra håll"),
        "edit_row": gettext("Ändra raden"),
        "up": gettext("Flytta upp"),
        "down": gettext("Flytta ned"),
        "done": gettext("Klar:"),
        "whole_year": gettext("hela året"),
        "late": gettext("Försenad"),
        "edit": gettext("Ändra"),
        "undone_action": gettext("Markera ej klar"),
        "done_action": gettext("Markera klar"),
        "add_activity": gettext("Lägg till aktivitet"),
        "no_status": gettext("Ingen status ännu"),
        "earlier": gettext("Tidigare statusar"),
        "new_status": gettext("Ny status"),
    }
    escaped = {key: escape(text) for key, text in words.items()}
    return escaped, {rating.value: str(rating.label) for rating in Rating}


class _Writer:
    """Everything one rendering needs that is the same for every row."""

    def __init__(self, *, csrf: str, may_edit: bool, may_follow_up: bool) -> None:
        self.may_edit = may_edit
        self.may_follow_up = may_follow_up
        self.csrf = csrf
        # The links' URL fillers, reversed once per process (``url_filler``).
        self.similar_url = url_filler("knowledge:similar_row", PLACEHOLDER)
        self.row_edit_url = url_filler("plans:row_edit", PLACEHOLDER)
        self.row_up_url = url_filler("plans:row_move", PLACEHOLDER, "upp")
        self.row_down_url = url_filler("plans:row_move", PLACEHOLDER, "ned")
        self.activity_edit_url = url_filler("plans:activity_edit", PLACEHOLDER)
        self.activity_up_url = url_filler("plans:activity_move", PLACEHOLDER, "upp")
        self.activity_down_url = url_filler("plans:activity_move", PLACEHOLDER, "ned")
        self.activity_toggle_url = url_filler("plans:activity_toggle", PLACEHOLDER)
        self.activity_create_url = url_filler("plans:activity_create", PLACEHOLDER)
        self.status_create_url = url_filler("plans:status_create", PLACEHOLDER)
        self.t, self.ratings = _words(get_language())

    def move_buttons(
        self,
        *,
        up: Callable[[int], str],
        down: Callable[[int], str],
        pk: int,
        prefix: str,
        name: str,
        first: bool,
        last: bool,
    ) -> str:
        parts = []
        for show, url, direction, label in (
            (not first, up, "upp", self.t["up"]),
            (not last, down, "ned", self.t["down"]),
        ):
            if show:
                parts.append(
                    f'<form method="post" action="{url(pk)}" class="inline-form" data-enhance>'
                    f'{self.csrf}<button type="submit" id="{prefix}-{pk}-{direction}" '
                    f'class="button-small">{label}<span class="visually-hidden"> {name}</span>'
                    "</button></form>"
                )
        return "\n".join(parts)

    def row(self, item: RowView, *, first: bool, last: bool) -> str:
        row = item.row
        title = escape(row.title)
        return (
            f'<tr id="rad-{row.pk}">\n'
            f"<td>{self.effort_area(row)}</td>\n"
            f"<td>{self.title_cell(item, title, first=first, last=last)}</td>\n"
            f"<td>{self.activities_cell(item, row, title)}</td>\n"
            f"<td>{paragraphs(row.follow_up)}</td>\n"
            f"<td>{self.status_cell(item, row, title)}</td>\n"
            "</tr>\n"
        )

    def effort_area(self, row: RowItem) -> str:
        parts = []
        if row.effort_area is not None:
            if row.effort_area_parent is not None:
                parts.append(f"{escape(row.effort_area_parent)} › ")
            parts.append(escape(row.effort_area))
        if row.effort_area_note:
            parts.append(f"<br>{escape(row.effort_area_note)}")
        return "".join(parts)

    def title_cell(self, item: RowView, title: str, *, first: bool, last: bool) -> str:
        row = item.row
        parts = [f"<strong>{title}</strong>"]
        if row.description:
            parts.append(paragraphs(row.description))
        promises = item.promises
        if promises:
            items = "".join(f"<li>{escape(promise.text)}</li>" for promise in promises)
            parts.append(f"<p>{self.t['promises']}</p><ul>{items}</ul>")
        areas = item.areas
        if areas:
            names = "; ".join(escape(str(area)) for area in areas)
            parts.append(f"<p>{self.t['areas']} {names}</p>")
        parts.append(
            f'<p class="row-actions"><a class="small-link" href="{self.similar_url(row.pk)}">'
            f'{self.t["similar"]}<span class="visually-hidden"> – {title}</span></a></p>'
        )
        if self.may_edit:
            buttons = self.move_buttons(
                up=self.row_up_url,
                down=self.row_down_url,
                pk=row.pk,
                prefix="rad",
                name=title,
                first=first,
                last=last,
            )
            parts.append(
                f'<div class="row-actions"><a id="rad-{row.pk}-andra" '
                f'href="{self.row_edit_url(row.pk)}">{self.t["edit_row"]}'
                f'<span class="visually-hidden"> {title}</span></a>\n{buttons}</div>'
            )
        return "\n".join(parts)

    def activities_cell(self, item: RowView, row: RowItem, title: str) -> str:
        parts = []
        if item.activities:
            late = {activity.pk for activity in item.late}
            last = len(item.activities) - 1
            items = [
                self.activity(activity, late=activity.pk in late, first=i == 0, last=i == last)
                for i, activity in enumerate(item.activities)
            ]
            parts.append(f'<ul class="activities">{"".join(items)}</ul>')
        if self.may_edit:
            parts.append(
                f'<p class="row-actions"><a href="{self.activity_create_url(row.pk)}">'
                f'{self.t["add_activity"]}<span class="visually-hidden"> – {title}</span></a></p>'
            )
        return "\n".join(parts)

    def activity(self, activity: ActivityItem, *, late: bool, first: bool, last: bool) -> str:
        pk = activity.pk
        parts = ["<li>"]
        if activity.done:
            parts.append(f'<span class="done-text">✓ {self.t["done"]}</span> ')
        parts.append(escape(activity.text))
        if activity.responsible:
            parts.append(f" ({escape(activity.responsible)})")
        if activity.whole_year:
            parts.append(f'\n<span class="kind">– {self.t["whole_year"]}</span>')
        elif activity.start or activity.end:
            start = _date(activity.start) or "…"
            end = _date(activity.end) or "…"
            parts.append(f'\n<span class="kind">– {start}–{end}</span>')
        if late:
            parts.append(f'\n<span class="late">{self.t["late"]}</span>')
        short = escape(shortened(activity.text, 60))
        if self.may_edit:
            buttons = self.move_buttons(
                up=self.activity_up_url,
                down=self.activity_down_url,
                pk=pk,
                prefix="aktivitet",
                name=short,
                first=first,
                last=last,
            )
            parts.append(
                f'\n<a id="aktivitet-{pk}-andra" class="small-link" '
                f'href="{self.activity_edit_url(pk)}">{self.t["edit"]}'
                f'<span class="visually-hidden">: {short}</span></a>\n{buttons}'
            )
        if self.may_follow_up:
            value, label = (
                ("0", self.t["undone_action"]) if activity.done else ("1", self.t["done_action"])
            )
            parts.append(
                f'\n<form method="post" action="{self.activity_toggle_url(pk)}" '
                f'class="inline-form" data-enhance>{self.csrf}'
                f'<input type="hidden" name="done" value="{value}">'
                f'<button type="submit" id="aktivitet-{pk}-klar" class="button-small">{label}'
                f'<span class="visually-hidden">: {short}</span></button></form>'
            )
        parts.append("</li>")
        return "".join(parts)

    def status_cell(self, item: RowView, row: RowItem, title: str) -> str:
        parts = []
        current = item.current
        if current is not None:
            parts.append(
                f'<p class="status"><span class="status-symbol" aria-hidden="true">'
                f"{current.symbol}</span>{escape(capfirst(self.ratings[current.rating]))}</p>"
            )
            by = f", {escape(current.set_by)}" if current.set_by is not None else ""
            parts.append(f"<p>{_date(current.date)}{by}</p>")
            if current.comment:
                parts.append(f"<p>{escape(current.comment)}</p>")
        else:
            parts.append(f"<p>{self.t['no_status']}</p>")
        if len(item.statuses) > 1:
            earlier = []
            for entry in item.statuses[1:]:
                comment = f" – {escape(entry.comment)}" if entry.comment else ""
                rating = escape(self.ratings[entry.rating])
                earlier.append(f"<li>{_date(entry.date)}: {entry.symbol} {rating}{comment}</li>")
            parts.append(
                f'<details><summary>{self.t["earlier"]}<span class="visually-hidden"> – {title}'
                f"</span></summary>\n<ul>{''.join(earlier)}</ul>\n</details>"
            )
        if self.may_follow_up:
            parts.append(
                f'<p class="row-actions"><a id="rad-{row.pk}-status" '
                f'href="{self.status_create_url(row.pk)}" data-inline-form>{self.t["new_status"]}'
                f'<span class="visually-hidden"> – {title}</span></a></p>'
            )
        return "\n".join(parts)


@register.simple_tag(takes_context=True)
def plan_table_rows(context: template.Context, view: PlanView) -> SafeString:
    """Return the <tr> of every row of the plan, as the plan page shows them."""
    writer = _Writer(
        csrf=csrf_input(context["request"]),
        may_edit=bool(context.get("may_edit")),
        may_follow_up=bool(context.get("may_follow_up")),
    )
    last = len(view.rows) - 1
    return mark_safe(
        "".join(writer.row(item, first=i == 0, last=i == last) for i, item in enumerate(view.rows))
    )
