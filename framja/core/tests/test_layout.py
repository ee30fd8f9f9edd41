from django.test import Client
from django.urls import reverse

from framja.core.context_processors import LAYOUT_URLS


def test_the_layout_links_every_page_shows_are_the_named_urls(db):
    # when anyone opens the start page
    page = Client().get(reverse("home")).content.decode()

    # then the header and footer link to the pages by their URLs (the login link, for a visitor)
    shown = set(LAYOUT_URLS) - {"submissions", "surveys", "indicators", "account", "logout"}
    for key in shown:
        assert f'"{reverse(LAYOUT_URLS[key])}' in page, key


def _menu_link(html: str, url_name: str) -> str:
    """Return the menu's link to ``url_name``, as written on the page."""
    url = reverse(url_name)
    start = html.index(f'<li><a href="{url}"')
    return html[start : html.index("</li>", start)]


def test_the_menu_marks_the_current_page_and_nothing_else(db, django_user_model):
    # given
    user = django_user_model.objects.create_user("eva@example.org", "x")
    client = Client()
    client.force_login(user)
    menu = {
        "organisations:tree": "organisations:tree",
        "catalog:index": "catalog:index",
        "reporting:my_submissions": "reporting:my_submissions",
        "surveys:my_responses": "surveys:my_responses",
        "indicators:list": "indicators:list",
        "knowledge:example_list": "knowledge:example_list",
        "knowledge:search": "knowledge:search",
    }

    for page, current in menu.items():
        # when
        html = client.get(reverse(page)).content.decode()

        # then only the page's own menu item is marked
        assert html.count('aria-current="page"') >= 1, page
        for other in menu.values():
            marked = 'aria-current="page"' in _menu_link(html, other)
            assert marked == (other == current), (page, other)


def test_a_visitor_gets_a_login_link_back_to_the_page_and_no_member_items(db):
    # when
    response = Client().get(reverse("knowledge:search"), {"q": "<b>x</b>", "sida": "2"})

    # then the login link leads back here, the search box holds the query, escaped
    html = response.content.decode()
    here = response.wsgi_request.get_full_path()
    assert here == "/sok/?q=%3Cb%3Ex%3C%2Fb%3E&sida=2"
    login = reverse("accounts:login")
    assert f'<a href="{login}?next=/sok/%3Fq%3D%253Cb%253Ex%253C%252Fb%253E%26sida%3D2">' in html
    assert 'value="&lt;b&gt;x&lt;/b&gt;"' in html
    assert "<b>x</b>" not in html
    assert reverse("reporting:my_submissions") not in html
    assert reverse("accounts:logout") not in html
