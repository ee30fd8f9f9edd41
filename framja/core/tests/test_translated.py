from django.utils.translation import gettext, override

from framja.core.translated import per_language

calls: list[str | None] = []


@per_language
def _label(language: str | None) -> str:
    calls.append(language)
    return gettext("Organisationer")


def test_a_text_is_translated_once_per_language_until_the_catalogues_change(settings):
    # given
    calls.clear()
    _label("sv")
    _label("sv")

    # when the catalogues are read afresh
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)
    with override("sv"):
        _label("sv")

    # then it was translated once before and once after
    assert calls == ["sv", "sv"]
