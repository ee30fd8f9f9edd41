"""Full-text search over the index, and "similar work elsewhere".

SQLite: the FTS5 table ``knowledge_search_fts`` ranked with bm25. PostgreSQL: the
``search_vector`` tsvector column (configuration ``simple`` over Swedish stems) ranked with
ts_rank. Both hold the same tokens, so a query finds the same documents on both; only the
order among them may differ.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from framja.knowledge.index import facet
from framja.knowledge.models import DocumentKind, SearchDocument, SearchTerm, Visibility
from framja.knowledge.stemming import STOP_WORDS, query_terms, stem
from framja.organisations.models import AccessLevel, Organisation
from framja.organisations.selectors import access_level
from framja.plans.models import PlanState

if TYPE_CHECKING:
    from framja.organisations.selectors import AnyUser

PAGE_SIZE = 20
# Ranking reads every matching document's positions. A query whose rarest word is in more
# than RANK_LIMIT documents is made of words so common (like "och") that ranking says little;
# its hits come newest first instead, so every search stays fast however large the index grows.
RANK_LIMIT = 5_000
# Beyond this many hits, the page says "more than 1 000" instead of counting them all.
COUNT_LIMIT = 1_000
SNIPPET_WORDS = 30
_WORD = re.compile(r"[^\W_]+")


@dataclass
class Filters:
    kinds: list[str] = field(default_factory=list)
    organisation_id: int | None = None
    county_id: int | None = None
    year: int | None = None
    target_area_id: int | None = None


@dataclass
class Hit:
    document: SearchDocument
    title: SafeString
    snippet: SafeString

    @property
    def kind_label(self) -> str:
        return str(DocumentKind(self.document.kind).label)


@dataclass
class Results:
    query: str
    terms: list[str]
    hits: list[Hit]
    total: int
    by_kind: dict[str, int]
    page: int
    pages: int
    ranked: bool = True

    @property
    def capped(self) -> bool:
        """Return whether there are more hits than were counted."""
        return sum(self.by_kind.values()) >= COUNT_LIMIT


def readable_organisation_ids(*, user: AnyUser) -> list[int]:
    """Return the organisations whose unadopted plans the user may read.

    The same rule as ``framja.plans.selectors.plan_filter_visible``: a reader of the
    organisation, or an administrator above it.
    """
    if not user.is_authenticated:
        return []
    owners = Organisation.objects.filter(
        plans__state__in=[PlanState.DRAFT, PlanState.ANCHORING]
    ).distinct()
    return [
        org.pk for org in owners if access_level(user=user, organisation=org) >= AccessLevel.READER
    ]


Groups = list[list[str]]


def _visibility(user: AnyUser) -> Groups:
    """Return the facet tokens of what the user may find, as one group (any of them)."""
    if user.is_authenticated and user.is_superuser:
        return []
    if not user.is_authenticated:
        return [[facet("v", Visibility.PUBLIC)]]
    readable = readable_organisation_ids(user=user)
    return [
        [
            facet("v", Visibility.PUBLIC),
            facet("v", Visibility.LOGGED_IN),
            *(facet("o", pk) for pk in readable),
        ]
    ]


def _filters(filters: Filters, *, with_kinds: bool = True) -> tuple[Groups, list[str], list[Any]]:
    """Return the filters as facet groups, plus the SQL conditions the facets cannot express."""
    groups: Groups = []
    where: list[str] = []
    params: list[Any] = []
    if with_kinds and filters.kinds:
        groups.append([facet("k", kind) for kind in filters.kinds])
    if filters.organisation_id is not None:
        groups.append([facet("o", filters.organisation_id)])
    if filters.county_id is not None:
        groups.append([facet("c", filters.county_id)])
    if filters.target_area_id is not None:
        groups.append([facet("a", filters.target_area_id)])
    if filters.year is not None:
        groups.append([facet("y", filters.year), facet("y", "open")])
        # Open periods only say "open": their start is checked here.
        where.append("d.year_from <= %s")
        params.append(filters.year)
    return groups, where, params


def _match(
    terms: list[str], groups: Groups, *, any_term: bool = False
) -> tuple[str, str, list[Any]]:
    """Return the FROM part and the match condition: the terms in the text, each group of
    facet tokens (any token of a group, every group) in the facets."""
    if connection.vendor == "postgresql":
        words = (" | " if any_term else " & ").join(f"{t}:AB" for t in terms)
        parts = [f"({words})", *("(" + " | ".join(f"{t}:D" for t in g) + ")" for g in groups)]
        return (
            "knowledge_searchdocument d, to_tsquery('simple', %s) q",
            "d.search_vector @@ q",
            [" & ".join(parts)],
        )
    words = (" OR " if any_term else " AND ").join(f'"{t}"' for t in terms)
    parts = [f"{{title_stems stems}} : ({words})"]
    parts += ["facets : (" + " OR ".join(f'"{t}"' for t in g) + ")" for g in groups]
    # CROSS JOIN keeps the full-text table the outer loop: SQLite would otherwise drive some
    # filtered queries from an index on the documents and probe FTS5 row by row, slowly.
    return (
        "knowledge_search_fts CROSS JOIN knowledge_searchdocument d "
        "ON d.id = knowledge_search_fts.rowid",
        "knowledge_search_fts MATCH %s",
        [" AND ".join(parts)],
    )


def _rank() -> str:
    # The facets weigh nothing: D (PostgreSQL) and the third column (SQLite) count 0.
    if connection.vendor == "postgresql":
        return "ts_rank('{0, 0, 0.4, 1}', d.search_vector, q) DESC"
    return "bm25(knowledge_search_fts, 4.0, 1.0, 0.0)"


def _newest_first() -> str:
    # On SQLite, the FTS5 table's own rowid order: it then reads only as far as it needs.
    if connection.vendor == "postgresql":
        return "d.id DESC"
    return "knowledge_search_fts.rowid DESC"


def _run(
    terms: list[str],
    groups: Groups,
    where: list[str],
    params: list[Any],
    *,
    limit: int,
    offset: int = 0,
    any_term: bool = False,
    ranked: bool = True,
    columns: str = "d.id",
) -> list[tuple[Any, ...]]:
    source, match, match_params = _match(terms, groups, any_term=any_term)
    order = f"{_rank()}, d.id" if ranked else _newest_first()
    sql = (
        f"SELECT {columns} FROM {source} WHERE {' AND '.join([match, *where])} "
        f"ORDER BY {order} LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*match_params, *params, limit, offset])
        return list(cursor.fetchall())


def _rarest(terms: list[str]) -> int:
    """Return in how many documents the query's rarest term is: at most that many match."""
    found = dict(SearchTerm.objects.filter(term__in=terms).values_list("term", "documents"))
    return min(found.get(term, 0) for term in terms)


