"""Load the demo's surveys: the HFS network's 2019 equity survey and its governance follow-up.

- "Enkät om jämlik hälsa" 2019 (seed 003, the network's focus goal on the equity
  perspective): sent to all 21 regions, which all answered. The seed publishes only the
  counts ("12 regioner uppger att …"); which region answered what is invented, and the answers
  are marked as example data. The counts are the seed's: 12, 13, 9, 11, 7 and 10 regions.
- "Uppdrag–uppföljning" (seed 003, theme group Uppdrag-uppföljning: "Stötta nätverket med ett
  användarvänligt enkätverktyg … Redovisningen av regionens svar i förhållande till allas
  svar"): the 2018 survey, answered by all regions, and its new version for 2019, open,
  with some regions' example answers, so last year's answers show beside this year's.

Every write goes through the services.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from framja.organisations.models import Organisation, OrganisationKind
from framja.surveys.models import Question, QuestionKind, Survey
from framja.surveys.services import (
    question_create,
    response_save,
    section_create,
    survey_close,
    survey_create,
    survey_new_version,
    survey_send,
)

EQUITY_TITLE = "Enkät om jämlik hälsa"
# The seed's question → how many regions answered yes (seed 003, focus goal 2).
EQUITY_QUESTIONS: list[tuple[str, str, int]] = [
    (
        "Jämlikhetsperspektivet",
        "Arbetar regionen med jämlikhetsperspektivet för/med patienter i hälsofrämjande "
        "hälso- och sjukvård?",
        12,
    ),
    (
        "Jämlikhetsperspektivet",
        "Arbetar regionen med jämlikhetsperspektivet för/med befolkningen i hälsofrämjande "
        "hälso- och sjukvård?",
        13,
    ),
    (
        "Jämlikhetsperspektivet",
        "Arbetar regionen med jämlikhetsperspektivet utifrån medarbetarperspektivet i "
        "hälsofrämjande hälso- och sjukvård?",
        9,
    ),
    (
        "Ansvar och uppföljning",
        "Har regionen en ansvarig enhet för jämlik hälso- och sjukvård?",
        11,
    ),
    (
        "Ansvar och uppföljning",
        "Har regionen en ansvarig person för jämlik hälso- och sjukvård?",
        7,
    ),
    (
        "Ansvar och uppföljning",
        "Följer regionen upp jämlikhetsperspektivet i hälso- och sjukvården med hjälp av "
        "indikatorer?",
        10,
    ),
]
# Spreads the yes answers over different regions for each question.
OFFSETS = (0, 5, 10, 3, 14, 8)
EXAMPLE_COMMENTS = {
    0: "Exempelsvar: vi har börjat ta fram en gemensam plan för jämlik vård.",
    4: "Exempelsvar: jämlikhetsperspektivet ingår i regionens nya folkhälsopolicy.",
    9: "Exempelsvar: organisationsförändringar har gjort att arbetet gått långsammare.",
    15: "Exempelsvar: vi följer indikatorerna i Vården i siffror per vårdcentral.",
}


def _regions(network: Organisation) -> list[Organisation]:
    return list(network.members.filter(kind=OrganisationKind.REGION).order_by("code"))


def _yes(index: int, question_number: int, count: int, total: int) -> bool:
    return (index + OFFSETS[question_number]) % total < count


def load_equity_survey(network: Organisation, regions: list[Organisation]) -> Survey:
    survey = survey_create(
        actor=None,
        organisation=network,
        title=EQUITY_TITLE,
        year=2019,
        description=(
            "Enkät med frågor om hur regionerna arbetar med jämlik hälsa, till nätverkets "
            "fokusmål ”Processer för att omsätta jämlikhetsperspektivet … är etablerade i "
            "minst två regioner”. Exempeldata: antalen är verksamhetsberättelsens, men vilken "
            "region som svarade vad är påhittat."
        ),
        example=True,
    )
    sections: dict[str, Any] = {}
    questions: list[Question] = []
    for section_title, text, _count in EQUITY_QUESTIONS:
        if section_title not in sections:
            sections[section_title] = section_create(actor=None, survey=survey, title=section_title)
        questions.append(
            question_create(
                actor=None,
                section=sections[section_title],
                kind=QuestionKind.YES_NO,
                text=text,
                required=True,
            )
        )
    how = question_create(
        actor=None,
        section=sections["Ansvar och uppföljning"],
        kind=QuestionKind.TEXT,
        text="Vilka indikatorer följer ni upp, och hur?",
        show_when=questions[-1],
    )
    comment = question_create(
        actor=None,
        section=sections["Ansvar och uppföljning"],
        kind=QuestionKind.TEXT,
        text="Övriga kommentarer",
        help_text="Kommentarerna sammanställs och skickas till alla regioner.",
    )
    survey_send(
        actor=None, survey=survey, participants=regions, deadline=datetime.date(2019, 10, 31)
    )
    by_org = {r.organisation_id: r for r in survey.responses.select_related("survey")}
    total = len(regions)
    for index, region in enumerate(regions):
        answers: dict[int, Any] = {
            q.pk: _yes(index, n, count, total)
            for n, (q, (_s, _t, count)) in enumerate(zip(questions, EQUITY_QUESTIONS, strict=True))
        }
        if answers[questions[-1].pk]:
            answers[how.pk] = "Exempelsvar: indikatorerna i Vården i siffror, en gång om året."
        if index in EXAMPLE_COMMENTS:
            answers[comment.pk] = EXAMPLE_COMMENTS[index]
        response_save(
            actor=None,
            response=by_org[region.pk],
            answers=answers,
            submit=True,
            share_named=index % 3 == 0,
            respondent_names=f"Processledare i {region.name} (exempel)",
        )
    survey_close(actor=None, survey=survey)
    return survey


GOVERNANCE_TITLE = "Uppdrag–uppföljning"
LEVELS = ["Regionfullmäktige", "Regionstyrelse eller nämnd", "Förvaltning", "Verksamhet"]
HABITS = ["Tobak", "Alkohol", "Fysisk aktivitet", "Matvanor"]
SCALE = ["Inte alls", "I liten grad", "Delvis", "I stor grad", "Helt"]


def _governance_questions(survey: Survey) -> None:
    mission = section_create(
        actor=None,
        survey=survey,
        title="Uppdrag och styrning",
        help_text="Svara för regionens övergripande styrdokument: regionplan, budget, uppdrag.",
    )
    in_mission = question_create(
        actor=None,
        section=mission,
        kind=QuestionKind.YES_NO,
        text="Finns hälsofrämjande hälso- och sjukvård med i regionens övergripande uppdrag?",
        required=True,
    )
    question_create(
        actor=None,
        section=mission,
        kind=QuestionKind.SINGLE,
        text="På vilken beslutsnivå finns uppdraget?",
        choices=LEVELS,
        required=True,
        show_when=in_mission,
    )
    question_create(
        actor=None,
        section=mission,
        kind=QuestionKind.MULTIPLE,
        text="Vilka levnadsvanor nämns i uppdragen?",
        choices=HABITS,
    )
    question_create(
        actor=None,
        section=mission,
        kind=QuestionKind.SCALE,
        text="I vilken grad finns en röd tråd från politiska mål till verksamheternas uppdrag?",
        scale_labels=SCALE,
        required=True,
    )
    follow_up = section_create(actor=None, survey=survey, title="Uppföljning")
    measured = question_create(
        actor=None,
        section=follow_up,
        kind=QuestionKind.YES_NO,
        text="Följs uppdraget upp med mätbara mål?",
        required=True,
    )
    question_create(
        actor=None,
        section=follow_up,
        kind=QuestionKind.NUMBER,
        text="Hur många indikatorer ur områdesrapporten i Vården i siffror följer regionen upp?",
        help_text="Områdesrapporten för hälsofrämjande hälso- och sjukvård.",
        show_when=measured,
    )
    question_create(
        actor=None,
        section=follow_up,
        kind=QuestionKind.TEXT,
        text="Kommentarer",
        help_text="Kommentarerna sammanställs och skickas till alla regioner.",
    )


def _governance_answers(survey: Survey, index: int, year_shift: int) -> dict[int, Any]:
    """Invented but varied answers; a year later a little further along."""
    q = list(survey.questions.order_by("section__order", "order"))
    in_mission = (index + year_shift) % 4 != 0
    measured = (index + 2 * year_shift) % 3 != 0
    answers: dict[int, Any] = {
        q[0].pk: in_mission,
        q[2].pk: HABITS[: 1 + (index + year_shift) % 4],
        q[3].pk: min(5, 1 + (index * 7 + year_shift) % 5),
        q[4].pk: measured,
    }
    if in_mission:
        answers[q[1].pk] = LEVELS[index % 4]
    if measured:
        answers[q[5].pk] = 2 + (index * 3 + year_shift * 2) % 9
    if index % 5 == 0:
        answers[q[6].pk] = "Exempelsvar: uppdragen revideras under året."
    return answers


def load_governance_surveys(network: Organisation, regions: list[Organisation]) -> Survey:
    first = survey_create(
        actor=None,
        organisation=network,
        title=GOVERNANCE_TITLE,
        year=2018,
        description=(
            "Temagrupp Uppdrag-uppföljnings enkät om styrning och ledning: i vilken grad "
            "hälsofrämjande insatser och levnadsvanor finns i regionernas uppdrag, och hur de "
            "följs upp. Exempeldata: svaren är påhittade."
        ),
        example=True,
    )
    _governance_questions(first)
    survey_send(
        actor=None, survey=first, participants=regions, deadline=datetime.date(2018, 11, 30)
    )
    for index, response in enumerate(
        first.responses.select_related("survey", "organisation").order_by("organisation__code")
    ):
        response_save(
            actor=None,
            response=response,
            answers=_governance_answers(first, index, 0),
            submit=True,
            share_named=index % 2 == 0,
            respondent_names=f"Processledare i {response.organisation.name} (exempel)",
        )
    survey_close(actor=None, survey=first)
    second = survey_new_version(actor=None, survey=first)
    second.example = True
    second.save(update_fields=["example"])
    survey_send(
        actor=None,
        survey=second,
        participants=regions,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    for index, response in enumerate(
        second.responses.select_related("survey", "organisation").order_by("organisation__code")
    ):
        if index >= 17:
            continue  # not started yet; the first three are drafts
        response_save(
            actor=None,
            response=response,
            answers=_governance_answers(second, index, 1),
            submit=3 <= index < 17,
            share_named=index % 2 == 0,
            respondent_names=f"Processledare i {response.organisation.name} (exempel)",
        )
    return second


def load() -> None:
    network = Organisation.objects.get(slug="hfs")
    regions = _regions(network)
    load_equity_survey(network, regions)
    load_governance_surveys(network, regions)
