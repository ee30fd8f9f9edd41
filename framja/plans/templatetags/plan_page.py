"""The head of the plan page and its table section as HTML, written in Python.

As template tags these parts cost some thirty URL lookups and as many translations per page,
most of the plan page's own rendering. Here the URLs are reversed once per process (the
plan's key is put into a URL reversed with a placeholder) and the labels translated once per
language. The markup is that of the templates they replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from framja.core.html import PLACEHOLDER, capfirst, csrf_input, url_filler
from framja.core.translated import per_language
from framja.plans.models import Plan, PlanState
from framja.plans.selectors import PlanView
from framja.plans.templatetags.plan_table import plan_table_rows

register = template.Library()


def _urls() -> dict[str, Callable[[object], str]]:
    """Return the URL fillers of the page's links (``url_filler``: reversed once per process)."""
    names = [
        "edit",
        "section_create",
        "anchor",
        "adopt",
        "new_version",
        "archive",
        "publish",
        "next_year",
        "versions",
        "coverage",
        "row_create",
        "detail",
    ]
    urls = {name: url_filler(f"plans:{name}", PLACEHOLDER) for name in names}
    for fmt in ("docx", "pdf", "xlsx"):
        urls[fmt] = url_filler("plans:export", PLACEHOLDER, fmt)
    urls["list"] = url_filler("plans:list", PLACEHOLDER)
    urls["organisation"] = url_filler("organisations:detail", PLACEHOLDER)
    return urls


# The document's details in the order the page lists them (by their labels' keys).
_META = ["document_name", "document_type", "created_by_text", "document_owner"]
_META_DATES = ["adopted_date", "valid_until", "revised_date"]


@per_language
def _words(language: str | None) -> dict[str, str]:
    """Return the page's labels in the language."""
    words = {
        "breadcrumbs": gettext("Brödsmulor"),
        "plans": gettext("Handlingsplaner"),
        "published": gettext("publicerad för alla"),
        "example": gettext("exempeldata"),
        "edit": gettext("Ändra dokumentuppgifter och fokusområden"),
        "section_create": gettext("Nytt avsnitt"),
        "anchor": gettext("Skicka för förankring"),
        "adopt": gettext("Fastställ"),
        "new_version": gettext("Ny version"),
        "archive": gettext("Arkivera"),
        "unpublish": gettext("Sluta visa för alla"),
        "publish": gettext("Publicera för alla"),
        "next_year": gettext("Skapa nästa års plan"),
        "download": gettext("Ladda ned:"),
        "versions": gettext("Versioner och jämförelse"),
        "coverage": gettext("Täckning av patientlöften och målområden"),
        "document_name": gettext("Dokumentnamn"),
        "document_type": gettext("Typ av dokument"),
        "created_by_text": gettext("Skapad av"),
        "document_owner": gettext("Dokumentägare"),
        "adopted_by": gettext("Fastställd av"),
        "adopted_date": gettext("Fastställt datum"),
        "valid_until": gettext("Giltig t.o.m."),
        "revised_date": gettext("Reviderat datum"),
        "version": gettext("Version"),
        "keywords": gettext("Sökord"),
        "predecessor": gettext("Föregående plan"),
        "table": gettext("Handlingsplan"),
        "unrated": gettext("utan status"),
        "row_create": gettext("Lägg till rad"),
        "caption": gettext("Handlingsplanens rader"),
        "effort_area": gettext("Nationellt insatsområde"),
        "priority": gettext("Prioriterat område och patientlöften"),
        "activities": gettext("Aktiviteter"),
        "follow_up": gettext("Uppföljning"),
        "status": gettext("Status"),
        "no_rows": gettext("Planen har inga rader ännu."),
    }
    # Not escaped: {% translate %} puts a translation of a literal into the page as it is.
    return words


def _post(url: str, csrf: str, label: str) -> str:
    return (
        f'<li><form method="post" action="{url}" class="inline-form">{csrf}'
        f'<button type="submit" class="button-small">{label}</button></form></li>'
    )


def _actions(plan: Plan, t: dict[str, str], urls: dict[str, Any], csrf: str, may_edit: bool) -> str:
    """Return the list of what a manager may do with the plan, as the template wrote it."""
    pk, state = plan.pk, plan.state
    lines = ['\n<ul class="actions">\n  ']
    if may_edit:
        lines.append(
            f'<li><a href="{urls["edit"](pk)}">{t["edit"]}</a></li>\n'
            f'  <li><a href="{urls["section_create"](pk)}">{t["section_create"]}</a></li>'
        )
    lines.append("\n  ")
    if state == PlanState.DRAFT:
        lines.append(f'<li><a href="{urls["anchor"](pk)}">{t["anchor"]}</a></li>')
    lines.append("\n  ")
    if state in (PlanState.DRAFT, PlanState.ANCHORING):
        lines.append(f'<li><a href="{urls["adopt"](pk)}">{t["adopt"]}</a></li>')
    lines.append("\n  ")
    if state == PlanState.ADOPTED:
        lines.append(
            f"\n    {_post(urls['new_version'](pk), csrf, t['new_version'])}"
            f"\n    {_post(urls['archive'](pk), csrf, t['archive'])}\n  "
        )
    lines.append("\n  ")
    if state in (PlanState.ADOPTED, PlanState.ARCHIVED):
        label = t["unpublish"] if plan.published else t["publish"]
        lines.append(f"\n    {_post(urls['publish'](pk), csrf, label)}\n  ")
    lines.append(f"\n  {_post(urls['next_year'](pk), csrf, t['next_year'])}\n</ul>\n")
    return "".join(lines)


