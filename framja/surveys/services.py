"""Writes for surveys, their questions, sending, answering and reminders. Atomic and audited."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from framja.core import audit
from framja.core.models import AuditAction
from framja.core.reminders import editor_emails, send_reminder
from framja.organisations.models import Organisation
from framja.surveys.models import (
    CHOICE_KINDS,
    SCALE_VALUES,
    Answer,
    Question,
    QuestionKind,
    Response,
    ResponseState,
    Section,
    Survey,
    SurveyState,
)

if TYPE_CHECKING:
    from framja.accounts.models import User


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.pk else None


def _require_draft(survey: Survey) -> None:
    if not survey.is_draft:
        raise ValidationError(
            _("Enkäten är skickad och går inte att ändra. Gör en ny version i stället.")
        )


# --- Surveys ------------------------------------------------------------------------------------

SURVEY_FIELDS = {"title", "year", "description", "min_group"}


@transaction.atomic
def survey_create(
    *,
    actor: User | None,
    organisation: Organisation,
    title: str,
    year: int,
    description: str = "",
    min_group: int | None = None,
    example: bool = False,
) -> Survey:
    """Create a draft survey coordinated by the organisation."""
    survey = Survey(
        organisation=organisation,
        title=title,
        year=year,
        description=description,
        min_group=settings.SURVEYS_MIN_GROUP if min_group is None else min_group,
        example=example,
    )
    survey.full_clean()
    survey.save()
    audit.record_create(actor=actor, instance=survey, organisation=organisation)
    return survey


@transaction.atomic
def survey_update(*, actor: User | None, survey: Survey, **fields: Any) -> Survey:
    """Change a draft survey's title, year, description or smallest group."""
    unknown = set(fields) - SURVEY_FIELDS
    if unknown:
        raise TypeError(f"Unknown survey fields: {sorted(unknown)}")
    _require_draft(survey)
    before = audit.snapshot(survey)
    for name, value in fields.items():
        setattr(survey, name, value)
    survey.full_clean()
    survey.save()
    audit.record_update(
        actor=actor, instance=survey, organisation=survey.organisation, before=before
    )
    return survey


@transaction.atomic
def section_create(
    *, actor: User | None, survey: Survey, title: str, help_text: str = ""
) -> Section:
    _require_draft(survey)
    last = survey.sections.order_by("-order").values_list("order", flat=True).first()
    section = Section(survey=survey, title=title, help_text=help_text, order=(last or 0) + 1)
    section.full_clean()
    section.save()
    audit.record_create(actor=actor, instance=section, organisation=survey.organisation)
    return section


@transaction.atomic
def section_update(
    *, actor: User | None, section: Section, title: str, help_text: str = ""
) -> Section:
    _require_draft(section.survey)
    before = audit.snapshot(section)
    section.title = title
    section.help_text = help_text
    section.full_clean()
    section.save()
    audit.record_update(
        actor=actor, instance=section, organisation=section.survey.organisation, before=before
    )
    return section


@transaction.atomic
def section_delete(*, actor: User | None, section: Section) -> None:
    _require_draft(section.survey)
    audit.record_delete(actor=actor, instance=section, organisation=section.survey.organisation)
    section.delete()


QUESTION_FIELDS = {"kind", "text", "help_text", "required", "choices", "scale_labels", "show_when"}


def _clean_texts(values: Iterable[str] | None) -> list[str]:
    return [str(v).strip() for v in values or [] if str(v).strip()]


def _check_question(question: Question) -> None:
    question.choices = _clean_texts(question.choices)
    question.scale_labels = [str(v).strip() for v in question.scale_labels or []]
    if question.kind in CHOICE_KINDS:
        if len(question.choices) < 2:
            raise ValidationError(_("Ange minst två svarsalternativ."))
        if len(set(question.choices)) != len(question.choices):
            raise ValidationError(_("Svarsalternativen måste vara olika."))
    else:
        question.choices = []
    if question.kind == QuestionKind.SCALE:
        if not any(question.scale_labels):
            question.scale_labels = []
        elif len(question.scale_labels) != len(SCALE_VALUES):
            raise ValidationError(_("Skalan har fem steg: ange fem etiketter eller ingen."))
    else:
        question.scale_labels = []
    if (
        question.pk
        and question.kind != QuestionKind.YES_NO
        and Question.objects.filter(show_when=question).exists()
    ):
        raise ValidationError(
            _("Andra frågor visas bara när denna besvaras med ja: den måste vara en ja/nej-fråga.")
        )
    condition = question.show_when
    if condition is not None:
        if condition.survey_id != question.survey_id or condition.pk == question.pk:
            raise ValidationError(_("Villkoret måste vara en annan fråga i samma enkät."))
        if condition.kind != QuestionKind.YES_NO:
            raise ValidationError(_("Villkoret måste vara en ja/nej-fråga."))


