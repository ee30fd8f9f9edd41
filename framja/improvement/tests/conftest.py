import pytest

from framja.improvement import services
from framja.organisations import services as org_services
from framja.organisations.models import AccessLevel, Organisation, OrganisationKind


@pytest.fixture
def subregion(world):
    """RPO Test stands in for a sub-region: a DOT, a DST and two local collaborations."""
    rpo = world["rpo"]

    def child(kind: OrganisationKind, name: str, slug: str) -> Organisation:
        return org_services.organisation_create(
            actor=None, kind=kind, name=name, slug=slug, parent=rpo
        )

    local = child(OrganisationKind.LOCAL_COLLABORATION, "Lokal samverkan A", "lokal-a")
    # Alice administers RPO Test and so everything below it; Bob edits and Rita reads A.
    org_services.access_grant(
        actor=None, user=world["bob"], organisation=local, level=AccessLevel.EDITOR
    )
    org_services.access_grant(
        actor=None, user=world["rita"], organisation=local, level=AccessLevel.READER
    )
    return {
        **world,
        "dot": child(OrganisationKind.OPERATIVE_GROUP, "DOT Test", "dot-test"),
        "dst": child(OrganisationKind.STEERING_GROUP, "DST Test", "dst-test"),
        "local": local,
        "local_b": child(OrganisationKind.LOCAL_COLLABORATION, "Lokal samverkan B", "lokal-b"),
    }


@pytest.fixture
def cycle(subregion):
    return services.cycle_create(
        actor=subregion["bob"],
        organisation=subregion["local"],
        title="Hälsofrämjande i lokal samverkan A",
        inventory_year=2026,
        inventory_week=10,
        participants="Kommunens MAS, vårdcentralens chef",
    )