def _document_total() -> int:
    """Return about how many documents the index holds (for the IDF of "similar work")."""
    if connection.vendor == "postgresql":
        # The planner's estimate: counting 100 000 wide rows would cost more than the search.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = 'knowledge_searchdocument'::regclass"
            )
            row = cursor.fetchone()
        if row and row[0] and row[0] > 0:
            return int(row[0])
    return SearchDocument.objects.count()


def _counts(
    terms: list[str], groups: Groups, where: list[str], params: list[Any]
) -> dict[str, int]:
    """Return the number of hits per kind, counting at most ``COUNT_LIMIT`` in all."""
    source, match, match_params = _match(terms, groups)
    sql = (
        f"SELECT kind, COUNT(*) FROM (SELECT d.kind AS kind FROM {source} "
        f"WHERE {' AND '.join([match, *where])} LIMIT %s) hits GROUP BY kind"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*match_params, *params, COUNT_LIMIT])
        return {str(kind): int(n) for kind, n in cursor.fetchall()}


def _highlight(text: str, terms: set[str], *, limit: int | None = None) -> SafeString:
    """Return ``text`` escaped, its words whose stem is a term in <mark>.

    With ``limit``, return only about that many words around the first hit.
    """
    matches = list(_WORD.finditer(text))
    begin, end = 0, len(text)
    if limit is not None and len(matches) > limit:
        first = next((i for i, m in enumerate(matches) if stem(m.group().lower()) in terms), 0)
        start_word = max(0, first - limit // 3)
        stop_word = min(len(matches), start_word + limit)
        begin = matches[start_word].start() if start_word else 0
        end = matches[stop_word - 1].end() if stop_word < len(matches) else len(text)
    parts: list[str] = ["… " if begin else ""]
    position = begin
    for m in matches:
        if m.start() < begin or m.end() > end:
            continue
        parts.append(escape(text[position : m.start()]))
        word = escape(m.group())
        hit = stem(m.group().lower()) in terms
        parts.append(f"<mark>{word}</mark>" if hit else word)
        position = m.end()
    parts.append(escape(text[position:end]))
    if end < len(text):
        parts.append(" …")
    return mark_safe("".join(parts).strip())


def search(*, user: AnyUser, query: str, filters: Filters | None = None, page: int = 1) -> Results:
    """Return the page of documents matching every word of the query that the user may see."""
    filters = filters or Filters()
    terms = query_terms(query)
    if not terms:
        return Results(query=query, terms=[], hits=[], total=0, by_kind={}, page=1, pages=0)
    groups, where, params = _filters(filters, with_kinds=False)
    groups += _visibility(user)
    ranked = _rarest(terms) <= RANK_LIMIT
    by_kind = _counts(terms, groups, where, params)
    chosen = filters.kinds or list(by_kind)
    total = sum(n for kind, n in by_kind.items() if kind in chosen)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(page, 1), pages)
    hits: list[Hit] = []
    if total:
        kind_groups, _, _ = _filters(Filters(kinds=filters.kinds))
        ids = [
            row[0]
            for row in _run(
                terms,
                [*groups, *kind_groups],
                where,
                params,
                limit=PAGE_SIZE,
                offset=(page - 1) * PAGE_SIZE,
                ranked=ranked,
            )
        ]
        documents = SearchDocument.objects.select_related("organisation").in_bulk(ids)
        wanted = set(terms)
        for pk in ids:
            document = documents[pk]
            hits.append(
                Hit(
                    document=document,
                    title=_highlight(document.title, wanted),
                    snippet=_highlight(document.text, wanted, limit=SNIPPET_WORDS),
                )
            )
    return Results(
        query=query,
        terms=terms,
        hits=hits,
        total=total,
        by_kind=by_kind,
        page=page,
        pages=pages,
        ranked=ranked,
    )


