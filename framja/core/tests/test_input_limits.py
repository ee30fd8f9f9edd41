"""Input no database can take is refused up front, not a server error (found by Schemathesis)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client, RequestFactory

from framja.core.middleware import InputLimitsMiddleware

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/organisationer/?q=a%00b", "/api/organisations/?x%00=1", "/api/plans/?organisation=%00"],
)
def test_a_nul_in_the_query_string_is_a_bad_request(url):
    assert Client().get(url).status_code == 400


def test_an_offset_too_large_for_the_database_is_refused_by_the_schema():
    response = Client().get("/api/organisations/?offset=56693872600472015077376")

    assert response.status_code == 422


def test_the_largest_offset_gives_an_empty_page():
    response = Client().get("/api/organisations/?offset=2147483647")

    assert response.status_code == 200
    assert response.json()["items"] == []


def test_an_id_too_large_for_sqlite_is_not_found(world):
    client = Client()
    client.force_login(world["alice"])

    response = client.get("/api/plans/99999999999999999999999")

    assert response.status_code == 404


def test_a_number_too_large_for_sqlite_is_not_found():
    # given a request whose lookup overflowed in the database driver
    request = RequestFactory().get("/planer/99999999999999999999999/")
    request.user = AnonymousUser()
    middleware = InputLimitsMiddleware(lambda request: HttpResponse())

    # when
    response = middleware.process_exception(request, OverflowError("int too large"))
    other = middleware.process_exception(request, ValueError("something else"))

    # then
    assert response is not None
    assert response.status_code == 404
    assert other is None
