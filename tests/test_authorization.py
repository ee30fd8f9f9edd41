"""Every URL pattern and API route, and what each kind of user gets from it.

The table below must name every URL in the project: a new view with no entry fails
``test_every_url_has_an_entry``. Each entry gives the method and the expected status for
anonymous, outsider (logged in, no right here), reader, editor and administrator of the
organisation the URL is about, plus the system administrator.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from framja.accounts.services import api_token_create, invitation_create, invitation_token
from framja.catalog.models import PublicHealthTargetArea
from framja.goals import services as goal_services
from framja.improvement import services as improvement_services
from framja.indicators import following as followed
from framja.indicators.models import DataSource, ImportJob, Indicator, IndicatorValue, Place
from framja.indicators.services import indicator_totals_refresh
from framja.knowledge import services as knowledge_services
from framja.organisations import services
from framja.organisations.models import Role
from framja.plans import services as plan_services
from framja.reporting import services as reporting_services
from framja.surveys import services as survey_services

ROLES = ("anonymous", "outsider", "reader", "editor", "admin", "root")
LOGIN = "login"  # a redirect to the login page


@dataclass(frozen=True)
class Case:
    method: str
    expect: dict[str, int | str]
    json: dict[str, object] | None = None


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
    "health": [Case("get", everyone(200))],
    "accounts:login": [Case("get", {**everyone(302), "anonymous": 200})],
    "accounts:logout": [Case("post", everyone(302))],
    "accounts:tokens": [Case("get", logged_in(200))],
    # The token belongs to the editor: nobody else finds it.
    "accounts:token_revoke": [
        Case("get", logged_in(405)),
        Case("post", {**logged_in(404), "editor": 302}),
    ],
    # Without an identity provider configured (as here) the OIDC pages are not there.
    "accounts:oidc_login": [Case("get", everyone(404))],
    "accounts:oidc_callback": [Case("get", everyone(404))],
    "accounts:account": [Case("get", logged_in(200))],
    "accounts:logout_everywhere": [Case("get", logged_in(405)), Case("post", logged_in(302))],
    "accounts:personal_data": [Case("get", logged_in(200))],
    # Only a system administrator erases a person.
    "accounts:person_erase": [Case("get", {**logged_in(403), "root": 200})],
    "accounts:invitations": [Case("get", at_least("admin", 200))],
    "accounts:invitation_revoke": [
        Case("get", logged_in(405)),
        Case("post", at_least("admin", 302)),
    ],
    # Anyone holding the link sees the invitation; accepting it is a POST.
    "accounts:invitation_accept": [Case("get", everyone(200))],
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
    "indicators:pxweb_import": [Case("get", catalogue_admin(200))],
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
    # Surveys: the coordinator (RPO Test) builds and sends; RAG Test answers. The RAG's
    # response is for its own editors (only the administrator, through RPO Test) to change.
    "surveys:list": [Case("get", at_least("reader", 200))],
    "surveys:create": [Case("get", at_least("editor", 200))],
    "surveys:my_responses": [Case("get", logged_in(200))],
    "surveys:detail": [Case("get", at_least("reader", 200))],
    "surveys:edit": [Case("get", at_least("editor", 200))],
    "surveys:section_create": [Case("get", at_least("editor", 200))],
    "surveys:section_delete": [
        Case("get", logged_in(405)),
        Case("post", at_least("editor", 302)),
    ],
    "surveys:section_edit": [Case("get", at_least("editor", 200))],
    "surveys:question_move": [
        Case("get", logged_in(405)),
        Case("post", at_least("editor", 302)),
    ],
    "surveys:question_create": [Case("get", at_least("editor", 200))],
    "surveys:question_edit": [Case("get", at_least("editor", 200))],
    "surveys:question_delete": [
        Case("get", logged_in(405)),
        Case("post", at_least("editor", 302)),
    ],
    "surveys:send": [Case("get", at_least("editor", 200))],
    "surveys:remind": [Case("get", logged_in(405)), Case("post", at_least("editor", 302))],
    "surveys:close": [Case("get", logged_in(405)), Case("post", at_least("editor", 302))],
    "surveys:new_version": [
        Case("get", logged_in(405)),
        Case("post", at_least("editor", 302)),
    ],
    "surveys:results": [Case("get", at_least("reader", 200))],
    "surveys:export": [Case("get", at_least("reader", 200))],
    "surveys:response": [Case("get", at_least("reader", 200))],
    "surveys:reopen": [Case("get", logged_in(405)), Case("post", at_least("editor", 302))],
    "surveys:sharing": [Case("get", logged_in(405)), Case("post", at_least("admin", 302))],
    "surveys:benchmark": [Case("get", at_least("reader", 200))],
    "surveys:benchmark_export": [Case("get", at_least("reader", 200))],
    "api:list_surveys": [Case("get", {**at_least("reader", 200), "anonymous": 401})],
    "api:create_survey": [
        Case(
            "post",
            {**at_least("editor", 201), "anonymous": 401},
            json={"title": "Ny", "year": 2026},
        )
    ],
    "api:send_survey": [
        Case(
            "post",
            {**at_least("editor", 200), "anonymous": 401},
            json={"participants": ["rag-test"], "deadline": "2099-01-31"},
        )
    ],
    # The RAG's response is not submitted: nothing to reopen, once past the permission check.
    "api:reopen_response": [
        Case("post", {**at_least("editor", 422), "anonymous": 401}),
    ],
    "api:get_survey": [Case("get", {**at_least("reader", 200), "anonymous": 401, "outsider": 404})],
    "api:get_results": [
        Case("get", {**at_least("reader", 200), "anonymous": 401, "outsider": 404})
    ],
    "api:list_responses": [
        Case("get", {**at_least("reader", 200), "anonymous": 401, "outsider": 404})
    ],
    "api:get_response": [
        Case("get", {**at_least("reader", 200), "anonymous": 401, "outsider": 404})
    ],
    "api:put_response": [
        Case("put", {**at_least("admin", 200), "anonymous": 401}, json={"respondent_names": "Namn"})
    ],
    # Improvement cycles: the organisation's readers read, its editors work on them, its
    # administrators make question templates.
    "improvement:overview": [Case("get", at_least("reader", 200))],
    "improvement:cycle_create": [Case("get", at_least("editor", 200))],
    "improvement:template_list": [Case("get", at_least("reader", 200))],
    "improvement:template_create": [Case("get", at_least("admin", 200))],
    "improvement:template_edit": [Case("get", at_least("admin", 200))],
    "improvement:comparison": [Case("get", at_least("reader", 200))],
    "improvement:cycle_detail": [Case("get", at_least("reader", 200))],
    "improvement:cycle_edit": [Case("get", at_least("editor", 200))],
    "improvement:step_edit": [Case("get", at_least("editor", 200))],
    "improvement:inventory": [Case("get", at_least("editor", 200))],
    "improvement:analysis": [Case("get", at_least("editor", 200))],
    "improvement:pdsa_create": [Case("get", at_least("editor", 200))],
    "improvement:pdsa_edit": [Case("get", at_least("editor", 200))],
    "improvement:study_value_add": [Case("get", at_least("editor", 200))],
    "improvement:decision_create": [Case("get", at_least("editor", 200))],
    "improvement:decision_detail": [Case("get", at_least("reader", 200))],
    "improvement:measure_create": [Case("get", at_least("editor", 200))],
    "improvement:measures_subregional": [
        Case("get", logged_in(405)),
        Case("post", at_least("editor", 302)),
    ],
    "improvement:measures_followed": [
        Case("get", logged_in(405)),
        Case("post", at_least("editor", 302)),
    ],
    "improvement:value_create": [Case("get", at_least("editor", 200))],
    "improvement:export": [Case("get", at_least("reader", 200))],
    # Which organisation is asked for in the query; without it, 422.
    "api:list_cycles": [Case("get", {**everyone(422), "anonymous": 401})],
    "api:create_cycle": [
        Case(
            "post",
            {**at_least("editor", 201), "anonymous": 401},
            json={"organisation": "rpo-test", "title": "Ny cykel"},
        )
    ],
    # Someone who may not read the cycle is told it does not exist.
    "api:get_cycle": [Case("get", {**at_least("reader", 200), "anonymous": 401, "outsider": 404})],
    "api:put_answers": [
        Case(
            "put",
            {**at_least("editor", 200), "anonymous": 401, "outsider": 404},
            json={"answers": []},
        )
    ],
    "api:update_step": [
        Case(
            "patch",
            {**at_least("editor", 200), "anonymous": 401, "outsider": 404},
            json={"note": "Anteckning"},
        )
    ],
    "api:add_pdsa": [
        Case(
            "post",
            {**at_least("editor", 201), "anonymous": 401, "outsider": 404},
            json={"title": "PDSA"},
        )
    ],
    "api:update_pdsa": [
        Case(
            "patch",
            {**at_least("editor", 200), "anonymous": 401, "outsider": 404},
            json={"act": "adopt"},
        )
    ],
    "api:list_decisions": [
        Case("get", {**at_least("reader", 200), "anonymous": 401, "outsider": 404})
    ],
    "api:add_decision": [
        Case(
            "post",
            {**at_least("editor", 201), "anonymous": 401, "outsider": 404},
            json={
                "body": "dot",
                "meeting_date": "2026-03-02",
                "outcome": "returned",
                "minutes_reference": "Protokoll",
                "proposal": "Förslag",
            },
        )
    ],
    "api:add_followup_value": [
        Case(
            "post",
            {**at_least("editor", 201), "anonymous": 401, "outsider": 404},
            json={"date": "2026-05-01", "result": "Ett resultat"},
        )
    ],
    # The knowledge bank is open to everyone; the organisation's editors keep it.
    "knowledge:example_list": [Case("get", everyone(200))],
    "knowledge:example_create": [Case("get", at_least("editor", 200))],
    "knowledge:example_detail": [Case("get", everyone(200))],
    "knowledge:example_edit": [Case("get", at_least("editor", 200))],
    "knowledge:example_delete": [
        Case("get", logged_in(405)),
        Case("post", at_least("editor", 302)),
    ],
    # With no file sent, the editor is sent back to the example with a message.
    "knowledge:attachment_add": [
        Case("get", logged_in(405)),
        Case("post", at_least("editor", 302)),
    ],
    "knowledge:attachment_download": [Case("get", everyone(200))],
    "knowledge:attachment_delete": [
        Case("get", logged_in(405)),
        Case("post", at_least("editor", 302)),
    ],
    "knowledge:event_list": [Case("get", everyone(200))],
    "knowledge:event_feed": [Case("get", everyone(200))],
    "knowledge:event_create": [Case("get", at_least("editor", 200))],
    "knowledge:event_detail": [Case("get", everyone(200))],
    "knowledge:event_edit": [Case("get", at_least("editor", 200))],
    "knowledge:event_delete": [
        Case("get", logged_in(405)),
        Case("post", at_least("editor", 302)),
    ],
    "knowledge:search": [Case("get", everyone(200))],
    "api:list_examples": [Case("get", everyone(200))],
    "api:get_example": [Case("get", everyone(200))],
    "api:similar_to_example": [Case("get", everyone(200))],
    "api:list_events": [Case("get", everyone(200))],
    "api:get_event": [Case("get", everyone(200))],
    # The query (q) is required: without it, 422.
    "api:search_all": [Case("get", everyone(422))],
    # The row of a draft: hidden from those who may not see it, as if it did not exist.
    "api:similar_to_row": [
        Case("get", {**at_least("reader", 200), "anonymous": 404, "outsider": 404})
    ],
    # The row of a draft: as its plan.
    "knowledge:similar_row": [Case("get", {**at_least("reader", 200), "anonymous": 403})],
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
    indicator_totals_refresh(indicator_ids=[indicator.pk])
    job = ImportJob.objects.create(created_by=world["root"], file_name="v.csv")
    selection = followed.selection_create(
        actor=None, organisation=rpo, indicator=indicator, place=Place.objects.get(code="0000")
    )
    invitation = invitation_create(
        actor=world["alice"], organisation=rpo, email="ny@example.org", level=1
    )
    draft = survey_services.survey_create(actor=None, organisation=rpo, title="Utkast", year=2025)
    draft_section = survey_services.section_create(actor=None, survey=draft, title="Avsnitt")
    draft_question = survey_services.question_create(
        actor=None, section=draft_section, kind="yes_no", text="Fråga?"
    )
    sent = survey_services.survey_create(actor=None, organisation=rpo, title="Skickad", year=2025)
    survey_services.question_create(
        actor=None,
        section=survey_services.section_create(actor=None, survey=sent, title="Avsnitt"),
        kind="text",
        text="Kommentar",
    )
    survey_services.survey_send(
        actor=None, survey=sent, participants=[world["rag"]], deadline=deadline
    )
    rag = {"pk": sent.pk, "slug": world["rag"].slug}
    cycle = improvement_services.cycle_create(actor=None, organisation=rpo, title="Cykel")
    pdsa = improvement_services.pdsa_create(actor=None, cycle=cycle, title="PDSA")
    decision = improvement_services.decision_record(
        actor=None,
        cycle=cycle,
        body="dot",
        meeting_date=datetime.date(2026, 3, 1),
        outcome="approved",
        minutes_reference="Protokoll",
        proposal="Förslag",
    )
    measure = improvement_services.measure_create(
        actor=None, cycle=cycle, kind="process", name="Processmått"
    )
    question_template = improvement_services.template_create(
        actor=None, owner=rpo, name="Egen mall", questions=["Fråga?"]
    )
    good_example = knowledge_services.example_create(
        actor=None, organisation=rpo, title="Gott exempel"
    )
    attachment = knowledge_services.attachment_add(
        actor=None,
        example=good_example,
        upload=SimpleUploadedFile("rapport.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    event = knowledge_services.event_create(
        actor=None,
        organisation=rpo,
        title="Webbsändning",
        start=timezone.now() + datetime.timedelta(days=3),
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
        "accounts:invitations": slug,
        "accounts:person_erase": {"pk": person.pk},
        "accounts:invitation_revoke": {**slug, "pk": invitation.pk},
        "accounts:invitation_accept": {"token": invitation_token(invitation)},
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
        "indicators:pxweb_import": {"code": indicator.code},
        "indicators:selections": slug,
        "indicators:selection_create": slug,
        "indicators:selection_delete": {"pk": selection.pk},
        "indicators:import_job": {"pk": job.pk},
        "indicators:import_job_state": {"pk": job.pk},
        "api:get_indicator": {"code": indicator.code},
        "api:list_memberships": slug,
        "surveys:list": slug,
        "surveys:create": slug,
        "surveys:detail": {"pk": sent.pk},
        "surveys:edit": {"pk": draft.pk},
        "surveys:section_create": {"pk": draft.pk},
        "surveys:section_delete": {"pk": draft.pk, "section_pk": draft_section.pk},
        "surveys:section_edit": {"pk": draft.pk, "section_pk": draft_section.pk},
        "surveys:question_move": {
            "pk": draft.pk,
            "question_pk": draft_question.pk,
            "direction": "ned",
        },
        "surveys:question_create": {"pk": draft.pk},
        "surveys:question_edit": {"pk": draft.pk, "question_pk": draft_question.pk},
        "surveys:question_delete": {"pk": draft.pk, "question_pk": draft_question.pk},
        "surveys:send": {"pk": draft.pk},
        "surveys:remind": {"pk": sent.pk},
        "surveys:close": {"pk": sent.pk},
        "surveys:new_version": {"pk": sent.pk},
        "surveys:results": {"pk": sent.pk},
        "surveys:export": {"pk": sent.pk},
        "surveys:response": rag,
        "surveys:reopen": rag,
        "surveys:sharing": rag,
        "surveys:benchmark": rag,
        "surveys:benchmark_export": {**rag, "fmt": "docx"},
        "api:list_surveys": {"organisation": rpo.slug},
        "api:create_survey": {"organisation": rpo.slug},
        "api:send_survey": {"survey_id": draft.pk},
        "api:reopen_response": {"survey_id": sent.pk, "organisation": world["rag"].slug},
        "api:get_survey": {"survey_id": sent.pk},
        "api:get_results": {"survey_id": sent.pk},
        "api:list_responses": {"survey_id": sent.pk},
        "api:get_response": {"survey_id": sent.pk, "organisation": world["rag"].slug},
        "api:put_response": {"survey_id": sent.pk, "organisation": world["rag"].slug},
        "api:get_cycle": {"cycle_id": cycle.pk},
        "api:put_answers": {"cycle_id": cycle.pk},
        "api:update_step": {"cycle_id": cycle.pk, "step": 4},
        "api:add_pdsa": {"cycle_id": cycle.pk},
        "api:update_pdsa": {"cycle_id": cycle.pk, "pdsa_id": pdsa.pk},
        "api:list_decisions": {"cycle_id": cycle.pk},
        "api:add_decision": {"cycle_id": cycle.pk},
        "api:add_followup_value": {"cycle_id": cycle.pk, "measure_id": measure.pk},
        "improvement:overview": slug,
        "improvement:cycle_create": slug,
        "improvement:template_list": slug,
        "improvement:template_create": slug,
        "improvement:template_edit": {**slug, "pk": question_template.pk},
        "improvement:comparison": {**slug, "pk": cycle.template_id},
        "improvement:cycle_detail": {**slug, "pk": cycle.pk},
        "improvement:cycle_edit": {**slug, "pk": cycle.pk},
        "improvement:step_edit": {**slug, "pk": cycle.pk, "step": 2},
        "improvement:inventory": {**slug, "pk": cycle.pk},
        "improvement:analysis": {**slug, "pk": cycle.pk},
        "improvement:pdsa_create": {**slug, "pk": cycle.pk},
        "improvement:pdsa_edit": {**slug, "pk": cycle.pk, "pdsa_pk": pdsa.pk},
        "improvement:study_value_add": {**slug, "pk": cycle.pk, "pdsa_pk": pdsa.pk},
        "improvement:decision_create": {**slug, "pk": cycle.pk},
        "improvement:decision_detail": {**slug, "pk": cycle.pk, "decision_pk": decision.pk},
        "improvement:measure_create": {**slug, "pk": cycle.pk},
        "improvement:measures_subregional": {**slug, "pk": cycle.pk},
        "improvement:measures_followed": {**slug, "pk": cycle.pk},
        "improvement:value_create": {**slug, "pk": cycle.pk, "measure_pk": measure.pk},
        "improvement:export": {**slug, "pk": cycle.pk, "document": "bilaga-2", "fmt": "pdf"},
        "knowledge:example_create": slug,
        "knowledge:example_detail": {"pk": good_example.pk},
        "knowledge:example_edit": {"pk": good_example.pk},
        "knowledge:example_delete": {"pk": good_example.pk},
        "knowledge:attachment_add": {"pk": good_example.pk},
        "knowledge:attachment_download": {"pk": attachment.pk},
        "knowledge:attachment_delete": {"pk": attachment.pk},
        "knowledge:event_create": slug,
        "knowledge:event_detail": {"pk": event.pk},
        "knowledge:event_edit": {"pk": event.pk},
        "knowledge:event_delete": {"pk": event.pk},
        "knowledge:similar_row": {"pk": row.pk},
        "api:get_example": {"example_id": good_example.pk},
        "api:similar_to_example": {"example_id": good_example.pk},
        "api:get_event": {"event_id": event.pk},
        "api:similar_to_row": {"row_id": row.pk},
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
