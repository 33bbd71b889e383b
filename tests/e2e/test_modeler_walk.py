"""The modeler in headless Chromium (#10 point 2): the procesontwerper presses "Bewerken" on Wmo, adds a user
task in the consulent lane from the palette, saves and sees the server's marker and finding for its missing
form, chooses a form in the panel (with its preview link), saves, reloads and finds the form kept. The page
passes axe, runs under the strict Content-Security-Policy (the conftest watch) and warns before leaving with
unsaved changes (whose XML can be downloaded first)."""
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from test_case_walkthrough import checked, log_in  # noqa: E402

pytestmark = pytest.mark.browser

LANE_OF = """id => {
  const registry = window.cumulusModeler.get('elementRegistry');
  const lane = registry.filter(e => e.type === 'bpmn:Lane'
    && (e.businessObject.flowNodeRef || []).some(ref => ref.id === id))[0];
  return lane ? lane.businessObject.name : null;
}"""
NEW_USER_TASKS = """known => window.cumulusModeler.get('elementRegistry')
  .filter(e => e.type === 'bpmn:UserTask' && !known.includes(e.id)).map(e => e.id)"""


def _free_spot_in_lane(page, lane_id: str) -> tuple[float, float]:
    """The screen point where a new task (100 × 80) fits in the lane clear of every shape and every flow."""
    return page.evaluate("""laneId => {
      const modeler = window.cumulusModeler;
      const registry = modeler.get('elementRegistry');
      const canvas = modeler.get('canvas');
      const lane = registry.get(laneId);
      const others = registry.filter(e => e.type !== 'bpmn:Lane' && e.type !== 'bpmn:Participant'
                                          && e.type !== 'bpmn:Process' && e.type !== 'bpmn:Collaboration');
      const boxes = [];
      others.forEach(e => {
        if (e.waypoints) {
          e.waypoints.slice(1).forEach((p, i) => { const q = e.waypoints[i];
            boxes.push({ x: Math.min(p.x, q.x), y: Math.min(p.y, q.y), width: Math.abs(p.x - q.x),
                         height: Math.abs(p.y - q.y) }); });
        } else {
          boxes.push(e);
        }
      });
      const fits = (x, y) => boxes.every(b => x + 70 < b.x || x - 70 > b.x + b.width
                                              || y + 55 < b.y || y - 55 > b.y + b.height);
      const vb = canvas.viewbox();
      const rect = canvas.getContainer().getBoundingClientRect();
      const palette = document.querySelector('.djs-palette').getBoundingClientRect();
      for (let x = lane.x + 80; x < lane.x + lane.width - 70; x += 10) {
        for (let y = lane.y + 55; y < lane.y + lane.height - 55; y += 10) {
          const sx = rect.left + (x - vb.x) * vb.scale, sy = rect.top + (y - vb.y) * vb.scale;
          if (fits(x, y) && sx > palette.right + 60) { return [sx, sy]; }
        }
      }
      return null;
    }""", lane_id)


def test_a_procesontwerper_adds_a_user_task_and_gives_it_a_form(live_server, page):
    from playwright.sync_api import expect

    log_in(page, live_server, "procesontwerper")
    page.get_by_role("heading", level=1, name="Procesmodellen").wait_for()
    page.get_by_role("button", name="Bewerken Wmo 2015 maatwerkvoorziening").click()
    page.locator("[data-modeler][data-ready='true']").wait_for()
    expect(page.get_by_role("heading", level=1)).to_contain_text("bewerken")
    checked(page, "modeler-01-geopend")

    known = page.evaluate(NEW_USER_TASKS, [])
    page.locator('.djs-palette [data-action="create.user-task"]').click()
    x, y = _free_spot_in_lane(page, "Lane_consulent")
    page.mouse.move(x, y, steps=4)
    page.mouse.click(x, y)
    page.keyboard.type("Huisbezoek plannen")
    page.locator("#modeler-panel").click(position={"x": 10, "y": 10})  # ends the label editing
    [task_id] = page.evaluate(NEW_USER_TASKS, known)
    assert page.evaluate(LANE_OF, task_id) == "consulent"
    expect(page.locator("[data-modeler]")).to_have_attribute("data-dirty", "true")

    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#modeler-status")).to_contain_text("Opgeslagen om")
    finding = page.locator("#modeler-bevindingen li", has=page.locator(f'[data-element-id="{task_id}"]'))
    expect(finding.first).to_contain_text("formulier")
    expect(page.locator(f'.djs-element.cumulus-lint--error[data-element-id="{task_id}"]')).to_have_count(1)
    checked(page, "modeler-02-fout-op-de-nieuwe-taak")

    finding.first.locator("button").first.click()  # selects the element: the panel shows it
    panel = page.locator("#modeler-panel")
    expect(panel.get_by_label("Formulier", exact=True)).to_be_visible()
    panel.get_by_label("Formulier", exact=True).select_option("onderzoek_gesprek")
    expect(panel.get_by_role("link", name="bekijken")).to_have_attribute(  # the form as this concept has it
        "href", re.compile(r"^/ontwerpen/concepten/\d+/formulieren/onderzoek_gesprek$"))
    panel.get_by_label("Behandelduur (werknorm)").fill("P5D")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#modeler-status")).to_contain_text("Opgeslagen om")
    expect(page.locator("#modeler-bevindingen")).not_to_contain_text("heeft geen formulier")
    # what is left is that nothing leads to it yet: the server says so, by element
    expect(finding.first).to_contain_text("niet te bereiken")
    checked(page, "modeler-03-formulier-gekozen")

    page.reload()
    page.locator("[data-modeler][data-ready='true']").wait_for()
    page.evaluate("""id => { const m = window.cumulusModeler;
                           m.get('selection').select(m.get('elementRegistry').get(id)); }""", task_id)
    expect(panel.get_by_label("Formulier", exact=True)).to_have_value("onderzoek_gesprek")
    expect(panel.get_by_label("Behandelduur (werknorm)")).to_have_value("P5D")
    assert page.evaluate(LANE_OF, task_id) == "consulent"

    # what the panel wrote is what the engine reads (bpmn/README.md §3): once the task is on a path, the engine's
    # spec of it has the lane and the spiffworkflow properties
    page.evaluate("""id => { const m = window.cumulusModeler, r = m.get('elementRegistry');
      const flow = m.get('modeling').connect(r.get('gw_vervolg'), r.get(id));
      m.get('modeling').connect(r.get(id), r.get('end_algemene_voorziening'));
      m.get('selection').select(flow); }""", task_id)
    panel.get_by_label("Voorwaarde", exact=True).fill("vervolg == 'huisbezoek'")
    page.wait_for_timeout(400)  # the panel's debounce
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#modeler-status")).to_contain_text("Opgeslagen om")
    expect(page.locator("#modeler-bevindingen")).not_to_contain_text("niet te bereiken")
    xml = page.request.get(live_server + page.locator("[data-modeler]").get_attribute("data-xml-url")).body()
    spec = _user_task_spec(xml, task_id)
    assert spec.lane == "consulent" and spec.bpmn_name == "Huisbezoek plannen"
    assert spec.extensions["properties"] == {"formKey": "onderzoek_gesprek", "due": "P5D"}


