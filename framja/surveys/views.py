"""Survey pages: building, sending, answering, results, benchmark reports and export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BoundField
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from framja.core.reminders import tell_reminded
from framja.core.types import AuthedRequest
from framja.organisations.models import AccessLevel
from framja.organisations.selectors import access_level, organisation_get_for_user
from framja.surveys import documents, selectors, services
from framja.surveys.forms import QuestionForm, ResponseForm, SectionForm, SendForm, SurveyForm
from framja.surveys.models import Question, Response, Section, answer_text


def _download(rendered: documents.Rendered) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


# --- Lists and building -------------------------------------------------------------------------


@login_required
def survey_list(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.READER)
    return render(
        request,
        "surveys/survey_list.html",
        {
            "organisation": organisation,
            "surveys": selectors.surveys_coordinated(organisation=organisation),
            "responses": selectors.responses_of(organisation=organisation),
            "may_create": access_level(user=request.user, organisation=organisation)
            >= AccessLevel.EDITOR,
        },
    )


@login_required
def my_responses(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "surveys/my_responses.html",
        {"responses": selectors.responses_to_fill(user=request.user)},
    )


@login_required
def survey_create(request: AuthedRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_for_user(user=request.user, slug=slug, level=AccessLevel.EDITOR)
    form = SurveyForm(
        request.POST or None,
        initial={"year": timezone.localdate().year, "min_group": settings.SURVEYS_MIN_GROUP},
    )
    if request.method == "POST" and form.is_valid():
        survey = services.survey_create(
            actor=request.user, organisation=organisation, **form.cleaned_data
        )
        messages.success(request, _("Enkäten är skapad. Lägg till avsnitt och frågor."))
        return redirect(survey.get_absolute_url())
    return render(
        request,
        "surveys/survey_form.html",
        {"form": form, "organisation": organisation, "survey": None},
    )


@login_required
def survey_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    survey, viewer = selectors.survey_get_for_user(user=request.user, pk=pk)
    may_manage = selectors.survey_may_manage(user=request.user, survey=survey)
    progress = selectors.survey_progress(survey=survey) if not survey.is_draft else None
    own = [r for r in progress.responses if r.organisation_id in viewer.own] if progress else []
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "organisation": survey.organisation,
            "structure": selectors.survey_structure(survey=survey),
            "progress": progress if viewer.coordinator else None,
            "own_responses": own,
            "may_manage": may_manage,
            "viewer": viewer,
        },
    )


@login_required
def survey_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get_for_manager(user=request.user, pk=pk)
    form = SurveyForm(
        request.POST or None,
        initial={
            "title": survey.title,
            "year": survey.year,
            "description": survey.description,
            "min_group": survey.min_group,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(actor=request.user, survey=survey, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Enkäten är sparad."))
            return redirect(survey.get_absolute_url())
    return render(
        request,
        "surveys/survey_form.html",
        {"form": form, "organisation": survey.organisation, "survey": survey},
    )


@login_required
def section_create(request: AuthedRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get_for_manager(user=request.user, pk=pk)
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_create(actor=request.user, survey=survey, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Avsnittet är tillagt."))
            return redirect(survey.get_absolute_url())
    return render(
        request,
        "surveys/section_form.html",
        {"form": form, "organisation": survey.organisation, "survey": survey},
    )


@login_required
def section_edit(request: AuthedRequest, pk: int, section_pk: int) -> HttpResponse:
    survey = selectors.survey_get_for_manager(user=request.user, pk=pk)
    section = get_object_or_404(Section, pk=section_pk, survey=survey)
    form = SectionForm(
        request.POST or None, initial={"title": section.title, "help_text": section.help_text}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.section_update(actor=request.user, section=section, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Avsnittet är sparat."))
            return redirect(survey.get_absolute_url())
    return render(
        request,
        "surveys/section_form.html",
        {"form": form, "organisation": survey.organisation, "survey": survey, "section": section},
    )


@login_required
@require_POST
def section_delete(request: AuthedRequest, pk: int, section_pk: int) -> HttpResponse:
    survey = selectors.survey_get_for_manager(user=request.user, pk=pk)
    section = get_object_or_404(Section, pk=section_pk, survey=survey)
    try:
        services.section_delete(actor=request.user, section=section)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Avsnittet och dess frågor är borttagna."))
    return redirect(survey.get_absolute_url())


def _question_form(request: AuthedRequest, pk: int, question_pk: int | None) -> HttpResponse:
    survey = selectors.survey_get_for_manager(user=request.user, pk=pk)
    question: Question | None = None
    initial: dict[str, object] = {}
    if question_pk is not None:
        question = get_object_or_404(Question, pk=question_pk, survey=survey)
        initial = {
            "section": question.section_id,
            "kind": question.kind,
            "text": question.text,
            "help_text": question.help_text,
            "required": question.required,
            "choices": "\n".join(question.choices),
            "scale_labels": "\n".join(question.scale_labels),
            "show_when": question.show_when_id,
        }
    elif request.GET.get("avsnitt", "").isdigit():
        initial = {"section": int(request.GET["avsnitt"])}
    form = QuestionForm(request.POST or None, survey=survey, question=question, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        section = data.pop("section")
        try:
            if question is None:
                services.question_create(actor=request.user, section=section, **data)
            else:
                question.section = section
                services.question_update(actor=request.user, question=question, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Frågan är sparad."))
            return redirect(f"{survey.get_absolute_url()}#fraga-{section.pk}")
    return render(
        request,
        "surveys/question_form.html",
        {
            "form": form,
            "organisation": survey.organisation,
            "survey": survey,
            "question": question,
        },
    )


@login_required
def question_create(request: AuthedRequest, pk: int) -> HttpResponse:
    return _question_form(request, pk, None)


@login_required
def question_edit(request: AuthedRequest, pk: int, question_pk: int) -> HttpResponse:
    return _question_form(request, pk, question_pk)


@login_required
@require_POST
def question_move(
    request: AuthedRequest, pk: int, question_pk: int, direction: str
) -> HttpResponse:
    survey = selectors.survey_get_for_manager(user=request.user, pk=pk)
    question = get_object_or_404(Question, pk=question_pk, survey=survey)
    if direction not in ("upp", "ned"):
        raise Http404
    try:
        services.question_move(actor=request.user, question=question, up=direction == "upp")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{survey.get_absolute_url()}#fraga-{question.section_id}")


@login_required
@require_POST
def question_delete(request: AuthedRequest, pk: int, question_pk: int) -> HttpResponse:
    survey = selectors.survey_get_for_manager(user=request.user, pk=pk)
    question = get_object_or_404(Question, pk=question_pk, survey=survey)
    try:
        services.question_delete(actor=request.user, question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Frågan är borttagen."))
    return redirect(survey.get_absolute_url())


@login_required
def survey_send(request: AuthedRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get_for_manager(user=request.user, pk=pk)
    if not survey.is_draft:
        return redirect(survey.get_absolute_url())
    choices = services.participant_choices(organisation=survey.organisation)
    # "Välj alla medlemmar" / "Välj alla under …" preselect a group without JavaScript.
    chosen = request.GET.get("urval", "")
    members = {o.pk for o in survey.organisation.members.all()}
    initial = {
        "participants": [
            o.pk
            for o in choices
            if (chosen == "medlemmar" and o.pk in members)
            or (chosen == "under" and o.pk not in members)
        ]
    }
    form = SendForm(request.POST or None, choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_send(
                actor=request.user,
                survey=survey,
                participants=list(form.cleaned_data["participants"]),
                deadline=form.cleaned_data["deadline"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Enkäten är skickad och går inte längre att ändra."))
            return redirect(survey.get_absolute_url())
    return render(
        request,
        "surveys/send_form.html",
        {
            "form": form,
            "organisation": survey.organisation,
            "survey": survey,
            "has_members": bool(members),
        },
    )


@login_required
@require_POST
def survey_remind(request: AuthedRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get_for_manager(user=request.user, pk=pk)
    chosen: list[Response] | None = None
    slug = request.POST.get("organisation", "")
    if slug:
        chosen = list(
            survey.responses.select_related("organisation").filter(organisation__slug=slug)
        )
        if not chosen:
            raise Http404
    try:
        result = services.survey_remind(
            actor=request.user,
            survey=survey,
            responses=chosen,
            site_url=request.build_absolute_uri("/").rstrip("/"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(survey.get_absolute_url())
    tell_reminded(
        request,
        sent=[r.organisation for r in result.sent],
        unreachable=[r.organisation for r in result.without_recipients],
        nothing_left=_("Alla har redan lämnat in sina svar."),
    )
    return redirect(survey.get_absolute_url())


@login_required
@require_POST
def survey_close(request: AuthedRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get_for_manager(user=request.user, pk=pk)
    try:
        services.survey_close(actor=request.user, survey=survey)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Enkäten är avslutad och tar inte längre emot svar."))
    return redirect(survey.get_absolute_url())


@login_required
@require_POST
def survey_new_version(request: AuthedRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get_for_manager(user=request.user, pk=pk)
    copy = services.survey_new_version(actor=request.user, survey=survey)
    messages.success(
        request, _("En ny version för %(year)s är skapad som utkast.") % {"year": copy.year}
    )
    return redirect(copy.get_absolute_url())


# --- Results and export -------------------------------------------------------------------------


@login_required
def survey_results(request: AuthedRequest, pk: int) -> HttpResponse:
    survey, viewer = selectors.survey_get_for_user(user=request.user, pk=pk)
    if survey.is_draft:
        raise Http404
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "organisation": survey.organisation,
            "results": selectors.survey_results(survey=survey, viewer=viewer),
            "suppressed_note": documents.suppressed_note(survey.min_group),
        },
    )


@login_required
def survey_export(request: AuthedRequest, pk: int) -> HttpResponse:
    survey, viewer = selectors.survey_get_for_user(user=request.user, pk=pk)
    if survey.is_draft:
        raise Http404
    return _download(
        documents.render_answers(selectors.survey_export(survey=survey, viewer=viewer))
    )


# --- Answering ----------------------------------------------------------------------------------


@login_required
def response_detail(request: AuthedRequest, pk: int, slug: str) -> HttpResponse:
    response = selectors.response_get_for_user(user=request.user, survey_pk=pk, slug=slug)
    survey = response.survey
    structure = selectors.survey_structure(survey=survey)
    questions = [q for view in structure for q in view.questions]
    values = selectors.response_values(response=response)
    previous = selectors.previous_values(response=response)
    context = {
        "response": response,
        "survey": survey,
        "organisation": response.organisation,
        "may_reopen": response.is_submitted
        and survey.is_open
        and selectors.survey_may_manage(user=request.user, survey=survey),
        "may_share": selectors.response_may_share(user=request.user, response=response),
    }
    if not selectors.response_may_edit(user=request.user, response=response):
        return render(
            request,
            "surveys/response_view.html",
            {**context, "sections": _items(structure, values, previous, None)},
        )
    form = ResponseForm(
        request.POST or None,
        questions=questions,
        values=values,
        min_group=survey.min_group,
        initial={
            "share_named": response.share_named,
            "respondent_names": response.respondent_names,
        },
    )
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            services.response_save(
                actor=request.user,
                response=response,
                answers=form.answers(),
                submit=submit,
                share_named=form.cleaned_data["share_named"],
                respondent_names=form.cleaned_data["respondent_names"],
            )
        except services.AnswerErrors as errors:
            by_id = {q.pk: q for q in questions}
            for question_id, message in errors.errors.items():
                form.add_error(by_id[question_id].field_name, message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Svaren är inlämnade.") if submit else _("Svaren är sparade som utkast."),
            )
            return redirect(response.get_absolute_url())
    return render(
        request,
        "surveys/response_form.html",
        {**context, "form": form, "sections": _items(structure, values, previous, form)},
    )


@dataclass
class Item:
    question: Question
    field: BoundField | None
    answer: str
    previous: str
    condition_field: str


def _items(
    structure: list[selectors.SectionView],
    values: dict[int, Any],
    previous: dict[int, Any],
    form: ResponseForm | None,
) -> list[tuple[Section, list[Item]]]:
    """Each section's questions with their field, answer and last version's answer."""
    return [
        (
            view.section,
            [
                Item(
                    question=q,
                    field=form[q.field_name] if form is not None else None,
                    answer=answer_text(q, values.get(q.pk)),
                    previous=answer_text(q, previous[q.pk]) if q.pk in previous else "",
                    condition_field=f"q{q.show_when_id}" if q.show_when_id else "",
                )
                for q in view.questions
            ],
        )
        for view in structure
    ]


@login_required
@require_POST
def response_reopen(request: AuthedRequest, pk: int, slug: str) -> HttpResponse:
    response = selectors.response_get_for_user(user=request.user, survey_pk=pk, slug=slug)
    if not selectors.survey_may_manage(user=request.user, survey=response.survey):
        raise PermissionDenied
    try:
        services.response_reopen(actor=request.user, response=response)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Svaren är öppnade igen och kan ändras."))
    return redirect(response.get_absolute_url())


@login_required
@require_POST
def response_sharing(request: AuthedRequest, pk: int, slug: str) -> HttpResponse:
    response = selectors.response_get_for_user(user=request.user, survey_pk=pk, slug=slug)
    if not selectors.response_may_share(user=request.user, response=response):
        raise PermissionDenied
    share = request.POST.get("share_named") == "on"
    services.response_set_sharing(actor=request.user, response=response, share_named=share)
    messages.success(
        request,
        _("Andra organisationer kan nu se era svar med ert namn.")
        if share
        else _("Andra organisationer ser nu era svar bara i sammanställningar."),
    )
    return redirect(response.get_absolute_url())


@login_required
def benchmark(request: AuthedRequest, pk: int, slug: str) -> HttpResponse:
    response = selectors.response_get_for_user(user=request.user, survey_pk=pk, slug=slug)
    if response.survey.is_draft:
        raise Http404
    results = selectors.benchmark(response=response)
    return render(
        request,
        "surveys/benchmark.html",
        {
            "response": response,
            "survey": response.survey,
            "organisation": response.organisation,
            "results": results,
            "suppressed_note": documents.suppressed_note(response.survey.min_group),
        },
    )


@login_required
def benchmark_export(request: AuthedRequest, pk: int, slug: str, fmt: str) -> HttpResponse:
    response = selectors.response_get_for_user(user=request.user, survey_pk=pk, slug=slug)
    if fmt not in documents.BENCHMARK_FORMATS or response.survey.is_draft:
        raise Http404
    return _download(documents.render_benchmark(selectors.benchmark(response=response), fmt))
