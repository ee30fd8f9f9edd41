"""/halsa/: the database and the task queue, for a monitor, without login."""

import pytest
from django.db import OperationalError
from django.test import Client

from framja.core import health
from framja.indicators.tasks import run_import_job

pytestmark = pytest.mark.django_db


def test_it_answers_without_login_with_the_database_and_an_empty_queue(settings):
    # given
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    # when
    response = Client().get("/halsa/")

    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert (body["status"], body["database"]) == ("ok", "ok")
    assert body["tasks"] == {
        "backend": "DatabaseBackend",
        "waiting": 0,
        "running": 0,
        "failed": 0,
        "oldest_waiting_seconds": None,
        "last_finished_seconds": None,
    }


def test_it_counts_the_work_waiting_for_the_worker(settings):
    # given two tasks queued and no worker running
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    run_import_job.enqueue(job_id=1)
    run_import_job.enqueue(job_id=2)

    # when
    tasks = Client().get("/halsa/").json()["tasks"]

    # then
    assert (tasks["waiting"], tasks["running"]) == (2, 0)
    assert tasks["oldest_waiting_seconds"] is not None
    assert tasks["oldest_waiting_seconds"] >= 0


def test_it_names_a_backend_without_a_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

    assert Client().get("/halsa/").json()["tasks"] == {"backend": "ImmediateBackend"}


def test_it_answers_503_when_the_database_does_not(monkeypatch):
    # given
    class Broken:
        vendor = "broken"

        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", Broken())

    # when
    response = Client().get("/halsa/")

    # then
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "error",
        "error": "OperationalError",
    }


def test_it_is_not_redirected_to_https(settings):
    # given the production redirect to HTTPS
    settings.SECURE_SSL_REDIRECT = True

    # when
    client = Client()
    health_response = client.get("/halsa/")
    home = client.get("/")

    # then
    assert health_response.status_code == 200
    assert home.status_code == 301
