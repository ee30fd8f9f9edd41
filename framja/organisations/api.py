"""API for organisations (public) and memberships (logged-in users)."""

import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from framja.api.api import LOGGED_IN
from framja.api.pagination import Pagination
from framja.organisations import selectors
from framja.organisations.models import Membership, Organisation, OrganisationKind

router = Router(tags=["organisationer"])


class OrganisationOut(Schema):
    id: int
    slug: str
    name: str
    short_name: str
    kind: str
    kind_label: str = Field(..., alias="get_kind_display")
    code: str
    parent: str | None = Field(None, alias="parent.slug")
    county: str | None = Field(None, alias="county.slug")
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    url: str = Field(..., alias="get_absolute_url")


class PersonRef(Schema):
    id: int
    name: str


class MembershipOut(Schema):
    id: int
    person: PersonRef
    organisation: str = Field(..., alias="organisation.slug")
    role: str
    role_label: str = Field(..., alias="get_role_display")
    representing: str | None = Field(None, alias="representing.slug")
    start: datetime.date
    end: datetime.date | None


@router.get(
    "/",
    response=list[OrganisationOut],
    auth=None,
    summary="Lista organisationer",
    description="Organisationer, valfritt av en typ (kind) eller direkt under en annan (parent).",
)
@paginate(Pagination)
def list_organisations(
    request: HttpRequest, kind: OrganisationKind | None = None, parent: str | None = None
) -> list[Organisation]:
    """Return organisations, optionally of one kind or directly under a parent (slug)."""
    return selectors.organisation_list_public(kind=kind, parent=parent)  # type: ignore[return-value]


@router.get("/{slug}", response=OrganisationOut, auth=None, summary="Hämta en organisation")
def get_organisation(request: HttpRequest, slug: str) -> Organisation:
    return selectors.organisation_get(slug=slug)


@router.get(
    "/{slug}/memberships",
    response=list[MembershipOut],
    auth=LOGGED_IN,
    summary="Uppdrag i en organisation (inloggad)",
    description="Alla uppdrag i organisationen, nuvarande och tidigare, med period och roll.",
)
def list_memberships(request: HttpRequest, slug: str) -> list[Membership]:
    """Return every membership, current and past, of the organisation."""
    organisation = selectors.organisation_get(slug=slug)
    return list(selectors.membership_list(organisation=organisation))
