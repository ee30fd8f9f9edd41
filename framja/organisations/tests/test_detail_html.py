"""The organisation page's lists, written in Python: escaped, and each reader sees their part.

Alice administers RPO Test, Rita reads it, Charlie administers another organisation and an
anonymous visitor sees the public page.
"""

import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from framja.organisations import services
from framja.organisations.models import Organisation, OrganisationKind, Role
from framja.organisations.selectors import organisation_surroundings

JAN_1 = datetime.date(2024, 1, 1)


def page(user, organisation: Organisation, query: str = "") -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(organisation.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def people(world, region: Organisation):
    """Give RPO Test a chair with markup in her name, representing the region, with a note,
    and a past member."""
    rpo = world["rpo"]
    berit = services.person_create(actor=None, name="Berit <b>Berg</b> & co")
    chair = services.membership_start(
        actor=None,
        person=berit,
        organisation=rpo,
        role=Role.CHAIR,
        start=JAN_1,
        representing=region,
        note='Vald "tills vidare"',
    )
    olle = services.person_create(actor=None, name="Olle O'Hara")
    past = services.membership_start(
        actor=None,
        person=olle,
        organisation=rpo,
        role=Role.MEMBER,
        start=JAN_1,
        end=datetime.date(2024, 6, 30),
    )
    return berit, chair, olle, past


def test_an_administrator_sees_the_people_with_notes_and_end_links(world, region):
    # given
    berit, chair, _olle, _past = people(world, region)

    # when
    html = page(world["alice"], world["rpo"])

    # then
    assert (
        '<h3>Ordförande</h3>\n      <ul class="people" data-role="chair">\n        \n'
        f'          <li><a href="/personer/{berit.pk}/">'
        "Berit &lt;b&gt;Berg&lt;/b&gt; &amp; co</a>, Region Östergötland"
        ' <span class="note">(Vald &quot;tills vidare&quot;)</span>\n'
        '            <a class="small-link" '
        f'href="/organisationer/rpo-test/uppdrag/{chair.pk}/avsluta/">Avsluta'
        '<span class="visually-hidden"> Berit &lt;b&gt;Berg&lt;/b&gt; &amp; co, ordförande'
        "</span></a>\n          </li>\n        \n      </ul>\n    \n"
    ) in html
    assert "O&#x27;Hara" not in html


def test_a_reader_sees_the_notes_but_no_end_links(world, region):
    # given
    people(world, region)

    # when
    html = page(world["rita"], world["rpo"])

    # then
    assert '<span class="note">(Vald &quot;tills vidare&quot;)</span>\n            \n' in html
    assert "Avsluta" not in html
    assert "small-link" not in html


def test_others_see_the_names_without_notes_and_visitors_without_links(world, region):
    # given
    berit, _chair, _olle, _past = people(world, region)

    # when
    outsider = page(world["charlie"], world["rpo"])
    visitor = page(None, world["rpo"])

    # then
    assert (
        f'<li><a href="/personer/{berit.pk}/">'
        "Berit &lt;b&gt;Berg&lt;/b&gt; &amp; co</a>, Region Östergötland"
        "\n            \n          </li>"
    ) in outsider
    assert (
        "<li>Berit &lt;b&gt;Berg&lt;/b&gt; &amp; co, Region Östergötland\n            \n" in visitor
    )
    for html in (outsider, visitor):
        assert "tills vidare" not in html
        assert "Avsluta" not in html
    assert 'href="/personer/' not in visitor


def test_the_past_memberships_are_rows_with_the_role_and_the_period(world, region):
    # given
    _berit, _chair, olle, _past = people(world, region)

    # when
    member = page(world["rita"], world["rpo"], "?visa=tidigare")
    visitor = page(None, world["rpo"], "?visa=tidigare")

    # then
    assert (
        f'<tr><td>Ledamot</td><td><a href="/personer/{olle.pk}/">Olle O&#x27;Hara'
        "</a></td><td>2024-01-01 – 2024-06-30</td></tr>"
    ) in member
    assert (
        "<tbody>\n        \n          <tr><td>Ledamot</td><td>Olle O&#x27;Hara</td>"
        "<td>2024-01-01 – 2024-06-30</td></tr>\n        \n        </tbody>"
    ) in visitor


def test_the_organisations_around_are_linked_with_escaped_names(world):
    # given a group below RAG Test with markup in its name, a network with both RPOs as members
    rag = world["rag"]
    services.organisation_create(
        actor=None,
        kind=OrganisationKind.THEME_GROUP,
        name="Tema <i>Ett</i> & två",
        slug="tema-ett",
        parent=rag,
    )
    services.organisation_create(
        actor=None, kind=OrganisationKind.OTHER, name="Övrigt", slug="ovrigt", parent=rag
    )
    network = services.organisation_create(
        actor=None, kind=OrganisationKind.NETWORK, name="Nätverk & co", slug="natverk"
    )
    services.organisation_set_members(
        actor=None, organisation=network, members=[world["rpo"], world["other"]]
    )

    # when
    html = page(None, rag)
    network_page = page(None, network)
    rpo_page = page(None, world["rpo"])

    # then
    assert (
        '<li><a href="/organisationer/rpo-test/">RPO Test</a></li>\n'
        '    <li><a href="/organisationer/rag-test/" aria-current="page">RAG Test</a></li>'
    ) in html
    assert (
        '<ul><li><a href="/organisationer/ovrigt/">Övrigt</a> <span class="kind">annan</span></li>'
        '<li><a href="/organisationer/tema-ett/">Tema &lt;i&gt;Ett&lt;/i&gt; &amp; två</a> '
        '<span class="kind">temagrupp</span></li></ul>'
    ) in html
    assert (
        '<ul class="columns"><li><a href="/organisationer/rpo-annan/">RPO Annan</a></li>'
        '<li><a href="/organisationer/rpo-test/">RPO Test</a></li></ul>'
    ) in network_page
    assert '<ul><li><a href="/organisationer/natverk/">Nätverk &amp; co</a></li></ul>' in rpo_page


def test_the_surroundings_take_one_query(world):
    # given a municipality of its region, in a network with the region
    malmo = Organisation.objects.get(code="1280")
    region = Organisation.objects.get(code="0012")
    network = services.organisation_create(
        actor=None, kind=OrganisationKind.NETWORK, name="Nätverk", slug="natverk"
    )
    services.organisation_set_members(actor=None, organisation=network, members=[malmo, region])

    # when
    with CaptureQueriesContext(connection) as queries:
        around = organisation_surroundings(organisation=malmo)
        of_region = organisation_surroundings(organisation=region)

    # then
    assert len(queries) == 2
    assert (around.ancestors, around.parent, around.county) == ([region], region, region)
    assert (around.children, around.members, around.member_of) == ([], [], [network])
    assert of_region.county == region
    assert malmo in of_region.children
    assert of_region.member_of == [network]
    assert organisation_surroundings(organisation=network).members == [malmo, region]
