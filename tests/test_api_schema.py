"""Schemathesis over /api/openapi.json: generated requests to every operation, through the
Django application in this process (WSGI, no network), with a bounded number of examples.

Every response must be a documented, well-formed answer: no server error, and a body that
matches the schema the API itself publishes.
"""

import datetime
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from config.wsgi import application
from framja.accounts.services import api_token_create
from framja.goals.services import goal_create
from framja.plans import services as plans
from framja.plans.models import Rating

pytestmark = pytest.mark.django_db
# Examples per operation; FRAMJA_API_EXAMPLES=200 for a deeper run by hand.
EXAMPLES = int(os.environ.get("FRAMJA_API_EXAMPLES", "15"))
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


# Read through the application at collection; the schema itself needs no database.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def api_key(world):
    """Some data behind the API, and a key of alice's (administrator of RPO Test)."""
    # The test runs in one transaction; a request through the WSGI handler must not close
    # the connection at its end (Django's test client does the same).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    plan = plans.plan_create(actor=None, organisation=world["rpo"], year=2024, title="HP 2024")
    row = plans.row_create(actor=None, plan=plan, title="Hälsosamtal")
    plans.status_add(
        actor=None, row=row, rating=Rating.ON_TRACK, comment="", date=datetime.date(2024, 6, 1)
    )
    goal_create(actor=None, organisation=world["rpo"], text="Fler samtal", start_year=2024)
    _token, key = api_token_create(user=world["alice"], name="schemathesis")
    yield key
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_as_its_schema_says(case, api_key):
    case.call_and_validate(headers={"Authorization": f"Bearer {api_key}"}, checks=CHECKS)
