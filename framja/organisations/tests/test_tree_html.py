"""The organisation tree written in Python: nested branches, counts, and every name escaped."""

from django.test import Client

from framja.organisations import services
from framja.organisations.models import OrganisationKind


def test_the_tree_nests_branches_and_escapes_names(world):
    # given a group with a name that looks like markup, under RAG Test
    services.organisation_create(
        actor=None,
        kind=OrganisationKind.THEME_GROUP,
        name='<script>alert("x")</script> & co',
        slug="tema-x",
        parent=world["rag"],
    )

    # when
    html = Client().get("/organisationer/").content.decode()

    # then
    assert "<script>alert" not in html
    assert (
        '<a href="/organisationer/tema-x/">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; '
        "&amp; co</a>" in html
    )
    assert (
        "<summary>1 underorganisation"
        '<span class="visually-hidden"> i RAG Test</span></summary>' in html
    )
    rpo = html.index('href="/organisationer/rpo-test/"')
    rag = html.index('href="/organisationer/rag-test/"')
    group = html.index('href="/organisationer/tema-x/"')
    assert rpo < rag < group
