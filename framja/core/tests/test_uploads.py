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


def claim_length(client: Client, url: str, length: int | str):
    """Post a few bytes but declare ``length``: reading the body would fail the test client."""
    return client.generic(
        "POST",
        url,
        data=b"x=1",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(length),
    )


def test_an_upload_larger_than_the_view_takes_is_refused_before_it_is_read(karin, settings):
    # given a limit of 1 MB for files of values (1 MB more for the rest of the form)
    settings.INDICATOR_IMPORT_MAX_BYTES = 1024 * 1024

    # when a request declares 3 MB, of which the test client holds only a few bytes
    response = claim_length(karin, reverse("indicators:import"), 3 * 1024 * 1024)

    # then it is answered at once (reading the body, e.g. for the CSRF check, would raise)
    assert response.status_code == 413
    html = response.content.decode()
    assert "Det du skickade är 3,0 MB. Här tas högst 2,0 MB emot, så inget har sparats." in html
    assert not ImportJob.objects.exists()


def test_each_upload_view_has_its_own_limit(bob, settings):
    settings.KNOWLEDGE_ATTACHMENT_MAX_BYTES = 1024 * 1024
    ten_mb = 10 * 1024 * 1024

    # a plan in Word may be 10 MB (and the form around it)
    plan_import = reverse("plans:import", kwargs={"slug": "rpo-test"})
    assert claim_length(bob, plan_import, ten_mb + 2 * 1024 * 1024).status_code == 413
    # an attachment to a good example 1 MB here
    attachment = reverse("knowledge:attachment_add", kwargs={"pk": 1})
    assert claim_length(bob, attachment, 3 * 1024 * 1024).status_code == 413


def test_a_view_without_a_file_takes_no_more_than_ordinary_form_data(bob, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

    response = claim_length(bob, reverse("accounts:logout"), 2_621_441)

    assert response.status_code == 413


def test_a_content_length_that_is_not_a_number_is_a_bad_request(bob):
    response = claim_length(bob, reverse("accounts:logout"), "many")

    assert response.status_code == 400
