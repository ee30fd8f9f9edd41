"""Template filters shared by every app."""

from html import escape
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from framja.core.html import PLACEHOLDER, url_filler

register = template.Library()


@register.filter
def paragraphs(text: str) -> SafeString:
    """Render plain text as paragraphs, with runs of lines starting "- " as a bullet list.

    Plans keep their texts as plain text (as they were typed in Word); this gives them back
    their lists without storing any HTML.
    """
    # Escaped line by line with html.escape (what format_html uses, without its overhead):
    # long plan and goal tables call this for most of their cells.
    blocks: list[str] = []
    bullets: list[str] = []
    lines: list[str] = []

    def close_paragraph() -> None:
        if lines:
            blocks.append(f"<p>{' '.join(lines)}</p>")
            lines.clear()

    def close_list() -> None:
        if bullets:
            blocks.append(f"<ul>{''.join(bullets)}</ul>")
            bullets.clear()

    for raw in (text or "").splitlines():
        line = raw.strip()
        if line.startswith("### "):
            close_paragraph()
            close_list()
            blocks.append(f'<p class="subheading">{escape(line[4:].strip())}</p>')
        elif line.startswith(("- ", "• ", "· ")):
            close_paragraph()
            bullets.append(f"<li>{escape(line[2:].strip())}</li>")
        elif not line:
            close_paragraph()
            close_list()
        else:
            close_list()
            lines.append(escape(line))
    close_paragraph()
    close_list()
    # Every line was escaped above.
    return mark_safe("".join(blocks))


@register.filter
def get(mapping: Any, key: Any) -> Any:
    """Return ``mapping[key]`` in a template, or None: ``{{ counts|get:value }}``."""
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.simple_tag
def url_once(name: str, value: object, *constants: object) -> SafeString:
    """Return what ``{% url name value *constants %}`` does, reversed once per process.

    ``value`` (a key or a slug) is put into the pattern; the ``constants`` after it become part
    of the pattern, so they must be literals (``'tidsserie'``), never variables. The reversing
    took most of a ``{% url %}`` tag's 25 microseconds; a page has a dozen.
    """
    return mark_safe(url_filler(name, PLACEHOLDER, *constants)(value))  # escaped by url_filler
