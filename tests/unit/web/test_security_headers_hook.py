"""The security-headers hook on a bare Flask app: HSTS comes with the production configuration only, and
even an unhandled error's 500 answer carries the headers (the route walk in tests/integration covers the rest);
and no page template needs what the page policy blocks."""
import re
from pathlib import Path

import pytest
from flask import Flask

from app.config import Config, ProductionConfig, TestConfig
from app.web.security_headers import PAGE_POLICY, StoredContent, register_security_headers


def _app(config) -> Flask:
    app = Flask(__name__)
    app.config.from_object(config)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # answer 500 as production does, also under TESTING
    register_security_headers(app)

    @app.route("/pagina")
    def page():
        return "<p>Hallo</p>"

    @app.route("/kapot")
    def broken():
        raise RuntimeError("stuk")

    @app.route("/document")
    def document():
        return StoredContent("<p>Beschikking</p>", mimetype="text/html",
                             headers={"Content-Security-Policy": "default-src *", "Cache-Control": "max-age=600"})
    return app


def test_production_sends_hsts_for_a_year_with_subdomains():
    hsts = _app(ProductionConfig).test_client().get("/pagina").headers["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains"


@pytest.mark.parametrize("config", [Config, TestConfig])
def test_development_and_tests_send_no_hsts(config):
    assert "Strict-Transport-Security" not in _app(config).test_client().get("/pagina").headers


def test_an_unhandled_error_answers_500_with_the_headers():
    response = _app(Config).test_client().get("/kapot")
    assert response.status_code == 500
    assert response.headers["Content-Security-Policy"] == PAGE_POLICY
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_hook_decides_a_stored_documents_headers_not_the_view():
    response = _app(Config).test_client().get("/document")
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none';")
    assert response.headers["Cache-Control"] == "no-store"


APP = Path(__file__).resolve().parents[3] / "app"
#: Templates rendered as stored content (StoredContent, sandbox policy) or only to PDF, rather than as pages.
STORED_TEMPLATES = {"templates/documents/beschikking.html",
                    "templates/documents/_brief.html"}  # the frame of the informatieverzoek and verdaging letters
#: What the page policy blocks: inline script, inline style (elements and attributes), handlers, javascript: URLs.
#: A JSON-LD data block (<script type="application/ld+json">, the sociale kaart's schema.org data) is not run by a
#: browser, so script-src does not apply to it (its text is escaped).
INLINE = re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*\stype=\"application/ld\+json\")[^>]*>|<style[\s>]|\sstyle\s*=|"
                    r"\son[a-z]+\s*=|javascript:", re.I)


def test_no_page_template_relies_on_what_the_policy_blocks():
    templates = [p for p in APP.rglob("templates/**/*.html") if "static" not in p.parts]
    found = {str(p.relative_to(APP)): INLINE.findall(p.read_text(encoding="utf-8")) for p in templates
             if not any(str(p).endswith(s) for s in STORED_TEMPLATES)}
    assert len(templates) > 20
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_the_template_check_finds_inline_script_and_style():
    page = '<script>alert(1)</script><p style="x"><a onclick="y" href="javascript:z">'
    assert len(INLINE.findall(page)) == 4
    assert INLINE.findall('<script src="/static/js/process-diagram.js"></script>') == []
    assert INLINE.findall('<script type="application/ld+json">{"@type": "Service"}</script>') == []
    assert len(INLINE.findall('<script type="text/javascript">alert(1)</script>')) == 1
