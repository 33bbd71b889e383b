"""OP087: a 301 carries every current toewijzing of the client at that aanbieder, not only the new
or changed one; an ended toewijzing goes once more with its einddatum and RedenWijziging. Only a new
or changed toewijzing waits for the 302; the 302 on a 301 is recorded for each toewijzing it carried."""
from datetime import date, timedelta

import pytest

from app import db
from app.models import ProcessInstance, Toewijzing
from app.simulator.berichten import answer_301, verzoek_om_wijziging
from exchange_flow import AANBIEDER, aanbieder_client, beschikking
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from iwmo_messages import validate


@pytest.fixture
def consulent(api_as):
    return api_as("consulent")


def _latest_301(aanbieder) -> tuple[int, bytes]:
    [item] = [i for i in aanbieder.outbox("nieuw") if i["bericht"] == "WMO301"]
    return item["id"], aanbieder.download(item["id"]).data


def _carried(xml_301: bytes) -> dict:
    result = validate(xml_301)
    assert result.valid, result.issues
    return {tp.product.code: tp for tp in result.message.client.toegewezen_producten}


def _waiting(zaak_ids) -> list:
    return db.session.query(ProcessInstance).filter(ProcessInstance.zaak_id.in_(zaak_ids),
                                                    ProcessInstance.status != "completed").all()


def test_a_second_beschikking_sends_a_301_with_both_toewijzingen_and_one_new_waiting_process(app, consulent, person):
    first_zaak = beschikking(consulent, person.bsn)
    aanbieder = aanbieder_client(app, AANBIEDER["wmo"])
    _, first_301 = _latest_301(aanbieder)
    aanbieder.send(answer_301(first_301, "R302-A", date.today()))
    first = db.session.query(Toewijzing).one()
    assert first.status == "geaccepteerd" and _waiting([first_zaak]) == []

    second_zaak = beschikking(consulent, person.bsn, productcode="02A01")
    _, second_301 = _latest_301(aanbieder)
    carried = _carried(second_301)
    assert set(carried) == {"01A03", "02A01"}
    assert carried["01A03"].toewijzing_nummer == first.toewijzingnummer
    assert carried["01A03"].toewijzingsdatum == _carried(first_301)["01A03"].toewijzingsdatum  # unchanged version
    assert len(_waiting([first_zaak, second_zaak])) == 1  # the repeated toewijzing has no second waiting process

    aanbieder.send(answer_301(second_301, "R302-B", date.today()))
    db.session.expire_all()
    assert {t.status for t in db.session.query(Toewijzing)} == {"geaccepteerd"}
    assert _waiting([first_zaak, second_zaak]) == []


def test_an_ended_toewijzing_is_sent_once_with_its_einddatum_and_reden_and_then_no_more(app, consulent, person):
    beschikking(consulent, person.bsn)
    aanbieder = aanbieder_client(app, AANBIEDER["wmo"])
    aanbieder.send(answer_301(_latest_301(aanbieder)[1], "R302-A", date.today()))
    beschikking(consulent, person.bsn, productcode="02A01")
    _, both = _latest_301(aanbieder)
    aanbieder.send(answer_301(both, "R302-B", date.today()))
    ended = _carried(both)["01A03"]
    yesterday = date.today() - timedelta(days=1)

    sent = aanbieder.send(verzoek_om_wijziging(both, "VOW-OP087", "V317-OP087", date.today(), einddatum=yesterday,
                                               only={ended.toewijzing_nummer}))
    assert validate(aanbieder.retour(sent.json["id"]).data).message.header.retour_codes == []
    [task] = [t for t in consulent.get("/api/v1/taken?rol=consulent").json["results"]
              if t["taak"] == "verzoek_beoordelen"]
    done = consulent.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": {"verzoek_besluit": "toekennen"}})
    assert done.status_code == 200, done.json

    _, answer = _latest_301(aanbieder)
    carried = _carried(answer)
    assert set(carried) == {"01A03", "02A01"}
    assert (carried["01A03"].einddatum, carried["01A03"].reden_wijziging) == (yesterday, "12")
    assert carried["02A01"].reden_wijziging is None
    aanbieder.send(answer_301(answer, "R302-C", date.today()))

    beschikking(consulent, person.bsn, productcode="01A04")
    assert set(_carried(_latest_301(aanbieder)[1])) == {"02A01", "01A04"}  # the ended one is no longer current


