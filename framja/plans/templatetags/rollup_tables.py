"""The roll-up page's content, written in Python.

A region's roll-up has a line per plan, a page of rows, counts per status and links to pages;
as template loops they were most of the page's time (about 20 µs per variable), and the rest
of the template (some thirty translations and tags) cost as much again. This writes the same
HTML in a fraction of that: the fixed text is translated once per language, the links reversed
once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from framja.core.html import PLACEHOLDER, capfirst, shortened, url_filler
from framja.core.translated import per_language
from framja.organisations.models import Organisation
from framja.plans.models import RATING_SYMBOLS, PlanState, Rating
from framja.plans.selectors import Rollup, RollupPlanLine, RollupRow

register = template.Library()


@per_language
def _statuses(language: str | None) -> dict[str, str]:
    """Return each rating's symbol and capitalised label as HTML, in the ratings' order."""
    return {
        rating.value: f'<span class="status-symbol" aria-hidden="true">{RATING_SYMBOLS[rating]}'
        f"</span>{escape(capfirst(str(rating.label)))}"
        for rating in Rating
    }


@per_language
def _states(language: str | None) -> dict[str, str]:
    return {state.value: escape(str(state.label)) for state in PlanState}


def _badge() -> str:
    return f' <span class="example-badge">{escape(gettext("exempeldata"))}</span>'


def _late(count: int) -> str:
    return f'<span class="late">{count}</span>' if count else "0"


@register.simple_tag
def rollup_plan_lines(lines: list[RollupPlanLine]) -> SafeString:
    """Return a <tr> per plan: plan, state, rows, rows per status, without status, late."""
    language = get_language()
    states, statuses = _states(language), _statuses(language)
    badge = _badge()
    plan_url = url_filler("plans:detail", PLACEHOLDER)
    parts: list[str] = []
    for line in lines:
        counts = line.counts
        listed = "".join(
            f"<li>{html}: {counts[value]}</li>"
            for value, html in statuses.items()
            if counts.get(value)
        )
        parts.append(
            "<tr>"
            f'<th scope="row">{escape(line.organisation_name)}: '
            f'<a href="{plan_url(line.plan_id)}">{escape(line.title)}</a>'
            f"{badge if line.example else ''}</th>"
            f"<td>{states.get(line.state, '')}</td>"
            f"<td>{line.row_count}</td>"
            f"<td>{f'<ul class="plain-list">{listed}</ul>' if listed else '–'}</td>"
            f"<td>{line.unrated}</td>"
            f"<td>{_late(line.late_count)}</td>"
            "</tr>\n"
        )
    return mark_safe("".join(parts))


@register.simple_tag
def rollup_rows(rows: list[RollupRow]) -> SafeString:
    """Return a <tr> per row: plan, row linked to its place in the plan, status, late."""
    statuses = _statuses(get_language())
    no_status = escape(gettext("Ingen status ännu"))
    badge = _badge()
    plan_url = url_filler("plans:detail", PLACEHOLDER)
    # The plan's cell and link, once per plan: a page holds the rows of a few plans.
    plans: dict[int, tuple[str, str]] = {}
    parts: list[str] = []
    for item in rows:
        line = item.line
        if line.plan_id not in plans:
            url = plan_url(line.plan_id)
            plans[line.plan_id] = (
                url,
                f'<td><a href="{url}">{escape(line.organisation_name)}: {escape(line.title)}</a>'
                f"{badge if line.example else ''}</td>",
            )
        url, plan_cell = plans[line.plan_id]
        if item.rating and item.rating_date:
            status = (
                f'<span class="status">{statuses[item.rating]}</span> '
                f'<span class="kind">{item.rating_date:%Y-%m-%d}</span>'
            )
        else:
            status = no_status
        late = (
            "<ul>"
            + "".join(f'<li class="late">{escape(shortened(text, 80))}</li>' for text in item.late)
            + "</ul>"
            if item.late
            else "–"
        )
        parts.append(
            f"<tr>{plan_cell}"
            f'<td><a href="{url}#rad-{item.row_id}">{escape(item.title)}</a></td>'
            f"<td>{status}</td>"
            f"<td>{late}</td>"
            "</tr>\n"
        )
    return mark_safe("".join(parts))


@register.simple_tag
def rollup_status_facts(rollup: Rollup) -> SafeString:
    """Return a <dt> and <dd> per status that some row has, with the number of rows."""
    statuses = _statuses(get_language())
    counts = rollup.counts
    return mark_safe(
        "".join(
            f"<dt>{html}</dt><dd>{counts[value]}</dd>\n  "
            for value, html in statuses.items()
            if counts.get(value)
        )
    )


@register.simple_tag
def rollup_page_links(rollup: Rollup) -> SafeString:
    """Return the pager's <li> per page number, a gap as an ellipsis."""
    page = rollup.page
    query = f"?ar={rollup.year}{'&amp;urval=uppmarksamhet' if rollup.attention_only else ''}"
    label = f'<span class="visually-hidden">{escape(gettext("Sida"))} </span>'
    parts: list[str] = []
    for number in page.numbers:
        if number is None:
            parts.append('<li aria-hidden="true">…</li>')
            continue
        current = ' aria-current="page"' if number == page.number else ""
        parts.append(
            f'<li><a href="{query}&amp;sida={number}#rader"{current}>{label}{number}</a></li>'
        )
    return mark_safe("".join(parts))


