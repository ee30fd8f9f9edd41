"""Reads of indicators and their values. Everyone logged in may read them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Min, Q, QuerySet
from django.http import Http404

from framja.core.models import AuditEvent
from framja.indicators.keys import normalise_place
from framja.indicators.models import DataSource, ImportJob, Indicator, IndicatorValue, Place
from framja.indicators.services import may_manage_indicators

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from framja.accounts.models import User

LATEST_LIMIT = 400


def data_source_list() -> QuerySet[DataSource]:
    return DataSource.objects.order_by("name")


def data_source_get(*, pk: int) -> DataSource:
    try:
        return DataSource.objects.get(pk=pk)
    except DataSource.DoesNotExist:
        raise Http404 from None


def indicator_list(*, source: DataSource | None = None) -> QuerySet[Indicator]:
    queryset = Indicator.objects.select_related("source").order_by("name", "id")
    if source is not None:
        queryset = queryset.filter(source=source)
    return queryset


def indicator_get(*, code: str) -> Indicator:
    try:
        return Indicator.objects.select_related("source").get(code=code)
    except Indicator.DoesNotExist:
        raise Http404 from None


@dataclass
class ValueSummary:
    """How many values an indicator has, over which periods, and the latest period's."""

    count: int
    first_period: str | None
    last_period: str | None
    latest: list[IndicatorValue]


def indicator_value_summary(*, indicator: Indicator) -> ValueSummary:
    """Return the summary in two queries, whatever the number of values."""
    values = IndicatorValue.objects.filter(indicator=indicator)
    totals = values.aggregate(count=Count("period"), first=Min("period"), last=Max("period"))
    latest: list[IndicatorValue] = []
    if totals["last"] is not None:
        latest = list(
            values.filter(period=totals["last"])
            .select_related("place")
            .order_by("place__code", "sex")[:LATEST_LIMIT]
        )
    return ValueSummary(
        count=totals["count"],
        first_period=totals["first"],
        last_period=totals["last"],
        latest=latest,
    )


def indicator_history(*, indicator: Indicator) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            object_type=Indicator._meta.label_lower, object_id=str(indicator.pk)
        ).order_by("-created_at", "-id")[:50]
    )


def place_for_key(*, key: str) -> Place | None:
    """Return the place a code ("0580", "580", "0000") or an organisation slug names."""
    return (
        Place.objects.filter(Q(code=normalise_place(key)) | Q(organisation__slug=key.strip()))
        .order_by("code")
        .first()
    )


def value_filter(
    *,
    indicator: str | None = None,
    place: str | None = None,
    period: str | None = None,
    sex: str | None = None,
) -> QuerySet[IndicatorValue]:
    """Return values matching the filters (indicator code, place code or slug, period, sex)."""
    queryset = IndicatorValue.objects.select_related("indicator", "place").order_by(
        "indicator_id", "place_id", "period", "sex"
    )
    if indicator:
        queryset = queryset.filter(indicator__code=indicator)
    if place:
        found = place_for_key(key=place)
        queryset = queryset.filter(place=found) if found else queryset.none()
    if period:
        queryset = queryset.filter(period=period.strip().upper())
    if sex:
        queryset = queryset.filter(sex=sex.strip().upper())
    return queryset


def import_job_list(*, user: User) -> list[ImportJob]:
    if not may_manage_indicators(user):
        raise PermissionDenied
    return list(ImportJob.objects.select_related("created_by").order_by("-created_at")[:20])


def import_job_get(*, user: User | AnonymousUser, pk: int) -> ImportJob:
    """Return the job for a catalogue administrator (they may all follow every import)."""
    if not may_manage_indicators(user):
        raise PermissionDenied
    try:
        return ImportJob.objects.select_related("created_by").get(pk=pk)
    except ImportJob.DoesNotExist:
        raise Http404 from None
