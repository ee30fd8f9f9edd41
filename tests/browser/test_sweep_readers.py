"""axe-core over every kind of page the demo shows to someone not logged in, to a reader
and to an editor (the other roles are in test_sweep_administrators.py, so that the two
files can run side by side)."""

import pytest
from playwright.sync_api import Page

from tests.browser.sweep import sweep


@pytest.mark.parametrize("role", ["anonym", "läsare", "redaktör"])
def test_every_page_the_role_reaches_is_accessible(page: Page, demo, role):
    checked, violations = sweep(page, role)

    assert len(checked) >= 8, checked  # the walk went somewhere
    assert violations == [], "\n\n".join(violations)
