"""The indicators of seed 004 (Skåne Nordost's action plan), with their data sources.

The plan lists the indicators Socialstyrelsen has used for "hälsofrämjande" in God och nära
vård and the ones Nordost follows; the Kolada ids are those named in shared/OPEN_DATA.md.
Care Need Index is there as an indicator where neither higher nor lower is better.
"""

from dataclasses import dataclass
from pathlib import Path

from framja.indicators.following import selection_create
from framja.indicators.http import JsonClient, Request, Response
from framja.indicators.kolada import KoladaClient
from framja.indicators.models import (
    DataSource,
    Direction,
    Indicator,
    IndicatorValue,
    Level,
    Periodicity,
    Place,
    Sex,
)
from framja.indicators.services import ImportResult, kolada_import
from framja.plans.models import Plan

NPE = "Nationell patientenkät"
SENIOR_ALERT = "Senior Alert"
IHP = "International Health Policy Survey"
KOLADA = "Kolada"
SOCIALSTYRELSEN = "Socialstyrelsen"


@dataclass(frozen=True)
class DemoIndicator:
    code: str
    name: str
    source: str
    description: str
    level: str = Level.REGION
    direction: str = Direction.HIGHER
    periodicity: str = Periodicity.YEAR
    unit: str = "procent"
    by_sex: bool = True
    kolada_kpi_id: str = ""


INDICATORS = [
    DemoIndicator(
        "diskuterat-levnadsvanor",
        "Diskuterat levnadsvanor, patientrapporterat, primärvård",
        NPE,
        "Andel patienter i primärvården som svarar att de har diskuterat sina levnadsvanor. "
        "Använd av Socialstyrelsen för God och nära vård (hälsofrämjande).",
        periodicity=Periodicity.BIENNIAL,
    ),
    DemoIndicator(
        "diskuterat-alkoholvanor",
        "Diskuterat alkoholvanor i primärvården",
        NPE,
        "Andel patienter i primärvården som svarar att de har diskuterat sina alkoholvanor.",
        periodicity=Periodicity.BIENNIAL,
    ),
    DemoIndicator(
        "egna-atgarder-battre-halsa",
        "Diskussion om egna åtgärder för bättre hälsa",
        NPE,
        "Andel patienter som har diskuterat vad de själva kan göra för att förbättra sin hälsa.",
        periodicity=Periodicity.BIENNIAL,
    ),
    DemoIndicator(
        "delaktighet-involvering",
        "Delaktighet och involvering, patientrapporterat, primärvård",
        NPE,
        "Patienternas upplevelse av delaktighet och involvering. Mäts i samtliga regioner "
        "vartannat år.",
        periodicity=Periodicity.BIENNIAL,
        unit="",
    ),
    DemoIndicator(
        "riskforebyggande-sarskilt-boende",
        "Riskförebyggande åtgärder i särskilt boende",
        SENIOR_ALERT,
        "Andel personer i särskilt boende med risk (fall, trycksår, undernäring, munhälsa) "
        "som fått förebyggande åtgärder. I Kolada som N20500.",
        level=Level.MUNICIPALITY,
        kolada_kpi_id="N20500",
    ),
    DemoIndicator(
        "riskforebyggande-hemsjukvard",
        "Riskförebyggande åtgärder, hemsjukvård i ordinärt boende",
        SENIOR_ALERT,
        "Andel personer med hemsjukvård i ordinärt boende och risk som fått förebyggande "
        "åtgärder (åtgärder mot fall m.m.). I Kolada som U21432.",
        level=Level.MUNICIPALITY,
        kolada_kpi_id="U21432",
    ),
    DemoIndicator(
        "vardplan-egenvard-kroniska",
        "Tar fram vårdplan för egenvård för kroniska patienter",
        IHP,
        "Andel primärvårdsläkare som tar fram en vårdplan för egenvård för patienter med "
        "kroniska sjukdomar (enkäten till primärvårdsläkare).",
        by_sex=False,
        periodicity=Periodicity.BIENNIAL,
    ),
    DemoIndicator(
        "stod-efter-sjukhusvistelse",
        "Stöd för att hantera hälsotillstånd efter sjukhusvistelse",
        IHP,
        "Andel personer 65 år och äldre som fått stöd för att hantera sitt hälsotillstånd "
        "efter en sjukhusvistelse (enkäten till personer 65+).",
        periodicity=Periodicity.BIENNIAL,
    ),
    DemoIndicator(
        "paverkbar-slutenvard",
        "Påverkbar slutenvård vid kronisk sjukdom",
        KOLADA,
        "Vårdtillfällen i slutenvård som kan påverkas av god öppenvård, för personer med "
        "kronisk sjukdom. I Kolada som U79133 (regioner).",
        direction=Direction.LOWER,
        unit="antal per 100 000 invånare",
        kolada_kpi_id="U79133",
    ),
    DemoIndicator(
        "fallskador-sarskilt-boende",
        "Fallskador, särskilt boende",
        SOCIALSTYRELSEN,
        "Fallskador bland personer i särskilt boende.",
        level=Level.MUNICIPALITY,
        direction=Direction.LOWER,
        unit="",
    ),
    DemoIndicator(
        "fallskador-hemsjukvard",
        "Fallskador, hemsjukvård ordinärt boende",
        SOCIALSTYRELSEN,
        "Fallskador bland personer med hemsjukvård i ordinärt boende.",
        level=Level.MUNICIPALITY,
        direction=Direction.LOWER,
        unit="",
    ),
    DemoIndicator(
        "care-need-index",
        "Care Need Index (CNI)",
        KOLADA,
        "Socioekonomiskt vårdbehovsindex, riket = 1. Används för att vikta ersättningen till "
        "primärvården. I Kolada som N00992.",
        level=Level.MUNICIPALITY,
        direction=Direction.NONE,
        unit="index",
        by_sex=False,
        kolada_kpi_id="N00992",
    ),
]


