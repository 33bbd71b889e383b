"""StUF-GGk envelope: Di01 wrap/unwrap, Du01 and Fo01 answers, all valid against the GGk XSDs."""
import base64
import re

import pytest
from lxml import etree

from iwmo_messages import MessageError, Systeem, du01, fo01, unwrap, unwrap_di01, validate, wrap_di01
from iwmo_messages.schemas import ggk_schema, stuf_schema

from iwmo_helpers import DATA

ME = Systeem("0384", "Cumulus")
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
PAYLOAD = (DATA / "iwmo" / "WMO301.xml").read_bytes()


def test_di01_round_trip_keeps_the_payload_and_names_the_functie():
    env = unwrap_di01(wrap_di01(PAYLOAD, ME))
    assert env.payload == PAYLOAD and env.functie == "WMO301" and env.zender == ME
    assert UUID4.match(env.referentienummer)


def test_a_di01_is_addressed_to_the_payloads_ontvanger_and_a_du01_to_the_sender_of_the_di01():
    heen = unwrap_di01(wrap_di01(PAYLOAD, ME))
    assert heen.ontvanger == Systeem(validate(PAYLOAD).message.header.ontvanger, "GGk")
    aanbieder_di01 = unwrap_di01(wrap_di01((DATA / "iwmo" / "WMO305.xml").read_bytes(), Systeem("12345678", "Zorg")))
    answer = unwrap(du01((DATA / "iwmo" / "WMO306.xml").read_bytes(), aanbieder_di01, ME))
    assert answer.ontvanger == Systeem("12345678", "GGk")  # GGk 0210 §3.3: the addressee's own code, not "CBS"


def test_each_envelope_gets_its_own_uuid():
    a, b = unwrap(wrap_di01(PAYLOAD, ME)), unwrap(wrap_di01(PAYLOAD, ME))
    assert a.referentienummer != b.referentienummer


def test_du01_answers_with_cross_reference():
    heen = unwrap_di01(wrap_di01(PAYLOAD, ME))
    retour = (DATA / "iwmo" / "WMO302.xml").read_bytes()
    env = unwrap(du01(retour, heen, Systeem("12345678", "Aanbieder")))
    assert env.berichtcode == "Du01" and env.cross_refnummer == heen.referentienummer
    assert env.functie == "WMO302" and env.payload == retour


def test_fo01_for_a_schema_error_is_valid_stuf():
    heen = unwrap_di01(wrap_di01(PAYLOAD, ME))
    bad = validate(b"<x/>")
    xml = fo01(heen, ME, bad.issues)
    root = etree.fromstring(xml)
    assert stuf_schema().validate(root)
    ns = {"S": "http://www.egem.nl/StUF/StUF0301"}
    assert root.findtext("S:body/S:code", namespaces=ns) == "StUF055"
    assert root.findtext("S:stuurgegevens/S:crossRefnummer", namespaces=ns) == heen.referentienummer


def test_official_envelope_examples_unwrap():
    env = unwrap_di01(DATA / "ggk" / "envelopHeenbericht-ggk_Di01_v21-xml.xml")
    assert env.payload.startswith(b"Hier staat")
    assert unwrap(DATA / "ggk" / "envelopRetourbericht-ggk_Du01-v21.xml").berichtcode == "Du01"


def test_text_envelope_and_wrong_envelope_are_refused():
    with pytest.raises(MessageError, match="tekstBestand"):
        unwrap_di01(DATA / "ggk" / "envelopHeenbericht-ggk_Di01_v21-tekst.xml")
    with pytest.raises(MessageError, match="Di01"):
        unwrap_di01(DATA / "ggk" / "envelopRetourbericht-ggk_Du01-v21.xml")


def test_envelope_with_bad_base64_is_refused():
    xml = wrap_di01(PAYLOAD, ME).replace(base64.b64encode(PAYLOAD)[:8], b"!!!!!!!!")
    with pytest.raises(MessageError):
        unwrap_di01(xml)


def test_payload_over_25_mb_is_refused():
    with pytest.raises(MessageError, match="limit"):
        wrap_di01(b" " * (25 * 1024 * 1024 + 1), ME)


def test_envelope_schema_is_the_official_one():
    assert ggk_schema().validate(etree.parse(str(DATA / "ggk" / "envelopHeenbericht-ggk_Di01_v21-xml.xml")))
