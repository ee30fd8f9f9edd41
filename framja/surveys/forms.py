"""Forms for building, sending and answering surveys."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from framja.core.forms import DateInput, Form
from framja.organisations.models import Organisation
from framja.surveys.models import Question, QuestionKind, Section, Survey


class SurveyForm(Form):
    title = forms.CharField(
        label=_("Namn"),
        max_length=200,
        help_text=_("Till exempel ”Enkät om jämlik hälsa”. Året anges för sig."),
    )
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    description = forms.CharField(
        label=_("Beskrivning och anvisning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    min_group = forms.IntegerField(
        label=_("Minsta antal svarande organisationer i en sammanställning"),
        min_value=1,
        max_value=50,
        help_text=_("Sammanställningar över färre organisationer visas inte för andra än er."),
    )


class SectionForm(Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    help_text = forms.CharField(
        label=_("Hjälptext"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class QuestionForm(Form):
    section = forms.ModelChoiceField(label=_("Avsnitt"), queryset=Section.objects.none())
    kind = forms.ChoiceField(label=_("Typ av fråga"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Fråga"), widget=forms.Textarea(attrs={"rows": 2}))
    help_text = forms.CharField(
        label=_("Hjälptext"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    required = forms.BooleanField(label=_("Frågan måste besvaras"), required=False)
    choices = forms.CharField(
        label=_("Svarsalternativ"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("För ett val och flera val: ett alternativ per rad."),
    )
    scale_labels = forms.CharField(
        label=_("Etiketter för skalan"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("För skala 1–5: fem rader, för 1 till 5. Lämna tomt för bara siffror."),
    )
    show_when = forms.ModelChoiceField(
        label=_("Visa bara när denna fråga besvaras med ja"),
        queryset=Question.objects.none(),
        required=False,
    )

    def __init__(
        self, *args: Any, survey: Survey, question: Question | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        section = self.fields["section"]
        assert isinstance(section, forms.ModelChoiceField)
        section.queryset = survey.sections.order_by("order", "id")
        condition = self.fields["show_when"]
        assert isinstance(condition, forms.ModelChoiceField)
        candidates = survey.questions.filter(kind=QuestionKind.YES_NO)
        if question is not None:
            candidates = candidates.exclude(pk=question.pk)
        condition.queryset = candidates.order_by("section__order", "order", "id")
        condition.empty_label = str(_("– Visas alltid –"))

    def clean_choices(self) -> list[str]:
        return _lines(self.cleaned_data["choices"])

    def clean_scale_labels(self) -> list[str]:
        return _lines(self.cleaned_data["scale_labels"])


class SendForm(Form):
    participants = forms.ModelMultipleChoiceField(
        label=_("Organisationer som ska svara"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    deadline = forms.DateField(label=_("Sista dag"), widget=DateInput())

    def __init__(self, *args: Any, choices: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["participants"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in choices]).order_by(
            "kind", "name"
        )

    def clean_deadline(self) -> datetime.date:
        deadline: datetime.date = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("Sista dag kan inte ha passerat redan."))
        return deadline


def _initial(question: Question, value: Any) -> Any:
    if value is None:
        return None
    if question.kind == QuestionKind.YES_NO:
        return "yes" if value else "no"
    if question.kind == QuestionKind.MULTIPLE:
        return list(value)
    if question.kind == QuestionKind.NUMBER:
        return str(value).replace(".", ",")
    return str(value)


class ResponseForm(Form):
    """One field per question, named ``q<id>``. The service checks values and requirements."""

    respondent_names = forms.CharField(
        label=_("Vilka har tagit fram svaren?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Namn och roll, en per rad."),
    )
    share_named = forms.BooleanField(
        label=_("Andra organisationer får se våra svar med vårt namn"),
        required=False,
        help_text=_(
            "Annars syns era svar för andra bara i sammanställningar över minst "
            "%(n)s organisationer. Den samordnande organisationen ser alltid era svar."
        ),
    )

    def __init__(
        self,
        *args: Any,
        questions: list[Question],
        values: dict[int, Any],
        min_group: int,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        share = self.fields["share_named"]
        share.help_text = str(share.help_text) % {"n": min_group}
        for question in questions:
            self.fields[question.field_name] = self._field(question)
            self.initial.setdefault(
                question.field_name, _initial(question, values.get(question.pk))
            )

    @staticmethod
    def _field(question: Question) -> forms.Field:
        common: dict[str, Any] = {
            "label": question.text,
            "help_text": question.help_text,
            "required": False,
        }
        kind = question.kind
        if kind == QuestionKind.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=question.options, widget=forms.CheckboxSelectMultiple, **common
            )
        if kind in (QuestionKind.YES_NO, QuestionKind.SINGLE, QuestionKind.SCALE):
            return forms.ChoiceField(choices=question.options, widget=forms.RadioSelect, **common)
        if kind == QuestionKind.NUMBER:
            return forms.CharField(
                max_length=40, widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common
            )
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)

    def answers(self) -> dict[int, Any]:
        return {q.pk: self.cleaned_data.get(q.field_name) for q in self.questions}

    def question_fields(self) -> dict[int, forms.BoundField]:
        return {q.pk: self[q.field_name] for q in self.questions}


class SharingForm(Form):
    share_named = forms.BooleanField(
        label=_("Andra organisationer får se våra svar med vårt namn"), required=False
    )
