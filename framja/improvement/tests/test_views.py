import datetime
import io
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.timezone import now
from docx import Document

from framja.core.i18n import compile_catalogues
from framja.improvement import selectors, services
from framja.improvement.models import AnchoringDecision, FollowUpValue, Step, StepStatus
from framja.indicators.models import DataSource, Indicator, IndicatorValue, Place
from framja.indicators.services import indicator_totals_refresh
from framja.organisations.models import Organisation

D = datetime.date


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(name: str, cycle, **kwargs) -> str:
    return reverse(
        f"improvement:{name}", kwargs={"slug": cycle.organisation.slug, "pk": cycle.pk, **kwargs}
    )


def test_an_editor_starts_a_cycle_with_the_default_template(subregion):
    client = _client(subregion["bob"])
    url = reverse("improvement:cycle_create", kwargs={"slug": "lokal-a"})

    response = client.post(
        url,
        {
            "title": "Nulägesinventering 2026",
            "inventory_year": "2026",
            "inventory_week": "12",
            "participants": "MAS, verksamhetschef",
        },
    )

    cycle = subregion["local"].improvement_cycles.get()
    assert response.status_code == 302
    assert response["Location"] == cycle.get_absolute_url()
    assert cycle.template.is_default
    step = cycle.steps.get(step=Step.INVENTORY)
    assert (step.planned_week, step.participants) == (12, "MAS, verksamhetschef")


def test_answers_and_analysis_are_saved_from_their_forms(subregion, cycle):
    client = _client(subregion["bob"])
    first = cycle.template.questions.order_by("order").first()

    client.post(_url("inventory", cycle), {f"q{first.pk}": "Vi gör riskbedömningar"})
    response = client.post(
        _url("analysis", cycle),
        {
            "strengths": "Täta kontakter",
            "challenges": "Olika journalsystem",
            "improvement_ideas": "",
            "current_shared-found": "Äldre med hemsjukvård",
            "current_shared-follow_up_when": "Kvartalsvis",
        },
    )

    assert response.status_code == 302
    assert cycle.answers.get().text == "Vi gör riskbedömningar"
    cycle.refresh_from_db()
    assert (cycle.strengths, cycle.challenges) == ("Täta kontakter", "Olika journalsystem")
    finding = cycle.findings.get()
    assert (finding.topic, finding.found, finding.follow_up_when) == (
        "current_shared",
        "Äldre med hemsjukvård",
        "Kvartalsvis",
    )


def test_a_reader_sees_the_cycle_but_cannot_answer(subregion, cycle):
    client = _client(subregion["rita"])
    first = cycle.template.questions.order_by("order").first()

    page = client.get(cycle.get_absolute_url())
    refused = client.post(_url("inventory", cycle), {f"q{first.pk}": "Nej"})

    assert page.status_code == 200
    assert first.text in page.content.decode()
    assert refused.status_code == 403
    assert not cycle.answers.exists()


def test_a_cycle_of_another_organisation_is_not_found_under_this_one(subregion, cycle):
    client = _client(subregion["root"])

    response = client.get(
        reverse("improvement:cycle_detail", kwargs={"slug": "lokal-b", "pk": cycle.pk})
    )

    assert response.status_code == 404


def test_a_decision_is_recorded_and_shown_with_its_snapshot(subregion, cycle):
    client = _client(subregion["bob"])

    refused = client.post(
        _url("decision_create", cycle),
        {
            "body": "dst",
            "meeting_date": "2026-04-01",
            "outcome": "approved",
            "minutes_reference": "DST § 3",
            "proposal": "Förslag",
        },
    )
    response = client.post(
        _url("decision_create", cycle),
        {
            "body": "dot",
            "body_organisation": subregion["dot"].pk,
            "meeting_date": "2026-03-12",
            "outcome": "approved",
            "minutes_reference": "Protokoll DOT 2026-03-12 § 4",
            "proposal": "Gemensamma riskbedömningar",
        },
    )

    assert refused.status_code == 200
    assert "först godkännas av DOT" in refused.content.decode()
    decision = AnchoringDecision.objects.get()
    assert response["Location"] == _url("decision_detail", cycle, decision_pk=decision.pk)
    page = client.get(response["Location"]).content.decode()
    assert "Protokoll DOT 2026-03-12 § 4" in page
    assert "Gemensamma riskbedömningar" in page
    assert decision.recorded_by_name == "Bob"


def test_a_follow_up_result_is_recorded(subregion, cycle):
    client = _client(subregion["bob"])
    client.post(_url("measures_subregional", cycle))
    measure = cycle.measures.get(kind="process", order=6)

    response = client.post(
        _url("value_create", cycle, measure_pk=measure.pk),
        {"date": "2026-10-01", "result": "Tre av fem verksamheter", "value": "", "note": ""},
    )

    assert response.status_code == 302
    value = FollowUpValue.objects.get()
    assert (value.measure, value.date, value.result) == (
        measure,
        D(2026, 10, 1),
        "Tre av fem verksamheter",
    )
    assert cycle.steps.get(step=Step.FOLLOW_UP).status == StepStatus.IN_PROGRESS


