"""Reads of organisations, people and rights, always scoped to what the user may see."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from framja.core.models import AuditEvent
from framja.organisations.models import (
    ROLE_ORDER,
    ROLE_PLURALS,
    AccessLevel,
    Membership,
    Organisation,
    OrganisationAccess,
    OrganisationKind,
    Person,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from framja.accounts.models import User

    AnyUser = User | AnonymousUser

_CACHE_ATTR = "_framja_access"
NO_ACCESS = 0


@dataclass
class _UserAccess:
    grants: dict[int, int]
    member_of: set[int]


def _user_access(user: User) -> _UserAccess:
    """Return the user's grants and current memberships, read once per user object."""
    cached: _UserAccess | None = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    grants = dict(
        OrganisationAccess.objects.filter(user=user).values_list("organisation_id", "level")
    )
    # Without order_by() the model's ordering joins the organisations to sort by name: half
    # of this query's time on every page that checks rights, for a set.
    member_of = set(
        Membership.objects.current()
        .filter(person__user=user)
        .order_by()
        .values_list("organisation_id", flat=True)
    )
    access = _UserAccess(grants=grants, member_of=member_of)
    setattr(user, _CACHE_ATTR, access)
    return access


def forget_access(user: AnyUser) -> None:
    """Drop the cached rights, after they changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def access_level(*, user: AnyUser, organisation: Organisation) -> int:
    """Return the user's ``AccessLevel`` in the organisation, or 0 for none.

    A grant counts in its own organisation; an administrator grant also counts in every
    descendant. A current member with a login reads the organisation.
    """
    if not user.is_authenticated or not user.is_active:
        return NO_ACCESS
    if user.is_superuser:
        return AccessLevel.ADMIN
    access = _user_access(user)
    level = access.grants.get(organisation.pk, NO_ACCESS)
    if any(access.grants.get(a) == AccessLevel.ADMIN for a in organisation.ancestor_ids):
        return AccessLevel.ADMIN
    if organisation.pk in access.member_of:
        level = max(level, AccessLevel.READER)
    return level


def require_level(*, user: AnyUser, organisation: Organisation, level: AccessLevel) -> None:
    """Raise PermissionDenied unless the user has at least ``level`` in the organisation."""
    if access_level(user=user, organisation=organisation) < level:
        raise PermissionDenied


def organisation_get(*, slug: str) -> Organisation:
    """Return a public organisation by slug, or raise Http404."""
    try:
        return Organisation.objects.select_related("parent", "county").get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None


def organisation_get_for_user(*, user: AnyUser, slug: str, level: AccessLevel) -> Organisation:
    """Return the organisation if the user has ``level`` in it; 404 if missing, 403 if not."""
    organisation = organisation_get(slug=slug)
    require_level(user=user, organisation=organisation, level=level)
    return organisation


def organisation_ancestors(*, organisation: Organisation) -> list[Organisation]:
    ids = organisation.ancestor_ids
    by_id = Organisation.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def organisation_list_public(
    *, kind: str | None = None, parent: str | None = None
) -> QuerySet[Organisation]:
    queryset = Organisation.objects.select_related("parent", "county").order_by("path")
    if kind:
        queryset = queryset.filter(kind=kind)
    if parent:
        queryset = queryset.filter(parent__slug=parent)
    return queryset


@dataclass
class Branch:
    """An organisation in the tree page, how many organisations lie below it and, when its
    branch is open, its children."""

    organisation: Organisation
    below: int
    children: list[Branch] | None = None

    @property
    def is_open(self) -> bool:
        return self.children is not None


_KIND_ORDER = {kind.value: index for index, kind in enumerate(OrganisationKind)}
_BRANCH_FIELDS = ("id", "name", "slug", "kind", "parent_id", "path", "depth")


def _sort_key(branch: Branch) -> tuple[int, str]:
    return _KIND_ORDER[branch.organisation.kind], branch.organisation.name


def organisation_branches(*, open_slug: str | None = None) -> tuple[list[Branch], Branch | None]:
    """Return the roots of the organisation tree and, if ``open_slug`` is given, that branch
    opened: each organisation on the path down to it, and itself, with its children listed.

    Every branch carries the number of organisations below it. Three queries at most,
    whatever the size of the tree (all through the index on ``parent``); raise Http404 for
    an unknown slug.
    """
    opened: Organisation | None = None
    if open_slug is not None:
        try:
            opened = Organisation.objects.only(*_BRANCH_FIELDS).get(slug=open_slug)
        except Organisation.DoesNotExist:
            raise Http404 from None
    open_ids = [*opened.ancestor_ids, opened.pk] if opened is not None else []
    children_count: dict[int, int] = dict(
        Organisation.objects.filter(parent__isnull=False)
        .order_by()
        .values_list("parent_id")
        .annotate(count=Count("id"))
    )
    # The parents come along for their paths: adding each one's children to itself and to
    # every ancestor on its path gives the size of each subtree. Parents are the inner nodes
    # of the tree, a few dozen, not the thousands of leaves.
    organisations = (
        Organisation.objects.filter(
            Q(parent__isnull=True) | Q(parent_id__in=open_ids) | Q(pk__in=list(children_count))
        )
        .only(*_BRANCH_FIELDS)
        .order_by()
    )
    below: dict[int, int] = defaultdict(int)
    branches: dict[int, Branch] = {}
    for organisation in organisations:
        if organisation.pk in children_count:
            for pk in [*organisation.ancestor_ids, organisation.pk]:
                below[pk] += children_count[organisation.pk]
        if organisation.parent_id is None or organisation.parent_id in open_ids:
            branches[organisation.pk] = Branch(organisation, below=0)
    for pk in open_ids:
        if pk in branches:
            branches[pk].children = []
    roots: list[Branch] = []
    for branch in branches.values():
        branch.below = below.get(branch.organisation.pk, 0)
        parent = branches.get(branch.organisation.parent_id or 0)
        if parent is None:
            roots.append(branch)
        elif parent.children is not None:
            parent.children.append(branch)
    for branch in branches.values():
        if branch.children:
            branch.children.sort(key=_sort_key)
    roots.sort(key=_sort_key)
    return roots, branches.get(opened.pk) if opened is not None else None


@dataclass
class RoleGroup:
    role: str
    heading: Any
    memberships: list[Membership]


def memberships_by_role(
    *, organisation: Organisation, past: bool = False, day: datetime.date | None = None
) -> list[RoleGroup]:
    """Return the organisation's current (or past) memberships grouped by role, in page order."""
    queryset = Membership.objects.filter(organisation=organisation).select_related(
        "person", "representing"
    )
    queryset = queryset.past(day) if past else queryset.current(day)
    groups: dict[str, list[Membership]] = defaultdict(list)
    for membership in queryset.order_by("person__name"):
        groups[membership.role].append(membership)
    if past:
        for items in groups.values():
            items.sort(key=lambda m: m.end or datetime.date.max, reverse=True)
    return [
        RoleGroup(role=role, heading=ROLE_PLURALS[role], memberships=groups[role])  # type: ignore[index]
        for role in sorted(groups, key=ROLE_ORDER.__getitem__)
    ]


