"""Goal pages: an organisation's goals for a year, one goal with its history, the overview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from framja.core.concurrency import EditConflict, form_after_conflict
from framja.core.types import AuthedRequest
from framja.goals import selectors, services
from framja.goals.forms import AssessmentForm, GoalForm
from framja.goals.models import Assessment
from framja.organisations.models import AccessLevel
from framja.organisations.selectors import organisation_get_for_user


def _year(request: HttpRequest, years: list[int]) -> int:
    raw = request.GET.get("ar", "")
    if raw.isdigit() and 1900 < int(raw) < 2200:
        return int(raw)
    return years[0] if years else timezone.localdate().year


@login_required
def goal_list(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation, years = selectors.goal_list_start(user=request.user, slug=slug)
    year = _year(request, years)
    groups = selectors.goal_rows_for_period(organisation=organisation, period=str(year), year=year)
    return render(
        request,
        "goals/list.html",
        {
            "organisation": organisation,
            "year": year,
            "years": years,
            "groups": groups,
            "may_edit": selectors.goal_may_edit(user=request.user, organisation=organisation),
        },
    )


@login_required
def goal_create(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.EDITOR)
    initial = {"start_year": request.GET.get("ar") or timezone.localdate().year}
    form = GoalForm(request.POST or None, organisation=organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        rows = list(data.pop("plan_rows"))
        indicators = list(data.pop("indicators"))
        data.pop("edit_token")
        try:
            goal = services.goal_create(
                actor=request.user,
                organisation=organisation,
                plan_rows=rows,
                indicators=indicators,
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Målet är tillagt."))
            return redirect(f"{_list_url(organisation.slug, goal.start_year)}#mal-{goal.pk}")
    return render(request, "goals/goal_form.html", {"form": form, "organisation": organisation})


def _list_url(slug: str, year: int) -> str:
    return f"{reverse('goals:list', args=[slug])}?ar={year}"


@login_required
def goal_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    page = selectors.goal_page_get(user=request.user, pk=pk)
    goal = page.goal
    return render(
        request,
        "goals/goal_detail.html",
        {
            "goal": goal,
            "organisation": goal.organisation,
            "assessments": page.assessments,
            "plan_rows": page.plan_rows,
            "indicators": page.indicators,
            "may_edit": selectors.goal_may_edit(user=request.user, organisation=goal.organisation),
        },
    )


@login_required
def goal_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    goal = selectors.goal_get_for_editor(user=request.user, pk=pk)
    form = GoalForm(request.POST or None, instance=goal, organisation=goal.organisation)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        rows = list(data.pop("plan_rows"))
        indicators = list(data.pop("indicators"))
        token = data.pop("edit_token")
        goal.refresh_from_db()
        try:
            services.goal_update(
                actor=request.user,
                goal=goal,
                plan_rows=rows,
                indicators=indicators,
                expected_token=token,
                **data,
            )
        except EditConflict as conflict:
            form = form_after_conflict(
                GoalForm, request.POST, conflict, organisation=goal.organisation
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Målet är sparat."))
            return redirect(goal.get_absolute_url())
    return render(
        request,
        "goals/goal_form.html",
        {"form": form, "organisation": goal.organisation, "goal": goal},
    )


@login_required
@require_POST
def goal_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    goal = selectors.goal_get_for_editor(user=request.user, pk=pk)
    try:
        services.goal_delete(actor=request.user, goal=goal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(goal.get_absolute_url())
    messages.success(request, _("Målet är borttaget."))
    return redirect(_list_url(goal.organisation.slug, goal.start_year))


@login_required
@require_POST
def goal_move(request: AuthedRequest, pk: int, direction: str) -> HttpResponse:
    if direction not in ("upp", "ned"):
        raise Http404
    goal = selectors.goal_get_for_editor(user=request.user, pk=pk)
    services.goal_move(actor=request.user, goal=goal, up=direction == "upp")
    year = request.POST.get("ar", "")
    return redirect(
        f"{_list_url(goal.organisation.slug, int(year) if year.isdigit() else goal.start_year)}"
        f"#mal-{goal.pk}"
    )


@login_required
def assess(request: AuthedRequest, pk: int, period: str) -> HttpResponse:
    goal = selectors.goal_get_for_editor(user=request.user, pk=pk)
    try:
        year = services.period_year(period)
    except ValidationError:
        raise Http404 from None
    if not goal.applies_to(year):
        raise Http404
    current = Assessment.objects.filter(goal=goal, period=period).first()
    initial = (
        {"rating": current.rating, "result": current.result, "analysis": current.analysis}
        if current
        else {}
    )
    form = AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.assessment_save(actor=request.user, goal=goal, period=period, **form.cleaned_data)
        messages.success(request, _("Bedömningen är sparad."))
        return redirect(f"{_list_url(goal.organisation.slug, year)}#mal-{goal.pk}")
    return render(
        request,
        "goals/assess_form.html",
        {"form": form, "goal": goal, "organisation": goal.organisation, "period": period},
    )


@login_required
def overview(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = selectors.goal_organisation_get(slug=slug)
    years = selectors.goal_years_below(organisation=organisation)
    year = _year(request, years)
    data = selectors.overview(organisation=organisation, period=str(year), year=year)
    return render(
        request,
        "goals/overview.html",
        {"organisation": organisation, "year": year, "years": years, "overview": data},
    )
