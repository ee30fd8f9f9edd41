"""Template filters shared by every app."""

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def paragraphs(text: str) -> SafeString:
    """Render plain text as paragraphs, with runs of lines starting "- " as a bullet list.

    Plans keep their texts as plain text (as they were typed in Word); this gives them back
    their lists without storing any HTML.
    """
    blocks: list[SafeString] = []
    bullets: list[str] = []
    lines: list[str] = []

    def close_paragraph() -> None:
        if lines:
            blocks.append(format_html("<p>{}</p>", " ".join(lines)))
            lines.clear()

    def close_list() -> None:
        if bullets:
            items = format_html_join("", "<li>{}</li>", ((item,) for item in bullets))
            blocks.append(format_html("<ul>{}</ul>", items))
            bullets.clear()

    for raw in (text or "").splitlines():
        line = raw.strip()
        if line.startswith("### "):
            close_paragraph()
            close_list()
            blocks.append(format_html('<p class="subheading">{}</p>', line[4:].strip()))
        elif line.startswith(("- ", "• ", "· ")):
            close_paragraph()
            bullets.append(line[2:].strip())
        elif not line:
            close_paragraph()
            close_list()
        else:
            close_list()
            lines.append(line)
    close_paragraph()
    close_list()
    # Every part was escaped by format_html above.
    return mark_safe("".join(blocks))


@register.filter
def get(mapping: Any, key: Any) -> Any:
    """Return ``mapping[key]`` in a template, or None: ``{{ counts|get:value }}``."""
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None