SIMILAR_KINDS = (DocumentKind.ROW, DocumentKind.EXAMPLE)
SIMILAR_TERMS = 10
SIMILAR_CANDIDATES = 60
SIMILAR_POSTINGS = 5_000


def _weights(counts: Counter[str], frequencies: dict[str, int], total: int) -> dict[str, float]:
    return {
        term: (1 + math.log(n)) * math.log(1 + total / frequencies.get(term, 1))
        for term, n in counts.items()
    }


def _document_terms(title_stems: str, stems: str) -> Counter[str]:
    # The title counts twice: it says what the work is about.
    words = [*title_stems.split(), *title_stems.split(), *stems.split()]
    return Counter(w for w in words if len(w) > 2 and w not in STOP_WORDS)


def similar(
    *, user: AnyUser, kind: str, object_id: int, limit: int = 5
) -> list[tuple[SearchDocument, float]]:
    """Return the rows and good examples of other organisations most like this document.

    The document's most telling terms (TF-IDF over the index's stems) find candidates; they
    are ranked by the cosine of their TF-IDF vectors with the document's.
    """
    document = SearchDocument.objects.filter(kind=kind, object_id=object_id).first()
    if document is None:
        return []
    counts = _document_terms(document.title_stems, document.stems)
    if not counts:
        return []
    frequencies = dict(
        SearchTerm.objects.filter(term__in=list(counts)).values_list("term", "documents")
    )
    total = max(_document_total(), 1)
    weights = _weights(counts, frequencies, total)
    # The most telling terms find the candidates, as long as together they are in at most
    # SIMILAR_POSTINGS documents: that bounds the work whatever the size of the index.
    top: list[str] = []
    postings = 0
    for term in sorted(weights, key=lambda t: (-weights[t], t)):
        frequency = frequencies.get(term, 0)
        if top and postings + frequency > SIMILAR_POSTINGS:
            continue
        top.append(term)
        postings += frequency
        if len(top) == SIMILAR_TERMS:
            break
    groups = [[facet("k", kind) for kind in SIMILAR_KINDS], *_visibility(user)]
    where = ["d.id <> %s"]
    params: list[Any] = [document.pk]
    if document.organisation_id is not None:
        where.append("(d.organisation_id IS NULL OR d.organisation_id <> %s)")
        params.append(document.organisation_id)
    rows = _run(
        top,
        groups,
        where,
        params,
        limit=SIMILAR_CANDIDATES,
        any_term=True,
        columns="d.id, d.title_stems, d.stems",
    )
    if not rows:
        return []
    candidate_counts = {int(pk): _document_terms(str(t), str(s)) for pk, t, s in rows}
    vocabulary = set().union(*candidate_counts.values()) - set(frequencies)
    frequencies.update(
        SearchTerm.objects.filter(term__in=list(vocabulary)).values_list("term", "documents")
    )
    norm = math.sqrt(sum(w * w for w in weights.values()))
    scored: list[tuple[float, int]] = []
    for pk, terms in candidate_counts.items():
        other = _weights(terms, frequencies, total)
        dot = sum(w * other[t] for t, w in weights.items() if t in other)
        other_norm = math.sqrt(sum(w * w for w in other.values()))
        if dot and other_norm:
            scored.append((dot / (norm * other_norm), pk))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    best = scored[:limit]
    documents = SearchDocument.objects.in_bulk([pk for _, pk in best])
    return [(documents[pk], score) for score, pk in best]
