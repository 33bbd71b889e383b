"""Fault test: a worker SIGKILLed in the middle of a batch of inbound berichten (services/exchange/batch.py) —
the first bericht of the batch handled and its effects flushed, the others not yet — loses nothing and doubles
nothing: every bericht of the batch is still 'ontvangen' without effects, and a restarted worker handles each
exactly once, with one retour each. Needs TEST_REDIS_URL (a real rq worker); PostgreSQL for SKIP LOCKED."""
import os
import signal
from datetime import date
from pathlib import Path

import pytest

from app import db
from app.models import Bericht, BetaalbatchRegel, Declaratie, Prestatie, ProcessingRecord
from app.services.demo_data import WOERDEN
from app.simulator.berichten import answer_301, declaratie, leveringen, start_zorg
from exchange_flow import AANBIEDER, aanbieder_client, beschikking, first_of_last_month, inline_jobs  # noqa: F401
from faults import kill_tree, needs_postgres_and_redis
from real_worker import REDIS_URL, start_worker, stop, wait_for
from retentie_data import new_person

pytestmark = [pytest.mark.redis, pytest.mark.faults, needs_postgres_and_redis]
CASES = 4
AGB = AANBIEDER["wmo"]


def _declaraties(app, api_as) -> tuple[object, list[bytes]]:
    """CASES toewijzingen accepted and started (handled in the app's process: inline_jobs), and a 323 for each,
    not sent yet."""
    api = api_as("consulent")
    for _ in range(CASES):
        beschikking(api, new_person(WOERDEN, "Batch").bsn)
    aanbieder = aanbieder_client(app, AGB)
    xmls = [aanbieder.download(item["id"]).data for item in sorted(aanbieder.outbox("nieuw"), key=lambda i: i["id"])]
    assert len(xmls) == CASES
    for n, xml in enumerate(xmls):
        assert aanbieder.send(answer_301(xml, f"B302-{n}", date.today())).status_code == 202
        assert aanbieder.send(start_zorg(xml, f"B305-{n}", first_of_last_month())).status_code == 202
    assert {b.status for b in db.session.query(Bericht).filter_by(richting="in")} == {"verwerkt"}
    return aanbieder, [declaratie(AGB, [(lev, 10, 3250) for lev in leveringen(xml)], first_of_last_month(),
                                  f"BD{n}", f"B323-{n}", date.today()) for n, xml in enumerate(xmls)]


def test_a_worker_killed_in_the_middle_of_a_batch_loses_nothing_and_doubles_nothing(app, api_as, database_url,
                                                                                    tmp_path):
    from redis import Redis
    aanbieder, declaraties = _declaraties(app, api_as)
    log_before = db.session.query(ProcessingRecord).count()
    connection = Redis.from_url(REDIS_URL)
    connection.flushdb()
    app.config["REDIS_URL"] = REDIS_URL
    first = None
    try:
        ids = [aanbieder.send(xml).json["id"] for xml in declaraties]  # stored raw; one drain job waits
        release = tmp_path / "release"
        first = start_worker(database_url, CUMULUS_PAUSE_FILE=str(release), CUMULUS_PAUSE_MID_BATCH="1")
        paused = Path(f"{release}.paused")
        wait_for(paused.exists, what="the worker to pause in the middle of a batch")
        done, claimed, pid = paused.read_text().split()
        assert done == str(ids[0]) and claimed == ",".join(map(str, ids)) and int(pid) == first.pid
        assert kill_tree(first.pid)  # one bericht of four handled and flushed, nothing committed
        stop(first, signal.SIGKILL)
        assert first.returncode == -signal.SIGKILL

        db.session.expire_all()
        assert {b.status for b in db.session.query(Bericht).filter(Bericht.id.in_(ids))} == {"ontvangen"}
        assert db.session.query(Declaratie).count() == 0 and db.session.query(Prestatie).count() == 0
        assert db.session.query(ProcessingRecord).count() == log_before

        restarted = start_worker(database_url, burst=True, BERICHT_HERSTEL_SECONDEN="0")
        output = stop(restarted) if restarted.wait(timeout=120) is None else restarted.communicate()[0].decode()
        assert restarted.returncode == 0, output[-2000:]
        assert "Batch of 4 berichten handled" in output, output[-2000:]  # the batch again, whole
        again = start_worker(database_url, burst=True, BERICHT_HERSTEL_SECONDEN="0")  # a second restart: no-op
        assert again.wait(timeout=120) == 0
    finally:
        if first is not None and first.poll() is None:  # a failed assertion must not leave a paused worker behind
            kill_tree(first.pid)
        app.config["REDIS_URL"] = None
        connection.flushdb()
    db.session.expire_all()
    berichten = db.session.query(Bericht).filter(Bericht.id.in_(ids)).all()
    assert {b.status for b in berichten} == {"verwerkt"}
    assert len({b.retour_id for b in berichten}) == CASES and None not in {b.retour_id for b in berichten}
    assert db.session.query(Bericht).filter_by(richting="uit", nummer="325").count() == CASES  # no retour twice
    assert db.session.query(Declaratie).count() == CASES
    assert db.session.query(Prestatie).count() == CASES
    assert db.session.query(BetaalbatchRegel).count() == CASES
    for bericht_id in ids:
        retour = aanbieder.retour(bericht_id)
        assert retour.status_code == 200 and b"DeclaratieAntwoord" in retour.data

