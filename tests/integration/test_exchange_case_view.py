"""Staff see the messages exchanged with the aanbieder beside the case: on the case page and on a task."""
from datetime import date

from app import db
from app.models import HumanTask
from app.simulator.berichten import answer_301
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from exchange_flow import toewijzing_sent


def test_the_case_page_lists_the_toewijzing_and_the_aanbieders_answer(app, api_as, client_as, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, api_as("consulent"), person)
    page = client_as("consulent").get(f"/werkvoorraad/zaken/{zaak_id}").get_data(as_text=True)
    assert "Berichten met de aanbieder" in page
    assert "Aan aanbieder: Toewijzing (WMO301)" in page and "Opgehaald" in page
    assert "Van aanbieder" not in page

    assert aanbieder.send(answer_301(xml_301, "R302CASEVW1", date.today())).status_code == 202
    page = client_as("consulent").get(f"/werkvoorraad/zaken/{zaak_id}").get_data(as_text=True)
    assert "Van aanbieder: Retour toewijzing (WMO302)" in page and "Verwerkt" in page


def test_the_backoffice_task_for_a_refused_toewijzing_shows_the_messages_beside_it(app, api_as, client_as, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, api_as("consulent"), person)
    assert aanbieder.send(answer_301(xml_301, "R302CASEVW2", date.today(), refuse=True)).status_code == 202
    task = db.session.query(HumanTask).filter_by(zaak_id=zaak_id, status="open", lane="backoffice").one()
    page = client_as("backoffice").get(f"/werkvoorraad/taken/{task.id}").get_data(as_text=True)
    assert "Aan aanbieder: Toewijzing (WMO301)" in page
    assert "Van aanbieder: Retour toewijzing (WMO302)" in page and "retourcodes" in page
