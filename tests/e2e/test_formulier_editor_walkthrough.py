"""The form editor in headless Chromium (#10 point 6): the procesontwerper uploads a concept of wmo.bpmn, opens
its forms and the triage form, changes a label and sees the preview change while typing, saves, and has text that
is no JSON refused with the Dutch message beside the field (what was typed kept) — at 1440 and 320 px without
serious or critical axe violations."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from test_case_walkthrough import checked, log_in  # noqa: E402

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
OLD, NEW = "Korte samenvatting van de hulpvraag", "Wat vraagt de inwoner, in het kort"


def test_a_procesontwerper_edits_a_form_with_its_live_preview(live_server, page, tmp_path):
    from playwright.sync_api import expect

    log_in(page, live_server, "procesontwerper")
    page.get_by_role("heading", level=1, name="Procesmodellen").wait_for()
    concept = tmp_path / "wmo-formulier.bpmn"
    concept.write_bytes((ROOT / "bpmn" / "wmo.bpmn").read_bytes() + b"\n<!-- formulier -->\n")
    page.get_by_label("BPMN-bestand").set_input_files(str(concept))
    page.get_by_role("button", name="Uploaden als concept").click()
    page.get_by_role("link", name="Formulieren", exact=True).click()
    page.get_by_role("heading", level=1, name="Formulieren van concept").wait_for()
    checked(page, "formulieren-01-lijst")

    page.get_by_role("link", name="Triage van de melding").click()
    preview = page.locator("#formulier-voorbeeld")
    expect(preview.get_by_label(OLD)).to_be_visible()
    checked(page, "formulieren-02-editor")

    source = page.get_by_label("JSON Schema van het formulier")
    typed = source.input_value().replace(OLD, NEW, 1)
    source.fill(typed)  # an input event: the preview follows without a click
    expect(preview.get_by_label(NEW)).to_be_visible()
    expect(preview.get_by_label(OLD)).to_have_count(0)
    page.get_by_role("button", name="Formulier opslaan").click()
    expect(page.get_by_text("is opgeslagen bij concept")).to_be_visible()
    expect(page.get_by_text("Gewijzigd in dit concept")).to_be_visible()
    assert NEW in page.get_by_label("JSON Schema van het formulier").input_value()

    page.set_viewport_size({"width": 320, "height": 800})
    broken = typed.replace(f'"title": "{NEW}"', f'"title": "{NEW}",', 1).replace('"spoed": {', '"spoed" {', 1)
    page.get_by_label("JSON Schema van het formulier").fill(broken)
    expect(preview).to_contain_text("Het voorbeeld kan nu niet worden getoond")
    page.get_by_role("button", name="Formulier opslaan").click()
    expect(page.locator("#field-formulier-bron-error")).to_contain_text("Dit is geen geldige JSON: regel")
    expect(page.locator("#field-formulier-bron-error")).to_contain_text("hier hoort een dubbele punt")
    assert page.get_by_label("JSON Schema van het formulier").input_value() == broken
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    checked(page, "formulieren-03-fout-320")
