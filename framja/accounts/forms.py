from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from framja.accounts import security
from framja.accounts.models import User
from framja.core.forms import AccessibleFormMixin, Form
from framja.organisations.models import AccessLevel, Role


class LoginForm(AccessibleFormMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-postadress"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": _("Fel e-postadress eller lösenord."),
        "inactive": _("Kontot är inte aktivt."),
        "locked": _(
            "För många misslyckade inloggningar. Vänta en stund och försök igen, "
            "eller be en administratör om hjälp."
        ),
    }

    def clean(self) -> dict[str, Any]:
        email = str(self.cleaned_data.get("username") or "")
        if email and security.login_is_locked(email=email, request=self.request):
            security.log_event("login_refused_locked", request=self.request, email=email)
            raise ValidationError(self.error_messages["locked"], code="locked")
        try:
            cleaned = super().clean()
        except ValidationError:
            if email:
                security.login_failed(email=email, request=self.request)
            raise
        security.login_succeeded(email=email, request=self.request)
        return cleaned


class TokenForm(Form):
    name = forms.CharField(
        label=_("Namn på nyckeln"),
        max_length=100,
        help_text=_("Till exempel vilket program som ska använda den."),
    )


class InvitationForm(Form):
    email = forms.EmailField(label=_("E-postadress"))
    name = forms.CharField(
        label=_("Namn"), max_length=200, required=False, help_text=_("Frivilligt.")
    )
    level = forms.TypedChoiceField(label=_("Behörighet"), choices=AccessLevel.choices, coerce=int)
    role = forms.ChoiceField(
        label=_("Roll i organisationen"),
        choices=[("", _("Ingen roll, bara behörighet")), *Role.choices],
        required=False,
    )


class NewAccountForm(Form):
    """The name and password of an account made from an invitation."""

    full_name = forms.CharField(
        label=_("Ditt namn"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = forms.CharField(
        label=_("Välj lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minst åtta tecken, inte bara siffror och inte ett vanligt lösenord."),
    )
    password2 = forms.CharField(
        label=_("Upprepa lösenordet"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Lösenorden är inte lika."))
        elif first:
            candidate = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(first, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned
