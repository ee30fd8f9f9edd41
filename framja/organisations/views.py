"""Organisation pages. Views parse input, call a selector or service, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from framja.core.concurrency import EditConflict, form_after_conflict
from framja.core.types import AuthedRequest
from framja.organisations import selectors, services
from framja.organisations.forms import (
    AccessForm,
    MembershipEndForm,
    MembershipForm,
    OrganisationForm,
    PersonForm,
)
from framja.organisations.models import AccessLevel, OrganisationKind


def tree(request: HttpRequest) -> HttpResponse:
    roots, opened = selectors.organisation_branches(open_slug=request.GET.get("gren") or None)
    return render(request, "organisations/tree.html", {"roots": roots, "opened": opened})


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_get(slug=slug, with_parent_and_county=False)
    show_past = request.GET.get("visa") == "tidigare"
    level = selectors.access_level(user=request.user, organisation=organisation)
    around = selectors.organisation_surroundings(organisation=organisation)
    context = {
        "organisation": organisation,
        "ancestors": around.ancestors,
        "parent": around.parent,
        "county": around.county,
        "children": around.children,
        "members": around.members,
        "member_of": around.member_of,
        "groups": selectors.memberships_by_role(organisation=organisation),
        "past_groups": (
            selectors.memberships_by_role(organisation=organisation, past=True)
            if show_past
            else None
        ),
        "show_past": show_past,
        "level": level,
        "may_edit": level >= AccessLevel.EDITOR,
        "may_admin": level >= AccessLevel.ADMIN,
        "may_read": level >= AccessLevel.READER,
    }
    return render(request, "organisations/detail.html", context)


@login_required
def edit(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_get_for_user(
        user=request.user, slug=slug, level=AccessLevel.EDITOR
    )
    structural = (
        selectors.access_level(user=request.user, organisation=organisation) >= AccessLevel.ADMIN
    )
    form = OrganisationForm(request.POST or None, instance=organisation, structural=structural)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields}
        token = fields.pop("edit_token")
        organisation.refresh_from_db()
        try:
            services.organisation_update(
                actor=request.user, organisation=organisation, expected_token=token, **fields
            )
        except EditConflict as conflict:
            form = form_after_conflict(
                OrganisationForm, request.POST, conflict, structural=structural
            )
        else:
            messages.success(request, _("Organisationen är sparad."))
            return redirect(organisation)
    return render(request, "organisations/form.html", {"form": form, "organisation": organisation})


@login_required
def create_child(request: AuthedRequest, slug: str) -> HttpResponse:
    parent = selectors.organisation_get_for_user(
        user=request.user, slug=slug, level=AccessLevel.ADMIN
    )
    form = OrganisationForm(
        request.POST or None, initial={"county": parent.county, "kind": OrganisationKind.OTHER}
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields if name != "edit_token"}
        try:
            child = services.organisation_create(actor=request.user, parent=parent, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Organisationen är skapad."))
            return redirect(child)
    return render(
        request, "organisations/form.html", {"form": form, "parent": parent, "creating": True}
    )


@login_required
def membership_add(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_get_for_user(
        user=request.user, slug=slug, level=AccessLevel.ADMIN
    )
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # A new person and their first role are saved together or not at all: a refused
            # role must not leave a person behind, made again on the next try.
            with transaction.atomic():
                person = data["person"] or services.person_create(
                    actor=request.user,
                    name=data["new_person_name"],
                    email=data["new_person_email"],
                    title=data["new_person_title"],
                    home_organisation=data["representing"],
                )
                services.membership_start(
                    actor=request.user,
                    person=person,
                    organisation=organisation,
                    role=data["role"],
                    start=data["start"],
                    end=data["end"],
                    representing=data["representing"],
                    note=data["note"],
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Uppdraget är tillagt."))
            return redirect(organisation)
    return render(
        request, "organisations/membership_form.html", {"form": form, "organisation": organisation}
    )


@login_required
def membership_end(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    organisation = selectors.organisation_get(slug=slug)
    membership = selectors.membership_get_for_admin(
        user=request.user, organisation=organisation, pk=pk
    )
    form = MembershipEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                actor=request.user, membership=membership, end=form.cleaned_data["end"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Uppdraget är avslutat. Det finns kvar i historiken."))
            return redirect(organisation)
    return render(
        request,
        "organisations/membership_end.html",
        {"form": form, "organisation": organisation, "membership": membership},
    )


@login_required
def access(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_get_for_user(
        user=request.user, slug=slug, level=AccessLevel.ADMIN
    )
    form = AccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.access_grant(
            actor=request.user,
            user=form.cleaned_data["email"],
            organisation=organisation,
            level=form.cleaned_data["level"],
        )
        messages.success(request, _("Behörigheten är sparad."))
        return redirect("organisations:access", slug=organisation.slug)
    return render(
        request,
        "organisations/access.html",
        {
            "form": form,
            "organisation": organisation,
            "grants": selectors.access_list(organisation=organisation),
        },
    )


@login_required
@require_POST
def access_revoke(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    organisation = selectors.organisation_get(slug=slug)
    grant = selectors.access_get_for_admin(user=request.user, organisation=organisation, pk=pk)
    try:
        services.access_revoke(actor=request.user, access=grant)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Behörigheten är borttagen."))
    return redirect("organisations:access", slug=organisation.slug)


@login_required
def history(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_get_for_user(
        user=request.user, slug=slug, level=AccessLevel.READER
    )
    events = selectors.audit_events_for_organisation(organisation=organisation)
    return render(
        request, "organisations/history.html", {"organisation": organisation, "events": events}
    )


@login_required
def person(request: AuthedRequest, pk: int) -> HttpResponse:
    found = selectors.person_get_for_user(user=request.user, pk=pk)
    memberships = selectors.person_memberships(person=found)
    return render(
        request,
        "organisations/person.html",
        {
            "person": found,
            "memberships": memberships,
            "may_edit": selectors.person_may_edit(user=request.user, person=found),
        },
    )


@login_required
def person_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    found = selectors.person_get_for_edit(user=request.user, pk=pk)
    form = PersonForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields}
        found.refresh_from_db()
        services.person_update(actor=request.user, person=found, **fields)
        messages.success(request, _("Uppgifterna är sparade."))
        return redirect(found)
    return render(request, "organisations/person_form.html", {"form": form, "person": found})
