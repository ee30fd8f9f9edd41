"""Every URL pattern and API route, and what each kind of user gets from it.

The table below must name every URL in the project: a new view with no entry fails
``test_every_url_has_an_entry``. Each entry gives the method and the expected status for
anonymous, outsider (logged in, no right here), reader, editor and administrator of the
organisation the URL is about, plus the system administrator.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from framja.accounts.services import api_token_create
from framja.catalog.models import PublicHealthTargetArea
from framja.goals import services as goal_services
from framja.indicators import following as followed
from framja.indicators.models import DataSource, ImportJob, Indicator, IndicatorValue, Place
from framja.organisations import services
from framja.organisations.models import Role
from framja.plans import services as plan_services
from framja.reporting import services as reporting_services

ROLES = ("anonymous", "outsider", "reader", "editor", "admin", "root")
LOGIN = "login"  # a redirect to the login page


@dataclass(frozen=True)
class Case:
    method: str
    expect: dict[str, int | str]
    json: dict[str, str] | None = None


def everyone(status: int | str) -> dict[str, int | str]:
    return dict.fromkeys(ROLES, status)


def logged_in(status: int) -> dict[str, int | str]:
    return {**everyone(status), "anonymous": LOGIN}


def at_least(level: str, ok: int) -> dict[str, int | str]:
    """Login required; roles below ``level`` get 403."""
    order = ("outsider", "reader", "editor", "admin")
    allowed = order[order.index(level) :]
    return {
        "anonymous": LOGIN,
        **{role: (ok if role in allowed else 403) for role in order},
        "root": ok,
    }


def catalogue_admin(ok: int) -> dict[str, int | str]:
    return {**at_least("admin", ok), "admin": 403, "root": ok}


TABLE: dict[str, list[Case]] = {
    "home": [Case("get", everyone(200))],
    "set_language": [Case("post", everyone(302))],
    "accounts:login": [Case("get", {**everyone(302), "anonymous": 200})],
    "accounts:logout": [Case("post", everyone(302))],
    "accounts:tokens": [Case("get", logged_in(200))],
    # The token belongs to the editor: nobody else finds it.
    "accounts:token_revoke": [
        Case("get", logged_in(405)),
        Case("post", {**logged_in(404), "editor": 302}),
    ],
    "organisations:tree": [Case("get", everyone(200))],
    "organisations:detail": [Case("get", everyone(200))],
    "organisations:edit": [Case("get", at_least("editor", 200))],
    "organisations:create_child": [Case("get", at_least("admin", 200))],
    "organisations:membership_add": [Case("get", at_least("admin", 200))],
    "organisations:membership_end": [Case("get", at_least("admin", 200))],
    "organisations:access": [Case("get", at_least("admin", 200))],
    "organisations:access_revoke": [
        Case("get", logged_in(405)),
        Case("post", at_least("admin", 302)),
    ],
    "organisations:history": [Case("get", at_least("reader", 200))],
    "organisations:person": [Case("get", logged_in(200))],
    # Pia's only role is in RPO Test: its administrator may edit her details.
    "organisations:person_edit": [Case("get", at_least("admin", 200))],
    "plans:list": [Case("get", everyone(200))],
    "plans:create": [Case("get", at_least("editor", 200))],
    # A draft: the organisation's readers and the administrators above it.
    "plans:detail": [Case("get", at_least("reader", 200))],
    "plans:row_create": [Case("get", at_least("editor", 200))],
    "plans:row_edit": [Case("get", at_least("editor", 200))],
    "plans:activity_create": [Case("get", at_least("editor", 200))],
    "plans:status_create": [Case("get", at_least("editor", 200))],
    "plans:activity_toggle": [Case("get", logged_in(405)), Case("post", at_least("editor", 302))],
    "plans:anchor": [Case("get", at_least("editor", 200))],
    "plans:adopt": [Case("get", at_least("editor", 200))],
    "plans:new_version": [Case("get", logged_in(405)), Case("post", at_least("editor", 302))],
    "plans:archive": [Case("get", logged_in(405)), Case("post", at_least("editor", 302))],
    "plans:publish": [Case("get", logged_in(405)), Case("post", at_least("editor", 302))],
    "plans:next_year": [Case("get", logged_in(405)), Case("post", at_least("editor", 302))],
    "plans:versions": [Case("get", at_least("reader", 200))],
    "plans:rollup": [Case("get", everyone(200))],
    "plans:coverage_organisation": [Case("get", everyone(200))],
    "plans:coverage": [Case("get", at_least("reader", 200))],
    "plans:export": [Case("get", at_least("reader", 200))],
    "plans:import": [Case("get", at_least("editor", 200))],
    # With nothing uploaded, the preview sends the editor back to the upload form.
    "plans:import_preview": [Case("get", at_least("editor", 302))],
    "plans:edit": [Case("get", at_least("editor", 200))],
    "plans:section_create": [Case("get", at_least("editor", 200))],
    "plans:section_edit": [Case("get", at_least("editor", 200))],
    "plans:section_delete": [Case("get", logged_in(405)), Case("post", at_least("editor", 302))],
    "plans:row_move": [Case("get", logged_in(405)), Case("post", at_least("editor", 302))],
    "plans:section_move": [Case("get", logged_in(405)), Case("post", at_least("editor", 302))],
    "plans:activity_move": [Case("get", logged_in(405)), Case("post", at_least("editor", 302))],
    "plans:activity_edit": [Case("get", at_least("editor", 200))],
    "goals:list": [Case("get", logged_in(200))],
    "goals:create": [Case("get", at_least("editor", 200))],
    "goals:overview": [Case("get", logged_in(200))],
    "goals:goal_detail": [Case("get", logged_in(200))],
    "goals:goal_edit": [Case("get", at_least("editor", 200))],
    "goals:goal_delete": [Case("get", logged_in(405)), Case("post", at_least("editor", 302))],
    "goals:goal_move": [Case("get", logged_in(405)), Case("post", at_least("editor", 302))],
    "goals:assess": [Case("get", at_least("editor", 200))],
    "reporting:round_list": [Case("get", at_least("reader", 200))],
    "reporting:round_create": [Case("get", at_least("editor", 200))],
    "reporting:my_submissions": [Case("get", logged_in(200))],
    "reporting:round_detail": [Case("get", at_least("reader", 200))],
    "reporting:round_remind": [
        Case("get", logged_in(405)),
        Case("post", at_least("editor", 302)),
    ],
    "reporting:round_close": [Case("get", at_least("editor", 200))],
    # The closed round's report, built from what was submitted.
    "reporting:round_report": [Case("get", at_least("reader", 200))],
    "reporting:submission": [Case("get", at_least("reader", 200))],
    "reporting:feedback": [Case("get", logged_in(200))],
    "reporting:feedback_edit": [Case("get", at_least("editor", 200))],
    "reporting:feedback_export": [Case("get", logged_in(200))],
    "reporting:annual_report": [Case("get", logged_in(200))],
    "reporting:annual_report_edit": [Case("get", at_least("editor", 200))],
    "reporting:annual_report_export": [Case("get", logged_in(200))],
    "catalog:index": [Case("get", everyone(200))],
    "catalog:history": [Case("get", catalogue_admin(200))],
    "catalog:create": [Case("get", catalogue_admin(200))],
    "catalog:edit": [Case("get", catalogue_admin(200))],
    "catalog:move": [Case("get", logged_in(405)), Case("post", catalogue_admin(302))],
    # The indicator catalogue and its values: everyone logged in reads, catalogue
    # administrators write and import.
    "indicators:list": [Case("get", logged_in(200))],
    "indicators:detail": [Case("get", logged_in(200))],
    "indicators:create": [Case("get", catalogue_admin(200))],
    "indicators:edit": [Case("get", catalogue_admin(200))],
    "indicators:kolada_import": [Case("get", catalogue_admin(200))],
    "indicators:import": [Case("get", catalogue_admin(200))],
    "indicators:import_job": [Case("get", catalogue_admin(200))],
    "indicators:import_job_state": [Case("get", catalogue_admin(200))],
    "indicators:chart": [Case("get", logged_in(200))],
    "indicators:chart_download": [Case("get", logged_in(200))],
    "indicators:targeting": [Case("get", logged_in(200))],
    "api:api-root": [Case("get", everyone(404))],
    "api:openapi-json": [Case("get", everyone(200))],
    "api:openapi-view": [Case("get", everyone(200))],
    "api:list_organisations": [Case("get", everyone(200))],
    "api:get_organisation": [Case("get", everyone(200))],
    "api:list_memberships": [Case("get", {**everyone(200), "anonymous": 401})],
    "api:list_plans": [Case("get", everyone(200))],
    # A draft: hidden from those who may not see it, as if it did not exist.
    "api:get_plan": [Case("get", {**at_least("reader", 200), "anonymous": 404, "outsider": 404})],
    "api:add_status": [
        Case(
            "post",
            {**at_least("editor", 201), "anonymous": 401},
            json={"rating": "on_track"},
        )
    ],
    "api:add_row": [
        Case("post", {**at_least("editor", 201), "anonymous": 401}, json={"title": "Ny rad"})
    ],
    "api:add_activity": [
        Case("post", {**at_least("editor", 201), "anonymous": 401}, json={"text": "Göra"})
    ],
    "api:list_goals": [Case("get", {**everyone(200), "anonymous": 401})],
    "api:get_goal": [Case("get", {**everyone(200), "anonymous": 401})],
    "api:put_assessment": [
        Case("put", {**at_least("editor", 200), "anonymous": 401}, json={"rating": "partly"})
    ],
    "api:list_rounds": [Case("get", {**at_least("reader", 200), "anonymous": 401})],
    "api:get_round": [Case("get", {**at_least("reader", 200), "anonymous": 401, "outsider": 404})],
    "api:get_submission": [
        Case("get", {**at_least("reader", 200), "anonymous": 401, "outsider": 404})
    ],
    "api:put_submission": [
        Case("put", {**at_least("editor", 200), "anonymous": 401}, json={"summary": "Klart"})
    ],
    "api:patient_promises": [Case("get", everyone(200))],
    "api:public_health_goals": [Case("get", everyone(200))],
    "api:target_areas": [Case("get", everyone(200))],
    "api:effort_areas": [Case("get", everyone(200))],
    "api:list_indicators": [Case("get", {**everyone(200), "anonymous": 401})],
    "api:get_indicator": [Case("get", {**everyone(200), "anonymous": 401})],
    # Which organisation or plan is asked for in the query; without either, 422.
    "api:list_selections": [Case("get", {**everyone(422), "anonymous": 401})],
    "indicators:selections": [Case("get", logged_in(200))],
    "indicators:selection_create": [Case("get", at_least("editor", 200))],
    "indicators:selection_delete": [
        Case("get", logged_in(405)),
        Case("post", at_least("editor", 302)),
    ],
    "api:list_values": [Case("get", {**everyone(200), "anonymous": 401})],
}


def url_names() -> list[str]:
    """Return the namespaced name of every URL pattern in the project."""

    def walk(patterns: list, namespace: str | None) -> list[str]:
        names = []
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                names += walk(pattern.url_patterns, inner or None)
            elif isinstance(pattern, URLPattern):
                assert pattern.name, f"URL pattern {pattern.pattern} has no name"
                names.append(":".join(filter(None, [namespace, pattern.name])))
        return names

    return walk(get_resolver().url_patterns, None)


def test_every_url_has_an_entry():
    names = url_names()

    missing = sorted(set(names) - set(TABLE))
    stale = sorted(set(TABLE) - set(names))

    assert missing == [], f"URLs with no entry in the authorisation table: {missing}"
    assert stale == [], f"Entries for URLs that no longer exist: {stale}"


@pytest.fixture
def setting(world):
    """Return the users by role and the URL arguments for each URL name."""
    rpo = world["rpo"]
    person = services.person_create(actor=None, name="Pia Person")
    membership = services.membership_start(
        actor=None,
        person=person,
        organisation=rpo,
        role=Role.MEMBER,
        start=datetime.date(2024, 1, 1),
    )
    token, _key = api_token_create(user=world["bob"], name="test")
    area = PublicHealthTargetArea.objects.order_by("number").first()
    assert area is not None
    plan = plan_services.plan_create(
        actor=None, organisation=rpo, year=2025, title="HP 2025", sections=[("Bakgrund", "Text")]
    )
    section = plan.sections.get()
    row = plan_services.row_create(actor=None, plan=plan, title="Rad")
    activity = plan_services.activity_create(actor=None, row=row, text="Göra något")
    goal = goal_services.goal_create(actor=None, organisation=rpo, text="Mål", start_year=2025)
    deadline = datetime.date.today() + datetime.timedelta(days=7)
    reporting_round = reporting_services.round_open(
        actor=None,
        organisation=rpo,
        title="Omgång",
        period="2025",
        deadline=deadline,
        participants=[rpo],
        include_feedback=True,
    )
    closed_round = reporting_services.round_open(
        actor=None,
        organisation=rpo,
        title="Stängd",
        period="2024",
        deadline=deadline,
        participants=[rpo],
    )
    reporting_services.round_close(actor=None, reporting_round=closed_round)
    indicator = Indicator.objects.create(
        code="cni",
        name="Care Need Index",
        source=DataSource.objects.get(name="Kolada"),
        kolada_kpi_id="N00992",
    )
    IndicatorValue.objects.create(
        indicator=indicator,
        place=Place.objects.get(code="0000"),
        period="2024",
        value=1.0,
        imported_at=timezone.now(),
    )
    job = ImportJob.objects.create(created_by=world["root"], file_name="v.csv")
    selection = followed.selection_create(
        actor=None, organisation=rpo, indicator=indicator, place=Place.objects.get(code="0000")
    )
    users = {
        "anonymous": None,
        "outsider": world["charlie"],
        "reader": world["rita"],
        "editor": world["bob"],
        "admin": world["alice"],
        "root": world["root"],
    }
    slug = {"slug": rpo.slug}
    kwargs = {
        "accounts:token_revoke": {"pk": token.pk},
        "organisations:detail": slug,
        "organisations:edit": slug,
        "organisations:create_child": slug,
        "organisations:membership_add": slug,
        "organisations:membership_end": {**slug, "pk": membership.pk},
        "organisations:access": slug,
        "organisations:history": slug,
        "organisations:person": {"pk": person.pk},
        "organisations:person_edit": {"pk": person.pk},
        "catalog:create": {"kind": "malomraden"},
        "catalog:edit": {"kind": "malomraden", "pk": area.pk},
        "catalog:move": {"kind": "malomraden", "pk": area.pk, "direction": "ned"},
        "plans:list": slug,
        "plans:create": slug,
        "plans:detail": {"pk": plan.pk},
        "plans:row_create": {"pk": plan.pk},
        "plans:row_edit": {"pk": row.pk},
        "plans:activity_create": {"pk": row.pk},
        "plans:status_create": {"pk": row.pk},
        "plans:activity_toggle": {"pk": activity.pk},
        "plans:anchor": {"pk": plan.pk},
        "plans:adopt": {"pk": plan.pk},
        "plans:new_version": {"pk": plan.pk},
        "plans:archive": {"pk": plan.pk},
        "plans:publish": {"pk": plan.pk},
        "plans:next_year": {"pk": plan.pk},
        "plans:versions": {"pk": plan.pk},
        "plans:rollup": slug,
        "plans:coverage_organisation": slug,
        "plans:coverage": {"pk": plan.pk},
        "plans:export": {"pk": plan.pk, "fmt": "xlsx"},
        "plans:import": slug,
        "plans:edit": {"pk": plan.pk},
        "plans:section_create": {"pk": plan.pk},
        "plans:section_edit": {"pk": section.pk},
        "plans:section_delete": {"pk": section.pk},
        "plans:row_move": {"pk": row.pk, "direction": "ned"},
        "plans:section_move": {"pk": section.pk, "direction": "ned"},
        "plans:activity_move": {"pk": activity.pk, "direction": "upp"},
        "plans:activity_edit": {"pk": activity.pk},
        "plans:import_preview": slug,
        "goals:list": slug,
        "goals:create": slug,
        "goals:overview": slug,
        "goals:goal_detail": {"pk": goal.pk},
        "goals:goal_edit": {"pk": goal.pk},
        "goals:goal_delete": {"pk": goal.pk},
        "goals:goal_move": {"pk": goal.pk, "direction": "ned"},
        "goals:assess": {"pk": goal.pk, "period": "2025"},
        "reporting:round_list": slug,
        "reporting:round_create": slug,
        "reporting:round_detail": {"pk": reporting_round.pk},
        "reporting:round_remind": {"pk": reporting_round.pk},
        "reporting:round_close": {"pk": reporting_round.pk},
        "reporting:round_report": {"pk": closed_round.pk, "fmt": "docx"},
        "reporting:submission": {"pk": reporting_round.pk, **slug},
        "reporting:feedback": {**slug, "year": 2025},
        "reporting:feedback_edit": {**slug, "year": 2025},
        "reporting:feedback_export": {**slug, "year": 2025, "fmt": "pptx"},
        "reporting:annual_report": {**slug, "year": 2025},
        "reporting:annual_report_edit": {**slug, "year": 2025},
        "reporting:annual_report_export": {**slug, "year": 2025, "fmt": "pdf"},
        "api:get_goal": {"goal_id": goal.pk},
        "api:put_assessment": {"goal_id": goal.pk, "period": "2025"},
        "api:list_rounds": {"organisation": rpo.slug},
        "api:get_round": {"round_id": reporting_round.pk},
        "api:get_submission": {"round_id": reporting_round.pk, "organisation": rpo.slug},
        "api:put_submission": {"round_id": reporting_round.pk, "organisation": rpo.slug},
        "api:get_plan": {"plan_id": plan.pk},
        "api:add_status": {"row_id": row.pk},
        "api:add_row": {"plan_id": plan.pk},
        "api:add_activity": {"row_id": row.pk},
        "api:get_organisation": slug,
        "indicators:detail": {"code": indicator.code},
        "indicators:edit": {"code": indicator.code},
        "indicators:chart": {"code": indicator.code, "kind": "jamforelse"},
        "indicators:chart_download": {"code": indicator.code, "kind": "tidsserie", "fmt": "csv"},
        "indicators:targeting": {"code": indicator.code},
        "indicators:kolada_import": {"code": indicator.code},
        "indicators:selections": slug,
        "indicators:selection_create": slug,
        "indicators:selection_delete": {"pk": selection.pk},
        "indicators:import_job": {"pk": job.pk},
        "indicators:import_job_state": {"pk": job.pk},
        "api:get_indicator": {"code": indicator.code},
        "api:list_memberships": slug,
    }
    return users, kwargs, world


def _access_revoke_kwargs(world) -> dict:
    grant = world["rita"].organisation_access.get(organisation=world["rpo"])
    return {"slug": world["rpo"].slug, "pk": grant.pk}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(TABLE))
def test_access(setting, name, role):
    # given
    users, kwargs, world = setting
    client = Client()
    if users[role] is not None:
        client.force_login(users[role])
    if name == "organisations:access_revoke":
        kwargs[name] = _access_revoke_kwargs(world)
    url = reverse(name, kwargs=kwargs.get(name))

    for case in TABLE[name]:
        # when
        if case.json is not None:
            send = getattr(client, case.method)
            response = send(url, case.json, content_type="application/json")
        else:
            response = getattr(client, case.method)(url, {"language": "sv", "next": "/"})
        # then
        expected = case.expect[role]
        if expected == LOGIN:
            assert response.status_code == 302, (case.method, url)
            assert response["Location"].startswith(reverse("accounts:login")), url
        else:
            assert response.status_code == expected, (case.method, url, response.status_code)