def test_bilaga_1_as_docx_holds_the_questions_and_answers(subregion, cycle):
    first = cycle.template.questions.order_by("order").first()
    services.answers_save(actor=None, cycle=cycle, answers={first.pk: "Vårt svar på frågan"})
    client = _client(subregion["rita"])

    response = client.get(_url("export", cycle, document="bilaga-1", fmt="docx"))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert first.text in cells
    assert "Vårt svar på frågan" in cells
    texts = [p.text for p in document.paragraphs]
    assert "Bilaga 1. Frågeställningar till er lokala nulägesinventering" in texts
    assert "Vem är med vid inventeringen: Kommunens MAS, vårdcentralens chef" in texts


@pytest.mark.parametrize("document", ["bilaga-1", "bilaga-2", "sammanfattning"])
def test_every_document_prints_as_pdf(subregion, cycle, document):
    services.finding_save(actor=None, cycle=cycle, topic="collaboration", found="Informationen")
    services.pdsa_create(actor=None, cycle=cycle, title="Gemensam riskbedömning")
    client = _client(subregion["rita"])

    response = client.get(_url("export", cycle, document=document, fmt="pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        f'filename="{document}-lokal-samverkan-a-{cycle.pk}.pdf"'
        in (response["Content-Disposition"])
    )


def test_an_unknown_document_is_not_found(subregion, cycle):
    client = _client(subregion["rita"])

    response = client.get(_url("export", cycle, document="bilaga-3", fmt="pdf"))

    assert response.status_code == 404


def _grow(subregion, count: int) -> None:
    """Add ``count`` cycles, each with answers, a finding, two chained PDSA cycles with
    links, two decisions and a measure with values."""
    for n in range(count):
        organisation = subregion["local"] if n % 2 else subregion["local_b"]
        cycle = services.cycle_create(
            actor=None,
            organisation=organisation,
            title=f"Cykel {n}",
            inventory_year=2026,
            inventory_week=5,
        )
        questions = list(cycle.template.questions.all())
        services.answers_save(
            actor=None, cycle=cycle, answers={q.pk: f"Svar {n}" for q in questions}
        )
        services.finding_save(actor=None, cycle=cycle, topic="current_shared", found="x")
        first = services.pdsa_create(actor=None, cycle=cycle, title="P1", act="adopt")
        services.pdsa_create(actor=None, cycle=cycle, title="P2", previous=first)
        services.decision_record(
            actor=None,
            cycle=cycle,
            body="dot",
            meeting_date=D(2026, 3, 1),
            outcome="approved",
            minutes_reference="P",
            proposal="F",
        )
        services.decision_record(
            actor=None,
            cycle=cycle,
            body="dst",
            meeting_date=D(2026, 4, 1),
            outcome="approved",
            minutes_reference="P",
            proposal="F",
        )
        measure = services.measure_create(actor=None, cycle=cycle, kind="process", name="M")
        for month in (3, 6):
            services.followup_value_record(
                actor=None, measure=measure, date=D(2026, month, 1), result=str(month)
            )


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_overview_and_comparison_make_the_same_queries_for_more_cycles(subregion):
    client = _client(subregion["alice"])
    overview = reverse("improvement:overview", kwargs={"slug": "rpo-test"})
    _grow(subregion, 2)
    template = services.template_default()
    comparison = reverse("improvement:comparison", kwargs={"slug": "rpo-test", "pk": template.pk})
    templates = reverse("improvement:template_list", kwargs={"slug": "rpo-test"})
    small = [_count(client, url) for url in (overview, comparison, templates)]

    _grow(subregion, 4)

    assert [_count(client, url) for url in (overview, comparison, templates)] == small


def test_the_cycle_page_makes_the_same_queries_for_more_content(subregion, cycle):
    client = _client(subregion["alice"])
    subregion["local"].members.set([Organisation.objects.get(code="1290")])
    source = DataSource.objects.get(name="Kolada")
    indicators = [
        Indicator.objects.create(code=f"i{n}", name=f"I{n}", source=source) for n in range(3)
    ]
    place = Place.objects.get(code="1290")
    for indicator in indicators:
        for period in ("2023", "2024"):
            IndicatorValue.objects.create(
                indicator=indicator, place=place, period=period, value=1.0, imported_at=now()
            )
    indicator_totals_refresh(indicator_ids=[indicator.pk for indicator in indicators])
    services.measure_create(actor=None, cycle=cycle, kind="indicator", indicator=indicators[0])
    first = services.pdsa_create(actor=None, cycle=cycle, title="P1", act="adapt")
    measure = services.measure_create(actor=None, cycle=cycle, kind="process", name="M")
    services.followup_value_record(actor=None, measure=measure, date=D(2026, 3, 1), result="1")
    services.decision_record(
        actor=None,
        cycle=cycle,
        body="dot",
        meeting_date=D(2026, 3, 1),
        outcome="approved",
        minutes_reference="P",
        proposal="F",
    )
    small = _count(client, cycle.get_absolute_url())

    second = services.pdsa_create(actor=None, cycle=cycle, title="P2", previous=first, act="adopt")
    services.pdsa_create(actor=None, cycle=cycle, title="P3", previous=second)
    services.measures_add_subregional(actor=None, cycle=cycle)
    for indicator in indicators[1:]:
        services.measure_create(actor=None, cycle=cycle, kind="indicator", indicator=indicator)
    for month in (4, 5, 6):
        services.followup_value_record(
            actor=None, measure=measure, date=D(2026, month, 1), result=str(month)
        )
    services.decision_record(
        actor=None,
        cycle=cycle,
        body="dst",
        meeting_date=D(2026, 4, 1),
        outcome="approved",
        minutes_reference="P",
        proposal="F",
    )
    for topic in ("current_shared", "future_shared"):
        services.finding_save(actor=None, cycle=cycle, topic=topic, found="x")

    assert _count(client, cycle.get_absolute_url()) == small


def test_a_measure_shows_the_latest_catalogue_value_for_the_collaborations_place(subregion, cycle):
    # given a local collaboration made up of Kristianstad, and values for it in the catalogue
    subregion["local"].members.set([Organisation.objects.get(code="1290")])
    indicator = Indicator.objects.create(
        code="risk", name="Riskförebyggande åtgärder", source=DataSource.objects.get(name="Kolada")
    )
    place = Place.objects.get(code="1290")
    for period, value in (("2023", 80.5), ("2024", 84.7)):
        IndicatorValue.objects.create(
            indicator=indicator, place=place, period=period, value=value, imported_at=now()
        )
    indicator_totals_refresh(indicator_ids=[indicator.pk])
    measure = services.measure_create(
        actor=None, cycle=cycle, kind="indicator", indicator=indicator
    )

    # when
    view = selectors.cycle_view(cycle=cycle)

    # then
    latest = view.catalogue_values[measure.pk]
    assert (latest.place, latest.period, latest.value) == ("Kristianstad", "2024", 84.7)
    assert "84,7 " in _client(subregion["rita"]).get(cycle.get_absolute_url()).content.decode()


def test_the_cycle_page_reads_in_english(subregion, cycle, settings):
    locale = Path(settings.LOCALE_PATHS[0])
    compile_catalogues(locale)
    settings.LOCALE_PATHS = [locale]
    client = _client(subregion["rita"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    try:
        page = client.get(cycle.get_absolute_url()).content.decode()
    finally:
        translation.deactivate()

    assert "Step 1: Current-state inventory" in page
    assert "Step 3: Anchoring in DOT and DST" in page
    assert "Timeline" in page


def test_an_administrator_makes_a_template_and_reads_the_answers_side_by_side(subregion, cycle):
    client = _client(subregion["alice"])

    response = client.post(
        reverse("improvement:template_create", kwargs={"slug": "rpo-test"}),
        {"name": "Egen mall", "description": "", "questions": "Första frågan?\n\nAndra frågan?"},
    )
    template = subregion["rpo"].question_templates.get()
    services.cycle_create(
        actor=None, organisation=subregion["local_b"], title="B", template=template
    )
    first = template.questions.order_by("order").first()
    other = subregion["local_b"].improvement_cycles.get()
    services.answers_save(actor=None, cycle=other, answers={first.pk: "Svar från B"})
    page = client.get(
        reverse("improvement:comparison", kwargs={"slug": "rpo-test", "pk": template.pk})
    ).content.decode()

    assert response.status_code == 302
    assert list(template.questions.values_list("text", flat=True)) == [
        "Första frågan?",
        "Andra frågan?",
    ]
    assert "Svar från B" in page
    assert "Lokal samverkan B" in page
    assert "Lokal samverkan A" not in page  # A runs the default template


def test_the_overview_flags_a_late_step_in_words(subregion, cycle):
    # given an inventory planned for a week two weeks ago, and not done
    year, week, _day = (timezone.localdate() - datetime.timedelta(days=14)).isocalendar()
    step = cycle.steps.get(step=Step.INVENTORY)
    services.step_update(actor=None, step=step, planned_year=year, planned_week=week)
    due = datetime.date.fromisocalendar(year, week, 7)
    client = _client(subregion["alice"])

    # when
    page = client.get(reverse("improvement:overview", kwargs={"slug": "rpo-test"})).content.decode()

    # then
    assert f"Försenat: nulägesinventering (skulle vara klart {due:%Y-%m-%d})" in page
    assert "1 cykel har steg som är försenade." in page
