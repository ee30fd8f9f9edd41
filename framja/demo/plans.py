"""Load the demo action plans, taken from the seed documents.

- RPO Hälsofrämjande's plan for 2023 (seed 000: the table of the slides to the knowledge
  council, with the notes of the joint follow-up meeting on 8 November 2023),
- the same RPO's plan for 2024 (seed 001), continuing the 2023 plan,
- an invented plan for RAG Tobak 2024, built on seed 000's mention of Tobakshjälpen and marked
  as example data,
- Region Skåne Nordost's sub-regional plan for 2026 (seed 004), with its document metadata.

Every write goes through ``framja.plans.services``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from framja.catalog.models import NationalEffortArea, PatientPromise, PublicHealthTargetArea
from framja.organisations.models import Organisation
from framja.plans.models import Plan, PlanRow, PlanState, Rating
from framja.plans.services import (
    activity_create,
    activity_set_done,
    plan_adopt,
    plan_archive,
    plan_create,
    plan_set_published,
    row_create,
    status_add,
)

# Public-health target areas, by number (seed 000, "De åtta målområdena").
LIFESTYLE = 6  # Levnadsvanor
EQUITABLE_CARE = 8  # En jämlik och hälsofrämjande hälso- och sjukvård

VP_LEVNADSVANOR = "Nationellt vårdprogram och vårdförlopp levnadsvanor"
SOSR_NOTE = "Sydöstra sjukvårdsregionen"

# The patient promises as the tables write them; matched to SÖSR's catalogue by prefix, since
# the tables sometimes shorten a promise ("erbjudas bästa möjliga hälsofrämjande insatser").
DIAGNOSTIK = "erbjudas diagnostik och behandling och uppföljning enligt bästa kunskap i varje möte"
DELAKTIG = "vara delaktig och välinformerad genom hela vårdkedjan"
JAMLIK = "få tillgång till jämlik vård"
HALSOFRAMJANDE = "erbjudas bästa möjliga hälsofrämjande insatser"
HALSOFRAMJANDE_SCREENING = (
    "erbjudas bästa möjliga hälsofrämjande insatser och välfungerande screeningprogram"
)
PATIENTSAKER = "få tillgång till patientsäker vård"

HALSAN_SPELAR_ROLL_URL = "https://halsanspelarroll.se/"


def _date(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


SPRING_2023 = (_date(2023, 1, 1), _date(2023, 6, 30))


@dataclass(frozen=True)
class ActivitySpec:
    """An activity under a row; ``done`` is set at the follow-up, after adoption."""

    text: str
    whole_year: bool = False
    start: datetime.date | None = None
    end: datetime.date | None = None
    responsible: str = ""
    done: bool = False


@dataclass(frozen=True)
class StatusSpec:
    date: datetime.date
    rating: Rating
    comment: str


@dataclass(frozen=True)
class RowSpec:
    """A prioritised area: one line of a plan's table."""

    title: str
    description: str = ""
    effort_area: str = ""  # a NationalEffortArea name
    effort_area_note: str = ""
    promises: tuple[str, ...] = ()  # prefixes of the promises' texts
    target_areas: tuple[int, ...] = ()  # target-area numbers
    activities: tuple[ActivitySpec, ...] = ()
    follow_up: str = ""
    statuses: tuple[StatusSpec, ...] = ()
    continues: str = ""  # the title of the row in the predecessor plan


@dataclass(frozen=True)
class PlanSpec:
    """A plan with its sections, focus areas, rows and where it ends up."""

    organisation: str  # slug
    year: int
    title: str
    sections: tuple[tuple[str, str], ...] = ()
    focus_areas: tuple[str, ...] = ()
    rows: tuple[RowSpec, ...] = ()
    fields: dict[str, Any] = field(default_factory=dict)  # document metadata
    adopted_by: str = ""  # slug
    state: PlanState = PlanState.DRAFT
    published: bool = False


def _lines(*lines: str) -> str:
    return "\n".join(lines)


# --- RPO Hälsofrämjande 2023 (seed 000) ---------------------------------------------------------

FOLLOW_UP_MEETING_2023 = _date(2023, 11, 8)  # "Gemensamt uppföljningsmöte 8/11"
RPO_MEETINGS = "Återkommande under året via RPO-möten. Mailledes och extra möten vb."


def _status_2023(rating: Rating, comment: str) -> tuple[StatusSpec, ...]:
    return (StatusSpec(FOLLOW_UP_MEETING_2023, rating, comment),)


