"""The procesontwerper in headless Chromium: lands on Procesmodellen, opens Wmo and sees its diagram drawn and
its versions, uploads a file that is not BPMN (refused in Dutch, beside the field), then a changed wmo.bpmn
that becomes a concept — every page without serious or critical axe violations."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from test_case_walkthrough import checked, log_in  # noqa: E402

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def test_a_procesontwerper_sees_the_models_and_uploads_a_concept(live_server, page, tmp_path):
    from playwright.sync_api import expect

    log_in(page, live_server, "procesontwerper")
    page.get_by_role("heading", level=1, name="Procesmodellen").wait_for()
    checked(page, "ontwerpen-01-modellen")

    page.get_by_role("link", name="Wmo 2015 maatwerkvoorziening").click()
    page.get_by_role("heading", level=1, name="Wmo 2015 maatwerkvoorziening").wait_for()
    page.locator(".cumulus-diagram[data-ready='true']").wait_for()
    expect(page.get_by_role("heading", name="Versies")).to_be_visible()
    checked(page, "ontwerpen-02-wmo")

    page.get_by_role("link", name="Procesmodellen").first.click()
    wrong = tmp_path / "brief.txt"
    wrong.write_text("Dit is geen procesmodel.")
    page.get_by_label("BPMN-bestand").set_input_files(str(wrong))
    page.get_by_role("button", name="Uploaden als concept").click()
    expect(page.locator("#field-bestand-error")).to_contain_text("geen BPMN-bestand")
    checked(page, "ontwerpen-03-fout")

    changed = tmp_path / "wmo-aangepast.bpmn"
    changed.write_bytes((ROOT / "bpmn" / "wmo.bpmn").read_bytes() + b"\n<!-- aangepast -->\n")
    page.get_by_label("BPMN-bestand").set_input_files(str(changed))
    page.get_by_role("button", name="Uploaden als concept").click()
    expect(page.get_by_text("staat als concept klaar")).to_be_visible()
    expect(page.locator("#controle-samenvatting")).to_contain_text("De controle vond niets")
    page.locator(".cumulus-diagram[data-ready='true']").wait_for()
    checked(page, "ontwerpen-04-concept")
    page.get_by_role("link", name="Wmo 2015 maatwerkvoorziening").click()
    expect(page.get_by_role("heading", name="Concepten")).to_be_visible()
    expect(page.get_by_role("row", name="wmo-aangepast.bpmn")).to_be_visible()


def test_a_concept_with_a_missing_form_shows_the_finding_and_a_marker(live_server, page, tmp_path):
    """The linter's finding is on the concept page as a list item naming the element and as a marker on the
    element in the diagram; choosing the finding selects the element."""
    from playwright.sync_api import expect

    log_in(page, live_server, "procesontwerper")
    page.get_by_role("heading", level=1, name="Procesmodellen").wait_for()
    broken = tmp_path / "wmo-zonder-formulier.bpmn"
    broken.write_bytes((ROOT / "bpmn" / "wmo.bpmn").read_bytes().replace(
        b'<spiffworkflow:property name="formKey" value="onderzoek_verslag" />', b"", 1))
    page.get_by_label("BPMN-bestand").set_input_files(str(broken))
    page.get_by_role("button", name="Uploaden als concept").click()
    expect(page.locator("#controle-samenvatting")).to_contain_text("1 fout: zolang er een fout is")
    finding = page.locator(".cumulus-lint__item--error")
    expect(finding).to_have_count(1)
    expect(finding).to_contain_text("Onderzoeksverslag opstellen")
    expect(finding).to_contain_text("heeft geen formulier")
    page.locator(".cumulus-diagram[data-ready='true']").wait_for()
    marker = page.locator(".cumulus-diagram .djs-element.cumulus-lint--error[data-element-id='onderzoek_verslag']")
    expect(marker).to_have_count(1)
    finding.get_by_role("button").click()
    expect(page.locator(".cumulus-diagram [data-element-id='onderzoek_verslag'].cumulus-lint--selected")).to_have_count(1)
    checked(page, "ontwerpen-05-bevinding")
