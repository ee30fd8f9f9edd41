"""Search: Swedish stemming, permissions, filters, snippets, and the same hits on both databases."""

from collections import Counter
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from framja.catalog.models import PublicHealthTargetArea
from framja.goals import services as goal_services
from framja.knowledge import index, search, services
from framja.knowledge.models import DocumentKind, SearchDocument, SearchTerm
from framja.knowledge.stemming import query_terms, stem_text
from framja.plans import services as plan_services
from framja.plans.models import Plan, PlanState


def _hits(user: Any, query: str, **filters: Any) -> list[tuple[str, str]]:
    results = search.search(user=user, query=query, filters=search.Filters(**filters))
    return sorted((h.document.kind, h.document.title) for h in results.hits)


def _adopt(plan: Plan, *, published: bool = False) -> None:
    # The workflow is the plans app's business; here only the state matters.
    Plan.objects.filter(pk=plan.pk).update(state=PlanState.ADOPTED, published=published)
    index.index_plan(plan.pk)


@pytest.fixture
def corpus(world):
    """A draft plan of RPO Test, an adopted one of RPO Annan, a goal and a good example."""
    draft = plan_services.plan_create(
        actor=None, organisation=world["rpo"], year=2024, title="Hemlig utkastplan"
    )
    plan_services.row_create(
        actor=None,
        plan=draft,
        title="Riktade hälsosamtalen i länet",
        description="Utbildning för personal som håller hälsosamtal.",
    )
    adopted = plan_services.plan_create(
        actor=None, organisation=world["other"], year=2023, title="Handlingsplan 2023"
    )
    row = plan_services.row_create(
        actor=None,
        plan=adopted,
        title="Tobaksavvänjning digitalt",
        description="Hälsosamtalet om tobak leder till Tobakshjälpen.",
    )
    area = PublicHealthTargetArea.objects.get(number=6)
    row.target_areas.set([area])
    _adopt(adopted)
    goal_services.goal_create(
        actor=None, organisation=world["rpo"], text="Fler hälsosamtal erbjuds", start_year=2024
    )
    services.example_create(
        actor=None,
        organisation=world["other"],
        title="Hälsan spelar roll",
        summary="Kurser om levnadsvanor för boende med LSS-insats.",
    )
    return {"draft": draft, "adopted": adopted, "row": row, "area": area}


def test_it_stems_swedish_inflections_to_one_stem():
    assert stem_text("hälsosamtal hälsosamtalen hälsosamtalet") == (
        "hälsosamtal hälsosamtal hälsosamtal"
    )
    assert query_terms("Riktade hälsosamtal och FaR") == ["rikt", "hälsosamtal", "far"]


def test_hälsosamtal_finds_hälsosamtalen(corpus, world):
    assert _hits(world["root"], "hälsosamtal", kinds=[DocumentKind.ROW]) == [
        ("row", "Riktade hälsosamtalen i länet"),
        ("row", "Tobaksavvänjning digitalt"),
    ]


def test_a_draft_never_shows_to_someone_who_may_not_see_it(corpus, world):
    # given: the draft's row is in RPO Test; charlie administers RPO Annan only
    expected_all = [
        ("goal", "Fler hälsosamtal erbjuds"),
        ("row", "Riktade hälsosamtalen i länet"),
        ("row", "Tobaksavvänjning digitalt"),
    ]
    # then: RPO Test's reader and the system administrator find the draft's row
    assert _hits(world["rita"], "hälsosamtal") == expected_all
    assert _hits(world["root"], "hälsosamtal") == expected_all
    # and charlie does not, though he finds the adopted plan's row and the goal
    assert _hits(world["charlie"], "hälsosamtal") == [
        ("goal", "Fler hälsosamtal erbjuds"),
        ("row", "Tobaksavvänjning digitalt"),
    ]
    # and someone not logged in finds neither goals nor unpublished plans
    assert _hits(AnonymousUser(), "hälsosamtal") == []
    assert _hits(AnonymousUser(), "utkastplan") == []
    assert _hits(world["charlie"], "utkastplan") == []


def test_publishing_makes_the_plan_public(corpus, world):
    _adopt(corpus["adopted"], published=True)

    assert _hits(AnonymousUser(), "hälsosamtal") == [("row", "Tobaksavvänjning digitalt")]


