"""A real `flask worker` process against TEST_REDIS_URL, for the exchange tests that need one:
started in its own process group so a test can stop it politely or kill it outright."""
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="TEST_REDIS_URL is not set (.ci/run starts a Redis)")


@pytest.fixture
def redis_jobs(app):
    """Jobs go to the real Redis (emptied before and after) instead of running in the request."""
    from redis import Redis
    connection = Redis.from_url(REDIS_URL)
    connection.flushdb()
    previous, app.config["REDIS_URL"] = app.config["REDIS_URL"], REDIS_URL
    yield connection
    app.config["REDIS_URL"] = previous
    connection.flushdb()


def start_worker(database_url: str, burst: bool = False, log=None, **env) -> subprocess.Popen:
    """A `flask worker` process; its output goes to `log` (an open file) or to a pipe that `stop` reads."""
    full_env = {**os.environ, "REDIS_URL": REDIS_URL, "DATABASE_URL": database_url,
                "TEST_DATABASE_URL": database_url, "CUMULUS_ENV": "test", **env}
    args = [sys.executable, "-m", "flask", "--app", "wsgi", "worker", *(["--burst"] if burst else [])]
    return subprocess.Popen(args, cwd=ROOT, env=full_env, stdout=log or subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)


def stop(worker: subprocess.Popen, sig: int = signal.SIGTERM) -> str:
    """Signal the worker's whole process group (the worker and anything it started, e.g. a PDF helper); its output."""
    if worker.poll() is None:
        os.killpg(worker.pid, sig)
    output, _ = worker.communicate(timeout=60)
    return output.decode(errors="replace") if output is not None else ""


@contextmanager
def running_worker(database_url: str, **env):
    worker = start_worker(database_url, **env)
    try:
        yield worker
    finally:
        stop(worker)


def wait_for(predicate, timeout: float = 60.0, what: str = "condition"):
    """Poll `predicate` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout}s waiting for {what}")
