"""Fixtures for the end-to-end tests: a clean case database per test and, for browser tests,
the test app served over real HTTP (with CSRF protection on, as in production) and a browser that fails
the test on anything Chromium reports against the Content-Security-Policy or Permissions-Policy."""
import os

import pytest

from live_server import serving

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

#: Runs in every frame before the page's own scripts and hands each CSP violation to the test.
VIOLATION_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => window.__cumulusPolicyViolation({
  page: location.pathname, directive: event.effectiveDirective, blocked: event.blockedURI,
  sample: event.sample, source: event.sourceFile, line: event.lineNumber}));
"""


class PolicyWatch:
    """Every Content-Security-Policy violation and policy-header complaint Chromium reports in the contexts
    it is attached to: the `securitypolicyviolation` events and the console's own messages about them."""

    def __init__(self):
        self.reports: list[dict] = []

    def attach(self, context) -> None:
        context.expose_binding("__cumulusPolicyViolation", lambda _source, report: self.reports.append(report))
        context.add_init_script(VIOLATION_LISTENER)
        context.on("page", lambda page: page.on("console", self._console))

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Permissions-Policy" in message.text:
            self.reports.append({"console": message.type, "text": message.text})


class WatchedBrowser:
    """The Playwright browser, whose every new context reports to `watch`."""

    def __init__(self, browser):
        self._browser, self.watch = browser, PolicyWatch()

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        self.watch.attach(context)
        return context

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(autouse=True)
def _clean(clean_db):
    """Every test here starts on a migrated database without cases."""


@pytest.fixture(scope="module")
def live_server(app):
    """The test app on a free 127.0.0.1 port in a background thread; yields its base URL."""
    previous = app.config["WTF_CSRF_ENABLED"]
    app.config["WTF_CSRF_ENABLED"] = True  # the browser sends the forms' tokens, like in production
    try:
        with serving(app) as url:
            yield url
    finally:
        app.config["WTF_CSRF_ENABLED"] = previous


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium through Playwright; skips when it is not installed."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); Playwright never downloads browsers here")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the Python package 'playwright' is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield WatchedBrowser(browser)
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    """A desktop page in Dutch (downloads allowed), in a context of its own that closes after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _no_policy_violations(request):
    """A browser test fails when any page it opened broke the Content-Security-Policy."""
    if "browser" not in request.fixturenames:
        yield
        return
    watch = request.getfixturevalue("browser").watch
    watch.reports.clear()
    yield
    reports, watch.reports[:] = list(watch.reports), []
    assert reports == [], f"Chromium reported policy violations: {reports}"
