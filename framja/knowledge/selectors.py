"""Reads of good examples and events. Both are open to everyone; their organisation's
editors change them."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from framja.catalog.models import PublicHealthTargetArea
from framja.knowledge.models import Attachment, Event, GoodExample
from framja.organisations.models import AccessLevel, Organisation, OrganisationKind
from framja.organisations.selectors import access_level
from framja.plans.models import Plan, PlanRow
from framja.plans.selectors import plan_get_for_user

if TYPE_CHECKING:
    from framja.organisations.selectors import AnyUser


def may_edit(*, user: AnyUser, organisation: Organisation) -> bool:
    return access_level(user=user, organisation=organisation) >= AccessLevel.EDITOR


def example_list(
    *, county_id: int | None = None, target_area_id: int | None = None
) -> QuerySet[GoodExample]:
    queryset = GoodExample.objects.select_related("organisation", "county").order_by("title", "id")
    if county_id is not None:
        queryset = queryset.filter(
            Q(county_id=county_id)
            | Q(county__isnull=True, organisation__county_id=county_id)
            | Q(county__isnull=True, organisation_id=county_id)
        )
    if target_area_id is not None:
        queryset = queryset.filter(target_areas__id=target_area_id)
    return queryset


def example_get(*, pk: int) -> GoodExample:
    try:
        return GoodExample.objects.select_related("organisation", "county").get(pk=pk)
    except GoodExample.DoesNotExist:
        raise Http404 from None


def example_get_for_editor(*, user: AnyUser, pk: int) -> GoodExample:
    example = example_get(pk=pk)
    if not may_edit(user=user, organisation=example.organisation):
        raise PermissionDenied
    return example


def attachment_get(*, pk: int) -> Attachment:
    try:
        return Attachment.objects.select_related("good_example", "good_example__organisation").get(
            pk=pk
        )
    except Attachment.DoesNotExist:
        raise Http404 from None


def attachment_get_for_editor(*, user: AnyUser, pk: int) -> Attachment:
    attachment = attachment_get(pk=pk)
    if not may_edit(user=user, organisation=attachment.good_example.organisation):
        raise PermissionDenied
    return attachment


def event_list(*, past: bool = False, now: datetime.datetime | None = None) -> QuerySet[Event]:
    now = now or timezone.now()
    queryset = Event.objects.select_related("organisation")
    if past:
        return queryset.filter(start__lt=now).order_by("-start", "-id")
    return queryset.filter(start__gte=now).order_by("start", "id")


def event_feed() -> QuerySet[Event]:
    """Return the events of the calendar feed: the last year's and every coming one."""
    since = timezone.now() - datetime.timedelta(days=365)
    return Event.objects.select_related("organisation").filter(start__gte=since).order_by("start")


def event_get(*, pk: int) -> Event:
    try:
        return Event.objects.select_related("organisation").get(pk=pk)
    except Event.DoesNotExist:
        raise Http404 from None


def event_get_for_editor(*, user: AnyUser, pk: int) -> Event:
    event = event_get(pk=pk)
    if not may_edit(user=user, organisation=event.organisation):
        raise PermissionDenied
    return event


def row_get_for_user(*, user: AnyUser, pk: int) -> tuple[PlanRow, Plan]:
    """Return a plan row and its plan if the user may see the plan; 404 or 403 otherwise."""
    row = PlanRow.objects.filter(pk=pk).only("id", "plan_id", "title").first()
    if row is None:
        raise Http404
    return row, plan_get_for_user(user=user, pk=row.plan_id)


def counties() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.REGION).order_by("name")


def target_areas() -> QuerySet[PublicHealthTargetArea]:
    return PublicHealthTargetArea.objects.order_by("number")
