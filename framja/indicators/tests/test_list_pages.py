"""The indicator list in pages of 50, with its search and data-source filter kept across pages."""

import re
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from framja.core.i18n import compile_catalogues
from framja.indicators.models import DataSource, Indicator

URL = reverse("indicators:list")


@pytest.fixture
def catalogue(db) -> tuple[DataSource, DataSource]:
    """120 indicators from Kolada and 60 of our own, half of each about smoking."""
    kolada = DataSource.objects.get(name="Kolada")
    own = DataSource.objects.get(name="Egen mätning")
    Indicator.objects.bulk_create(
        [
            Indicator(
                code=f"{source.pk}-{n:03}",
                name=f"{'Rökning' if n % 2 else 'Alkohol'} {source.name} {n:03}",
                source=source,
            )
            for source, count in ((kolada, 120), (own, 60))
            for n in range(count)
        ]
    )
    return kolada, own


def reader(world) -> Client:
    client = Client()
    client.force_login(world["rita"])
    return client


def codes(response) -> list[str]:
    return [indicator.code for indicator in response.context["indicators"]]


def pager_links(html: str) -> list[tuple[str, str]]:
    nav = html[html.index('<nav class="pager"') : html.index("</nav>", html.index('class="pager"'))]
    return [
        (href.replace("&amp;", "&"), re.sub(r"<[^>]+>", "", text))
        for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', nav)
    ]


def test_the_list_shows_fifty_indicators_a_page(world, catalogue):
    # given
    _kolada, own = catalogue

    # when
    first = reader(world).get(URL)
    last = reader(world).get(URL, {"sida": "4"})

    # then
    assert len(codes(first)) == 50
    # in name order: "Alkohol Egen mätning 000", "Alkohol Egen mätning 002", …
    assert codes(first)[:2] == [f"{own.pk}-000", f"{own.pk}-002"]
    assert len(codes(last)) == 30  # 180 in all
    html = first.content.decode()
    assert "180 indikatorer, nummer 1–50 visas" in html
    assert '<nav class="pager" aria-label="Sidor">' in html
    assert (
        '<a href="?sida=1" aria-current="page"><span class="visually-hidden">Sida </span>1</a>'
        in html
    )
    assert pager_links(html) == [
        ("?sida=1", "Sida 1"),
        ("?sida=2", "Sida 2"),
        ("?sida=3", "Sida 3"),
        ("?sida=4", "Sida 4"),
        ("?sida=2", "Nästa sida"),
    ]
    assert pager_links(last.content.decode())[0] == ("?sida=3", "Föregående sida")
    assert "<title>Indikatorer – sida 4 – Främja</title>" in last.content.decode()


def test_the_search_and_the_filter_stay_on_every_page(world, catalogue):
    # given
    kolada, _own = catalogue

    # when
    response = reader(world).get(URL, {"q": "rökning", "kalla": kolada.pk, "sida": "2"})

    # then the 60 Kolada indicators about smoking, the second page of them
    assert len(codes(response)) == 10
    assert all(code.startswith(f"{kolada.pk}-") for code in codes(response))
    assert {int(code[-3:]) % 2 for code in codes(response)} == {1}
    html = response.content.decode()
    assert "60 indikatorer från Kolada som matchar ”rökning”, nummer 51–60 visas" in html
    assert pager_links(html) == [
        (f"?q=r%C3%B6kning&kalla={kolada.pk}&sida=1", "Föregående sida"),
        (f"?q=r%C3%B6kning&kalla={kolada.pk}&sida=1", "Sida 1"),
        (f"?q=r%C3%B6kning&kalla={kolada.pk}&sida=2", "Sida 2"),
    ]
    assert 'aria-current="page"><span class="visually-hidden">Sida </span>2</a>' in html


def test_the_search_matches_codes_too(world, catalogue):
    # given
    _kolada, own = catalogue

    # when
    response = reader(world).get(URL, {"q": f"{own.pk}-05"})

    # then in name order: Alkohol before Rökning
    assert codes(response) == [f"{own.pk}-05{n}" for n in (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)]
    assert '<nav class="pager"' not in response.content.decode()


def test_a_search_without_hits_says_so(world, catalogue):
    response = reader(world).get(URL, {"q": "<finns inte>"})

    assert codes(response) == []
    assert "Inga indikatorer matchar ”&lt;finns inte&gt;”." in response.content.decode()


@pytest.mark.parametrize(("page", "shown"), [("99", 4), ("0", 1), ("-3", 1), ("x", 1), ("", 1)])
def test_a_page_out_of_range_shows_the_nearest_page(world, catalogue, page, shown):
    # when
    response = reader(world).get(URL, {"sida": page})

    # then
    assert response.status_code == 200
    assert response.context["page"].number == shown


def test_a_page_takes_the_same_queries_however_large_the_catalogue(world, catalogue):
    # given
    kolada, _own = catalogue
    client = reader(world)
    url = f"{URL}?q=rökning&kalla={kolada.pk}&sida=2"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)

    # when
    Indicator.objects.bulk_create(
        Indicator(code=f"mer-{n}", name=f"Rökning mer {n:03}", source=kolada) for n in range(300)
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    # then
    assert len(codes(response)) == 50
    assert response.context["page"].paginator.count == 360
    assert len(many) == len(few)


def test_the_pager_is_translated(world, catalogue, settings):
    # given the English catalogue, compiled afresh
    locale = Path(settings.LOCALE_PATHS[0])
    compile_catalogues(locale)
    settings.LOCALE_PATHS = [locale]
    client = reader(world)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    # when
    html = client.get(URL, {"q": "rökning", "sida": "2"}).content.decode()

    # then
    assert "90 indicators matching “rökning”, showing 51–90" in html
    assert '<nav class="pager" aria-label="Pages">' in html
    assert 'rel="prev">Previous<span class="visually-hidden"> page</span></a>' in html
    assert "Search by name or code" in html
    translation.deactivate()
