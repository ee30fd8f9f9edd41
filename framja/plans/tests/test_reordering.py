"""Moving sections, rows and activities, and the plan page's parts sent back to its script."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from framja.core.models import AuditEvent
from framja.plans import services
from framja.plans.models import Activity, Plan, PlanRow, PlanSection, PlanState, StatusEntry

FETCH = {"X-Requested-With": "fetch"}


@pytest.fixture
def plan(world):
    return services.plan_create(
        actor=None,
        organisation=world["rpo"],
        year=2024,
        title="Handlingsplan 2024",
        sections=[("Bakgrund", "B"), ("Syfte", "S"), ("Mål", "M")],
    )


@pytest.fixture
def rows(plan):
    return [services.row_create(actor=None, plan=plan, title=t) for t in ("Ett", "Två", "Tre")]


@pytest.fixture
def activities(rows):
    return [services.activity_create(actor=None, row=rows[0], text=t) for t in ("A", "B", "C")]


@pytest.fixture
def bob(world) -> Client:
    client = Client()
    client.force_login(world["bob"])
    return client


def headings(plan: Plan) -> list[str]:
    return [s.heading for s in PlanSection.objects.filter(plan=plan).order_by("order", "id")]


def titles(plan: Plan) -> list[str]:
    return [r.title for r in PlanRow.objects.filter(plan=plan).order_by("order", "id")]


def texts(row: PlanRow) -> list[str]:
    return [a.text for a in Activity.objects.filter(row=row).order_by("order", "id")]


def fragment(response) -> tuple[str, str, str]:
    """Return the message, the focus ids and the HTML of a part sent back to the script."""
    html = response.content.decode()
    found = re.search(r'<div data-fragment data-message="([^"]*)" data-focus="([^"]*)">', html)
    assert found is not None, html[:500]
    return found.group(1), found.group(2), html


# --- Services ---------------------------------------------------------------------------------


def test_a_section_moves_up_and_the_move_is_audited(plan, world):
    syfte = plan.sections.get(heading="Syfte")

    services.section_move(actor=world["bob"], section=syfte, up=True)

    assert headings(plan) == ["Syfte", "Bakgrund", "Mål"]
    events = AuditEvent.objects.filter(object_type__endswith="plansection", actor=world["bob"])
    assert sorted(e.changes["order"] for e in events) == [[1, 2], [2, 1]]


def test_an_activity_moves_down_among_its_rows_activities_only(rows, activities, world):
    other = services.activity_create(actor=None, row=rows[1], text="Annan rad")

    services.activity_move(actor=world["bob"], activity=activities[0], up=False)

    assert texts(rows[0]) == ["B", "A", "C"]
    assert texts(rows[1]) == ["Annan rad"]
    other.refresh_from_db()
    assert other.order == 1


def test_moving_past_either_end_changes_nothing(plan, rows, activities):
    before = AuditEvent.objects.count()

    services.section_move(actor=None, section=plan.sections.get(heading="Bakgrund"), up=True)
    services.activity_move(actor=None, activity=activities[2], up=False)

    assert headings(plan) == ["Bakgrund", "Syfte", "Mål"]
    assert texts(rows[0]) == ["A", "B", "C"]
    assert AuditEvent.objects.count() == before


def test_a_plan_adopted_after_the_page_was_read_is_not_reordered(plan, rows, activities):
    # given a section, row and activity read while the plan was a draft
    section = plan.sections.get(heading="Syfte")
    stale_row = PlanRow.objects.select_related("plan").get(pk=rows[1].pk)
    stale_activity = Activity.objects.select_related("row__plan").get(pk=activities[1].pk)
    # when someone adopts the plan meanwhile
    Plan.objects.filter(pk=plan.pk).update(state=PlanState.ADOPTED)

    # then none of them moves
    with pytest.raises(ValidationError, match="fastställd"):
        services.section_move(actor=None, section=section, up=True)
    with pytest.raises(ValidationError, match="fastställd"):
        services.row_move(actor=None, row=stale_row, up=True)
    with pytest.raises(ValidationError, match="fastställd"):
        services.activity_move(actor=None, activity=stale_activity, up=True)
    assert headings(plan) == ["Bakgrund", "Syfte", "Mål"]
    assert titles(plan) == ["Ett", "Två", "Tre"]
    assert texts(rows[0]) == ["A", "B", "C"]


def test_two_moves_from_the_same_old_page_each_start_from_the_saved_order(plan, rows):
    # given two people who both see Tre last and press "Flytta upp" on it
    first = PlanRow.objects.select_related("plan").get(pk=rows[2].pk)
    second = PlanRow.objects.select_related("plan").get(pk=rows[2].pk)

    services.row_move(actor=None, row=first, up=True)
    services.row_move(actor=None, row=second, up=True)

    # then it has moved up twice, and the order is still 1…n without gaps or doubles
    assert titles(plan) == ["Tre", "Ett", "Två"]
    assert sorted(PlanRow.objects.filter(plan=plan).values_list("order", flat=True)) == [1, 2, 3]


# --- Plain forms ------------------------------------------------------------------------------


def test_the_plan_page_has_move_buttons_for_sections_and_activities(plan, rows, activities, bob):
    html = bob.get(plan.get_absolute_url()).content.decode()
    first, middle = plan.sections.get(heading="Bakgrund"), plan.sections.get(heading="Syfte")

    assert reverse("plans:section_move", args=[first.pk, "upp"]) not in html
    assert reverse("plans:section_move", args=[first.pk, "ned"]) in html
    assert reverse("plans:section_move", args=[middle.pk, "upp"]) in html
    assert reverse("plans:activity_move", args=[activities[1].pk, "upp"]) in html
    assert reverse("plans:activity_move", args=[activities[2].pk, "ned"]) not in html
    assert 'src="/static/framja/plans.js" defer' in html
    assert 'id="plan-live"' in html


def test_a_reader_sees_no_move_buttons(plan, rows, activities, world):
    client = Client()
    client.force_login(world["rita"])

    html = client.get(plan.get_absolute_url()).content.decode()

    assert "/flytta/" not in html


def test_a_plain_form_moves_and_returns_to_the_item(plan, rows, activities, bob):
    section = plan.sections.get(heading="Mål")

    moved_section = bob.post(reverse("plans:section_move", args=[section.pk, "upp"]))
    moved_activity = bob.post(reverse("plans:activity_move", args=[activities[0].pk, "ned"]))

    assert moved_section.status_code == 302
    assert moved_section["Location"] == f"{plan.get_absolute_url()}#avsnitt-{section.pk}"
    assert moved_activity["Location"] == f"{plan.get_absolute_url()}#rad-{rows[0].pk}"
    assert headings(plan) == ["Bakgrund", "Mål", "Syfte"]
    assert texts(rows[0]) == ["B", "A", "C"]


def test_moves_refuse_unknown_directions_and_adopted_plans(plan, rows, activities, bob):
    section = plan.sections.get(heading="Syfte")
    assert bob.post(reverse("plans:section_move", args=[section.pk, "sidled"])).status_code == 404
    assert bob.post(reverse("plans:activity_move", args=[activities[1].pk, "x"])).status_code == 404

    Plan.objects.filter(pk=plan.pk).update(state=PlanState.ADOPTED)

    assert bob.post(reverse("plans:section_move", args=[section.pk, "upp"])).status_code == 403
    assert (
        bob.post(reverse("plans:activity_move", args=[activities[1].pk, "upp"])).status_code == 403
    )
    assert headings(plan) == ["Bakgrund", "Syfte", "Mål"]


# --- Parts sent back to the page's script -----------------------------------------------------


def test_a_fetched_row_move_gets_the_table_with_focus_and_a_message(plan, rows, bob):
    response = bob.post(reverse("plans:row_move", args=[rows[2].pk, "upp"]), headers=FETCH)

    assert response.status_code == 200
    message, focus, html = fragment(response)
    assert message == "”Tre” är flyttad upp, till plats 2 av 3."
    assert focus.split() == [
        f"rad-{rows[2].pk}-upp",
        f"rad-{rows[2].pk}-ned",
        f"rad-{rows[2].pk}-andra",
    ]
    assert '<section id="plan-table"' in html
    assert "<html" not in html
    table = html.split('id="plan-table"')[1]
    assert table.index("Tre") < table.index("Två")
    assert titles(plan) == ["Ett", "Tre", "Två"]


def test_a_fetched_section_move_gets_the_sections(plan, bob):
    section = plan.sections.get(heading="Syfte")

    response = bob.post(reverse("plans:section_move", args=[section.pk, "ned"]), headers=FETCH)

    message, focus, html = fragment(response)
    assert message == "”Syfte” är flyttad ned, till plats 3 av 3."
    assert focus.split()[0] == f"avsnitt-{section.pk}-ned"
    assert '<div id="plan-sections">' in html
    sections = html.split('id="plan-sections"')[1]
    assert sections.index("Mål") < sections.index("Syfte")


def test_a_fetched_activity_move_gets_the_table(rows, activities, bob):
    response = bob.post(
        reverse("plans:activity_move", args=[activities[1].pk, "upp"]), headers=FETCH
    )

    message, focus, _html = fragment(response)
    assert message == "”B” är flyttad upp, till plats 1 av 3."
    assert focus.split()[0] == f"aktivitet-{activities[1].pk}-upp"
    assert texts(rows[0]) == ["B", "A", "C"]


def test_marking_done_sets_what_the_button_said_even_on_an_old_page(activities, bob):
    url = reverse("plans:activity_toggle", args=[activities[0].pk])

    # when the button "Markera klar" is pressed on two pages that were both read before
    first = bob.post(url, {"done": "1"}, headers=FETCH)
    second = bob.post(url, {"done": "1"}, headers=FETCH)

    # then it is done: the second press does not undo the first
    assert Activity.objects.get(pk=activities[0].pk).done is True
    assert fragment(first)[0] == "”A” är markerad som klar."
    assert fragment(second)[1] == f"aktivitet-{activities[0].pk}-klar"
    assert "Markera ej klar" in fragment(second)[2]
    # and without the field (an older form) the button still toggles
    bob.post(url)
    assert Activity.objects.get(pk=activities[0].pk).done is False


def test_the_status_form_is_sent_as_a_part_and_a_saved_status_returns_the_table(rows, bob):
    url = reverse("plans:status_create", args=[rows[1].pk])

    form = bob.get(url, headers=FETCH)
    bad = bob.post(url, {"date": "2024-06-15", "comment": "Utan status"}, headers=FETCH)
    good = bob.post(
        url, {"rating": "on_track", "date": "2024-06-15", "comment": "Bra"}, headers=FETCH
    )

    assert form.status_code == 200
    assert f'<div id="status-form-{rows[1].pk}" class="status-form">' in fragment(form)[2]
    assert "<h3" in fragment(form)[2]
    assert bad.status_code == 422
    assert "Formuläret innehåller fel" in fragment(bad)[2]
    assert "Utan status" in fragment(bad)[2]
    message, focus, html = fragment(good)
    assert message == "Statusen för ”Två” är sparad: enligt plan."
    assert focus == f"rad-{rows[1].pk}-status"
    assert '<section id="plan-table"' in html
    assert StatusEntry.objects.filter(row=rows[1]).count() == 1


def test_without_the_script_a_status_is_saved_as_before(rows, bob):
    url = reverse("plans:status_create", args=[rows[1].pk])

    page = bob.get(url)
    saved = bob.post(url, {"rating": "on_track", "date": "2024-06-15"}, follow=True)

    assert "<h1>Ny status för Två</h1>" in page.content.decode()
    assert "<h3" not in page.content.decode()
    assert saved.redirect_chain[-1][0].endswith(f"#rad-{rows[1].pk}")
    assert "Statusen för ”Två” är sparad: enligt plan." in saved.content.decode()


def test_a_reader_cannot_fetch_parts(rows, activities, world):
    client = Client()
    client.force_login(world["rita"])

    assert (
        client.post(reverse("plans:row_move", args=[rows[1].pk, "upp"]), headers=FETCH).status_code
        == 403
    )
    assert (
        client.get(reverse("plans:status_create", args=[rows[1].pk]), headers=FETCH).status_code
        == 403
    )
    assert titles(rows[0].plan) == ["Ett", "Två", "Tre"]
