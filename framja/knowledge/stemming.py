"""Swedish stemming, done in Python so that SQLite and PostgreSQL index the same tokens.

The Snowball "swedish" stemmer is the algorithm behind PostgreSQL's ``swedish`` text-search
configuration, so stemming here and indexing with the ``simple`` configuration (which only
lower-cases) gives what ``to_tsvector('swedish', …)`` gives, and SQLite's FTS5 gets the very
same tokens.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

# Letters and digits only: both FTS5's unicode61 tokenizer and PostgreSQL's parser then see
# exactly one token per word, with no punctuation rules of their own to differ on.
_WORD = re.compile(r"[^\W_]+")
MAX_TERM_LENGTH = 60

# Words too common to mean anything in a query ("hälsosamtal och FaR").
STOP_WORDS = frozenset(
    [
        "och",
        "i",
        "att",
        "det",
        "som",
        "en",
        "på",
        "är",
        "av",
        "för",
        "med",
        "till",
        "den",
        "har",
        "de",
        "inte",
        "om",
        "ett",
        "han",
        "men",
        "var",
        "jag",
        "sig",
        "från",
        "vi",
        "så",
        "kan",
        "man",
        "när",
        "år",
        "säga",
        "hon",
        "vid",
        "nu",
        "än",
        "eller",
        "mot",
        "ska",
        "skall",
        "under",
        "då",
        "efter",
        "kommer",
        "två",
        "där",
        "vara",
        "alla",
        "ut",
        "upp",
        "sin",
        "även",
        "hur",
        "sedan",
        "bara",
        "många",
        "detta",
        "dessa",
        "vilka",
        "vilken",
        "vilket",
        "samt",
        "oss",
        "våra",
        "vår",
        "vårt",
        "ni",
        "er",
        "era",
        "deras",
        "dess",
    ]
)

_stemmer = snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Return the Swedish stem of one lower-case word."""
    return str(_stemmer.stemWord(word))


def words(text: str) -> list[str]:
    """Return the words of ``text`` in lower case, in order."""
    return [w for w in _WORD.findall(text.lower()) if len(w) <= MAX_TERM_LENGTH]


def stems(text: str) -> list[str]:
    """Return the stem of every word of ``text``, in order."""
    return [stem(w) for w in words(text)]


def stem_text(text: str) -> str:
    """Return the stems of ``text`` separated by spaces, for the index."""
    return " ".join(stems(text))


def query_terms(query: str) -> list[str]:
    """Return the distinct stems of a query, without stop words, in order."""
    terms = [stem(w) for w in words(query) if w not in STOP_WORDS]
    return list(dict.fromkeys(t for t in terms if t))