def load_demo_indicators() -> list[Indicator]:
    """Create the indicators (the data sources come from a data migration)."""
    sources = {source.name: source for source in DataSource.objects.all()}
    return [
        Indicator.objects.create(
            code=spec.code,
            name=spec.name,
            source=sources[spec.source],
            description=spec.description,
            level=spec.level,
            direction=spec.direction,
            periodicity=spec.periodicity,
            unit=spec.unit,
            by_sex=spec.by_sex,
            kolada_kpi_id=spec.kolada_kpi_id,
        )
        for spec in INDICATORS
    ]


# Made-up values in the shape of a Kolada v3 data response (bench/make_kolada_example_values.py
# writes the file): Skåne Nordost's municipalities, Region Skåne, the three regions of
# Sydöstra sjukvårdsregionen and Riket, 2019–2024.
EXAMPLE_VALUES = Path(__file__).parent / "data" / "kolada_example_values.json"
EXAMPLE_SOURCE = "Exempelvärden i demon, inte Koladas siffror"
EXAMPLE_PLACES = ["1290", "1293", "1273", "1256", "1272", "0012", "0005", "0006", "0008", "0000"]
EXAMPLE_YEARS = list(range(2019, 2025))


class FileTransport:
    """Answer every request with the file, as if Kolada had sent it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __call__(self, request: Request) -> Response:
        return Response(200, self.path.read_bytes())


def load_demo_example_values() -> ImportResult:
    """Store the example values through the Kolada import, reading the file instead of Kolada."""
    client = KoladaClient(
        base_url="https://kolada.example/v3",
        http=JsonClient(transport=FileTransport(EXAMPLE_VALUES)),
    )
    return kolada_import(
        kpis=[spec.kolada_kpi_id for spec in INDICATORS if spec.kolada_kpi_id],
        places=EXAMPLE_PLACES,
        years=EXAMPLE_YEARS,
        user=None,
        client=client,
        source=EXAMPLE_SOURCE,
    )


# What Skåne Nordost's plan 2026 follows ("Val av indikatorer"): example baselines and targets,
# set from the example values above.
DEMO_SELECTIONS = (
    ("riskforebyggande-sarskilt-boende", "1293", 10.0),  # Hässleholm
    ("riskforebyggande-hemsjukvard", "1290", 10.0),  # Kristianstad
    ("paverkbar-slutenvard", "0012", -10.0),  # Region Skåne; lower is better
)


def load_demo_selections() -> None:
    """Let the Nordost plan 2026 follow three indicators, baseline 2022, target for 2026."""
    plan = Plan.objects.get(organisation__slug="skane-nordost", year=2026)
    for code, place_code, change in DEMO_SELECTIONS:
        indicator = Indicator.objects.get(code=code)
        place = Place.objects.get(code=place_code)
        baseline = IndicatorValue.objects.filter(
            indicator=indicator, place=place, period="2022", sex=Sex.TOTAL
        ).first()
        value = baseline.value if baseline is not None else None
        selection_create(
            actor=None,
            organisation=plan.organisation,
            plan=plan,
            indicator=indicator,
            place=place,
            baseline_value=value,
            baseline_period="2022" if value is not None else "",
            target_value=round(value * (1 + change / 100), 1) if value is not None else None,
            target_year=2026,
            note="Exempel: utgångsvärde och mål är påhittade för demon.",
        )
