"""A 323 from an aanbieder is checked, stored and answered with a valid 325; approved amounts go
into the open payment batch, whose SEPA file is XSD-valid with the right totals."""
from datetime import date
from decimal import Decimal

import pytest
from lxml import etree
from sqlalchemy import select

from app import db
from app.domain.declaratie_check import Toewijzingsfeiten
from app.domain.sepa import NAMESPACE, validate_pain001
from app.models import Aanbieder, Betaalbatch, Declaratie, Prestatie
from app.services.betaalbatches import close_betaalbatch
from app.services.declaraties import handle_declaratie
from app.services.demo_data import WOERDEN
from app.services.gemeenten import by_code
from app.services.errors import InvalidInput
from app.services.uow import unit_of_work
from app.simulator.berichten import Levering, declaratie
from iwmo_messages import parse, validate

APRIL = date(2026, 4, 1)
TODAY = date(2026, 5, 6)


def _levering(nummer, bsn="999900006", volume=10):
    return Levering("iwmo", "0632", bsn, nummer, "01", "01A03", date(2026, 1, 1), date(2026, 12, 31),
                    "04", volume, "4", None)


def _feiten(*leveringen, tarief=3250):
    from iwmo_messages import ToewijzingInfo
    return {lev.toewijzing_nummer: Toewijzingsfeiten(ToewijzingInfo(
        lev.toewijzing_nummer, lev.bsn, lev.categorie, lev.code, lev.ingangsdatum, lev.einddatum, lev.eenheid,
        lev.volume, lev.frequentie), tarief, None, None) for lev in leveringen}


def _receive(xml, feiten, agb="42420001"):
    with unit_of_work() as session:
        aanbieder = session.scalar(select(Aanbieder).where(Aanbieder.agb_code == agb))
        uitkomst = handle_declaratie(session, parse(xml), aanbieder, feiten, today=TODAY,
                                     gemeente_id=by_code(session, WOERDEN).id)
        return uitkomst.declaratie.id, uitkomst.antwoord_xml


def test_an_approved_declaratie_is_answered_with_8001_and_paid_in_the_batch_file():
    a, b = _levering(1001), _levering(1002, bsn="999900018")
    xml = declaratie("42420001", [(a, 8, 3250), (b, 4, 3250)], APRIL, "DN1", "I1", TODAY)
    declaratie_id, antwoord = _receive(xml, _feiten(a, b))
    answer = validate(antwoord)
    assert answer.valid and answer.nummer == "325"
    assert answer.message.declaratie_antwoord.retour_codes == ["8001"]
    assert answer.message.declaratie_antwoord.totaal_toegekend_bedrag.totaal_bedrag == 12 * 3250
    stored = db.session.get(Declaratie, declaratie_id)
    assert stored.status == "beantwoord" and stored.totaal_toegekend_cent == 39000
    assert stored.antwoord_uiterlijk == date(2026, 5, 21)  # 10 werkdagen; Hemelvaartsdag 14 mei does not count
    assert [p.status for p in stored.prestaties] == ["goedgekeurd", "goedgekeurd"]

    batch = close_betaalbatch(uitvoerdatum=date(2026, 5, 12))
    assert batch.status == "gesloten" and batch.totaal_cent == 39000
    assert validate_pain001(batch.pain001_xml.encode()) == []
    doc = etree.fromstring(batch.pain001_xml.encode())
    ns = {"p": NAMESPACE}
    assert Decimal(doc.findtext(".//p:GrpHdr/p:CtrlSum", namespaces=ns)) == Decimal("390.00")
    assert doc.findtext(".//p:CdtrAcct/p:Id/p:IBAN", namespaces=ns) == "NL20INGB0001234567"
    assert close_betaalbatch() is None  # nothing open any more


def test_a_rejected_line_comes_back_with_its_retourcode_and_is_not_paid():
    a, b = _levering(1001), _levering(1002)
    xml = declaratie("42420001", [(a, 8, 3250), (b, 4, 9999)], APRIL, "DN2", "I2", TODAY)
    declaratie_id, antwoord = _receive(xml, _feiten(a, b))
    antwoord_msg = validate(antwoord).message.declaratie_antwoord
    rejected = [p for c in antwoord_msg.clienten for p in c.prestaties]
    assert [(p.toewijzing_nummer, p.retour_codes) for p in rejected] == [(1002, ["0611"])]
    stored = db.session.get(Declaratie, declaratie_id)
    assert [(p.status, p.retourcodes) for p in stored.prestaties] == [("goedgekeurd", None), ("afgekeurd", "0611")]
    batch = db.session.scalar(select(Betaalbatch).where(Betaalbatch.status == "open"))
    assert batch.totaal_cent == 8 * 3250


def test_a_line_without_toewijzing_and_a_second_declaration_of_the_same_month_are_refused():
    a = _levering(1001)
    _receive(declaratie("42420001", [(a, 8, 3250)], APRIL, "DN3", "I3", TODAY), _feiten(a))
    _, antwoord = _receive(declaratie("42420001", [(a, 1, 3250), (_levering(777), 1, 3250)], APRIL, "DN4",
                                      "I4", TODAY), _feiten(a))
    codes = {p.toewijzing_nummer: p.retour_codes
             for c in validate(antwoord).message.declaratie_antwoord.clienten for p in c.prestaties}
    assert "9389" in codes[1001] and codes[777] == ["9338"]


def test_a_repeated_declaratienummer_refuses_the_whole_declaratie():
    a = _levering(1001)
    _receive(declaratie("42420001", [(a, 1, 3250)], APRIL, "DN5", "I5", TODAY), _feiten(a))
    declaratie_id, antwoord = _receive(declaratie("42420001", [(a, 1, 3250)], date(2026, 3, 1), "DN5", "I6", TODAY),
                                       _feiten(a))
    antwoord_msg = validate(antwoord).message.declaratie_antwoord
    assert "9333" in antwoord_msg.retour_codes and antwoord_msg.totaal_toegekend_bedrag.totaal_bedrag == 0
    assert db.session.get(Declaratie, declaratie_id).status == "afgewezen"


def test_a_line_above_the_threshold_waits_for_a_person_and_gets_no_answer_yet(app):
    a = _levering(1001, volume=500)
    app.config["DECLARATIE_HANDMATIG_VANAF"], old = 100000, app.config["DECLARATIE_HANDMATIG_VANAF"]
    try:
        declaratie_id, antwoord = _receive(declaratie("42420001", [(a, 40, 3250)], APRIL, "DN6", "I7", TODAY),
                                           _feiten(a))
    finally:
        app.config["DECLARATIE_HANDMATIG_VANAF"] = old
    assert antwoord is None
    stored = db.session.get(Declaratie, declaratie_id)
    assert stored.status == "in_behandeling" and stored.prestaties[0].status == "handmatig"
    assert db.session.scalar(select(Betaalbatch)) is None


def test_closing_a_batch_for_an_aanbieder_without_iban_changes_nothing():
    a = _levering(1001)
    _receive(declaratie("42420001", [(a, 2, 3250)], APRIL, "DN7", "I8", TODAY), _feiten(a))
    with unit_of_work() as session:
        aanbieder = session.scalar(select(Aanbieder).where(Aanbieder.agb_code == "42420001"))
        saved, aanbieder.iban = aanbieder.iban, None
    try:
        with pytest.raises(InvalidInput, match="geen IBAN"):
            close_betaalbatch()
        db.session.expire_all()
        assert db.session.scalar(select(Betaalbatch)).status == "open"
    finally:
        with unit_of_work() as session:
            session.scalar(select(Aanbieder).where(Aanbieder.agb_code == "42420001")).iban = saved
