"""Shared models: the audit trail of every change to domain data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("skapad")
    UPDATE = "update", _("ändrad")
    DELETE = "delete", _("borttagen")


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
