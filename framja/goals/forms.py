"""Forms for goals and their assessments."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from framja.core.concurrency import set_initial_token, token_field
from framja.core.forms import Form, ModelForm
from framja.goals.models import Goal, GoalRating
from framja.indicators.models import Indicator
from framja.organisations.models import Organisation
from framja.plans.models import PlanRow


class PlanRowChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.plan.year} – {obj.title}"


class GoalForm(ModelForm):
    edit_token = token_field()
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indikatorer"),
        queryset=Indicator.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Indikatorerna som visar om målet nås."),
    )
    plan_rows = PlanRowChoiceField(
        label=_("Rader i handlingsplaner"),
        queryset=PlanRow.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Raderna i organisationens planer som arbetar mot målet."),
    )

    class Meta:
        model = Goal
        fields = ("heading", "text", "start_year", "end_year", "plan_rows", "indicators")
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_initial_token(self, self.instance)
        field = self.fields["plan_rows"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = (
            PlanRow.objects.filter(plan__organisation=organisation)
            .select_related("plan")
            .order_by("-plan__year", "plan_id", "order")
        )


class AssessmentForm(Form):
    rating = forms.ChoiceField(
        label=_("Bedömning"), choices=GoalRating.choices, widget=forms.RadioSelect
    )
    result = forms.CharField(
        label=_("Resultat"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Vad som blev gjort. En rad som börjar med ”- ” blir en punkt."),
    )
    analysis = forms.CharField(
        label=_("Analys"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Varför det gick som det gick, och vad det betyder framåt."),
    )
