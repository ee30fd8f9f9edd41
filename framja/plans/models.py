"""Action plans (handlingsplaner): their rows, activities and status through the year."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PlanState(models.TextChoices):
    DRAFT = "draft", _("utkast")
    ANCHORING = "anchoring", _("för förankring")
    ADOPTED = "adopted", _("fastställd")
    ARCHIVED = "archived", _("ersatt/arkiverad")


class Plan(models.Model):
    """An organisation's action plan for a year, with the document metadata of seed 004."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    year = models.PositiveSmallIntegerField(_("år"))
    title = models.CharField(_("titel"), max_length=200)
    state = models.CharField(
        _("läge"), max_length=16, choices=PlanState.choices, default=PlanState.DRAFT
    )
    published = models.BooleanField(
        _("publicerad för alla"),
        default=False,
        help_text=_("En fastställd plan kan visas för alla, även den som inte är inloggad."),
    )
    document_name = models.CharField(_("dokumentnamn"), max_length=300, blank=True)
    document_type = models.CharField(
        _("typ av dokument"), max_length=100, blank=True, default="Handlingsplan"
    )
    created_by_text = models.CharField(_("skapad av"), max_length=200, blank=True)
    document_owner = models.CharField(_("dokumentägare"), max_length=200, blank=True)
    adopted_by = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("fastställd av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopted_plans",
    )
    adopted_date = models.DateField(_("fastställt datum"), null=True, blank=True)
    valid_until = models.DateField(_("giltig t.o.m."), null=True, blank=True)
    revised_date = models.DateField(_("reviderat datum"), null=True, blank=True)
    version = models.CharField(_("version"), max_length=20, blank=True, default="1.0")
    keywords = models.TextField(_("sökord"), blank=True)
    example = models.BooleanField(
        _("exempeldata"), default=False, help_text=_("Påhittat innehåll i demon.")
    )
    anchoring_body = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("skickad för förankring till"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans_for_anchoring",
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("föregående plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
    )

    class Meta:
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")
        ordering = ("organisation", "-year", "id")

    def __str__(self) -> str:
        return f"{self.title} – {self.organisation}" if self.organisation_id else self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        """Return whether rows may change; an adopted plan is frozen."""
        return self.state in (PlanState.DRAFT, PlanState.ANCHORING)


class PlanSection(models.Model):
    """A free-text section of a plan: Bakgrund, Uppdrag, Syfte, Mål, Metod, Utmaningar …"""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField(_("rubrik"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    order = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        ordering = ("plan", "order", "id")

    def __str__(self) -> str:
        return self.heading


class FocusArea(models.Model):
    """One of the year's focus areas (Fokusområden 2024)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="focus_areas")
    text = models.CharField(_("fokusområde"), max_length=300)
    order = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("fokusområde")
        verbose_name_plural = _("fokusområden")
        ordering = ("plan", "order", "id")

    def __str__(self) -> str:
        return self.text


class Rating(models.TextChoices):
    NOT_STARTED = "not_started", _("ej påbörjad")
    ON_TRACK = "on_track", _("enligt plan")
    AT_RISK = "at_risk", _("risk för försening")
    DELAYED = "delayed", _("försenad")
    DONE = "done", _("klar")
    CANCELLED = "cancelled", _("avbruten")


class PlanRow(models.Model):
    """A prioritised area of the plan: one line of the five-column table."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rows")
    order = models.PositiveIntegerField(_("ordning"), default=0)
    effort_area = models.ForeignKey(
        "catalog.NationalEffortArea",
        verbose_name=_("nationellt insatsområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_rows",
    )
    effort_area_note = models.CharField(
        _("kommentar till insatsområdet"), max_length=300, blank=True
    )
    title = models.CharField(_("prioriterat område"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    patient_promises = models.ManyToManyField(
        "catalog.PatientPromise", verbose_name=_("patientlöften"), blank=True, related_name="+"
    )
    target_areas = models.ManyToManyField(
        "catalog.PublicHealthTargetArea",
        verbose_name=_("folkhälsopolitiska målområden"),
        blank=True,
        related_name="+",
    )
    follow_up = models.TextField(_("uppföljning"), blank=True, help_text=_("Hur och när."))
    # Bumped on every save through the services, so a save based on an older reading of the
    # row is noticed instead of silently overwriting someone else's change.
    lock_version = models.PositiveIntegerField(default=1, editable=False)
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("föregående rad"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
    )
    # The current status (the latest entry by date, then id) copied from the entries, so that
    # pages counting hundreds of rows by status need not look it up row by row. Kept by
    # ``services.row_status_refresh`` after every write of a row's entries; "" and None
    # without any.
    status_rating = models.CharField(
        _("aktuell status"),
        max_length=16,
        choices=Rating.choices,
        blank=True,
        default="",
        editable=False,
    )
    status_date = models.DateField(_("aktuell status sedan"), null=True, editable=False)
    # What makes the row's unfinished activities late, copied from them, so that pages
    # counting hundreds of rows that need attention need not read their activities: the
    # earliest end among them, and whether one runs the whole year without an end (late once
    # the plan's year is over). Kept by ``services.row_activity_refresh`` after every write of
    # a row's activities; None and False without any.
    open_end = models.DateField(null=True, editable=False)
    open_whole_year = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("rad i handlingsplan")
        verbose_name_plural = _("rader i handlingsplan")
        ordering = ("plan", "order", "id")
        # The roll-up counts a region's rows by plan and current status, and those with a
        # late activity, from the index alone.
        indexes = (
            models.Index(
                fields=["plan", "status_rating", "open_end", "open_whole_year"],
                name="plans_row_counts",
            ),
        )

    def __str__(self) -> str:
        return self.title


class ActivityQuerySet(models.QuerySet["Activity"]):
    def late(self, today: datetime.date) -> ActivityQuerySet:
        """Keep the activities that ``Activity.is_late`` calls late on ``today``, in SQL.

        An activity without an end but for the whole year is due on the plan year's last day,
        which is before today exactly when the plan's year is before today's year.
        """
        return self.filter(
            models.Q(end__lt=today)
            | models.Q(end__isnull=True, whole_year=True, plan__year__lt=today.year),
            done=False,
        )


class Activity(models.Model):
    """Something to do under a plan row, by someone, during a period or the whole year."""

    row = models.ForeignKey(PlanRow, on_delete=models.CASCADE, related_name="activities")
    # The row's plan, kept on the activity too (rows never move between plans), so that a
    # plan's activities are found through its key without reading its rows: the roll-up
    # counts the late activities of a region's plans this way.
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="activities", editable=False, db_index=False
    )
    order = models.PositiveIntegerField(_("ordning"), default=0)
    text = models.TextField(_("aktivitet"))
    responsible = models.CharField(_("ansvarig"), max_length=200, blank=True)
    whole_year = models.BooleanField(_("hela året"), default=False)
    start = models.DateField(_("från"), null=True, blank=True)
    end = models.DateField(_("till"), null=True, blank=True)
    done = models.BooleanField(_("klar"), default=False)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ("row", "order", "id")
        # The roll-up counts the late activities of a region's plans from the index alone.
        indexes = (
            models.Index(fields=["plan", "done", "end", "whole_year"], name="plans_activity_late"),
        )

    def __str__(self) -> str:
        return self.text[:100]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.plan_id is None and self.row_id is not None:
            self.plan_id = self.row.plan_id
        super().save(*args, **kwargs)

    def due(self, year: int) -> datetime.date | None:
        """Return the last day of the activity: its end, or the plan year's last day."""
        return activity_due(end=self.end, whole_year=self.whole_year, year=year)

    def is_late(self, year: int, today: datetime.date | None = None) -> bool:
        return activity_is_late(
            end=self.end, whole_year=self.whole_year, done=self.done, year=year, today=today
        )


def activity_due(*, end: datetime.date | None, whole_year: bool, year: int) -> datetime.date | None:
    """Return an activity's last day: its end, or the plan year's last day."""
    if end is not None:
        return end
    return datetime.date(year, 12, 31) if whole_year else None


def activity_is_late(
    *,
    end: datetime.date | None,
    whole_year: bool,
    done: bool,
    year: int,
    today: datetime.date | None = None,
) -> bool:
    """Return whether an activity not done is past its last day."""
    # ActivityQuerySet.late says the same in SQL: change both together.
    due = activity_due(end=end, whole_year=whole_year, year=year)
    return not done and due is not None and due < (today or timezone.localdate())


# Shown beside the text, never instead of it: colour alone carries no meaning.
RATING_SYMBOLS = {
    Rating.NOT_STARTED: "○",
    Rating.ON_TRACK: "●",
    Rating.AT_RISK: "▲",
    Rating.DELAYED: "■",
    Rating.DONE: "✓",
    Rating.CANCELLED: "✕",
}


class StatusEntry(models.Model):
    """A status of a row on a date. The row's current status is its latest entry."""

    row = models.ForeignKey(PlanRow, on_delete=models.CASCADE, related_name="statuses")
    date = models.DateField(_("datum"))
    rating = models.CharField(_("status"), max_length=16, choices=Rating.choices)
    comment = models.TextField(_("kommentar"), blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("satt av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status")
        verbose_name_plural = _("statusar")
        ordering = ("row", "-date", "-id")
        # A row's current status, its latest entry, is looked up for many rows at a time.
        indexes = (models.Index(fields=["row", "-date", "-id"], name="plans_status_current"),)

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_rating_display()}"

    @property
    def symbol(self) -> str:
        return RATING_SYMBOLS[Rating(self.rating)]


class PlanRevision(models.Model):
    """A frozen copy of a plan's whole content, made when it is sent for anchoring or adopted.

    Revisions are never changed or deleted, so any two can be compared later.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    version = models.CharField(_("version"), max_length=20)
    state = models.CharField(_("läge"), max_length=16, choices=PlanState.choices)
    note = models.CharField(_("anteckning"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    content = models.JSONField(_("innehåll"), editable=False)

    class Meta:
        verbose_name = _("planversion")
        verbose_name_plural = _("planversioner")
        ordering = ("plan", "created_at", "id")

    def __str__(self) -> str:
        return f"{self.plan.title} v{self.version} ({self.get_state_display()})"
