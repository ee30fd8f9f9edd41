"""The questions of seed 004 (Region Skåne, delregion Nordost, 2026): Bilaga 1's inventory
questions, the default question template that migration 0002 loads."""

DEFAULT_TEMPLATE_NAME = "Bilaga 1: Nulägesinventering i lokal samverkan"
DEFAULT_TEMPLATE_DESCRIPTION = (
    "Stödfrågor till den lokala nulägesinventeringen ur den delregionala handlingsplanen för "
    "förebyggande och hälsofrämjande insatser, Region Skåne, delregion Nordost (2026)."
)
DEFAULT_QUESTIONS = [
    "Hur arbetar ni med det hälsofrämjande, förebyggande idag? Får det den effekt som önskas?",
    "Hur arbetar ni med hälsofrämjande kartläggningar alt. riskbedömningar idag?",
    "Vilka specifika målgrupper vinner på att ni i samverkan arbetar med hälsofrämjande "
    "kartläggningar, insatser gemensamt?",
    "Hur arbetar ni med levnadsvanor idag? (Levnadsvanor, vårdprogram – Vårdgivare Skåne)",
    "På vilket sätt arbetar ni personcentrerat ex. uppmärksammas invånarnas behov, vad är "
    "viktigt för invånaren, förmåga/förutsättningar, hälsolitteracitet. Finns systematik i "
    "arbetet?",
    "Finns det någon målgrupp ni inte når idag i det förebyggande hälsofrämjande arbetet?",
    "Hur arbetar ni med riktade hälsosamtal, generella hälsosamtal och riktade "
    "hälsoundersökningar inkl. levnadsvanor samt riskbedömningar och läkemedelsgenomgångar "
    "idag?",
    "Annat?",
]
