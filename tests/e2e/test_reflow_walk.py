"""Every page every role can reach, at 320 CSS pixels wide (WCAG 1.4.10 Reflow): the page itself never scrolls
sideways — a wide table scrolls in its own box or stacks — and axe-core finds nothing serious or critical. On the
same pages (#18 point 5): every select box shows its arrow, and the text as the browser shows it says 'u', never
'je', 'jij' or 'jouw' (also what scripts and stored letters add, which the template scan cannot see).
The walk follows links only (see page_walk.py), on the demo gemeente's cases (`flask seed`), as each demo login.

Set CUMULUS_E2E_SHOTS=<folder> to also save a 320 px screenshot of every page walked."""
import os
import re
from pathlib import Path

import pytest
from page_walk import walk
from test_case_walkthrough import axe_violations, log_in

pytestmark = pytest.mark.browser

ROLES = ["inwoner", "gemachtigde", "consulent", "beoordelaar", "backoffice", "contractmanager", "procesontwerper",
         "beheerder", "privacy", "aanbieder", "jurist"]
WIDTH = 320
SHOTS = os.environ.get("CUMULUS_E2E_SHOTS")
INFORMAL = re.compile(r"(?<![\w-])(je|jij|jou|jouw|jouwe|jullie)(?![\w-])", re.IGNORECASE)  # as test_aanspreekvorm
#: The select boxes drawn without their arrow: `appearance: none` and no arrow image of their own.
ARROWLESS_SELECTS = """() => [...document.querySelectorAll('select')].filter(s => s.offsetParent !== null).filter(s => {
  const c = getComputedStyle(s); return c.appearance === 'none' && !c.backgroundImage.startsWith('url(');
}).map(s => s.name || s.id)"""


@pytest.fixture(autouse=True)
def _clean():
    """The demo cases stay for the whole walk (loaded once below), instead of a clean database per test."""


def _root_conftest(config):
    """tests/conftest.py, whose _delete_cases empties the case tables (pytest loads it as a plugin)."""
    return next(p for p in config.pluginmanager.get_plugins()
                if getattr(p, "__file__", "").endswith(str(Path("tests") / "conftest.py")))


@pytest.fixture(scope="module", autouse=True)
def demo_cases(app, request):
    """The demo gemeente's cases, one in every stage, as `flask seed` loads them (its jobs run inline)."""
    from app import db
    from app.services.demo_cases import load_demo_cases
    from app.services.demo_publicatie import load_demo_publicatie
    _delete_cases = _root_conftest(request.config)._delete_cases
    with app.app_context():
        _delete_cases()
        previous = app.config["REDIS_URL"], app.config["JOBS_INLINE"]
        app.config.update(REDIS_URL=None, JOBS_INLINE=True)
        try:
            load_demo_cases()
            load_demo_publicatie()
            from app.services.demo_dwangsom import load_demo_dwangsom
            load_demo_dwangsom()  # the ingebrekestelling pages too (#17.4)
            _machtig_the_son()
        finally:
            app.config["REDIS_URL"], app.config["JOBS_INLINE"] = previous
        db.session.remove()
    yield
    with app.app_context():
        _delete_cases()
        db.session.remove()


def _machtig_the_son() -> None:
    """The demo inwoner machtigt her son (by BSN, as on her page); his DigiD login links it to his account."""
    from app import db
    from app.models import User
    from app.services import machtigingen
    mother = db.session.query(User).filter_by(username="inwoner").one()
    son = db.session.query(User).filter_by(username="gemachtigde").one()
    machtigingen.grant(mother, mother.person, bsn="999990019", naam="Kees Bakker", scope="namens_handelen",
                       geldig_vanaf=None, geldig_tot=None)
    machtigingen.link_by_bsn(db.session, son, "999990019")
    db.session.commit()


@pytest.fixture
def narrow_page(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": 800}, locale="nl-NL")
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


def _log_in(page, base_url: str, username: str) -> None:
    log_in(page, base_url, username)
    if username == "gemachtigde":  # first the choice a gemachtigde makes: for whom
        page.goto(f"{base_url}/mijn/namens")
        page.get_by_role("button", name="Johanna Maria Bakker").click()


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_the_role_fits_320_pixels_without_serious_axe_findings(live_server, narrow_page, role):
    page, problems, walked = narrow_page, [], []
    _log_in(page, live_server, role)
    for address, status in walk(page, live_server):
        walked.append(address)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > WIDTH + 1:
            problems.append(f"{address}: the page is {width} px wide")
        if status >= 500:
            problems.append(f"{address}: HTTP {status}")
        problems += [f"{address}: {finding}" for finding in axe_violations(page)]
        problems += [f"{address}: select '{name}' has no arrow" for name in page.evaluate(ARROWLESS_SELECTS)]
        text = page.evaluate("document.body.innerText")
        problems += [f"{address}: '…{text[max(m.start() - 30, 0):m.end() + 30]}…' does not say u"
                     for m in INFORMAL.finditer(text)]
        if SHOTS:
            folder = Path(SHOTS) / "320"
            folder.mkdir(parents=True, exist_ok=True)
            name = address.strip("/").replace("/", "_").replace("?", "_") or "start"
            page.screenshot(path=str(folder / f"{role}-{name}.png"), full_page=True)
    assert len(walked) >= 3, walked  # the walk really went somewhere
    assert problems == [], "\n".join(problems)
