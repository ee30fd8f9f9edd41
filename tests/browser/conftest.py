"""Chromium through Playwright, against the live server, with axe-core for WCAG checks.

Debian's chromium package is used (``executable_path``); Playwright's own browser download
does not work here and is never attempted.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connection
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from framja.core.backup import backup_restore, backup_write
from framja.demo.loader import DemoSummary, demo_summary, load_demo
from tests.reference import load_reference_data

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # The live server needs committed data.
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium saknas: installera Debians paket chromium (./dev.sh test gör det).")
    # Playwright's sync API keeps an event loop running in this thread for the rest of the
    # session, which makes Django refuse every ORM call as if it came from async code. The
    # calls are plain synchronous code, here and in any test this worker runs afterwards.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


# The demo as this worker's first browser test loaded it, by database: a backup file.
_DEMO_SNAPSHOTS: dict[str, Path] = {}


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """The root conftest's fixture, except for tests with the demo: ``demo`` loads the
    reference data itself before loading the demo, and a restored demo holds it."""
    if "_django_db_helper" not in request.fixturenames or "demo" in request.fixturenames:
        return
    request.getfixturevalue("_django_db_helper")
    load_reference_data()


@pytest.fixture
def demo(transactional_db, tmp_path_factory: pytest.TempPathFactory) -> DemoSummary:
    """Load the demo into the live server's database.

    Transactional tests end with a flush, which also removes what the data migrations
    loaded. Django's serialized rollback cannot bring it back here (Playwright runs the test
    in a greenlet of its own, where Django hands out a fresh connection object without the
    serialized copy); ``load_reference_data`` reloads it instead.

    Loading the demo takes seconds; the worker's first browser test loads it and writes a
    backup (``framja backup``'s format), and the others restore that in a fraction of the
    time. The backup round trip keeps every row as it was (framja/core/tests/test_backup.py).
    """
    name = str(connection.settings_dict["NAME"])
    snapshot = _DEMO_SNAPSHOTS.get(name)
    if snapshot is None:
        load_reference_data()
        summary = load_demo()
        snapshot = tmp_path_factory.mktemp("demo") / "demo.zip"
        backup_write(snapshot)
        _DEMO_SNAPSHOTS[name] = snapshot
        return summary
    backup_restore(snapshot, force=True)
    return demo_summary()


def login(page: Page, email: str, password: str = "demo") -> None:
    page.goto("/konto/logga-in/")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    # "**/" alone also matches the login page itself; wait until the browser has left it.
    page.wait_for_url(lambda url: "/konto/logga-in/" not in url)
    page.wait_for_load_state()


def assert_accessible(page: Page) -> None:
    """Fail with axe-core's report if the page has any WCAG 2.1 A/AA violation.

    A click on a link returns before the next page has loaded, so the check can start on a
    document that is being replaced. It waits for the page to load, and starts over on the
    new document if a navigation pulled the old one away while axe was reading it.
    """
    for attempt in range(3):
        page.wait_for_load_state()
        try:
            results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            break
        except PlaywrightError as error:
            if attempt == 2 or not _navigated_away(error):
                raise
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def _navigated_away(error: PlaywrightError) -> bool:
    message = str(error)
    return any(
        sign in message
        for sign in (
            "reading 'documentElement'",
            "Execution context was destroyed",
            "navigation",
        )
    )
