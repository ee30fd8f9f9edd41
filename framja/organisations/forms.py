"""Forms for organisations, memberships and rights."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _

from framja.accounts.models import User
from framja.core.concurrency import set_initial_token, token_field
from framja.core.forms import DateInput, Form, ModelForm
from framja.organisations.models import (
    AccessLevel,
    Organisation,
    OrganisationKind,
    Person,
    Role,
)


class OrganisationForm(ModelForm):
    edit_token = token_field()

    class Meta:
        model = Organisation
        fields = (
            "name",
            "short_name",
            "slug",
            "kind",
            "code",
            "county",
            "description",
            "valid_from",
            "valid_to",
        )
        widgets = {
            "valid_from": DateInput(),
            "valid_to": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    # Fields that change where the organisation is found or what it is: administrators only.
    STRUCTURAL = ("slug", "kind", "code", "county")

    def __init__(self, *args: Any, structural: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_initial_token(self, self.instance)
        if not structural:
            for name in self.STRUCTURAL:
                del self.fields[name]
            return
        county = self.fields["county"]
        assert isinstance(county, forms.ModelChoiceField)
        county.queryset = Organisation.objects.filter(kind=OrganisationKind.REGION).order_by("name")
        self.fields["slug"].help_text = _(
            "Används i webbadressen. Små bokstäver, siffror och bindestreck."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Slutdatum kan inte vara före startdatum."))
        return data


class MembershipForm(Form):
    """Give a person a role: an existing person, or a new one by name."""

    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Välj en befintlig person, eller fyll i namnet på en ny nedan."),
    )
    new_person_name = forms.CharField(label=_("Ny person: namn"), max_length=200, required=False)
    new_person_email = forms.EmailField(label=_("Ny person: e-postadress"), required=False)
    new_person_title = forms.CharField(label=_("Ny person: titel"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices)
    representing = forms.ModelChoiceField(
        label=_("Representerar"), queryset=Organisation.objects.none(), required=False
    )
    start = forms.DateField(label=_("Från"), widget=DateInput())
    end = forms.DateField(label=_("Till"), widget=DateInput(), required=False)
    note = forms.CharField(label=_("Anteckning"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        representing = self.fields["representing"]
        assert isinstance(person, forms.ModelChoiceField)
        assert isinstance(representing, forms.ModelChoiceField)
        person.queryset = Person.objects.order_by("name")
        # Regions first: people mostly represent a region, and "Region Gotland" should not
        # hide among 290 municipalities next to the municipality Gotland.
        representing.queryset = Organisation.objects.filter(
            kind__in=[OrganisationKind.REGION, OrganisationKind.MUNICIPALITY]
        ).order_by(Case(When(kind=OrganisationKind.REGION, then=0), default=1), "name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("person") and not data.get("new_person_name"):
            self.add_error(None, _("Välj en person eller ange namnet på en ny person."))
        if data.get("person") and data.get("new_person_name"):
            self.add_error(
                "new_person_name", _("Välj antingen en befintlig person eller en ny, inte båda.")
            )
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("Slutdatum kan inte vara före startdatum."))
        return data


class PersonForm(ModelForm):
    class Meta:
        model = Person
        fields = ("name", "title", "email", "home_organisation")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        home = self.fields["home_organisation"]
        assert isinstance(home, forms.ModelChoiceField)
        home.queryset = Organisation.objects.order_by(
            Case(When(kind=OrganisationKind.REGION, then=0), default=1), "name"
        )


class MembershipEndForm(Form):
    end = forms.DateField(label=_("Sista dag i rollen"), widget=DateInput())


class AccessForm(Form):
    email = forms.EmailField(label=_("Användarens e-postadress"))
    level = forms.TypedChoiceField(label=_("Behörighet"), choices=AccessLevel.choices, coerce=int)

    def clean_email(self) -> User:
        email = self.cleaned_data["email"].lower()
        try:
            return User.objects.get(email=email, is_active=True)
        except User.DoesNotExist:
            raise ValidationError(
                _("Det finns ingen aktiv användare med den e-postadressen.")
            ) from None
