"""Fixtures for the end-to-end tests: a clean case database per test and, for browser tests,
the test app served over real HTTP (with CSRF protection on, as in production)."""
import os

import pytest

from live_server import serving

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


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
            yield browser
        finally:
            browser.close()
