"""Form helpers shared by every app: accessible error wiring and Swedish date inputs."""

from html import escape
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class FastSelect(forms.Select):
    """A single-choice select whose options are written in Python, not by a template each.

    The same markup as Django's select, for long flat lists (the 312 places of a chart): the
    per-option templates took tens of milliseconds a page. Grouped choices fall back to
    Django's rendering.
    """

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        # Through iter(): list() asks a model field's choices for their length first, which
        # costs a COUNT query of its own.
        choices = list(iter(self.choices))
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        wanted = self.format_value(value)
        chosen = wanted[0] if wanted else None
        parts = [f'<select name="{escape(name)}"{flatatt(self.build_attrs(self.attrs, attrs))}>']
        for option, label in choices:
            text = "" if option is None else str(option)
            selected = " selected" if text == chosen else ""
            if selected:
                chosen = None  # one option only, as Django's select marks it
            parts.append(f'<option value="{escape(text)}"{selected}>{escape(str(label))}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))  # every text above is escaped


class AccessibleFormMixin:
    """Mark invalid fields with ``aria-invalid`` and point them at their error text.

    The templates render a field's errors with the id ``<field id>_error`` and the form's
    error summary links to each field, so a screen reader hears what is wrong and where.
    """

    fields: dict[str, forms.Field]
    _errors: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and field.empty_label is not None:
                field.empty_label = _("– Välj –")

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name, field in self.fields.items():
            widget = field.widget
            if self._errors and name in self._errors:
                bound = self[name]  # type: ignore[index]
                describedby = [f"{bound.auto_id}_error"]
                if field.help_text:
                    describedby.append(f"{bound.auto_id}_helptext")
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = " ".join(describedby)
            else:
                widget.attrs.pop("aria-invalid", None)


class Form(AccessibleFormMixin, forms.Form):
    pass


class ModelForm(AccessibleFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    pass