@dataclass(frozen=True)
class _Texts:
    """The page's fixed text in one language. As {% translate %} does with a literal, the
    translations are not escaped; the values put into them are."""

    breadcrumbs: str
    rollup: str
    heading: str  # %(name)s
    intro: str
    year: str
    attention_only: str
    show: str
    situation: str  # %(year)s
    plans: str
    areas: str
    unrated: str
    late: str
    attention: str
    by_plan: str
    plans_caption: str  # %(year)s
    plans_head: str
    attention_heading: str
    by_row: str
    rows_caption: str  # %(page)s, %(pages)s
    rows_head: str
    pages: str
    previous: str
    next: str
    none_need_attention: str
    no_rows: str
    no_plans: str


@per_language
def _texts(language: str | None) -> _Texts:
    def head(*labels: str) -> str:
        cells = "".join(f'<th scope="col">{label}</th>' for label in labels)
        return f"<thead><tr>{cells}</tr></thead>"

    # Each text is written out in its gettext call, where makemessages finds it.
    organisation_and_plan = gettext("Organisation och plan")
    late = gettext("Försenade aktiviteter")

    return _Texts(
        breadcrumbs=gettext("Brödsmulor"),
        rollup=gettext("Sammanställning"),
        heading=gettext("Underorganisationernas planer – %(name)s"),
        intro=gettext(
            "Läget i planerna för organisationerna under denna (t.ex. RAG:ar eller "
            "temagrupper): först i siffror, sedan plan för plan och till sist rad för rad med "
            "aktuell status och försenade aktiviteter."
        ),
        year=gettext("År"),
        attention_only=gettext("Bara rader som behöver uppmärksamhet"),
        show=gettext("Visa"),
        situation=gettext("Läget %(year)s"),
        plans=gettext("Planer"),
        areas=gettext("Prioriterade områden"),
        unrated=gettext("Utan status"),
        late=late,
        attention=gettext("Rader som behöver uppmärksamhet"),
        by_plan=gettext("Plan för plan"),
        plans_caption=gettext("Underorganisationernas planer %(year)s, med antal rader per status"),
        plans_head=head(
            organisation_and_plan,
            gettext("Läge"),
            gettext("Rader"),
            gettext("Status"),
            gettext("Utan status"),
            late,
        ),
        attention_heading=gettext("Rader som behöver uppmärksamhet"),
        by_row=gettext("Rad för rad"),
        rows_caption=gettext("Rader i underorganisationernas planer, sida %(page)s av %(pages)s"),
        rows_head=head(
            organisation_and_plan, gettext("Prioriterat område"), gettext("Status"), late
        ),
        pages=gettext("Sidor med rader"),
        previous=gettext("Föregående"),
        next=gettext("Nästa"),
        none_need_attention=gettext("Inga rader behöver uppmärksamhet just nu."),
        no_rows=gettext("Planerna har inga rader ännu."),
        no_plans=gettext("Det finns inga planer under den här organisationen som du kan se."),
    )


def _form(rollup: Rollup, t: _Texts) -> str:
    """Return the form that chooses the year and the filter."""
    options = "".join(
        f'<option value="{year}"{" selected" if year == rollup.year else ""}>{year}</option>'
        for year in rollup.years
    )
    checked = " checked" if rollup.attention_only else ""
    return (
        '\n<form method="get" class="inline-form">\n'
        f'  <label for="year-select">{t.year}</label>\n'
        f'  <select id="year-select" name="ar">{options}</select>\n'
        '  <input type="checkbox" id="attention-only" name="urval" value="uppmarksamhet"'
        f"{checked}>\n"
        f'  <label for="attention-only">{t.attention_only}</label>\n'
        f'  <button type="submit" class="button-small">{t.show}</button>\n'
        "</form>\n"
    )


