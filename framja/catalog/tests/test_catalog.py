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


def test_it_lists_expired_and_future_entries_marked(world):
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
    assert '<li>\n      <span class="entry-text">Gällande område</span>' in html
    assert '<li class="expired">\n      <span class="entry-text">Avslutat område</span>' in html
    assert '<li class="expired">\n      <span class="entry-text">Kommande område</span>' in html
    assert '<li>\n      <span class="entry-text">Område som gäller i dag</span>' in html
    assert html.count('class="expired"') == 2


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
