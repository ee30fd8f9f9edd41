"""The annual report's sections follow the organisation tree, whatever the ids' lengths."""

from framja.goals import services as goal_services
from framja.organisations import services as org_services
from framja.organisations.models import Organisation, OrganisationKind, child_path
from framja.reporting.documents import annual_report_document


def test_the_sections_come_in_the_order_the_organisations_were_made(world):
    # given a network with two groups, the second with an id one digit longer than the first
    network = org_services.organisation_create(
        actor=None, kind=OrganisationKind.NETWORK, name="Nätverket", slug="natverket"
    )
    first = org_services.organisation_create(
        actor=None,
        kind=OrganisationKind.OTHER,
        name="Första gruppen",
        slug="forsta",
        parent=network,
    )
    longer = 10 ** len(str(first.pk))  # e.g. 1000 after 320: "1000" sorts before "320" as text
    second = Organisation.objects.create(
        pk=longer,
        kind=OrganisationKind.OTHER,
        name="Andra gruppen",
        slug="andra",
        parent=network,
        path=child_path(network.path, longer),
        depth=network.depth + 1,
    )
    for group in (first, second):
        goal_services.goal_create(
            actor=None, organisation=group, text=f"Mål för {group.name}", start_year=2024
        )

    # when
    document = annual_report_document(organisation=network, year=2024)

    # then: by the order they were made, not by the paths as text
    assert [section.heading for section in document.sections] == [
        "Första gruppen",
        "Andra gruppen",
    ]
