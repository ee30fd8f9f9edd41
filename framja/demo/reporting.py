"""Load the demo's goals, reporting rounds, feedback and annual report.

- The HFS network's 2019 annual report (seed 003): the network's six focus goals with their
  results, analyses and ratings, the theme groups' goals with their results and analyses, the
  foreword, the "about" texts and the year's important events. ``data/hfs_2019.json`` holds the
  seed's tables as data. The seed rates only the focus goals; a theme group's goal is rated
  only where its own text says how it went ("Målet bedöms uppfyllt", "Ej genomfört" …), the
  rest are "ej bedömd". The goal fulfilment is reported through a closed round,
  "Verksamhetsberättelse 2019", so the report is built from the frozen submissions.
- RPO Hälsofrämjande's feedback on its 2023 plan (seed 000's template "Återkoppling utifrån HP
  2023"): the changes for 2024 are the seed's; the successes and setbacks are written from the
  2023 plan's follow-up notes and marked as example data.
- An open round "RAG-rapport hösten 2024" from RPO Hälsofrämjande to its RAGs, with two
  example goals for RAG Tobak, so the round can be tried in the demo.

Every write goes through the services.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from framja.goals.models import Goal
from framja.goals.services import goal_create
from framja.organisations.models import Organisation, OrganisationKind
from framja.reporting.services import (
    AssessmentInput,
    annual_report_save,
    feedback_save,
    round_close,
    round_open,
    submission_save,
)

DATA = Path(__file__).parent / "data" / "hfs_2019.json"


def _theme_slug(title: str) -> str:
    """The seed's "Temagrupp: Hälsöfrämjande arbetsplats" → the demo's organisation slug."""
    if title == "Levnadsvanor":
        return "hfs-levnadsvanor"
    return f"hfs-{slugify(title.replace('Hälsö', 'Hälso'))}"


def load_hfs_2019() -> None:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    network = Organisation.objects.get(slug="hfs")
    groups = [(network, data["focus_goals"])] + [
        (Organisation.objects.get(slug=_theme_slug(t["title"])), t["goals"])
        for t in data["theme_groups"]
    ]
    created: dict[int, list[tuple[Goal, dict[str, Any]]]] = {}
    for organisation, goals in groups:
        created[organisation.pk] = [
            (
                goal_create(
                    actor=None,
                    organisation=organisation,
                    heading=goal["heading"],
                    text=goal["text"],
                    start_year=2019,
                    end_year=2019,
                ),
                goal,
            )
            for goal in goals
        ]
    reporting_round = round_open(
        actor=None,
        organisation=network,
        title="Verksamhetsberättelse 2019",
        period="2019",
        deadline=datetime.date(2020, 1, 31),
        participants=[organisation for organisation, _goals in groups],
        instructions=(
            "Bedöm varje mål för 2019 med resultat och analys. Underlaget blir nätverkets "
            "verksamhetsberättelse."
        ),
    )
    for submission in reporting_round.submissions.select_related("organisation", "round"):
        submission_save(
            actor=None,
            submission=submission,
            summary="",
            assessments=[
                AssessmentInput(
                    goal=goal,
                    rating=item["rating"],
                    result=item["result"],
                    analysis=item["analysis"],
                )
                for goal, item in created[submission.organisation_id]
            ],
            ready=True,
        )
    round_close(actor=None, reporting_round=reporting_round)
    annual_report_save(
        actor=None,
        organisation=network,
        year=2019,
        foreword_heading=data["foreword_heading"],
        foreword=data["foreword"],
        foreword_signed_by="\n".join(data["signers"]),
        events="\n".join(data["events"]),
        round=reporting_round,
        sections=[(s["heading"], s["body"]) for s in data["about"]],
    )


def load_rpo_feedback_2023() -> None:
    rpo = Organisation.objects.get(slug="rpo-halsoframjande")
    feedback_save(
        actor=None,
        organisation=rpo,
        year=2023,
        example=True,
        success_1=(
            "Hälsan spelar roll: kurserna för boende med LSS-insats och deras personal har "
            "genomförts i alla tre regionerna, och följeforskning startade i september 2023."
        ),
        success_1_factors=(
            "- Efterfrågan: utbildningsdagarna var fullbokade.\n"
            "- Utbildare från regionerna själva, så att kunskapen stannar kvar.\n"
            "- Uppföljning via gemensamma RAG-möten och enkäter till deltagarna."
        ),
        success_2=(
            "Fler RAG: RAG Riktade hälsosamtal startade våren 2023 och en gemensam struktur "
            "för hur RAG:arna följs upp av RPO har tagits fram."
        ),
        success_2_factors=(
            "- Ett gemensamt uppföljningsmöte (8 november) där alla RAG:ar deltog.\n"
            "- Tydligt mandat från RPO om vad en RAG ska leverera."
        ),
        setback_1=(
            "IT-stödet för riktade hälsosamtal i Östergötland och Kalmar är fortfarande utmanande."
        ),
        setback_1_analysis=(
            "Regionerna har olika journalsystem och beslutsvägar; frågan ligger utanför RPO:s "
            "mandat."
        ),
        setback_1_improvements=(
            "Lyfta behovet till kunskapsrådet och regionsjukvårdsledningen under 2024, med en "
            "gemensam beskrivning av vad IT-stödet måste klara."
        ),
        setback_2=(
            "Alkohol- och tobaksfri operation har inte fått fäste i vårdverksamheterna trots "
            "omtag i implementeringen."
        ),
        setback_2_analysis=(
            "Frågorna i remissen skiljer sig mellan regionerna och uppföljningen bygger på "
            "enkäter snarare än data."
        ),
        setback_2_improvements=(
            "RAG:en byter namn till Alkohol och arbetar bredare; samverkan med RPO kirurgi och "
            "ortopedi fortsätter och uppföljning via vårddatalagret prövas."
        ),
        new_chair="Anette Frisk (Jönköping)",
        new_process_support="Sofie Westerberg (Östergötland)",
    )


def load_rag_round_2024() -> None:
    rpo = Organisation.objects.get(slug="rpo-halsoframjande")
    rags = list(Organisation.objects.filter(parent=rpo, kind=OrganisationKind.RAG).order_by("name"))
    tobak = next(rag for rag in rags if rag.slug == "rag-tobak")
    for text in (
        "Alla tre regionerna erbjuder Tobakshjälpen via Stöd och behandling.",
        "Fler patienter får rådgivning om tobak inför operation.",
    ):
        goal_create(
            actor=None,
            organisation=tobak,
            heading="Tobaksprevention",
            text=text,
            start_year=2024,
            end_year=2024,
            example=True,
        )
    round_open(
        actor=None,
        organisation=rpo,
        title="RAG-rapport hösten 2024",
        period="2024H2",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        participants=rags,
        include_feedback=False,
        instructions="Bedöm era mål för hösten och skriv en kort sammanfattning till RPO.",
    )


def load() -> None:
    load_hfs_2019()
    load_rpo_feedback_2023()
    load_rag_round_2024()
