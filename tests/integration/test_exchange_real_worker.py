"""The exchange with a REAL rq worker process: the whole chain for Wmo and Jeugd with the
simulator on the HTTP API, and a worker killed (SIGKILL) mid-message then restarted — nothing
lost, nothing doubled. These tests skip without TEST_REDIS_URL (.ci/run's PostgreSQL pass runs them)."""
import os
import signal
from datetime import date
from pathlib import Path

import pytest

from app import db
from app.domain.sepa import validate_pain001
from app.models import Bericht, BetaalbatchRegel, Declaratie, Toewijzing
from app.services.betaalbatches import close_betaalbatch
from app.services.exchange.tokens import create_aanbieder_token
from app.simulator.aanbieder import Gedrag, SimulatedAanbieder
from app.simulator.berichten import answer_301, declaratie, leveringen, start_zorg
from app.simulator.cli import demo_tarieven
from app.simulator.client import AanbiederApi
from exchange_flow import AANBIEDER, aanbieder_client, beschikking, first_of_last_month
from live_server import serving
from real_worker import REDIS_URL, needs_redis, redis_jobs, running_worker, start_worker, stop, wait_for  # noqa: F401

pytestmark = [pytest.mark.redis, needs_redis]


@pytest.mark.parametrize("domein,prefix", [("wmo", "WMO"), ("jeugd", "JW")])
def test_the_chain_runs_through_the_api_the_simulator_and_a_real_worker(app, api_as, person, database_url,
                                                                        redis_jobs, domein, prefix):
    agb = AANBIEDER[domein]
    with running_worker(database_url), serving(app) as base_url:
        beschikking(api_as("consulent"), person.bsn, domein)
        api = AanbiederApi(base_url, create_aanbieder_token(agb))
        wait_for(lambda: api.outbox("nieuw"), what="the 301 in the outbox")
        simulator = SimulatedAanbieder(api, agb, demo_tarieven(), Gedrag(0, 0, 0), seed=4, wait_seconds=60)
        verslag = simulator.run()
    assert {v.bericht: v.retour for v in verslag.verzonden} == {
        f"{prefix}302": "aangenomen", f"{prefix}305": f"{prefix}306 ontvangen", f"{prefix}323": f"{prefix}325 ontvangen"}
    db.session.expire_all()
    assert db.session.query(Toewijzing).one().status == "gestart"
    assert {b.status for b in db.session.query(Bericht).filter_by(richting="in")} == {"verwerkt"}
    batch = close_betaalbatch(uitvoerdatum=date.today())
    assert batch.totaal_cent > 0 and len(batch.regels) == 1
    assert validate_pain001(batch.pain001_xml.encode()) == []


def test_a_worker_killed_mid_message_loses_nothing_and_doubles_nothing(app, api_as, person, database_url, tmp_path):
    app.config["REDIS_URL"] = None  # the 301, 302 and 305 are handled in the request
    beschikking(api_as("consulent"), person.bsn)
    aanbieder = aanbieder_client(app, AANBIEDER["wmo"])
    xml_301 = aanbieder.download(aanbieder.outbox("nieuw")[0]["id"]).data
    assert aanbieder.send(answer_301(xml_301, "K302", date.today())).status_code == 202
    assert aanbieder.send(start_zorg(xml_301, "K305", first_of_last_month())).status_code == 202
    [levering] = leveringen(xml_301)
    xml_323 = declaratie(AANBIEDER["wmo"], [(levering, 10, 3250)], first_of_last_month(), "KD1", "K323", date.today())

    from redis import Redis
    Redis.from_url(REDIS_URL).flushdb()
    app.config["REDIS_URL"] = REDIS_URL
    try:
        sent = aanbieder.send(xml_323)
        assert sent.status_code == 202
        bericht_id = sent.json["id"]
        release = tmp_path / "release"
        first = start_worker(database_url, CUMULUS_PAUSE_FILE=str(release))
        paused = Path(f"{release}.paused")
        wait_for(paused.exists, what="the worker to pause inside the handling of the 323")
        paused_id, handler = paused.read_text().split()
        assert paused_id == str(bericht_id) and int(handler) == first.pid  # the worker runs the job itself
        os.kill(int(handler), signal.SIGKILL)  # mid-transaction
        stop(first, signal.SIGKILL)
        assert first.returncode == -signal.SIGKILL

        db.session.expire_all()
        assert db.session.get(Bericht, bericht_id).status == "ontvangen"  # stored, not lost, not half-handled
        assert db.session.query(Declaratie).count() == 0

        restarted = start_worker(database_url, burst=True, BERICHT_HERSTEL_SECONDEN="0")
        output = stop(restarted) if restarted.wait(timeout=120) is None else restarted.communicate()[0].decode()
        assert restarted.returncode == 0, output[-2000:]
        again = start_worker(database_url, burst=True, BERICHT_HERSTEL_SECONDEN="0")  # a second restart: no-op
        assert again.wait(timeout=120) == 0
    finally:
        app.config["REDIS_URL"] = None
        Redis.from_url(REDIS_URL).flushdb()

    db.session.expire_all()
    bericht = db.session.get(Bericht, bericht_id)
    assert bericht.status == "verwerkt" and bericht.retour is not None
    assert db.session.query(Bericht).filter_by(richting="uit", berichtcode=bericht.retour.berichtcode).count() == 1
    assert db.session.query(Declaratie).count() == 1
    assert db.session.query(BetaalbatchRegel).count() == 1
    retour = aanbieder.retour(bericht_id)
    assert retour.status_code == 200 and b"DeclaratieAntwoord" in retour.data


def test_recovery_queues_again_only_a_bericht_whose_job_is_gone(app, api_as, person, redis_jobs):
    from rq import Queue

    from app.jobs.queue import QUEUE
    from app.services.exchange.recovery import requeue_waiting_berichten
    app.config["REDIS_URL"] = None
    beschikking(api_as("consulent"), person.bsn)
    aanbieder = aanbieder_client(app, AANBIEDER["wmo"])
    xml_301 = aanbieder.download(aanbieder.outbox("nieuw")[0]["id"]).data
    app.config["REDIS_URL"] = REDIS_URL
    queue = Queue(QUEUE, connection=redis_jobs)
    queue.empty()
    bericht_id = aanbieder.send(answer_301(xml_301, "Q302", date.today())).json["id"]
    with app.app_context():
        assert requeue_waiting_berichten(0) == []  # its drain job still waits on the queue: a backlog, not a loss
        queue.empty()  # the job is lost (a flushed Redis, a dead worker)
        assert requeue_waiting_berichten(0) == [bericht_id]
        assert requeue_waiting_berichten(0) == []  # queued once, not again
    assert [j.func_name for j in queue.get_jobs()] == ["app.jobs.tasks.handle_waiting_berichten_job"]  # one drain
