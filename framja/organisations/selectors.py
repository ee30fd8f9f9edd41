"""Reads of organisations, people and rights, always scoped to what the user may see."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

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
    # The tree paths of the organisations where the user is an administrator: the grant counts
    # in every organisation whose path starts with one of them.
    admin_paths: list[str]


# Every page that checks a right reads these. One plain statement instead of two ORM queries:
# building the queries cost more than running them. A membership row has level 0 and no path.
_ACCESS_SQL = """
    SELECT a.organisation_id, a.level, o.path FROM {access} a
    JOIN {organisation} o ON o.id = a.organisation_id
    WHERE a.user_id = %s
    UNION ALL
    SELECT m.organisation_id, 0, NULL FROM {membership} m
    JOIN {person} p ON p.id = m.person_id
    WHERE p.user_id = %s AND m.start <= %s AND (m.{end} IS NULL OR m.{end} >= %s)
"""


def _user_access(user: User) -> _UserAccess:
    """Return the user's grants and current memberships, read once per user object.

    A membership is current as ``Membership.objects.current()`` says.
    """
    cached: _UserAccess | None = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    quote = connection.ops.quote_name
    sql = _ACCESS_SQL.format(
        access=quote(OrganisationAccess._meta.db_table),
        organisation=quote(Organisation._meta.db_table),
        membership=quote(Membership._meta.db_table),
        person=quote(Person._meta.db_table),
        end=quote("end"),
    )
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, user.pk, today, today])
        found = cursor.fetchall()
    grants: dict[int, int] = {}
    member_of: set[int] = set()
    admin_paths: list[str] = []
    for organisation_id, level, path in found:
        if not level:
            member_of.add(organisation_id)
            continue
        grants[organisation_id] = level
        if level == AccessLevel.ADMIN:
            admin_paths.append(path)
    access = _UserAccess(grants=grants, member_of=member_of, admin_paths=admin_paths)
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


def readable_organisations_q(*, user: AnyUser, field: str = "organisation") -> Q:
    """Return a filter keeping the rows whose organisation (at ``field``) the user may read.

    It says in SQL what ``access_level(...) >= READER`` says for one organisation: a grant or a
    current membership there, or an administrator grant in it or above it. A superuser reads
    everything; someone not logged in, or deactivated, reads nothing this way.
    """
    if not user.is_authenticated or not user.is_active:
        return Q(**{f"{field}__in": []})
    if user.is_superuser:
        return ~Q(**{f"{field}__isnull": True})
    access = _user_access(user)
    # Every grant is at least READER.
    readable = Q(**{f"{field}__in": sorted(set(access.grants) | access.member_of)})
    if access.admin_paths:
        # A subquery rather than a join: the database finds the organisations, then their rows.
        below = Q()
        for path in access.admin_paths:
            below |= Q(path__startswith=path)
        readable |= Q(**{f"{field}__in": Organisation.objects.filter(below).values("id")})
    return readable


def readable_organisations_sql(
    *, user: AnyUser, id_column: str, path_column: str
) -> tuple[str, list[Any]]:
    """Return ``readable_organisations_q`` as a plain SQL condition and its parameters.

    For statements written by hand: ``id_column`` and ``path_column`` name the organisation's
    id and tree path in them. Change both together.
    """
    if not user.is_authenticated or not user.is_active:
        return "1 = 0", []
    if user.is_superuser:
        return f"{id_column} IS NOT NULL", []
    access = _user_access(user)
    ids = sorted(set(access.grants) | access.member_of)
    conditions = [f"{id_column} IN ({', '.join(['%s'] * len(ids))})"] if ids else []
    conditions += [f"{path_column} LIKE %s ESCAPE '\\'"] * len(access.admin_paths)
    params: list[Any] = [
        *ids,
        *(f"{connection.ops.prep_for_like_query(path)}%" for path in access.admin_paths),
    ]
    return f"({' OR '.join(conditions) or '1 = 0'})", params


def require_level(*, user: AnyUser, organisation: Organisation, level: AccessLevel) -> None:
    """Raise PermissionDenied unless the user has at least ``level`` in the organisation."""
    if access_level(user=user, organisation=organisation) < level:
        raise PermissionDenied


def organisation_get(*, slug: str, with_parent_and_county: bool = True) -> Organisation:
    """Return a public organisation by slug, or raise Http404.

    Its page reads the parent and the county with the rest of its surroundings, and asks
    for the organisation alone.
    """
    queryset = Organisation.objects.all()
    if with_parent_and_county:
        queryset = queryset.select_related("parent", "county")
    try:
        return queryset.get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None


def organisation_get_for_user(*, user: AnyUser, slug: str, level: AccessLevel) -> Organisation:
    """Return the organisation if the user has ``level`` in it; 404 if missing, 403 if not."""
    organisation = organisation_get(slug=slug)
    require_level(user=user, organisation=organisation, level=level)
    return organisation


@dataclass
class Surroundings:
    """The organisations an organisation's page links to, beside its own fields."""

    ancestors: list[Organisation]
    parent: Organisation | None
    county: Organisation | None
    children: list[Organisation]
    members: list[Organisation]
    member_of: list[Organisation]


_SURROUNDING_FIELDS = ("id", "name", "slug", "kind", "parent_id")


def organisation_surroundings(*, organisation: Organisation) -> Surroundings:
    """Return the ancestors (root first), parent, county, children (those of kind "other"
    first, then by name), member organisations and those it is a member of (by name).

    Two queries, whatever their number: the membership pairs in either direction, then every
    organisation around in one list by name, sorted out here. The page lists only names and
    links, so only those fields are read.
    """
    pk = organisation.pk
    pairs = (
        Organisation.members.through.objects.filter(
            Q(from_organisation_id=pk) | Q(to_organisation_id=pk)
        )
        .order_by()
        .values_list("from_organisation_id", "to_organisation_id")
    )
    member_ids, member_of_ids = set(), set()
    for member_of, member in pairs:
        if member_of == pk:
            member_ids.add(member)
        if member == pk:
            member_of_ids.add(member_of)
    ancestor_ids = organisation.ancestor_ids
    wanted = {*ancestor_ids, *member_ids, *member_of_ids}
    if organisation.county_id is not None:
        wanted.add(organisation.county_id)
    around = list(
        Organisation.objects.filter(Q(pk__in=wanted) | Q(parent_id=pk))
        .only(*_SURROUNDING_FIELDS)
        .order_by("name")
    )
    by_id = {other.pk: other for other in around}
    county_id = organisation.county_id
    return Surroundings(
        ancestors=[by_id[i] for i in ancestor_ids if i in by_id],
        parent=by_id.get(organisation.parent_id or 0),
        county=organisation if county_id == pk else by_id.get(county_id or 0),
        children=sorted(
            (other for other in around if other.parent_id == pk),
            key=lambda o: (o.kind != OrganisationKind.OTHER, o.name),
        ),
        members=[other for other in around if other.pk in member_ids],
        member_of=[other for other in around if other.pk in member_of_ids],
    )


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


_MEMBERSHIP_FIELDS = (
    "organisation_id",
    "role",
    "start",
    "end",
    "note",
    "person__name",
    "representing__name",
)


def memberships_by_role(
    *, organisation: Organisation, past: bool = False, day: datetime.date | None = None
) -> list[RoleGroup]:
    """Return the organisation's current (or past) memberships grouped by role, in page order,
    with the names of the people and of whom they represent (their other fields deferred)."""
    queryset = (
        Membership.objects.filter(organisation=organisation)
        .select_related("person", "representing")
        .only(*_MEMBERSHIP_FIELDS)
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