def _facts(rollup: Rollup, t: _Texts) -> str:
    """Return the totals: plans, rows, rows per status, late activities, rows needing care."""
    return (
        f"<h2>{t.situation % {'year': rollup.year}}</h2>\n"
        '<dl class="facts">\n'
        f"  <dt>{t.plans}</dt><dd>{len(rollup.plans)}</dd>\n"
        f"  <dt>{t.areas}</dt><dd>{rollup.row_count}</dd>\n"
        f"  {rollup_status_facts(rollup)}<dt>{t.unrated}</dt><dd>{rollup.unrated}</dd>\n"
        f"  <dt>{t.late}</dt><dd>{_late(rollup.late_count)}</dd>\n"
        f"  <dt>{t.attention}</dt><dd>{rollup.attention_count}</dd>\n"
        "</dl>\n"
    )


def _rows(rollup: Rollup, t: _Texts) -> str:
    """Return the page of rows with its count and pager, or why there are none."""
    page = rollup.page
    if not page.rows:
        return f"\n<p>{t.none_need_attention if rollup.attention_only else t.no_rows}</p>\n"
    numbers = {"page": page.number, "pages": page.pages}
    counter = rollup.shown_count
    count = ngettext(
        "%(counter)s rad, sida %(page)s av %(pages)s",
        "%(counter)s rader, sida %(page)s av %(pages)s",
        counter,
    ) % {"counter": counter, **numbers}
    parts = [
        f"\n<p>{count}</p>\n<table>\n"
        f'  <caption class="visually-hidden">{t.rows_caption % numbers}</caption>\n'
        f"  {t.rows_head}\n"
        f"  <tbody>\n  {rollup_rows(page.rows)}\n  </tbody>\n</table>\n"
    ]
    if page.pages > 1:
        query = f"?ar={rollup.year}{'&amp;urval=uppmarksamhet' if rollup.attention_only else ''}"
        previous = (
            f'<li><a href="{query}&amp;sida={page.previous}#rader" rel="prev">{t.previous}</a></li>'
            if page.has_previous
            else ""
        )
        following = (
            f'<li><a href="{query}&amp;sida={page.next}#rader" rel="next">{t.next}</a></li>'
            if page.has_next
            else ""
        )
        parts.append(
            f'\n<nav aria-label="{t.pages}" class="pager"><ul class="actions">\n'
            f"  {previous}\n  {rollup_page_links(rollup)}\n  {following}\n</ul></nav>\n"
        )
    parts.append("\n")
    return "".join(parts)


@register.simple_tag
def rollup_page(organisation: Organisation, rollup: Rollup) -> SafeString:
    """Return the page's content: the totals, the line per plan and the page of rows."""
    t = _texts(get_language())
    name = escape(organisation.name)
    slug = organisation.slug
    parts = [
        f'\n<nav aria-label="{t.breadcrumbs}" class="breadcrumbs"><ol>\n'
        f'  <li><a href="{url_filler("organisations:detail", PLACEHOLDER)(slug)}">{name}</a></li>\n'
        f'  <li><a href="{url_filler("plans:rollup", PLACEHOLDER)(slug)}" aria-current="page">'
        f"{t.rollup}</a></li>\n"
        "</ol></nav>\n"
        f"<h1>{t.heading % {'name': name}}</h1>\n"
        f"<p>{t.intro}</p>\n"
    ]
    if not rollup.years:
        parts.append(f"\n<p>{t.no_plans}</p>\n\n")
        return mark_safe("".join(parts))
    parts += [
        _form(rollup, t),
        _facts(rollup, t),
        f"<h2>{t.by_plan}</h2>\n<table>\n"
        f'  <caption class="visually-hidden">{t.plans_caption % {"year": rollup.year}}</caption>\n'
        f"  {t.plans_head}\n"
        f"  <tbody>\n  {rollup_plan_lines(rollup.plans)}\n  </tbody>\n</table>\n",
        f'<h2 id="rader">{t.attention_heading if rollup.attention_only else t.by_row}</h2>\n\n',
        _rows(rollup, t),
        "\n\n\n",
    ]
    return mark_safe("".join(parts))
