"""Lists in tree order, siblings by id, straight from ORDER BY path, whatever the ids' lengths.

The second group's id has one digit more than the first's: written without padding, its path
("/…/1000/") would sort before the first's ("/…/320/").
"""

import datetime

import pytest

from framja.goals import selectors as goal_selectors
from framja.goals import services as goal_services
from framja.organisations import services as org_services
from framja.organisations.models import Organisation, OrganisationKind, child_path
from framja.reporting import services as reporting_services
from framja.surveys import selectors as survey_selectors
from framja.surveys import services as survey_services

ORDER = ["Första gruppen", "Första gruppens undergrupp", "Andra gruppen"]


@pytest.fixture
def tree(db) -> dict[str, Organisation]:
    network = org_services.organisation_create(
        actor=None, kind=OrganisationKind.NETWORK, name="Nätverket", slug="natverket"
    )
    first = org_services.organisation_create(
        actor=None, kind=OrganisationKind.OTHER, name=ORDER[0], slug="forsta", parent=network
    )
    longer = 10 ** len(str(first.pk))
    second = Organisation.objects.create(
        pk=longer,
        kind=OrganisationKind.OTHER,
        name=ORDER[2],
        slug="andra",
        parent=network,
        path=child_path(network.path, longer),
        depth=1,
    )
    below_first = org_services.organisation_create(
        actor=None, kind=OrganisationKind.OTHER, name=ORDER[1], slug="undergrupp", parent=first
    )
    return {"network": network, "first": first, "second": second, "below_first": below_first}


def participants(tree: dict[str, Organisation]) -> list[Organisation]:
    return [tree["second"], tree["below_first"], tree["first"]]


def test_a_reporting_rounds_submissions_come_in_tree_order(tree):
    # when
    reporting_round = reporting_services.round_open(
        actor=None,
        organisation=tree["network"],
        title="Rapportering 2024",
        period="2024",
        deadline=datetime.date(2025, 1, 31),
        participants=participants(tree),
    )

    # then
    assert [s.organisation.name for s in reporting_round.submissions.all()] == ORDER
    assert [
        s.organisation.name for s in reporting_round.submissions.order_by("organisation__path")
    ] == ORDER


def test_the_goal_overview_lists_the_organisations_in_tree_order(tree):
    # given
    for organisation in participants(tree):
        goal_services.goal_create(
            actor=None, organisation=organisation, text=f"Mål {organisation.pk}", start_year=2024
        )

    # when
    found = goal_selectors.overview(organisation=tree["network"], period="2024", year=2024)

    # then
    assert [o.organisation.name for o in found.organisations] == ORDER


def test_a_surveys_responses_come_in_tree_order(tree):
    # given
    survey = survey_services.survey_create(
        actor=None, organisation=tree["network"], title="Enkät", year=2024
    )
    section = survey_services.section_create(actor=None, survey=survey, title="Del 1")
    survey_services.question_create(actor=None, section=section, kind="text", text="Hur?")

    # when
    survey_services.survey_send(
        actor=None,
        survey=survey,
        participants=participants(tree),
        deadline=datetime.date(2025, 1, 31),
    )

    # then
    assert [r.organisation.name for r in survey.responses.all()] == ORDER
    progress = survey_selectors.survey_progress(survey=survey)
    assert [r.organisation.name for r in progress.responses] == ORDER
