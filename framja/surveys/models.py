"""Surveys to member organisations: questionnaires, their versions, responses and answers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SurveyState(models.TextChoices):
    DRAFT = "draft", _("utkast")
    SENT = "sent", _("skickad")
    CLOSED = "closed", _("avslutad")


class Survey(models.Model):
    """A questionnaire a coordinating organisation sends to a set of organisations.

    Once sent it is frozen: its questions cannot change. Next year's survey is a new version
    copied from it (``previous``), so each question can be compared year on year.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("samordnande organisation"),
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    title = models.CharField(_("namn"), max_length=200)
    year = models.PositiveSmallIntegerField(_("år"))
    description = models.TextField(_("beskrivning"), blank=True)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("förra versionen"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_versions",
    )
    state = models.CharField(
        _("läge"), max_length=10, choices=SurveyState.choices, default=SurveyState.DRAFT
    )
    deadline = models.DateField(_("sista dag"), null=True, blank=True)
    min_group = models.PositiveSmallIntegerField(
        _("minsta antal organisationer i en sammanställning"),
        default=3,
        help_text=_("Sammanställningar över färre svarande organisationer visas inte för andra."),
    )
    example = models.BooleanField(
        _("exempeldata"), default=False, help_text=_("Påhittade svar i demon.")
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skickad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("enkät")
        verbose_name_plural = _("enkäter")
        ordering = ("-year", "title", "id")

    def __str__(self) -> str:
        return f"{self.title} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.state == SurveyState.DRAFT

    @property
    def is_open(self) -> bool:
        return self.state == SurveyState.SENT


class Section(models.Model):
    """A titled part of a survey, holding questions in order."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("rubrik"), max_length=200)
    help_text = models.TextField(_("hjälptext"), blank=True)
    order = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        ordering = ("survey", "order", "id")

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    YES_NO = "yes_no", _("ja/nej")
    SINGLE = "single", _("ett val")
    MULTIPLE = "multiple", _("flera val")
    SCALE = "scale", _("skala 1–5")
    NUMBER = "number", _("tal")
    TEXT = "text", _("fritext")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
SCALE_VALUES = (1, 2, 3, 4, 5)


class Question(models.Model):
    """A question of a survey; ``show_when`` makes it shown only when a yes/no question is yes."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(_("ordning"), default=0)
    kind = models.CharField(_("typ"), max_length=10, choices=QuestionKind.choices)
    text = models.TextField(_("fråga"))
    help_text = models.TextField(_("hjälptext"), blank=True)
    required = models.BooleanField(_("obligatorisk"), default=False)
    choices = models.JSONField(
        _("svarsalternativ"), default=list, blank=True, help_text=_("För ett val och flera val.")
    )
    scale_labels = models.JSONField(
        _("etiketter för skalan"),
        default=list,
        blank=True,
        help_text=_("Fem etiketter, för 1 till 5."),
    )
    show_when = models.ForeignKey(
        "self",
        verbose_name=_("visas bara när denna fråga besvaras med ja"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependants",
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("samma fråga förra versionen"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        ordering = ("survey", "section__order", "section_id", "order", "id")

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"

    @property
    def options(self) -> list[tuple[str, str]]:
        """Return the (value, label) pairs a respondent chooses from."""
        if self.kind == QuestionKind.YES_NO:
            return [("yes", str(_("Ja"))), ("no", str(_("Nej")))]
        if self.kind in CHOICE_KINDS:
            return [(str(c), str(c)) for c in self.choices]
        if self.kind == QuestionKind.SCALE:
            labels = list(self.scale_labels) + [""] * 5
            return [
                (str(v), f"{v} – {labels[v - 1]}" if labels[v - 1] else str(v))
                for v in SCALE_VALUES
            ]
        return []


class ResponseState(models.TextChoices):
    NOT_STARTED = "not_started", _("ej påbörjad")
    DRAFT = "draft", _("utkast")
    SUBMITTED = "submitted", _("inlämnad")


RESPONSE_SYMBOLS = {
    ResponseState.NOT_STARTED: "○",
    ResponseState.DRAFT: "◐",
    ResponseState.SUBMITTED: "✓",
}


class Response(models.Model):
    """One organisation's answers to a survey, with the people who answered."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="survey_responses",
    )
    state = models.CharField(
        _("läge"), max_length=12, choices=ResponseState.choices, default=ResponseState.NOT_STARTED
    )
    share_named = models.BooleanField(
        _("andra organisationer får se våra svar med vårt namn"),
        default=False,
        help_text=_("Annars syns era svar för andra bara i sammanställningar."),
    )
    respondents = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("svarande"),
        blank=True,
        related_name="survey_responses",
    )
    respondent_names = models.TextField(
        _("svarande"), blank=True, help_text=_("Namn på dem som tagit fram svaren, ett per rad.")
    )
    updated_at = models.DateTimeField(_("senast sparad"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("inlämnad"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("senast påmind"), null=True, blank=True)
    example = models.BooleanField(
        _("exempeldata"), default=False, help_text=_("Påhittade svar i demon.")
    )

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        ordering = ("survey", "organisation__path")
        constraints = [
            models.UniqueConstraint(
                fields=("survey", "organisation"), name="one_response_per_survey_and_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey} – {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("surveys:response", args=[self.survey_id, self.organisation.slug])

    @property
    def symbol(self) -> str:
        return RESPONSE_SYMBOLS[ResponseState(self.state)]

    @property
    def is_submitted(self) -> bool:
        return self.state == ResponseState.SUBMITTED


class Answer(models.Model):
    """The answer to one question: True/False, a choice, choices, 1–5, a number or text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(_("svar"), null=True, blank=True)

    class Meta:
        verbose_name = _("svar på fråga")
        verbose_name_plural = _("svar på frågor")
        constraints = [
            models.UniqueConstraint(
                fields=("response", "question"), name="one_answer_per_response_and_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value!r}"


def answer_text(question: Question, value: Any) -> str:
    """Return an answer as the text a reader sees."""
    if value is None or value == "" or value == []:
        return ""
    if question.kind == QuestionKind.YES_NO:
        return str(_("Ja")) if value else str(_("Nej"))
    if question.kind == QuestionKind.MULTIPLE:
        return ", ".join(str(v) for v in value)
    if question.kind == QuestionKind.SCALE:
        labels = dict(question.options)
        return labels.get(str(value), str(value))
    if question.kind == QuestionKind.NUMBER:
        number = float(value)
        return str(int(number)) if number.is_integer() else str(number).replace(".", ",")
    return str(value)
