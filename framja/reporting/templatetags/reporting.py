"""Template filters for goal ratings and submitted content."""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from framja.goals.models import GOAL_RATING_SYMBOLS, GoalRating
from framja.reporting.models import Feedback
from framja.reporting.services import FEEDBACK_FIELDS

register = template.Library()


@register.filter
def goal_rating(value: str) -> SafeString:
    """A rating as symbol and text; the symbol is hidden from screen readers."""
    rating = GoalRating(value) if value in GoalRating.values else GoalRating.NOT_ASSESSED
    return format_html(
        '<span class="status"><span class="status-symbol" aria-hidden="true">{}</span>{}</span>',
        GOAL_RATING_SYMBOLS[rating],
        str(rating.label).capitalize(),
    )


@register.filter
def feedback_items(content: dict[str, Any] | None) -> list[tuple[str, str]]:
    """The submitted feedback as (label, text) pairs, in the form's order."""
    content = content or {}
    return [
        (
            str(getattr(Feedback._meta.get_field(name), "verbose_name", name)),
            str(content.get(name, "")),
        )
        for name in FEEDBACK_FIELDS
    ]
