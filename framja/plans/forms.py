"""Forms for plans, rows, activities and statuses."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from framja.catalog.models import NationalEffortArea, PatientPromise, PublicHealthTargetArea
from framja.core.concurrency import set_initial_token, token_field
from framja.core.forms import DateInput, Form, ModelForm
from framja.core.uploads import check_office_file
from framja.organisations.models import Organisation
from framja.plans.models import Plan, PlanRow, Rating
from framja.plans.selectors import plan_edit_token


class PlanForm(ModelForm):
    class Meta:
        model = Plan
        fields = (
            "title",
            "year",
            "document_name",
            "document_type",
            "created_by_text",
            "document_owner",
            "version",
            "valid_until",
            "revised_date",
            "keywords",
        )
        widgets = {
            "valid_until": DateInput(),
            "revised_date": DateInput(),
            "keywords": forms.Textarea(attrs={"rows": 2}),
        }


class RowForm(ModelForm):
    # The row's lock version when the form was opened; see services.row_update.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PlanRow
        fields = (
            "title",
            "description",
            "effort_area",
            "effort_area_note",
            "patient_promises",
            "target_areas",
            "follow_up",
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
            "patient_promises": forms.CheckboxSelectMultiple(),
            "target_areas": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        effort = fields["effort_area"]
        promises = fields["patient_promises"]
        areas = fields["target_areas"]
        assert isinstance(effort, forms.ModelChoiceField)
        assert isinstance(promises, forms.ModelMultipleChoiceField)
        assert isinstance(areas, forms.ModelMultipleChoiceField)
        effort.queryset = NationalEffortArea.objects.valid().order_by("order", "id")
        promises.queryset = PatientPromise.objects.valid().select_related("owner")
        areas.queryset = PublicHealthTargetArea.objects.valid().order_by("number")
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.lock_version


class ActivityForm(Form):
    text = forms.CharField(label=_("Aktivitet"), widget=forms.Textarea(attrs={"rows": 2}))
    responsible = forms.CharField(label=_("Ansvarig"), max_length=200, required=False)
    whole_year = forms.BooleanField(label=_("Pågår hela året"), required=False)
    start = forms.DateField(label=_("Från"), widget=DateInput(), required=False)
    end = forms.DateField(label=_("Till"), widget=DateInput(), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("Slutdatum kan inte vara före startdatum."))
        return data


class StatusForm(Form):
    rating = forms.ChoiceField(label=_("Status"), choices=Rating.choices, widget=forms.RadioSelect)
    date = forms.DateField(label=_("Datum"), widget=DateInput(), initial=timezone.localdate)
    comment = forms.CharField(
        label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AnchorForm(Form):
    body = forms.ModelChoiceField(
        label=_("Skicka till"),
        queryset=Organisation.objects.none(),
        help_text=_("Den grupp som ska förankra planen, t.ex. DOT, DST eller kunskapsrådet."),
    )

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["body"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = bodies


class AdoptForm(Form):
    adopted_by = forms.ModelChoiceField(
        label=_("Fastställd av"), queryset=Organisation.objects.none(), required=False
    )
    adopted_date = forms.DateField(
        label=_("Fastställt datum"), widget=DateInput(), initial=timezone.localdate
    )

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["adopted_by"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = bodies


MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class ImportForm(Form):
    file = forms.FileField(
        label=_("Word-fil (.docx)"),
        help_text=_(
            "En handlingsplan vars tabell har kolumnerna Nationellt insatsområde, "
            "Prioriterat område och patientlöften, Aktiviteter, Uppföljning och Status."
        ),
    )
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Titel"), max_length=200)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen är större än 10 MB."))
        check_office_file(
            upload,
            part="word/document.xml",
            max_unpacked=20 * MAX_UPLOAD_BYTES,
            message=_("%(file)s är ingen Word-fil (.docx) som går att läsa.")
            % {"file": upload.name},
        )
        return upload


class PlanTextsForm(PlanForm):
    """The plan's document details, with its focus areas one per line."""

    edit_token = token_field()

    focus_areas = forms.CharField(
        label=_("Fokusområden"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Ett fokusområde per rad."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_initial_token(self, self.instance, plan_edit_token)

    def focus_area_list(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["focus_areas"].splitlines() if line.strip()
        ]


class SectionForm(Form):
    heading = forms.CharField(label=_("Rubrik"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_("Rader som börjar med ”- ” blir en punktlista."),
    )