PLAN_2023 = PlanSpec(
    organisation="rpo-halsoframjande",
    year=2023,
    title="Handlingsplan 2023",
    sections=(
        (
            "Utmaningar",
            _lines(
                "Hälso- och sjukvården står inför stora utmaningar:",
                "",
                "- En allt äldre befolkning (ökat sjukvårdsbehov)",
                "- Ökad ojämlikhet i hälsa i befolkningen och olika grupper har olika "
                "förutsättningar att ta hand om sin hälsa",
                "- Ökande kompetens- och resursbrist",
                "- Ekonomisk tuff situation",
                "",
                "Vi befinner oss inom kort i gapet där efterfrågan och behov inte täcks upp av "
                "våra resurser om vi fortsätter att göra som vi alltid gjort. Att få till en "
                "omställning mot en mer Nära vård är en nödvändighet och är på agendan hos alla "
                "tre regioner.",
            ),
        ),
        (
            "Utvecklingstendenser",
            _lines(
                "- Fokus på hälsa, hälsofrämjande och sjukdomsförebyggande arbete. Stor "
                "förståelse för att förebyggande arbete är nödvändigt för att klara framtida "
                "utmaningar. Detta ställer krav på prioriteringar.",
                "- Behov av förbättrad omvärldsbevakning och framtidsspaning för att tidigt "
                "upptäcka vad som kommer påverka folkhälsan.",
                "- Fortsatt stora behov inom områdena psykisk (o)hälsa och övervikt och fetma.",
                "- Vidareutveckla digitala lösningar.",
                "- Ökad samverkan - samarbete med andra RPO, kommuner, civilsamhället och "
                "patienter/invånare behövs.",
            ),
        ),
    ),
    focus_areas=(
        "Implementering av nytt vårdprogram levnadsvanor",
        "Vidareutveckla riktade hälsosamtal i sjukvårdsregionen",
        "Samverka med andra RPO",
        "Hälsan spelar roll",
        "Alkohol- och tobaksfri operation",
        "Fler RAG och vidareutveckla de vi redan har igång",
        "Skapa enhetlig dokumentation",
    ),
    rows=(
        RowSpec(
            title="Vårdprogram levnadsvanor",
            effort_area=VP_LEVNADSVANOR,
            effort_area_note="Nationellt vårdförlopp, Enhetlig dokumentation",
            promises=(DIAGNOSTIK, DELAKTIG, JAMLIK, HALSOFRAMJANDE),
            target_areas=(LIFESTYLE, EQUITABLE_CARE),
            activities=(
                ActivitySpec(
                    "Delar med oss till varandra om implementering, metoder och regionala "
                    "stödprocesser för VP.",
                    whole_year=True,
                    done=True,
                ),
                ActivitySpec(
                    "RÖ har tagit fram ett regionalt VP med stödstruktur (processkartor, "
                    "webb-utb, kunskapsunderlag mm) utifrån det nationella som de andra länen "
                    "kommer få ta del av.",
                    whole_year=True,
                    responsible="Region Östergötland",
                    done=True,
                ),
                ActivitySpec(
                    "Delta i nationellt arbete kring enhetlig dokumentation.",
                    whole_year=True,
                    done=True,
                ),
                ActivitySpec(
                    "Delta i nationellt arbete kring generisk modell.", whole_year=True, done=True
                ),
            ),
            follow_up=_lines(RPO_MEETINGS, "Aktivt arbete, delger varandra."),
            statuses=_status_2023(Rating.ON_TRACK, "Aktivt arbete, delger varandra."),
        ),
        RowSpec(
            title="Fortsatt utveckla riktade hälsosamtal",
            promises=(DIAGNOSTIK, DELAKTIG, JAMLIK, HALSOFRAMJANDE),
            target_areas=(LIFESTYLE, EQUITABLE_CARE),
            activities=(
                ActivitySpec(
                    "Delar med oss till varandra om regionala processer kopplade till riktade "
                    "hälsosamtal",
                    whole_year=True,
                    done=True,
                ),
                ActivitySpec("Fortsätta samverkan kring metodstöd.", whole_year=True, done=True),
                ActivitySpec(
                    "Starta en RAG kring riktade hälsosamtal.", whole_year=True, done=True
                ),
                ActivitySpec(
                    "Färdigställa och publicera det uppdaterade metodstödet för de riktade "
                    "hälsosamtalen på hemsidan.",
                    whole_year=True,
                    done=True,
                ),
            ),
            follow_up=_lines(
                RPO_MEETINGS,
                "Uppföljning via gemensamma RAG – möten",
                "IT-stödet för Östergötland och Kalmar är fortfarande utmanande.",
            ),
            statuses=_status_2023(
                Rating.ON_TRACK,
                "Uppföljning via gemensamma RAG – möten. "
                "IT-stödet för Östergötland och Kalmar är fortfarande utmanande.",
            ),
        ),
        RowSpec(
            title="Samverka med andra RPO",
            promises=(HALSOFRAMJANDE,),
            target_areas=(EQUITABLE_CARE,),
            activities=(
                ActivitySpec(
                    "Kontakt med andra RPO under våren 2023 för att skapa dialog kring detta och "
                    "om möjligt identifiera gemensamma utvecklingsinsatser.",
                    start=SPRING_2023[0],
                    end=SPRING_2023[1],
                    done=True,
                ),
                ActivitySpec(
                    "20 sep gemensam WS med RPO Primärvård",
                    start=_date(2023, 9, 20),
                    end=_date(2023, 9, 20),
                    done=True,
                ),
                ActivitySpec(
                    "19 okt Möte med RPO kirurgi och plastikkirurgi, för att prata om hur vi kan "
                    "samverka kring alkohol och tobaksfri operation.",
                    start=_date(2023, 10, 19),
                    end=_date(2023, 10, 19),
                    done=True,
                ),
            ),
            follow_up=RPO_MEETINGS,
            statuses=_status_2023(
                Rating.DONE,
                "Gemensam WS med RPO Primärvård 20 sep och möte med RPO kirurgi och "
                "plastikkirurgi 19 okt genomförda.",
            ),
        ),
        RowSpec(
            title="Hälsan spelar roll",
            description=_lines(
                "Kurser som vänder sig till boende med LSS insats. Med syftet att påverka "
                "levnadsvanor för att uppnå en god hälsa.",
                HALSAN_SPELAR_ROLL_URL,
            ),
            promises=(DELAKTIG, HALSOFRAMJANDE),
            target_areas=(LIFESTYLE, EQUITABLE_CARE),
            activities=(
                ActivitySpec(
                    "Kurser för de som ska utbilda (resurser från regionerna) utbildare",
                    whole_year=True,
                    done=True,
                ),
                ActivitySpec("Kurser för deltagare (LSS boende)", whole_year=True, done=True),
                ActivitySpec(
                    "Kurser för de (personal på LSS boende)som ska utbilda deltagare "
                    "(ev redan hösten 2022)",
                    whole_year=True,
                    done=True,
                ),
                ActivitySpec(
                    "Följeforskning startad sep 2023",
                    start=_date(2023, 9, 1),
                    end=_date(2023, 12, 31),
                    done=True,
                ),
            ),
            follow_up=_lines(
                "Återkommande under året via RPO-möten. Mailledes och extra möten vb. "
                "Utvärdering via enkäter till deltagare. Efterfrågade, fullt på "
                "utbildningsdagarna.",
                "Uppföljning via gemensamma RAG – möten",
            ),
            statuses=_status_2023(Rating.ON_TRACK, "Efterfrågade, fullt på utbildningsdagarna."),
        ),
        RowSpec(
            title="Alkohol- och tobaksfri operation",
            effort_area=VP_LEVNADSVANOR,
            effort_area_note=SOSR_NOTE,
            promises=(DIAGNOSTIK, DELAKTIG, JAMLIK, HALSOFRAMJANDE),
            target_areas=(LIFESTYLE,),
            activities=(
                ActivitySpec(
                    "Omtag i implementeringen (informations/kommunikationsinsats till "
                    "vårdverksamheterna)",
                    start=SPRING_2023[0],
                    end=SPRING_2023[1],
                    done=True,
                ),
                ActivitySpec(
                    "Erfarenhetsutbyte mellan regionerna.",
                    start=SPRING_2023[0],
                    end=SPRING_2023[1],
                    done=True,
                ),
                ActivitySpec(
                    "Översyn av frågorna i remissen för Kalmar och Jönköping.",
                    start=SPRING_2023[0],
                    end=SPRING_2023[1],
                    done=True,
                ),
                ActivitySpec(
                    "Förbättringsarbeten utifrån gapen som framkommit i framtagna rapport.",
                    start=SPRING_2023[0],
                    end=SPRING_2023[1],
                    done=True,
                ),
                ActivitySpec(
                    "Möte med RPO kirurgi och ortopedi 19/10 kring hur vi kan samverka – alkohol "
                    "och tobaksfri operation.",
                    start=_date(2023, 10, 19),
                    end=_date(2023, 10, 19),
                    done=True,
                ),
            ),
            follow_up=_lines(
                f"- {RPO_MEETINGS}",
                "- Via ex enkäter och vårdatalagret",
                "- Byter namn till Alkohol för att i framtiden jobba bredare i frågan alkohol.",
                "- Uppföljning via gemensamma RAG – möten",
            ),
            statuses=_status_2023(
                Rating.ON_TRACK,
                "Byter namn till Alkohol för att i framtiden jobba bredare i frågan alkohol.",
            ),
        ),
        RowSpec(
            title="Fler RAG och vidareutveckla de vi redan har igång",
            promises=(DIAGNOSTIK, DELAKTIG, JAMLIK, HALSOFRAMJANDE_SCREENING, PATIENTSAKER),
            target_areas=(EQUITABLE_CARE,),
            activities=(
                ActivitySpec(
                    "Identifiera vilka samarbeten som behöver vara en RAG.",
                    whole_year=True,
                    done=True,
                ),
                # "Fortsatt dialog RAG mat": not started yet.
                ActivitySpec("Starta fler RAG vb, ex hälsosamma matvanor", whole_year=True),
                ActivitySpec(
                    "RAG Riktade hälsosamtal startade våren 23",
                    start=SPRING_2023[0],
                    end=SPRING_2023[1],
                    done=True,
                ),
                ActivitySpec("Fortsatt utveckling av de som finns", whole_year=True, done=True),
                ActivitySpec(
                    "Skapa struktur för hur uppföljning ska ske till RPO.",
                    whole_year=True,
                    done=True,
                ),
            ),
            follow_up=_lines(
                RPO_MEETINGS, "Fortsatt dialog RAG mat", "Gemensamt uppföljningsmöte 8/11"
            ),
            statuses=_status_2023(
                Rating.ON_TRACK, "Fortsatt dialog RAG mat. Gemensamt uppföljningsmöte 8/11."
            ),
        ),
        RowSpec(
            title="Skapa enhetlig dokumentation",
            promises=(PATIENTSAKER,),
            target_areas=(LIFESTYLE,),
            activities=(
                # The national work takes time: not done in 2023.
                ActivitySpec(
                    "Se över och om möjligt skapa enhetlig dokumentation kring levnadsvanor.",
                    whole_year=True,
                ),
            ),
            follow_up=_lines(
                RPO_MEETINGS,
                "Inväntar nationellt, RÖ representerar i gruppen",
                "Kommer inte uppfyllas under 2023 pga att den nationella arbetet tar tid.",
            ),
            statuses=_status_2023(
                Rating.DELAYED,
                "Kommer inte uppfyllas under 2023 pga att den nationella arbetet tar tid.",
            ),
        ),
    ),
    state=PlanState.ADOPTED,
    published=True,
)


