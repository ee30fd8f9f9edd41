"""Shared models: the audit trail of every change to domain data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("skapad")
    UPDATE = "update", _("ändrad")
    DELETE = "delete", _("borttagen")


@dataclass
class Change:
    """One changed field of an audit event, as a person reads it."""

    label: str
    old: Any
    new: Any


def _readable(field: models.Field[Any, Any] | None, value: Any) -> Any:
    if value is None or value == "":
        return None
    if field is not None and field.choices:
        labels = {str(key): label for key, label in field.flatchoices}
        return labels.get(str(value), value)
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or None
    return value


class AuditEvent(models.Model):
    """One create, update or delete: who, when, what, and the fields before and after.

    ``organisation`` is the organisation whose "Historik" shows the event; catalogue
    changes that belong to no organisation leave it empty.
    """

    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vem"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("vem"), max_length=200)
    action = models.CharField(_("händelse"), max_length=10, choices=AuditAction.choices)
    object_type = models.CharField(_("typ"), max_length=100)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("objekt"), max_length=300)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    changes = models.JSONField(_("ändringar"), default=dict)

    class Meta:
        verbose_name = _("historikpost")
        verbose_name_plural = _("historik")
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=["organisation", "-created_at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"
        )

    @property
    def object_label(self) -> str:
        """Return the kind of object in the user's language ("Uppdrag", "Organisation")."""
        model = self._model()
        return str(capfirst(model._meta.verbose_name)) if model else self.object_type

    def change_list(self) -> list[Change]:
        """Return the changes with field labels and choice labels instead of codes."""
        model = self._model()
        rows = []
        for name, (old, new) in self.changes.items():
            field: models.Field[Any, Any] | None = None
            if model is not None:
                try:
                    found = model._meta.get_field(name)
                except FieldDoesNotExist:
                    found = None
                field = found if isinstance(found, models.Field) else None
            label = capfirst(field.verbose_name) if field is not None else name
            rows.append(Change(str(label), _readable(field, old), _readable(field, new)))
        return rows

    def _model(self) -> type[models.Model] | None:
        try:
            return apps.get_model(self.object_type)
        except (LookupError, ValueError):
            return None
