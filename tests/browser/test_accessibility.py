"""axe-core over every page the foundation adds, as the users who can open them."""

import pytest
from playwright.sync_api import Page

from framja.catalog.models import NationalEffortArea
from framja.organisations.models import Membership
from framja.plans.models import Activity, Plan
from tests.browser.conftest import assert_accessible, login

PUBLIC = [
    "/",
    "/organisationer/",
    "/organisationer/?gren=rpo-halsoframjande",
    "/organisationer/rpo-halsoframjande/",
    "/organisationer/rpo-halsoframjande/?visa=tidigare",
    "/organisationer/hfs/",
    "/organisationer/region-skane/",
    "/kataloger/",
    "/konto/logga-in/",
    "/api/docs",
    "/finns-inte/",
]


@pytest.mark.parametrize("path", PUBLIC)
def test_public_page_is_accessible(page: Page, demo, path):
    page.goto(path)

    assert_accessible(page)


def test_administrator_pages_are_accessible(page: Page, demo):
    # given the process support, who administers RPO Hälsofrämjande
    login(page, "processtod@framja.example")
    membership = Membership.objects.filter(organisation__slug="rpo-halsoframjande").first()
    assert membership is not None
    paths = [
        "/",
        "/organisationer/rpo-halsoframjande/",
        "/organisationer/rpo-halsoframjande/andra/",
        "/organisationer/rpo-halsoframjande/ny-underorganisation/",
        "/organisationer/rpo-halsoframjande/uppdrag/nytt/",
        f"/organisationer/rpo-halsoframjande/uppdrag/{membership.pk}/avsluta/",
        "/organisationer/rpo-halsoframjande/behorigheter/",
        "/organisationer/rpo-halsoframjande/historik/",
        f"/personer/{membership.person_id}/",
        "/konto/api-nycklar/",
        "/organisationer/hfs/andra/",  # 403 for her
    ]
    for path in paths:
        # when
        page.goto(path)
        # then
        assert_accessible(page)


def test_forms_with_errors_are_accessible(page: Page, demo):
    login(page, "processtod@framja.example")
    page.goto("/organisationer/rpo-halsoframjande/uppdrag/nytt/")
    page.get_by_label("Från").fill("2025-05-01")
    page.get_by_label("Till").fill("2025-01-01")
    page.get_by_role("button", name="Lägg till").click()

    summary = page.locator(".error-summary")
    assert "Slutdatum kan inte vara före startdatum." in summary.inner_text()
    assert page.get_by_label("Till").get_attribute("aria-invalid") == "true"
    assert_accessible(page)


def test_catalogue_admin_pages_are_accessible(page: Page, demo):
    login(page, "admin@framja.example")
    area = NationalEffortArea.objects.order_by("order").first()
    assert area is not None
    for path in [
        "/kataloger/",
        "/kataloger/historik/",
        "/kataloger/insatsomraden/ny/",
        f"/kataloger/insatsomraden/{area.pk}/andra/",
        "/kataloger/patientloften/ny/",
    ]:
        page.goto(path)
        assert_accessible(page)


def test_english_pages_are_accessible(page: Page, demo):
    page.goto("/organisationer/rpo-halsoframjande/")
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Byt språk").click()

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="People and roles").is_visible()
    assert_accessible(page)


def test_plan_pages_are_accessible(page: Page, demo):
    # given the process support, who administers RPO Hälsofrämjande and its RAGs
    login(page, "processtod@framja.example")
    plan = Plan.objects.get(organisation__slug="rpo-halsoframjande", year=2024)
    rag_plan = Plan.objects.get(organisation__slug="rag-tobak")
    row = plan.rows.order_by("order").first()
    rag_activity = Activity.objects.filter(row__plan=rag_plan).first()
    assert row is not None
    assert rag_activity is not None
    paths = [
        "/organisationer/rpo-halsoframjande/planer/",
        f"/planer/{plan.pk}/",
        f"/planer/{plan.pk}/versioner/",
        f"/planer/{plan.pk}/tackning/",
        f"/planer/{rag_plan.pk}/",
        f"/planer/{rag_plan.pk}/forankring/",
        f"/planer/{rag_plan.pk}/andra/",
        f"/planer/{rag_plan.pk}/avsnitt/nytt/",
        f"/planer/aktiviteter/{rag_activity.pk}/andra/",
        "/organisationer/rpo-halsoframjande/planer/importera/",
        f"/planer/rader/{row.pk}/status/ny/",
        "/organisationer/rpo-halsoframjande/sammanstallning/",
        "/organisationer/rpo-halsoframjande/sammanstallning/?urval=uppmarksamhet&sida=2",
        "/organisationer/rpo-halsoframjande/tackning/",
        "/organisationer/skane-nordost/planer/",
    ]
    for path in paths:
        # when
        page.goto(path)
        # then
        assert_accessible(page)


def test_goal_and_reporting_pages_are_accessible(page: Page, demo):
    # given the HFS coordinator, who administers the network and its theme groups
    from framja.goals.models import Goal
    from framja.reporting.models import ReportingRound

    login(page, "koordinator@framja.example")
    goal = Goal.objects.filter(organisation__slug="hfs").order_by("order").first()
    closed = ReportingRound.objects.get(title="Verksamhetsberättelse 2019")
    assert goal is not None
    paths = [
        "/organisationer/hfs/mal/?ar=2019",
        "/organisationer/hfs/mal/nytt/",
        "/organisationer/hfs/maluppfyllelse/?ar=2019",
        f"/mal/{goal.pk}/",
        f"/mal/{goal.pk}/andra/",
        f"/mal/{goal.pk}/bedom/2019/",
        "/organisationer/hfs/rapportering/",
        "/organisationer/hfs/rapportering/ny/",
        closed.get_absolute_url(),
        f"/rapportering/{closed.pk}/hfs-psykisk-halsa/",
        "/rapportering/att-fylla-i/",
        "/organisationer/hfs/verksamhetsberattelse/2019/",
        "/organisationer/hfs/verksamhetsberattelse/2019/andra/",
        "/organisationer/rpo-halsoframjande/aterkoppling/2023/",
        "/organisationer/rpo-halsoframjande/aterkoppling/2023/andra/",
    ]
    for path in paths:
        # when
        page.goto(path)
        # then
        assert_accessible(page)
