"""API for action plans: read for whoever may see them, statuses written by editors."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from framja.api.api import LOGGED_IN, TokenAuth
from framja.api.pagination import PageRead, Pagination
from framja.catalog.models import NationalEffortArea, PatientPromise, PublicHealthTargetArea
from framja.organisations.selectors import organisation_with_rights
from framja.plans import selectors, services
from framja.plans.models import Activity, Plan, PlanRow, Rating, StatusEntry

router = Router(tags=["handlingsplaner"])
OPTIONAL_LOGIN = [TokenAuth(), *LOGGED_IN[1:], lambda request: True]


class PlanOut(Schema):
    id: int
    organisation: str = Field(..., alias="organisation.slug")
    year: int
    title: str
    state: str
    state_label: str = Field(..., alias="get_state_display")
    published: bool
    version: str
    document_name: str
    document_owner: str
    adopted_date: datetime.date | None
    valid_until: datetime.date | None
    example: bool
    url: str = Field(..., alias="get_absolute_url")


class StatusOut(Schema):
    date: datetime.date
    rating: str
    rating_label: str = Field(..., alias="get_rating_display")
    comment: str


class ActivityOut(Schema):
    id: int
    text: str
    responsible: str
    whole_year: bool
    start: datetime.date | None
    end: datetime.date | None
    done: bool
    late: bool


class RowOut(Schema):
    id: int
    title: str
    description: str
    effort_area: str | None
    patient_promises: list[str]
    target_areas: list[int]
    follow_up: str
    activities: list[ActivityOut]
    status: StatusOut | None
    statuses: list[StatusOut]


class PlanDetailOut(PlanOut):
    rows: list[RowOut] = Field(..., alias="api_rows")


class StatusIn(Schema):
    rating: Rating
    date: datetime.date | None = None
    comment: str = ""


def _plan(request: HttpRequest, plan_id: int) -> Plan:
    try:
        return selectors.plan_get_for_user(user=request.user, pk=plan_id)
    except PermissionDenied:
        raise HttpError(404, "Planen finns inte, eller så får du inte se den.") from None


@router.get(
    "/",
    response=list[PlanOut],
    auth=OPTIONAL_LOGIN,
    summary="Lista handlingsplaner",
    description="Planer du får se, valfritt för en organisation (kortadress) och ett år.",
)
@paginate(Pagination)
def list_plans(
    request: HttpRequest, organisation: str | None = None, year: int | None = None
) -> PageRead:
    user = request.user
    chosen = organisation_with_rights(user=user, slug=organisation)
    return PageRead(
        lambda offset, limit: selectors.plans_page_for_user(
            user=user, organisation=chosen, year=year or None, offset=offset, limit=limit
        )
    )


@router.get(
    "/{plan_id}",
    response=PlanDetailOut,
    auth=OPTIONAL_LOGIN,
    summary="Hämta en handlingsplan med rader, aktiviteter och status",
)
def get_plan(request: HttpRequest, plan_id: int) -> Plan:
    plan = _plan(request, plan_id)
    view = selectors.plan_view(plan=plan)
    rows = [
        {
            "id": item.row.pk,
            "title": item.row.title,
            "description": item.row.description,
            "effort_area": item.row.effort_area,
            "patient_promises": [p.text for p in item.promises],
            "target_areas": [a.number for a in item.areas],
            "follow_up": item.row.follow_up,
            "activities": [
                {
                    "id": a.pk,
                    "text": a.text,
                    "responsible": a.responsible,
                    "whole_year": a.whole_year,
                    "start": a.start,
                    "end": a.end,
                    "done": a.done,
                    "late": a in item.late,
                }
                for a in item.activities
            ],
            "status": item.current,
            "statuses": item.statuses,
        }
        for item in view.rows
    ]
    plan.api_rows = rows  # type: ignore[attr-defined]
    return plan


@router.post(
    "/rows/{row_id}/statuses",
    response={201: StatusOut},
    auth=LOGGED_IN,
    summary="Sätt status på en rad (redaktör)",
)
def add_status(request: HttpRequest, row_id: int, payload: StatusIn) -> Status[StatusEntry]:
    try:
        row = selectors.row_get_for_editor(user=request.user, pk=row_id, follow_up=True)
    except PermissionDenied:
        raise HttpError(403, "Du får inte följa upp den här planen.") from None
    entry = services.status_add(
        actor=request.user,  # type: ignore[arg-type]
        row=row,
        rating=payload.rating,
        comment=payload.comment,
        date=payload.date,
    )
    return Status(201, entry)


class RowIn(Schema):
    title: str
    description: str = ""
    effort_area_id: int | None = None
    effort_area_note: str = ""
    patient_promise_ids: list[int] = []
    target_area_numbers: list[int] = []
    follow_up: str = ""


class ActivityIn(Schema):
    text: str
    responsible: str = ""
    whole_year: bool = False
    start: datetime.date | None = None
    end: datetime.date | None = None


class CreatedOut(Schema):
    id: int


def _editable_plan(request: HttpRequest, plan_id: int) -> Plan:
    try:
        return selectors.plan_get_for_editor(user=request.user, pk=plan_id)
    except PermissionDenied:
        raise HttpError(403, "Du får inte ändra den här planen.") from None


def _validation(error: ValidationError) -> HttpError:
    return HttpError(422, " ".join(error.messages))


@router.post(
    "/{plan_id}/rows",
    response={201: CreatedOut},
    auth=LOGGED_IN,
    summary="Lägg till en rad (redaktör, bara i utkast)",
)
def add_row(request: HttpRequest, plan_id: int, payload: RowIn) -> Status[PlanRow]:
    plan = _editable_plan(request, plan_id)
    promises = list(PatientPromise.objects.filter(pk__in=payload.patient_promise_ids))
    if len(promises) != len(set(payload.patient_promise_ids)):
        raise HttpError(422, "Okänt patientlöfte i patient_promise_ids.")
    areas = list(PublicHealthTargetArea.objects.filter(number__in=payload.target_area_numbers))
    effort = None
    if payload.effort_area_id is not None:
        effort = NationalEffortArea.objects.filter(pk=payload.effort_area_id).first()
        if effort is None:
            raise HttpError(422, "Okänt insatsområde i effort_area_id.")
    try:
        row = services.row_create(
            actor=request.user,  # type: ignore[arg-type]
            plan=plan,
            title=payload.title,
            description=payload.description,
            effort_area=effort,
            effort_area_note=payload.effort_area_note,
            follow_up=payload.follow_up,
            patient_promises=promises,
            target_areas=areas,
        )
    except ValidationError as error:
        raise _validation(error) from None
    return Status(201, row)


@router.post(
    "/rows/{row_id}/activities",
    response={201: CreatedOut},
    auth=LOGGED_IN,
    summary="Lägg till en aktivitet (redaktör, bara i utkast)",
)
def add_activity(request: HttpRequest, row_id: int, payload: ActivityIn) -> Status[Activity]:
    try:
        row = selectors.row_get_for_editor(user=request.user, pk=row_id)
    except PermissionDenied:
        raise HttpError(403, "Du får inte ändra den här planen.") from None
    try:
        activity = services.activity_create(
            actor=request.user,  # type: ignore[arg-type]
            row=row,
            **payload.model_dump(),
        )
    except ValidationError as error:
        raise _validation(error) from None
    return Status(201, activity)
