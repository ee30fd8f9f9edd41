"""axe-core over every kind of page the demo shows to an organisation's administrator and to
the system administrator."""

import pytest
from playwright.sync_api import Page

from tests.browser.sweep import sweep


@pytest.mark.parametrize("role", ["administratör", "systemadministratör"])
def test_every_page_the_role_reaches_is_accessible(page: Page, demo, role):
    checked, violations = sweep(page, role)

    assert len(checked) >= 20, checked
    assert violations == [], "\n\n".join(violations)