# --- RPO Hälsofrämjande 2024 (seed 001) ---------------------------------------------------------

MIDYEAR_2024 = (StatusSpec(_date(2024, 6, 15), Rating.ON_TRACK, "Halvårsuppföljning (exempel)"),)

PLAN_2024 = PlanSpec(
    organisation="rpo-halsoframjande",
    year=2024,
    title="Handlingsplan 2024",
    sections=(
        (
            "Patientlöften",
            _lines(
                "Som patient i Sydöstra sjukvårdsregionen ska du:",
                "",
                "- erbjudas vård som är lätt tillgänglig för kontakt, bedömning och besök",
                f"- {DIAGNOSTIK}",
                f"- {DELAKTIG}",
                f"- {JAMLIK}",
                f"- {HALSOFRAMJANDE_SCREENING}",
                f"- {PATIENTSAKER}",
                "- erbjudas kostnadseffektiv vård",
                "",
                "I Sydöstra sjukvårdsregionen prioriteras patientnära forskning.",
            ),
        ),
        (
            "Utmaningar",
            _lines(
                "Hälso- och sjukvården står inför stora utmaningar:",
                "",
                "- En allt äldre befolkning (ökat sjukvårdsbehov)",
                "- Ökad ojämlikhet i hälsa i befolkningen och olika grupper har olika "
                "förutsättningar att ta hand om sin hälsa",
                "- Ökande kompetens- och resursbrist",
                "- Ekonomiskt tuff situation",
                "",
                "Vi befinner oss i gapet där efterfrågan och behov inte täcks upp av våra "
                "resurser. Vi behöver tänka nytt, prioritera och göra annorlunda (vi kan inte "
                "fortsätter att göra som vi alltid gjort). Att få till en omställning mot en mer "
                "Nära vård är en nödvändighet och är på agendan hos alla tre regioner.",
            ),
        ),
        (
            "Utvecklingstendenser",
            _lines(
                "Stort fokus på:",
                "",
                "- Hälsa, hälsofrämjande och sjukdomsförebyggande arbete. Stor förståelse för "
                "att förebyggande arbete är nödvändigt för att klara framtida utmaningar. Detta "
                "ställer krav på prioriteringar.",
                "- Omvärldsbevakning och framtidsspaning för att tidigt upptäcka vad som kommer "
                "påverka folkhälsan.",
                "- Psykisk (o)hälsa, övervikt och fetma.",
                "- Vidareutveckling av digitala lösningar.",
                "- Ökad samverkan - samarbete med andra RPO, kommuner, civilsamhället och "
                "patienter/invånare.",
            ),
        ),
        (
            "Hälsofrämjande och sjukdomsförebyggande",
            "Hälsofrämjande och sjukdomsförebyggande arbete behöver bedrivas på samtliga nivåer "
            "och i samverkan med olika aktörer för att nå bästa effekt.",
        ),
    ),
    focus_areas=(
        "Vårdprogram levnadsvanor",
        "Hälsan spelar roll",
        "Alkohol- och tobaksfri operation",
        "Regionala arbetsgrupper",
    ),
    rows=(
        RowSpec(
            title="Vårdprogram levnadsvanor",
            effort_area=VP_LEVNADSVANOR,
            effort_area_note="Nationellt vårdförlopp, Enhetlig dokumentation",
            promises=(DIAGNOSTIK, DELAKTIG, JAMLIK, HALSOFRAMJANDE),
            target_areas=(LIFESTYLE, EQUITABLE_CARE),
            activities=(
                ActivitySpec(
                    "Erfarenhetsutbyte om implementering, uppföljning, metoder och regionala "
                    "stödprocesser för vårdprogrammet.",
                    whole_year=True,
                ),
                ActivitySpec("Samarbete med andra RPO.", whole_year=True),
                ActivitySpec(
                    "Följa arbetet med nationella riktlinjer och enhetlig dokumentation.",
                    whole_year=True,
                ),
            ),
            follow_up=_lines(
                "- Återkommande utbyte under årets möten.",
                "- I slutet av 2024, statusuppdatering från respektive region: hur långt har "
                "implementeringen kommit, hur efterlevs vårdprogrammet, vad har vi delat med "
                "varandra och använt, m.m.",
            ),
            statuses=MIDYEAR_2024,
            continues="Vårdprogram levnadsvanor",
        ),
        RowSpec(
            title="Hälsan spelar roll",
            description=_lines(
                "Kurser som vänder sig till personer med LSS-insats. Med syfte att påverka "
                "fysisk aktivitet och matvanor för att uppnå en god hälsa.",
                HALSAN_SPELAR_ROLL_URL,
            ),
            promises=(DELAKTIG, HALSOFRAMJANDE),
            target_areas=(LIFESTYLE, EQUITABLE_CARE),
            activities=(
                ActivitySpec("Följeforskning.", whole_year=True),
                ActivitySpec("Spridning nationellt.", whole_year=True),
                ActivitySpec("Utvärdering.", whole_year=True),
            ),
            follow_up=(
                "Lyssnar in vid de två möten under året då RAG är med och berättar om sitt arbete."
            ),
            statuses=MIDYEAR_2024,
            continues="Hälsan spelar roll",
        ),
        RowSpec(
            title="Alkohol- och tobaksfri operation",
            effort_area=VP_LEVNADSVANOR,
            promises=(DIAGNOSTIK, DELAKTIG, JAMLIK, HALSOFRAMJANDE),
            target_areas=(LIFESTYLE,),
            activities=(
                ActivitySpec(
                    "Vidareutveckla remissmallar så de blir enhetliga i SÖSR.", whole_year=True
                ),
                ActivitySpec(
                    "Använda RPO kirurgi och plastikkirurgi som remissinstans.", whole_year=True
                ),
                ActivitySpec(
                    "Hitta samverkansformer med RPO primärvård och andra relevanta RPO.",
                    whole_year=True,
                ),
                ActivitySpec("Påbörjar diskussioner om stark inför operation.", whole_year=True),
            ),
            follow_up="- Återkommande under årets möten.",
            statuses=MIDYEAR_2024,
            continues="Alkohol- och tobaksfri operation",
        ),
        RowSpec(
            title="Regionala arbetsgrupper (RAG)",
            promises=(DIAGNOSTIK, DELAKTIG, JAMLIK, HALSOFRAMJANDE_SCREENING, PATIENTSAKER),
            target_areas=(EQUITABLE_CARE,),
            activities=(
                ActivitySpec("Stödja och följa respektive RAG:s arbete.", whole_year=True),
                ActivitySpec("Bjuda in RAG till två möten per år.", whole_year=True),
                ActivitySpec("Omvärldsbevaka om det finns behov av nya RAG.", whole_year=True),
            ),
            follow_up=(
                "Lyssnar in och stödjer vid de två gemensamma RAG-mötena, samt extra vid behov."
            ),
            statuses=MIDYEAR_2024,
            # "Fokusområden 2024: Regionala arbetsgrupper" carries on the 2023 focus area.
            continues="Fler RAG och vidareutveckla de vi redan har igång",
        ),
    ),
    state=PlanState.ADOPTED,
    published=True,
)


