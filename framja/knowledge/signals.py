"""Keep the search index in step with plans, goals and organisations.

The index is a derived copy, like a database index: the apps that own plans, goals and
organisations need not know it exists, so it follows their saves through model signals.
This app's own good examples and events are indexed explicitly by its services.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from framja.goals.models import Goal
from framja.knowledge import index
from framja.knowledge.models import DocumentKind
from framja.organisations.models import Organisation
from framja.plans.models import Activity, FocusArea, Plan, PlanRow, PlanSection

# Set while a bulk load runs: saves are not indexed one by one, the index is rebuilt after.
_deferred: ContextVar[bool] = ContextVar("framja_search_index_deferred", default=False)


@contextmanager
def indexing_deferred() -> Iterator[None]:
    """Skip indexing save by save inside the block, and rebuild the whole index after it.

    For loads that save thousands of objects (the demo): one rebuild in bulk costs a fraction
    of indexing each save. Use it inside the load's transaction, so that the rebuilt index
    commits or rolls back with the rows.
    """
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)
    index.rebuild()


def _later(function: Any, pk: int) -> None:
    # At once, inside the writer's transaction: the index commits or rolls back with it.
    if not _deferred.get():
        function(pk)


def _plan_saved(sender: Any, instance: Plan, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _later(index.index_plan, instance.pk)


def _plan_part_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _later(index.index_plan, instance.plan_id)


def _row_saved(sender: Any, instance: PlanRow, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _later(index.index_row, instance.pk)


def _row_areas_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action.startswith("post_") and isinstance(instance, PlanRow):
        _later(index.index_row, instance.pk)


def _activity_saved(sender: Any, instance: Activity, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _later(index.index_activity, instance.pk)


def _goal_saved(sender: Any, instance: Goal, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _later(index.index_goal, instance.pk)


def _organisation_saved(
    sender: Any, instance: Organisation, raw: bool = False, **kwargs: Any
) -> None:
    if not raw:
        _later(index.index_organisation, instance.pk)


_KINDS: dict[type, str] = {
    Plan: DocumentKind.PLAN,
    PlanRow: DocumentKind.ROW,
    Activity: DocumentKind.ACTIVITY,
    Goal: DocumentKind.GOAL,
    Organisation: DocumentKind.ORGANISATION,
}


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    if _deferred.get():
        return
    kind = _KINDS[sender]
    index.remove(kind=kind, object_ids=[instance.pk])


def connect() -> None:
    uid = "knowledge-index"
    post_save.connect(_plan_saved, sender=Plan, dispatch_uid=f"{uid}-plan")
    post_save.connect(_plan_part_saved, sender=PlanSection, dispatch_uid=f"{uid}-section")
    post_save.connect(_plan_part_saved, sender=FocusArea, dispatch_uid=f"{uid}-focus")
    post_save.connect(_row_saved, sender=PlanRow, dispatch_uid=f"{uid}-row")
    m2m_changed.connect(
        _row_areas_changed, sender=PlanRow.target_areas.through, dispatch_uid=f"{uid}-areas"
    )
    post_save.connect(_activity_saved, sender=Activity, dispatch_uid=f"{uid}-activity")
    post_save.connect(_goal_saved, sender=Goal, dispatch_uid=f"{uid}-goal")
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid=f"{uid}-org")
    for model in _KINDS:
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}-del-{model.__name__}")
