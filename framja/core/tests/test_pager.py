"""The pager of list pages: page links that keep the query, the current page, and the gaps."""

import re

from django.core.paginator import Paginator

from framja.core.templatetags.pager import pager


def links(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", item) for item in re.findall(r"<li>(.*?)</li>", html)]


def test_a_long_pager_leaves_out_the_pages_far_from_the_current_one():
    # given 30 pages
    page = Paginator(range(300), 10).page(15)

    # when
    html = pager(page, "q=a+b&kalla=2")

    # then
    assert links(html) == [
        "Föregående sida",
        "Sida 1",
        "Sida 2",
        "…",
        *[f"Sida {n}" for n in range(12, 19)],
        "…",
        "Sida 29",
        "Sida 30",
        "Nästa sida",
    ]
    assert '<a href="?q=a+b&amp;kalla=2&amp;sida=14" rel="prev">' in html
    assert (
        '<a href="?q=a+b&amp;kalla=2&amp;sida=15" aria-current="page">'
        '<span class="visually-hidden">Sida </span>15</a>' in html
    )
    assert html.count("aria-current") == 1
    assert '<li><span aria-hidden="true">…</span></li>' in html


def test_the_first_and_the_last_page_have_one_way_on():
    paginator = Paginator(range(25), 10)

    first, last = pager(paginator.page(1)), pager(paginator.page(3))

    assert links(first) == ["Sida 1", "Sida 2", "Sida 3", "Nästa sida"]
    assert links(last) == ["Föregående sida", "Sida 1", "Sida 2", "Sida 3"]
    assert '<a href="?sida=2" rel="next">' in first


def test_one_page_needs_no_pager():
    assert pager(Paginator(range(10), 10).page(1), "q=x") == ""