def _meta(plan: Plan, t: dict[str, str], urls: dict[str, Any]) -> str:
    """Return the document's details as the template's definition list wrote them."""
    items = []
    for name in _META:
        value = getattr(plan, name)
        items.append(f"<dt>{t[name]}</dt><dd>{escape(value)}</dd>" if value else "")
    adopted_by = plan.adopted_by
    items.append(
        f"<dt>{t['adopted_by']}</dt><dd>{escape(adopted_by.name)}</dd>" if adopted_by else ""
    )
    for name in _META_DATES:
        value = getattr(plan, name)
        items.append(f"<dt>{t[name]}</dt><dd>{value.isoformat()}</dd>" if value else "")
    items.append(f"<dt>{t['version']}</dt><dd>{escape(plan.version)}</dd>" if plan.version else "")
    items.append(
        f"<dt>{t['keywords']}</dt><dd>{escape(plan.keywords)}</dd>" if plan.keywords else ""
    )
    predecessor = plan.predecessor
    items.append(
        f'<dt>{t["predecessor"]}</dt><dd><a href="{urls["detail"](predecessor.pk)}">'
        f"{escape(predecessor.title)}</a></dd>"
        if predecessor
        else ""
    )
    return '<dl class="plan-meta">\n' + "".join(f"  {item}\n" for item in items) + "</dl>"


@register.simple_tag(takes_context=True)
def plan_head(context: template.Context, plan: Plan) -> SafeString:
    """Return the plan page from its breadcrumbs to the document's details."""
    t = _words(get_language())
    urls = _urls()
    organisation = plan.organisation
    pk = plan.pk
    title = escape(plan.title)
    name = escape(organisation.name)
    parts = [
        f'<nav aria-label="{t["breadcrumbs"]}" class="breadcrumbs"><ol>\n'
        f'  <li><a href="{urls["organisation"](organisation.slug)}">{name}</a></li>\n'
        f'  <li><a href="{urls["list"](organisation.slug)}">{t["plans"]}</a></li>\n'
        f'  <li><a href="{urls["detail"](pk)}" aria-current="page">{title}</a></li>\n'
        "</ol></nav>\n"
        f"<h1>{title}</h1>\n"
        f"<p>{name} · {plan.year} · "
        f"<strong>{escape(capfirst(str(plan.get_state_display())))}</strong>"
    ]
    if plan.published:
        parts.append(f" · {t['published']}")
    if plan.example:
        parts.append(f' <span class="example-badge">{t["example"]}</span>')
    parts.append("</p>\n\n")
    if plan.state == PlanState.ANCHORING and plan.anchoring_body:
        text = gettext("Skickad för förankring till %(body)s.")
        parts.append(f"<p>{text % {'body': escape(plan.anchoring_body.name)}}</p>")
    parts.append("\n")
    if context.get("may_manage"):
        csrf = csrf_input(context["request"])
        parts.append(_actions(plan, t, urls, csrf, bool(context.get("may_edit"))))
    parts.append(
        f'\n<p>{t["download"]} <a href="{urls["docx"](pk)}">Word (DOCX)</a> · '
        f'<a href="{urls["pdf"](pk)}">PDF</a> · <a href="{urls["xlsx"](pk)}">Excel (XLSX)</a></p>\n'
        f'<p><a href="{urls["versions"](pk)}">{t["versions"]}</a> · '
        f'<a href="{urls["coverage"](pk)}">{t["coverage"]}</a></p>\n\n'
    )
    parts.append(_meta(plan, t, urls))
    return mark_safe("".join(parts))


@register.simple_tag(takes_context=True)
def plan_table(context: template.Context, plan: Plan, view: PlanView) -> SafeString:
    """Return the plan's table section: its counts, its header and every row."""
    t = _words(get_language())
    urls = _urls()
    count = len(view.rows)
    counts = ngettext(
        "%(counter)s prioriterat område", "%(counter)s prioriterade områden", count
    ) % {"counter": count}
    # As blocktranslate: the translation itself is not escaped, only what is put into it.
    summary = [counts]
    summary.extend(f" · {escape(label)}: {number}" for label, number in view.status_counts)
    if view.unrated:
        summary.append(f" · {t['unrated']}: {view.unrated}")
    if view.late_count:
        late = ngettext(
            "%(counter)s försenad aktivitet", "%(counter)s försenade aktiviteter", view.late_count
        ) % {"counter": view.late_count}
        summary.append(f' · <span class="late">{late}</span>')
    parts = [
        '<section id="plan-table" aria-labelledby="tabell">\n'
        f'  <h2 id="tabell">{t["table"]}</h2>\n'
        f"  <p>{''.join(summary)}</p>\n  "
    ]
    if context.get("may_edit"):
        parts.append(f'<p><a href="{urls["row_create"](plan.pk)}">{t["row_create"]}</a></p>')
    parts.append("\n  ")
    if view.rows:
        parts.append(
            '\n  <table class="plan-table">\n'
            f'    <caption class="visually-hidden">{t["caption"]}</caption>\n'
            "    <thead><tr>\n"
            f'      <th scope="col">{t["effort_area"]}</th>\n'
            f'      <th scope="col">{t["priority"]}</th>\n'
            f'      <th scope="col">{t["activities"]}</th>\n'
            f'      <th scope="col">{t["follow_up"]}</th>\n'
            f'      <th scope="col">{t["status"]}</th>\n'
            "    </tr></thead>\n"
            "    <tbody>\n    "
            f"{plan_table_rows(context, view)}\n"
            "    </tbody>\n"
            "  </table>\n  "
        )
    else:
        parts.append(f"\n  <p>{t['no_rows']}</p>\n  ")
    parts.append("\n</section>")
    return mark_safe("".join(parts))
