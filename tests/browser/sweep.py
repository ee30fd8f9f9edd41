"""Walk every page a user reaches by following links from the start page, and run axe-core
on each kind of page once.

A "kind of page" is a URL pattern: one plan page stands for all plan pages, one chart for all
charts. Downloads (Word, PDF, Excel, CSV, calendar), the API and the static files are not
pages and are left out; so are links elsewhere.
"""

import re
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from django.urls import Resolver404, resolve
from playwright.sync_api import Error, Page

from tests.browser.conftest import WCAG_TAGS, login

ROLES = {
    "anonym": None,
    "läsare": "lasare@framja.example",
    "redaktör": "ordforande@framja.example",
    "administratör": "processtod@framja.example",
    "systemadministratör": "admin@framja.example",
}
NOT_PAGES = ("/api/", "/static/", "/media/", "/i18n/", "/konto/logga-ut")
DOWNLOAD = re.compile(r"\.(docx|pdf|xlsx|pptx|csv|ics|json|zip|png|svg)$|/export|/ladda-ner")
# Each kind of page once, and never more than this many in all: a bound on the time.
MOST = 250


def _paths(page: Page, seen: set[str]) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.netloc and parts.netloc != urlsplit(page.url).netloc:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen or parts.path.startswith(NOT_PAGES) or DOWNLOAD.search(parts.path):
            continue
        seen.add(path)
        found.append(path)
    return found


def sweep(page: Page, role: str) -> tuple[list[str], list[str]]:
    """Return the kinds of page checked and the violations found, as the role."""
    email = ROLES[role]
    if email is not None:
        login(page, email)
    queue = ["/"]
    seen = set(queue)
    checked: list[str] = []
    violations: list[str] = []
    axe = Axe()
    while queue and len(checked) < MOST:
        path = queue.pop(0)
        try:
            name = resolve(urlsplit(path).path).view_name
        except Resolver404:
            continue
        if name in checked:
            continue
        try:
            response = page.goto(path)
        except Error as error:  # a download that the pattern did not name
            if "Download is starting" in str(error):
                continue
            raise
        checked.append(name)
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        if results.violations_count:
            violations.append(f"{role}: {path}\n{results.generate_report()}")
        if response is not None and response.status == 200:
            queue.extend(_paths(page, seen))
    return checked, violations
