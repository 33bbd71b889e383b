"""What an outside aanbieder's system met when it drove the API with its own messages (issue #14,
point 4): each defect as that system saw it, through the API and checked against the official XSDs."""
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from app import db
from app.models import Bericht, Person, Toewijzing, Zaak
from app.services.uow import unit_of_work
from app.simulator.berichten import answer_301, declaratie, leveringen, start_zorg, verzoek_om_wijziging
from exchange_flow import AANBIEDER, first_of_last_month, toewijzing_sent
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from iwmo_messages import RetourOptions, RuleResult, build_retour, parse, validate

NL = ZoneInfo("Europe/Amsterdam")
TARIEF = 3250  # 01A03 in the demo catalogue: € 32,50 per uur


@pytest.fixture
def consulent(api_as):
    return api_as("consulent")


def _decide_verzoek(api, zaak_id: int, **gegevens):
    [task] = [t for t in api.get("/api/v1/taken?rol=consulent").json["results"] if t["zaak_id"] == zaak_id]
    assert task["taak"] == "verzoek_beoordelen"
    assert api.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": gegevens}).status_code == 200


def _newest(aanbieder, bericht: str) -> bytes:
    [item] = [i for i in aanbieder.outbox("nieuw") if i["bericht"] == bericht]
    return aanbieder.download(item["id"]).data


def test_a_toewijzing_changed_after_a_317_is_sent_with_the_date_and_time_of_the_change(app, consulent, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    earlier = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(days=2)
    with unit_of_work() as session:  # the first version was sent two days ago
        session.query(Toewijzing).one().toegewezen_op = earlier
    # a new einddatum changes the toewijzing itself (OP380); a new weekly volume would be a new one (OP257)
    aanbieder.send(verzoek_om_wijziging(xml_301, "VOW-OP033", "V317-OP033", date.today(),
                                        einddatum=date.today() + timedelta(days=90)))
    _decide_verzoek(consulent, zaak_id, verzoek_besluit="toekennen")
    [product] = validate(_newest(aanbieder, "WMO301")).message.client.toegewezen_producten
    current = db.session.query(Toewijzing).one().toegewezen_op.astimezone(NL)
    assert current > earlier  # OP033x1: the new version has a moment of its own …
    assert (product.toewijzingsdatum, product.toewijzingstijd) == (current.date(),
                                                                   current.time().replace(microsecond=0, tzinfo=None))
    assert product.toewijzingsdatum != earlier.astimezone(NL).date()  # … not the first version's


def test_a_declaratie_line_gets_exactly_the_code_of_its_own_fault(app, consulent, person):
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)  # 3 uur per week from last month
    [levering] = leveringen(xml_301)
    # the earlier month first: a later declaratie may not go back to an earlier DeclaratiePeriode (TR318, OP284)
    month_before = (first_of_last_month() - timedelta(days=1)).replace(day=1)
    before = replace(levering, ingangsdatum=month_before)  # the aanbieder's system thinks care began earlier
    early = aanbieder.send(declaratie(AANBIEDER["wmo"], [(before, 3, TARIEF)], month_before, "DNB", "D323-B",
                                      date.today()))
    [client] = validate(aanbieder.retour(early.json["id"]).data).message.declaratie_antwoord.clienten
    assert client.prestaties[0].retour_codes == ["9307"]  # before the ingangsdatum, and nothing beside it

    above = aanbieder.send(declaratie(AANBIEDER["wmo"], [(levering, 40, TARIEF)], first_of_last_month(), "DNV",
                                      "D323-V", date.today()))
    [client] = validate(aanbieder.retour(above.json["id"]).data).message.declaratie_antwoord.clienten
    assert client.prestaties[0].retour_codes == ["9321"]  # TR321: above the omvang for its period, not 9322


