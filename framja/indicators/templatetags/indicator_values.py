"""The indicator page's table of the latest period's values, written in Python.

The latest period of a national indicator has a value for every region and municipality and
sex, several hundred rows; a template loop with a number filter per row took most of the page's
time. The markup is the template's.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from html import escape

from django import template
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from framja.indicators.models import Sex
from framja.indicators.selectors import LatestValue

register = template.Library()
HUNDREDTH = Decimal("0.01")


def decimal_text(value: float, separator: str) -> str:
    """Return value as the floatformat:"-2" filter writes it: two decimals unless it is whole."""
    exact = Decimal(repr(value))
    if exact == exact.to_integral_value():
        text = f"{exact.quantize(Decimal(1)):f}"
    else:
        text = f"{exact.quantize(HUNDREDTH, rounding=ROUND_HALF_UP):f}"
    # A value that rounds to zero is written without a minus sign.
    if text.startswith("-") and not text.strip("-0."):
        text = text[1:]
    return text.replace(".", separator)


@register.simple_tag
def latest_value_rows(values: list[LatestValue]) -> SafeString:
    """Return a <tr> per value: place, sex, value, status and source."""
    separator = str(get_format("DECIMAL_SEPARATOR"))
    sexes = {sex.value: escape(str(sex.label)) for sex in Sex}
    missing = escape(gettext("saknas"))
    parts = []
    for value in values:
        number = missing if value.value is None else decimal_text(value.value, separator)
        parts.append(
            f"<tr><td>{escape(value.place_name)}</td><td>{sexes.get(value.sex, '')}</td>"
            f'<td class="number">{number}</td><td>{escape(value.status or "–")}</td>'
            f"<td>{escape(value.source or '–')}</td></tr>\n"
        )
    return mark_safe("".join(parts))  # every text above is escaped