@transaction.atomic
def question_create(
    *,
    actor: User | None,
    section: Section,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = False,
    choices: list[str] | None = None,
    scale_labels: list[str] | None = None,
    show_when: Question | None = None,
) -> Question:
    """Add a question at the end of the section of a draft survey."""
    survey = section.survey
    _require_draft(survey)
    last = section.questions.order_by("-order").values_list("order", flat=True).first()
    question = Question(
        survey=survey,
        section=section,
        order=(last or 0) + 1,
        kind=kind,
        text=text,
        help_text=help_text,
        required=required,
        choices=choices or [],
        scale_labels=scale_labels or [],
        show_when=show_when,
    )
    _check_question(question)
    question.full_clean()
    question.save()
    audit.record_create(actor=actor, instance=question, organisation=survey.organisation)
    return question


@transaction.atomic
def question_update(*, actor: User | None, question: Question, **fields: Any) -> Question:
    unknown = set(fields) - QUESTION_FIELDS
    if unknown:
        raise TypeError(f"Unknown question fields: {sorted(unknown)}")
    _require_draft(question.survey)
    before = audit.snapshot(question)
    for name, value in fields.items():
        setattr(question, name, value)
    _check_question(question)
    question.full_clean()
    question.save()
    audit.record_update(
        actor=actor, instance=question, organisation=question.survey.organisation, before=before
    )
    return question


@transaction.atomic
def question_move(*, actor: User | None, question: Question, up: bool) -> None:
    """Move a question of a draft survey one step up or down within its section."""
    _require_draft(question.survey)
    audit.move_in_order(
        actor=actor,
        items=list(question.section.questions.order_by("order", "id")),
        item=question,
        up=up,
        organisation=question.survey.organisation,
    )


@transaction.atomic
def question_delete(*, actor: User | None, question: Question) -> None:
    _require_draft(question.survey)
    audit.record_delete(actor=actor, instance=question, organisation=question.survey.organisation)
    question.delete()


def participant_choices(*, organisation: Organisation) -> list[Organisation]:
    """The organisations a survey can go to: the coordinator's tree and its members."""
    below = Organisation.objects.filter(path__startswith=organisation.path).exclude(
        pk=organisation.pk
    )
    members = organisation.members.all()
    chosen = {o.pk: o for o in [*members.order_by("name"), *below.order_by("path")]}
    return list(chosen.values())


@transaction.atomic
def survey_send(
    *,
    actor: User | None,
    survey: Survey,
    participants: list[Organisation],
    deadline: datetime.date,
) -> Survey:
    """Freeze the survey and give each participant an empty response, due by the deadline."""
    _require_draft(survey)
    if not survey.questions.exists():
        raise ValidationError(_("Enkäten har inga frågor."))
    if not participants:
        raise ValidationError(_("Välj minst en organisation som ska svara."))
    allowed = {o.pk for o in participant_choices(organisation=survey.organisation)}
    outside = [p for p in participants if p.pk not in allowed]
    if outside:
        raise ValidationError(
            _("%(name)s hör inte till %(coordinator)s.")
            % {"name": outside[0].name, "coordinator": survey.organisation.name}
        )
    before = audit.snapshot(survey)
    survey.state = SurveyState.SENT
    survey.deadline = deadline
    survey.sent_at = timezone.now()
    survey.sent_by = _user(actor)
    survey.save()
    audit.record_update(
        actor=actor, instance=survey, organisation=survey.organisation, before=before
    )
    Response.objects.bulk_create(
        Response(survey=survey, organisation=participant, example=survey.example)
        for participant in sorted(set(participants), key=lambda o: o.path)
    )
    return survey


@transaction.atomic
def survey_close(*, actor: User | None, survey: Survey) -> Survey:
    """Stop taking answers; what is submitted stays, drafts stay drafts."""
    if not survey.is_open:
        raise ValidationError(_("Bara en skickad enkät kan avslutas."))
    before = audit.snapshot(survey)
    survey.state = SurveyState.CLOSED
    survey.save()
    audit.record_update(
        actor=actor, instance=survey, organisation=survey.organisation, before=before
    )
    return survey


