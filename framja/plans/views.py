"""Plan pages: list, the plan with its five-column table, and the forms to fill it in.

Every form works as a plain HTML form without JavaScript. On the plan page a small script
(framja/static/framja/plans.js) sends some of them with fetch() instead and puts the part of
the page the view sends back in place; see ``_changed``.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from framja.core.concurrency import EditConflict, form_after_conflict
from framja.core.types import AuthedRequest
from framja.core.uploads import accepts_upload
from framja.indicators.following import followed_indicators
from framja.organisations.models import AccessLevel
from framja.organisations.selectors import (
    access_level,
    organisation_get,
    organisation_get_for_user,
    organisation_with_rights,
)
from framja.plans import selectors, services
from framja.plans.compare import compare
from framja.plans.export import FORMATS, plan_export
from framja.plans.forms import (
    MAX_UPLOAD_BYTES,
    ActivityForm,
    AdoptForm,
    AnchorForm,
    ImportForm,
    PlanForm,
    PlanTextsForm,
    RowForm,
    SectionForm,
    StatusForm,
)
from framja.plans.importer import ImportError_ as PlanImportError
from framja.plans.importer import ParsedPlan, create_plan_from_import, parse_plan_docx
from framja.plans.models import Plan


def _visible_plan(request: HttpRequest, pk: int) -> Plan | HttpResponse:
    """Return the plan if the user may see it; send a visitor who is not logged in to log in."""
    try:
        return selectors.plan_get_for_user(user=request.user, pk=pk)
    except PermissionDenied:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise


def plan_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_get(slug=slug)
    plans = selectors.plans_for_organisation(user=request.user, organisation=organisation)
    may_create = access_level(user=request.user, organisation=organisation) >= AccessLevel.EDITOR
    return render(
        request,
        "plans/list.html",
        {"organisation": organisation, "plans": plans, "may_create": may_create},
    )


def _plan_page_context(request: HttpRequest, page: selectors.PlanPage) -> dict[str, Any]:
    """Return what the plan page, and each part of it, shows."""
    plan = page.plan
    return {
        "plan": plan,
        "view": page.view,
        "sections": page.sections,
        "focus_areas": page.focus_areas,
        "may_edit": selectors.plan_may_edit(user=request.user, plan=plan),
        "may_follow_up": selectors.plan_may_follow_up(user=request.user, plan=plan),
        "may_manage": selectors.plan_may_manage(user=request.user, plan=plan),
        # The latest results are read only for those who may read the indicators' values;
        # the whole page reads them with the plan, a part of it here.
        "followed": (
            page.followed
            if page.followed is not None
            else followed_indicators(plan=plan)
            if request.user.is_authenticated
            else []
        ),
    }


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        page = selectors.plan_page_get(user=request.user, pk=pk)
    except PermissionDenied:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise
    return render(request, "plans/detail.html", _plan_page_context(request, page))


# The plan page's script (static/framja/plans.js) sends its forms with this header and gets
# the changed part of the page back, rendered from the same templates as the whole page.
# Without the script the same views answer as plain forms do: with a redirect.
PARTS = {"table": "plans/partials/table.html", "sections": "plans/partials/sections.html"}


def _wants_part(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _part(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    message: str = "",
    focus: tuple[str, ...] = (),
    status: int = 200,
) -> HttpResponse:
    context = {**context, "part": template, "message": message, "focus": " ".join(focus)}
    return render(request, "plans/partials/fragment.html", context, status=status)


def _changed(
    request: HttpRequest,
    plan: Plan,
    *,
    part: str,
    anchor: str,
    message: str,
    focus: tuple[str, ...] = (),
    flash: bool = False,
) -> HttpResponse:
    """Answer a change to the plan page: the changed part for the script, else a redirect.

    ``message`` is read out after a change made by the script; with ``flash`` it is also
    shown on the page a plain form returns to.
    """
    if _wants_part(request):
        page = selectors.plan_page(plan=plan, user=request.user)
        context = _plan_page_context(request, page)
        return _part(request, PARTS[part], context, message=message, focus=focus)
    if flash:
        messages.success(request, message)
    return redirect(f"{plan.get_absolute_url()}#{anchor}")


def _direction(direction: str) -> bool:
    """Return whether ``direction`` is up; 404 for anything but "upp" and "ned"."""
    if direction not in {"upp", "ned"}:
        raise Http404
    return direction == "upp"


def _moved_message(name: str, up: bool, position: int, count: int) -> str:
    text = _("”%(name)s” är flyttad upp, till plats %(position)s av %(count)s.")
    if not up:
        text = _("”%(name)s” är flyttad ned, till plats %(position)s av %(count)s.")
    return text % {"name": name, "position": position, "count": count}


def _move_focus(prefix: str, pk: int, up: bool) -> tuple[str, ...]:
    """Keep focus on the button pressed, or on the other one when the item reached an end."""
    first, second = ("upp", "ned") if up else ("ned", "upp")
    return (f"{prefix}-{pk}-{first}", f"{prefix}-{pk}-{second}", f"{prefix}-{pk}-andra")


def _position(pks: list[int], pk: int) -> int:
    return pks.index(pk) + 1


@login_required
def create(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.EDITOR)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields}
        plan = services.plan_create(actor=request.user, organisation=organisation, **fields)
        messages.success(request, _("Planen är skapad som utkast."))
        return redirect(plan)
    return render(request, "plans/plan_form.html", {"form": form, "organisation": organisation})


@login_required
def row_create(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_editor(user=request.user, pk=pk)
    form = RowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        promises, areas = data.pop("patient_promises"), data.pop("target_areas")
        data.pop("version")
        row = services.row_create(
            actor=request.user, plan=plan, patient_promises=promises, target_areas=areas, **data
        )
        messages.success(request, _("Raden är tillagd."))
        return redirect(f"{plan.get_absolute_url()}#rad-{row.pk}")
    return render(request, "plans/row_form.html", {"form": form, "plan": plan})


@login_required
def row_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    row = selectors.row_get_for_editor(user=request.user, pk=pk)
    form = RowForm(request.POST or None, instance=row)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        promises, areas = data.pop("patient_promises"), data.pop("target_areas")
        version = data.pop("version")
        row.refresh_from_db()
        try:
            services.row_update(
                actor=request.user,
                row=row,
                patient_promises=promises,
                target_areas=areas,
                expected_version=version,
                **data,
            )
        except services.EditConflict as error:
            # Keep what this user typed, show what the other saved, and let a second save
            # knowingly replace it.
            conflict = error.current
            posted = request.POST.copy()
            posted["version"] = str(conflict.lock_version)
            form = RowForm(posted, instance=selectors.row_get_for_editor(user=request.user, pk=pk))
            form.is_valid()
            form.add_error(None, error)
        else:
            messages.success(request, _("Raden är sparad."))
            return redirect(f"{row.plan.get_absolute_url()}#rad-{row.pk}")
    return render(
        request,
        "plans/row_form.html",
        {"form": form, "plan": row.plan, "row": row, "conflict": conflict},
    )


@login_required
def activity_create(request: AuthedRequest, pk: int) -> HttpResponse:
    row = selectors.row_get_for_editor(user=request.user, pk=pk)
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_create(actor=request.user, row=row, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Aktiviteten är tillagd."))
            return redirect(f"{row.plan.get_absolute_url()}#rad-{row.pk}")
    return render(request, "plans/activity_form.html", {"form": form, "plan": row.plan, "row": row})


@login_required
@require_POST
def activity_toggle(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get_for_follow_up(user=request.user, pk=pk)
    # The form says what the user saw the button do, so a page that is out of date does not
    # undo what someone else just marked; without it, the activity is toggled.
    wanted = request.POST.get("done")
    done = wanted == "1" if wanted in {"0", "1"} else not activity.done
    services.activity_set_done(actor=request.user, activity=activity, done=done)
    name = truncatechars(activity.text, 60)
    if done:
        message = _("”%(name)s” är markerad som klar.") % {"name": name}
    else:
        message = _("”%(name)s” är markerad som inte klar.") % {"name": name}
    return _changed(
        request,
        activity.row.plan,
        part="table",
        anchor=f"rad-{activity.row_id}",
        message=message,
        focus=(f"aktivitet-{activity.pk}-klar",),
    )


@login_required
def status_create(request: AuthedRequest, pk: int) -> HttpResponse:
    row = selectors.row_get_for_editor(user=request.user, pk=pk, follow_up=True)
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry = services.status_add(actor=request.user, row=row, **form.cleaned_data)
        return _changed(
            request,
            row.plan,
            part="table",
            anchor=f"rad-{row.pk}",
            message=_("Statusen för ”%(title)s” är sparad: %(rating)s.")
            % {"title": row.title, "rating": entry.get_rating_display()},
            focus=(f"rad-{row.pk}-status",),
            flash=True,
        )
    context = {"form": form, "plan": row.plan, "row": row}
    if _wants_part(request):
        # The form, to be shown in the row's status cell; with its errors after a bad save.
        invalid = request.method == "POST"
        return _part(
            request,
            "plans/partials/status_form.html",
            {**context, "inline": True},
            message=_("Formuläret innehåller fel") if invalid else "",
            status=422 if invalid else 200,
        )
    return render(request, "plans/status_form.html", context)


@login_required
def anchor(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_manager(user=request.user, pk=pk)
    form = AnchorForm(request.POST or None, bodies=selectors.bodies_for_plan(plan=plan))
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_send_for_anchoring(
                actor=request.user, plan=plan, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Planen är skickad för förankring."))
            return redirect(plan)
    return render(
        request, "plans/workflow_form.html", {"form": form, "plan": plan, "step": "anchor"}
    )


@login_required
def adopt(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_manager(user=request.user, pk=pk)
    form = AdoptForm(
        request.POST or None,
        bodies=selectors.bodies_for_plan(plan=plan),
        initial={"adopted_by": plan.anchoring_body},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_adopt(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Planen är fastställd."))
            return redirect(plan)
    return render(
        request, "plans/workflow_form.html", {"form": form, "plan": plan, "step": "adopt"}
    )


def _workflow_post(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    plan = selectors.plan_get_for_manager(user=request.user, pk=pk)
    try:
        if action == "new_version":
            services.plan_new_version(actor=request.user, plan=plan)
            messages.success(request, _("En ny version är öppen för ändringar."))
        elif action == "archive":
            services.plan_archive(actor=request.user, plan=plan)
            messages.success(request, _("Planen är arkiverad."))
        elif action == "publish":
            services.plan_set_published(actor=request.user, plan=plan, published=not plan.published)
            messages.success(request, _("Planens synlighet är ändrad."))
        else:  # next_year
            successor = services.plan_create_next_year(actor=request.user, plan=plan)
            messages.success(request, _("Nästa års plan är skapad som utkast."))
            return redirect(successor)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(plan)


@login_required
@require_POST
def new_version(request: AuthedRequest, pk: int) -> HttpResponse:
    return _workflow_post(request, pk, "new_version")


@login_required
@require_POST
def archive(request: AuthedRequest, pk: int) -> HttpResponse:
    return _workflow_post(request, pk, "archive")


@login_required
@require_POST
def publish(request: AuthedRequest, pk: int) -> HttpResponse:
    return _workflow_post(request, pk, "publish")


@login_required
@require_POST
def next_year(request: AuthedRequest, pk: int) -> HttpResponse:
    return _workflow_post(request, pk, "next_year")


def versions(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _visible_plan(request, pk)
    if isinstance(plan, HttpResponse):
        return plan
    revisions = selectors.revision_list(plan=plan)
    choices = {str(r.pk): r for r in revisions}
    current = services.plan_content(plan)
    comparison = None
    old_key, new_key = request.GET.get("a", ""), request.GET.get("b", "nu")
    if old_key in choices and (new_key in choices or new_key == "nu"):
        old = choices[old_key].content
        new = current if new_key == "nu" else choices[new_key].content
        comparison = compare(old, new)
    return render(
        request,
        "plans/versions.html",
        {
            "plan": plan,
            "revisions": revisions,
            "comparison": comparison,
            "selected_a": old_key,
            "selected_b": new_key,
        },
    )


def _year(request: HttpRequest) -> int | None:
    value = request.GET.get("ar", "")
    return int(value) if value.isdigit() else None


ATTENTION = "uppmarksamhet"


def rollup(request: HttpRequest, slug: str) -> HttpResponse:
    # The page names the organisation and its plans below (it needs no parent or county), and
    # which plans the user sees depends on the user's rights: both in one round trip.
    organisation = organisation_with_rights(user=request.user, slug=slug)
    assert organisation is not None  # a slug was given
    page = request.GET.get("sida", "")
    result = selectors.rollup(
        user=request.user,
        organisation=organisation,
        year=_year(request),
        page=int(page) if page.isdigit() else 1,
        attention_only=request.GET.get("urval") == ATTENTION,
    )
    return render(request, "plans/rollup.html", {"organisation": organisation, "rollup": result})


def coverage_for_organisation(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_get(slug=slug)
    plans, years, year = selectors.plans_for_coverage(
        user=request.user, organisation=organisation, year=_year(request)
    )
    return render(
        request,
        "plans/coverage.html",
        {
            "organisation": organisation,
            "plans": plans,
            "years": years,
            "year": year,
            "coverage": selectors.coverage(organisation=organisation, plans=plans),
        },
    )


def coverage_for_plan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _visible_plan(request, pk)
    if isinstance(plan, HttpResponse):
        return plan
    return render(
        request,
        "plans/coverage.html",
        {
            "organisation": plan.organisation,
            "plan": plan,
            "plans": [plan],
            "coverage": selectors.coverage(organisation=plan.organisation, plans=[plan]),
        },
    )


def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    plan = _visible_plan(request, pk)
    if isinstance(plan, HttpResponse):
        return plan
    data, content_type, name = plan_export(plan=plan, fmt=fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


SESSION_IMPORT = "framja-plan-import"


@accepts_upload(lambda: MAX_UPLOAD_BYTES)
@login_required
def import_upload(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.EDITOR)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = parse_plan_docx(
                upload.read(), file_name=upload.name, organisation=organisation
            )
        except PlanImportError as error:
            form.add_error("file", str(error))
        else:
            request.session[SESSION_IMPORT] = {
                "organisation": organisation.pk,
                "year": form.cleaned_data["year"],
                "title": form.cleaned_data["title"],
                "parsed": parsed.to_json(),
            }
            return redirect("plans:import_preview", slug=organisation.slug)
    return render(request, "plans/import_form.html", {"form": form, "organisation": organisation})


@login_required
def import_preview(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.EDITOR)
    pending = request.session.get(SESSION_IMPORT)
    if not pending or pending["organisation"] != organisation.pk:
        messages.error(request, _("Det finns ingen inläst fil att granska. Ladda upp den igen."))
        return redirect("plans:import", slug=organisation.slug)
    parsed = ParsedPlan.from_json(pending["parsed"])
    if request.method == "POST":
        plan = create_plan_from_import(
            actor=request.user,
            organisation=organisation,
            parsed=parsed,
            year=pending["year"],
            title=pending["title"],
        )
        del request.session[SESSION_IMPORT]
        messages.success(request, _("Planen är importerad som utkast."))
        return redirect(plan)
    return render(
        request,
        "plans/import_preview.html",
        {"organisation": organisation, "parsed": parsed, "pending": pending},
    )


@login_required
def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_editor(user=request.user, pk=pk)
    focus = "\n".join(f.text for f in plan.focus_areas.order_by("order", "id"))
    form = PlanTextsForm(request.POST or None, instance=plan, initial={"focus_areas": focus})
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in PlanForm.Meta.fields}
        plan.refresh_from_db()
        try:
            services.plan_update_details(
                actor=request.user,
                plan=plan,
                focus_areas=form.focus_area_list(),
                expected_token=form.cleaned_data["edit_token"],
                **fields,
            )
        except EditConflict as conflict:
            form = form_after_conflict(
                PlanTextsForm, request.POST, conflict, selectors.plan_edit_token
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Planen är sparad."))
            return redirect(plan)
    return render(request, "plans/plan_edit.html", {"form": form, "plan": plan})


@login_required
def section_create(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_editor(user=request.user, pk=pk)
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        section = services.section_create(actor=request.user, plan=plan, **form.cleaned_data)
        messages.success(request, _("Avsnittet är tillagt."))
        return redirect(f"{plan.get_absolute_url()}#avsnitt-{section.pk}")
    return render(request, "plans/section_form.html", {"form": form, "plan": plan})


@login_required
def section_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    section = selectors.section_get_for_editor(user=request.user, pk=pk)
    form = SectionForm(
        request.POST or None, initial={"heading": section.heading, "body": section.body}
    )
    if request.method == "POST" and form.is_valid():
        services.section_update(actor=request.user, section=section, **form.cleaned_data)
        messages.success(request, _("Avsnittet är sparat."))
        return redirect(f"{section.plan.get_absolute_url()}#avsnitt-{section.pk}")
    return render(
        request,
        "plans/section_form.html",
        {"form": form, "plan": section.plan, "section": section},
    )


@login_required
@require_POST
def section_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    section = selectors.section_get_for_editor(user=request.user, pk=pk)
    plan = section.plan
    services.section_delete(actor=request.user, section=section)
    messages.success(request, _("Avsnittet är borttaget."))
    return redirect(plan)


@login_required
@require_POST
def section_move(request: AuthedRequest, pk: int, direction: str) -> HttpResponse:
    up = _direction(direction)
    section = selectors.section_get_for_editor(user=request.user, pk=pk)
    services.section_move(actor=request.user, section=section, up=up)
    order = list(section.plan.sections.order_by("order", "id").values_list("pk", flat=True))
    return _changed(
        request,
        section.plan,
        part="sections",
        anchor=f"avsnitt-{section.pk}",
        message=_moved_message(section.heading, up, _position(order, section.pk), len(order)),
        focus=_move_focus("avsnitt", section.pk, up),
    )


@login_required
@require_POST
def row_move(request: AuthedRequest, pk: int, direction: str) -> HttpResponse:
    up = _direction(direction)
    row = selectors.row_get_for_editor(user=request.user, pk=pk)
    services.row_move(actor=request.user, row=row, up=up)
    order = list(row.plan.rows.order_by("order", "id").values_list("pk", flat=True))
    return _changed(
        request,
        row.plan,
        part="table",
        anchor=f"rad-{row.pk}",
        message=_moved_message(row.title, up, _position(order, row.pk), len(order)),
        focus=_move_focus("rad", row.pk, up),
    )


@login_required
@require_POST
def activity_move(request: AuthedRequest, pk: int, direction: str) -> HttpResponse:
    up = _direction(direction)
    activity = selectors.activity_get_for_editor(user=request.user, pk=pk)
    row = activity.row
    services.activity_move(actor=request.user, activity=activity, up=up)
    order = list(row.activities.order_by("order", "id").values_list("pk", flat=True))
    name = truncatechars(activity.text, 60)
    return _changed(
        request,
        row.plan,
        part="table",
        anchor=f"rad-{row.pk}",
        message=_moved_message(name, up, _position(order, activity.pk), len(order)),
        focus=_move_focus("aktivitet", activity.pk, up),
    )


@login_required
def activity_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get_for_editor(user=request.user, pk=pk)
    row = activity.row
    form = ActivityForm(
        request.POST or None,
        initial={
            "text": activity.text,
            "responsible": activity.responsible,
            "whole_year": activity.whole_year,
            "start": activity.start,
            "end": activity.end,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(actor=request.user, activity=activity, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Aktiviteten är sparad."))
            return redirect(f"{row.plan.get_absolute_url()}#rad-{row.pk}")
    return render(
        request,
        "plans/activity_form.html",
        {"form": form, "plan": row.plan, "row": row, "activity": activity},
    )
