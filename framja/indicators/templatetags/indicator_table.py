"""The rows of the indicator list as HTML, written in Python.

Through the template each row cost about 0.1 ms, most of it in ``get_FOO_display``, which
rebuilds the choices' lookup table on every call; here the labels are looked up once per
page and a row takes a few microseconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from framja.indicators.models import Direction, Level, Periodicity
from framja.indicators.selectors import IndicatorRow

register = template.Library()
CODE = "indicator-code"


@register.simple_tag
def indicator_rows(indicators: Iterable[IndicatorRow]) -> SafeString:
    """Return a <tr> per indicator: name (linked), data source, level, period, direction."""
    url = reverse("indicators:detail", kwargs={"code": CODE})
    labels = {
        choices: {value: escape(str(label)) for value, label in choices.choices}
        for choices in (Level, Periodicity, Direction)
    }
    rows = [
        f'<tr>\n  <td><a href="{escape(url.replace(CODE, indicator.code))}">'
        f"{escape(indicator.name)}</a></td>\n"
        f"  <td>{escape(indicator.source_name)}</td>\n"
        f"  <td>{labels[Level].get(indicator.level, '')}</td>\n"
        f"  <td>{labels[Periodicity].get(indicator.periodicity, '')}</td>\n"
        f"  <td>{labels[Direction].get(indicator.direction, '')}</td>\n</tr>\n"
        for indicator in indicators
    ]
    return mark_safe("".join(rows))