# --- RAG Tobak 2024 (invented, from seed 000's "Tobakshjälpen") ----------------------------------

EXAMPLE_NOTE = (
    "Exempeldata: den här handlingsplanen är påhittad för demon. Källdokumenten nämner bara att "
    "RAG Tobak ansvarar för Tobakshjälpen, ett verktyg för digital tobaksavvänjning som "
    "7 andra regioner använder, och att varje RAG har en egen handlingsplan som RPO "
    "Hälsofrämjande följer upp."
)

PLAN_RAG_TOBAK_2024 = PlanSpec(
    organisation="rag-tobak",
    year=2024,
    title="Handlingsplan RAG Tobak 2024",
    sections=(("Exempeldata", EXAMPLE_NOTE),),
    focus_areas=("Tobakshjälpen", "Tobaksfri operation"),
    rows=(
        RowSpec(
            title="Tobakshjälpen – digital tobaksavvänjning",
            description=(
                "Exempeldata. Digitalt stöd för tobaksavvänjning som RAG Tobak ansvarar för och "
                "som 7 andra regioner använder."
            ),
            effort_area=VP_LEVNADSVANOR,
            promises=(HALSOFRAMJANDE, DELAKTIG),
            target_areas=(LIFESTYLE,),
            activities=(
                ActivitySpec("Förvalta och vidareutveckla Tobakshjälpen.", whole_year=True),
                ActivitySpec(
                    "Samla erfarenheter från de regioner som använder verktyget.",
                    start=_date(2024, 3, 1),
                    end=_date(2024, 5, 31),
                ),
            ),
            follow_up="Redovisas för RPO Hälsofrämjande vid de två gemensamma RAG-mötena.",
        ),
        RowSpec(
            title="Tobaksfri operation",
            description="Exempeldata. Erbjuda tobaksavvänjning inför planerad operation.",
            effort_area=VP_LEVNADSVANOR,
            promises=(HALSOFRAMJANDE, JAMLIK),
            target_areas=(LIFESTYLE, EQUITABLE_CARE),
            activities=(
                ActivitySpec(
                    "Hänvisa till Tobakshjälpen i de enhetliga remissmallarna inför operation.",
                    start=_date(2024, 9, 1),
                    end=_date(2024, 12, 31),
                ),
            ),
            follow_up="Antal hänvisningar till Tobakshjälpen från remisser, i slutet av 2024.",
        ),
    ),
    fields={"example": True},
)


