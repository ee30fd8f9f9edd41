"""Swedish number formatting for chart texts, axes and tables."""

from __future__ import annotations

import math
from decimal import Decimal

NBSP = "\u00a0"
MINUS = "\u2212"
MISSING = "uppgift saknas"


def format_number(value: float, decimals: int = 1) -> str:
    """Return value the Swedish way: decimal comma, no-break space between thousands, real minus.

    >>> format_number(-12345.678, 1)
    '−12\xa0345,7'
    """
    if not math.isfinite(value):
        raise ValueError(f"Värdet {value!r} är inte ett ändligt tal.")
    text = f"{abs(value):,.{decimals}f}"
    integer, _, fraction = text.partition(".")
    integer = integer.replace(",", NBSP)
    body = f"{integer},{fraction}" if fraction else integer
    # -0.04 rounds to "0,0": no minus sign on a zero.
    if value < 0 and any(c not in "0,\u00a0" for c in body):
        return MINUS + body
    return body


def format_value(value: float | None, unit: str, decimals: int = 1) -> str:
    """Return value with its unit when the unit is a percent sign, or 'uppgift saknas'."""
    if value is None:
        return MISSING
    number = format_number(value, decimals)
    if unit == "%":
        return f"{number}{NBSP}%"
    return number


def format_exact(value: float) -> str:
    """Return value with all its digits and a decimal comma, for files meant to be read again."""
    # repr gives the shortest text that reads back as the same float; Decimal drops any exponent.
    # A plain hyphen-minus, since spreadsheets do not read U+2212 as a sign.
    return format(Decimal(repr(value)), "f").replace(".", ",")
