"""Shared fixtures. Three users in the Healthchecks manner, plus the other roles:

alice administers RPO Test (and so its RAG), bob edits it, rita reads it, and charlie is
logged in but has no right in it at all. root is a system administrator.
"""

import pytest

from framja.accounts.models import User
from framja.organisations import services
from framja.organisations.models import AccessLevel, Organisation, OrganisationKind

PASSWORD = "correct horse battery staple"


@pytest.fixture
def world(db):
    rpo = services.organisation_create(
        actor=None, kind=OrganisationKind.RPO, name="RPO Test", short_name="Test", slug="rpo-test"
    )
    rag = services.organisation_create(
        actor=None, kind=OrganisationKind.RAG, name="RAG Test", slug="rag-test", parent=rpo
    )
    other = services.organisation_create(
        actor=None, kind=OrganisationKind.RPO, name="RPO Annan", slug="rpo-annan"
    )
    users = {
        name: User.objects.create_user(f"{name}@example.org", PASSWORD, full_name=name.title())
        for name in ("alice", "bob", "rita", "charlie")
    }
    users["root"] = User.objects.create_superuser("root@example.org", PASSWORD, full_name="Root")
    services.access_grant(
        actor=None, user=users["alice"], organisation=rpo, level=AccessLevel.ADMIN
    )
    services.access_grant(actor=None, user=users["bob"], organisation=rpo, level=AccessLevel.EDITOR)
    services.access_grant(
        actor=None, user=users["rita"], organisation=rpo, level=AccessLevel.READER
    )
    services.access_grant(
        actor=None, user=users["charlie"], organisation=other, level=AccessLevel.ADMIN
    )
    return {"rpo": rpo, "rag": rag, "other": other, **users}


@pytest.fixture
def region(db) -> Organisation:
    return Organisation.objects.get(code="0005")


@pytest.fixture(autouse=True)
def _tasks_and_files(settings, tmp_path_factory):
    """Run background tasks at once, inside the test, and keep uploads out of var/."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _steady_sessions(settings):
    """Save a session's last-seen time only once an hour, as if the test ran at once.

    With the default minute, a test that sets up much data on a slow machine would see its
    next request write the session, and count queries that depend on the clock.
    """
    settings.SESSION_SEEN_RESOLUTION = 60 * 60


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Hash test passwords with a fast hasher; the real ones are slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Make sure the rows the data migrations load are there for every database test.

    Transactional tests (the browser tests) end with a flush that empties every table,
    including the regions, municipalities and target areas the migrations loaded; a
    database test that runs after them in the same worker gets them back here.
    """
    if "_django_db_helper" not in request.fixturenames:
        return
    request.getfixturevalue("_django_db_helper")
    from tests.reference import load_reference_data

    load_reference_data()
