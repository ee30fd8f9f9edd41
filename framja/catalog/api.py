"""API for the catalogues (public)."""

import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema

from framja.catalog import selectors
from framja.catalog.models import (
    NationalEffortArea,
    PatientPromise,
    PublicHealthGoal,
    PublicHealthTargetArea,
)

router = Router(tags=["kataloger"], auth=None)


class Validity(Schema):
    order: int
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class PatientPromiseOut(Validity):
    id: int
    owner: str = Field(..., alias="owner.slug")
    text: str


class PublicHealthGoalOut(Validity):
    id: int
    text: str


class TargetAreaOut(Validity):
    id: int
    goal_id: int
    number: int
    name: str
    description: str


class EffortAreaOut(Validity):
    id: int
    name: str
    description: str
    parent_id: int | None


@router.get("/patient-promises", response=list[PatientPromiseOut], summary="Patientlöften")
def patient_promises(request: HttpRequest) -> list[PatientPromise]:
    return list(selectors.patient_promise_list())


@router.get("/public-health-goals", response=list[PublicHealthGoalOut], summary="Folkhälsomål")
def public_health_goals(request: HttpRequest) -> list[PublicHealthGoal]:
    return list(selectors.public_health_goal_list())


@router.get(
    "/public-health-target-areas", response=list[TargetAreaOut], summary="Folkhälsans målområden"
)
def target_areas(request: HttpRequest) -> list[PublicHealthTargetArea]:
    return list(selectors.target_area_list())


@router.get(
    "/national-effort-areas", response=list[EffortAreaOut], summary="Nationella insatsområden"
)
def effort_areas(request: HttpRequest) -> list[NationalEffortArea]:
    return list(selectors.effort_area_list())