def membership_list(*, organisation: Organisation) -> QuerySet[Membership]:
    """Return every membership of the organisation, for logged-in readers of the API."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("person", "representing", "organisation")
        .order_by("start", "id")
    )


def membership_get_for_admin(*, user: AnyUser, organisation: Organisation, pk: int) -> Membership:
    require_level(user=user, organisation=organisation, level=AccessLevel.ADMIN)
    try:
        return Membership.objects.select_related("person").get(organisation=organisation, pk=pk)
    except Membership.DoesNotExist:
        raise Http404 from None


def person_get_for_user(*, user: AnyUser, pk: int) -> Person:
    """Return a person for a logged-in user; people are not public."""
    if not user.is_authenticated:
        raise PermissionDenied
    try:
        return Person.objects.select_related("home_organisation").get(pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None


def person_may_edit(*, user: AnyUser, person: Person) -> bool:
    """Return whether the user administers the person's home organisation or one of theirs."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    organisations = list(Organisation.objects.filter(memberships__person=person).distinct())
    if person.home_organisation is not None:
        organisations.append(person.home_organisation)
    return any(
        access_level(user=user, organisation=org) >= AccessLevel.ADMIN for org in organisations
    )


def person_get_for_edit(*, user: AnyUser, pk: int) -> Person:
    """Return a person the user may edit; 404 if missing, 403 if not theirs to edit."""
    person = person_get_for_user(user=user, pk=pk)
    if not person_may_edit(user=user, person=person):
        raise PermissionDenied
    return person


def person_memberships(*, person: Person) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(person=person)
        .select_related("organisation", "representing")
        .order_by("-start", "id")
    )


def people_for_choice() -> QuerySet[Person]:
    return Person.objects.select_related("home_organisation").order_by("name")


def access_list(*, organisation: Organisation) -> QuerySet[OrganisationAccess]:
    return (
        OrganisationAccess.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-level", "user__email")
    )


def access_get_for_admin(
    *, user: AnyUser, organisation: Organisation, pk: int
) -> OrganisationAccess:
    require_level(user=user, organisation=organisation, level=AccessLevel.ADMIN)
    try:
        return OrganisationAccess.objects.select_related("user").get(
            organisation=organisation, pk=pk
        )
    except OrganisationAccess.DoesNotExist:
        raise Http404 from None


def audit_events_for_organisation(
    *, organisation: Organisation, limit: int = 200
) -> list[AuditEvent]:
    """Return the latest changes recorded for the organisation itself."""
    return list(
        AuditEvent.objects.filter(organisation=organisation).order_by("-created_at", "-id")[:limit]
    )


@dataclass
class UserOrganisation:
    organisation: Organisation
    level: int
    roles: list[str]

    @property
    def level_label(self) -> str:
        return str(AccessLevel(self.level).label) if self.level else ""


def user_organisations(*, user: User) -> list[UserOrganisation]:
    """Return the organisations where the user has a right or a current role."""
    access = _user_access(user)
    roles: dict[int, list[str]] = defaultdict(list)
    for membership in Membership.objects.current().filter(person__user=user):
        roles[membership.organisation_id].append(membership.get_role_display())
    ids = set(access.grants) | set(roles)
    organisations = Organisation.objects.filter(pk__in=ids).order_by("name")
    return [
        UserOrganisation(
            organisation=org,
            level=access_level(user=user, organisation=org),
            roles=roles.get(org.pk, []),
        )
        for org in organisations
    ]
