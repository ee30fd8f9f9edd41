"""Knowledge-bank pages: good examples, events with their calendar feed, search, similar work."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from framja.core.types import AuthedRequest
from framja.core.uploads import accepts_upload
from framja.knowledge import ical, search, selectors, services
from framja.knowledge.forms import AttachmentForm, EventForm, GoodExampleForm, SearchForm
from framja.knowledge.models import DocumentKind
from framja.organisations.models import AccessLevel
from framja.organisations.selectors import organisation_get_for_user


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def example_list(request: HttpRequest) -> HttpResponse:
    county_id = _int(request.GET.get("lan"))
    area_id = _int(request.GET.get("malomrade"))
    return render(
        request,
        "knowledge/example_list.html",
        {
            "examples": list(selectors.example_list(county_id=county_id, target_area_id=area_id)),
            "counties": list(selectors.counties()),
            "areas": list(selectors.target_areas()),
            "county_id": county_id,
            "area_id": area_id,
        },
    )


@login_required
def example_create(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.EDITOR)
    form = GoodExampleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        partners = list(data.pop("partners"))
        areas = list(data.pop("target_areas"))
        title = data.pop("title")
        try:
            example = services.example_create(
                actor=request.user,
                organisation=organisation,
                title=title,
                partners=partners,
                target_areas=areas,
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Det goda exemplet är sparat."))
            return redirect(example.get_absolute_url())
    return render(
        request, "knowledge/example_form.html", {"form": form, "organisation": organisation}
    )


def example_detail(request: HttpRequest, pk: int) -> HttpResponse:
    example = selectors.example_get(pk=pk)
    return render(
        request,
        "knowledge/example_detail.html",
        {
            "example": example,
            "partners": list(example.partners.order_by("name")),
            "areas": list(example.target_areas.order_by("number")),
            "attachments": list(example.attachments.all()),
            "similar": search.similar(
                user=request.user, kind=DocumentKind.EXAMPLE, object_id=example.pk
            ),
            "may_edit": selectors.may_edit(user=request.user, organisation=example.organisation),
            "attachment_form": AttachmentForm(),
        },
    )


@login_required
def example_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    example = selectors.example_get_for_editor(user=request.user, pk=pk)
    form = GoodExampleForm(request.POST or None, instance=example)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        partners = list(data.pop("partners"))
        areas = list(data.pop("target_areas"))
        example.refresh_from_db()
        try:
            services.example_update(
                actor=request.user,
                example=example,
                partners=partners,
                target_areas=areas,
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Det goda exemplet är sparat."))
            return redirect(example.get_absolute_url())
    return render(
        request,
        "knowledge/example_form.html",
        {"form": form, "organisation": example.organisation, "example": example},
    )


@login_required
@require_POST
def example_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    example = selectors.example_get_for_editor(user=request.user, pk=pk)
    services.example_delete(actor=request.user, example=example)
    messages.success(request, _("Det goda exemplet är borttaget."))
    return redirect("knowledge:example_list")


@accepts_upload(lambda: settings.KNOWLEDGE_ATTACHMENT_MAX_BYTES)
@login_required
@require_POST
def attachment_add(request: AuthedRequest, pk: int) -> HttpResponse:
    example = selectors.example_get_for_editor(user=request.user, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                actor=request.user, example=example, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Filen är bifogad."))
    else:
        messages.error(request, _("Välj en fil att bifoga."))
    return redirect(f"{example.get_absolute_url()}#bilagor")


def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = selectors.attachment_get(pk=pk)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    return response


@login_required
@require_POST
def attachment_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    attachment = selectors.attachment_get_for_editor(user=request.user, pk=pk)
    example = attachment.good_example
    services.attachment_delete(actor=request.user, attachment=attachment)
    messages.success(request, _("Bilagan är borttagen."))
    return redirect(f"{example.get_absolute_url()}#bilagor")


def event_list(request: HttpRequest) -> HttpResponse:
    past = request.GET.get("tidigare") == "1"
    return render(
        request,
        "knowledge/event_list.html",
        {"events": list(selectors.event_list(past=past)), "past": past},
    )


def event_feed(request: HttpRequest) -> HttpResponse:
    body = ical.calendar(
        selectors.event_feed(),
        host=request.get_host().split(":")[0],
        base_url=f"{request.scheme}://{request.get_host()}",
        stamp=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="framja-evenemang.ics"'
    return response


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get(pk=pk)
    return render(
        request,
        "knowledge/event_detail.html",
        {
            "event": event,
            "may_edit": selectors.may_edit(user=request.user, organisation=event.organisation),
        },
    )


@login_required
def event_create(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.EDITOR)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            event = services.event_create(
                actor=request.user,
                organisation=organisation,
                title=data.pop("title"),
                start=data.pop("start"),
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Evenemanget är sparat."))
            return redirect(event.get_absolute_url())
    return render(
        request, "knowledge/event_form.html", {"form": form, "organisation": organisation}
    )


@login_required
def event_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for_editor(user=request.user, pk=pk)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        event.refresh_from_db()
        try:
            services.event_update(actor=request.user, event=event, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Evenemanget är sparat."))
            return redirect(event.get_absolute_url())
    return render(
        request,
        "knowledge/event_form.html",
        {"form": form, "organisation": event.organisation, "event": event},
    )


@login_required
@require_POST
def event_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for_editor(user=request.user, pk=pk)
    services.event_delete(actor=request.user, event=event)
    messages.success(request, _("Evenemanget är borttaget."))
    return redirect("knowledge:event_list")


def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        filters = search.Filters(
            kinds=list(data["typ"]),
            organisation_id=data["organisation"].pk if data["organisation"] else None,
            county_id=data["lan"].pk if data["lan"] else None,
            year=data["ar"],
            target_area_id=data["malomrade"].pk if data["malomrade"] else None,
        )
        page = _int(request.GET.get("sida")) or 1
        results = search.search(user=request.user, query=data["q"], filters=filters, page=page)
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "knowledge/search.html",
        {
            "form": form,
            "results": results,
            "kinds": DocumentKind.choices,
            "base_query": query.urlencode(),
        },
    )


def similar_row(request: HttpRequest, pk: int) -> HttpResponse:
    row, plan = selectors.row_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "knowledge/similar_row.html",
        {
            "row": row,
            "plan": plan,
            "similar": search.similar(user=request.user, kind=DocumentKind.ROW, object_id=row.pk),
        },
    )
