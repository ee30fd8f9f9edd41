"""Tree paths: ids padded so that the text order is tree order, depth limits, the migration."""

import importlib
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection

from framja.organisations import services
from framja.organisations.models import (
    PATH_MAX_LEVELS,
    Organisation,
    OrganisationKind,
    child_path,
    path_segment,
    subtree_sql,
)

padding = importlib.import_module("framja.organisations.migrations.0003_padded_paths")
PADDED = re.compile(r"(/\d{10})+/")
TOO_DEEP = "Organisationsträdet blir för djupt: högst 23 nivåer får plats."


def make(name: str, parent: Organisation | None = None) -> Organisation:
    return services.organisation_create(
        actor=None, kind=OrganisationKind.OTHER, name=name, slug=name.lower(), parent=parent
    )


def chain(levels: int) -> list[Organisation]:
    """Return a line of organisations, each under the one before, ``levels`` deep."""
    made: list[Organisation] = []
    for level in range(levels):
        made.append(make(f"Niva{level}", made[-1] if made else None))
    return made


def tree_order(organisations) -> list[Organisation]:
    return sorted(organisations, key=lambda o: [*o.ancestor_ids, o.pk])


def test_a_path_writes_each_id_with_ten_digits(db):
    # when / then
    assert path_segment(7) == "0000000007"
    assert child_path("/", 3) == "/0000000003/"
    assert child_path("/0000000003/", 1000) == "/0000000003/0000001000/"
    with pytest.raises(ValueError, match="10 digits"):
        path_segment(10**10)


def test_the_ancestor_ids_are_read_from_the_padded_path(world):
    # given
    rpo, rag = world["rpo"], world["rag"]
    group = make("Grupp", rag)

    # then
    assert group.path == f"/{rpo.pk:010d}/{rag.pk:010d}/{group.pk:010d}/"
    assert group.ancestor_ids == [rpo.pk, rag.pk]
    assert group.depth == 2


def test_the_migrated_regions_and_municipalities_have_padded_paths_in_tree_order(db):
    # when
    by_path = list(Organisation.objects.order_by("path"))

    # then
    assert len(by_path) == 21 + 290
    assert all(PADDED.fullmatch(o.path) for o in by_path)
    assert by_path == tree_order(by_path)
    assert {o.depth for o in by_path} == {0, 1}


def test_the_migration_pads_the_paths_and_its_reverse_strips_the_padding(world):
    # given
    rpo, rag = world["rpo"], world["rag"]

    # when
    padding.unpad(apps, None)
    rag.refresh_from_db()
    stripped = rag.path
    padding.pad(apps, None)
    rag.refresh_from_db()

    # then
    assert stripped == f"/{rpo.pk}/{rag.pk}/"
    assert rag.path == f"/{rpo.pk:010d}/{rag.pk:010d}/"
    assert all(
        PADDED.fullmatch(path) for path in Organisation.objects.values_list("path", flat=True)
    )


def test_the_migration_leaves_padded_paths_as_they_are(world):
    # given
    before = dict(Organisation.objects.values_list("pk", "path"))

    # when
    padding.pad(apps, None)

    # then
    assert dict(Organisation.objects.values_list("pk", "path")) == before


def test_it_creates_an_organisation_on_the_deepest_level_that_fits(db):
    # when
    line = chain(PATH_MAX_LEVELS)

    # then
    assert line[-1].depth == PATH_MAX_LEVELS - 1
    assert len(line[-1].path) == 1 + 11 * PATH_MAX_LEVELS <= 255


def test_it_refuses_an_organisation_deeper_than_the_path_holds(db):
    # given
    line = chain(PATH_MAX_LEVELS)
    count = Organisation.objects.count()

    # when
    with pytest.raises(ValidationError) as error:
        make("Forlangt", line[-1])

    # then
    assert error.value.messages == [TOO_DEEP]
    assert Organisation.objects.count() == count


def test_it_refuses_a_move_that_makes_the_subtree_too_deep(db):
    # given a line as deep as it may be, and a root with a child
    line = chain(PATH_MAX_LEVELS - 1)
    root = make("Rot")
    child = make("Barn", root)

    # when it would end one level too deep
    with pytest.raises(ValidationError) as error:
        services.organisation_update(actor=None, organisation=root, parent=line[-1])

    # then nothing moved
    assert error.value.messages == [TOO_DEEP]
    root.refresh_from_db()
    child.refresh_from_db()
    assert root.parent is None
    assert child.path == child_path(child_path("/", root.pk), child.pk)


def test_it_moves_a_subtree_onto_the_deepest_level_that_fits(db):
    # given
    line = chain(PATH_MAX_LEVELS - 2)
    root = make("Rot")
    child = make("Barn", root)

    # when
    services.organisation_update(actor=None, organisation=root, parent=line[-1])

    # then
    child.refresh_from_db()
    assert child.depth == PATH_MAX_LEVELS - 1
    assert child.ancestor_ids == [*(o.pk for o in line), root.pk]


def test_the_subtree_condition_keeps_the_organisation_and_everything_below_it(db):
    top = make("Topp")
    child = make("Barn", top)
    grandchild = make("Barnbarn", child)
    sibling = make("Syskon", top)
    other_root = make("Annan")
    table = connection.ops.quote_name(Organisation._meta.db_table)
    for root, expected in [
        (top, {top, child, grandchild, sibling}),
        (child, {child, grandchild}),
        (grandchild, {grandchild}),
        (other_root, {other_root}),
    ]:
        condition, params = subtree_sql("o.path", root.path)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT o.id FROM {table} o WHERE {condition}", params)
            found = {pk for (pk,) in cursor.fetchall()}
        assert found == {o.pk for o in expected}, root.name
