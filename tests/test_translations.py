"""The English catalogue covers every Swedish text of the interface."""

import ast
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


# Calls that may translate a text held in a variable: the languages' own names from
# settings.LANGUAGES, which each language writes in itself and the catalogue leaves alone.
_NOT_LITERAL_ALLOWED = {("framja/core/templatetags/layout.py", "name")}
_TRANSLATING = {
    "gettext",
    "ngettext",
    "pgettext",
    "npgettext",
    "gettext_lazy",
    "ngettext_lazy",
    "pgettext_lazy",
    "gettext_noop",
    "_",
    "_lazy",
}


def test_every_text_marked_for_translation_is_written_where_makemessages_finds_it():
    # makemessages reads the texts out of the code: gettext(label) with the text in a
    # variable leaves it out of the catalogue, and it silently stays Swedish in English.
    root = Path(settings.BASE_DIR)
    found = []
    for path in sorted((root / "framja").rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            function = node.func
            name = getattr(function, "id", None) or getattr(function, "attr", None)
            first = node.args[0]
            if name in _TRANSLATING and not (
                isinstance(first, ast.Constant) and isinstance(first.value, str)
            ):
                found.append((path.relative_to(root).as_posix(), ast.unparse(first)))

    assert set(found) <= _NOT_LITERAL_ALLOWED, found
