"""The demo's surveys: the results page shows seed 003's published counts."""

import re

import pytest
from django.test import Client

from framja.demo.loader import load_demo
from framja.surveys.models import ResponseState, Survey


@pytest.fixture
def demo(db):
    return load_demo()


def _yes_counts(html: str) -> list[int]:
    """The count in each "Ja" row of the results page's tables."""
    return [int(n) for n in re.findall(r'<th scope="row">Ja[^<]*</th><td>(\d+)</td>', html)]


def test_the_equity_survey_results_show_the_seed_counts(demo, client: Client):
    # given
    survey = Survey.objects.get(title="Enkät om jämlik hälsa", year=2019)
    client.login(email="koordinator@framja.example", password="demo")

    # when
    response = client.get(f"/enkater/{survey.pk}/resultat/")

    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert _yes_counts(html) == [12, 13, 9, 11, 7, 10]
    assert "21 av 21 organisationer har lämnat in sina svar." in html
    assert "Exempeldata" in html


def test_every_region_answered_the_equity_survey(demo):
    survey = Survey.objects.get(title="Enkät om jämlik hälsa", year=2019)

    states = list(survey.responses.values_list("state", flat=True))

    assert len(states) == 21
    assert set(states) == {ResponseState.SUBMITTED}
    assert all(survey.responses.values_list("example", flat=True))


def test_the_governance_survey_has_two_versions_compared_year_on_year(demo, client: Client):
    current = Survey.objects.get(title="Uppdrag–uppföljning", year=2019)
    assert current.previous is not None
    assert current.previous.year == 2018
    client.login(email="koordinator@framja.example", password="demo")

    html = client.get(f"/enkater/{current.pk}/resultat/").content.decode()

    assert "Jämförelse med 2018" in html
    assert "Antal 2018" in html
    assert "14 av 21 organisationer har lämnat in sina svar." in html


def test_the_demo_region_answers_with_last_years_answers_beside(demo, client: Client):
    current = Survey.objects.get(title="Uppdrag–uppföljning", year=2019)
    client.login(email="region@framja.example", password="demo")

    html = client.get(f"/enkater/{current.pk}/region-stockholm/").content.decode()

    assert "Lämna in svaren" in html
    assert "Ert svar 2018:" in html
