"""An aanbieder without software of its own answers a toewijzing (302), starts and stops the care (305/307) and
declares (323) with forms that build the message: errors beside the field with what was typed kept, nothing
stored for a form with errors, and a sound message received like an upload (stored raw, then handled)."""
import html
import re
from datetime import date, timedelta

import pytest

from app import db
from app.models import Bericht, Declaratie, Toewijzing
from exchange_flow import beschikking, first_of_last_month
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture


@pytest.fixture
def web(client_as, api_as, person):
    beschikking(api_as("consulent"), person.bsn)
    return client_as("aanbieder")


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def inbound() -> list[Bericht]:
    return db.session.query(Bericht).filter_by(richting="in").order_by(Bericht.id).all()


def test_the_retour_form_answers_the_301_and_keeps_what_was_chosen_on_an_error(web):
    toewijzing = db.session.query(Toewijzing).one()
    url = f"/aanbieder/toewijzingen/{toewijzing.id}/retour"
    form = web.get(url).get_data(as_text=True)
    assert "Wat doet u met toewijzing" in form and 'value="accepteren" checked' in form

    refused = web.post(url, data={f"besluit_{toewijzing.toewijzingnummer}": "afwijzen"})
    assert refused.status_code == 400 and inbound() == []
    page = refused.get_data(as_text=True)
    assert f"Kies bij toewijzing {toewijzing.toewijzingnummer} de reden waarom u hem afwijst." in page
    assert 'value="afwijzen" checked' in page

    sent = web.post(url, data={f"besluit_{toewijzing.toewijzingnummer}": "accepteren"})
    assert sent.status_code == 302
    [stored] = inbound()
    assert stored.nummer == "302" and stored.kanaal == "web" and stored.status == "verwerkt"
    assert sent.headers["Location"].endswith(f"/aanbieder/berichten/{stored.id}")
    assert "zonder opmerkingen aangenomen" in text_of(web.get(sent.headers["Location"]).get_data(as_text=True))
    db.session.refresh(toewijzing)
    assert toewijzing.status == "geaccepteerd"


def test_a_refusal_with_a_reason_refuses_the_toewijzing(web):
    toewijzing = db.session.query(Toewijzing).one()
    n = toewijzing.toewijzingnummer
    sent = web.post(f"/aanbieder/toewijzingen/{toewijzing.id}/retour",
                    data={f"besluit_{n}": "afwijzen", f"reden_{n}": "S329"})
    assert sent.status_code == 302
    db.session.refresh(toewijzing)
    assert toewijzing.status == "afgewezen" and toewijzing.retourcodes == "S329"


def test_start_and_stop_forms_check_their_dates_and_send_305_and_307(web):
    toewijzing = db.session.query(Toewijzing).one()
    start = f"/aanbieder/toewijzingen/{toewijzing.id}/start"
    early = (toewijzing.ingangsdatum - timedelta(days=3)).isoformat()
    wrong = web.post(start, data={"begindatum": early})
    assert wrong.status_code == 400 and inbound() == []
    page = wrong.get_data(as_text=True)
    assert 'id="field-begindatum-error"' in page and "vóór de ingangsdatum van de toewijzing" in page
    assert f'value="{early}"' in page

    assert web.post(start, data={"begindatum": first_of_last_month().isoformat()}).status_code == 302
    db.session.refresh(toewijzing)
    assert toewijzing.status == "gestart" and toewijzing.start_zorg == first_of_last_month()
    assert [b.nummer for b in inbound()] == ["305"]

    stop = f"/aanbieder/toewijzingen/{toewijzing.id}/stop"
    form = web.get(stop).get_data(as_text=True)
    assert "Volgens plan beëindigd" in form
    missing = web.post(stop, data={"einddatum": date.today().isoformat()})
    assert missing.status_code == 400 and "Kies de reden waarom de zorg stopt." in missing.get_data(as_text=True)
    assert web.post(stop, data={"einddatum": date.today().isoformat(), "reden": "19"}).status_code == 302
    db.session.refresh(toewijzing)
    assert toewijzing.status == "gestopt" and toewijzing.stop_zorg == date.today()
    assert toewijzing.reden_beeindiging == "19"


