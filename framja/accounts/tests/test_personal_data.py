"""Personal data: a person downloads all of it; an administrator erases it.

After an erasure the name is gone from pages, the API, exports and the history, and every
history entry is still there.
"""

import datetime
import io
import json

import docx
import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from framja.accounts.models import APIToken, User
from framja.accounts.services import api_token_create
from framja.core.models import AuditEvent
from framja.organisations import services
from framja.organisations.models import AccessLevel, OrganisationAccess, Person, Role
from framja.plans import services as plan_services
from framja.reporting import services as reporting_services

NAME = "Greta Gustafsson"
EMAIL = "greta.gustafsson@example.org"
HSA_ID = "SE2321000016-GG01"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def greta(world):
    user = User.objects.create_user(EMAIL, "pw", full_name=NAME, hsa_id=HSA_ID)
    person = services.person_create(
        actor=world["alice"],
        name=NAME,
        email=EMAIL,
        title="Folkhälsostrateg",
        home_organisation=world["rpo"],
        user=user,
    )
    services.membership_start(
        actor=world["alice"],
        person=person,
        organisation=world["rpo"],
        role=Role.CHAIR,
        start=datetime.date(2024, 1, 1),
    )
    services.access_grant(
        actor=world["alice"], user=user, organisation=world["rpo"], level=AccessLevel.EDITOR
    )
    api_token_create(user=user, name="Skript")
    # Greta changes something herself, and is named by hand in a report and a plan.
    services.organisation_update(
        actor=user, organisation=world["rpo"], description="Ny beskrivning"
    )
    reporting_services.annual_report_save(
        actor=user,
        organisation=world["rpo"],
        year=2025,
        foreword="Förord",
        foreword_signed_by=f"{NAME}\nOla Ordförande",
    )
    plan = plan_services.plan_create(actor=user, organisation=world["rpo"], year=2025, title="HP")
    row = plan_services.row_create(actor=user, plan=plan, title="Rad")
    plan_services.activity_create(actor=user, row=row, text="Göra", responsible=NAME)
    return {"user": user, "person": person, "plan": plan}


def test_a_person_downloads_everything_held_about_them(greta):
    # when
    response = logged_in(greta["user"]).get(reverse("accounts:personal_data"))

    # then
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == EMAIL
    assert data["account"]["hsa_id"] == HSA_ID
    assert data["person"]["title"] == "Folkhälsostrateg"
    assert [m["role"] for m in data["memberships"]] == ["chair"]
    assert data["access"] == [{"organisation": "RPO Test", "level": "redaktör"}]
    assert [t["name"] for t in data["api_tokens"]] == ["Skript"]
    assert "key_hash" not in data["api_tokens"][0]
    kinds = {(e["object_type"], e["by"]) for e in data["history"]}
    assert ("organisations.person", "Alice") in kinds
    assert ("organisations.organisation", NAME) in kinds


def test_the_download_holds_only_the_persons_own_data(greta, world):
    data = logged_in(world["bob"]).get(reverse("accounts:personal_data")).json()
    assert data["account"]["email"] == "bob@example.org"
    assert NAME not in json.dumps(data, ensure_ascii=False)


def test_an_erasure_removes_the_name_everywhere_and_keeps_the_history(greta, world):
    # given
    person, user = greta["person"], greta["user"]
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    mentioning = AuditEvent.objects.filter(actor=user).count()
    assert mentioning > 0

    # when
    response = logged_in(world["root"]).post(
        reverse("accounts:person_erase", kwargs={"pk": person.pk})
    )

    # then the history entries are all still there, plus one recording the erasure
    assert response.status_code == 302
    after = set(AuditEvent.objects.values_list("pk", flat=True))
    assert before <= after
    assert len(after - before) == 1
    assert AuditEvent.objects.filter(actor=user).count() == mentioning
    pseudonym = Person.objects.get(pk=person.pk).name
    assert pseudonym.startswith("Person ")

    # and the name, e-mail address and HSA-id are nowhere
    root = logged_in(world["root"])
    pages = [
        reverse("organisations:detail", kwargs={"slug": "rpo-test"}),
        reverse("organisations:person", kwargs={"pk": person.pk}),
        reverse("organisations:history", kwargs={"slug": "rpo-test"}),
        reverse("plans:list", kwargs={"slug": "rpo-test"}),
        reverse("reporting:annual_report", kwargs={"slug": "rpo-test", "year": 2025}),
        "/api/organisations/rpo-test/memberships",
    ]
    for url in pages:
        response = root.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for secret in (NAME, EMAIL, HSA_ID, "Greta"):
            assert secret not in text, (url, secret)
    history = root.get(pages[2]).content.decode()
    assert pseudonym in history
    export = root.get(
        reverse(
            "reporting:annual_report_export",
            kwargs={"slug": "rpo-test", "year": 2025, "fmt": "docx"},
        )
    )
    words = "\n".join(p.text for p in docx.Document(io.BytesIO(export.content)).paragraphs)
    assert "Ola Ordförande" in words
    assert NAME not in words
    plan_export = root.get(reverse("plans:export", kwargs={"pk": greta["plan"].pk, "fmt": "xlsx"}))
    cells = [
        str(cell)
        for sheet in openpyxl.load_workbook(io.BytesIO(plan_export.content)).worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    ]
    assert "Göra" in " ".join(cells)
    assert not [cell for cell in cells if "Greta" in cell]
    for event in AuditEvent.objects.all():
        stored = json.dumps(
            [event.actor_name, event.object_repr, event.changes], ensure_ascii=False
        )
        for secret in (NAME, EMAIL, HSA_ID):
            assert secret not in stored, event

    # and the account is closed
    user.refresh_from_db()
    assert not user.is_active
    assert not user.has_usable_password()
    assert user.hsa_id is None
    assert not OrganisationAccess.objects.filter(user=user).exists()
    assert not APIToken.objects.filter(user=user).exists()


def test_only_a_system_administrator_may_erase(greta, world):
    url = reverse("accounts:person_erase", kwargs={"pk": greta["person"].pk})
    assert logged_in(world["alice"]).post(url).status_code == 403
    assert Person.objects.get(pk=greta["person"].pk).name == NAME
