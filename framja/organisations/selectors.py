"""Reads of organisations, people and rights, always scoped to what the user may see."""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from framja.core.models import AuditEvent
from framja.core.sql import Row, Statement, joined_read, read_joined, read_together
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


@functools.cache
def _access_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    return _ACCESS_SQL.format(
        access=quote(OrganisationAccess._meta.db_table),
        organisation=quote(Organisation._meta.db_table),
        membership=quote(Membership._meta.db_table),
        person=quote(Person._meta.db_table),
        end=quote("end"),
    )


def _access_statement(user: User) -> Statement:
    today = timezone.localdate()
    return _access_sql(connection.vendor), [user.pk, user.pk, today, today]


def _remember_access(user: User, found: Sequence[Sequence[Any]]) -> _UserAccess:
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


def _user_access(user: User) -> _UserAccess:
    """Return the user's grants and current memberships, read once per user object.

    A membership is current as ``Membership.objects.current()`` says.
    """
    cached: _UserAccess | None = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    sql, params = _access_statement(user)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return _remember_access(user, cursor.fetchall())


def access_statement(*, user: AnyUser) -> Statement | None:
    """Return the statement reading the user's rights, for a page to read with its own
    statements (``read_together``), or None if ``access_level`` will not read them: they are
    read already, or it needs none for this user. Give the rows to ``access_remember``.
    """
    if not user.is_authenticated or not user.is_active or user.is_superuser:
        return None
    if getattr(user, _CACHE_ATTR, None) is not None:
        return None
    return _access_statement(user)


def access_remember(*, user: AnyUser, rows: Sequence[Sequence[Any]]) -> None:
    """Keep the user's rights read by ``access_statement``'s statement, for ``access_level``."""
    assert user.is_authenticated  # access_statement gives no statement otherwise
    _remember_access(user, rows)


def read_with_rights(*, user: AnyUser | None, statements: Sequence[Statement]) -> list[list[Row]]:
    """Return what ``statements`` read, in their order, having read the ``user``'s rights
    for ``access_level`` with them: one round trip on PostgreSQL (``read_together``).

    The rights are read only when they are needed and not read yet (``access_statement``).
    """
    rights = access_statement(user=user) if user is not None else None
    if rights is None:
        return read_together(statements)
    found = read_together([*statements, rights])
    assert user is not None  # there is a statement only for a user
    access_remember(user=user, rows=found.pop())
    return found


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


def organisation_get(*, slug: str, with_parent_and_county: bool = False) -> Organisation:
    """Return a public organisation by slug, or raise Http404.

    Most pages show the organisation's name and link to it; ``with_parent_and_county``
    reads its parent and county in the same statement for those that show them too. Plain
    SQL, built once per process: it runs in a fraction of the time the ORM takes to build
    the query.
    """
    relations = ("parent", "county") if with_parent_and_county else ()
    found = read_joined(Organisation, relations, "t0.slug = %s", [slug])
    if not found:
        raise Http404
    organisation: Organisation = found[0]
    return organisation


def organisation_with_rights(*, user: AnyUser, slug: str | None) -> Organisation | None:
    """Return a public organisation by slug (404 if there is none, None if no slug is
    given), having read the user's rights with it in one round trip on PostgreSQL: for the
    pages whose content depends on both."""
    read = joined_read(Organisation, (), connection.vendor)
    statements = [read.statement("t0.slug = %s", [slug])] if slug else []
    found = read_with_rights(user=user, statements=statements)
    if not slug:
        return None
    organisations: list[Any] = read.build(found[0])
    if not organisations:
        raise Http404
    organisation: Organisation = organisations[0]
    return organisation


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


# The organisations around one, read in one statement: its ancestors and county (named by
# id), its children, and the organisations on either side of a membership pair with it. The
# last two columns say on which side.
_SURROUNDINGS_SQL = """
    SELECT o.id, o.kind, o.name, o.slug, o.parent_id,
        EXISTS (SELECT 1 FROM {pairs} m
                WHERE m.from_organisation_id = %s AND m.to_organisation_id = o.id),
        EXISTS (SELECT 1 FROM {pairs} m
                WHERE m.to_organisation_id = %s AND m.from_organisation_id = o.id)
    FROM {organisation} o
    WHERE o.id IN ({wanted}) OR o.parent_id = %s
        OR o.id IN (SELECT m.to_organisation_id FROM {pairs} m WHERE m.from_organisation_id = %s)
        OR o.id IN (SELECT m.from_organisation_id FROM {pairs} m WHERE m.to_organisation_id = %s)
    ORDER BY o.name
"""
# In the model's order, which Model.from_db expects.
_SURROUNDING_FIELDS = ["id", "kind", "name", "slug", "parent_id"]


def organisation_surroundings(*, organisation: Organisation) -> Surroundings:
    """Return the ancestors (root first), parent, county, children (those of kind "other"
    first, then by name), member organisations and those it is a member of (by name).

    One query, whatever their number, in plain SQL (the ORM took longer to build its two
    queries than the database to run them). The page lists only names and links, so only
    those fields are read; the others are deferred.
    """
    pk = organisation.pk
    ancestor_ids = organisation.ancestor_ids
    wanted = [*ancestor_ids]
    if organisation.county_id is not None:
        wanted.append(organisation.county_id)
    quote = connection.ops.quote_name
    sql = _SURROUNDINGS_SQL.format(
        pairs=quote(Organisation.members.through._meta.db_table),
        organisation=quote(Organisation._meta.db_table),
        wanted=", ".join(["%s"] * len(wanted)) or "NULL",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk, pk, *wanted, pk, pk, pk])
        rows = cursor.fetchall()
    around: list[Organisation] = []
    member_ids, member_of_ids = set(), set()
    for *fields, is_member, is_member_of in rows:
        around.append(Organisation.from_db(connection.alias, _SURROUNDING_FIELDS, fields))
        if is_member:
            member_ids.add(fields[0])
        if is_member_of:
            member_of_ids.add(fields[0])
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


# Current and past, as ``MembershipQuerySet.current`` and ``past`` say.
_CURRENT = "t0.start <= %s AND (t0.{end} IS NULL OR t0.{end} >= %s)"
_PAST = "t0.{end} < %s"


def _memberships(*, organisation: Organisation, past: bool, day: datetime.date) -> list[Membership]:
    """Return the current (or past) memberships by the person's name, each with the person and
    whom they represent, in one plain statement (``read_joined``)."""
    when = (_PAST if past else _CURRENT).format(end=connection.ops.quote_name("end"))
    memberships: list[Membership] = read_joined(
        Membership,
        ("person", "representing"),
        f"t0.organisation_id = %s AND {when} ORDER BY {{person}}.name, t0.id",
        [organisation.pk, day] if past else [organisation.pk, day, day],
    )
    return memberships


def memberships_by_role(
    *, organisation: Organisation, past: bool = False, day: datetime.date | None = None
) -> list[RoleGroup]:
    """Return the organisation's current (or past) memberships grouped by role, in page order,
    with the names of the people and of whom they represent (their other fields deferred)."""
    groups: dict[str, list[Membership]] = defaultdict(list)
    for membership in _memberships(
        organisation=organisation, past=past, day=day or timezone.localdate()
    ):
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