def test_the_declaratie_form_keeps_what_was_typed_and_sends_a_323_that_is_judged(web):
    toewijzing = db.session.query(Toewijzing).one()
    url = f"/aanbieder/toewijzingen/{toewijzing.id}/declareren"
    form = web.get(url).get_data(as_text=True)
    assert f'value="{first_of_last_month():%Y-%m}"' in form and 'value="32,50"' in form

    wrong = web.post(url, data={"maand": f"{first_of_last_month():%Y-%m}", "declaratienummer": "DN 1",
                                "volume": "tien", "tarief": "32,50"})
    assert wrong.status_code == 400 and inbound() == []
    page = wrong.get_data(as_text=True)
    assert 'value="tien"' in page
    page = text_of(page)
    assert "Vul bij 'Geleverd volume' een heel getal groter dan 0 in" in page
    assert "Vul bij 'Declaratienummer' uw eigen nummer" in page

    sent = web.post(url, data={"maand": f"{first_of_last_month():%Y-%m}", "declaratienummer": "DNF1",
                               "volume": "10", "tarief": "32,50"})
    assert sent.status_code == 302
    [stored] = inbound()
    assert stored.nummer == "323" and stored.kanaal == "web"
    declaratie = db.session.query(Declaratie).one()
    assert declaratie.declaratienummer == "DNF1" and declaratie.totaal_toegekend_cent == 10 * 3250
    page = text_of(web.get(sent.headers["Location"]).get_data(as_text=True))
    assert "Verwerkt en goedgekeurd." in page and "€ 325,00" in page


def test_another_aanbieders_toewijzing_has_no_form(client_as, api_as, person):
    beschikking(api_as("consulent"), person.bsn, "jeugd")  # toegewezen aan aanbieder 41234567
    toewijzing = db.session.query(Toewijzing).one()
    web = client_as("aanbieder")  # aanbieder 42420001
    for soort in ("retour", "start", "stop", "declareren"):
        response = web.post(f"/aanbieder/toewijzingen/{toewijzing.id}/{soort}", data={"begindatum": "2026-01-01"})
        assert response.status_code == 403
    assert inbound() == []


def test_a_value_the_standard_does_not_allow_is_named_beside_its_field_and_nothing_is_stored(web):
    toewijzing = db.session.query(Toewijzing).one()
    web.post(f"/aanbieder/toewijzingen/{toewijzing.id}/start", data={"begindatum": first_of_last_month().isoformat()})
    before = len(inbound())
    too_much = web.post(f"/aanbieder/toewijzingen/{toewijzing.id}/declareren", data={
        "maand": f"{first_of_last_month():%Y-%m}", "declaratienummer": "DNX1", "volume": "10000", "tarief": "50000"})
    assert too_much.status_code == 400 and len(inbound()) == before
    page = too_much.get_data(as_text=True)
    assert 'id="field-volume-error"' in page and "past niet in een iWmo- of iJw-bericht" in page
    assert 'value="10000"' in page and 'value="50000"' in page


def test_a_maanddeclaratie_declares_several_toewijzingen_in_one_323(client_as, api_as, person):
    from app.models import Person
    other = db.session.query(Person).filter(Person.id != person.id, Person.gemeente_id == person.gemeente_id).first()
    for who in (person, other):
        beschikking(api_as("consulent"), who.bsn)
    web = client_as("aanbieder")
    toewijzingen = db.session.query(Toewijzing).order_by(Toewijzing.id).all()
    for t in toewijzingen:
        web.post(f"/aanbieder/toewijzingen/{t.id}/retour", data={f"besluit_{t.toewijzingnummer}": "accepteren"})
    form = text_of(web.get("/aanbieder/declareren").get_data(as_text=True))
    assert other.achternaam in form and person.achternaam in form
    month = f"{first_of_last_month():%Y-%m}"
    first, second = toewijzingen

    empty = web.post("/aanbieder/declareren", data={"maand": month, "declaratienummer": "MD1"})
    assert empty.status_code == 400 and "Vul bij ten minste één toewijzing in" in text_of(empty.get_data(as_text=True))
    wrong = web.post("/aanbieder/declareren", data={"maand": month, "declaratienummer": "MD1",
                                                     f"volume_{first.id}": "8", f"tarief_{first.id}": "32,50",
                                                     f"volume_{second.id}": "acht", f"tarief_{second.id}": "32,50"})
    assert wrong.status_code == 400 and f'id="field-volume_{second.id}-error"' in wrong.get_data(as_text=True)
    assert 'value="acht"' in wrong.get_data(as_text=True) and 'value="8"' in wrong.get_data(as_text=True)
    assert [b.nummer for b in inbound()] == ["302", "302"]

    sent = web.post("/aanbieder/declareren", data={"maand": month, "declaratienummer": "MD1",
                                                    f"volume_{first.id}": "8", f"tarief_{first.id}": "32,50",
                                                    f"volume_{second.id}": "6", f"tarief_{second.id}": "32,50"})
    assert sent.status_code == 302
    declaratie = db.session.query(Declaratie).one()
    assert sorted((p.toewijzing_nummer, p.volume) for p in declaratie.prestaties) == [
        (first.toewijzingnummer, 8), (second.toewijzingnummer, 6)]
    assert declaratie.totaal_toegekend_cent == 14 * 3250
    assert "2 van de 2 regels goedgekeurd" in text_of(web.get(sent.headers["Location"]).get_data(as_text=True))
