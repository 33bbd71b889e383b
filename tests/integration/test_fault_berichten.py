"""Fault test: rq workers SIGKILLed at random moments (mostly inside the uncommitted transaction that handles a bericht) while a burst of 201
inbound berichten arrives through the aanbieder API — after recovery every bericht is stored once and
handled once, has its one retour, and no effect is doubled. PostgreSQL + Redis only (.ci/run's second pass)."""
import os
import signal
import time
from datetime import date

import pytest
import sqlalchemy
import sqlalchemy.pool
from rq import Queue

from app import db
from app.jobs.queue import QUEUE
from app.models import Bericht, BetaalbatchRegel, Declaratie, HumanTask, Prestatie, Toewijzing
from app.services.demo_data import WOERDEN
from app.services.meldingen import submit_melding
from app.services.tasks import complete_task
from app.simulator.berichten import answer_301, declaratie, leveringen, new_in_each, start_zorg
from case_data import form_data
from exchange_flow import AANBIEDER, PRODUCT, aanbieder_client, first_of_last_month
from faults import fault_rng, kill_tree, needs_postgres_and_redis  # noqa: F401 — fixture
from real_worker import redis_jobs, start_worker, stop, wait_for  # noqa: F401 — fixture
from retentie_data import new_person

pytestmark = [pytest.mark.redis, pytest.mark.faults, needs_postgres_and_redis]
CASES = 67  # three waves (302, 305, 323) of 67: 201 inbound berichten
WORKERS = 2
KILLS_PER_WAVE = 2  # one while the wave is posted, one while it is handled
AGB = AANBIEDER["wmo"]


def _beschikkingen(users, count: int) -> None:
    """`count` Wmo cases through the service layer to a beschikking in natura for AGB (its 301 in the outbox)."""
    consulent = users["consulent"]
    # a client of its own per case (one 01A03 per client and period, TR302), with an address (TR006)
    people = [new_person(WOERDEN, "Storing").id for _ in range(count)]
    for n in range(count):
        zaak_id = submit_melding(consulent, person_id=people[n % len(people)], domein="wmo",
                                 omschrijving="Hulp bij het huishouden.", kanaal="telefoon").id
        while (task := db.session.query(HumanTask).filter_by(zaak_id=zaak_id, status="open")
               .order_by(HumanTask.id).first()) is not None:
            data = form_data(task.spec_name, kosten=1000)
            if task.spec_name == "aanvraag_registreren":
                data.update(productcode=PRODUCT["wmo"], aanbieder=AGB, ingangsdatum=first_of_last_month().isoformat())
            complete_task(consulent, task.id, data)
            db.session.remove()


class Workers:
    """WORKERS real `flask worker` processes; `kill_one` SIGKILLs one at a random moment, mostly while its
    transaction has written and not committed (seen in pg_stat_activity: each worker connects under an
    application_name of its own, and a transaction that wrote has a backend_xid), so that the kill loses that
    handling; it then starts a new one, which (BERICHT_HERSTEL_SECONDEN=0) queues again what the dead one held."""

    def __init__(self, database_url: str, rng, log_path):
        self.database_url, self.rng, self.killed, self.mid_transaction, self.started = database_url, rng, [], 0, 0
        self.watch = sqlalchemy.create_engine(database_url, poolclass=sqlalchemy.pool.NullPool)
        self.log = open(log_path, "w+")
        self.processes = [self._start() for _ in range(WORKERS)]

    def _start(self):
        self.started += 1
        name = f"fault-worker-{self.started}"
        return name, start_worker(self.database_url, log=self.log, BERICHT_HERSTEL_SECONDEN="0", PGAPPNAME=name)

    def _writing(self, connection) -> set[str]:
        """The workers whose database session is inside a transaction that has written something."""
        names = [name for name, _ in self.processes]
        return set(connection.execute(sqlalchemy.text(
            "select application_name from pg_stat_activity where application_name = any(:names)"
            " and backend_xid is not null"), {"names": names}).scalars())

    def kill_one(self) -> None:
        """Kill the first worker seen writing (after a random pause of up to a millisecond), or a random
        one when none writes within 5 s."""
        with self.watch.connect() as connection:
            deadline = time.monotonic() + 5
            while not (writing := self._writing(connection)) and time.monotonic() < deadline:
                time.sleep(0.001)
            names = [name for name, _ in self.processes]
            index = names.index(min(writing)) if writing else self.rng.randrange(len(self.processes))
            name, process = self.processes[index]
            time.sleep(self.rng.uniform(0, 0.001))
            os.kill(process.pid, signal.SIGSTOP)  # frozen: what pg_stat_activity shows now is what the kill ends
            self.mid_transaction += name in self._writing(connection)
            self.killed.append(kill_tree(process.pid))
        process.wait(timeout=30)
        self.processes[index] = self._start()

    def stop(self) -> str:
        for _, process in self.processes:
            stop(process)
        self.watch.dispose()
        self.log.seek(0)
        output = self.log.read()
        self.log.close()
        return output


