"""The health check: is the database there, and is the queue of background work moving?"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Max, Min
from django.http import HttpRequest, JsonResponse
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult


def _seconds_since(moment: datetime.datetime | None, now: datetime.datetime) -> int | None:
    return None if moment is None else max(0, int((now - moment).total_seconds()))


def _tasks(now: datetime.datetime) -> dict[str, Any]:
    backend = settings.TASKS["default"]["BACKEND"]
    result: dict[str, Any] = {"backend": backend.rsplit(".", 1)[-1]}
    if backend != "django_tasks_db.DatabaseBackend":
        return result
    results = DBTaskResult.objects.order_by()
    waiting = results.filter(status=TaskResultStatus.READY).aggregate(oldest=Min("enqueued_at"))
    finished = results.filter(finished_at__isnull=False).aggregate(last=Max("finished_at"))
    result.update(
        waiting=results.filter(status=TaskResultStatus.READY).count(),
        running=results.filter(status=TaskResultStatus.RUNNING).count(),
        failed=results.filter(status=TaskResultStatus.FAILED).count(),
        oldest_waiting_seconds=_seconds_since(waiting["oldest"], now),
        last_finished_seconds=_seconds_since(finished["last"], now),
    )
    return result


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Answer 200 with the state of the database and the task queue, or 503 if the database
    does not answer. No login: a load balancer or a monitor calls it."""
    now = timezone.now()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        tasks = _tasks(now)
    except DatabaseError as error:
        return JsonResponse(
            {"status": "error", "database": "error", "error": error.__class__.__name__},
            status=503,
        )
    return JsonResponse(
        {
            "status": "ok",
            "database": "ok",
            "database_vendor": connection.vendor,
            "time": now.isoformat(),
            "tasks": tasks,
        }
    )
