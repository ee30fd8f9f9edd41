"""The national catalogues: edited by catalogue administrators, read by everyone."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from framja.accounts.models import User
from framja.catalog.models import NationalEffortArea, PublicHealthTargetArea
from framja.catalog.services import catalogue_entry_create
from framja.core.models import AuditAction, AuditEvent

TARGET_AREAS = [
    "Det tidiga livets villkor",
    "Kunskaper, kompetenser och utbildning",
    "Arbete, arbetsförhållanden och arbetsmiljö",
    "Inkomster och försörjningsmöjligheter",
    "Boende och närmiljö",
    "Levnadsvanor",
    "Kontroll, inflytande och delaktighet",
    "En jämlik och hälsofrämjande hälso- och sjukvård",
]


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def catalogue_admin(db) -> User:
    return User.objects.create_user(
        "karin@example.org", "x", full_name="Karin", is_catalogue_admin=True
    )


def effort_area(root: User, name: str, **fields) -> NationalEffortArea:
    entry = catalogue_entry_create(actor=root, model=NationalEffortArea, name=name, **fields)
    assert isinstance(entry, NationalEffortArea)
    return entry


def effort_area_post(**overrides: str) -> dict[str, str]:
    return {
        "name": "Psykisk hälsa",
        "parent": "",
        "description": "",
        "valid_from": "",
        "valid_to": "",
        **overrides,
    }


@pytest.mark.parametrize("name", ["root", "catalogue_admin"])
def test_it_lets_a_catalogue_admin_create_an_effort_area(world, catalogue_admin, name):
    # given
    user = catalogue_admin if name == "catalogue_admin" else world["root"]
    effort_area(world["root"], "Levnadsvanor")
    effort_area(world["root"], "Jämlik vård")
    url = reverse("catalog:create", kwargs={"kind": "insatsomraden"})

    # when
    response = client_for(user).post(url, effort_area_post())

    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog:index")
    assert list(NationalEffortArea.objects.values_list("name", "order")) == [
        ("Levnadsvanor", 1),
        ("Jämlik vård", 2),
        ("Psykisk hälsa", 3),
    ]
    created = NationalEffortArea.objects.get(name="Psykisk hälsa")
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert (event.actor, event.action, event.object_type, event.object_id) == (
        user,
        AuditAction.CREATE,
        "catalog.nationaleffortarea",
        str(created.pk),
    )
    assert event.organisation is None
    assert event.changes == {"order": [None, 3], "name": [None, "Psykisk hälsa"]}


def test_the_first_effort_area_gets_order_one(world):
    # given
    url = reverse("catalog:create", kwargs={"kind": "insatsomraden"})

    # when
    client_for(world["root"]).post(url, effort_area_post())

    # then
    assert list(NationalEffortArea.objects.values_list("name", "order")) == [("Psykisk hälsa", 1)]


@pytest.mark.parametrize("name", ["alice", "bob", "charlie"])
def test_it_refuses_a_normal_user(world, name):
    # given
    url = reverse("catalog:create", kwargs={"kind": "insatsomraden"})
    count = AuditEvent.objects.count()

    # when
    response = client_for(world[name]).post(url, effort_area_post())

    # then
    assert response.status_code == 403
    assert NationalEffortArea.objects.count() == 0
    assert AuditEvent.objects.count() == count


def test_it_sends_anonymous_to_the_login_page(db):
    # when
    response = client_for(None).post(
        reverse("catalog:create", kwargs={"kind": "insatsomraden"}), effort_area_post()
    )

    # then
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert NationalEffortArea.objects.count() == 0


def test_it_refuses_an_inactive_catalogue_admin(catalogue_admin):
    # given
    client = client_for(catalogue_admin)
    User.objects.filter(pk=catalogue_admin.pk).update(is_active=False)

    # when
    response = client.post(
        reverse("catalog:create", kwargs={"kind": "insatsomraden"}), effort_area_post()
    )

    # then: the session no longer counts as logged in
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert NationalEffortArea.objects.count() == 0


def test_it_moves_an_entry_up_and_records_both_changes(world):
    # given
    root = world["root"]
    first = effort_area(root, "Levnadsvanor")
    second = effort_area(root, "Jämlik vård")
    third = effort_area(root, "Psykisk hälsa")
    count = AuditEvent.objects.count()
    url = reverse(
        "catalog:move", kwargs={"kind": "insatsomraden", "pk": third.pk, "direction": "upp"}
    )

    # when
    response = client_for(root).post(url)

    # then
    assert response.status_code == 302
    assert list(NationalEffortArea.objects.values_list("name", "order")) == [
        ("Levnadsvanor", 1),
        ("Psykisk hälsa", 2),
        ("Jämlik vård", 3),
    ]
    events = list(AuditEvent.objects.order_by("id")[count:])
    assert [(e.action, e.object_id, e.actor_name, e.changes) for e in events] == [
        (AuditAction.UPDATE, str(third.pk), "Root", {"order": [3, 2]}),
        (AuditAction.UPDATE, str(second.pk), "Root", {"order": [2, 3]}),
    ]
    assert first.pk not in [int(e.object_id) for e in events]


def test_it_moves_a_target_area_down(world):
    # given
    area = PublicHealthTargetArea.objects.get(number=1)
    url = reverse("catalog:move", kwargs={"kind": "malomraden", "pk": area.pk, "direction": "ned"})

    # when
    client_for(world["root"]).post(url)

    # then
    assert list(PublicHealthTargetArea.objects.values_list("number", flat=True)[:3]) == [2, 1, 3]


def test_it_leaves_the_first_entry_where_it_is_when_moved_up(world):
    # given
    root = world["root"]
    first = effort_area(root, "Levnadsvanor")
    effort_area(root, "Jämlik vård")
    count = AuditEvent.objects.count()
    url = reverse(
        "catalog:move", kwargs={"kind": "insatsomraden", "pk": first.pk, "direction": "upp"}
    )

    # when
    response = client_for(root).post(url)

    # then
    assert response.status_code == 302
    assert list(NationalEffortArea.objects.values_list("name", "order")) == [
        ("Levnadsvanor", 1),
        ("Jämlik vård", 2),
    ]
    assert AuditEvent.objects.count() == count


def test_it_refuses_a_normal_user_to_move_an_entry(world):
    # given
    area = PublicHealthTargetArea.objects.get(number=1)
    url = reverse("catalog:move", kwargs={"kind": "malomraden", "pk": area.pk, "direction": "ned"})

    # when
    response = client_for(world["alice"]).post(url)

    # then
    assert response.status_code == 403
    assert list(PublicHealthTargetArea.objects.values_list("number", flat=True)) == list(
        range(1, 9)
    )


def test_the_api_lists_the_eight_target_areas_in_order(db):
    # when
    response = Client().get("/api/catalog/public-health-target-areas")

    # then
    assert response.status_code == 200
    areas = response.json()
    assert [(a["order"], a["number"], a["name"]) for a in areas] == [
        (n, n, name) for n, name in enumerate(TARGET_AREAS, start=1)
    ]
    goal_ids = {a["goal_id"] for a in areas}
    assert len(goal_ids) == 1
    assert areas[0] == {
        "id": PublicHealthTargetArea.objects.get(number=1).pk,
        "goal_id": goal_ids.pop(),
        "order": 1,
        "number": 1,
        "name": "Det tidiga livets villkor",
        "description": "",
        "valid_from": None,
        "valid_to": None,
    }


def test_it_marks_expired_and_future_entries_in_words(world):
    # given
    root = world["root"]
    today = timezone.localdate()
    effort_area(root, "Gällande område")
    effort_area(root, "Avslutat område", valid_to=today - datetime.timedelta(days=1))
    effort_area(root, "Kommande område", valid_from=today + datetime.timedelta(days=1))
    effort_area(
        root,
        "Område som gäller i dag",
        valid_from=today,
        valid_to=today,
    )

    # when
    html = Client().get(reverse("catalog:index")).content.decode()

    # then
    states = {
        item.split('class="')[1].split('"')[0]: item
        for item in html.split("<li id=")[1:]
        if "entry-text" in item
    }
    items = {
        name: item
        for item in html.split("<li id=")[1:]
        for name in [
            "Gällande område",
            "Avslutat område",
            "Kommande område",
            "Område som gäller i dag",
        ]
        if f'<span class="entry-text">{name}</span>' in item
    }
    assert 'class="valid"' in items["Gällande område"]
    assert 'class="valid"' in items["Område som gäller i dag"]
    assert 'class="expired"' in items["Avslutat område"]
    assert "upphört" in items["Avslutat område"]
    assert 'class="future"' in items["Kommande område"]
    assert "ännu inte giltig" in items["Kommande område"]
    assert len(states) == 3


def test_the_api_lists_expired_entries_too(world):
    # given
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    effort_area(world["root"], "Avslutat område", valid_to=yesterday)

    # when
    response = Client().get("/api/catalog/national-effort-areas")

    # then
    assert [(a["name"], a["valid_to"]) for a in response.json()] == [
        ("Avslutat område", yesterday.isoformat())
    ]


def test_a_sub_area_moves_only_among_its_siblings(world):
    # given an effort area with two sub-areas, and another main area above it
    root = world["root"]
    effort_area(root, "Annat område")
    main = effort_area(root, "Huvudområde")
    first = effort_area(root, "Första delen", parent=main)
    second = effort_area(root, "Andra delen", parent=main)

    # when the first sub-area is moved up, and the second down
    client = client_for(root)
    client.post(
        reverse(
            "catalog:move", kwargs={"kind": "insatsomraden", "pk": first.pk, "direction": "upp"}
        )
    )
    client.post(
        reverse(
            "catalog:move", kwargs={"kind": "insatsomraden", "pk": second.pk, "direction": "upp"}
        )
    )

    # then the sub-areas swapped places with each other, never above their main area
    ordered = list(
        NationalEffortArea.objects.filter(parent=main)
        .order_by("order")
        .values_list("name", flat=True)
    )
    assert ordered == ["Andra delen", "Första delen"]
    main_order = NationalEffortArea.objects.get(pk=main.pk).order
    assert NationalEffortArea.objects.get(name="Annat område").order < main_order
