"""Verzoeken from aanbieders: a Jeugd 315 after a huisarts verwijzing opens a zaak where a consulent
decides (granted: a 301 that echoes the referentie); a 317 refused by the consulent gets a 319."""
from datetime import date, timedelta

import pytest

from app import db
from app.models import Bericht, Person, ProcessingRecord, Toewijzing, Zaak
from app.services import audit
from app.simulator.berichten import Jeugdige, verzoek_om_toewijzing, verzoek_om_wijziging
from app.services.demo_data import WOERDEN
from exchange_flow import aanbieder_client, toewijzing_sent
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from iwmo_messages import validate
from iwmo_messages.report import report

JEUGD_AGB = "41234567"
NEW_BSN = "999900213"  # not yet known to the gemeente (and no one else's test BSN: persons stay between tests)


@pytest.fixture
def consulent(api_as):
    return api_as("consulent")


def _decide(api, zaak_id: int, **gegevens):
    [task] = [t for t in api.get("/api/v1/taken?rol=consulent").json["results"] if t["zaak_id"] == zaak_id]
    assert task["taak"] == "verzoek_beoordelen"
    done = api.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": gegevens})
    assert done.status_code == 200, done.json
    return task


def test_a_huisarts_verwijzing_sent_as_315_opens_a_jeugd_zaak_and_a_granted_one_gets_a_301(app, consulent,
                                                                                              client_as):
    aanbieder = aanbieder_client(app, JEUGD_AGB)
    xml_315 = verzoek_om_toewijzing("ijw", JEUGD_AGB, WOERDEN,
                                    Jeugdige(NEW_BSN, date(2015, 3, 1), "Visser", "Tim"), "45", "45A03",
                                    date.today(), 4, "04", "2", "VOT-REF-1", "V315-1", date.today())
    sent = aanbieder.send(xml_315)
    retour = validate(aanbieder.retour(sent.json["id"]).data)
    assert retour.valid and retour.nummer == "316" and retour.message.header.retour_codes == []
    verzoek = db.session.get(Bericht, sent.json["id"])
    assert verzoek.antwoord_uiterlijk >= date.today() + timedelta(days=5)  # 5 werkdagen for the answer
    zaak = db.session.get(Zaak, verzoek.zaak_id)
    assert zaak.domein == "jeugd" and zaak.kanaal == "aanbieder" and "huisarts" in zaak.omschrijving
    jeugdige = db.session.query(Person).filter_by(bsn=NEW_BSN).one()
    assert jeugdige.achternaam == "Visser" and jeugdige.postcode is None  # a 315 names no address

    # A 301 needs the client's Huis and Postcode (TR006): without them the toewijzing cannot go out, the task
    # stays open, and its page names what is missing and links to where the consulent fills it in.
    [task] = [t for t in consulent.get("/api/v1/taken?rol=consulent").json["results"] if t["zaak_id"] == zaak.id]
    refused = consulent.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": {"verzoek_besluit":
                                                                                          "toekennen"}})
    assert refused.status_code == 422 and "adres" in refused.json["detail"].lower(), refused.json
    web = client_as("consulent")
    page = web.get(f"/werkvoorraad/taken/{task['id']}").get_data(as_text=True)
    form_url = f"/werkvoorraad/zaken/{zaak.id}/persoonsgegevens"
    assert "Van het adres ontbreekt: huisnummer, postcode." in page and form_url in page
    assert form_url in web.get(f"/werkvoorraad/zaken/{zaak.id}").get_data(as_text=True)

    wrong = web.post(form_url, data={"straat": "Kerkstraat", "huisnummer": "3", "huisletter": "a",
                                     "toevoeging": "", "postcode": "344 AB", "woonplaats": "Woerden"})
    assert wrong.status_code == 400 and "Vul een Nederlandse postcode in" in wrong.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Person, jeugdige.id).postcode is None  # nothing half-written
    done = web.post(form_url, data={"straat": "Kerkstraat", "huisnummer": "3", "huisletter": "a",
                                    "toevoeging": "2", "postcode": "3441ab", "woonplaats": "Woerden",
                                    "telefoon": "06-12 34 56 78",
                                    "terug": f"/werkvoorraad/taken/{task['id']}"})
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/werkvoorraad/taken/{task['id']}")
    db.session.expire_all()
    jeugdige = db.session.get(Person, jeugdige.id)
    assert (jeugdige.straat, jeugdige.huisnummer, jeugdige.postcode, jeugdige.telefoon) == \
        ("Kerkstraat", "3a-2", "3441 AB", "0612345678")
    [audited] = audit.records_of(jeugdige)
    assert audited.changes["postcode"] == [None, "3441 AB"] and audited.actor_naam
    assert db.session.query(ProcessingRecord).filter_by(subject_person_id=jeugdige.id, action="wijzigen",
                                                           object_type="persoon").count() == 1

    task = _decide(consulent, zaak.id, verzoek_besluit="toekennen")
    assert date.fromisoformat(task["uiterlijk"][:10]) == verzoek.antwoord_uiterlijk
    [item] = aanbieder.outbox("nieuw")
    xml_301 = aanbieder.download(item["id"]).data
    checked = report(xml_301)
    assert checked.message_type == "JW301" and checked.faults == []  # XSD and every rule of the release
    answer = checked.validation
    [product] = answer.message.client.toegewezen_producten
    assert product.referentie_aanbieder == "VOT-REF-1" and product.product.code == "45A03"
    [contact] = answer.message.client.contactgegevens
    huis = contact.adres.huis
    assert (huis.huisnummer, huis.huisletter, huis.huisnummer_toevoeging, contact.adres.postcode) == \
        (3, "a", "2", "3441AB")
    telefoon = contact.telefoon.telefoon01  # TR006 met twice: Huis and Postcode, and a Telefoon
    assert (telefoon.telefoonnummer, telefoon.landnummer) == ("0612345678", "0031")
    assert db.session.query(Toewijzing).filter_by(zaak_id=zaak.id).one().status == "verzonden"


