"""The whole chain with an aanbieder on the API, for Wmo and for Jeugd: beschikking → 301 in the
outbox → 302 → 305 (answered 306) → 323 (answered 325) → the payment batch's SEPA file."""
from datetime import date

import pytest
from lxml import etree

from app import db
from app.domain.sepa import NAMESPACE, validate_pain001
from app.models import Bericht, ProcessInstance, Toewijzing, Zaak
from app.services.betaalbatches import close_betaalbatch
from app.simulator.berichten import answer_301, declaratie, leveringen, start_zorg
from exchange_flow import AANBIEDER, aanbieder_client, beschikking, first_of_last_month
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from iwmo_messages import validate

TARIEF = {"wmo": 3250, "jeugd": 8800}  # the contract tarief of 01A03 and 45A03, in cents


@pytest.fixture
def consulent(api_as):
    return api_as("consulent")


@pytest.mark.parametrize("domein", ["wmo", "jeugd"])
def test_a_beschikking_in_natura_runs_through_the_aanbieder_to_a_paid_declaratie(app, consulent, person, domein):
    zaak_id = beschikking(consulent, person.bsn, domein)
    aanbieder = aanbieder_client(app, AANBIEDER[domein])

    [item] = aanbieder.outbox("nieuw")
    assert item["bericht"] == ("WMO301" if domein == "wmo" else "JW301")
    xml_301 = aanbieder.download(item["id"]).data
    assert validate(xml_301).valid
    assert aanbieder.outbox("nieuw") == [] and aanbieder.outbox("opgehaald")[0]["id"] == item["id"]
    [levering] = leveringen(xml_301)
    assert levering.bsn == person.bsn and levering.ingangsdatum == first_of_last_month()

    sent = aanbieder.send(answer_301(xml_301, "R302-1", date.today()))
    assert sent.status_code == 202 and sent.headers["Location"].endswith(f"/{sent.json['id']}")
    assert aanbieder.retour(sent.json["id"]).status_code == 404  # a 302 is itself the retour
    toewijzing = db.session.query(Toewijzing).one()
    assert toewijzing.status == "geaccepteerd"
    assert db.session.get(Bericht, item["id"]).status == "beantwoord"
    waiting = db.session.query(ProcessInstance).filter_by(zaak_id=zaak_id).all()
    assert all(i.status == "completed" for i in waiting)

    sent = aanbieder.send(start_zorg(xml_301, "S305-1", first_of_last_month()))
    retour = validate(aanbieder.retour(sent.json["id"]).data)
    assert retour.valid and retour.nummer == "306" and retour.message.header.retour_codes == []
    db.session.refresh(toewijzing)
    assert toewijzing.status == "gestart" and toewijzing.start_zorg == first_of_last_month()
    assert "Zorg gestart" in " ".join(e.summary for e in db.session.get(Zaak, zaak_id).events)

    xml_323 = declaratie(AANBIEDER[domein], [(levering, 10, TARIEF[domein])], first_of_last_month(), "DN1", "D323-1",
                         date.today())
    sent = aanbieder.send(xml_323)
    antwoord = validate(aanbieder.retour(sent.json["id"]).data)
    assert antwoord.valid and antwoord.nummer == "325"
    assert antwoord.message.declaratie_antwoord.retour_codes == ["8001"]
    assert antwoord.message.declaratie_antwoord.totaal_toegekend_bedrag.totaal_bedrag == 10 * TARIEF[domein]
    assert db.session.get(Bericht, sent.json["id"]).antwoord_uiterlijk > date.today()

    batch = close_betaalbatch(uitvoerdatum=date.today())
    assert batch.totaal_cent == 10 * TARIEF[domein]
    assert validate_pain001(batch.pain001_xml.encode()) == []
    total = etree.fromstring(batch.pain001_xml.encode()).findtext(f".//{{{NAMESPACE}}}CtrlSum")
    assert total == f"{10 * TARIEF[domein] / 100:.2f}"


def test_a_declaratie_line_above_the_threshold_waits_for_the_backoffice_before_the_325(
        app, consulent, api_as, person, monkeypatch):
    monkeypatch.setitem(app.config, "DECLARATIE_HANDMATIG_VANAF", 10_000)  # lines of € 100 and more
    zaak_id = beschikking(consulent, person.bsn)
    aanbieder = aanbieder_client(app, AANBIEDER["wmo"])
    xml_301 = aanbieder.download(aanbieder.outbox("nieuw")[0]["id"]).data
    [levering] = leveringen(xml_301)
    aanbieder.send(answer_301(xml_301, "R302-1", date.today()))
    sent = aanbieder.send(declaratie(AANBIEDER["wmo"], [(levering, 10, TARIEF["wmo"])], first_of_last_month(), "DN2",
                                     "D323-2", date.today()))
    waiting = aanbieder.retour(sent.json["id"])
    assert waiting.status_code == 404 and "wordt beoordeeld" in waiting.json["detail"]

    backoffice = api_as("backoffice")
    [task] = [t for t in backoffice.get("/api/v1/taken?rol=backoffice").json["results"] if t["zaak_id"] == zaak_id]
    assert task["taak"] == "declaratie_beoordelen"
    done = backoffice.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": {
        "beoordeling": "afkeuren", "afkeur_retourcode": "9321", "beoordeling_toelichting": "Meer dan afgesproken."}})
    assert done.status_code == 200, done.json
    antwoord = validate(aanbieder.retour(sent.json["id"]).data)
    assert antwoord.valid and antwoord.message.declaratie_antwoord.totaal_toegekend_bedrag.totaal_bedrag == 0
    [client] = antwoord.message.declaratie_antwoord.clienten
    assert client.prestaties[0].retour_codes == ["9321"]
