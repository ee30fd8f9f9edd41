"""The lists of an organisation's page, written in Python.

A region has well over a hundred organisations below it, a network a score of members, an
RPO dozens of people in their roles, current and past: the template's loops, with a URL
reversed and a translation looked up per item, were most of the page's time. Here each URL and
translation is looked up once per list. The markup is the template's, to the whitespace.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from framja.core.html import PLACEHOLDER, capfirst, last_arg_url, url_filler
from framja.organisations.models import Membership, Organisation, OrganisationKind, Role
from framja.organisations.selectors import RoleGroup

register = template.Library()
# The kinds' labels by value, translated when written.
KIND_LABELS = dict(OrganisationKind.choices)


@register.filter
def kind_label(kind: str) -> str:
    """Return the kind's label, as get_kind_display does without rebuilding the choices."""
    return str(KIND_LABELS.get(kind, kind))


@register.simple_tag
def organisation_items(
    organisations: Iterable[Organisation], with_kind: bool = False
) -> SafeString:
    """Return a linked <li> per organisation, followed by its kind if ``with_kind``."""
    detail_url = url_filler("organisations:detail", PLACEHOLDER)
    kinds = {kind.value: escape(str(kind.label)) for kind in OrganisationKind}
    parts = []
    for organisation in organisations:
        link = f'<a href="{detail_url(organisation.slug)}">{escape(organisation.name)}</a>'
        if with_kind:
            kind = kinds.get(organisation.kind) or escape(organisation.kind)
            link += f' <span class="kind">{kind}</span>'
        parts.append(f"<li>{link}</li>")
    return mark_safe("".join(parts))  # every text above is escaped


def _person_url(context: template.Context) -> Callable[[object], str] | None:
    """Return a person's URL for those logged in; people are not public."""
    user = context.get("user")
    return (
        url_filler("organisations:person", PLACEHOLDER)
        if user is not None and user.is_authenticated
        else None
    )


def _person(membership: Membership, person_url: Callable[[object], str] | None) -> str:
    """Return the person's name, linked to their page if ``person_url``, and whom they
    represent."""
    name = escape(membership.person.name)
    if person_url is not None:
        name = f'<a href="{person_url(membership.person_id)}">{name}</a>'
    if membership.representing is not None:
        name += f", {escape(membership.representing.name)}"
    return name


@register.simple_tag(takes_context=True)
def people_by_role(context: template.Context, groups: list[RoleGroup]) -> SafeString:
    """Return a heading and a list of people per role: a link to each person for those logged
    in, whom they represent, the note for readers and an end link for administrators."""
    organisation: Organisation = context["organisation"]
    may_read, may_admin = bool(context.get("may_read")), bool(context.get("may_admin"))
    person_url = _person_url(context)
    end_url = last_arg_url("organisations:membership_end", organisation.slug)
    roles = {role.value: escape(str(role.label)) for role in Role}
    end = escape(gettext("Avsluta"))
    parts = []
    for group in groups:
        parts.append(
            f"\n      <h3>{escape(str(group.heading))}</h3>\n"
            f'      <ul class="people" data-role="{escape(group.role)}">\n        '
        )
        for membership in group.memberships:
            parts.append(f"\n          <li>{_person(membership, person_url)}")
            if may_read and membership.note:
                parts.append(f' <span class="note">({escape(membership.note)})</span>')
            parts.append("\n            ")
            if may_admin:
                role = roles.get(membership.role) or escape(membership.role)
                hidden = f"{escape(membership.person.name)}, {role}"
                parts.append(
                    f'<a class="small-link" href="{end_url(membership.pk)}">{end}'
                    f'<span class="visually-hidden"> {hidden}</span></a>'
                )
            parts.append("\n          </li>\n        ")
        parts.append("\n      </ul>\n    ")
    return mark_safe("".join(parts))  # every text above is escaped


@register.simple_tag(takes_context=True)
def past_membership_rows(context: template.Context, groups: list[RoleGroup]) -> SafeString:
    """Return a <tr> per past membership: the role, the person (linked for those logged in)
    and whom they represented, and the period."""
    person_url = _person_url(context)
    roles = {role.value: escape(capfirst(str(role.label))) for role in Role}
    parts = []
    for group in groups:
        for membership in group.memberships:
            role = roles.get(membership.role) or escape(capfirst(membership.role))
            start = membership.start.isoformat()
            end = membership.end.isoformat() if membership.end else ""
            parts.append(
                f"\n          <tr><td>{role}</td><td>{_person(membership, person_url)}</td>"
                f"<td>{start} – {end}</td></tr>\n        "
            )
    return mark_safe("".join(parts))  # every text above is escaped
