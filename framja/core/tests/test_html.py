"""Helpers for pages written in Python: they must write what the template filters wrote."""

import pytest
from django.template.defaultfilters import truncatechars
from django.utils import translation

from framja.core.html import shortened


@pytest.mark.parametrize(
    "text",
    [
        "Kort text",
        "x" * 60,
        "x" * 61,
        "Bjuda in samtliga regioners representanter till två möten om levnadsvanor under våren",
        "Ha\u0308lsosamtal",  # a decomposed ä: the filter normalises it
        "e\u0301" * 59 + "slut",  # combining accents do not count as characters
        "",
    ],
)
def test_shortened_writes_what_the_truncatechars_filter_writes(text):
    for language in ("sv", "en"):
        with translation.override(language):
            assert shortened(text, 60) == truncatechars(text, 60)
