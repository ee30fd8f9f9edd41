"""Forms for good examples, attachments, events and the search page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from framja.catalog.models import PublicHealthTargetArea
from framja.core.forms import DateInput, Form, ModelForm
from framja.knowledge.models import DocumentKind, Event, GoodExample
from framja.organisations.models import Organisation, OrganisationKind


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class GoodExampleForm(ModelForm):
    class Meta:
        model = GoodExample
        fields = (
            "title",
            "summary",
            "description",
            "partners",
            "county",
            "target_groups",
            "target_areas",
            "keywords",
            "links",
            "contact_name",
            "contact_email",
            "start",
            "end",
            "status",
        )
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "links": forms.Textarea(attrs={"rows": 3}),
            "target_areas": forms.CheckboxSelectMultiple,
            "start": DateInput(),
            "end": DateInput(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        county = self.fields["county"]
        assert isinstance(county, forms.ModelChoiceField)
        county.queryset = Organisation.objects.filter(kind=OrganisationKind.REGION).order_by("name")
        areas = self.fields["target_areas"]
        assert isinstance(areas, forms.ModelMultipleChoiceField)
        areas.queryset = PublicHealthTargetArea.objects.order_by("number")
        partners = self.fields["partners"]
        assert isinstance(partners, forms.ModelMultipleChoiceField)
        partners.queryset = Organisation.objects.order_by("name")
        partners.help_text = _("Organisationer som gör arbetet tillsammans med den ansvariga.")


class AttachmentForm(Form):
    file = forms.FileField(
        label=_("Fil"),
        help_text=_("En PDF- eller Word-fil (.docx)."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = settings.KNOWLEDGE_ATTACHMENT_MAX_BYTES // (1024 * 1024)
        self.fields["file"].help_text = _("En PDF- eller Word-fil (.docx), högst %(mb)s MB.") % {
            "mb": limit
        }


class EventForm(ModelForm):
    class Meta:
        model = Event
        fields = (
            "title",
            "kind",
            "start",
            "end",
            "organiser_text",
            "location",
            "link",
            "description",
        )
        widgets = {
            "start": DateTimeInput(),
            "end": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            field = self.fields[name]
            assert isinstance(field, forms.DateTimeField)
            field.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class SearchForm(Form):
    q = forms.CharField(label=_("Sök"), max_length=200, required=False)
    typ = forms.MultipleChoiceField(
        label=_("Typ"),
        choices=DocumentKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        to_field_name="slug",
    )
    lan = forms.ModelChoiceField(
        label=_("Län"), queryset=Organisation.objects.none(), required=False, to_field_name="slug"
    )
    ar = forms.IntegerField(label=_("År"), min_value=1900, max_value=2200, required=False)
    malomrade = forms.ModelChoiceField(
        label=_("Målområde"), queryset=PublicHealthTargetArea.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = Organisation.objects.order_by("name").only("name", "slug")
        county = self.fields["lan"]
        assert isinstance(county, forms.ModelChoiceField)
        county.queryset = Organisation.objects.filter(kind=OrganisationKind.REGION).order_by("name")
        area = self.fields["malomrade"]
        assert isinstance(area, forms.ModelChoiceField)
        area.queryset = PublicHealthTargetArea.objects.order_by("number")
