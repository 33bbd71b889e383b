"""What goes wrong between gemeente and aanbieder: a refused toewijzing, a message that fails the
XSD or a rule, the same message twice, messages out of order, another aanbieder's berichten, and
a 302 that never comes."""
import time
from datetime import date, datetime, timedelta, timezone

import pytest

from app import db
from app.domain.deadlines import add_working_days
from app.models import Bericht, HumanTask, ProcessingRecord, Toewijzing, Zaak
from app.services.exchange import toewijzen
from app.services.timers import fire_due_timers
from app.simulator.berichten import answer_301, not_xsd_valid, start_zorg, stop_zorg
from exchange_flow import aanbieder_client, first_of_last_month, toewijzing_sent
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from iwmo_messages import validate

OTHER_AGB = "65656055"


@pytest.fixture
def consulent(api_as):
    return api_as("consulent")


def test_a_refused_toewijzing_becomes_a_backoffice_task_with_the_codes_in_plain_dutch(app, consulent, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    assert aanbieder.send(answer_301(xml_301, "R302-1", date.today(), refuse=True)).status_code == 202
    toewijzing = db.session.query(Toewijzing).one()
    assert toewijzing.status == "afgewezen" and toewijzing.retourcodes == "9332"
    [task] = db.session.query(HumanTask).filter_by(zaak_id=zaak_id, status="open", spec_name="toewijzing_afgewezen")
    assert task.lane == "backoffice"
    assert "9332: Het toewijzingnummer is niet uniek (TR332)." in task.instructions
    assert "afgekeurd door de aanbieder: 9332" in " ".join(e.summary for e in db.session.get(Zaak, zaak_id).events)


def test_a_message_that_fails_the_xsd_is_stored_raw_and_refused_without_a_retour(app, consulent, person):
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    broken = not_xsd_valid(start_zorg(xml_301, "S305-1", first_of_last_month()))
    sent = aanbieder.send(broken)
    assert sent.status_code == 422 and sent.mimetype == "application/problem+json"
    assert sent.headers["Location"].endswith(f"/aanbieder/berichten/{sent.json['id']}")
    assert "XSD-schema" in sent.json["detail"] and "BerichtVersie" in " ".join(sent.json["fouten"])
    stored = db.session.get(Bericht, sent.json["id"])
    assert stored.inhoud == broken and stored.status == "afgekeurd" and stored.retour_id is None
    answer = aanbieder.retour(sent.json["id"])
    assert answer.status_code == 422 and answer.mimetype == "application/problem+json"
    assert "XSD-schema" in answer.json["fouten"][0]
    assert db.session.query(Toewijzing).one().start_zorg is None


def test_a_start_on_an_unknown_toewijzing_is_answered_with_9019_and_changes_nothing(app, consulent, person):
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    nummer = db.session.query(Toewijzing).one().toewijzingnummer
    wrong = start_zorg(xml_301, "S305-1", first_of_last_month()).replace(
        f"ToewijzingNummer>{nummer}<".encode(), b"ToewijzingNummer>4242<")
    retour = validate(aanbieder.retour(aanbieder.send(wrong).json["id"]).data)
    assert retour.valid and retour.nummer == "306"
    assert retour.message.client.start_producten[0].retour_codes == ["9019"]
    assert db.session.query(Toewijzing).one().status == "verzonden"


def test_a_second_start_with_a_new_identificatie_is_refused_with_9326(app, consulent, person):
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    aanbieder.send(start_zorg(xml_301, "S305-1", first_of_last_month()))
    second = aanbieder.send(start_zorg(xml_301, "S305-2", first_of_last_month() + timedelta(days=3)))
    retour = validate(aanbieder.retour(second.json["id"]).data)
    assert retour.message.client.start_producten[0].retour_codes == ["9326"]
    assert db.session.query(Toewijzing).one().start_zorg == first_of_last_month()


def test_the_same_message_twice_is_handled_once_and_gets_the_same_retour(app, consulent, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    xml_305 = start_zorg(xml_301, "S305-1", first_of_last_month())
    first, again = aanbieder.send(xml_305).json, aanbieder.send(xml_305).json
    assert first["id"] != again["id"]
    repeated = db.session.get(Bericht, again["id"])
    assert repeated.status == "dubbel" and repeated.duplicaat_van_id == first["id"]
    assert aanbieder.retour(again["id"]).data == aanbieder.retour(first["id"]).data
    starts = [e for e in db.session.get(Zaak, zaak_id).events if e.kind == "zorg_gestart"]
    assert len(starts) == 1
    assert db.session.query(Bericht).filter_by(richting="uit", nummer="306").count() == 1


def test_a_start_before_the_302_counts_and_the_late_302_does_not_undo_it(app, consulent, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    retour = validate(aanbieder.retour(aanbieder.send(start_zorg(xml_301, "S305-1", first_of_last_month())).json["id"]).data)
    assert retour.valid and retour.message.header.retour_codes == []
    assert db.session.query(Toewijzing).one().status == "gestart"
    aanbieder.send(answer_301(xml_301, "R302-1", date.today()))
    assert db.session.query(Toewijzing).one().status == "gestart"
    assert not db.session.query(HumanTask).filter_by(zaak_id=zaak_id, status="open", lane="backoffice").all()


def test_another_aanbieder_cannot_read_or_answer_a_toewijzing_and_the_attempt_is_logged(app, consulent, person):
    _, owner, xml_301 = toewijzing_sent(app, consulent, person)
    bericht_301 = owner.outbox("opgehaald")[0]["id"]
    other = aanbieder_client(app, OTHER_AGB)
    assert other.outbox(None) == []
    refused = other.download(bericht_301)
    assert refused.status_code == 403 and "andere aanbieder" in refused.json["detail"]
    record = db.session.query(ProcessingRecord).filter_by(action="geweigerd").one()
    assert record.subject_person_id == person.id and record.object_id == str(bericht_301)
    assert record.actor_role == "aanbieder"

    as_owner = other.send(start_zorg(xml_301, "S305-X", first_of_last_month()))  # names the owner's AGB
    assert db.session.get(Bericht, as_owner.json["id"]).status == "afgekeurd"
    assert "AGB-code" in other.retour(as_owner.json["id"]).json["fouten"][0]
    own_agb = start_zorg(xml_301, "S305-Y", first_of_last_month()).replace(b"42420001", OTHER_AGB.encode())
    retour = validate(other.retour(other.send(own_agb).json["id"]).data)
    assert retour.message.client.start_producten[0].retour_codes == ["9019"]  # not its toewijzing
    assert db.session.query(Toewijzing).one().start_zorg is None


def test_without_a_302_in_3_werkdagen_the_backoffice_gets_a_task(app, consulent, person, monkeypatch):
    due = datetime.now(timezone.utc) + timedelta(seconds=4)
    monkeypatch.setattr(toewijzen, "end_of_day", lambda day: due)  # the 3-werkdagen term, shortened to seconds
    zaak_id, aanbieder, _ = toewijzing_sent(app, consulent, person)
    monkeypatch.undo()
    [sent] = aanbieder.outbox("opgehaald")
    assert date.fromisoformat(sent["antwoord_uiterlijk"]) == add_working_days(date.today(), 3)
    assert fire_due_timers() == 0
    assert not db.session.query(HumanTask).filter_by(zaak_id=zaak_id, status="open", lane="backoffice").all()
    time.sleep(max(0.0, (due - datetime.now(timezone.utc)).total_seconds()) + 0.1)
    assert fire_due_timers() == 1
    [task] = db.session.query(HumanTask).filter_by(zaak_id=zaak_id, status="open", lane="backoffice")
    assert task.spec_name == "retour_ontbreekt" and "3 werkdagen" in task.instructions


def test_a_stop_after_the_start_ends_the_care_and_a_stop_without_a_start_gets_9069(app, consulent, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    early = aanbieder.send(stop_zorg(xml_301, "E307-1", first_of_last_month(), date.today()))
    assert validate(aanbieder.retour(early.json["id"]).data).message.client.stop_producten[0].retour_codes == ["9069"]
    aanbieder.send(start_zorg(xml_301, "S305-1", first_of_last_month()))
    stop = aanbieder.send(stop_zorg(xml_301, "E307-2", first_of_last_month(), date.today()))
    retour = validate(aanbieder.retour(stop.json["id"]).data)
    assert retour.valid and retour.nummer == "308" and retour.message.header.retour_codes == []
    toewijzing = db.session.query(Toewijzing).one()
    assert (toewijzing.status, toewijzing.stop_zorg, toewijzing.reden_beeindiging) == ("gestopt", date.today(), "31")
    assert "Zorg gestopt" in " ".join(e.summary for e in db.session.get(Zaak, zaak_id).events)


def test_a_message_whose_handling_crashed_is_handled_once_when_run_again(app, consulent, person, monkeypatch):
    from app.services.exchange.handlers import HANDLERS
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)

    def crash(*args):
        raise RuntimeError("worker lost its database connection")

    monkeypatch.setitem(HANDLERS, "305", crash)
    sent = aanbieder.send(start_zorg(xml_301, "S305-1", first_of_last_month()))
    assert sent.status_code == 202
    stored = db.session.get(Bericht, sent.json["id"])
    assert stored.status == "ontvangen" and "opnieuw verwerkt" in stored.fouten[0]
    assert aanbieder.retour(sent.json["id"]).status_code == 202
    monkeypatch.undo()
    result = app.test_cli_runner().invoke(args=["berichten-verwerken"])
    assert result.exit_code == 0 and f"{stored.id}: verwerkt" in result.output
    assert app.test_cli_runner().invoke(args=["berichten-verwerken"]).output.startswith("0 ")
    db.session.refresh(stored)
    assert stored.status == "verwerkt" and stored.fouten is None
    assert db.session.query(Toewijzing).one().status == "gestart"
    assert db.session.query(Bericht).filter_by(richting="uit", nummer="306").count() == 1