def _user_task_spec(xml: bytes, task_id: str):
    """The engine's spec of `task_id`, parsed as a deploy parses (the lanes, extensions and all)."""
    from app.engine import parse_model
    from app.services.deployment import decisions_in

    shipped = Path(__file__).resolve().parents[2] / "bpmn"
    return parse_model(xml, decisions_in(shipped)).spec.task_specs[task_id]


def test_the_palette_offers_only_what_the_engine_runs_and_leaving_unsaved_warns(live_server, page):
    from playwright.sync_api import expect

    log_in(page, live_server, "procesontwerper")
    page.get_by_role("button", name="Bewerken Wmo 2015 maatwerkvoorziening").click()
    page.locator("[data-modeler][data-ready='true']").wait_for()
    actions = page.locator(".djs-palette [data-action]").evaluate_all("nodes => nodes.map(n => n.dataset.action)")
    assert {"create.user-task", "create.service-task", "create.exclusive-gateway", "create.start-event"} <= set(actions)
    assert not {"create.task", "create.data-object", "create.data-store", "create.group",
                "create.participant-expanded", "create.subprocess-expanded"} & set(actions)
    # the replace menu of a user task offers no script, manual or call activity
    page.evaluate("""() => { const m = window.cumulusModeler;
      const task = m.get('elementRegistry').get('triage');
      m.get('popupMenu').open(task, 'bpmn-replace', { x: 100, y: 100 }); }""")
    menu = page.locator(".djs-popup")
    expect(menu.locator('[data-id="replace-with-service-task"]')).to_have_count(1)
    expect(menu.locator('[data-id="replace-with-script-task"]')).to_have_count(0)
    expect(menu.locator('[data-id="replace-with-call-activity"]')).to_have_count(0)
    page.keyboard.press("Escape")

    page.evaluate("""() => { const m = window.cumulusModeler;
      m.get('modeling').updateLabel(m.get('elementRegistry').get('triage'), 'Triage (gewijzigd)'); }""")
    with page.expect_download() as download:  # the unsaved work can be kept as a file
        page.get_by_role("button", name="Mijn versie downloaden").click()
    assert 'name="Triage (gewijzigd)"' in Path(download.value.path()).read_text(encoding="utf-8")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Terug naar het concept").click()
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
    expect(page.locator("[data-modeler]")).to_be_visible()  # still here, nothing lost

    page.set_viewport_size({"width": 320, "height": 800})  # WCAG 1.4.10: the diagram and panel stack
    page.wait_for_timeout(200)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320


def test_a_message_is_chosen_from_what_the_platform_delivers(live_server, page):
    from playwright.sync_api import expect

    log_in(page, live_server, "procesontwerper")
    page.get_by_role("button", name="Bewerken Toewijzing").click()
    page.locator("[data-modeler][data-ready='true']").wait_for()
    page.evaluate("""() => { const m = window.cumulusModeler;
      m.get('selection').select(m.get('elementRegistry').get('wacht_op_302')); }""")
    choice = page.locator("#modeler-panel").get_by_label("Bericht van het platform")
    expect(choice).to_have_value("retour_toewijzing")
    options = choice.locator("option").evaluate_all("nodes => nodes.map(n => n.value)")
    assert options == ["", "aanvraag_ingediend", "retour_toewijzing"]  # the 302, and the inwoner's aanvraag (wmo.bpmn)
    # a message the platform does not deliver is shown as such; choosing the platform's reuses its bpmn:message
    page.evaluate("""() => { const m = window.cumulusModeler, r = m.get('elementRegistry');
      const task = r.get('wacht_op_302');
      const own = m.get('moddle').create('bpmn:Message', { id: 'Message_eigen', name: 'eigen' });
      m.get('modeling').updateModdleProperties(task, task.businessObject, { messageRef: own });
      m.get('selection').select(null); m.get('selection').select(task); }""")
    expect(choice).to_have_value("eigen")
    expect(choice.locator("option:checked")).to_have_text("eigen (levert het platform niet)")
    choice.select_option("retour_toewijzing")
    assert page.evaluate("""() => window.cumulusModeler.get('elementRegistry').get('wacht_op_302')
      .businessObject.messageRef.id""") == "msg_retour_toewijzing"
