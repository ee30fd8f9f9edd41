"""Who may do what where, and the organisation tree."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from framja.accounts.models import User
from framja.organisations import services
from framja.organisations.models import AccessLevel, Organisation, OrganisationKind, Role
from framja.organisations.selectors import access_level, organisation_tree


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


def test_it_builds_the_tree_of_regions_and_municipalities(db, django_assert_num_queries):
    # when
    with django_assert_num_queries(1):
        roots = organisation_tree()

    # then
    assert len(roots) == 21
    assert {node.organisation.kind for node in roots} == {"region"}
    assert sum(node.size for node in roots) == 21 + 290
    skane = next(node for node in roots if node.organisation.name == "Region Skåne")
    assert len(skane.children) == 33
    assert {child.organisation.kind for child in skane.children} == {"municipality"}
    assert [c.organisation.name for c in skane.children][:3] == ["Bjuv", "Bromölla", "Burlöv"]
    names = [node.organisation.name for node in roots]
    assert names == sorted(names)
    assert names[:2] == ["Region Blekinge", "Region Dalarna"]


def test_it_adds_created_roots_and_their_subtrees(world, django_assert_num_queries):
    # when
    with django_assert_num_queries(1):
        roots = organisation_tree()

    # then
    assert len(roots) == 23
    rpos = [node for node in roots if node.organisation.kind == OrganisationKind.RPO]
    assert [node.organisation.name for node in rpos] == ["RPO Annan", "RPO Test"]
    assert [child.organisation.name for child in rpos[1].children] == ["RAG Test"]
    assert rpos[0].children == []
    # regions come before programme areas, as OrganisationKind lists them
    assert [node.organisation.kind for node in roots[:21]] == ["region"] * 21


def test_it_builds_a_subtree(world, django_assert_num_queries):
    # given
    rpo = world["rpo"]
    for n in range(3):
        services.organisation_create(
            actor=None,
            kind=OrganisationKind.THEME_GROUP,
            name=f"Tema {n}",
            slug=f"tema-{n}",
            parent=world["rag"],
        )

    # when
    with django_assert_num_queries(1):
        roots = organisation_tree(root=rpo)

    # then
    assert [node.organisation.name for node in roots] == ["RPO Test"]
    assert roots[0].size == 5
    rag = roots[0].children[0]
    assert [child.organisation.name for child in rag.children] == ["Tema 0", "Tema 1", "Tema 2"]


def test_the_tree_takes_one_query_however_large(world, django_assert_num_queries):
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
    with django_assert_num_queries(1):
        roots = organisation_tree()

    # then
    assert sum(node.size for node in roots) == 311 + 3 + 50
