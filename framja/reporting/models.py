"""Reporting rounds, the feedback to the knowledge council, and the annual report's texts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class RoundState(models.TextChoices):
    OPEN = "open", _("öppen")
    CLOSED = "closed", _("stängd")


class ReportingRound(models.Model):
    """A coordinator's request to a set of organisations to report on a period by a deadline."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("samordnande organisation"),
        on_delete=models.PROTECT,
        related_name="reporting_rounds",
    )
    title = models.CharField(_("namn"), max_length=200)
    period = models.CharField(
        _("period"),
        max_length=20,
        help_text=_("Det år eller den period som rapporteras, t.ex. 2019."),
    )
    deadline = models.DateField(_("sista dag"))
    instructions = models.TextField(_("instruktioner"), blank=True)
    include_feedback = models.BooleanField(
        _("med återkoppling utifrån handlingsplanen"),
        default=False,
        help_text=_("Framgångar, områden utan framgång och förändringar inför nästa år."),
    )
    state = models.CharField(
        _("läge"), max_length=10, choices=RoundState.choices, default=RoundState.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("öppnad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("öppnad"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("stängd av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("stängd"), null=True, blank=True)

    class Meta:
        verbose_name = _("rapporteringsomgång")
        verbose_name_plural = _("rapporteringsomgångar")
        ordering = ("-opened_at", "-id")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reporting:round_detail", args=[self.pk])

    @property
    def year(self) -> int:
        return int(self.period[:4])

    @property
    def is_open(self) -> bool:
        return self.state == RoundState.OPEN


class SubmissionState(models.TextChoices):
    NOT_STARTED = "not_started", _("ej påbörjad")
    IN_PROGRESS = "in_progress", _("pågår")
    READY = "ready", _("klar")


SUBMISSION_SYMBOLS = {
    SubmissionState.NOT_STARTED: "○",
    SubmissionState.IN_PROGRESS: "◐",
    SubmissionState.READY: "✓",
}


class Submission(models.Model):
    """What one organisation reports in a round. Frozen into ``snapshot`` when the round closes."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="submissions")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    state = models.CharField(
        _("läge"),
        max_length=16,
        choices=SubmissionState.choices,
        default=SubmissionState.NOT_STARTED,
    )
    summary = models.TextField(_("sammanfattning"), blank=True)
    updated_at = models.DateTimeField(_("senast sparad"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sparad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ready_at = models.DateTimeField(_("markerad klar"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("senast påmind"), null=True, blank=True)
    snapshot = models.JSONField(_("inlämnat innehåll"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("inrapportering")
        verbose_name_plural = _("inrapporteringar")
        ordering = ("round", "organisation__path")
        constraints = [
            models.UniqueConstraint(
                fields=("round", "organisation"), name="one_submission_per_round_and_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:submission", args=[self.round_id, self.organisation.slug])

    @property
    def symbol(self) -> str:
        return SUBMISSION_SYMBOLS[SubmissionState(self.state)]


class Feedback(models.Model):
    """Återkoppling utifrån handlingsplanen: an organisation's look back on a year (seed 000)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    year = models.PositiveSmallIntegerField(_("år"))
    success_1 = models.TextField(_("framgång 1"), blank=True)
    success_1_factors = models.TextField(_("framgångsfaktorer för framgång 1"), blank=True)
    success_2 = models.TextField(_("framgång 2"), blank=True)
    success_2_factors = models.TextField(_("framgångsfaktorer för framgång 2"), blank=True)
    setback_1 = models.TextField(_("område utan framgång 1"), blank=True)
    setback_1_analysis = models.TextField(_("analys av område 1"), blank=True)
    setback_1_improvements = models.TextField(
        _("planerade förbättringsåtgärder för område 1"), blank=True
    )
    setback_2 = models.TextField(_("område utan framgång 2"), blank=True)
    setback_2_analysis = models.TextField(_("analys av område 2"), blank=True)
    setback_2_improvements = models.TextField(
        _("planerade förbättringsåtgärder för område 2"), blank=True
    )
    new_chair = models.CharField(_("ny ordförande"), max_length=200, blank=True)
    new_process_support = models.CharField(_("nytt processtöd"), max_length=200, blank=True)
    other_changes = models.TextField(_("andra förändringar"), blank=True)
    example = models.BooleanField(
        _("exempeldata"), default=False, help_text=_("Påhittat innehåll i demon.")
    )

    class Meta:
        verbose_name = _("återkoppling")
        verbose_name_plural = _("återkopplingar")
        ordering = ("organisation", "-year")
        constraints = [
            models.UniqueConstraint(
                fields=("organisation", "year"), name="one_feedback_per_organisation_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:feedback", args=[self.organisation.slug, self.year])


class AnnualReport(models.Model):
    """The texts of an organisation's annual report (verksamhetsberättelse) for a year.

    Goal fulfilment is not stored here: the report is put together from the goals and their
    assessments, or from a closed round's snapshots.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    year = models.PositiveSmallIntegerField(_("år"))
    foreword_heading = models.CharField(
        _("rubrik för förordet"), max_length=200, blank=True, default="Förord"
    )
    foreword = models.TextField(_("förord"), blank=True)
    foreword_signed_by = models.TextField(
        _("undertecknat av"), blank=True, help_text=_("En rad per person.")
    )
    events = models.TextField(
        _("viktiga händelser"), blank=True, help_text=_("En rad per händelse.")
    )
    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("rapporteringsomgång"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Om den är vald och stängd bygger rapporten på det som lämnades in där."),
    )

    class Meta:
        verbose_name = _("verksamhetsberättelse")
        verbose_name_plural = _("verksamhetsberättelser")
        ordering = ("organisation", "-year")
        constraints = [
            models.UniqueConstraint(
                fields=("organisation", "year"), name="one_annual_report_per_organisation_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:annual_report", args=[self.organisation.slug, self.year])


class AnnualReportSection(models.Model):
    """An "about" text of the report: Om nätverket, verksamhetsidé, perspektiv, vision …"""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField(_("rubrik"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    order = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        ordering = ("report", "order", "id")

    def __str__(self) -> str:
        return self.heading
