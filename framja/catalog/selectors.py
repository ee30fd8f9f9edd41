"""Reads of the catalogues. Catalogues are public."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404

from framja.catalog.models import (
    NationalEffortArea,
    PatientPromise,
    PublicHealthGoal,
    PublicHealthTargetArea,
)
from framja.core.models import AuditEvent

CATALOGUES: dict[str, type[Model]] = {
    "patientloften": PatientPromise,
    "malomraden": PublicHealthTargetArea,
    "insatsomraden": NationalEffortArea,
    "folkhalsomal": PublicHealthGoal,
}


def catalogue_model(*, kind: str) -> type[Model]:
    try:
        return CATALOGUES[kind]
    except KeyError:
        raise Http404 from None


def catalogue_entry_get(*, kind: str, pk: int) -> Model:
    model = catalogue_model(kind=kind)
    try:
        return model._default_manager.get(pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None


def patient_promise_list() -> QuerySet[PatientPromise]:
    return PatientPromise.objects.select_related("owner").order_by("owner__name", "order", "id")


def public_health_goal_list() -> QuerySet[PublicHealthGoal]:
    return PublicHealthGoal.objects.order_by("order", "id")


def target_area_list() -> QuerySet[PublicHealthTargetArea]:
    return PublicHealthTargetArea.objects.select_related("goal").order_by("order", "number", "id")


def effort_area_list() -> QuerySet[NationalEffortArea]:
    return NationalEffortArea.objects.select_related("parent").order_by("order", "id")


@dataclass
class Catalogues:
    goals: list[PublicHealthGoal]
    target_areas: list[PublicHealthTargetArea]
    effort_areas: list[NationalEffortArea]
    patient_promises: list[PatientPromise]


def catalogues_overview() -> Catalogues:
    return Catalogues(
        goals=list(public_health_goal_list()),
        target_areas=list(target_area_list()),
        effort_areas=list(effort_area_list()),
        patient_promises=list(patient_promise_list()),
    )


def catalogue_history(*, limit: int = 200) -> list[AuditEvent]:
    """Return the latest changes to any catalogue."""
    return list(
        AuditEvent.objects.filter(object_type__startswith="catalog.").order_by(
            "-created_at", "-id"
        )[:limit]
    )
