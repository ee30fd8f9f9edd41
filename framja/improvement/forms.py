"""Forms for improvement cycles."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from framja.catalog.models import PatientPromise
from framja.core.forms import DateInput, Form, ModelForm
from framja.improvement.models import (
    AnchoringDecision,
    Body,
    Cycle,
    CycleStep,
    Finding,
    FollowUpMeasure,
    FollowUpValue,
    PDSACycle,
    QuestionTemplate,
)
from framja.indicators.models import Indicator, Place, Sex
from framja.organisations.models import Organisation, OrganisationKind
from framja.plans.models import Plan, PlanRow


def _within(organisation: Organisation) -> list[int]:
    return [organisation.pk, *organisation.ancestor_ids]


class PlanRowChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.plan.title} ({obj.plan.year}) – {obj.title}"


class CycleForm(ModelForm):
    inventory_year = forms.IntegerField(
        label=_("Inventeringen planerad år"), required=False, min_value=2000, max_value=2100
    )
    inventory_week = forms.IntegerField(
        label=_("Inventeringen planerad vecka"),
        required=False,
        min_value=1,
        max_value=53,
        help_text=_("Veckan inventeringen görs, som ”v.” i Bilaga 1."),
    )
    participants = forms.CharField(
        label=_("Vem är med vid inventeringen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Cycle
        fields = ("title", "plan", "template")

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan = self.fields["plan"]
        template = self.fields["template"]
        assert isinstance(plan, forms.ModelChoiceField)
        assert isinstance(template, forms.ModelChoiceField)
        plan.queryset = (
            Plan.objects.filter(organisation_id__in=_within(organisation))
            .select_related("organisation")
            .order_by("-year", "title")
        )
        template.queryset = QuestionTemplate.objects.filter(
            Q(owner__isnull=True) | Q(owner_id__in=_within(organisation))
        ).order_by("-is_default", "name")
        template.required = False
        template.help_text = _("Tomt: standardmallen med frågorna ur Bilaga 1.")
        if self.instance.pk:
            for name in ("template", "inventory_year", "inventory_week", "participants"):
                del self.fields[name]


class StepForm(ModelForm):
    class Meta:
        model = CycleStep
        fields = (
            "status",
            "planned_year",
            "planned_week",
            "due_date",
            "started_on",
            "completed_on",
            "participants",
            "note",
        )
        widgets = {
            "status": forms.RadioSelect,
            "due_date": DateInput(),
            "started_on": DateInput(),
            "completed_on": DateInput(),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class AnswersForm(Form):
    """One text field per question of the cycle's template."""

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        answers = {a.question_id: a.text for a in cycle.answers.all()}
        for number, question in enumerate(cycle.template.questions.order_by("order", "id"), 1):
            self.fields[f"q{question.pk}"] = forms.CharField(
                label=f"{number}. {question.text}",
                required=False,
                initial=answers.get(question.pk, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def answers(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class AnalysisForm(ModelForm):
    class Meta:
        model = Cycle
        fields = ("strengths", "challenges", "improvement_ideas")
        labels = {
            "strengths": _("Vilka styrkor har ni uppmärksammat vid er inventering?"),
            "challenges": _("Vilka utmaningar har ni uppmärksammat vid er inventering?"),
            "improvement_ideas": _(
                "Vilka aktiviteter kan leda till förbättring för invånaren (patienten)?"
            ),
        }
        widgets = {
            "strengths": forms.Textarea(attrs={"rows": 3}),
            "challenges": forms.Textarea(attrs={"rows": 3}),
            "improvement_ideas": forms.Textarea(attrs={"rows": 3}),
        }


class FindingForm(ModelForm):
    class Meta:
        model = Finding
        fields = (
            "found",
            "next_steps",
            "follow_up_when",
            "follow_up_how",
            "follow_up_what",
            "follow_up_by",
        )
        widgets = {
            "found": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }


class PDSAForm(ModelForm):
    plan_rows = PlanRowChoiceField(
        label=_("Rader i handlingsplaner"),
        queryset=PlanRow.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    patient_promises = forms.ModelMultipleChoiceField(
        label=_("Patientlöften"),
        queryset=PatientPromise.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = PDSACycle
        fields = (
            "title",
            "previous",
            "what",
            "why",
            "how",
            "when",
            "who",
            "follow_up",
            "prediction",
            "do_notes",
            "study_notes",
            "act",
            "act_notes",
            "plan_rows",
            "patient_promises",
        )
        labels = {
            "what": _("Plan: vad vill ni göra?"),
            "why": _("Plan: varför?"),
            "how": _("Plan: hur, på vilket sätt?"),
            "when": _("Plan: när ska det ske?"),
            "who": _("Plan: vem ska utföra?"),
            "follow_up": _("Plan: hur ska det följas upp?"),
            "prediction": _("Plan: vad förutsäger ni ska hända?"),
            "do_notes": _("Gör: vad hände?"),
            "study_notes": _("Studera: resultatet jämfört med förutsägelsen"),
            "act": _("Agera"),
            "act_notes": _("Agera: motivering och nästa steg"),
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "what",
                "why",
                "how",
                "follow_up",
                "prediction",
                "do_notes",
                "study_notes",
                "act_notes",
            )
        }

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = cycle.organisation
        rows = self.fields["plan_rows"]
        promises = self.fields["patient_promises"]
        previous = self.fields["previous"]
        assert isinstance(rows, forms.ModelMultipleChoiceField)
        assert isinstance(promises, forms.ModelMultipleChoiceField)
        assert isinstance(previous, forms.ModelChoiceField)
        rows.queryset = (
            PlanRow.objects.filter(plan__organisation_id__in=_within(organisation))
            .select_related("plan")
            .order_by("-plan__year", "plan_id", "order")
        )
        promises.queryset = PatientPromise.objects.valid().order_by("owner", "order")
        self.fields["act"].widget = forms.RadioSelect(
            choices=[("", _("inte bestämt än")), *PDSACycle._meta.get_field("act").choices]  # type: ignore[misc]
        )
        if self.instance.pk:
            del self.fields["previous"]
        else:
            previous.queryset = PDSACycle.objects.filter(
                cycle=cycle, next_cycle__isnull=True
            ).exclude(act="")
            previous.help_text = _("Den PDSA-cykel vars Agera ledde fram till den här.")


class StudyValueForm(Form):
    indicator = forms.ModelChoiceField(label=_("Indikator"), queryset=Indicator.objects.all())
    place = forms.ModelChoiceField(
        label=_("Plats"), queryset=Place.objects.exclude(level="unit").order_by("level", "name")
    )
    period = forms.CharField(label=_("Period"), max_length=7, help_text=_("Till exempel 2025."))
    sex = forms.ChoiceField(label=_("Kön"), choices=Sex.choices, initial=Sex.TOTAL)


class DecisionForm(ModelForm):
    class Meta:
        model = AnchoringDecision
        fields = (
            "body",
            "body_organisation",
            "meeting_date",
            "outcome",
            "minutes_reference",
            "proposal",
            "comment",
        )
        widgets = {
            "body": forms.RadioSelect,
            "outcome": forms.RadioSelect,
            "meeting_date": DateInput(),
            "proposal": forms.Textarea(attrs={"rows": 4}),
            "comment": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"proposal": _("Förslaget som beslutet gäller, som det lades fram.")}

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["body_organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        parent = cycle.organisation.parent
        field.queryset = Organisation.objects.filter(
            kind__in=[OrganisationKind.OPERATIVE_GROUP, OrganisationKind.STEERING_GROUP],
            path__startswith=(parent or cycle.organisation).path,
        ).order_by("name")
        field.label = _("Gruppen som beslutade")
        self.fields["body"].choices = Body.choices  # type: ignore[attr-defined]


class MeasureForm(ModelForm):
    class Meta:
        model = FollowUpMeasure
        fields = ("kind", "indicator", "name")
        widgets = {"kind": forms.RadioSelect}
        help_texts = {
            "name": _("Tomt för en indikator ur katalogen: då används indikatorns namn."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False


class FollowUpValueForm(ModelForm):
    class Meta:
        model = FollowUpValue
        fields = ("date", "result", "value", "note")
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"value": _("Om resultatet är ett tal, för att kunna jämföra över tid.")}


class TemplateForm(ModelForm):
    questions = forms.CharField(
        label=_("Frågor"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("En fråga per rad."),
    )

    class Meta:
        model = QuestionTemplate
        fields = ("name", "description")
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["questions"] = "\n".join(
                self.instance.questions.order_by("order").values_list("text", flat=True)
            )

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["questions"].splitlines()]
