"""Translations: the .po → .mo compiler, the English catalogue, and how a language is chosen."""

import gettext
import io
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from framja.core.i18n import PoError, build_mo, compile_catalogues, parse_po

HEADER = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""

PO = (
    "# A small catalogue.\n"
    + HEADER
    + """
msgid "Organisationer"
msgstr "Organisations"

#, python-format
msgid "%(counter)s underorganisation"
msgid_plural "%(counter)s underorganisationer"
msgstr[0] "%(counter)s sub-organisation"
msgstr[1] "%(counter)s sub-organisations"

#, fuzzy
msgid "Byt språk"
msgstr "Change language"

msgid "Inte översatt"
msgstr ""

#: framja/templates/base.html:3
msgid ""
"En lång "
"rad"
msgstr ""
"A long "
"line"

msgid "Citat \\"så\\"\\n"
msgstr "Quote \\"so\\"\\n"

#~ msgid "Borttagen"
#~ msgstr "Removed"
"""
)


def translations(entries: dict[str, str]) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(build_mo(entries)))


@pytest.fixture
def po_file(tmp_path: Path) -> Path:
    path = tmp_path / "django.po"
    path.write_text(PO, encoding="utf-8")
    return path


def test_it_parses_translated_entries_and_leaves_out_fuzzy_and_empty_ones(po_file):
    # when
    entries = parse_po(po_file)

    # then
    assert entries == {
        "": "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n",
        "Organisationer": "Organisations",
        "%(counter)s underorganisation\0%(counter)s underorganisationer": (
            "%(counter)s sub-organisation\0%(counter)s sub-organisations"
        ),
        "En lång rad": "A long line",
        'Citat "så"\n': 'Quote "so"\n',
    }


def test_a_built_mo_reads_back_with_pythons_gettext(po_file):
    # when
    catalogue = translations(parse_po(po_file))

    # then
    assert catalogue.info()["content-type"] == "text/plain; charset=UTF-8"
    assert catalogue.gettext("Organisationer") == "Organisations"
    assert catalogue.gettext("En lång rad") == "A long line"
    assert catalogue.gettext('Citat "så"\n') == 'Quote "so"\n'
    assert catalogue.gettext("Byt språk") == "Byt språk"
    assert catalogue.gettext("Inte översatt") == "Inte översatt"
    assert catalogue.gettext("Borttagen") == "Borttagen"
    singular, plural = "%(counter)s underorganisation", "%(counter)s underorganisationer"
    assert catalogue.ngettext(singular, plural, 1) == "%(counter)s sub-organisation"
    assert catalogue.ngettext(singular, plural, 2) == "%(counter)s sub-organisations"
    assert catalogue.ngettext(singular, plural, 0) == "%(counter)s sub-organisations"


def test_it_leaves_out_a_plural_entry_with_a_missing_form(tmp_path):
    # given
    path = tmp_path / "django.po"
    path.write_text(
        HEADER + '\nmsgid "en"\nmsgid_plural "flera"\nmsgstr[0] "one"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )

    # when
    entries = parse_po(path)

    # then
    assert list(entries) == [""]


def test_it_reports_a_continuation_line_without_a_field(tmp_path):
    # given
    path = tmp_path / "django.po"
    path.write_text('"fritt svävande"\n', encoding="utf-8")

    # when / then
    with pytest.raises(PoError, match=r"django\.po:1: fortsättningsrad utan fält"):
        parse_po(path)


def test_it_keeps_the_context_of_an_entry(tmp_path):
    # given: "Maj" the month and "Maj" the name, told apart by msgctxt as pgettext does
    path = tmp_path / "django.po"
    path.write_text(
        HEADER
        + '\nmsgctxt "month"\nmsgid "Maj"\nmsgstr "May"\n'
        + '\nmsgid "Maj"\nmsgstr "Maj (name)"\n',
        encoding="utf-8",
    )

    # when
    catalogue = translations(parse_po(path))

    # then
    assert catalogue.pgettext("month", "Maj") == "May"
    assert catalogue.gettext("Maj") == "Maj (name)"


def test_it_keeps_a_fuzzy_header(tmp_path):
    # given: makemessages marks the header of a new catalogue fuzzy; msgfmt still uses it
    path = tmp_path / "django.po"
    path.write_text(
        "#, fuzzy\n" + HEADER + '\nmsgid "Språk"\nmsgstr "Language"\n', encoding="utf-8"
    )

    # when
    catalogue = translations(parse_po(path))

    # then
    assert catalogue.info()["plural-forms"] == "nplurals=2; plural=(n != 1);"
    assert catalogue.gettext("Språk") == "Language"


@pytest.fixture
def english(settings):
    """Compile the project's catalogues and make Django read them afresh."""
    locale = Path(settings.LOCALE_PATHS[0])
    written = compile_catalogues(locale)
    # Assigning the setting drops Django's cached catalogues, which may predate the .mo.
    settings.LOCALE_PATHS = [locale]
    yield written
    translation.deactivate()


def test_the_english_catalogue_compiles(english, settings):
    # given
    mo = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.mo"

    # when
    with mo.open("rb") as file:
        catalogue = gettext.GNUTranslations(file)

    # then
    assert english == [mo]
    assert catalogue.gettext("Organisationer") == "Organisations"
    assert catalogue.gettext("Hoppa till innehållet") == "Skip to content"
    assert catalogue.info()["language"] == "en"


def test_django_translates_with_the_english_catalogue(english):
    # when
    with translation.override("en"):
        text = translation.gettext("Organisationer")

    # then
    assert text == "Organisations"


def test_the_language_cookie_chooses_english(english, settings):
    # given
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    # when
    response = client.get(reverse("home"))

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Hoppa till innehållet" not in html
    assert response["Content-Language"] == "en"
    assert "Cookie" in response["Vary"]


def test_swedish_is_the_default_whatever_the_browser_asks_for(english):
    # when
    response = Client().get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en")

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert "Hoppa till innehållet" in html
    assert "Skip to content" not in html
    assert response["Content-Language"] == "sv"


def test_an_unknown_language_in_the_cookie_falls_back_to_swedish(english, settings):
    # given
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"

    # when
    response = client.get(reverse("home"))

    # then
    assert '<html lang="sv">' in response.content.decode()


def test_the_language_switch_sets_the_cookie(english, settings):
    # given
    client = Client()

    # when
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})

    # then
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Skip to content" in client.get(reverse("home")).content.decode()