# --- Region Skåne, delregion Nordost 2026 (seed 004) -----------------------------------------

SKANE_TITLE = "Delregional handlingsplan för förebyggande och hälsofrämjande insatser"
SKANE_FOLLOW_UP = (
    "Uppföljning sker kontinuerligt vid lokal samverkan och DOT av processledarna i syfte få "
    "gemensamt lärande samt följa processen över tid. Regelbunden återkoppling till DST via DOT "
    "och beredningsgrupp, processledarna. Aktuella handlingsplaner behöver vara levande över tid "
    "och revideras allt eftersom."
)

PLAN_SKANE_NORDOST_2026 = PlanSpec(
    organisation="skane-nordost",
    year=2026,
    title=SKANE_TITLE,
    fields={
        "document_name": SKANE_TITLE,
        "document_type": "Handlingsplan",
        "created_by_text": "Beredningsgrupp NO",
        "document_owner": "Tjänstemannaberedningen delregional samverkan nordost",
        "adopted_date": _date(2026, 2, 13),
        "valid_until": _date(2027, 2, 13),
        "version": "1.0",
        "keywords": (
            "personcentrerat förhållningssätt, samverkan, promotion, frisk- och riskfaktorer, "
            "hälsofrämjande, KASAM, egenkraft, levnadsvanor, fallprevention, nutrition, social "
            "gemenskap/ofrivillig ensamhet, rehabilitering, tandhälsa, frivilligorganisation, "
            "innovativa lösningar, planering och framförhållning, nära vård"
        ),
    },
    adopted_by="skane-nordost-dst",
    sections=(
        (
            "Bakgrund",
            _lines(
                "Syftet med omställningen till nära vård är att skapa en mer personcentrerad, "
                "tillgänglig och samordnad vård med fokus på hälsofrämjande och förebyggande "
                "insatser, där primärvården utgör basen. Målet är att öka delaktigheten för "
                "patienter och närstående, flytta vården närmare hemmet och effektivt möta "
                "framtida demografiska utmaningar.",
                "",
                "Skånes gemensamma målbild och handlingsplan avseende god och nära vård vilar på "
                "tre ben:",
                "",
                "- Avtal om ansvarsfördelning och utveckling avseende hälso- och sjukvården i "
                "Skåne mellan Region Skåne och de skånska kommunerna.",
                "- Den nationella överenskommelsen för god och nära vård.",
                "- Delar av Region Skånes arbete med nära vård inom Framtidens hälsosystem, där "
                "arbete sker gemensamt mellan region och kommuner.",
                "",
                "Området Förebyggande och hälsofrämjande är ett av områdena inom den "
                "Skånegemensamma aktivitets- och tidsplan inom Nära vård, se bild 1. Genom ett "
                "aktivt hälsofrämjande fokus kan fler hålla sig friska längre, vilket på sikt "
                "minskar behovet av sjukvård och förflyttar perspektivet från sjukdom till "
                "hälsa. Målet är fler friska år i livet, ökad *hälsolitteracitet och ett "
                "sömlöst omhändertagande när behov uppstår. Stora nyttoeffekter kan ses genom "
                "att arbeta mer proaktivt både för samhälle, individ och verksamhet.",
                "",
                "* Hälsolitteracitet handlar om människors förmåga att förvärva, förstå och "
                "tillämpa hälsorelaterad information för att behålla och förbättra "
                "livskvaliteten under hela livet. Källa: Nätverket Hälsofrämjande hälso- och "
                "sjukvård, 2026.",
            ),
        ),
        (
            "Uppdrag",
            _lines(
                "Utifrån beslut i DST gällande prioriterade områden i NO har, i enlighet med "
                "Nära vårds aktivitets- och tidsplan, aktuell handlingsplan utformats. Aktuell "
                "handlingsplanen ska ses som ett stöd till det fortsatta arbetet. Initialt sker "
                "nulägesinventering i lokal samverkan samt i verksamheter med utgångspunkt att "
                "synliggöra vilket område som ses få störst effekt att arbeta med först.",
                "",
                "De prioriterade områdena kan ses som helhet men även separat var för sig:",
                "",
                "- Hälsofrämjande arbetet som en viktig del i allt arbete, förebygga för "
                "individens bästa.",
                "- Fortsatt fokus på pågående Riktade hälsoundersökningar och Barn och unga, "
                "enligt tidigare beslut i DST.",
            ),
        ),
        (
            "Syfte",
            _lines(
                "Genom ett aktivt hälsofrämjande fokus kan fler hålla sig friska längre, vilket "
                "på sikt minskar behovet av sjukvård och förflyttar perspektivet från sjukdom "
                "till hälsa.",
                "",
                "- Att arbeta personcentrerat samt ökat fokus på det hälsofrämjande för att "
                "främja, bevara och stärka det friska hos invånaren utifrån dennes behov och "
                "förutsättningar.",
                "- Att stärka det hälsofrämjande och förebyggande arbetet som en integrerad del "
                "i alla verksamheter och i samverkan.",
                "- Genom god samordning och tidig planering bevara och stärka det friska och "
                "minska risk för allvarlig sjukdom och sjukhusinläggning.",
                "- För personer som redan är sjuka/sköra vidmakthålla riktade förebyggande "
                "insatser för att motverka försämring.",
            ),
        ),
        (
            "Mål",
            _lines(
                "Att röra sig i riktning i enlighet med Nära vård och framtidens hälsosystem, "
                "att arbeta mer främjande, proaktivt i stället för reaktivt genom att:",
                "",
                "- stärka friskfaktorer utifrån individens behov och förutsättningar.",
                "- främja fysisk, psykisk, social och existentiell hälsa samt inventera "
                "riskfaktorer, göra åtgärdsplaner.",
                "- samverkan och planering: arbeta utifrån nationella/regionala beslut, "
                "strategier, avtal samt utifrån lokala behov. Tydlig planering och samverkan "
                "mellan huvudmän, förvaltningar och frivilligorganisationer och ett sömlöst "
                "omhändertagande när behov uppstår.",
                "- att använda innovativa lösningar, arbeta tillsammans och utanför boxen för "
                "att stärka invånarens hälsa.",
            ),
        ),
        (
            "Metod",
            "För att skapa en tydlig förståelse av nuläget så blir ett första steg att kartlägga "
            "hur arbetet sker med hälsofrämjande förebyggande insatser inkl. riskbedömningar. "
            "Nulägesinventering sker i lokalsamverkan och i enskilda verksamheter. Analys och "
            "framtida arbete sker därefter, se bilaga 1 och 2.",
        ),
        (
            "Tidsplan",
            _lines(
                "Inledningsvis sker nulägesinventering för tydliggöra vad som behövs arbetas "
                "vidare med.",
                "Varje lokal samverkan gör sin prioritering av vad som är viktigast att arbeta "
                "med först.",
                "",
                "- nulägesinventering",
                "- analys av nuläge",
                "- planering (PDSA) mot önskat läge (syfte)",
                "- implementering",
                "- uppföljning",
            ),
        ),
    ),
    rows=(
        RowSpec(
            title=(
                "Hälsofrämjande arbetet som en viktig del i allt arbete, förebygga för "
                "individens bästa"
            ),
            target_areas=(LIFESTYLE, EQUITABLE_CARE),
            activities=(
                ActivitySpec(
                    "Nulägesinventering: kartlägga hur arbetet sker med hälsofrämjande "
                    "förebyggande insatser inkl. riskbedömningar (stödfrågor i bilaga 1).",
                    responsible="Lokal samverkan och enskilda verksamheter",
                ),
                ActivitySpec(
                    "Analys av nuläge: vilka styrkor och utmaningar har uppmärksammats vid "
                    "inventeringen, vilka aktiviteter kan leda till förbättring för invånaren.",
                    responsible="Lokal samverkan",
                ),
                ActivitySpec(
                    "Planering (PDSA) mot önskat läge: konkreta åtgärder och aktiviteter, "
                    "planera-gör-studera-agera – vad, vem, när, hur, uppföljning (bilaga 2).",
                    responsible="Lokal samverkan",
                ),
                ActivitySpec(
                    "Förankring: förankra förslag från lokal samverkan till DOT vidare till DST.",
                    responsible="Lokal samverkan, DOT, DST",
                ),
                ActivitySpec(
                    "Implementering och uppföljning: implementera planerade aktiviteter hos "
                    "personal, samverkansplaner; följ upp kontinuerligt, revidera utifrån behov.",
                    responsible="Processledarna",
                ),
            ),
            follow_up=SKANE_FOLLOW_UP,
        ),
        RowSpec(
            title=(
                "Fortsatt fokus på pågående Riktade hälsoundersökningar och Barn och unga, "
                "enligt tidigare beslut i DST"
            ),
            target_areas=(LIFESTYLE, EQUITABLE_CARE),
            follow_up=SKANE_FOLLOW_UP,
        ),
    ),
    state=PlanState.ADOPTED,
    published=False,
)