def test_adopting_the_draft_shows_it_to_every_logged_in_user(corpus, world):
    _adopt(corpus["draft"])

    assert ("row", "Riktade hälsosamtalen i länet") in _hits(world["charlie"], "hälsosamtal")


def test_filters_narrow_the_hits(corpus, world):
    root = world["root"]
    assert _hits(root, "hälsosamtal", year=2023) == [("row", "Tobaksavvänjning digitalt")]
    # the goal runs from 2024 with no end: it applies to every later year
    assert _hits(root, "hälsosamtal", year=2031) == [("goal", "Fler hälsosamtal erbjuds")]
    assert _hits(root, "hälsosamtal", target_area_id=corpus["area"].pk) == [
        ("row", "Tobaksavvänjning digitalt")
    ]
    assert _hits(root, "hälsosamtal", organisation_id=world["rpo"].pk) == [
        ("goal", "Fler hälsosamtal erbjuds"),
        ("row", "Riktade hälsosamtalen i länet"),
    ]
    assert _hits(root, "hälsosamtal", kinds=[DocumentKind.GOAL]) == [
        ("goal", "Fler hälsosamtal erbjuds")
    ]


def test_every_word_of_the_query_must_match(corpus, world):
    assert _hits(world["root"], "hälsosamtal tobak") == [("row", "Tobaksavvänjning digitalt")]


def test_the_snippet_marks_the_hits_and_escapes_the_text(world):
    services.example_create(
        actor=None,
        organisation=world["rpo"],
        title="<b>Hälsosamtalen</b>",
        description="Om <script>hälsosamtal</script> i skolan.",
    )

    hit = search.search(user=AnonymousUser(), query="hälsosamtal").hits[0]

    assert hit.title == "&lt;b&gt;<mark>Hälsosamtalen</mark>&lt;/b&gt;"
    assert "&lt;script&gt;<mark>hälsosamtal</mark>&lt;/script&gt;" in hit.snippet
    assert "<script>" not in hit.snippet


# The same queries, with the hits expected whichever database runs the tests: CI runs this
# file on SQLite and on PostgreSQL, so both give exactly these.
SAME_ON_BOTH = {
    "hälsosamtal": [
        ("goal", "Fler hälsosamtal erbjuds"),
        ("row", "Riktade hälsosamtalen i länet"),
        ("row", "Tobaksavvänjning digitalt"),
    ],
    "Hälsosamtalet": [
        ("goal", "Fler hälsosamtal erbjuds"),
        ("row", "Riktade hälsosamtalen i länet"),
        ("row", "Tobaksavvänjning digitalt"),
    ],
    "tobakshjälpen": [("row", "Tobaksavvänjning digitalt")],
    "kurserna LSS": [("example", "Hälsan spelar roll")],
    "levnadsvana": [("example", "Hälsan spelar roll")],
    "utbildningarna": [("row", "Riktade hälsosamtalen i länet")],
    "spelar roll": [("example", "Hälsan spelar roll")],
    "är": [],
    "okänt ord": [],
    "RPO Annan": [("example", "Hälsan spelar roll"), ("organisation", "RPO Annan")],
}


@pytest.mark.parametrize("query", sorted(SAME_ON_BOTH))
def test_the_same_query_gives_the_same_hits_on_every_database(corpus, world, query):
    assert _hits(world["root"], query) == SAME_ON_BOTH[query]


def _frequencies_from_documents() -> dict[str, int]:
    counts: Counter[str] = Counter()
    for title, body in SearchDocument.objects.values_list("title_stems", "stems"):
        counts.update(set(title.split()) | set(body.split()))
    return dict(counts)


def test_the_index_kept_up_to_date_equals_a_rebuilt_one(corpus, world):
    # given: the index as the saves above left it (the regions the migrations loaded are
    # not in it: a rebuild after migrating adds them)
    before = sorted(
        SearchDocument.objects.exclude(kind=DocumentKind.ORGANISATION).values_list(
            "kind", "object_id", "stems", "visibility"
        )
    )
    # (no term is left behind with no document: a rebuild would not have it)
    kept = dict(SearchTerm.objects.values_list("term", "documents"))
    assert kept == _frequencies_from_documents()

    # when
    index.rebuild()

    # then
    after = SearchDocument.objects.exclude(kind=DocumentKind.ORGANISATION)
    assert sorted(after.values_list("kind", "object_id", "stems", "visibility")) == before
    assert dict(SearchTerm.objects.values_list("term", "documents")) == (
        _frequencies_from_documents()
    )
    assert _hits(world["root"], "hälsosamtal") == SAME_ON_BOTH["hälsosamtal"]


