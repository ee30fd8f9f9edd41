"""Check an uploaded file by its size before it is received, and by what it contains.

A view that takes a file says how large it may be (``accepts_upload``); the input-limits
middleware refuses a request whose declared length is larger than that before anything has
read the body, so an oversized upload is never received whole. Every other view takes no
more than Django's limit for ordinary form data.

A Word or Excel file is a zip archive with a known part inside; a CSV file is text. Each
check reads at most the archive's directory or the first block of the file, so a large
upload costs little, and each refuses a zip whose content would unpack to far more than the
upload (a "zip bomb").
"""

from __future__ import annotations

import codecs
import zipfile
from collections.abc import Callable
from typing import IO, Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ZIP_MAGIC = b"PK\x03\x04"
TEXT_SAMPLE = 64 * 1024
# Office files compress XML about ten times; a hundred times is far beyond any real one.
MAX_RATIO = 100
# Room for the form's other fields and the multipart boundaries around the file.
FORM_OVERHEAD = 1024 * 1024

View = TypeVar("View", bound=Callable[..., Any])


def accepts_upload(limit: Callable[[], int]) -> Callable[[View], View]:
    """Mark a view as taking a file of at most ``limit()`` bytes (read at request time)."""

    def mark(view: View) -> View:
        view.upload_max_bytes = limit  # type: ignore[attr-defined]
        return view

    return mark


def request_max_bytes(view: Callable[..., Any]) -> int | None:
    """Return the largest request body the view takes, or None for no limit."""
    limit = getattr(view, "upload_max_bytes", None)
    if limit is not None:
        return int(limit()) + FORM_OVERHEAD
    data_limit: int | None = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return data_limit


def _rewound(upload: Any) -> IO[bytes]:
    upload.seek(0)
    return upload


def check_office_file(
    upload: Any, *, part: str, max_unpacked: int, message: str | None = None
) -> None:
    """Refuse anything but a zip archive with ``part`` inside (``word/document.xml`` for a
    Word file, ``xl/workbook.xml`` for Excel) that unpacks to at most ``max_unpacked`` bytes.

    ``message`` says what is wrong when the content is not such a file.
    """
    stream = _rewound(upload)
    head = stream.read(4)
    stream.seek(0)
    invalid = ValidationError(
        message or _("Filens innehåll är inte en fil av den typen."), code="content"
    )
    if head != ZIP_MAGIC:
        raise invalid
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise invalid from None
    finally:
        stream.seek(0)
    if part not in names:
        raise invalid
    size = max(int(getattr(upload, "size", 0) or 0), 1)
    if unpacked > max_unpacked or unpacked > size * MAX_RATIO:
        raise ValidationError(_("Filen packas upp till för mycket data."), code="unpacked")


def check_text_file(upload: Any) -> None:
    """Refuse a file whose first block is not UTF-8 text (a program, an image, a zip)."""
    stream = _rewound(upload)
    sample = stream.read(TEXT_SAMPLE)
    stream.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=False)
    except UnicodeDecodeError:
        raise ValidationError(
            _("Filen är inte text i UTF-8. Spara den som ”CSV UTF-8” och försök igen."),
            code="content",
        ) from None
    if b"\x00" in sample:
        raise ValidationError(_("Filen är inte en textfil."), code="content")