PLANS = (PLAN_2023, PLAN_2024, PLAN_RAG_TOBAK_2024, PLAN_SKANE_NORDOST_2026)


# --- Loading ------------------------------------------------------------------------------------


def _promise(prefix: str) -> PatientPromise:
    """Return SÖSR's one patient promise whose text starts with ``prefix``."""
    matches = [
        promise
        for promise in PatientPromise.objects.filter(owner__slug="sosr")
        if promise.text.startswith(prefix)
    ]
    if len(matches) != 1:
        raise LookupError(f"No single patient promise starts with {prefix!r}")
    return matches[0]


def _load_plan(spec: PlanSpec, *, predecessor: Plan | None = None) -> Plan:
    fields = dict(spec.fields)
    if spec.adopted_by:
        fields["adopted_by"] = Organisation.objects.get(slug=spec.adopted_by)
    plan = plan_create(
        actor=None,
        organisation=Organisation.objects.get(slug=spec.organisation),
        year=spec.year,
        title=spec.title,
        sections=list(spec.sections),
        focus_areas=list(spec.focus_areas),
        predecessor=predecessor,
        **fields,
    )
    previous_rows = {row.title: row for row in predecessor.rows.all()} if predecessor else {}
    target_areas = {area.number: area for area in PublicHealthTargetArea.objects.all()}
    loaded: list[tuple[RowSpec, PlanRow]] = []
    for row_spec in spec.rows:
        row = row_create(
            actor=None,
            plan=plan,
            title=row_spec.title,
            description=row_spec.description,
            effort_area=(
                NationalEffortArea.objects.get(name=row_spec.effort_area, parent=None)
                if row_spec.effort_area
                else None
            ),
            effort_area_note=row_spec.effort_area_note,
            follow_up=row_spec.follow_up,
            predecessor=previous_rows[row_spec.continues] if row_spec.continues else None,
            patient_promises=[_promise(text) for text in row_spec.promises],
            target_areas=[target_areas[number] for number in row_spec.target_areas],
        )
        loaded.append((row_spec, row))
        for activity_spec in row_spec.activities:
            activity_create(
                actor=None,
                row=row,
                text=activity_spec.text,
                responsible=activity_spec.responsible,
                whole_year=activity_spec.whole_year,
                start=activity_spec.start,
                end=activity_spec.end,
            )
    if spec.state != PlanState.DRAFT:
        plan_adopt(
            actor=None, plan=plan, adopted_by=plan.adopted_by, adopted_date=plan.adopted_date
        )
        if spec.published:
            plan_set_published(actor=None, plan=plan, published=True)
        if spec.state == PlanState.ARCHIVED:
            plan_archive(actor=None, plan=plan)
    # Follow-up comes after adoption: statuses and finished activities.
    for row_spec, row in loaded:
        for status in row_spec.statuses:
            status_add(
                actor=None, row=row, rating=status.rating, comment=status.comment, date=status.date
            )
        for activity_spec, activity in zip(row_spec.activities, row.activities.all(), strict=True):
            if activity_spec.done:
                activity_set_done(actor=None, activity=activity, done=True)
    return plan


def load_demo_plans() -> None:
    """Load the demo action plans; the organisations and catalogues must be there already."""
    plan_2023 = _load_plan(PLAN_2023)
    _load_plan(PLAN_2024, predecessor=plan_2023)
    _load_plan(PLAN_RAG_TOBAK_2024)
    _load_plan(PLAN_SKANE_NORDOST_2026)
