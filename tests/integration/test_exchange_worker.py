"""The inbound pipeline with a real Redis and a real rq worker process: the POST only stores the
message; the worker handles it after the commit and the retour appears."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import db
from app.models import Bericht
from app.simulator.berichten import start_zorg
from exchange_flow import first_of_last_month, toewijzing_sent

REDIS_URL = os.environ.get("TEST_REDIS_URL")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.redis
@pytest.mark.skipif(not REDIS_URL, reason="TEST_REDIS_URL is not set (.ci/run starts a Redis)")
def test_a_posted_message_waits_for_the_worker_and_is_answered_after_it_ran(app, api_as, person, database_url):
    from redis import Redis
    _, aanbieder, xml_301 = toewijzing_sent(app, api_as("consulent"), person)
    connection = Redis.from_url(REDIS_URL)
    connection.flushdb()
    previous, app.config["REDIS_URL"] = app.config["REDIS_URL"], REDIS_URL
    try:
        sent = aanbieder.send(start_zorg(xml_301, "S305-W", first_of_last_month()))
    finally:
        app.config["REDIS_URL"] = previous
    assert sent.status_code == 202
    assert aanbieder.retour(sent.json["id"]).status_code == 202  # stored, not handled yet
    env = {**os.environ, "REDIS_URL": REDIS_URL, "DATABASE_URL": database_url, "TEST_DATABASE_URL": database_url,
           "CUMULUS_ENV": "test"}
    worker = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    connection.flushdb()
    assert worker.returncode == 0, worker.stderr[-2000:]
    db.session.expire_all()
    assert db.session.get(Bericht, sent.json["id"]).status == "verwerkt"
    retour = aanbieder.retour(sent.json["id"])
    assert retour.status_code == 200 and b"Bericht" in retour.data
