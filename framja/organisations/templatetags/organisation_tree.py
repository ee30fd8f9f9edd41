"""The organisation tree as HTML, written in Python.

The page lists the roots and, when a branch is open, the path down to it with each open
node's children: up to a few hundred items, each with links and counts. Written here they
take a few microseconds each; a template included once per item took a hundred times that.
Opening and closing a branch are links (``?gren=<slug>``), so they work without JavaScript.
"""

from __future__ import annotations

from html import escape

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from framja.organisations.models import OrganisationKind
from framja.organisations.selectors import Branch

register = template.Library()
SLUG = "organisation-slug"
BRANCH_PARAMETER = "gren"


def branch_id(slug: str) -> str:
    """Return the HTML id of a branch's list item, the fragment its links jump to."""
    return f"gren-{slug}"


@register.simple_tag
def organisation_tree(roots: list[Branch]) -> SafeString:
    """Return the <li> items of ``roots``, with the children of every open branch."""
    detail_url = reverse("organisations:detail", kwargs={"slug": SLUG})
    tree_url = reverse("organisations:tree")
    kinds = {kind.value: conditional_escape(kind.label) for kind in OrganisationKind}
    hide = conditional_escape(gettext("Dölj"))
    parts: list[str] = []

    def write(branch: Branch, parent_slug: str | None) -> None:
        organisation = branch.organisation
        # The standard library's escape: the same result as Django's, without its lazy-string
        # wrapper, which costs more than the rest of an item.
        name = escape(organisation.name)
        slug = escape(organisation.slug)
        href = escape(detail_url.replace(SLUG, organisation.slug))
        parts.append(
            f'<li id="{branch_id(slug)}">\n  <a href="{href}">{name}</a> '
            f'<span class="kind">{kinds.get(organisation.kind, "")}</span>\n'
        )
        if branch.children is not None:
            # Closing a branch opens its parent's, or shows the roots alone.
            close = f"?{BRANCH_PARAMETER}={escape(parent_slug)}" if parent_slug else tree_url
            hidden = escape(
                gettext("organisationerna under %(name)s") % {"name": organisation.name}
            )
            parts.append(
                f'  <a class="branch" href="{close}#{branch_id(slug)}" aria-expanded="true">'
                f'{hide}<span class="visually-hidden"> {hidden}</span></a>\n  <ul>\n'
            )
            for child in branch.children:
                write(child, organisation.slug)
            parts.append("  </ul>\n")
        elif branch.below:
            count = branch.below
            show = escape(
                ngettext("Visa %(counter)s organisation", "Visa %(counter)s organisationer", count)
                % {"counter": count}
            )
            under = escape(gettext("under %(name)s") % {"name": organisation.name})
            parts.append(
                f'  <a class="branch" href="?{BRANCH_PARAMETER}={slug}#{branch_id(slug)}" '
                f'aria-expanded="false">{show}<span class="visually-hidden"> {under}</span></a>\n'
            )
        parts.append("</li>\n")

    for root in roots:
        write(root, None)
    return mark_safe("".join(parts))
