"""API for surveys, their results and responses.

A survey is read by its coordinating organisation's readers and by the readers of the
organisations it was sent to. Named answers follow the same rule as the pages
(``selectors.Viewer``): the coordinator sees all; others see their own organisation's and
those of organisations that chose to share; results hold only aggregates beyond that.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from framja.api.api import LOGGED_IN
from framja.organisations.models import AccessLevel, Organisation
from framja.organisations.selectors import access_level, organisation_get
from framja.surveys import selectors, services
from framja.surveys.models import Question, QuestionKind, Response, Survey

router = Router(tags=["enkäter"])


class SurveyOut(Schema):
    id: int
    organisation: str
    title: str
    year: int
    state: str
    deadline: datetime.date | None
    previous: int | None
    min_group: int
    example: bool
    url: str


class QuestionOut(Schema):
    id: int
    section: str
    kind: str
    text: str
    help_text: str
    required: bool
    options: list[list[str]]
    show_when: int | None
    previous: int | None


class SurveyDetailOut(SurveyOut):
    description: str
    questions: list[QuestionOut]


class OptionOut(Schema):
    value: str
    label: str
    count: int
    share: float


class NamedOut(Schema):
    organisation: str
    text: str


class QuestionResultOut(Schema):
    question: int
    text: str
    answered: int
    suppressed: bool
    options: list[OptionOut]
    mean: float | None
    median: float | None
    named: list[NamedOut]
    hidden: int


class ResultsOut(Schema):
    survey: int
    sent_to: int
    submitted: int
    questions: list[QuestionResultOut]


class ResponseOut(Schema):
    organisation: str
    organisation_name: str
    state: str
    share_named: bool
    respondent_names: str
    updated_at: datetime.datetime | None
    submitted_at: datetime.datetime | None
    answers: dict[str, Any]


class ResponseIn(Schema):
    answers: dict[int, Any] = {}
    submit: bool = False
    share_named: bool | None = None
    respondent_names: str | None = None


class QuestionIn(Schema):
    kind: QuestionKind
    text: str
    help_text: str = ""
    required: bool = False
    choices: list[str] = []
    scale_labels: list[str] = []
    show_when: int | None = None


class SectionIn(Schema):
    title: str
    help_text: str = ""
    questions: list[QuestionIn] = []


class SurveyIn(Schema):
    title: str
    year: int
    description: str = ""
    min_group: int | None = None
    sections: list[SectionIn] = []


class SendIn(Schema):
    participants: list[str]
    deadline: datetime.date


def _survey_out(survey: Survey) -> dict[str, Any]:
    return {
        "id": survey.pk,
        "organisation": survey.organisation.slug,
        "title": survey.title,
        "year": survey.year,
        "state": survey.state,
        "deadline": survey.deadline,
        "previous": survey.previous_id,
        "min_group": survey.min_group,
        "example": survey.example,
        "url": survey.get_absolute_url(),
    }


def _response_out(response: Response, values: dict[int, Any]) -> dict[str, Any]:
    return {
        "organisation": response.organisation.slug,
        "organisation_name": response.organisation.name,
        "state": response.state,
        "share_named": response.share_named,
        "respondent_names": response.respondent_names,
        "updated_at": response.updated_at,
        "submitted_at": response.submitted_at,
        "answers": {str(k): v for k, v in values.items()},
    }


def _get(request: HttpRequest, survey_id: int) -> tuple[Survey, selectors.Viewer]:
    try:
        return selectors.survey_get_for_user(user=request.user, pk=survey_id)
    except PermissionDenied:
        raise HttpError(404, "Enkäten finns inte, eller så får du inte se den.") from None


@router.get(
    "/organisations/{organisation}",
    response=list[SurveyOut],
    auth=LOGGED_IN,
    summary="Lista enkäter som en organisation skickar ut",
    description="Kräver läsrätt i organisationen.",
)
def list_surveys(request: HttpRequest, organisation: str) -> list[dict[str, Any]]:
    org = organisation_get(slug=organisation)
    if access_level(user=request.user, organisation=org) < AccessLevel.READER:
        raise HttpError(403, "Du får inte se organisationens enkäter.")
    return [_survey_out(s) for s in selectors.surveys_coordinated(organisation=org)]


@router.post(
    "/organisations/{organisation}",
    response={201: SurveyDetailOut},
    auth=LOGGED_IN,
    summary="Skapa en enkät som utkast, med avsnitt och frågor (redaktör)",
    description=(
        "show_when är numret (från 0) på en tidigare ja/nej-fråga i samma anrop, räknat "
        "över alla avsnitt."
    ),
)
def create_survey(request: HttpRequest, organisation: str, payload: SurveyIn) -> Any:
    org = organisation_get(slug=organisation)
    if access_level(user=request.user, organisation=org) < AccessLevel.EDITOR:
        raise HttpError(403, "Du får inte skapa enkäter i organisationen.")
    try:
        with transaction.atomic():
            survey = services.survey_create(
                actor=request.user,  # type: ignore[arg-type]
                organisation=org,
                title=payload.title,
                year=payload.year,
                description=payload.description,
                min_group=payload.min_group,
            )
            created: list[Question] = []
            for section_in in payload.sections:
                section = services.section_create(
                    actor=request.user,  # type: ignore[arg-type]
                    survey=survey,
                    title=section_in.title,
                    help_text=section_in.help_text,
                )
                for item in section_in.questions:
                    condition = None
                    if item.show_when is not None:
                        if not 0 <= item.show_when < len(created):
                            raise HttpError(
                                422, f"show_when {item.show_when} finns inte före frågan."
                            )
                        condition = created[item.show_when]
                    created.append(
                        services.question_create(
                            actor=request.user,  # type: ignore[arg-type]
                            section=section,
                            kind=item.kind,
                            text=item.text,
                            help_text=item.help_text,
                            required=item.required,
                            choices=item.choices,
                            scale_labels=item.scale_labels,
                            show_when=condition,
                        )
                    )
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from None
    return Status(201, get_survey(request, survey.pk))


@router.post(
    "/{survey_id}/send",
    response=SurveyOut,
    auth=LOGGED_IN,
    summary="Skicka en enkät till organisationer (redaktör i den samordnande organisationen)",
)
def send_survey(request: HttpRequest, survey_id: int, payload: SendIn) -> dict[str, Any]:
    try:
        survey = selectors.survey_get_for_manager(user=request.user, pk=survey_id)
    except PermissionDenied:
        raise HttpError(403, "Du får inte skicka enkäten.") from None
    found = {o.slug: o for o in Organisation.objects.filter(slug__in=payload.participants)}
    unknown = sorted(set(payload.participants) - set(found))
    if unknown:
        raise HttpError(422, f"Okända organisationer: {', '.join(unknown)}.")
    try:
        services.survey_send(
            actor=request.user,  # type: ignore[arg-type]
            survey=survey,
            participants=list(found.values()),
            deadline=payload.deadline,
        )
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from None
    return _survey_out(survey)


@router.get(
    "/{survey_id}",
    response=SurveyDetailOut,
    auth=LOGGED_IN,
    summary="Hämta en enkät med dess frågor",
)
def get_survey(request: HttpRequest, survey_id: int) -> dict[str, Any]:
    survey, _viewer = _get(request, survey_id)
    questions = [
        {
            "id": q.pk,
            "section": view.section.title,
            "kind": q.kind,
            "text": q.text,
            "help_text": q.help_text,
            "required": q.required,
            "options": [list(o) for o in q.options],
            "show_when": q.show_when_id,
            "previous": q.previous_id,
        }
        for view in selectors.survey_structure(survey=survey)
        for q in view.questions
    ]
    return {**_survey_out(survey), "description": survey.description, "questions": questions}


@router.get(
    "/{survey_id}/results",
    response=ResultsOut,
    auth=LOGGED_IN,
    summary="Resultat per fråga: antal och andelar",
    description=(
        "Namngivna svar bara från den egna organisationen och dem som valt att visa sina; "
        "för den samordnande organisationen alla."
    ),
)
def get_results(request: HttpRequest, survey_id: int) -> dict[str, Any]:
    survey, viewer = _get(request, survey_id)
    results = selectors.survey_results(survey=survey, viewer=viewer)
    return {
        "survey": survey.pk,
        "sent_to": results.sent_to,
        "submitted": results.submitted,
        "questions": [
            {
                "question": item.question.pk,
                "text": item.question.text,
                "answered": item.answered,
                "suppressed": item.suppressed,
                "options": [
                    {"value": o.value, "label": o.label, "count": o.count, "share": o.share}
                    for o in item.options
                ],
                "mean": item.mean,
                "median": item.median,
                "named": [{"organisation": n.organisation, "text": n.text} for n in item.named],
                "hidden": item.hidden,
            }
            for section in results.sections
            for item in section.questions
        ],
    }


@router.get(
    "/{survey_id}/responses",
    response=list[ResponseOut],
    auth=LOGGED_IN,
    summary="De svar du får se med namn",
)
def list_responses(request: HttpRequest, survey_id: int) -> list[dict[str, Any]]:
    survey, viewer = _get(request, survey_id)
    return [
        _response_out(r, {a.question_id: a.value for a in r.answers.all()})
        for r in selectors.visible_responses(survey=survey, viewer=viewer)
    ]


@router.get(
    "/{survey_id}/responses/{organisation}",
    response=ResponseOut,
    auth=LOGGED_IN,
    summary="Hämta en organisations svar",
    description="För organisationens läsare och den samordnande organisationens.",
)
def get_response(request: HttpRequest, survey_id: int, organisation: str) -> dict[str, Any]:
    try:
        response = selectors.response_get_for_user(
            user=request.user, survey_pk=survey_id, slug=organisation
        )
    except PermissionDenied:
        raise HttpError(404, "Svaret finns inte, eller så får du inte se det.") from None
    return _response_out(response, selectors.response_values(response=response))


@router.put(
    "/{survey_id}/responses/{organisation}",
    response=ResponseOut,
    auth=LOGGED_IN,
    summary="Spara eller lämna in en organisations svar (redaktör)",
    description=(
        "answers: {fråge-id: värde}; ja/nej som true/false, flera val som lista, skala 1–5 "
        "och tal som tal. submit lämnar in; obligatoriska frågor kontrolleras då."
    ),
)
def put_response(
    request: HttpRequest, survey_id: int, organisation: str, payload: ResponseIn
) -> dict[str, Any]:
    try:
        response = selectors.response_get_for_user(
            user=request.user, survey_pk=survey_id, slug=organisation
        )
    except PermissionDenied:
        raise HttpError(403, "Du får inte svara för organisationen.") from None
    if access_level(user=request.user, organisation=response.organisation) < AccessLevel.EDITOR:
        raise HttpError(403, "Du får inte svara för organisationen.")
    try:
        services.response_save(
            actor=request.user,  # type: ignore[arg-type]
            response=response,
            answers=payload.answers,
            submit=payload.submit,
            share_named=payload.share_named,
            respondent_names=payload.respondent_names,
        )
    except services.AnswerErrors as errors:
        raise HttpError(
            422, " ".join(f"{k}: {v}" for k, v in sorted(errors.errors.items()))
        ) from None
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from None
    return _response_out(response, selectors.response_values(response=response))


@router.post(
    "/{survey_id}/responses/{organisation}/reopen",
    response=ResponseOut,
    auth=LOGGED_IN,
    summary="Öppna ett inlämnat svar igen (den samordnande organisationens redaktör)",
)
def reopen_response(request: HttpRequest, survey_id: int, organisation: str) -> dict[str, Any]:
    try:
        response = selectors.response_get_for_user(
            user=request.user, survey_pk=survey_id, slug=organisation
        )
    except PermissionDenied:
        raise HttpError(403, "Du får inte öppna svaret igen.") from None
    if not selectors.survey_may_manage(user=request.user, survey=response.survey):
        raise HttpError(403, "Du får inte öppna svaret igen.")
    try:
        services.response_reopen(actor=request.user, response=response)  # type: ignore[arg-type]
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from None
    return _response_out(response, selectors.response_values(response=response))
