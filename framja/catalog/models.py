"""National and regional catalogues that plan rows link to."""

import datetime
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CatalogueQuerySet(models.QuerySet[Any]):
    def valid(self, day: datetime.date | None = None) -> "CatalogueQuerySet":
        day = day or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class CatalogueEntry(models.Model):
    """Fields every catalogue entry has: an order and a period of validity."""

    order = models.PositiveIntegerField(_("ordning"), default=0)
    valid_from = models.DateField(_("giltig från"), null=True, blank=True)
    valid_to = models.DateField(_("giltig till"), null=True, blank=True)

    class Meta:
        abstract = True

    def is_valid_on(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def validity_state(self) -> str:
        """Return "future", "expired" or "valid" for today."""
        today = timezone.localdate()
        if self.valid_from is not None and today < self.valid_from:
            return "future"
        if self.valid_to is not None and self.valid_to < today:
            return "expired"
        return "valid"


class PatientPromise(CatalogueEntry):
    """A promise a health-care region makes to its patients ("Som patient ska du …")."""

    owner = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("utfärdat av"),
        on_delete=models.PROTECT,
        related_name="patient_promises",
    )
    text = models.CharField(_("löfte"), max_length=300)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("patientlöfte")
        verbose_name_plural = _("patientlöften")
        ordering = ("owner", "order", "id")

    def __str__(self) -> str:
        return self.text


class PublicHealthGoal(CatalogueEntry):
    """The overall goal of the national public-health policy."""

    text = models.TextField(_("mål"))

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("nationellt folkhälsomål")
        verbose_name_plural = _("nationella folkhälsomål")
        ordering = ("order", "id")

    def __str__(self) -> str:
        return self.text


class PublicHealthTargetArea(CatalogueEntry):
    """One of the eight target areas (målområden) of the public-health policy."""

    goal = models.ForeignKey(
        PublicHealthGoal,
        verbose_name=_("folkhälsomål"),
        on_delete=models.PROTECT,
        related_name="target_areas",
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("målområde")
        verbose_name_plural = _("målområden")
        ordering = ("order", "number", "id")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class NationalEffortArea(CatalogueEntry):
    """A national effort area (nationellt insatsområde), possibly with sub-areas."""

    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ingår i"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("nationellt insatsområde")
        verbose_name_plural = _("nationella insatsområden")
        ordering = ("order", "id")

    def __str__(self) -> str:
        return self.name
