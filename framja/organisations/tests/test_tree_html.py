"""The organisation tree page: the roots, branches opened by a link, counts, escaped names."""

from pathlib import Path

from django.test import Client
from django.utils import translation

from framja.core.i18n import compile_catalogues
from framja.organisations import services
from framja.organisations.models import OrganisationKind


def test_the_tree_shows_the_roots_with_links_to_open_their_branches(world):
    # when
    html = Client().get("/organisationer/").content.decode()

    # then a closed branch says how much it holds and whose it is
    assert (
        '<a class="branch" href="?gren=region-skane#gren-region-skane" aria-expanded="false">'
        'Visa 33 organisationer<span class="visually-hidden"> under Region Skåne</span></a>' in html
    )
    assert (
        '<a class="branch" href="?gren=rpo-test#gren-rpo-test" aria-expanded="false">'
        'Visa 1 organisation<span class="visually-hidden"> under RPO Test</span></a>' in html
    )
    # an organisation with nothing below it has no such link, and no municipality is listed
    assert '<a href="/organisationer/rpo-annan/">RPO Annan</a>' in html
    assert "?gren=rpo-annan" not in html
    assert 'href="/organisationer/malmo/"' not in html
    assert "Öppen gren" not in html


def test_opening_a_branch_shows_the_path_to_it_and_its_children(world):
    # given a group with a name that looks like markup, under RAG Test
    services.organisation_create(
        actor=None,
        kind=OrganisationKind.THEME_GROUP,
        name='<script>alert("x")</script> & co',
        slug="tema-x",
        parent=world["rag"],
    )

    # when
    response = Client().get("/organisationer/", {"gren": "rag-test"})

    # then
    html = response.content.decode()
    assert "<title>RAG Test – Organisationer" in html
    assert "Öppen gren: RAG Test." in html
    assert "<script>alert" not in html
    assert (
        '<a href="/organisationer/tema-x/">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; '
        "&amp; co</a>" in html
    )
    # the open branches close to their parent's branch, or to the roots alone
    assert (
        '<a class="branch" href="/organisationer/#gren-rpo-test" aria-expanded="true">'
        'Dölj<span class="visually-hidden"> organisationerna under RPO Test</span></a>' in html
    )
    assert (
        '<a class="branch" href="?gren=rpo-test#gren-rag-test" aria-expanded="true">'
        'Dölj<span class="visually-hidden"> organisationerna under RAG Test</span></a>' in html
    )
    rpo = html.index('href="/organisationer/rpo-test/"')
    rag = html.index('href="/organisationer/rag-test/"')
    group = html.index('href="/organisationer/tema-x/"')
    assert rpo < rag < group
    # other branches stay closed
    assert "?gren=region-skane#gren-region-skane" in html
    assert 'href="/organisationer/malmo/"' not in html


def test_opening_a_region_lists_its_municipalities(db):
    # when
    html = Client().get("/organisationer/?gren=region-skane").content.decode()

    # then
    assert html.count('<li id="gren-') == 21 + 33
    assert '<a href="/organisationer/malmo/">Malmö</a>' in html


def test_an_unknown_branch_is_not_found(world):
    response = Client().get("/organisationer/", {"gren": "finns-inte"})

    assert response.status_code == 404


def test_the_branch_links_are_translated(world, settings):
    # given the English catalogue, compiled afresh
    locale = Path(settings.LOCALE_PATHS[0])
    compile_catalogues(locale)
    settings.LOCALE_PATHS = [locale]
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    # when
    html = client.get("/organisationer/", {"gren": "rpo-test"}).content.decode()

    # then
    assert "Open branch: RPO Test." in html
    assert 'Hide<span class="visually-hidden"> the organisations under RPO Test</span>' in html
    assert 'Show 33 organisations<span class="visually-hidden"> under Region Skåne</span>' in html
    translation.deactivate()
