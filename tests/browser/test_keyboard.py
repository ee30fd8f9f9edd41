"""The main flows with the keyboard only: no clicks, only Tab, Shift+Tab, arrows, Space,
Enter and typing, as someone who cannot use a mouse works."""

import re

from playwright.sync_api import Locator, Page, expect

from framja.plans.models import Plan, PlanRow
from framja.surveys.models import Response
from tests.browser.conftest import login

TABS = 300


def tab_to(page: Page, target: Locator, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the target has the focus; fail if it never gets it."""
    expect(target).to_be_visible()
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(TABS):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{target} is not reached with {key}")


def test_a_row_is_edited_and_given_a_status_with_the_keyboard(page: Page, demo):
    # given the process support on RAG Tobak's draft plan
    login(page, "processtod@framja.example")
    plan = Plan.objects.get(organisation__slug="rag-tobak", year=2024)
    row = plan.rows.get(title="Tobaksfri operation")
    page.goto(plan.get_absolute_url())

    # when she tabs to the row's edit link and changes its title
    tab_to(page, page.locator(f"#rad-{row.pk}-andra"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/rader/\d+/"))
    title = page.get_by_label("Prioriterat område")
    tab_to(page, title)
    page.keyboard.press("Control+A")
    page.keyboard.type("Tobaksfri operation i hela regionen")
    tab_to(page, page.get_by_role("button", name="Spara"))
    page.keyboard.press("Enter")

    # then the plan has the new title
    page.wait_for_url(re.compile(re.escape(plan.get_absolute_url())))
    expect(page.get_by_text("Tobaksfri operation i hela regionen").first).to_be_visible()
    assert PlanRow.objects.get(pk=row.pk).title == "Tobaksfri operation i hela regionen"

    # when she opens the row's status form, picks a rating with the arrows and saves
    tab_to(page, page.locator(f"#rad-{row.pk}-status"))
    page.keyboard.press("Enter")
    form = page.locator(".status-form")
    first_rating = form.get_by_role("radio").first
    tab_to(page, first_rating)
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # the next rating
    chosen = form.get_by_role("radio").nth(1)
    expect(chosen).to_be_checked()
    tab_to(page, form.get_by_label("Kommentar", exact=True))
    page.keyboard.type("Förankrad i alla sjukhus.")
    tab_to(page, form.get_by_role("button", name="Spara status"))
    page.keyboard.press("Enter")

    # then the status is saved and said in the live region
    expect(page.locator("#plan-live")).to_contain_text("Tobaksfri operation i hela regionen")
    status = PlanRow.objects.get(pk=row.pk).statuses.order_by("-id").first()
    assert status is not None
    assert status.comment == "Förankrad i alla sjukhus."


def test_a_survey_is_answered_with_the_keyboard(page: Page, demo):
    # given the editor in Region Stockholm, whose answers to this year's survey are a draft
    login(page, "region@framja.example")

    # when she goes to the survey with the keyboard
    tab_to(page, page.get_by_role("link", name="Enkäter att besvara"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name=re.compile("Uppdrag–uppföljning")).first)
    page.keyboard.press("Enter")

    # and answers that the mission is followed up with measurable goals, which shows the
    # follow-up question, and types its number
    measured = page.get_by_role("group", name=re.compile("Följs uppdraget upp med mätbara mål"))
    yes = measured.get_by_label("Ja", exact=True)
    tab_to(page, measured.get_by_role("radio").first)
    if not yes.is_checked():
        page.keyboard.press("Space")
        if not yes.is_checked():
            page.keyboard.press("ArrowUp")
    expect(yes).to_be_checked()
    number = page.get_by_label(re.compile("Hur många indikatorer"))
    expect(number).to_be_visible()
    tab_to(page, number)
    page.keyboard.press("Control+A")
    page.keyboard.type("7")
    comments = page.get_by_label("Kommentarer")
    tab_to(page, comments)
    page.keyboard.press("Control+A")
    page.keyboard.type("Besvarad med tangentbordet.")

    # and hands the answers in
    tab_to(page, page.get_by_role("button", name="Lämna in svaren"))
    page.keyboard.press("Enter")

    # then
    expect(page.get_by_text("Svaren är inlämnade.")).to_be_visible()
    response = Response.objects.get(
        survey__title="Uppdrag–uppföljning", survey__year=2019, organisation__code="0001"
    )
    assert response.state == "submitted"
    answers = {a.question.text: a.value for a in response.answers.select_related("question")}
    assert answers["Följs uppdraget upp med mätbara mål?"] is True
    assert (
        answers["Hur många indikatorer ur områdesrapporten i Vården i siffror följer regionen upp?"]
        == 7
    )
    assert answers["Kommentarer"] == "Besvarad med tangentbordet."
