"""Forms for catalogue entries."""

from django import forms

from framja.catalog.models import (
    NationalEffortArea,
    PatientPromise,
    PublicHealthGoal,
    PublicHealthTargetArea,
)
from framja.core.forms import DateInput, ModelForm

_DATES = {"valid_from": DateInput(), "valid_to": DateInput()}


class PatientPromiseForm(ModelForm):
    class Meta:
        model = PatientPromise
        fields = ("owner", "text", "valid_from", "valid_to")
        widgets = _DATES


class PublicHealthGoalForm(ModelForm):
    class Meta:
        model = PublicHealthGoal
        fields = ("text", "valid_from", "valid_to")
        widgets = {**_DATES, "text": forms.Textarea(attrs={"rows": 3})}


class TargetAreaForm(ModelForm):
    class Meta:
        model = PublicHealthTargetArea
        fields = ("goal", "number", "name", "description", "valid_from", "valid_to")
        widgets = {**_DATES, "description": forms.Textarea(attrs={"rows": 3})}


class EffortAreaForm(ModelForm):
    class Meta:
        model = NationalEffortArea
        fields = ("name", "parent", "description", "valid_from", "valid_to")
        widgets = {**_DATES, "description": forms.Textarea(attrs={"rows": 3})}


FORMS: dict[str, type[ModelForm]] = {
    "patientloften": PatientPromiseForm,
    "folkhalsomal": PublicHealthGoalForm,
    "malomraden": TargetAreaForm,
    "insatsomraden": EffortAreaForm,
}
