"""Load the demo's knowledge bank: good examples, webcasts and meetings, and the search index.

- The good examples of seed 002 ("Goda exempel Östergötlands län / Kalmar län / Jönköpings
  län, ett axplock"), each under the region or municipality the seed names, with its text
  taken from the seed. The target areas are our reading of each text.
- The examples of seed 000's slide "Massor av gott arbete sker i RAG:arna": Tobakshjälpen,
  FaR-utbildningar, Riktade hälsosamtal and Hälsan spelar roll, under their RAGs.
- The series "Webbsända studiebesök" of seed 002 with its eight dates, and the dialogue
  meetings of the same seed. The seed gives no year; 2021 is assumed, so the events are
  marked as example data.

Every write goes through the services; at the end the search index is rebuilt, so the
regions and municipalities the migrations loaded are in it too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from framja.catalog.models import PublicHealthTargetArea
from framja.knowledge.index import rebuild
from framja.knowledge.models import EventKind, ExampleStatus
from framja.knowledge.services import event_create, example_create
from framja.organisations.models import Organisation

OSTERGOTLAND = "0005"
JONKOPING = "0006"
KALMAR = "0008"


@dataclass(frozen=True)
class ExampleSpec:
    title: str
    summary: str
    organisation: str  # Kolada code or slug
    county: str
    areas: tuple[int, ...] = ()
    description: str = ""
    target_groups: str = ""
    keywords: str = ""
    links: str = ""
    partners: tuple[str, ...] = ()
    status: str = ExampleStatus.ONGOING


EXAMPLES = (
    # --- Östergötlands län (seed 002) ---
    ExampleSpec(
        title="Sätt Östergötland i rörelse",
        summary="En regional strategi för ökad fysisk aktivitet som bygger på arbete inom fem "
        "olika samhällsarenor.",
        description="Fakta, inspiration och goda exempel från arbetet inom länet delas på "
        "webbsidan www.sattostergotlandirorelse.nu. I dagsläget finns närmare 90 sådana "
        "beskrivningar i syfte att inspirera andra.",
        organisation=OSTERGOTLAND,
        county=OSTERGOTLAND,
        areas=(5, 6),
        target_groups="Alla invånare i Östergötland",
        keywords="fysisk aktivitet, rörelse, strategi, samhällsarenor",
        links="https://www.sattostergotlandirorelse.nu/",
    ),
    ExampleSpec(
        title="Sätt Norrköping i rörelse",
        summary="Arbetsgrupp med bred representation från kommunens verksamheter, föreningslivet "
        "och Region Östergötland.",
        description="I Norrköpings kommun finns arbetsgruppen ”Sätt Norrköping i rörelse” med "
        "bred representation från olika verksamheter, såsom kultur och fritid, utbildning, "
        "samhällsplanering och kommunikation. Dessutom ingår representanter från "
        "föreningslivet och Region Östergötland i arbetsgruppen och vid behov adjungeras "
        "representanter från Länsstyrelsen samt ytterligare tjänstemän från olika kommunala "
        "verksamheter.",
        organisation="0581",
        county=OSTERGOTLAND,
        areas=(5, 6),
        keywords="fysisk aktivitet, rörelse, föreningsliv",
        partners=(OSTERGOTLAND,),
    ),
    ExampleSpec(
        title="Move Motala",
        summary="Motala kommuns arbete för fysisk aktivitet, motsvarande Sätt Norrköping i "
        "rörelse.",
        organisation="0583",
        county=OSTERGOTLAND,
        areas=(6,),
        keywords="fysisk aktivitet, rörelse",
    ),
    ExampleSpec(
        title="Strategi för hälsosamma levnadsvanor och hälsosam vikt för barn i Östergötland",
        summary="Strategi och handlingsplan kring hälsosamma levnadsvanor och hälsosam vikt för "
        "barn, på uppdrag av Ledningsgrupp vård och omsorg (LGVO).",
        description="Underlagsrapport till LGVO december 2019, uppdrag juni 2020. Arbetsgrupp "
        "med representanter från kommuner (förskola, skola, elevhälsa, socialtjänst) och "
        "region (socialmedicin, regional utveckling, barnhälsovård, tandvård, mödravård).",
        organisation=OSTERGOTLAND,
        county=OSTERGOTLAND,
        areas=(1, 6),
        target_groups="Barn och deras familjer",
        keywords="övervikt, fetma, levnadsvanor, barn",
    ),
    ExampleSpec(
        title="Strategi för suicidprevention i Östergötland",
        summary="Ett uppdrag att ta fram en strategi för suicidprevention som till stor del är "
        "förebyggande.",
        description="I arbetet ingår Region Östergötland, kommunerna, polisen, "
        "räddningstjänsten, Länsstyrelsen med flera.",
        organisation=OSTERGOTLAND,
        county=OSTERGOTLAND,
        areas=(7, 8),
        keywords="suicidprevention, psykisk hälsa",
        status=ExampleStatus.PLANNED,
    ),
    ExampleSpec(
        title="Hälsoinformation till nyanlända mammor",
        summary="Samverkansprojekt med Finland kring hälsoinformation till nyanlända mammor.",
        description="Flyktingmedicinskt centrum i samverkan med kommunerna.",
        organisation=OSTERGOTLAND,
        county=OSTERGOTLAND,
        areas=(1, 8),
        target_groups="Nyanlända mammor",
        keywords="hälsokommunikation, nyanlända, utlandsfödda",
    ),
    ExampleSpec(
        title="Ungdomsenkäten – Om mig",
        summary="En anonym ungdomsenkät som genomförs varje höst bland elever i högstadiet och "
        "gymnasiet, i samverkan med länets kommuner och Länsstyrelsen Östergötland.",
        description="Goda exempel på ungdomsdelaktighet och hälsofrämjande arbete (till exempel "
        "minska stress i skolan, förbättra skolmat och främja elevers hälsa och "
        "måluppfyllelse) lyfts på årliga seminarier för skolpersonal. I höst inleds dialog med "
        "kommunernas elevhälsor och utbildningssektorer om hur Region Östergötland "
        "(folkhälso- och statistikenheten) kan bidra till att stärka det hälsofrämjande "
        "arbetet och arbetet med enkätresultatet i skola och kommun.",
        organisation=OSTERGOTLAND,
        county=OSTERGOTLAND,
        areas=(2, 7),
        target_groups="Elever i högstadiet och gymnasiet",
        keywords="enkät, ungdomar, elevhälsa, skola",
    ),
    ExampleSpec(
        title="ABC – Act-Belong-Commit",
        summary="Forskningsbaserad metod för att främja psykisk hälsa.",
        description="Förstudie genomförd hösten 2019. Förslag från arbetsgruppen att starta med "
        "äldre befolkning. Projektledare anställs under två år, verksamheter i samverkan "
        "mellan region, kommun och lokala aktörer, så kallade partners. Beslut i HSN "
        "september.",
        organisation=OSTERGOTLAND,
        county=OSTERGOTLAND,
        areas=(7,),
        target_groups="Äldre",
        keywords="psykisk hälsa, äldre",
    ),
    ExampleSpec(
        title="Mind//Shift",
        summary="Ett initiativ där näringsliv, offentlig sektor och ideella föreningar arbetar "
        "tillsammans för att skapa förutsättningar som stärker den psykiska hälsan bland "
        "östgötarna.",
        organisation=OSTERGOTLAND,
        county=OSTERGOTLAND,
        areas=(7,),
        keywords="psykisk hälsa, näringsliv, civilsamhälle",
    ),
    ExampleSpec(
        title="Regional ANDT-strategi i Östergötland",
        summary="Samverkan mellan regionen, Länsstyrelsen, kommunerna och polisen om alkohol, "
        "narkotika, dopning och tobak.",
        organisation=OSTERGOTLAND,
        county=OSTERGOTLAND,
        areas=(6,),
        keywords="ANDT, alkohol, tobak, narkotika",
    ),
    # --- Kalmar län (seed 002) ---
    ExampleSpec(
        title="Regionalt handlingsprogram för suicidprevention i Kalmar län",
        summary="Ett uppdrag från Länsgemensam ledning att ta fram ett regionalt "
        "handlingsprogram för suicidprevention som till stor del är förebyggande.",
        description="Här görs många aktiviteter gemensamt ur folkhälsoperspektiv, till exempel "
        "MHFA (Första hjälpen till psykisk hälsa) och YAM (Youth Aware of Mental Health).",
        organisation=KALMAR,
        county=KALMAR,
        areas=(7, 8),
        keywords="suicidprevention, psykisk hälsa, MHFA, YAM",
    ),
    ExampleSpec(
        title="Blåljusutbildning",
        summary="Ett samverkansarbete mellan region, polisen, SOS Alarm och räddningstjänst.",
        organisation=KALMAR,
        county=KALMAR,
        areas=(8,),
        keywords="utbildning, samverkan, räddningstjänst",
    ),
    ExampleSpec(
        title="Gemensamt Corona-dokument",
        summary="Ett gemensamt dokument så att varje kommun lätt kan lägga upp och dela "
        "dokument kopplade till folkhälsa och covid-19.",
        organisation=KALMAR,
        county=KALMAR,
        keywords="covid-19, pandemi, kommunikation",
        status=ExampleStatus.FINISHED,
    ),
    ExampleSpec(
        title="Elevhälsoenkäten i Kalmar län",
        summary="Kvalitetssäkra och digitalisera elevhälsoenkäten i länet för att kunna följa "
        "elevernas hälsa över tid, lokalt, regionalt, nationellt och globalt.",
        description="Syftet är att göra bättre insatser för våra barn och unga.",
        organisation=KALMAR,
        county=KALMAR,
        areas=(1, 2),
        target_groups="Elever",
        keywords="enkät, elevhälsa, barn och unga",
    ),
    ExampleSpec(
        title="Kom igång på familjecentralerna",
        summary="Uppmuntrar till ökad fysisk aktivitet och minskat stillasittande för familjer "
        "med barn 0–6 år.",
        description="Samverkan mellan kommun, region och föreningsliv.",
        organisation=KALMAR,
        county=KALMAR,
        areas=(1, 6),
        target_groups="Familjer med barn 0–6 år",
        keywords="fysisk aktivitet, stillasittande, familjecentral",
    ),
    ExampleSpec(
        title="Sund Smart Stark Senior",
        summary="Idrottskurser för seniorer i samverkan med kommun, föreningsliv och region.",
        organisation=KALMAR,
        county=KALMAR,
        areas=(6,),
        target_groups="Seniorer",
        keywords="fysisk aktivitet, äldre, idrott",
    ),
    ExampleSpec(
        title="Tobaksfri utmaning",
        summary="Folktandvården i Region Kalmar län har en ny metod för att främja "
        "tobaksfrihet på länets gymnasieskolor.",
        organisation=KALMAR,
        county=KALMAR,
        areas=(6,),
        target_groups="Gymnasieelever",
        keywords="tobak, tandvård, skola",
    ),
    ExampleSpec(
        title="Hbtq-diplomering av familjecentralerna",
        summary="Diplomeringen startade i höst; både kommunens och Region Kalmar läns personal "
        "utbildas samtidigt.",
        organisation=KALMAR,
        county=KALMAR,
        areas=(1, 8),
        keywords="hbtq, familjecentral, utbildning",
    ),
    # --- Jönköpings län (seed 002) ---
    ExampleSpec(
        title="Bästa platsen att växa upp, leva och åldras på",
        summary="Ett lärande nätverk med lokala team som arbetar systematiskt för att få fler "
        "unga att fullfölja sina studier, öka sin fysiska aktivitet och förbättra sin "
        "psykiska hälsa.",
        description="Nationell koppling till Strategi för hälsa och förankrat i Strategigrupp "
        "barn.",
        organisation=JONKOPING,
        county=JONKOPING,
        areas=(1, 2, 6),
        target_groups="Barn och unga",
        keywords="lärande nätverk, skola, fysisk aktivitet, psykisk hälsa",
    ),
    ExampleSpec(
        title="Hälsa för livet",
        summary="Gruppstöd och digitala tjänster inom hälsa och egenvård för och med invånarna "
        "i länet.",
        description="- För personer med levd erfarenhet av sjukdom eller ohälsa: hälsocaféer, "
        "peer support, recovery college, levande bibliotek, kulturunderstödd rehabilitering\n"
        "- Generellt stöd: självhjälpsgrupper, More to life (unga), Sund Smart Stark Senior "
        "(äldre)\n"
        "- Segmenteringsmodell med samlad stödmeny: stöd- och behandlingsplattformen "
        "(levnadsvanor), gruppstöd och individuellt stöd",
        organisation=JONKOPING,
        county=JONKOPING,
        areas=(6, 8),
        keywords="egenvård, gruppstöd, digitala tjänster",
    ),
    ExampleSpec(
        title="Hälsocenter i Jönköpings län",
        summary="En samverkansform mellan kommunernas kultur- och fritidsförvaltningar, "
        "vårdcentraler och det ideella föreningslivet.",
        description="- Nära coachning och stöd för invånare med risk för framtida ohälsa\n"
        "- Stöd för fysisk, psykisk, social och existentiell hälsa\n"
        "- Hälsocoach online",
        organisation=JONKOPING,
        county=JONKOPING,
        areas=(6, 8),
        keywords="hälsocenter, vårdcentral, föreningsliv, levnadsvanor",
        partners=("0683",),
    ),
    ExampleSpec(
        title="Tilläggsuppdrag för vårdcentraler med störst hälsoutmaningar",
        summary="De sju vårdcentraler som har högst CNI (hälsoutmaningar) arbetar med kommun "
        "och närsamhälle för en mer jämlik hälsa.",
        description="Fem miljoner kronor avsatta under tre år som en del i vårdvalet.",
        organisation=JONKOPING,
        county=JONKOPING,
        areas=(4, 8),
        keywords="jämlik hälsa, CNI, vårdcentral",
    ),
    ExampleSpec(
        title="Samordningsvård psykisk hälsa (Höglandet)",
        summary="Samverkan och förbättringsarbete utifrån geografiska kluster: psykiatri, "
        "primärvård, kommun och folkhälsa.",
        organisation=JONKOPING,
        county=JONKOPING,
        areas=(7, 8),
        keywords="psykisk hälsa, samverkan, förbättringsarbete",
    ),
    ExampleSpec(
        title="Suicidprevention i Jönköpings län",
        summary="Uppdragsbeskrivning för 2020–2023 antagen i ReKo. Tretton lokala samordnare "
        "igång, kompetenshöjande insatser i samverkan med räddningstjänst, kommuner med "
        "flera.",
        organisation=JONKOPING,
        county=JONKOPING,
        areas=(7,),
        keywords="suicidprevention, psykisk hälsa",
    ),
    # --- The RAGs of RPO Hälsofrämjande (seed 000) ---
    ExampleSpec(
        title="Tobakshjälpen",
        summary="Digital tobaksavvänjning som RAG Tobak ansvarar för. Sju andra regioner "
        "använder verktyget.",
        organisation="rag-tobak",
        county="",
        areas=(6, 8),
        target_groups="Personer som vill sluta röka eller snusa",
        keywords="tobak, tobaksavvänjning, digitalt stöd",
    ),
    ExampleSpec(
        title="FaR-utbildningar",
        summary="Webbutbildning om fysisk aktivitet på recept (FaR) som arbetats fram inom "
        "sjukvårdsregionen.",
        organisation="rag-fysisk-aktivitet-pa-recept",
        county="",
        areas=(6, 8),
        target_groups="Hälso- och sjukvårdspersonal som förskriver FaR",
        keywords="fysisk aktivitet på recept, FaR, webbutbildning",
    ),
    ExampleSpec(
        title="Riktade hälsosamtal: grundutbildningar och metodstöd",
        summary="Grundutbildningar och metodstöd för de riktade hälsosamtalen i sjukvårdsregionen.",
        description="Det uppdaterade metodstödet för de riktade hälsosamtalen publiceras på "
        "hemsidan.",
        organisation="rag-riktade-halsosamtal",
        county="",
        areas=(6, 8),
        target_groups="Personal som håller riktade hälsosamtal",
        keywords="hälsosamtal, metodstöd, utbildning",
    ),
    ExampleSpec(
        title="Hälsan spelar roll",
        summary="Kurser som vänder sig till boende med LSS-insats, med syftet att påverka "
        "levnadsvanor för att uppnå en god hälsa.",
        description="- Kurser för dem som ska utbilda utbildare\n"
        "- Kurser för deltagare (boende med LSS-insats)\n"
        "- Kurser för personal på LSS-boenden som ska utbilda deltagare\n"
        "- Följeforskning startad september 2023",
        organisation="rag-halsan-spelar-roll",
        county="",
        areas=(6, 8),
        target_groups="Boende med LSS-insats och personal på LSS-boenden",
        keywords="LSS, levnadsvanor, kurser",
        links="https://halsanspelarroll.se/",
    ),
)

# Seed 002's "Webbsända studiebesök" of Strategi för hälsa; the seed gives day and time only.
WEBCASTS = (
    (2, 19, "15:00", "Leva livet bäst möjligt i Skellefteå"),
    (4, 16, "15:00", "Värnamo hälsocenter, Värnamo kommun med vårdcentraler"),
    (
        4,
        29,
        "09:00",
        "Områdesbaserad samverkan som främjar hälsa – en värdefull tillgång i kristider. "
        "Göteborg och Malmö",
    ),
    (5, 19, "15:00", "Allaktivitetshusen i Malmö bryter barriärer för ökad social hållbarhet"),
    (8, 26, "14:00", "Små barn stora möjligheter. Södra Ryd, Skövde"),
    (
        9,
        30,
        "15:00",
        "Prevention för en rolig framtid – från stuprör till godkända betyg, "
        "Friskvårdsgruppen i Kungsbacka",
    ),
    (
        10,
        28,
        "10:00",
        "Hälsofrämjande etablering – tillsammans gör vi skillnad för nyanlända i Gävle",
    ),
    (11, 27, "10:30", "Mäta för förbättring, samverkan mellan region och kommuner i Örebro län"),
)
WEBCAST_YEAR = 2021


def _organisation(key: str) -> Organisation:
    if key.isdigit():
        return Organisation.objects.get(code=key, kind__in=["region", "municipality"])
    return Organisation.objects.get(slug=key)


def _moment(year: int, month: int, day: int, time: str) -> datetime.datetime:
    hour, minute = (int(part) for part in time.split(":"))
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def load_demo_knowledge() -> None:
    areas = {area.number: area for area in PublicHealthTargetArea.objects.all()}
    for spec in EXAMPLES:
        example_create(
            actor=None,
            organisation=_organisation(spec.organisation),
            title=spec.title,
            summary=spec.summary,
            description=spec.description,
            county=_organisation(spec.county) if spec.county else None,
            target_groups=spec.target_groups,
            keywords=spec.keywords,
            links=spec.links,
            status=spec.status,
            partners=[_organisation(p) for p in spec.partners],
            target_areas=[areas[n] for n in spec.areas],
        )
    sosr = Organisation.objects.get(slug="sosr")
    for month, day, time, title in WEBCASTS:
        start = _moment(WEBCAST_YEAR, month, day, time)
        event_create(
            actor=None,
            organisation=sosr,
            title=title,
            start=start,
            end=start + datetime.timedelta(hours=1),
            kind=EventKind.WEBCAST,
            organiser_text="Strategi för hälsa: Webbsända studiebesök",
            description="Vi tar oss landet runt till platser där kommuner och regioner "
            "förbättrar befolkningens hälsa genom att arbeta tillsammans. "
            f"Exempel: seminariet anger dag och tid men inte år; {WEBCAST_YEAR} är antaget.",
            example=True,
        )
    rebuild()
