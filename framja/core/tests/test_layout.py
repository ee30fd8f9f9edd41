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