@transaction.atomic
def survey_new_version(*, actor: User | None, survey: Survey, year: int | None = None) -> Survey:
    """Copy a survey's sections and questions into a new draft, for next year by default."""
    copy = survey_create(
        actor=actor,
        organisation=survey.organisation,
        title=survey.title,
        year=year if year is not None else survey.year + 1,
        description=survey.description,
        min_group=survey.min_group,
    )
    copy.previous = survey
    copy.save(update_fields=["previous"])
    mapping: dict[int, Question] = {}
    for section in survey.sections.prefetch_related("questions").order_by("order", "id"):
        new_section = Section.objects.create(
            survey=copy, title=section.title, help_text=section.help_text, order=section.order
        )
        for question in section.questions.all():
            mapping[question.pk] = Question.objects.create(
                survey=copy,
                section=new_section,
                order=question.order,
                kind=question.kind,
                text=question.text,
                help_text=question.help_text,
                required=question.required,
                choices=question.choices,
                scale_labels=question.scale_labels,
                previous=question,
            )
    conditions = dict(
        survey.questions.filter(show_when__isnull=False).values_list("pk", "show_when_id")
    )
    for old_pk, condition in conditions.items():
        if old_pk in mapping and condition in mapping:
            mapping[old_pk].show_when = mapping[condition]
            mapping[old_pk].save(update_fields=["show_when"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=copy,
        organisation=copy.organisation,
        changes={"previous": [None, survey.pk], "questions": [None, len(mapping)]},
    )
    return copy


# --- Answering ----------------------------------------------------------------------------------

YES = ("yes", "ja", "true", "1")
NO = ("no", "nej", "false", "0")


def clean_value(question: Question, value: Any) -> Any:
    """Return the answer in its stored form, or None when empty; raise ValidationError."""
    if value is None or value == "" or value == []:
        return None
    kind = question.kind
    if kind == QuestionKind.YES_NO:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValidationError(_("Svara ja eller nej."))
    if kind == QuestionKind.SINGLE:
        if str(value) not in question.choices:
            raise ValidationError(_("Välj ett av svarsalternativen."))
        return str(value)
    if kind == QuestionKind.MULTIPLE:
        values = [value] if isinstance(value, str) else list(value)
        if any(str(v) not in question.choices for v in values):
            raise ValidationError(_("Välj bland svarsalternativen."))
        chosen = {str(v) for v in values}
        return [c for c in question.choices if c in chosen]
    if kind == QuestionKind.SCALE:
        try:
            number = int(str(value))
        except ValueError:
            raise ValidationError(_("Välj ett värde från 1 till 5.")) from None
        if number not in SCALE_VALUES:
            raise ValidationError(_("Välj ett värde från 1 till 5."))
        return number
    if kind == QuestionKind.NUMBER:
        if isinstance(value, bool):
            raise ValidationError(_("Ange ett tal."))
        try:
            decimal = float(
                str(value).strip().replace(",", ".").replace("\u00a0", "").replace(" ", "")
            )
        except ValueError:
            raise ValidationError(_("Ange ett tal.")) from None
        if not math.isfinite(decimal):
            raise ValidationError(_("Ange ett tal."))
        return int(decimal) if decimal.is_integer() else decimal
    text = str(value).strip()
    return text or None


def question_is_shown(
    question: Question, values: Mapping[int, Any], by_id: Mapping[int, Question]
) -> bool:
    """Return whether the question is shown given the answers: its condition answered yes."""
    seen: set[int] = set()
    current = question
    while current.show_when_id is not None and current.pk not in seen:
        seen.add(current.pk)
        if values.get(current.show_when_id) is not True:
            return False
        parent = by_id.get(current.show_when_id)
        if parent is None:
            return False
        current = parent
    return True


@dataclass
class AnswerErrors(Exception):
    """Per-question errors from response_save: ``{question id: message}``."""

    errors: dict[int, str]


def _require_open(survey: Survey) -> None:
    if not survey.is_open:
        raise ValidationError(_("Enkäten tar inte emot svar."))


@transaction.atomic
def response_save(
    *,
    actor: User | None,
    response: Response,
    answers: Mapping[int, Any],
    submit: bool = False,
    share_named: bool | None = None,
    respondent_names: str | None = None,
) -> Response:
    """Save an organisation's answers as a draft, or submit them.

    Answers to questions that are not shown (their condition is not yes) are dropped. Required
    questions are checked only on submit and only when shown. A submitted response can only be
    changed after the coordinator reopens it.
    """
    survey = response.survey
    _require_open(survey)
    if response.is_submitted:
        raise ValidationError(
            _("Svaren är inlämnade. Bara den samordnande organisationen kan öppna dem igen.")
        )
    questions = list(survey.questions.all())
    by_id = {q.pk: q for q in questions}
    unknown = set(answers) - set(by_id)
    if unknown:
        raise ValidationError(_("Frågan %(id)s finns inte i enkäten.") % {"id": min(unknown)})
    errors: dict[int, str] = {}
    values: dict[int, Any] = {}
    for question in questions:
        try:
            values[question.pk] = clean_value(question, answers.get(question.pk))
        except ValidationError as error:
            errors[question.pk] = " ".join(error.messages)
    for question in questions:
        if not question_is_shown(question, values, by_id):
            values[question.pk] = None
            errors.pop(question.pk, None)
        elif submit and question.required and values[question.pk] is None:
            errors.setdefault(question.pk, _("Frågan måste besvaras."))
    if errors:
        raise AnswerErrors(errors)
    existing = {a.question_id: a for a in response.answers.all()}
    changed: dict[str, list[Any]] = {}
    for question in questions:
        value = values[question.pk]
        answer = existing.get(question.pk)
        old = answer.value if answer else None
        if old == value:
            continue
        changed[question.field_name] = [old, value]
        if answer is None:
            Answer.objects.create(response=response, question=question, value=value)
        elif value is None:
            answer.delete()
        else:
            answer.value = value
            answer.save(update_fields=["value"])
    before = audit.snapshot(response)
    if share_named is not None:
        response.share_named = share_named
    if respondent_names is not None:
        response.respondent_names = respondent_names.strip()
    response.state = ResponseState.SUBMITTED if submit else ResponseState.DRAFT
    response.updated_at = timezone.now()
    if submit:
        response.submitted_at = response.updated_at
    response.save()
    if _user(actor) is not None:
        response.respondents.add(actor)  # type: ignore[arg-type]
    after = audit.snapshot(response)
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=response,
        organisation=response.organisation,
        changes={**audit.diff(before, after), **changed},
    )
    return response


