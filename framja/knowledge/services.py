"""Writes to good examples, their attachments and events. Each is atomic, audited and indexed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from framja.core import audit
from framja.core.models import AuditAction
from framja.knowledge import index
from framja.knowledge.models import Attachment, DocumentKind, Event, GoodExample

if TYPE_CHECKING:
    from framja.accounts.models import User
    from framja.catalog.models import PublicHealthTargetArea
    from framja.organisations.models import Organisation

EXAMPLE_FIELDS = {
    "summary",
    "description",
    "county",
    "target_groups",
    "keywords",
    "links",
    "contact_name",
    "contact_email",
    "start",
    "end",
    "status",
    "example",
}
EVENT_FIELDS = {"kind", "organiser_text", "end", "location", "link", "description", "example"}

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _check_fields(fields: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")


def _names(items: Any) -> list[str]:
    return sorted(str(item) for item in items)


@transaction.atomic
def example_create(
    *,
    actor: User | None,
    organisation: Organisation,
    title: str,
    partners: list[Organisation] | None = None,
    target_areas: list[PublicHealthTargetArea] | None = None,
    **fields: Any,
) -> GoodExample:
    """Add a good example of the organisation."""
    _check_fields(fields, EXAMPLE_FIELDS)
    example = GoodExample(organisation=organisation, title=title, **fields)
    example.full_clean()
    example.save()
    example.partners.set(partners or [])
    example.target_areas.set(target_areas or [])
    event = audit.record_create(actor=actor, instance=example, organisation=organisation)
    extra = {
        "partners": [None, _names(partners or [])],
        "target_areas": [None, _names(target_areas or [])],
    }
    event.changes.update({k: v for k, v in extra.items() if v[1]})
    event.save(update_fields=["changes"])
    index.index_example(example.pk)
    return example


@transaction.atomic
def example_update(
    *,
    actor: User | None,
    example: GoodExample,
    partners: list[Organisation] | None = None,
    target_areas: list[PublicHealthTargetArea] | None = None,
    **fields: Any,
) -> GoodExample:
    _check_fields(fields, EXAMPLE_FIELDS | {"title"})
    before = audit.snapshot(example)
    before_partners = _names(example.partners.all())
    before_areas = _names(example.target_areas.all())
    for name, value in fields.items():
        setattr(example, name, value)
    example.full_clean()
    example.save()
    if partners is not None:
        example.partners.set(partners)
    if target_areas is not None:
        example.target_areas.set(target_areas)
    changes = audit.diff(before, audit.snapshot(example))
    after_partners = _names(example.partners.all())
    if after_partners != before_partners:
        changes["partners"] = [before_partners, after_partners]
    after_areas = _names(example.target_areas.all())
    if after_areas != before_areas:
        changes["target_areas"] = [before_areas, after_areas]
    if changes:
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=example,
            organisation=example.organisation,
            changes=changes,
        )
    index.index_example(example.pk)
    return example


@transaction.atomic
def example_delete(*, actor: User | None, example: GoodExample) -> None:
    """Delete a good example with its attachments' files."""
    for attachment in list(example.attachments.all()):
        attachment_delete(actor=actor, attachment=attachment)
    audit.record_delete(actor=actor, instance=example, organisation=example.organisation)
    pk = example.pk
    example.delete()
    index.remove(kind=DocumentKind.EXAMPLE, object_ids=[pk])


def sniff_content_type(head: bytes) -> str | None:
    """Return the type of a file from its first bytes: PDF, Word (DOCX) or None.

    A DOCX is a ZIP archive (``PK``), confirmed by ``_is_docx`` to hold a Word document;
    the name of the file is never trusted.
    """
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return DOCX
    return None


def _is_docx(upload: UploadedFile[bytes]) -> bool:
    import zipfile

    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and "word/document.xml" in names


@transaction.atomic
def attachment_add(
    *, actor: User | None, example: GoodExample, upload: UploadedFile[bytes]
) -> Attachment:
    """Attach a PDF or DOCX to the example, after checking its size and its content."""
    limit = settings.KNOWLEDGE_ATTACHMENT_MAX_BYTES
    size = upload.size or 0
    if size > limit:
        raise ValidationError(
            _("Filen är för stor. Den får vara högst %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
        )
    if size == 0:
        raise ValidationError(_("Filen är tom."))
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    content_type = sniff_content_type(head)
    if content_type == DOCX and not _is_docx(upload):
        content_type = None
    if content_type is None:
        raise ValidationError(_("Bara PDF- och Word-filer (.docx) kan bifogas."))
    suffix = ".pdf" if content_type == PDF else ".docx"
    name = Path(upload.name or "bilaga").stem[:150] + suffix
    attachment = Attachment(good_example=example, name=name, content_type=content_type, size=size)
    attachment.file.save(name, upload, save=False)
    attachment.save()
    audit.record_create(actor=actor, instance=attachment, organisation=example.organisation)
    return attachment


@transaction.atomic
def attachment_delete(*, actor: User | None, attachment: Attachment) -> None:
    organisation = attachment.good_example.organisation
    audit.record_delete(actor=actor, instance=attachment, organisation=organisation)
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def event_create(
    *, actor: User | None, organisation: Organisation, title: str, start: Any, **fields: Any
) -> Event:
    _check_fields(fields, EVENT_FIELDS)
    event = Event(organisation=organisation, title=title, start=start, **fields)
    event.full_clean()
    event.save()
    audit.record_create(actor=actor, instance=event, organisation=organisation)
    index.index_event(event.pk)
    return event


@transaction.atomic
def event_update(*, actor: User | None, event: Event, **fields: Any) -> Event:
    _check_fields(fields, EVENT_FIELDS | {"title", "start"})
    before = audit.snapshot(event)
    for name, value in fields.items():
        setattr(event, name, value)
    event.full_clean()
    event.save()
    audit.record_update(actor=actor, instance=event, organisation=event.organisation, before=before)
    index.index_event(event.pk)
    return event


@transaction.atomic
def event_delete(*, actor: User | None, event: Event) -> None:
    audit.record_delete(actor=actor, instance=event, organisation=event.organisation)
    pk = event.pk
    event.delete()
    index.remove(kind=DocumentKind.EVENT, object_ids=[pk])
