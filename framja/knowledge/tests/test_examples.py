"""Good examples, their attachments, and events with the calendar feed."""

import datetime
import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from framja.core.models import AuditEvent
from framja.knowledge import ical, services
from framja.knowledge.models import Attachment, Event, EventKind, GoodExample
from framja.knowledge.services import DOCX, PDF

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Metodstöd för riktade hälsosamtal")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def good_example(world):
    return services.example_create(
        actor=world["bob"], organisation=world["rpo"], title="Tobakshjälpen"
    )


def test_it_creates_an_example_and_records_it(world, good_example):
    event = AuditEvent.objects.get(object_type="knowledge.goodexample")

    assert event.action == "create"
    assert event.organisation == world["rpo"]
    assert event.changes["title"] == [None, "Tobakshjälpen"]


def test_it_updates_an_example_and_records_the_change(world, good_example):
    services.example_update(actor=world["bob"], example=good_example, title="Tobakshjälpen 2.0")

    event = AuditEvent.objects.filter(object_type="knowledge.goodexample").latest("id")
    assert event.action == "update"
    assert event.changes == {"title": ["Tobakshjälpen", "Tobakshjälpen 2.0"]}


def test_a_period_cannot_end_before_it_starts(world):
    with pytest.raises(ValidationError):
        services.example_create(
            actor=None,
            organisation=world["rpo"],
            title="Baklänges",
            start=datetime.date(2024, 5, 1),
            end=datetime.date(2024, 1, 1),
        )
    assert not GoodExample.objects.exists()


def test_it_accepts_a_pdf_by_its_content(world, good_example):
    upload = SimpleUploadedFile("rapport.bin", PDF_BYTES)

    attachment = services.attachment_add(actor=None, example=good_example, upload=upload)

    assert attachment.content_type == PDF
    assert attachment.name == "rapport.pdf"
    assert attachment.size == len(PDF_BYTES)


def test_it_accepts_a_word_document_by_its_content(world, good_example):
    upload = SimpleUploadedFile("metodstod.docx", _docx_bytes())

    attachment = services.attachment_add(actor=None, example=good_example, upload=upload)

    assert attachment.content_type == DOCX


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("elak.pdf", b"<html><script>alert(1)</script></html>"),
        ("elak.docx", b"MZ\x90\x00 not a document"),
        ("bild.pdf", b"\x89PNG\r\n\x1a\n"),
    ],
)
def test_it_refuses_a_file_whose_content_is_not_pdf_or_docx(world, good_example, name, content):
    with pytest.raises(ValidationError, match="Bara PDF"):
        services.attachment_add(
            actor=None, example=good_example, upload=SimpleUploadedFile(name, content)
        )
    assert not Attachment.objects.exists()


def test_it_refuses_a_zip_that_is_not_a_word_document(world, good_example):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hej.txt", "hej")

    with pytest.raises(ValidationError):
        services.attachment_add(
            actor=None,
            example=good_example,
            upload=SimpleUploadedFile("fake.docx", buffer.getvalue()),
        )


def test_it_refuses_a_file_over_the_size_limit(world, good_example, settings):
    settings.KNOWLEDGE_ATTACHMENT_MAX_BYTES = 1024 * 1024
    content = PDF_BYTES + b"0" * (1024 * 1024)

    with pytest.raises(ValidationError, match="för stor"):
        services.attachment_add(
            actor=None, example=good_example, upload=SimpleUploadedFile("stor.pdf", content)
        )


def test_the_editor_uploads_and_anyone_downloads(world, good_example):
    client = Client()
    client.force_login(world["bob"])
    url = reverse("knowledge:attachment_add", args=[good_example.pk])

    response = client.post(url, {"file": SimpleUploadedFile("a.pdf", PDF_BYTES)})

    assert response.status_code == 302
    attachment = good_example.attachments.get()
    download = Client().get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert download.getvalue() == PDF_BYTES
    assert download["Content-Type"] == PDF


def test_an_outsider_cannot_upload(world, good_example):
    client = Client()
    client.force_login(world["charlie"])

    response = client.post(
        reverse("knowledge:attachment_add", args=[good_example.pk]),
        {"file": SimpleUploadedFile("a.pdf", PDF_BYTES)},
    )

    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_the_example_page_shows_the_example(world, good_example):
    response = Client().get(good_example.get_absolute_url())

    assert response.status_code == 200
    assert "Tobakshjälpen" in response.content.decode()
    assert "Liknande arbete på andra håll" in response.content.decode()


def test_the_calendar_feed_lists_the_events(world):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    services.event_create(
        actor=None,
        organisation=world["rpo"],
        title="Webbsänt studiebesök; Värnamo, hälsocenter",
        start=start,
        kind=EventKind.WEBCAST,
        link="https://example.org/sandning",
    )

    response = Client().get(reverse("knowledge:event_feed"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:Webbsänt studiebesök\\; Värnamo\\, hälsocenter\r\n" in body
    assert f"DTSTART:{start.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}\r\n" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_long_calendar_lines_are_folded(world):
    event = Event(
        pk=7,
        title="Å" * 100,
        organisation=world["rpo"],
        start=timezone.now(),
    )

    body = ical.calendar([event], host="h", base_url="https://h", stamp=timezone.now())

    summary = body.split("SUMMARY:")[1].split("\r\nURL")[0]
    assert summary.replace("\r\n ", "") == "Å" * 100


def test_events_are_listed_coming_first(world):
    soon = timezone.now() + datetime.timedelta(days=1)
    services.event_create(
        actor=None,
        organisation=world["rpo"],
        title="Senare",
        start=soon + datetime.timedelta(days=5),
    )
    services.event_create(actor=None, organisation=world["rpo"], title="Snart", start=soon)
    services.event_create(
        actor=None,
        organisation=world["rpo"],
        title="Förr",
        start=soon - datetime.timedelta(days=30),
    )

    coming = Client().get(reverse("knowledge:event_list")).content.decode()
    past = Client().get(reverse("knowledge:event_list") + "?tidigare=1").content.decode()

    assert coming.index("Snart") < coming.index("Senare")
    assert "Förr" not in coming
    assert "Förr" in past


def test_an_editor_adds_an_example_through_the_form(world):
    client = Client()
    client.force_login(world["bob"])

    response = client.post(
        reverse("knowledge:example_create", args=["rpo-test"]),
        {
            "title": "Riktade hälsosamtal",
            "summary": "Grundutbildningar och metodstöd",
            "status": "ongoing",
            "links": "https://example.org/metodstod\n",
        },
    )

    example = GoodExample.objects.get()
    assert response.status_code == 302
    assert response["Location"] == example.get_absolute_url()
    assert example.organisation == world["rpo"]
    assert example.link_list == ["https://example.org/metodstod"]


def test_an_editor_adds_an_event_through_the_form(world):
    client = Client()
    client.force_login(world["bob"])

    response = client.post(
        reverse("knowledge:event_create", args=["rpo-test"]),
        {"title": "Digitalt förmöte", "kind": "meeting", "start": "2030-10-15T10:00"},
    )

    event = Event.objects.get()
    assert response.status_code == 302
    assert event.start == timezone.make_aware(datetime.datetime(2030, 10, 15, 10, 0))


def test_a_reader_cannot_edit_an_example(world, good_example):
    client = Client()
    client.force_login(world["rita"])

    response = client.post(
        reverse("knowledge:example_edit", args=[good_example.pk]), {"title": "Nytt namn"}
    )

    assert response.status_code == 403
    good_example.refresh_from_db()
    assert good_example.title == "Tobakshjälpen"
