"""The GGk route: a StUF-GGk Di01 pushed to /api/v1/ggk/di01 is answered with a Du01 carrying the
retourbericht, or with a Fo01 (StUF055) when the payload fails the XSD — and never half-handled."""
from datetime import date

import pytest
from lxml import etree
from sqlalchemy import select

from app import db
from app.models import Bericht, Gemeente, Person
from app.simulator.berichten import not_xsd_valid, start_zorg
from app.services.demo_data import OUDEWATER, WOERDEN
from exchange_flow import first_of_last_month, toewijzing_sent
from exchange_flow import inline_jobs, jobs_in_request  # noqa: F401 — fixtures
from iwmo_messages import Systeem, unwrap, validate, wrap_di01

STUF = "http://www.egem.nl/StUF/StUF0301"


@pytest.fixture
def consulent(api_as):
    return api_as("consulent")


def _push(aanbieder, envelope: bytes):
    return aanbieder.client.post("/api/v1/ggk/di01", data=envelope,
                                 headers={**aanbieder.headers, "Content-Type": "application/xml"})


def test_a_di01_with_a_305_is_answered_with_a_du01_carrying_the_306(app, consulent, person, jobs_in_request):
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    envelope = wrap_di01(start_zorg(xml_301, "S305-G", first_of_last_month()), Systeem("42420001", "ZorgSysteem"))
    answer = _push(aanbieder, envelope)
    assert answer.status_code == 200 and answer.mimetype == "application/xml"
    du01 = unwrap(answer.data, "Du01")
    assert du01.cross_refnummer == unwrap(envelope).referentienummer
    assert (du01.ontvanger.organisatie, du01.ontvanger.applicatie) == ("42420001", "GGk")  # the aanbieder, not "CBS"
    assert du01.zender.organisatie == WOERDEN
    retour = validate(du01.payload)
    assert retour.valid and retour.nummer == "306"
    stored = db.session.query(Bericht).filter_by(richting="in").one()
    assert stored.kanaal == "ggk" and stored.envelop_referentie == du01.cross_refnummer


@pytest.mark.parametrize("code, username", [(WOERDEN, "consulent"), (OUDEWATER, "consulent-oudewater")])
def test_each_gemeente_answers_an_envelope_addressed_to_it_from_its_own_code(app, api_as, code, username,
                                                                              jobs_in_request):
    person = db.session.scalar(select(Person).join(Gemeente, Gemeente.id == Person.gemeente_id)
                               .where(Gemeente.code == code).order_by(Person.id))
    _, aanbieder, xml_301 = toewijzing_sent(app, api_as(username), person)
    envelope = wrap_di01(start_zorg(xml_301, f"S305-{code}", first_of_last_month()), Systeem("42420001", "ZorgSysteem"))
    assert unwrap(envelope).ontvanger.organisatie == code  # the 301's gemeente, via the 305's header
    du01 = unwrap(_push(aanbieder, envelope).data, "Du01")
    assert du01.zender.organisatie == code
    retour = validate(du01.payload)
    assert retour.valid and retour.nummer == "306"
    # a retour copies the heen message's header: the 305 went from the aanbieder to this gemeente
    assert etree.fromstring(du01.payload).findtext(".//{*}Header/{*}Ontvanger") == code


def test_on_the_job_thread_a_di01_is_accepted_with_202_and_its_306_follows(app, consulent, person):
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    answer = _push(aanbieder, wrap_di01(start_zorg(xml_301, "S305-B", first_of_last_month()),
                                        Systeem("42420001", "ZorgSysteem")))
    assert answer.status_code == 202 and answer.json["status"] == "ontvangen"  # stored; handled after the response
    retour = aanbieder.retour(answer.json["id"])  # the test client waited for the job thread
    assert retour.status_code == 200 and validate(retour.data).nummer == "306"


def test_a_di01_whose_payload_fails_the_xsd_gets_a_fo01_stuf055_and_no_retour(app, consulent, person,
                                                                             jobs_in_request):
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    payload = not_xsd_valid(start_zorg(xml_301, "S305-F", first_of_last_month()))
    answer = _push(aanbieder, wrap_di01(payload, Systeem("42420001", "ZorgSysteem")))
    assert answer.status_code == 400
    fo01 = etree.fromstring(answer.data)
    assert fo01.findtext(f"{{{STUF}}}body/{{{STUF}}}code") == "StUF055"
    stored = db.session.query(Bericht).filter_by(richting="in").one()
    assert stored.inhoud == payload and stored.status == "afgekeurd" and stored.retour_id is None


@pytest.mark.parametrize("envelope", [b"<geen-envelop/>", b"<niet-af", "Ω geen XML".encode()])
def test_an_envelope_that_cannot_be_unwrapped_is_stored_as_received_before_its_fo01(app, consulent, person, envelope):
    _, aanbieder, _ = toewijzing_sent(app, consulent, person)
    answer = _push(aanbieder, envelope)
    assert answer.status_code == 400 and b"Fo01" in answer.data
    stored = db.session.query(Bericht).filter_by(richting="in").one()
    assert stored.inhoud == envelope and stored.kanaal == "ggk" and stored.status == "afgekeurd"
    assert stored.retour_id is None and "StUF-GGk" in stored.fouten[0]
    assert stored.aanbieder.agb_code == "42420001"


def test_a_di01_from_another_agb_than_the_token_is_refused(app, consulent, person):
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    envelope = wrap_di01(start_zorg(xml_301, "S305-O", date.today()), Systeem("65656055", "AnderSysteem"))
    answer = _push(aanbieder, envelope)
    assert answer.status_code == 403 and "65656055" in answer.json["detail"]


def test_a_message_sent_as_json_is_refused_with_415_in_dutch(app):
    from exchange_flow import aanbieder_client
    aanbieder = aanbieder_client(app, "42420001")
    response = aanbieder.client.post("/api/v1/aanbieder/berichten", json={"bericht": "305"}, headers=aanbieder.headers)
    assert response.status_code == 415 and "als XML" in response.json["detail"]
    assert db.session.query(Bericht).count() == 0
