from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from framja.core.forms import AccessibleFormMixin, Form


class LoginForm(AccessibleFormMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-postadress"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": _("Fel e-postadress eller lösenord."),
        "inactive": _("Kontot är inte aktivt."),
    }


class TokenForm(Form):
    name = forms.CharField(
        label=_("Namn på nyckeln"),
        max_length=100,
        help_text=_("Till exempel vilket program som ska använda den."),
    )