def test_deleting_takes_it_out_of_the_index(corpus, world):
    corpus["draft"].delete()

    assert dict(SearchTerm.objects.values_list("term", "documents")) == (
        _frequencies_from_documents()
    )
    assert _hits(world["root"], "hälsosamtalen", kinds=[DocumentKind.ROW]) == [
        ("row", "Tobaksavvänjning digitalt")
    ]


def test_the_search_page_shows_hits_with_marks(corpus, world):
    client = Client()
    client.force_login(world["rita"])

    response = client.get(reverse("knowledge:search"), {"q": "hälsosamtal", "ar": "2024"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Riktade <mark>hälsosamtalen</mark> i länet" in html
    assert "Tobaksavvänjning" not in html


def test_similar_work_comes_from_other_organisations(corpus, world):
    mine = corpus["draft"].rows.get()

    similar = search.similar(user=world["root"], kind=DocumentKind.ROW, object_id=mine.pk)

    assert [(d.kind, d.title) for d, _score in similar] == [("row", "Tobaksavvänjning digitalt")]


def test_similar_work_respects_permissions(corpus, world):
    theirs = corpus["row"]

    assert search.similar(user=world["charlie"], kind=DocumentKind.ROW, object_id=theirs.pk) == []
    found = search.similar(user=world["rita"], kind=DocumentKind.ROW, object_id=theirs.pk)
    assert [d.title for d, _ in found] == ["Riktade hälsosamtalen i länet"]


def test_very_common_words_give_the_newest_first_and_a_capped_count(world, monkeypatch):
    # given more matches than are ranked and counted
    monkeypatch.setattr(search, "RANK_LIMIT", 2)
    monkeypatch.setattr(search, "COUNT_LIMIT", 3)
    for n in range(5):
        services.example_create(actor=None, organisation=world["rpo"], title=f"Tobak {n}")

    # when
    results = search.search(user=AnonymousUser(), query="tobak")

    # then
    assert not results.ranked
    assert results.capped
    assert results.total == 3
    assert [h.document.title for h in results.hits] == [f"Tobak {n}" for n in (4, 3, 2, 1, 0)]


def test_the_search_page_hides_a_draft_from_an_outsider(corpus, world):
    client = Client()
    client.force_login(world["charlie"])

    response = client.get(reverse("knowledge:search"), {"q": "hälsosamtal"})

    html = response.content.decode()
    assert "Tobaksavvänjning digitalt" in html
    assert "Riktade" not in html
    assert "Hemlig" not in html


def test_the_rebuild_command_indexes_the_organisations_too(world):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("search-rebuild", stdout=out)

    total = SearchDocument.objects.count()
    assert out.getvalue() == f"Sökindexet innehåller {total} dokument.\n"
    assert _hits(AnonymousUser(), "Östergötland", kinds=[DocumentKind.ORGANISATION]) == [
        ("organisation", "Region Östergötland")
    ]


def test_a_bulk_load_is_indexed_once_at_the_end(world):
    # given
    from framja.knowledge.signals import indexing_deferred

    # when a plan and a row are saved while indexing is deferred
    with indexing_deferred():
        plan = plan_services.plan_create(
            actor=None, organisation=world["rpo"], year=2024, title="Massladdad plan"
        )
        plan_services.row_create(actor=None, plan=plan, title="Fysisk aktivitet på recept")
        # then nothing is indexed save by save
        assert not SearchDocument.objects.filter(kind=DocumentKind.PLAN).exists()

    # and everything is there after the block, with term counts as a rebuild makes them
    assert _hits(world["root"], "recept") == [("row", "Fysisk aktivitet på recept")]
    assert _hits(world["root"], "massladdad") == [("plan", "Massladdad plan")]
    assert dict(SearchTerm.objects.values_list("term", "documents")) == (
        _frequencies_from_documents()
    )