def test_a_302_that_refuses_the_repeated_toewijzing_leaves_its_accepted_version_standing(app, consulent, person):
    beschikking(consulent, person.bsn)
    aanbieder = aanbieder_client(app, AANBIEDER["wmo"])
    aanbieder.send(answer_301(_latest_301(aanbieder)[1], "R302-A", date.today()))
    beschikking(consulent, person.bsn, productcode="02A01")
    _, both = _latest_301(aanbieder)
    assert validate(both).message.client.toegewezen_producten[0].product.code == "01A03"  # the one refused

    aanbieder.send(answer_301(both, "R302-B", date.today(), refuse=True))
    db.session.expire_all()
    status = {t.product.productcode: t.status for t in db.session.query(Toewijzing)}
    assert status == {"01A03": "geaccepteerd", "02A01": "geaccepteerd"}
    repeated = db.session.query(Toewijzing).filter(Toewijzing.toewijzingnummer == _carried(both)["01A03"]
                                                   .toewijzing_nummer).one()
    notes = [e.summary for e in repeated.zaak.events if e.summary.startswith("Herhaalde toewijzing")]
    assert len(notes) == 1 and "blijft gelden" in notes[0]


def test_after_a_307_every_301_carries_the_stopped_toewijzing_and_its_end_gets_a_new_version(app, consulent, person):
    """After a stop zorg (307) the toewijzing still stands until its einddatum: a later 301 repeats it
    unchanged; when the aanbieder asks to end it at the stop date (317), the next 301 carries it with
    that einddatum, RedenWijziging 12 and a Toewijzingsdatum/-tijd of its own (OP033x1) — and every
    301 on the way passes the standard's rules."""
    from app.services.exchange.outbox import outbound_faults
    from app.simulator.berichten import start_zorg, stop_zorg
    from exchange_flow import first_of_last_month
    beschikking(consulent, person.bsn)
    aanbieder = aanbieder_client(app, AANBIEDER["wmo"])
    _, first_301 = _latest_301(aanbieder)
    aanbieder.send(answer_301(first_301, "R302-S1", date.today()))
    begin, stop = first_of_last_month(), date.today() - timedelta(days=2)
    assert aanbieder.send(start_zorg(first_301, "S305-S1", begin)).status_code == 202
    sent = aanbieder.send(stop_zorg(first_301, "S307-S1", begin, stop))
    assert validate(aanbieder.retour(sent.json["id"]).data).message.header.retour_codes == []
    stopped = db.session.query(Toewijzing).one()
    assert (stopped.status, stopped.stop_zorg) == ("gestopt", stop)

    beschikking(consulent, person.bsn, productcode="02A01")
    _, both = _latest_301(aanbieder)
    carried = _carried(both)
    assert set(carried) == {"01A03", "02A01"}
    before = carried["01A03"]
    assert (before.toewijzingsdatum, before.toewijzingstijd) == (
        _carried(first_301)["01A03"].toewijzingsdatum, _carried(first_301)["01A03"].toewijzingstijd)
    aanbieder.send(answer_301(both, "R302-S2", date.today()))

    sent = aanbieder.send(verzoek_om_wijziging(both, "VOW-S1", "V317-S1", date.today(), einddatum=stop,
                                               only={before.toewijzing_nummer}))
    assert validate(aanbieder.retour(sent.json["id"]).data).message.header.retour_codes == []
    [task] = [t for t in consulent.get("/api/v1/taken?rol=consulent").json["results"]
              if t["taak"] == "verzoek_beoordelen"]
    done = consulent.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": {"verzoek_besluit": "toekennen"}})
    assert done.status_code == 200, done.json
    _, ended_301 = _latest_301(aanbieder)
    ended = _carried(ended_301)
    assert set(ended) == {"01A03", "02A01"}
    assert (ended["01A03"].einddatum, ended["01A03"].reden_wijziging) == (stop, "12")
    assert ((ended["01A03"].toewijzingsdatum, ended["01A03"].toewijzingstijd)
            > (before.toewijzingsdatum, before.toewijzingstijd))  # the new version is the current one
    assert (ended["02A01"].toewijzingsdatum, ended["02A01"].toewijzingstijd) == (
        carried["02A01"].toewijzingsdatum, carried["02A01"].toewijzingstijd)  # the other one did not change
    for xml in (first_301, both, ended_301):
        assert outbound_faults(xml) == []


def test_a_new_version_made_within_the_same_second_still_gets_a_later_toewijzingstijd():
    """OP033x1: the 301 gives the moment to the second; two versions in one second would look the same."""
    from datetime import datetime, timezone
    made = datetime(2026, 5, 6, 10, 0, 0, 200_000, tzinfo=timezone.utc)
    t = Toewijzing(toegewezen_op=made)
    t.new_version(made.replace(microsecond=900_000))
    assert t.toegewezen_op.replace(microsecond=0) > made.replace(microsecond=0)
    later = datetime(2026, 5, 6, 10, 5, tzinfo=timezone.utc)
    t.new_version(later)
    assert t.toegewezen_op == later
