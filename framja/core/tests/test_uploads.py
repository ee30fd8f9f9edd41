"""Uploads are limited by size and checked by content, not by the name's ending."""

import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from framja.accounts.models import User
from framja.indicators.models import ImportJob
from framja.plans.models import Plan

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)


def upload(name: str, data: bytes) -> io.BytesIO:
    file = io.BytesIO(data)
    file.name = name
    return file


def zipped(members: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return output.getvalue()


def xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["indikator", "plats", "period", "värde"])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


@pytest.fixture
def bob(world) -> Client:
    client = Client()
    client.force_login(world["bob"])
    return client


@pytest.fixture
def karin() -> Client:
    user = User.objects.create_user("karin@example.org", "x", is_catalogue_admin=True)
    client = Client()
    client.force_login(user)
    return client


def post_plan(client: Client, name: str, data: bytes) -> str:
    response = client.post(
        reverse("plans:import", kwargs={"slug": "rpo-test"}),
        {"file": upload(name, data), "year": "2024", "title": "X"},
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "data",
    [PNG, zipped({"xl/workbook.xml": b"<workbook/>"}), b"PK\x03\x04 trasig"],
    ids=["image", "excel-not-word", "broken-zip"],
)
def test_a_plan_upload_that_is_not_word_inside_is_refused(bob, data):
    html = post_plan(bob, "plan.docx", data)

    assert "plan.docx är ingen Word-fil (.docx) som går att läsa." in html
    assert not Plan.objects.exists()


def test_a_word_file_that_unpacks_to_far_more_than_it_is_is_refused(bob):
    # given a "zip bomb": 30 MB of zeros in a few kilobytes
    data = zipped({"word/document.xml": bytes(30 * 1024 * 1024)})
    assert len(data) < 100_000

    # when
    html = post_plan(bob, "plan.docx", data)

    # then
    assert "Filen packas upp till för mycket data." in html


def test_a_plan_upload_over_10_mb_is_refused(bob):
    html = post_plan(bob, "plan.docx", b"PK\x03\x04" + bytes(10 * 1024 * 1024))

    assert "Filen är större än 10 MB." in html


def post_values(client: Client, name: str, data: bytes) -> str:
    response = client.post(reverse("indicators:import"), {"file": upload(name, data)})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("v.csv", PNG, "Filen är inte text i UTF-8."),
        ("v.csv", b"indikator;plats\x00;period\n", "Filen är inte en textfil."),
        ("v.csv", "indikator;plats;år\n".encode("cp1252"), "Filen är inte text i UTF-8."),
        ("v.xlsx", PNG, "Filens innehåll är inte en fil av den typen."),
        ("v.xlsx", zipped({"word/document.xml": b"<w/>"}), "inte en fil av den typen."),
    ],
    ids=["image-as-csv", "nul-bytes", "latin-1", "image-as-xlsx", "word-as-xlsx"],
)
def test_a_values_upload_is_checked_by_content(karin, name, data, error):
    html = post_values(karin, name, data)

    assert error in html
    assert not ImportJob.objects.exists()


def test_a_values_upload_over_the_limit_is_refused(karin, settings):
    settings.INDICATOR_IMPORT_MAX_BYTES = 1024 * 1024

    html = post_values(karin, "v.csv", b"indikator;plats;period;v\xc3\xa4rde\n" * 40_000)

    assert "Filen är för stor (högst 1 MB)." in html
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [("v.csv", "indikator;plats;period;värde\n".encode()), ("v.xlsx", xlsx())],
)
def test_real_files_pass_the_checks(karin, name, data):
    response = karin.post(reverse("indicators:import"), {"file": upload(name, data)})

    assert response.status_code == 302
    assert ImportJob.objects.count() == 1
