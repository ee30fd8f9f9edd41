"""Goals of an organisation and their assessment period by period (måluppfyllelse)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class GoalRating(models.TextChoices):
    ACHIEVED = "achieved", _("uppnått")
    PARTLY = "partly", _("delvis uppnått")
    NOT_ACHIEVED = "not_achieved", _("ej uppnått")
    NOT_ASSESSED = "not_assessed", _("ej bedömd")


# Shown beside the text, never instead of it: colour alone carries no meaning.
GOAL_RATING_SYMBOLS = {
    GoalRating.ACHIEVED: "✓",
    GoalRating.PARTLY: "◐",
    GoalRating.NOT_ACHIEVED: "✕",
    GoalRating.NOT_ASSESSED: "–",
}

# The sentences the annual report uses in its legend and beside each rating (seed 003).
GOAL_RATING_SENTENCES = {
    GoalRating.ACHIEVED: _("Målet är uppnått"),
    GoalRating.PARTLY: _("Målet är delvis uppnått"),
    GoalRating.NOT_ACHIEVED: _("Målet är inte uppnått"),
    GoalRating.NOT_ASSESSED: _("Målet är inte bedömt"),
}


class Goal(models.Model):
    """A goal an organisation sets itself for one or more years, under a heading."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="goals",
    )
    heading = models.CharField(
        _("rubrik"),
        max_length=200,
        blank=True,
        help_text=_("Målen grupperas under sina rubriker, till exempel ”Gemensamma mål”."),
    )
    text = models.TextField(_("mål"))
    start_year = models.PositiveSmallIntegerField(_("från år"))
    end_year = models.PositiveSmallIntegerField(
        _("till och med år"),
        null=True,
        blank=True,
        help_text=_("Tomt om målet gäller tills vidare."),
    )
    order = models.PositiveIntegerField(_("ordning"), default=0)
    plan_rows = models.ManyToManyField(
        "plans.PlanRow", verbose_name=_("rader i handlingsplaner"), blank=True, related_name="goals"
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator", verbose_name=_("indikatorer"), blank=True, related_name="goals"
    )
    example = models.BooleanField(
        _("exempeldata"), default=False, help_text=_("Påhittat innehåll i demon.")
    )

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ("organisation", "order", "id")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="goal_end_after_start",
                violation_error_message=_("Slutåret kan inte ligga före startåret."),
            )
        ]

    def __str__(self) -> str:
        return self.text[:120]

    def get_absolute_url(self) -> str:
        return reverse("goals:goal_detail", args=[self.pk])

    def applies_to(self, year: int) -> bool:
        return self.start_year <= year and (self.end_year is None or year <= self.end_year)


class Assessment(models.Model):
    """How a goal went in one period: result, analysis and a rating. One per goal and period."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="assessments")
    period = models.CharField(
        _("period"), max_length=20, help_text=_("Ett år, till exempel 2019, eller 2024H2.")
    )
    result = models.TextField(_("resultat"), blank=True)
    analysis = models.TextField(_("analys"), blank=True)
    rating = models.CharField(
        _("bedömning"), max_length=16, choices=GoalRating.choices, default=GoalRating.NOT_ASSESSED
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bedömd av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assessed_by_name = models.CharField(_("bedömd av"), max_length=200, blank=True)
    assessed_at = models.DateTimeField(_("bedömd"), null=True, blank=True)

    class Meta:
        verbose_name = _("bedömning")
        verbose_name_plural = _("bedömningar")
        ordering = ("goal", "-period")
        constraints = [
            models.UniqueConstraint(
                fields=("goal", "period"),
                name="one_assessment_per_goal_and_period",
                violation_error_message=_("Målet har redan en bedömning för perioden."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.get_rating_display()}"

    @property
    def symbol(self) -> str:
        return GOAL_RATING_SYMBOLS[GoalRating(self.rating)]

    @property
    def sentence(self) -> str:
        return str(GOAL_RATING_SENTENCES[GoalRating(self.rating)])
