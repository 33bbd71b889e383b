"""Inbound berichten handled in batches (services/exchange/batch.py) on either database: a batch handles what
waits, oldest first, in one transaction; one failing bericht costs the others nothing."""
from app import db
from app.models import Bericht, Declaratie
from exchange_flow import inline_jobs  # noqa: F401 — fixture
from test_fault_batch import CASES, _declaraties

def test_a_bericht_that_fails_in_a_batch_leaves_the_others_handled_once(app, api_as, monkeypatch):
    """One failing bericht rolls its batch back; the batch is then handled one by one, so the others are
    handled once and the failing one waits with a note (batch.py), for a retry of its own."""
    from app.services.exchange import batch, inbound
    aanbieder, declaraties = _declaraties(app, api_as)
    monkeypatch.setattr("app.jobs.drain.queue_handling", lambda bericht_id: None)  # stored, their job lost
    ids = [aanbieder.send(xml).json["id"] for xml in declaraties]
    real = inbound._handle

    def failing(session, bericht):
        if bericht.id == ids[2]:
            raise RuntimeError("boom")
        return real(session, bericht)

    monkeypatch.setattr(inbound, "_handle", failing)
    with app.app_context():
        statuses = batch.handle_waiting()
    assert statuses == {ids[0]: "verwerkt", ids[1]: "verwerkt", ids[2]: "ontvangen", ids[3]: "verwerkt"}
    db.session.expire_all()
    assert db.session.get(Bericht, ids[2]).fouten == ["Verwerking mislukt (RuntimeError); het bericht wordt "
                                                      "opnieuw verwerkt."]
    assert db.session.query(Declaratie).count() == CASES - 1
    with app.app_context():
        assert batch.handle_waiting() == {}  # a bericht with a failure note is not claimed by a batch again


def test_a_batch_takes_what_waits_oldest_first_and_up_to_its_limit(app, api_as, monkeypatch):
    from app.services.exchange import batch
    aanbieder, declaraties = _declaraties(app, api_as)
    monkeypatch.setattr("app.jobs.drain.queue_handling", lambda bericht_id: None)
    ids = [aanbieder.send(xml).json["id"] for xml in declaraties]
    with app.app_context():
        assert batch.handle_waiting(limit=3) == {bericht_id: "verwerkt" for bericht_id in ids[:3]}
        assert batch.handle_waiting(limit=3) == {ids[3]: "verwerkt"}
        assert batch.handle_waiting(limit=3) == {}
    db.session.expire_all()
    first = db.session.get(Bericht, ids[0])
    assert first.retour is not None and first.verwerkt_op == db.session.get(Bericht, ids[2]).verwerkt_op
    assert db.session.query(Declaratie).count() == CASES
