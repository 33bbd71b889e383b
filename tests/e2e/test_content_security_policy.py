"""The strict Content-Security-Policy in headless Chromium: it blocks inline script and style (and the watch in
conftest.py reports it), while the pages that run JavaScript still work under it — the case view draws its
process diagram with bpmn-js (zoom, pan, the bpmn.io notice) and axe-core runs — and a stored beschikking
shows with its own styling inside its sandbox. Every other browser test is watched the same way."""
import sys
from pathlib import Path

import pytest

from app import db
from app.models import Document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared case helpers
from exchange_flow import beschikking  # noqa: E402
from exchange_flow import inline_jobs  # noqa: E402,F401 — autouse: the letter is made here, also when CI sets TEST_REDIS_URL
from test_case_walkthrough import log_in, serious_axe_violations  # noqa: E402
from test_inbox_walkthrough import _case_at_besluit  # noqa: E402

pytestmark = pytest.mark.browser


def _page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_timeout(10_000)
    return context, context.new_page()


def _reports_after_settling(page, watch, expected: int = 0) -> list[dict]:
    """The watch's reports, once the page's pending violation events have had their turn (they are queued as
    tasks and travel to the test asynchronously); waits at most 5 s for `expected` of them. (Not a timer in
    the page: a sandboxed document runs none.)"""
    for _ in range(50):
        page.wait_for_timeout(100)
        if len(watch.reports) >= expected:
            break
    return list(watch.reports)


def test_an_inline_script_and_an_inline_style_are_blocked_and_reported(live_server, browser):
    context, page = _page(browser)
    try:
        page.goto(f"{live_server}/auth/inloggen")
        page.evaluate("""() => {
            const script = document.createElement("script");
            script.textContent = "window.cumulusInlineRan = true;";
            document.body.append(script);
            document.body.insertAdjacentHTML("beforeend", '<p id="inline-style" style="color: rgb(255, 0, 0)">x</p>');
        }""")
        assert page.evaluate("window.cumulusInlineRan") is None
        assert page.eval_on_selector("#inline-style", "p => getComputedStyle(p).color") != "rgb(255, 0, 0)"
        reports = _reports_after_settling(page, browser.watch, expected=4)
        directives = {r.get("directive") for r in reports}
        assert {"script-src-elem", "style-src-attr"} <= directives, reports
        assert any("Content Security Policy" in r.get("text", "") for r in reports), reports
    finally:
        browser.watch.reports.clear()  # these were provoked on purpose
        context.close()


def test_the_case_view_draws_its_diagram_under_the_policy(live_server, browser, api_as, users, person):
    from playwright.sync_api import expect

    zaak_id = _case_at_besluit(api_as, users, person)
    context, page = _page(browser)
    try:
        log_in(page, live_server, "consulent")
        page.goto(f"{live_server}/werkvoorraad/zaken/{zaak_id}")
        diagram = page.locator(".cumulus-diagram[data-ready='true']")
        expect(diagram).to_be_visible()
        expect(diagram.locator('[data-element-id="besluit_voorbereiden"].cumulus-step--current')).to_have_count(1)
        expect(diagram.locator('[data-element-id="triage"].cumulus-step--done')).to_have_count(1)
        expect(diagram.locator(".djs-shape").first).to_be_visible()
        # the navigated viewer moves the canvas on wheel and drag: bpmn-js sets styles and transforms then
        box = diagram.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, 200)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] / 2 - 80, box["y"] + box["height"] / 2 - 40, steps=5)
        page.mouse.up()
        # the bpmn.io notice is built from markup and styled by bpmn-js itself
        diagram.locator(".bjs-powered-by").click()
        expect(page.locator(".bjs-powered-by-lightbox")).to_be_visible()
        page.locator(".bjs-powered-by-lightbox .backdrop").click(position={"x": 5, "y": 5})
        expect(page.locator(".bjs-powered-by-lightbox")).to_have_count(0)
        assert serious_axe_violations(page) == []
        assert _reports_after_settling(page, browser.watch) == []
    finally:
        context.close()


def test_a_beschikking_shows_with_its_own_style_inside_its_sandbox(live_server, browser, api_as, person):
    """The sandbox runs no script, so only the console would tell of a blocked style here."""
    zaak_id = beschikking(api_as("consulent"), person.bsn)
    document_id = db.session.query(Document.id).filter_by(zaak_id=zaak_id).scalar()
    db.session.remove()
    context, page = _page(browser)
    try:
        log_in(page, live_server, "consulent")
        response = page.goto(f"{live_server}/documenten/{document_id}")
        assert "sandbox" in response.headers["content-security-policy"]
        assert page.eval_on_selector(".afzender", "p => getComputedStyle(p).fontWeight") == "700"
        assert _reports_after_settling(page, browser.watch) == []
    finally:
        context.close()
