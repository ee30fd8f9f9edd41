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
WHOLE_LIMIT = 2.0**53
FAST_LIMIT = 1e12


def decimal_text(value: float, separator: str) -> str:
    """Return value as the floatformat:"-2" filter writes it: two decimals unless it is whole."""
    if -FAST_LIMIT < value < FAST_LIMIT:
        # The common case, fastest: below 10**12 floats lie much closer together than a
        # hundredth, so if the value reads back from its text with two decimals, that text
        # is the one the filter writes (less the decimals of a whole number).
        text = f"{value:.2f}"
        if float(text) == value:
            if text.endswith(".00"):
                return "0" if text == "-0.00" else text[:-3]
            return text.replace(".", separator)
    text = repr(value)
    # The other common cases without the decimal module, for a table of hundreds of values.
    if value.is_integer():
        if abs(value) < WHOLE_LIMIT:
            # Below 2**53 a whole float's digits are those of its repr; int() drops the minus
            # sign of -0.0 as the filter does.
            return str(int(value))
    else:
        whole, _point, fraction = text.partition(".")
        if len(fraction) <= 2 and "e" not in text:
            # One or two decimals: the repr is exact to the hundredth.
            return f"{whole}{separator}{fraction:0<2}"
    exact = Decimal(text)
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
    # Each place has a row per sex, and the statuses and sources are a handful of texts
    # repeated down the table: each is escaped once. An empty status or source reads "–".
    names: dict[str, str] = {}
    texts: dict[str, str] = {"": "–"}
    parts = []
    for _code, place, sex, value, status, source in values:
        name = names.get(place)
        if name is None:
            name = names[place] = escape(place)
        status_text = texts.get(status)
        if status_text is None:
            status_text = texts[status] = escape(status)
        source_text = texts.get(source)
        if source_text is None:
            source_text = texts[source] = escape(source)
        number = missing if value is None else decimal_text(value, separator)
        parts.append(
            f"<tr><td>{name}</td><td>{sexes.get(sex, '')}</td>"
            f'<td class="number">{number}</td><td>{status_text}</td>'
            f"<td>{source_text}</td></tr>\n"
        )
    return mark_safe("".join(parts))  # every text above is escaped
