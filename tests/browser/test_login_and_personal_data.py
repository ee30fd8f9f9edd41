"""Login through the local OpenID provider, and axe-core over the account pages."""

import pytest
from playwright.sync_api import Page, expect

from framja.accounts import services
from framja.accounts.models import Invitation, User
from framja.organisations.models import Person
from tests.browser.conftest import assert_accessible, login
from tests.oidc import CLIENT_ID, CLIENT_SECRET, USERS, running_provider


@pytest.fixture
def provider(live_server, settings, tmp_path):
    with running_provider(tmp_path, [f"{live_server.url}/konto/oidc/klar/"]) as running:
        settings.OIDC_DISCOVERY_URL = running.discovery_url
        settings.OIDC_CLIENT_ID = CLIENT_ID
        settings.OIDC_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_SCOPES = "openid profile email hsa"
        yield running


def test_a_user_logs_in_through_the_identity_provider_and_lands_on_their_organisations(
    page: Page, world, provider, live_server
):
    # given alice, whose HSA-id the provider knows, on the login page
    alice = USERS[0]
    page.goto("/konto/logga-in/")
    assert_accessible(page)

    # when she chooses SITHS and logs in at the provider
    page.get_by_role("link", name="Logga in med SITHS-kort").click()
    expect(page.get_by_role("heading", name="Testleverantör")).to_be_visible()
    page.get_by_label("HSA-id").fill(alice["username"])
    page.get_by_label("Lösenord hos leverantören").fill(alice["password"])
    page.get_by_role("button", name="Fortsätt").click()

    # then she is back in Främja, logged in, with her organisations in front of her
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_text("Inloggad som")).to_contain_text("Alice Admin")
    organisations = page.get_by_role("table", name="Organisationer där du har en roll")
    expect(organisations).to_contain_text("RPO Test")
    assert_accessible(page)
    assert User.objects.get(email="alice@example.org").hsa_id == alice["username"]

    # and a login the provider refuses ends on an accessible explanation
    page.goto("/konto/oidc/klar/?error=access_denied")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggningen misslyckades")
    assert_accessible(page)


def test_the_account_and_invitation_pages_are_accessible(page: Page, demo):
    # given the process support, who administers RPO Hälsofrämjande
    login(page, "processtod@framja.example")
    for path in ["/konto/", "/organisationer/rpo-halsoframjande/inbjudningar/"]:
        page.goto(path)
        assert_accessible(page)

    # when she invites someone
    page.get_by_label("E-postadress").fill("ny.kollega@framja.example")
    page.get_by_label("Behörighet").select_option(label="redaktör")
    page.get_by_role("button", name="Skicka inbjudan").click()

    # then the list shows it
    expect(page.get_by_role("table", name="Skickade inbjudningar")).to_contain_text(
        "ny.kollega@framja.example"
    )
    assert_accessible(page)
    invitation = Invitation.objects.get(email="ny.kollega@framja.example")

    # and the invited person makes an account from the link
    page.context.clear_cookies()
    page.goto(f"/konto/inbjudan/{services.invitation_token(invitation)}/")
    assert_accessible(page)
    page.get_by_label("Ditt namn").fill("Ny Kollega")
    page.get_by_label("Välj lösenord").fill("kort")
    page.get_by_label("Upprepa lösenordet").fill("annat")
    page.get_by_role("button", name="Skapa konto och tacka ja").click()
    assert_accessible(page)
    page.get_by_label("Välj lösenord").fill("ett långt lösenord")
    page.get_by_label("Upprepa lösenordet").fill("ett långt lösenord")
    page.get_by_role("button", name="Skapa konto och tacka ja").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("RPO Hälsofrämjande")
    page.goto(f"/konto/inbjudan/{services.invitation_token(invitation)}/")
    assert_accessible(page)


def test_the_erasure_page_is_accessible(page: Page, demo):
    login(page, "admin@framja.example")
    person = Person.objects.filter(memberships__isnull=False).first()
    assert person is not None
    page.goto(f"/personer/{person.pk}/radera/")
    assert_accessible(page)
    page.get_by_role("button", name="Radera personuppgifterna").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Person ")
    assert_accessible(page)
