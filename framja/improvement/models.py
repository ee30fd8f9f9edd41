"""Improvement cycles of local collaborations (seed 004's five-step method): inventory with
question templates (Bilaga 1), analysis (Bilaga 2), PDSA cycles, anchoring decisions in DOT
and DST, and follow-up with indicators and process measures."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Step(models.IntegerChoices):
    """The five steps of the method, in order."""

    INVENTORY = 1, _("nulägesinventering")
    ANALYSIS = 2, _("analys")
    ANCHORING = 3, _("förankring")
    IMPLEMENTATION = 4, _("implementering")
    FOLLOW_UP = 5, _("uppföljning")


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("ej påbörjat")
    IN_PROGRESS = "in_progress", _("pågår")
    DONE = "done", _("klart")


# Shown beside the text, never instead of it: colour alone carries no meaning.
STEP_STATUS_SYMBOLS = {
    StepStatus.NOT_STARTED: "○",
    StepStatus.IN_PROGRESS: "◐",
    StepStatus.DONE: "✓",
}


class QuestionTemplate(models.Model):
    """A set of inventory questions. The default one holds the questions of Bilaga 1;
    an organisation's administrators may make their own."""

    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    owner = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("ägare"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="question_templates",
        help_text=_("Tomt för standardmallen, som alla kan använda."),
    )
    is_default = models.BooleanField(_("standardmall"), default=False, editable=False)

    class Meta:
        verbose_name = _("frågemall")
        verbose_name_plural = _("frågemallar")
        ordering = ("-is_default", "name", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("is_default",),
                condition=models.Q(is_default=True),
                name="one_default_question_template",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    """One question of a template, in order."""

    template = models.ForeignKey(
        QuestionTemplate, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveIntegerField(_("ordning"), default=0)
    text = models.TextField(_("fråga"))

    class Meta:
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        ordering = ("template", "order", "id")

    def __str__(self) -> str:
        return self.text[:120]


class Cycle(models.Model):
    """One run of the five-step method by an organisation, usually a local collaboration,
    in the service of a plan."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="improvement_cycles",
    )
    title = models.CharField(_("rubrik"), max_length=200)
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("handlingsplan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="improvement_cycles",
        help_text=_("Planen som arbetet tjänar, till exempel den delregionala handlingsplanen."),
    )
    template = models.ForeignKey(
        QuestionTemplate,
        verbose_name=_("frågemall"),
        on_delete=models.PROTECT,
        related_name="cycles",
    )
    current_step = models.PositiveSmallIntegerField(
        _("aktuellt steg"), choices=Step.choices, default=Step.INVENTORY
    )
    strengths = models.TextField(_("styrkor"), blank=True)
    challenges = models.TextField(_("utmaningar"), blank=True)
    improvement_ideas = models.TextField(
        _("aktiviteter som kan leda till förbättring"),
        blank=True,
        help_text=_("Och hur ni vet att de leder till en förbättring för invånaren."),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    example = models.BooleanField(
        _("exempeldata"), default=False, help_text=_("Påhittat innehåll i demon.")
    )

    class Meta:
        verbose_name = _("förbättringscykel")
        verbose_name_plural = _("förbättringscykler")
        ordering = ("organisation", "-created_at", "id")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "improvement:cycle_detail", kwargs={"slug": self.organisation.slug, "pk": self.pk}
        )


class CycleStep(models.Model):
    """One step of a cycle: its status, the week it is planned for, dates and who takes part."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="steps")
    step = models.PositiveSmallIntegerField(_("steg"), choices=Step.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )
    planned_year = models.PositiveSmallIntegerField(
        _("planerat år"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    planned_week = models.PositiveSmallIntegerField(
        _("planerad vecka"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(53)],
        help_text=_("Veckan steget är planerat till, som ”v.” i Bilaga 1."),
    )
    due_date = models.DateField(
        _("klart senast"),
        null=True,
        blank=True,
        help_text=_("Tomt: steget ska vara klart i slutet av den planerade veckan."),
    )
    started_on = models.DateField(_("påbörjat"), null=True, blank=True)
    completed_on = models.DateField(_("avslutat"), null=True, blank=True)
    participants = models.TextField(
        _("vem är med"), blank=True, help_text=_("Vem är med vid inventeringen, analysen …")
    )
    note = models.TextField(_("anteckning"), blank=True)

    class Meta:
        verbose_name = _("steg")
        verbose_name_plural = _("steg")
        ordering = ("cycle", "step")
        constraints = [
            models.UniqueConstraint(fields=("cycle", "step"), name="one_step_per_cycle_and_step"),
            models.CheckConstraint(
                condition=models.Q(planned_week__isnull=True)
                | models.Q(planned_year__isnull=False),
                name="cycle_step_week_has_year",
                violation_error_message=_("Ange året för den planerade veckan."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_step_display())

    def clean(self) -> None:
        if self.planned_week and self.planned_year:
            try:
                datetime.date.fromisocalendar(self.planned_year, self.planned_week, 7)
            except ValueError:
                raise ValidationError({"planned_week": _("Året har ingen sådan vecka.")}) from None
        if self.started_on and self.completed_on and self.completed_on < self.started_on:
            raise ValidationError(
                {"completed_on": _("Steget kan inte avslutas innan det påbörjats.")}
            )

    @property
    def due(self) -> datetime.date | None:
        """Return the day the step should be done: its own date, or the planned week's Sunday."""
        if self.due_date is not None:
            return self.due_date
        if self.planned_year and self.planned_week:
            try:
                return datetime.date.fromisocalendar(self.planned_year, self.planned_week, 7)
            except ValueError:
                return None
        return None

    def is_late(self, today: datetime.date | None = None) -> bool:
        due = self.due
        return (
            self.status != StepStatus.DONE
            and due is not None
            and due < (today or timezone.localdate())
        )

    @property
    def symbol(self) -> str:
        return STEP_STATUS_SYMBOLS[StepStatus(self.status)]

    @property
    def week_label(self) -> str:
        if self.planned_week and self.planned_year:
            return f"v. {self.planned_week} {self.planned_year}"
        return ""


class Answer(models.Model):
    """A cycle's answer to one inventory question."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(_("svar"), blank=True)

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        ordering = ("cycle", "question__order", "question_id")
        constraints = [
            models.UniqueConstraint(
                fields=("cycle", "question"), name="one_answer_per_cycle_and_question"
            )
        ]

    def __str__(self) -> str:
        return self.text[:120]


class AnalysisTopic(models.TextChoices):
    """The questions of Bilaga 2, "Att göra i lokalsamverkan"."""

    CURRENT_SHARED = (
        "current_shared",
        _("Vilka är ”våra” nuvarande gemensamma medborgare/patienter?"),
    )
    FUTURE_SHARED = "future_shared", _("Vilka kan bli framtida gemensamma medborgare/patienter?")
    CREATE_TOGETHER = (
        "create_together",
        _(
            "Hur, vad kan vi tillsammans skapa ett undvikbart förtidigt insjuknande och behålla "
            "sig friska längre?"
        ),
    )
    COLLABORATION = (
        "collaboration",
        _(
            "Hur sker samverkan utifrån medborgarens/patientens behov inkl. "
            "informationsöverföring, planering, riskbedömning etc.?"
        ),
    )


class Finding(models.Model):
    """A cycle's analysis of one Bilaga 2 question: what was found, the next steps and how
    they are followed up."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="findings")
    topic = models.CharField(_("fråga"), max_length=20, choices=AnalysisTopic.choices)
    found = models.TextField(_("vad har upptäckts?"), blank=True)
    next_steps = models.TextField(
        _("nästa steg"),
        blank=True,
        help_text=_("Konkreta åtgärder och aktiviteter (PDSA): vad, vem, när, hur, uppföljning."),
    )
    follow_up_when = models.CharField(_("uppföljning när"), max_length=200, blank=True)
    follow_up_how = models.CharField(_("uppföljning hur"), max_length=300, blank=True)
    follow_up_what = models.CharField(_("uppföljning vad"), max_length=300, blank=True)
    follow_up_by = models.CharField(_("uppföljning av vem"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("analys")
        verbose_name_plural = _("analyser")
        ordering = ("cycle", "id")
        constraints = [
            models.UniqueConstraint(fields=("cycle", "topic"), name="one_finding_per_topic")
        ]

    def __str__(self) -> str:
        return str(self.get_topic_display())


class ActDecision(models.TextChoices):
    ADOPT = "adopt", _("införa")
    ADAPT = "adapt", _("anpassa")
    ABANDON = "abandon", _("överge")


class PDSACycle(models.Model):
    """A Plan-Do-Study-Act cycle. Cycles chain: each may follow an earlier one, whose Act
    (adopt, adapt, abandon) led to it."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="pdsa_cycles")
    number = models.PositiveSmallIntegerField(_("nummer"), editable=False)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("föregående PDSA-cykel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_cycle",
    )
    title = models.CharField(_("rubrik"), max_length=200)
    what = models.TextField(_("vad"), blank=True)
    why = models.TextField(_("varför"), blank=True)
    how = models.TextField(_("hur"), blank=True)
    when = models.CharField(_("när"), max_length=200, blank=True)
    who = models.CharField(_("vem"), max_length=200, blank=True)
    follow_up = models.TextField(_("hur det följs upp"), blank=True)
    prediction = models.TextField(_("förutsägelse"), blank=True)
    do_notes = models.TextField(
        _("genomförande"), blank=True, help_text=_("Vad hände när ni gjorde det?")
    )
    study_notes = models.TextField(
        _("studera"), blank=True, help_text=_("Resultatet jämfört med förutsägelsen.")
    )
    act = models.CharField(_("agera"), max_length=10, choices=ActDecision.choices, blank=True)
    act_notes = models.TextField(_("agera, motivering"), blank=True)
    plan_rows = models.ManyToManyField(
        "plans.PlanRow", verbose_name=_("rader i handlingsplaner"), blank=True, related_name="+"
    )
    patient_promises = models.ManyToManyField(
        "catalog.PatientPromise", verbose_name=_("patientlöften"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("PDSA-cykel")
        verbose_name_plural = _("PDSA-cykler")
        ordering = ("cycle", "number")
        constraints = [
            models.UniqueConstraint(fields=("cycle", "number"), name="one_pdsa_number_per_cycle")
        ]

    def __str__(self) -> str:
        return f"PDSA {self.number}: {self.title}"


class StudyValue(models.Model):
    """An indicator value linked to a PDSA cycle's Study, kept as it was when linked."""

    pdsa = models.ForeignKey(PDSACycle, on_delete=models.CASCADE, related_name="study_values")
    indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("indikator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.ForeignKey(
        "indicators.Place", verbose_name=_("plats"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField(_("period"), max_length=7)
    sex = models.CharField(_("kön"), max_length=1, default="T")
    value = models.FloatField(_("värde"), null=True, blank=True)

    class Meta:
        verbose_name = _("kopplat indikatorvärde")
        verbose_name_plural = _("kopplade indikatorvärden")
        ordering = ("pdsa", "indicator__name", "period", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("pdsa", "indicator", "place", "period", "sex"),
                name="one_study_value_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.place} {self.period}: {self.value}"


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", _("godkänt")
    RETURNED = "returned", _("återremitterat")
    REJECTED = "rejected", _("avslaget")


class Body(models.TextChoices):
    """The bodies a proposal passes, in order."""

    DOT = "dot", _("DOT (delregional operativ grupp)")
    DST = "dst", _("DST (delregional styrgrupp)")


class DecisionChangeError(ValidationError):
    """An anchoring decision is final: it cannot be changed or removed."""


class DecisionQuerySet(models.QuerySet["AnchoringDecision"]):
    """Decisions are added one by one and never changed or removed in bulk either."""

    def update(self, **kwargs: Any) -> int:
        raise DecisionChangeError(_("Ett förankringsbeslut kan inte ändras i efterhand."))

    def delete(self) -> tuple[int, dict[str, int]]:
        raise DecisionChangeError(_("Ett förankringsbeslut kan inte tas bort."))


class AnchoringDecision(models.Model):
    """What a body (DOT, then DST) decided on a cycle's proposal, on a meeting date.

    Written once and never changed: ``save()`` refuses an existing row, ``delete()`` and the
    queryset's ``update()`` and ``delete()`` refuse always, and database triggers (migration
    0001) refuse an UPDATE, and on PostgreSQL a DELETE, that goes around the model.
    ``snapshot`` is the proposal and the cycle as they were decided on.
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="decisions")
    body = models.CharField(_("instans"), max_length=3, choices=Body.choices)
    body_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    meeting_date = models.DateField(_("mötesdatum"))
    outcome = models.CharField(_("beslut"), max_length=10, choices=DecisionOutcome.choices)
    minutes_reference = models.CharField(
        _("protokoll"), max_length=300, help_text=_("Till exempel ”Protokoll DOT 2026-03-12, § 4”.")
    )
    proposal = models.TextField(_("förslag"))
    comment = models.TextField(_("kommentar"), blank=True)
    snapshot = models.JSONField(_("det som beslutades"), editable=False)
    recorded_at = models.DateTimeField(_("registrerat"), auto_now_add=True)
    # A name, not a link to the user: removing a user must not have to change the decision.
    recorded_by_name = models.CharField(_("registrerat av"), max_length=200, blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("förankringsbeslut")
        verbose_name_plural = _("förankringsbeslut")
        ordering = ("cycle", "meeting_date", "id")

    def __str__(self) -> str:
        return (
            f"{self.get_body_display()} {self.meeting_date:%Y-%m-%d}: {self.get_outcome_display()}"
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise DecisionChangeError(_("Ett förankringsbeslut kan inte ändras i efterhand."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise DecisionChangeError(_("Ett förankringsbeslut kan inte tas bort."))


class MeasureKind(models.TextChoices):
    INDICATOR = "indicator", _("indikator")
    PROCESS = "process", _("processmått")


class FollowUpMeasure(models.Model):
    """Something the cycle follows up: an indicator (from the catalogue or the
    collaboration's own) or a process measure."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("typ"), max_length=10, choices=MeasureKind.choices)
    name = models.CharField(_("namn"), max_length=300)
    indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("indikator i katalogen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    subregional = models.BooleanField(
        _("delregional"),
        default=False,
        help_text=_("Ett av de mått som följs övergripande i hela delregionen."),
    )
    order = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("uppföljningsmått")
        verbose_name_plural = _("uppföljningsmått")
        ordering = ("cycle", "order", "id")

    def __str__(self) -> str:
        return self.name


class FollowUpValue(models.Model):
    """A result of a follow-up measure on a date ("Resultat", "Datum")."""

    measure = models.ForeignKey(FollowUpMeasure, on_delete=models.CASCADE, related_name="values")
    date = models.DateField(_("datum"))
    result = models.CharField(_("resultat"), max_length=300)
    value = models.FloatField(_("värde"), null=True, blank=True)
    note = models.TextField(_("kommentar"), blank=True)

    class Meta:
        verbose_name = _("uppföljningsresultat")
        verbose_name_plural = _("uppföljningsresultat")
        ordering = ("measure", "-date", "-id")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}: {self.result}"