def test_a_315_with_a_referentie_used_before_is_refused_with_9347(app):
    aanbieder = aanbieder_client(app, JEUGD_AGB)
    make = lambda ident: verzoek_om_toewijzing(  # noqa: E731
        "ijw", JEUGD_AGB, WOERDEN, Jeugdige(NEW_BSN, date(2015, 3, 1), "Visser"), "45", "45A03",
        date.today(), 4, "04", "2", "VOT-REF-2", ident, date.today())
    aanbieder.send(make("V315-A"))
    second = aanbieder.send(make("V315-B"))
    retour = validate(aanbieder.retour(second.json["id"]).data)
    assert retour.message.client.aangevraagde_producten[0].retour_codes == ["9347"]
    assert db.session.query(Bericht).filter_by(nummer="315", status="verwerkt").count() == 2


def test_a_refused_verzoek_om_wijziging_is_answered_with_a_319_and_the_reason(app, consulent, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    sent = aanbieder.send(verzoek_om_wijziging(xml_301, "VOW-REF-1", "V317-1", date.today(),
                                               einddatum=date.today() + timedelta(days=90), volume=5))
    retour = validate(aanbieder.retour(sent.json["id"]).data)
    assert retour.valid and retour.nummer == "318" and retour.message.header.retour_codes == []
    _decide(consulent, zaak_id, verzoek_besluit="afwijzen", verzoek_reden_afwijzing="2")
    [item] = aanbieder.outbox("nieuw")
    answer = validate(aanbieder.download(item["id"]).data)
    assert answer.valid and answer.nummer == "319"
    assert (answer.message.antwoord.referentie_aanbieder, answer.message.antwoord.verzoek_antwoord,
            answer.message.antwoord.reden_afwijzing_verzoek) == ("VOW-REF-1", "1", "2")


def test_a_granted_verzoek_om_wijziging_changes_the_toewijzing_and_sends_a_new_301(app, consulent, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    einde = date.today() + timedelta(days=90)
    volume = db.session.query(Toewijzing).one().volume
    # a new einddatum changes the toewijzing itself (OP380); a new weekly volume is a new toewijzing (OP257,
    # test_exchange_vow_wijziging)
    aanbieder.send(verzoek_om_wijziging(xml_301, "VOW-REF-2", "V317-2", date.today(), einddatum=einde))
    _decide(consulent, zaak_id, verzoek_besluit="toekennen")
    toewijzing = db.session.query(Toewijzing).one()
    assert (toewijzing.einddatum, toewijzing.volume, toewijzing.reden_wijziging) == (einde, volume, "12")
    assert {i["bericht"] for i in aanbieder.outbox("nieuw")} == {"WMO318", "WMO301"}  # the retour, then the answer
    [item] = [i for i in aanbieder.outbox("nieuw") if i["bericht"] == "WMO301"]
    [product] = validate(aanbieder.download(item["id"]).data).message.client.toegewezen_producten
    assert product.einddatum == einde and product.omvang.volume == volume and product.reden_wijziging == "12"


def test_a_jeugd_verzoek_refused_on_the_woonplaatsbeginsel_names_the_responsible_gemeente(app, consulent):
    """OP359: the 319 gives the financieel verantwoordelijke gemeente back (TR377); without it the form says so."""
    aanbieder = aanbieder_client(app, JEUGD_AGB)
    sent = aanbieder.send(verzoek_om_toewijzing("ijw", JEUGD_AGB, WOERDEN,
                                                Jeugdige("999900274", date(2014, 6, 1), "Bakker", "Sem"), "45",
                                                "45A03", date.today(), 4, "04", "2", "VOT-WPB-1", "V315-WPB",
                                                date.today()))
    zaak_id = db.session.get(Bericht, sent.json["id"]).zaak_id
    [task] = [t for t in consulent.get("/api/v1/taken?rol=consulent").json["results"] if t["zaak_id"] == zaak_id]
    url = f"/api/v1/taken/{task['id']}/voltooien"
    refusal = {"verzoek_besluit": "afwijzen", "verzoek_reden_afwijzing": "8"}
    missing = consulent.post(url, json={"gegevens": refusal})
    assert missing.status_code in (400, 422) and "gemeentecode" in str(missing.json), missing.json
    wrong = consulent.post(url, json={"gegevens": {**refusal, "verzoek_woonplaats_gemeente": "344"}})
    assert wrong.status_code in (400, 422) and "vier cijfers" in str(wrong.json), wrong.json
    assert not [i for i in aanbieder.outbox("nieuw") if i["bericht"] == "JW319"]
    done = consulent.post(url, json={"gegevens": {**refusal, "verzoek_woonplaats_gemeente": "0344"}})
    assert done.status_code == 200, done.json
    [item] = [i for i in aanbieder.outbox("nieuw") if i["bericht"] == "JW319"]
    answer = validate(aanbieder.download(item["id"]).data)
    assert answer.valid, answer.issues
    antwoord = answer.message.antwoord
    assert (antwoord.reden_afwijzing_verzoek, antwoord.woonplaatsbeginsel.gemeente) == ("8", "0344")
