"""Hand-built report documents for the renderer tests."""

from framja.documents.report_data import (
    AnnualReportDocument,
    FeedbackDocument,
    FeedbackSetback,
    FeedbackSuccess,
    GoalGroup,
    GoalLine,
    OrganisationSection,
    RatingLegendItem,
    TextSection,
)

LEGEND = [
    RatingLegendItem("✓", "Målet är uppnått"),
    RatingLegendItem("◐", "Målet är delvis uppnått"),
    RatingLegendItem("✕", "Målet är inte uppnått"),
    RatingLegendItem("–", "Målet är inte bedömt"),
]
RATINGS = {item.symbol: item.sentence for item in LEGEND}
MACHINE = {"✓": "achieved", "◐": "partly", "✕": "not_achieved", "–": "not_assessed"}

LONG_ANALYSIS = " ".join(
    [
        "Organisationsförändringar har påverkat arbetet och bidragit till en långsammare "
        "arbetsprocess än planerat i flera av regionerna."
    ]
    * 12
)


def goal(text: str, result: str, analysis: str, symbol: str) -> GoalLine:
    return GoalLine(
        text=text,
        result=result,
        analysis=analysis,
        rating_symbol=symbol,
        rating_sentence=RATINGS[symbol],
        rating=MACHINE[symbol],
    )


def make_report() -> AnnualReportDocument:
    return AnnualReportDocument(
        organisation="Nätverket Hälsofrämjande hälso- och sjukvård",
        short_name="HFS",
        year=2019,
        title="Verksamhetsberättelse",
        foreword_heading="Presidieutskottet (PU) har ordet",
        foreword=(
            "Nätverkets vision om en hälsofrämjande hälso- och sjukvård för alla ställer höga "
            "krav på medlemsregionerna.\n\n"
            "Under 2019 har vi anordnat utvecklingsdagar.\nVi har också uppvaktat "
            "Riksdagens socialutskott."
        ),
        foreword_signed_by=[
            "Ralph Harlid, Västra Götalandsregionen",
            "Helena Holmgren, Region Stockholm",
        ],
        about=[
            TextSection(
                "Om Nätverket",
                "Det svenska nätverket för Hälsofrämjande hälso- och sjukvård (HFS) är en del "
                "av det internationella nätverket HPH.",
            ),
            TextSection(
                "Nätverkets verksamhetsidé",
                "Driva utveckling av en hälsofrämjande hälso- och sjukvård.\n\n"
                "### Patientperspektivet\n"
                "Inom ramen för patientperspektivet drev nätverket följande frågor:\n"
                "- Jämlik vård\n"
                "- Levnadsvanor\n\n"
                "### Befolkningsperspektivet\n"
                "Nätverket arbetar för befolkningens hälsa.",
            ),
        ],
        events=["Vårmöte i mars", "Årsmöte i mars", "Strategidagar i september"],
        legend=LEGEND,
        own_goals_heading="Måluppfyllelse för fokusmål 2019",
        own_goals=[
            GoalGroup(
                "",
                [
                    goal(
                        "Nationella indikatorer är integrerade i minst tre regioner.",
                        "Ett arbete har påbörjats i tre regioner.",
                        "En process har startat i två regioner.",
                        "◐",
                    ),
                    goal(
                        "Processer för jämlikhetsperspektivet är etablerade.",
                        "Enkät har skickats ut. Sammanfattningsvis:\n"
                        "- 12 regioner arbetar med patienter\n"
                        "- 13 regioner arbetar med befolkningen",
                        "Det pågår mycket arbete i frågorna.",
                        "✓",
                    ),
                    goal(
                        "Former för kollegialt lärande har etablerats.",
                        "Har ej genomförts.",
                        LONG_ANALYSIS,
                        "✕",
                    ),
                ],
            )
        ],
        sections_heading="Måluppfyllelse för temagrupperna",
        sections=[
            OrganisationSection(
                heading="Temagrupp: Levnadsvanor",
                summary="Temagruppen har arbetat i fyra undergrupper.",
                groups=[
                    GoalGroup(
                        "Alkoholprevention",
                        [
                            goal(
                                "Öka antalet medlemmar som har infört alkoholfri operation.",
                                "Temagruppen har delat lärande exempel.",
                                "- Vissa regioner har inte startat\n- Evidensen ifrågasätts",
                                "◐",
                            )
                        ],
                    ),
                    GoalGroup(
                        "Fysisk aktivitet",
                        [
                            goal(
                                "Ett gemensamt utbildningsmaterial om FaR finns framtaget.",
                                "Materialet finns publicerat.",
                                "",
                                "✓",
                            )
                        ],
                    ),
                ],
            ),
            OrganisationSection(
                heading="Temagrupp: Hälsofrämjande vårdmiljö",
                summary="",
                groups=[
                    GoalGroup(
                        "",
                        [
                            goal(
                                "Öka kunskapen om den gröna miljöns betydelse.",
                                "",
                                "",
                                "–",
                            )
                        ],
                    )
                ],
            ),
        ],
        source_note="Bygger på det som lämnades in i Årsrapport 2019 (stängd 2020-02-01).",
    )


def make_feedback() -> FeedbackDocument:
    return FeedbackDocument(
        organisation="Regionalt programområde Hälsofrämjande",
        year=2023,
        title="Återkoppling utifrån HP 2023",
        successes=[
            FeedbackSuccess(
                "Vårdprogram levnadsvanor har införts i alla regioner i sjukvårdsregionen.",
                "Tydligt uppdrag från ledningen\n- gemensam utbildning\n- nätverk av processledare",
            ),
            FeedbackSuccess("Hälsan spelar roll har spridits till fler skolor.", ""),
        ],
        setbacks=[
            FeedbackSetback(
                "Enhetlig dokumentation av levnadsvanor.",
                "Journalsystemen skiljer sig åt mellan regionerna.",
                "Gemensam mall tas fram under våren 2024.",
            )
        ],
        next_year=2024,
        new_chair="Anette Frisk (Jönköping)",
        new_process_support="Sofie Westerberg (Östergötland)",
        other_changes="",
        example=True,
    )
