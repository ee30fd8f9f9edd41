"""An improvement cycle in Chromium, as the process leader of Skåne Nordost: from the
inventory to an approved decision in DST and a recorded follow-up result."""

import datetime
import re

from playwright.sync_api import Page, expect

from framja.improvement.models import (
    AnchoringDecision,
    Cycle,
    FollowUpValue,
    Step,
    StepStatus,
)
from tests.browser.conftest import assert_accessible, login

FIRST_QUESTION = "1. Hur arbetar ni med det hälsofrämjande, förebyggande idag?"
PROCESS_MEASURE = "Lokal samverkan arbetar gemensamt med det hälsofrämjande"


def _decide(page: Page, body: str, group: str, day: str, minutes: str) -> None:
    page.get_by_role("link", name="Registrera ett beslut").click()
    page.get_by_label(body).check()
    page.get_by_label("Gruppen som beslutade").select_option(label=group)
    page.get_by_label("Mötesdatum").fill(day)
    page.get_by_label("godkänt", exact=True).check()
    page.get_by_label(re.compile(r"^Protokoll")).fill(minutes)
    page.get_by_label(re.compile(r"^Förslag")).fill("Gemensam åtgärdsplan efter riskbedömning")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(body.split(" ")[0])
    assert_accessible(page)
    page.get_by_role("link", name="Tillbaka till cykeln").click()


def test_a_cycle_goes_from_inventory_to_an_approved_dst_decision_and_a_result(page: Page, demo):
    # given the process leader, who administers Skåne Nordost and its local collaborations
    login(page, "processledare@framja.example")
    page.goto("/organisationer/lokal-samverkan-osby/")
    page.get_by_role("link", name="Förbättringsarbete").click()
    assert_accessible(page)

    # when she starts a cycle with the default inventory
    page.get_by_role("link", name="Ny förbättringscykel").click()
    page.get_by_label("Rubrik").fill("Hälsofrämjande arbete i Osby")
    page.get_by_label("Inventeringen planerad år").fill("2026")
    page.get_by_label("Inventeringen planerad vecka").fill("20")
    page.get_by_label("Vem är med vid inventeringen").fill("Processledare, MAS, vårdcentralen")
    assert_accessible(page)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hälsofrämjande arbete i Osby")
    assert_accessible(page)
    cycle_url = page.url

    # and answers the inventory and finishes it
    page.get_by_role("link", name="Svara på frågorna").click()
    page.get_by_label(FIRST_QUESTION).fill("Riktade hälsosamtal och Senior Alert, var för sig.")
    assert_accessible(page)
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Ändra steg 1").click()
    page.get_by_label("klart", exact=True).check()
    page.get_by_label("Påbörjat", exact=True).fill("2026-05-11")
    page.get_by_label("Avslutat").fill("2026-05-15")
    assert_accessible(page)
    page.get_by_role("button", name="Spara").click()

    # and writes the analysis and a PDSA cycle
    page.get_by_role("link", name="Skriv analysen").click()
    page.get_by_label("Vilka styrkor har ni uppmärksammat").fill("Täta kontakter")
    page.locator("#id_collaboration-found").fill("Riskbedömningarna följer inte med.")
    assert_accessible(page)
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Ny PDSA-cykel").click()
    page.get_by_label("Rubrik").fill("Gemensam åtgärdsplan")
    page.get_by_label("Plan: vad vill ni göra?").fill("Åtgärdsplan tillsammans med invånaren")
    page.get_by_label("Plan: vad förutsäger ni ska hända?").fill("Fler får åtgärder")
    assert_accessible(page)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", name="PDSA 1: Gemensam åtgärdsplan")).to_be_visible()

    # and records the approvals, first in DOT and then in DST
    _decide(
        page,
        "DOT (delregional operativ grupp)",
        "Delregional operativ grupp Nordost",
        "2026-06-04",
        "Protokoll DOT 2026-06-04 § 3",
    )
    _decide(
        page,
        "DST (delregional styrgrupp)",
        "Tjänstemannaberedning delregional samverkan Nordost",
        "2026-06-18",
        "Protokoll DST 2026-06-18 § 7",
    )

    # and records a follow-up result for a process measure
    page.get_by_role("button", name="Lägg till delregionens indikatorer och processmått").click()
    page.get_by_role("link", name=f"Nytt resultat – {PROCESS_MEASURE}").click()
    page.get_by_label("Datum").fill("2026-09-30")
    page.get_by_label("Resultat").fill("Två gemensamma åtgärdsplaner")
    assert_accessible(page)
    page.get_by_role("button", name="Spara").click()

    # then the cycle page shows it all on its timeline
    assert page.url.startswith(cycle_url)
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text("Protokoll DST 2026-06-18 § 7")
    expect(timeline).to_contain_text("Två gemensamma åtgärdsplaner")
    expect(page.locator("#steg-3")).to_contain_text("Klart")
    assert_accessible(page)
    cycle = Cycle.objects.get(organisation__slug="lokal-samverkan-osby")
    assert cycle.steps.get(step=Step.ANCHORING).status == StepStatus.DONE
    assert list(AnchoringDecision.objects.filter(cycle=cycle).values_list("body", "outcome")) == [
        ("dot", "approved"),
        ("dst", "approved"),
    ]
    value = FollowUpValue.objects.get(measure__cycle=cycle)
    assert (value.date, value.result) == (
        datetime.date(2026, 9, 30),
        "Två gemensamma åtgärdsplaner",
    )


def test_the_improvement_pages_of_the_demo_are_accessible(page: Page, demo):
    login(page, "processledare@framja.example")
    cycle = Cycle.objects.get(organisation__slug="lokal-samverkan-kristianstad")
    decision = AnchoringDecision.objects.get(cycle=cycle)
    base = f"/organisationer/lokal-samverkan-kristianstad/forbattringsarbete/{cycle.pk}"
    paths = [
        "/organisationer/skane-nordost/forbattringsarbete/",
        "/organisationer/skane-nordost/forbattringsarbete/mallar/",
        "/organisationer/skane-nordost/forbattringsarbete/mallar/ny/",
        f"/organisationer/skane-nordost/forbattringsarbete/mallar/{cycle.template_id}/jamforelse/",
        f"{base}/",
        f"{base}/andra/",
        f"{base}/analys/",
        f"{base}/beslut/{decision.pk}/",
        f"{base}/uppfoljning/nytt-matt/",
        f"{base}/pdsa/{cycle.pdsa_cycles.get().pk}/",
        f"{base}/pdsa/{cycle.pdsa_cycles.get().pk}/varde/",
    ]
    for path in paths:
        page.goto(path)
        assert_accessible(page)
    # The overview flags the late steps in words, not by colour alone.
    page.goto("/organisationer/skane-nordost/forbattringsarbete/")
    expect(
        page.get_by_text(
            "Exempel: Hälsofrämjande och förebyggande arbete i lokal samverkan Kristianstad"
        )
    ).to_be_visible()
