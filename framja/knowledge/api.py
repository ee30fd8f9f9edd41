"""API for the knowledge bank: good examples, events and the search over everything."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from framja.api.api import LOGGED_IN, TokenAuth
from framja.knowledge import search, selectors
from framja.knowledge.models import DocumentKind, Event, GoodExample
from framja.organisations.selectors import organisation_get

examples_router = Router(tags=["goda exempel"])
events_router = Router(tags=["evenemang"])
search_router = Router(tags=["sök"])
OPTIONAL_LOGIN = [TokenAuth(), *LOGGED_IN[1:], lambda request: True]


class GoodExampleOut(Schema):
    id: int
    title: str
    summary: str
    description: str
    organisation: str = Field(..., alias="organisation.slug")
    partners: list[str]
    county: str | None
    target_groups: str
    target_areas: list[int]
    keywords: str
    links: list[str] = Field(..., alias="link_list")
    contact_name: str
    contact_email: str
    start: datetime.date | None
    end: datetime.date | None
    status: str
    status_label: str = Field(..., alias="get_status_display")
    attachments: list[str]
    example: bool
    url: str = Field(..., alias="get_absolute_url")

    @staticmethod
    def resolve_partners(obj: GoodExample) -> list[str]:
        return [p.slug for p in obj.partners.all()]

    @staticmethod
    def resolve_county(obj: GoodExample) -> str | None:
        return obj.county.slug if obj.county else None

    @staticmethod
    def resolve_target_areas(obj: GoodExample) -> list[int]:
        return [a.number for a in obj.target_areas.all()]

    @staticmethod
    def resolve_attachments(obj: GoodExample) -> list[str]:
        return [a.get_absolute_url() for a in obj.attachments.all()]


class EventOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str = Field(..., alias="get_kind_display")
    organisation: str = Field(..., alias="organisation.slug")
    organiser_text: str
    start: datetime.datetime
    end: datetime.datetime | None
    location: str
    link: str
    description: str
    example: bool
    url: str = Field(..., alias="get_absolute_url")


class HitOut(Schema):
    kind: str
    id: int
    title: str
    title_html: str
    snippet_html: str
    url: str
    organisation_id: int | None
    year: int | None


class SearchOut(Schema):
    query: str
    terms: list[str]
    total: int
    capped: bool = Field(..., description="Fler träffar finns än total; de räknas inte alla.")
    ranked: bool = Field(..., description="Falskt om orden är så vanliga att nyaste visas först.")
    by_kind: dict[str, int]
    page: int
    pages: int
    hits: list[HitOut]


class SimilarOut(Schema):
    kind: str
    id: int
    title: str
    url: str
    score: float


@examples_router.get(
    "/",
    response=list[GoodExampleOut],
    auth=OPTIONAL_LOGIN,
    summary="Lista goda exempel",
    description="Valfritt för ett län (regionens kortadress) och ett målområde (nummer 1–8).",
)
@paginate(LimitOffsetPagination)
def list_examples(
    request: HttpRequest, county: str | None = None, target_area: int | None = None
) -> list[GoodExample]:
    county_id = organisation_get(slug=county).pk if county else None
    queryset = selectors.example_list(county_id=county_id).prefetch_related(
        "partners", "target_areas", "attachments"
    )
    if target_area is not None:
        queryset = queryset.filter(target_areas__number=target_area)
    return queryset  # type: ignore[return-value]


@examples_router.get(
    "/{example_id}", response=GoodExampleOut, auth=OPTIONAL_LOGIN, summary="Hämta ett gott exempel"
)
def get_example(request: HttpRequest, example_id: int) -> GoodExample:
    return selectors.example_get(pk=example_id)


@examples_router.get(
    "/{example_id}/similar",
    response=list[SimilarOut],
    auth=OPTIONAL_LOGIN,
    summary="Liknande arbete på andra håll",
    description="Rader och goda exempel hos andra organisationer, mest lika först.",
)
def similar_to_example(request: HttpRequest, example_id: int) -> list[dict[str, object]]:
    example = selectors.example_get(pk=example_id)
    return _similar(request, DocumentKind.EXAMPLE, example.pk)


def _similar(request: HttpRequest, kind: str, object_id: int) -> list[dict[str, object]]:
    return [
        {
            "kind": d.kind,
            "id": d.object_id,
            "title": d.title,
            "url": d.url,
            "score": round(score, 4),
        }
        for d, score in search.similar(user=request.user, kind=kind, object_id=object_id)
    ]


@events_router.get(
    "/",
    response=list[EventOut],
    auth=OPTIONAL_LOGIN,
    summary="Lista evenemang",
    description="Kommande evenemang, eller tidigare med past=true.",
)
@paginate(LimitOffsetPagination)
def list_events(request: HttpRequest, past: bool = False) -> list[Event]:
    return selectors.event_list(past=past)  # type: ignore[return-value]


@events_router.get(
    "/{event_id}", response=EventOut, auth=OPTIONAL_LOGIN, summary="Hämta ett evenemang"
)
def get_event(request: HttpRequest, event_id: int) -> Event:
    return selectors.event_get(pk=event_id)


class SearchQuery(Schema):
    q: str
    kind: list[DocumentKind] = Field(default_factory=list)
    organisation: str | None = None
    county: str | None = None
    year: int | None = None
    target_area: int | None = None
    page: int = 1


@search_router.get(
    "/",
    response=SearchOut,
    auth=OPTIONAL_LOGIN,
    summary="Sök",
    description=(
        "Sök i handlingsplaner, rader, aktiviteter, mål, goda exempel, evenemang och "
        "organisationer med svensk ordstamning. Bara det du får se. Filter: typ (kind, flera "
        "går bra), organisation och län (kortadress), år och målområde (nummer 1–8). "
        "title_html och snippet_html är escapad HTML med träffarna i <mark>."
    ),
)
def search_all(request: HttpRequest, params: Query[SearchQuery]) -> dict[str, object]:
    area_id = None
    if params.target_area is not None:
        area = selectors.target_areas().filter(number=params.target_area).first()
        if area is None:
            raise HttpError(422, "Okänt målområde.")
        area_id = area.pk
    filters = search.Filters(
        kinds=[str(k) for k in params.kind],
        organisation_id=organisation_get(slug=params.organisation).pk
        if params.organisation
        else None,
        county_id=organisation_get(slug=params.county).pk if params.county else None,
        year=params.year,
        target_area_id=area_id,
    )
    results = search.search(user=request.user, query=params.q, filters=filters, page=params.page)
    return {
        "query": results.query,
        "terms": results.terms,
        "total": results.total,
        "capped": results.capped,
        "ranked": results.ranked,
        "by_kind": results.by_kind,
        "page": results.page,
        "pages": results.pages,
        "hits": [
            {
                "kind": hit.document.kind,
                "id": hit.document.object_id,
                "title": hit.document.title,
                "title_html": str(hit.title),
                "snippet_html": str(hit.snippet),
                "url": hit.document.url,
                "organisation_id": hit.document.organisation_id,
                "year": hit.document.year_from,
            }
            for hit in results.hits
        ],
    }


@search_router.get(
    "/similar/rows/{row_id}",
    response=list[SimilarOut],
    auth=OPTIONAL_LOGIN,
    summary="Liknande arbete på andra håll för en rad i en handlingsplan",
)
def similar_to_row(request: HttpRequest, row_id: int) -> list[dict[str, object]]:
    try:
        row, _plan = selectors.row_get_for_user(user=request.user, pk=row_id)
    except (Http404, PermissionDenied):
        raise HttpError(404, "Raden finns inte, eller så får du inte se den.") from None
    return _similar(request, DocumentKind.ROW, row.pk)
