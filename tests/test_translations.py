"""The English catalogue covers every Swedish text of the interface."""

from pathlib import Path

from django.conf import settings

from framja.core.i18n import parse_po


def test_every_message_has_an_english_translation():
    po = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    msgids = [line for line in lines if line.startswith("msgid ")]

    translated = parse_po(po)

    assert not any(line.startswith("#, fuzzy") for line in lines)
    # The header is an entry too; every other msgid must have its translation.
    assert len(translated) == len(msgids)
