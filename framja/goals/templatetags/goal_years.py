"""The year picker of the goal pages, written in Python: an option per year with goals."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def year_options(years: list[int], year: int) -> SafeString:
    """Return an <option> per year, the shown one selected."""
    options = (f'<option value="{y}"{" selected" if y == year else ""}>{y}</option>' for y in years)
    # Years are integers: nothing to escape.
    return mark_safe("".join(options))