@transaction.atomic
def response_set_sharing(*, actor: User | None, response: Response, share_named: bool) -> Response:
    """Let the organisation choose, at any time, whether others may see its named answers."""
    before = audit.snapshot(response)
    response.share_named = share_named
    response.save(update_fields=["share_named"])
    audit.record_update(
        actor=actor, instance=response, organisation=response.organisation, before=before
    )
    return response


@transaction.atomic
def response_reopen(*, actor: User | None, response: Response) -> Response:
    """Turn a submitted response back into a draft (the coordinator's call)."""
    _require_open(response.survey)
    if not response.is_submitted:
        raise ValidationError(_("Svaren är inte inlämnade."))
    before = audit.snapshot(response)
    response.state = ResponseState.DRAFT
    response.submitted_at = None
    response.save()
    audit.record_update(
        actor=actor, instance=response, organisation=response.organisation, before=before
    )
    return response


# --- Reminders ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderResult:
    sent: list[Response]
    without_recipients: list[Response]


@transaction.atomic
def survey_remind(
    *,
    actor: User | None,
    survey: Survey,
    responses: list[Response] | None = None,
    site_url: str = "",
) -> ReminderResult:
    """E-mail a reminder for each given response not yet submitted (all of them by default)."""
    _require_open(survey)
    candidates = (
        responses
        if responses is not None
        else list(survey.responses.select_related("organisation"))
    )
    sent: list[Response] = []
    missing: list[Response] = []
    now = timezone.now()
    deadline = survey.deadline.isoformat() if survey.deadline else "–"
    for response in candidates:
        if response.survey_id != survey.pk or response.is_submitted:
            continue
        recipients = editor_emails(organisation=response.organisation)
        if not recipients:
            missing.append(response)
            continue
        subject = _("Påminnelse: enkäten %(title)s, sista dag %(deadline)s") % {
            "title": str(survey),
            "deadline": deadline,
        }
        body = _(
            "Hej!\n\n%(organisation)s har ännu inte lämnat in sina svar på enkäten "
            "%(title)s. Sista dag är %(deadline)s.\n\nSvara här:\n%(url)s\n\n"
            "Hälsningar\n%(coordinator)s"
        ) % {
            "organisation": response.organisation.name,
            "title": str(survey),
            "deadline": deadline,
            "url": f"{site_url}{response.get_absolute_url()}",
            "coordinator": survey.organisation.name,
        }
        send_reminder(
            actor=actor,
            instance=response,
            organisation=response.organisation,
            recipients=recipients,
            subject=subject,
            body=body,
            at=now,
        )
        sent.append(response)
    return ReminderResult(sent=sent, without_recipients=missing)
