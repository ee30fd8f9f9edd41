"""Forms for rounds, submissions, feedback and the annual report's texts."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from framja.core.forms import DateInput, Form, ModelForm
from framja.goals.models import GoalRating
from framja.goals.selectors import GoalView
from framja.organisations.models import Organisation
from framja.reporting.models import AnnualReport, Feedback, ReportingRound, RoundState


class OrganisationChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        indent = "\u2003" * max(0, obj.depth - self.base_depth)
        return f"{indent}{obj.name}"

    base_depth = 0


class RoundForm(Form):
    title = forms.CharField(
        label=_("Namn"),
        max_length=200,
        help_text=_("Till exempel ”Verksamhetsberättelse 2019” eller ”RAG-rapport hösten 2024”."),
    )
    period = forms.CharField(
        label=_("Period"),
        max_length=20,
        help_text=_("Året som rapporteras, t.ex. 2019, eller en del av året, t.ex. 2024H2."),
    )
    deadline = forms.DateField(label=_("Sista dag"), widget=DateInput())
    participants = OrganisationChoices(
        label=_("Organisationer som rapporterar"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    include_feedback = forms.BooleanField(
        label=_("Fråga också efter återkoppling utifrån handlingsplanen"),
        required=False,
        help_text=_("Framgångar, områden utan framgång och förändringar inför nästa år."),
    )
    instructions = forms.CharField(
        label=_("Instruktioner"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, organisation: Organisation, choices: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["participants"]
        assert isinstance(field, OrganisationChoices)
        field.queryset = choices
        field.base_depth = organisation.depth
        if not self.is_bound:
            self.initial.setdefault(
                "participants", [o.pk for o in choices if o.parent_id == organisation.pk]
            )

    def clean_period(self) -> str:
        from framja.goals.services import period_year

        period = str(self.cleaned_data["period"]).strip()
        period_year(period)
        return period

    def clean_deadline(self) -> datetime.date:
        deadline: datetime.date = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("Sista dag kan inte ha passerat redan."))
        return deadline


FEEDBACK_FORM_FIELDS = (
    "success_1",
    "success_1_factors",
    "success_2",
    "success_2_factors",
    "setback_1",
    "setback_1_analysis",
    "setback_1_improvements",
    "setback_2",
    "setback_2_analysis",
    "setback_2_improvements",
    "new_chair",
    "new_process_support",
    "other_changes",
)


class FeedbackForm(ModelForm):
    class Meta:
        model = Feedback
        fields = FEEDBACK_FORM_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in FEEDBACK_FORM_FIELDS
            if name not in ("new_chair", "new_process_support")
        }


class SubmissionForm(Form):
    """A submission: one assessment per goal, a summary, and the feedback when asked for."""

    summary = forms.CharField(
        label=_("Sammanfattning"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Det viktigaste från perioden, med egna ord."),
    )

    def __init__(
        self,
        *args: Any,
        goals: list[GoalView],
        feedback: Feedback | None,
        include_feedback: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.goals = goals
        for view in goals:
            pk = view.goal.pk
            assessment = view.assessment
            self.fields[f"rating_{pk}"] = forms.ChoiceField(
                label=_("Bedömning"),
                choices=GoalRating.choices,
                widget=forms.RadioSelect,
                initial=assessment.rating if assessment else GoalRating.NOT_ASSESSED,
            )
            self.fields[f"result_{pk}"] = forms.CharField(
                label=_("Resultat"),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=assessment.result if assessment else "",
            )
            self.fields[f"analysis_{pk}"] = forms.CharField(
                label=_("Analys"),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=assessment.analysis if assessment else "",
            )
        self.feedback_names: list[str] = []
        if include_feedback:
            template = FeedbackForm(instance=feedback)
            for name in FEEDBACK_FORM_FIELDS:
                self.fields[f"feedback_{name}"] = template.fields[name]
                self.initial[f"feedback_{name}"] = getattr(feedback, name) if feedback else ""
                self.feedback_names.append(name)

    def goal_fields(self) -> list[tuple[GoalView, Any, Any, Any]]:
        """Each goal with its bound rating, result and analysis fields, for the template."""
        return [
            (
                view,
                self[f"rating_{view.goal.pk}"],
                self[f"result_{view.goal.pk}"],
                self[f"analysis_{view.goal.pk}"],
            )
            for view in self.goals
        ]

    def feedback_fields(self) -> list[Any]:
        return [self[f"feedback_{name}"] for name in self.feedback_names]

    def feedback_data(self) -> dict[str, str] | None:
        if not self.feedback_names:
            return None
        return {name: self.cleaned_data[f"feedback_{name}"] for name in self.feedback_names}


class AnnualReportForm(ModelForm):
    class Meta:
        model = AnnualReport
        fields = ("foreword_heading", "foreword", "foreword_signed_by", "events", "round")
        widgets = {
            "foreword": forms.Textarea(attrs={"rows": 8}),
            "foreword_signed_by": forms.Textarea(attrs={"rows": 4}),
            "events": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["round"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = ReportingRound.objects.filter(
            organisation=organisation, state=RoundState.CLOSED
        )
        field.required = False


class ReportSectionForm(Form):
    heading = forms.CharField(label=_("Rubrik"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("En rad som börjar med ”- ” blir en punkt, ”### ” en underrubrik."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("body") and not data.get("heading"):
            self.add_error("heading", _("Ett avsnitt med text behöver en rubrik."))
        return data


ReportSectionFormSet = forms.formset_factory(ReportSectionForm, extra=2)
