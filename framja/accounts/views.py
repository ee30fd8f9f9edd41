"""Login, logout and the user's own API tokens."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from framja.accounts import selectors, services
from framja.accounts.forms import LoginForm, TokenForm
from framja.accounts.models import User
from framja.core.types import AuthedRequest


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def tokens(request: AuthedRequest) -> HttpResponse:
    user = _user(request)
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = services.api_token_create(user=user, name=form.cleaned_data["name"])
        form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": selectors.api_token_list(user=user), "new_key": new_key},
    )


@login_required
@require_POST
def token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    user = _user(request)
    token = selectors.api_token_get_for_user(user=user, pk=pk)
    services.api_token_revoke(user=user, token=token)
    messages.success(request, _("API-nyckeln är borttagen."))
    return redirect("accounts:tokens")