def _send_wave(aanbieder, messages: list[bytes], workers: Workers, rng) -> list[int]:
    """Post every message; kill a worker before randomly chosen posts and once more while they are handled."""
    kill_before = set(rng.sample(range(1, len(messages)), KILLS_PER_WAVE - 1))  # after a first post: work to hit
    ids = []
    for n, xml in enumerate(messages):
        if n in kill_before:
            workers.kill_one()
        response = aanbieder.send(xml)
        assert response.status_code == 202, response.json
        ids.append(response.json["id"])
    part = rng.randrange(len(ids) // 2, len(ids))
    wait_for(lambda: _handled(ids) >= part, timeout=120, what="part of the wave to be handled")
    workers.kill_one()
    wait_for(lambda: _handled(ids) == len(ids), timeout=120, what="every bericht of the wave to be handled")
    return ids


def _handled(ids: list[int]) -> int:
    db.session.expire_all()
    count = db.session.query(Bericht).filter(Bericht.id.in_(ids), Bericht.status != "ontvangen").count()
    db.session.rollback()
    return count


def test_workers_killed_during_a_burst_of_berichten_lose_nothing_and_double_nothing(
        app, users, database_url, redis_jobs, fault_rng, tmp_path):
    _beschikkingen(users, CASES)
    redis_jobs.flushdb()  # the letters the beschikkingen queued are not this test's business
    aanbieder = aanbieder_client(app, AGB)
    outbox = aanbieder.outbox("nieuw")
    assert len(outbox) == CASES
    xmls = [aanbieder.download(item["id"]).data for item in sorted(outbox, key=lambda item: item["id"])]
    new = new_in_each(xmls)  # a person with several cases: each 301 repeats the earlier toewijzingen (OP087)
    waves = {
        "302": [answer_301(x, f"F302-{n}", date.today()) for n, x in enumerate(xmls)],
        "305": [start_zorg(x, f"F305-{n}", first_of_last_month(), new[n]) for n, x in enumerate(xmls)],
        "323": [declaratie(AGB, [(lev, 10, 3250) for lev in leveringen(x, new[n])], first_of_last_month(), f"FD{n}",
                           f"F323-{n}", date.today()) for n, x in enumerate(xmls)],
    }
    workers = Workers(database_url, fault_rng, tmp_path / "workers.log")
    posted = {}
    try:
        for code, messages in waves.items():  # a wave is handled before the next: the order the standard asks
            posted[code] = _send_wave(aanbieder, messages, workers, fault_rng)
    finally:
        log = workers.stop()
    assert len(workers.killed) == 3 * KILLS_PER_WAVE
    # a kill inside a transaction that wrote ends an uncommitted handling: what follows proves it was not lost
    print("MIDTX", workers.mid_transaction, len(workers.killed))
    assert workers.mid_transaction, "no kill fell inside the handling of a bericht: the test proved nothing"

    db.session.expire_all()
    all_ids = [i for ids in posted.values() for i in ids]
    inbound = db.session.query(Bericht).filter_by(richting="in").all()
    assert sorted(b.id for b in inbound) == sorted(all_ids) and len(set(all_ids)) == 3 * CASES  # stored once
    not_done = {b.id: (b.status, b.fouten) for b in inbound if b.status != "verwerkt"}
    assert not_done == {}, log[-3000:]
    answered = [b for b in inbound if b.id not in posted["302"]]
    assert all(b.retour_id is not None for b in answered)
    assert len({b.retour_id for b in answered}) == 2 * CASES  # one retour each, none shared
    outbound = db.session.query(Bericht).filter_by(richting="uit").count()
    assert outbound == CASES + 2 * CASES  # the 301s and one 306 or 325 per bericht: no retour written twice
    assert {t.status for t in db.session.query(Toewijzing)} == {"gestart"}
    assert db.session.query(Toewijzing).count() == CASES
    assert db.session.query(Declaratie).count() == CASES
    assert db.session.query(Prestatie).count() == CASES
    assert db.session.query(BetaalbatchRegel).count() == CASES
    assert Queue(QUEUE, connection=redis_jobs).count == 0  # nothing left waiting
    for bericht_id in fault_rng.sample(posted["323"], 5):
        retour = aanbieder.retour(bericht_id)
        assert retour.status_code == 200 and b"DeclaratieAntwoord" in retour.data
