"""Optimistic concurrency: a save made from a form that is out of date changes nothing.

An edit form carries ``edit_token``, a hash of the object as it was saved when the form was
opened. The service locks the row and compares: if anyone saved the object in between, it
raises ``EditConflict`` and writes nothing. The form is shown again with what the user typed
and the token of the current version, so a second save knowingly replaces the other's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_FIELD = "edit_token"


def edit_token(instance: models.Model, extra: Any = None) -> str:
    """Return a token that changes whenever any field or many-to-many link of the row does.

    ``extra`` is more that the form edits, such as the texts of related rows.
    """
    data: dict[str, Any] = {"extra": extra} | {
        field.attname: field.value_from_object(instance) for field in instance._meta.concrete_fields
    }
    for field in instance._meta.many_to_many:
        data[field.name] = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    text = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class EditConflict(ValidationError):
    """Someone else saved the object after this user opened the form."""

    def __init__(self, current: models.Model) -> None:
        self.current = current
        super().__init__(
            _(
                "Någon annan har sparat ändringar medan du redigerade. Det du skrev är inte "
                "sparat. Öppna sidan på nytt för att se den sparade versionen, eller spara igen "
                "för att ersätta den med din."
            ),
            code="edit_conflict",
        )


def require_unchanged[M: models.Model](
    instance: M, expected_token: str | None, token: Callable[[M], str] = edit_token
) -> M:
    """Lock the object's row; raise ``EditConflict`` if it changed since ``expected_token``.

    Must run inside the caller's transaction. ``expected_token`` None skips the check (a
    script or the API that did not read the object first).
    """
    locked = type(instance)._base_manager.select_for_update().get(pk=instance.pk)
    if expected_token and token(locked) != expected_token:
        raise EditConflict(locked)
    return locked


def token_field() -> forms.CharField:
    """Return the hidden form field that carries the token."""
    return forms.CharField(widget=forms.HiddenInput, required=False)


def set_initial_token(
    form: forms.BaseForm, instance: models.Model | None, token: Callable[[Any], str] = edit_token
) -> None:
    """Put the token of the saved object into an unbound form."""
    if instance is not None and instance.pk and not form.is_bound:
        form.initial[TOKEN_FIELD] = token(instance)


def form_after_conflict(
    form_class: Any,
    data: Any,
    conflict: EditConflict,
    token: Callable[[Any], str] = edit_token,
    **kwargs: Any,
) -> Any:
    """Return the form again with what the user typed, the current token and the error."""
    posted = data.copy()
    posted[TOKEN_FIELD] = token(conflict.current)
    form = form_class(posted, instance=conflict.current, **kwargs)
    form.is_valid()
    form.add_error(None, conflict)
    return form
