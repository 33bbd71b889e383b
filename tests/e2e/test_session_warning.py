"""The session warning in headless Chromium, with the browser's clock (Playwright) and the server's clock
(the app's CLOCK) moved together: two minutes before the idle limit the page warns in Dutch and keeps what
was typed; 'Sessie verlengen' extends the session; once it has ended, what was typed comes back after
logging in again. axe-core finds no serious problems in the warning."""
import pytest
from test_case_walkthrough import log_in, serious_axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.clock.install()
    yield page
    context.close()


def _travel(page, clock, minutes: int, seconds: int = 0) -> None:
    clock.advance(minutes=minutes, seconds=seconds)
    page.clock.fast_forward(f"{minutes:02d}:{seconds:02d}")


def test_the_page_warns_extends_and_keeps_what_was_typed(live_server, page, clock):
    from playwright.sync_api import expect

    log_in(page, live_server, "consulent")
    page.goto(f"{live_server}/auth/profiel")
    page.get_by_label("Naam van de sleutel").fill("Mijn koppeling")

    _travel(page, clock, 13, 5)
    warning = page.get_by_role("alertdialog", name="Uw sessie verloopt bijna")
    expect(warning).to_contain_text("wordt u uitgelogd")
    expect(page.get_by_role("button", name="Sessie verlengen")).to_be_focused()
    assert serious_axe_violations(page) == []
    page.get_by_role("button", name="Sessie verlengen").click()
    expect(warning).to_have_count(0)
    expect(page.get_by_label("Naam van de sleutel")).to_have_value("Mijn koppeling")

    _travel(page, clock, 16)  # nothing done: the session ends on the server and the page says so
    ended = page.get_by_role("alertdialog", name="Uw sessie is verlopen")
    expect(ended).to_be_visible()
    page.get_by_role("link", name="Opnieuw inloggen").click()
    page.get_by_label("Gebruikersnaam").fill("consulent")
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn profiel")
    expect(page.get_by_label("Naam van de sleutel")).to_have_value("Mijn koppeling")
    expect(page.get_by_role("main")).to_contain_text("is teruggezet")
