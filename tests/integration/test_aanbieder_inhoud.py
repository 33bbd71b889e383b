"""What the aanbieder's pages say about a bericht: the 301 with its client, product, omvang, period and the
toewijzing's state (linked from the toewijzingen); the 323 and its 325 line by line with amounts and Dutch
retourcodes; and one clear result after an upload."""
import io
import re
from datetime import date

import pytest

from app import db
from app.models import Bericht, ProcessingRecord, Toewijzing
from app.simulator.berichten import answer_301, declaratie, leveringen, not_xsd_valid, start_zorg
from exchange_flow import AANBIEDER, beschikking, first_of_last_month
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture


@pytest.fixture
def xml_301(api_as, person):
    beschikking(api_as("consulent"), person.bsn)
    return db.session.query(Bericht).filter_by(richting="uit", nummer="301").one().inhoud


def upload(web, xml: bytes) -> str:
    sent = web.post("/aanbieder/versturen", content_type="multipart/form-data",
                    data={"bestand": (io.BytesIO(xml), "bericht.xml")})
    assert sent.status_code == 302
    return web.get(sent.headers["Location"]).get_data(as_text=True)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_301_page_names_client_product_omvang_period_and_state_and_the_list_links_to_it(client_as, xml_301,
                                                                                           person):
    web = client_as("aanbieder")
    toewijzing = db.session.query(Toewijzing).one()
    listing = web.get("/aanbieder/toewijzingen").get_data(as_text=True)
    assert f'href="/aanbieder/berichten/{toewijzing.bericht_id}"' in listing
    page = text_of(web.get(f"/aanbieder/berichten/{toewijzing.bericht_id}").get_data(as_text=True))
    assert person.achternaam in page and f"BSN {person.bsn}" in page
    assert f"{toewijzing.toewijzingnummer} 01A03 — " in page
    assert f"{toewijzing.volume} uur per week" in page
    assert "Wacht op uw retour (302)" in page
    assert db.session.query(ProcessingRecord).filter_by(object_type="bericht", object_id=str(toewijzing.bericht_id),
                                                        action="raadplegen").count() == 1

    upload(web, answer_301(xml_301, "R302-P", date.today()))
    page = text_of(web.get(f"/aanbieder/berichten/{toewijzing.bericht_id}").get_data(as_text=True))
    assert "Door u geaccepteerd, zorg nog niet gestart" in page


def test_a_rejected_line_shows_its_amount_and_dutch_retourcode_on_the_323_and_the_325(client_as, xml_301):
    web = client_as("aanbieder")
    upload(web, answer_301(xml_301, "R302-D", date.today()))
    [levering] = leveringen(xml_301)
    page = text_of(upload(web, declaratie(AANBIEDER["wmo"], [(levering, 10, 4000)], first_of_last_month(), "DN9",
                                          "D323-9", date.today())))
    assert "Afgekeurd: de gemeente keurde de declaratie af." in page
    assert "€ 400,00" in page and "€ 40,00" in page
    assert "0611: Het tarief komt niet overeen met het tarief uit het contract" in page
    assert "Geen opmerkingen" not in page and "Verwerkt: de gemeente" not in page
    retour = db.session.query(Bericht).filter_by(richting="uit", nummer="325").one()
    answer = text_of(web.get(f"/aanbieder/berichten/{retour.id}").get_data(as_text=True))
    assert "0611: Het tarief komt niet overeen" in answer and "€ 400,00" in answer
    assert "Geen opmerkingen" not in answer
    assert "0 van de 1 regel goedgekeurd, 1 afgekeurd; toegekend € 0,00 van € 400,00." in answer


def test_an_upload_has_one_result_sound_or_refused(client_as, xml_301):
    web = client_as("aanbieder")
    page = text_of(upload(web, start_zorg(xml_301, "S305-U", first_of_last_month())))
    assert "Verwerkt: de gemeente heeft het bericht zonder opmerkingen aangenomen." in page
    assert "afgekeurd" not in page.lower().replace("afgekeurd (niet verwerkt)", "")

    again = text_of(upload(web, start_zorg(xml_301, "S305-V", first_of_last_month())))
    assert "Verwerkt, maar de gemeente keurde (een deel) af." in again
    assert "9326: Er loopt al een start voor deze toewijzing (TR326)." in again
    assert "zonder opmerkingen" not in again

    page = text_of(upload(web, not_xsd_valid(start_zorg(xml_301, "S305-W", first_of_last_month()))))
    assert "Afgekeurd: het bericht is niet verwerkt." in page and "XSD-schema" in page
    assert "Verwerkt" not in page and "wordt verwerkt" not in page