def test_a_declaratie_for_a_month_before_the_last_declared_one_is_refused_with_8214(app, consulent, person):
    """TR318/OP284: the DeclaratiePeriode follows the previous one, or corrects the last one again."""
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    [levering] = leveringen(xml_301)
    aanbieder.send(declaratie(AANBIEDER["wmo"], [(levering, 2, TARIEF)], first_of_last_month(), "DN1", "D323-1",
                              date.today()))
    again = aanbieder.send(declaratie(AANBIEDER["wmo"], [(levering, 1, TARIEF)], first_of_last_month(), "DN2",
                                      "D323-2", date.today()))
    assert "8214" not in validate(aanbieder.retour(again.json["id"]).data).message.declaratie_antwoord.retour_codes
    month_before = (first_of_last_month() - timedelta(days=1)).replace(day=1)
    early = aanbieder.send(declaratie(AANBIEDER["wmo"], [(replace(levering, ingangsdatum=month_before), 1, TARIEF)],
                                      month_before, "DN3", "D323-3", date.today()))
    answer = validate(aanbieder.retour(early.json["id"]).data).message.declaratie_antwoord
    assert answer.retour_codes == ["8214"] and answer.clienten == []


def test_another_message_with_a_used_identificatie_is_refused_with_9056_and_a_true_copy_stays_dubbel(
        app, consulent, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    first = aanbieder.send(start_zorg(xml_301, "S305-1", first_of_last_month())).json
    other = aanbieder.send(start_zorg(xml_301, "S305-1", first_of_last_month() + timedelta(days=3)))
    assert other.status_code == 202
    reused = db.session.get(Bericht, other.json["id"])
    assert reused.status == "verwerkt" and reused.duplicaat_van_id is None and reused.retourcodes == "9056"
    assert "TR056" in reused.fouten[0]
    retour = validate(aanbieder.retour(reused.id).data)
    assert retour.valid and retour.nummer == "306" and retour.message.header.retour_codes == ["9056"]
    assert aanbieder.retour(reused.id).data != aanbieder.retour(first["id"]).data
    assert db.session.query(Toewijzing).one().start_zorg == first_of_last_month()  # the first one counts

    same = etree.tostring(etree.fromstring(start_zorg(xml_301, "S305-1", first_of_last_month())), pretty_print=True)
    copy = db.session.get(Bericht, aanbieder.send(same).json["id"])  # laid out otherwise, the same message
    assert copy.status == "dubbel" and copy.duplicaat_van_id == first["id"]
    assert len([e for e in db.session.get(Zaak, zaak_id).events if e.kind == "zorg_gestart"]) == 1


def test_a_declaratie_reusing_an_identificatie_gets_a_325_with_9056_and_is_not_booked(app, consulent, person):
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    [levering] = leveringen(xml_301)
    aanbieder.send(declaratie(AANBIEDER["wmo"], [(levering, 4, TARIEF)], first_of_last_month(), "DN1", "D323-1",
                              date.today()))
    other = aanbieder.send(declaratie(AANBIEDER["wmo"], [(levering, 5, TARIEF)], first_of_last_month(), "DN2",
                                      "D323-1", date.today()))
    antwoord = validate(aanbieder.retour(other.json["id"]).data)
    assert antwoord.valid and antwoord.nummer == "325" and antwoord.message.header.retour_codes == ["9056"]
    assert antwoord.message.declaratie_antwoord is None


def test_the_aanbieders_320_on_our_319_is_accepted_linked_and_shown_on_the_zaak(app, consulent, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    aanbieder.send(verzoek_om_wijziging(xml_301, "VOW-320", "V317-320", date.today(),
                                        einddatum=date.today() + timedelta(days=90)))
    _decide_verzoek(consulent, zaak_id, verzoek_besluit="afwijzen", verzoek_reden_afwijzing="2")
    xml_319 = _newest(aanbieder, "WMO319")
    sent = aanbieder.send(build_retour(parse(xml_319), [], RetourOptions("R320-1", date.today())))
    assert sent.status_code == 202
    retour_320 = db.session.get(Bericht, sent.json["id"])
    assert (retour_320.status, retour_320.nummer, retour_320.fouten) == ("verwerkt", "320", None)
    heen = db.session.query(Bericht).filter_by(richting="uit", nummer="319").one()
    assert (heen.status, heen.retour_id, retour_320.zaak_id) == ("beantwoord", retour_320.id, zaak_id)
    assert "319) ontvangen door de aanbieder" in " ".join(e.summary for e in db.session.get(Zaak, zaak_id).events)
    page = consulent.get(f"/api/v1/zaken/{zaak_id}")
    assert page.status_code == 200


def test_a_320_that_refuses_our_319_names_the_codes_on_the_zaak(app, consulent, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    aanbieder.send(verzoek_om_wijziging(xml_301, "VOW-320R", "V317-320R", date.today(),
                                        einddatum=date.today() + timedelta(days=90)))
    _decide_verzoek(consulent, zaak_id, verzoek_besluit="afwijzen", verzoek_reden_afwijzing="2")
    msg_319 = parse(_newest(aanbieder, "WMO319"))
    fault = RuleResult("TR360", "9360", 3, "Antwoord", "geen open verzoek", None, msg_319.antwoord)
    sent = aanbieder.send(build_retour(msg_319, [fault], RetourOptions("R320-2", date.today())))
    retour_320 = db.session.get(Bericht, sent.json["id"])
    assert retour_320.status == "verwerkt" and retour_320.retourcodes == "9360"
    assert "afgekeurd door de aanbieder: 9360" in " ".join(e.summary for e in db.session.get(Zaak, zaak_id).events)


def test_a_301_carries_the_registered_geslacht_and_0_only_when_the_register_has_none(app, consulent, person):
    assert person.geslacht in ("1", "2")  # the demo register knows it
    _, _, xml_301 = toewijzing_sent(app, consulent, person)
    assert validate(xml_301).message.client.geslacht == person.geslacht
    unknown = db.session.query(Person).filter(Person.id != person.id).order_by(Person.id).first()
    with unit_of_work() as session:
        session.get(Person, unknown.id).geslacht = None
    _, _, xml_unknown = toewijzing_sent(app, consulent, unknown)
    assert validate(xml_unknown).message.client.geslacht == "0"


def test_xml_that_is_not_well_formed_is_stored_and_answered_400_with_its_problems(app, consulent, person):
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    broken = start_zorg(xml_301, "S305-K", first_of_last_month())[:-30]  # cut off in transit
    sent = aanbieder.send(broken)
    assert sent.status_code == 400 and sent.mimetype == "application/problem+json"
    body = sent.json
    assert body["status"] == 400 and "welgevormde XML" in body["title"] and body["problemen"]
    assert all(p["melding"].startswith("Het bericht is geen welgevormde XML") for p in body["problemen"])
    stored = db.session.get(Bericht, body["id"])
    assert stored.inhoud == broken and stored.status == "afgekeurd" and stored.retour_id is None
    assert body["instance"] == sent.headers["Location"].removeprefix("http://localhost")
    assert db.session.query(Toewijzing).one().start_zorg is None


def test_the_openapi_document_lists_400_and_422_for_a_posted_bericht(app):
    post = app.test_client().get("/api/v1/openapi.json").json["paths"]["/aanbieder/berichten"]["post"]
    assert {"202", "400", "422", "415"} <= set(post["responses"])
    assert "application/problem+json" in post["responses"]["400"]["content"]


def test_a_second_different_302_on_one_301_is_refused_and_changes_nothing(app, consulent, person):
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    assert aanbieder.send(answer_301(xml_301, "R302-1", date.today())).status_code == 202
    second = aanbieder.send(answer_301(xml_301, "R302-2", date.today(), refuse=True))
    refused = db.session.get(Bericht, second.json["id"])
    assert refused.status == "afgekeurd" and "één retourbericht" in refused.fouten[0]
    assert db.session.query(Toewijzing).one().status == "geaccepteerd"
