"""Who may do what where, and the organisation tree."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404

from framja.accounts.models import User
from framja.organisations import services
from framja.organisations.models import AccessLevel, Organisation, OrganisationKind, Role
from framja.organisations.selectors import (
    access_level,
    organisation_branches,
    readable_organisations_q,
    readable_organisations_sql,
)


def fresh(user: User) -> User:
    """Return the user read again, without rights cached on the object."""
    return User.objects.get(pk=user.pk)


def member(world, *, email: str, organisation: Organisation, **dates) -> User:
    user = User.objects.create_user(email, "x", full_name="Dave")
    person = services.person_create(actor=None, name="Dave Dahl", user=user)
    services.membership_start(
        actor=None, person=person, organisation=organisation, role=Role.MEMBER, **dates
    )
    return fresh(user)


@pytest.mark.parametrize(
    ("name", "organisation", "expected"),
    [
        ("root", "rpo", AccessLevel.ADMIN),
        ("root", "other", AccessLevel.ADMIN),
        ("alice", "rpo", AccessLevel.ADMIN),
        ("alice", "rag", AccessLevel.ADMIN),
        ("alice", "other", 0),
        ("bob", "rpo", AccessLevel.EDITOR),
        ("bob", "rag", 0),
        ("rita", "rpo", AccessLevel.READER),
        ("rita", "rag", 0),
        ("charlie", "rpo", 0),
        ("charlie", "rag", 0),
        ("charlie", "other", AccessLevel.ADMIN),
    ],
)
def test_it_returns_the_level_of_each_user(world, name, organisation, expected):
    # when
    level = access_level(user=fresh(world[name]), organisation=world[organisation])

    # then
    assert level == expected


def test_it_lets_an_admin_administer_every_level_below(world):
    # given
    group = services.organisation_create(
        actor=None,
        kind=OrganisationKind.THEME_GROUP,
        name="Tema",
        slug="tema",
        parent=world["rag"],
    )

    # when
    levels = {
        name: access_level(user=fresh(world[name]), organisation=group)
        for name in ("alice", "bob", "rita", "charlie")
    }

    # then
    assert levels == {"alice": AccessLevel.ADMIN, "bob": 0, "rita": 0, "charlie": 0}


def test_it_lets_a_current_member_with_a_login_read(world):
    # given
    dave = member(
        world, email="dave@example.org", organisation=world["rag"], start=datetime.date(2024, 1, 1)
    )

    # when
    in_rag = access_level(user=dave, organisation=world["rag"])
    in_rpo = access_level(user=dave, organisation=world["rpo"])

    # then
    assert in_rag == AccessLevel.READER
    assert in_rpo == 0


def test_it_gives_a_past_member_nothing(world):
    # given
    dave = member(
        world,
        email="dave@example.org",
        organisation=world["rag"],
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2023, 12, 31),
    )

    # when
    level = access_level(user=dave, organisation=world["rag"])

    # then
    assert level == 0


def test_it_gives_a_future_member_nothing_yet(world):
    # given
    dave = member(
        world,
        email="dave@example.org",
        organisation=world["rag"],
        start=datetime.date.today() + datetime.timedelta(days=30),
    )

    # when
    level = access_level(user=dave, organisation=world["rag"])

    # then
    assert level == 0


def test_it_keeps_a_higher_grant_for_a_member(world):
    # given: bob edits rpo and is also a member there
    person = services.person_create(actor=None, name="Bob Berg", user=world["bob"])
    services.membership_start(
        actor=None,
        person=person,
        organisation=world["rpo"],
        role=Role.MEMBER,
        start=datetime.date(2024, 1, 1),
    )

    # when
    level = access_level(user=fresh(world["bob"]), organisation=world["rpo"])

    # then
    assert level == AccessLevel.EDITOR


def test_it_gives_anonymous_nothing(world):
    # when
    level = access_level(user=AnonymousUser(), organisation=world["rpo"])

    # then
    assert level == 0


@pytest.mark.parametrize("name", ["alice", "root"])
def test_it_gives_an_inactive_user_nothing(world, name):
    # given
    user = fresh(world[name])
    user.is_active = False
    user.save()

    # when
    level = access_level(user=user, organisation=world["rpo"])

    # then
    assert level == 0


def test_it_sees_a_new_grant_on_the_same_user_object(world):
    # given
    charlie = fresh(world["charlie"])
    assert access_level(user=charlie, organisation=world["rpo"]) == 0

    # when
    services.access_grant(
        actor=None, user=charlie, organisation=world["rpo"], level=AccessLevel.READER
    )

    # then
    assert access_level(user=charlie, organisation=world["rpo"]) == AccessLevel.READER


def names(branches) -> list[str]:
    return [branch.organisation.name for branch in branches]


def test_it_lists_the_roots_with_what_lies_below(db, django_assert_num_queries):
    # when
    with django_assert_num_queries(2):
        roots, opened = organisation_branches()

    # then
    assert opened is None
    assert len(roots) == 21
    assert {branch.organisation.kind for branch in roots} == {"region"}
    assert names(roots)[:2] == ["Region Blekinge", "Region Dalarna"]
    assert names(roots) == sorted(names(roots))
    skane = next(branch for branch in roots if branch.organisation.name == "Region Skåne")
    assert skane.below == 33
    assert skane.children is None
    assert sum(branch.below for branch in roots) == 290


def test_it_opens_a_branch_with_the_path_down_to_it(world, django_assert_num_queries):
    # given three groups under RAG Test, one with a group of its own
    groups = [
        services.organisation_create(
            actor=None,
            kind=OrganisationKind.THEME_GROUP,
            name=f"Tema {n}",
            slug=f"tema-{n}",
            parent=world["rag"],
        )
        for n in (2, 0, 1)
    ]
    services.organisation_create(
        actor=None, kind=OrganisationKind.OTHER, name="Undergrupp", slug="under", parent=groups[0]
    )

    # when
    with django_assert_num_queries(3):
        roots, opened = organisation_branches(open_slug="rag-test")

    # then the roots: regions first, as OrganisationKind lists them, then the programme areas
    assert len(roots) == 23
    assert [branch.organisation.kind for branch in roots[:21]] == ["region"] * 21
    rpo_annan, rpo = roots[21:]
    assert names([rpo_annan, rpo]) == ["RPO Annan", "RPO Test"]
    assert (rpo_annan.below, rpo_annan.children) == (0, None)
    # the path down to the branch is open, and the branch lists its children with their counts
    assert rpo.below == 5
    assert rpo.children is not None
    assert names(rpo.children) == ["RAG Test"]
    assert opened is rpo.children[0]
    assert opened.below == 4
    assert opened.children is not None
    assert names(opened.children) == ["Tema 0", "Tema 1", "Tema 2"]
    assert [child.below for child in opened.children] == [0, 0, 1]
    assert [child.children for child in opened.children] == [None, None, None]
    # the regions stay closed
    assert all(branch.children is None for branch in roots[:21])


def test_an_unknown_branch_is_not_found(world):
    with pytest.raises(Http404):
        organisation_branches(open_slug="finns-inte")


def test_the_branches_take_the_same_queries_however_large(world, django_assert_num_queries):
    # given
    for n in range(50):
        services.organisation_create(
            actor=None,
            kind=OrganisationKind.OTHER,
            name=f"Grupp {n:02}",
            slug=f"grupp-{n}",
            parent=world["rag"],
        )

    # when
    with django_assert_num_queries(3):
        roots, opened = organisation_branches(open_slug="rag-test")

    # then
    assert roots[-1].below == 51
    assert opened is not None
    assert len(opened.children or []) == 50


@pytest.mark.parametrize("name", ["alice", "bob", "rita", "charlie", "root", "member", "inactive"])
def test_the_readable_filter_keeps_exactly_the_organisations_access_level_lets_read(world, name):
    # given a deeper tree: a theme group under the RAG, and a member of the other RPO's child
    theme = services.organisation_create(
        actor=None, kind=OrganisationKind.THEME_GROUP, name="Tema", slug="tema", parent=world["rag"]
    )
    other_child = services.organisation_create(
        actor=None,
        kind=OrganisationKind.RAG,
        name="RAG Annan",
        slug="rag-annan",
        parent=world["other"],
    )
    world["member"] = member(
        world,
        email="dave@example.org",
        organisation=other_child,
        start=datetime.date(2020, 1, 1),
    )
    inactive = User.objects.create_user("ina@example.org", "x", full_name="Ina", is_active=False)
    services.access_grant(actor=None, user=inactive, organisation=theme, level=AccessLevel.ADMIN)
    world["inactive"] = inactive
    user = fresh(world[name])
    organisations = Organisation.objects.all()

    # when
    kept = set(organisations.filter(readable_organisations_q(user=user, field="pk")))

    # then: the same organisations, one by one, as access_level says
    expected = {
        org for org in organisations if access_level(user=fresh(user), organisation=org) >= 1
    }
    assert kept == expected
    # and the plain SQL condition keeps the same
    condition, params = readable_organisations_sql(
        user=fresh(user), id_column="o.id", path_column="o.path"
    )
    table = connection.ops.quote_name(Organisation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT o.id FROM {table} o WHERE {condition}", params)
        assert {pk for (pk,) in cursor.fetchall()} == {org.pk for org in expected}
    # an administrator grant reaches down the tree; an editor's or reader's stays where it is
    assert (theme in kept) == (name in ("alice", "root"))
    assert (world["rpo"] in kept) == (name in ("alice", "bob", "rita", "root"))
    assert (other_child in kept) == (name in ("charlie", "root", "member"))
    assert (name == "inactive") == (not kept)


def test_the_readable_filter_keeps_nothing_for_a_visitor(world):
    assert not Organisation.objects.filter(
        readable_organisations_q(user=AnonymousUser(), field="pk")
    )
