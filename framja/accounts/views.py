"""Login, logout, invitations and the user's own API tokens."""

import logging
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from framja.accounts import oidc, security, selectors, services
from framja.accounts.forms import InvitationForm, LoginForm, NewAccountForm, TokenForm
from framja.accounts.models import User
from framja.accounts.personal_data import person_erase, personal_data_export
from framja.core.types import AuthedRequest
from framja.organisations import selectors as organisation_selectors
from framja.organisations.models import AccessLevel


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.PASSWORD_LOGIN_ENABLED:
            security.log_event("password_login_disabled", request=request)
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            password_login=settings.PASSWORD_LOGIN_ENABLED,
            oidc_enabled=oidc.enabled(),
            oidc_provider_name=settings.OIDC_PROVIDER_NAME,
            **kwargs,
        )


def oidc_login(request: HttpRequest) -> HttpResponse:
    """Send the browser to the identity provider, remembering what to check on return."""
    if not oidc.enabled():
        raise Http404
    try:
        url, kept = oidc.authorization_request(
            redirect_uri=request.build_absolute_uri(reverse("accounts:oidc_callback"))
        )
    except oidc.OIDCError as error:
        security.log_event("oidc_error", request=request, level=logging.ERROR, error=error)
        return render(request, "accounts/oidc_failed.html", status=502)
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        kept["next"] = next_url
    request.session[oidc.SESSION_KEY] = kept
    return redirect(url)


def oidc_callback(request: HttpRequest) -> HttpResponse:
    """Finish a login at the identity provider: check everything, then log the user in."""
    if not oidc.enabled():
        raise Http404
    kept = request.session.pop(oidc.SESSION_KEY, None) or {}
    if request.GET.get("error"):
        security.log_event(
            "login_failed", request=request, level=logging.WARNING, error=request.GET["error"]
        )
        return render(request, "accounts/oidc_failed.html", status=400)
    try:
        claims = oidc.complete(
            code=request.GET.get("code", ""), state=request.GET.get("state", ""), kept=kept
        )
        user = services.oidc_user_for_claims(claims=claims)
    except (oidc.OIDCError, ValidationError) as error:
        security.log_event("login_failed", request=request, level=logging.WARNING, error=error)
        return render(request, "accounts/oidc_failed.html", {"error": error}, status=400)
    login(request, user, backend="framja.accounts.backends.OIDCBackend")
    return redirect(kept.get("next") or settings.LOGIN_REDIRECT_URL)


class LogoutView(auth_views.LogoutView):
    pass


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def account(request: AuthedRequest) -> HttpResponse:
    """The user's own page: sessions, personal data and API tokens."""
    return render(
        request,
        "accounts/account.html",
        {
            "idle_minutes": settings.SESSION_IDLE_TIMEOUT // 60,
            "lifetime_hours": settings.SESSION_COOKIE_AGE // 3600,
        },
    )


@login_required
@require_POST
def logout_everywhere(request: AuthedRequest) -> HttpResponse:
    user = _user(request)
    services.user_logout_everywhere(user=user)
    security.log_event("logout_everywhere", request=request)
    logout(request)
    messages.success(request, _("Du är utloggad på alla enheter."))
    return redirect("accounts:login")


@login_required
def personal_data(request: AuthedRequest) -> HttpResponse:
    """Download everything Främja holds about the user, as JSON."""
    data = personal_data_export(user=_user(request))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="mina-uppgifter-framja.json"'
    return response


@login_required
def person_erase_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """Let a system administrator erase a person's personal data."""
    if not request.user.is_superuser:
        raise PermissionDenied
    person = organisation_selectors.person_get_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        pseudonym = person_erase(actor=request.user, person=person)
        security.log_event("person_erased", request=request, person=person.pk)
        messages.success(
            request,
            _("Personuppgifterna är raderade. Personen heter nu %(pseudonym)s i historiken.")
            % {"pseudonym": pseudonym},
        )
        return redirect(person)
    return render(request, "accounts/person_erase.html", {"person": person})


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


@login_required
def invitations(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = organisation_selectors.organisation_get_for_user(
        user=request.user, slug=slug, level=AccessLevel.ADMIN
    )
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = services.invitation_create(
            actor=request.user, organisation=organisation, **form.cleaned_data
        )
        messages.success(
            request, _("Inbjudan är skickad till %(email)s.") % {"email": invitation.email}
        )
        return redirect("accounts:invitations", slug=organisation.slug)
    return render(
        request,
        "accounts/invitations.html",
        {
            "form": form,
            "organisation": organisation,
            "invitations": selectors.invitation_list(organisation=organisation),
        },
    )


@login_required
@require_POST
def invitation_revoke(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    organisation = organisation_selectors.organisation_get_for_user(
        user=request.user, slug=slug, level=AccessLevel.ADMIN
    )
    invitation = selectors.invitation_get_for_organisation(organisation=organisation, pk=pk)
    if invitation.is_open:
        services.invitation_revoke(actor=request.user, invitation=invitation)
        messages.success(request, _("Inbjudan är återkallad."))
    return redirect("accounts:invitations", slug=organisation.slug)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Show an invitation and accept it: as the logged-in user, or as a new account."""
    try:
        invitation = selectors.invitation_get_by_token(token=token)
    except selectors.InvitationExpired:
        return render(request, "accounts/invitation_unusable.html", {"expired": True}, status=410)
    if not invitation.is_open:
        return render(request, "accounts/invitation_unusable.html", {"expired": False}, status=410)
    user = request.user if isinstance(request.user, User) else None
    has_account = user is None and User.objects.filter(email__iexact=invitation.email).exists()
    form = None
    if user is None and not has_account:
        form = NewAccountForm(
            request.POST or None, email=invitation.email, initial={"full_name": invitation.name}
        )
    if request.method == "POST" and not has_account and (form is None or form.is_valid()):
        try:
            accepted = services.invitation_accept(
                invitation=invitation,
                user=user,
                full_name=form.cleaned_data["full_name"] if form else "",
                password=form.cleaned_data["password1"] if form else None,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if user is None:
                login(request, accepted, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Välkommen till %(organisation)s!") % {"organisation": invitation.organisation},
            )
            return redirect(invitation.organisation)
    login_url = f"{reverse('accounts:login')}?next={request.path}"
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "has_account": has_account,
            "login_url": login_url,
        },
    )
