"""An aanbieder reads every fault of what it sent: code, retourcode, niveau, the XPath of the element in
its own message, the line and a Dutch text — on the API and on its bericht page."""
import pytest
from lxml import etree

from app import db
from app.models import Toewijzing
from app.simulator.berichten import start_zorg
from exchange_flow import first_of_last_month, toewijzing_sent
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture


@pytest.fixture
def consulent(api_as):
    return api_as("consulent")


def _bevindingen(aanbieder, bericht_id):
    return aanbieder.client.get(f"/api/v1/aanbieder/berichten/{bericht_id}/bevindingen", headers=aanbieder.headers)


def _select(xml: bytes, xpath: str):
    ns = {"wmo305": "http://www.istandaarden.nl/iwmo/3_2/wmo305/schema",
          "iwmo": "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"}
    return etree.fromstring(xml).xpath(xpath, namespaces=ns)


def test_a_cross_message_fault_is_named_with_its_rule_and_the_element_in_the_aanbieders_message(
        app, consulent, person):
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    nummer = db.session.query(Toewijzing).one().toewijzingnummer
    wrong = start_zorg(xml_301, "S305-B1", first_of_last_month()).replace(
        f"ToewijzingNummer>{nummer}<".encode(), b"ToewijzingNummer>4242<")
    sent = aanbieder.send(wrong)
    answer = _bevindingen(aanbieder, sent.json["id"])
    assert answer.status_code == 200
    [fault] = answer.json["bevindingen"]
    assert (fault["code"], fault["retourcode"], fault["niveau"]) == ("TR019", "9019", 3)
    assert fault["melding"].startswith("Er is geen toewijzing met dit toewijzingnummer")
    (element,) = _select(wrong, fault["xpath"])
    assert etree.QName(element).localname == "StartProduct" and element.sourceline == fault["regel"]


def test_an_in_message_fault_gets_the_xpath_of_the_element_and_a_dutch_text(app, consulent, person):
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    wrong = start_zorg(xml_301, "S305-B2", first_of_last_month()).replace(
        b"StatusAanlevering>1<", b"StatusAanlevering>2<")
    sent = aanbieder.send(wrong)
    [fault] = [f for f in _bevindingen(aanbieder, sent.json["id"]).json["bevindingen"] if f["niveau"] == 2]
    assert (fault["code"], fault["retourcode"]) == ("CS058", "0001")
    assert "niet toegestaan" in fault["melding"]
    (element,) = _select(wrong, fault["xpath"])
    assert element.text == "2"


def test_a_clean_message_has_no_bevindingen_and_a_gemeente_message_has_none_to_show(app, consulent, person):
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    good = aanbieder.send(start_zorg(xml_301, "S305-B3", first_of_last_month()))
    assert _bevindingen(aanbieder, good.json["id"]).json["bevindingen"] == []
    [outbox] = aanbieder.outbox(None)[-1:]
    assert _bevindingen(aanbieder, outbox["id"]).status_code == 404


def test_the_bericht_page_lists_each_fault_with_its_code_element_and_text(app, consulent, person, client_as):
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    wrong = start_zorg(xml_301, "S305-B4", first_of_last_month()).replace(
        b"StatusAanlevering>1<", b"StatusAanlevering>2<")
    sent = aanbieder.send(wrong)
    page = client_as("aanbieder").get(f"/aanbieder/berichten/{sent.json['id']}").get_data(as_text=True)
    assert "Bevindingen" in page and "CS058" in page and "niet toegestaan; gebruik 1 of 3" in page
    assert "/wmo305:Bericht/wmo305:Client/wmo305:StartProducten/wmo305:StartProduct/wmo305:StatusAanlevering" in page


def test_the_codes_of_an_official_325_are_placed_on_the_prestaties_of_its_323():
    """The 325 returns only rejected prestaties; each is found in the 323 by its ReferentieNummer."""
    from pathlib import Path

    from app.services.exchange.bevindingen import faults_of
    data = Path(__file__).parents[1] / "unit" / "iwmo_messages" / "data" / "iwmo"
    heen = (data / "WMO323.xml").read_bytes()
    faults = faults_of(heen, (data / "WMO325.xml").read_bytes())
    assert [(f["code"], f["retourcode"]) for f in faults] == [
        ("TR418", "0611"), ("TR339", "9339"), ("TR340", "9340"), ("TR341", "9341"), ("TR307", "9307")]
    ns = {"wmo323": "http://www.istandaarden.nl/iwmo/3_2/wmo323/schema",
          "iwmo": "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"}
    (prestatie,) = etree.fromstring(heen).xpath(faults[-1]["xpath"], namespaces=ns)
    assert prestatie.findtext(".//{*}ReferentieNummer") == etree.fromstring(
        (data / "WMO325.xml").read_bytes()).xpath("(//*[local-name()='Prestatie'])[last()]//*[local-name()="
                                                  "'ReferentieNummer']")[0].text
