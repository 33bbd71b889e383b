"""Production starts as the README's "Productie" section says, on an empty PostgreSQL database: only the
environment it names, `flask --app wsgi migrate`, `flask --app wsgi deploy`, `gunicorn wsgi:app` and a
`flask --app wsgi worker`, each a process of its own; and it refuses a development or short SECRET_KEY.
Needs TEST_PRODUCTION_DATABASE_URL (a database of its own, emptied here) and TEST_REDIS_URL (.ci/run sets both)."""
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from faults import ROOT, gunicorn, kill_tree

DATABASE_URL = os.environ.get("TEST_PRODUCTION_DATABASE_URL")
REDIS_URL = os.environ.get("TEST_REDIS_URL")
pytestmark = [pytest.mark.redis, pytest.mark.skipif(
    not (DATABASE_URL and REDIS_URL and os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")),
    reason="needs TEST_PRODUCTION_DATABASE_URL and TEST_REDIS_URL (.ci/run's PostgreSQL pass)")]
BIN = Path(sys.executable).parent


def _empty_database() -> None:
    engine = create_engine(DATABASE_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _production_env(**overrides) -> dict:
    """Nothing of the test run's own settings: the variables the README names, and PATH."""
    env = {"PATH": os.environ["PATH"], "LANG": os.environ.get("LANG", "C.UTF-8"), "CUMULUS_ENV": "production",
           "DATABASE_URL": DATABASE_URL, "REDIS_URL": REDIS_URL,
           "SECRET_KEY": secrets.token_urlsafe(48), "PSEUDONYM_KEY": secrets.token_urlsafe(48)}
    env.update(overrides)
    return env


def _flask(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def empty_redis():
    from redis import Redis
    connection = Redis.from_url(REDIS_URL)
    connection.flushdb()
    yield
    connection.flushdb()


def test_production_starts_as_the_readme_says_on_an_empty_database(empty_redis, tmp_path):
    _empty_database()
    env = _production_env()
    migrated = _flask(env, "migrate")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    deployed = _flask(env, "deploy")
    assert deployed.returncode == 0, deployed.stderr[-3000:]
    assert "wmo: versie 1 (nieuw)" in deployed.stdout and "jeugd: versie 1 (nieuw)" in deployed.stdout
    password = secrets.token_urlsafe(16)
    first = _flask(env, "gebruiker-aanmaken", "beheer", "--naam", "Eerste Beheerder", "--rol", "beheerder",
                   "--wachtwoord", password)
    assert first.returncode == 0 and "Medewerker 'beheer' aangemaakt" in first.stdout, first.stderr[-3000:]

    with open(tmp_path / "worker.log", "w+") as worker_log, open(tmp_path / "gunicorn.log", "w+") as web_log:
        worker = subprocess.Popen([str(BIN / "flask"), "--app", "wsgi", "worker"], cwd=ROOT, env=env,
                                  stdout=worker_log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            with gunicorn(env, 2, web_log) as (_, base_url):
                login = requests.get(f"{base_url}/auth/inloggen", timeout=30)
                assert login.status_code == 200, web_log.read()
                assert "Inloggen" in login.text
                assert _logs_in(base_url, login, "beheer", password)
                assert requests.get(f"{base_url}/api/v1/openapi.json", timeout=30).status_code == 200
            deadline = time.monotonic() + 120
            while "Listening on" not in (tmp_path / "worker.log").read_text():
                assert worker.poll() is None, (tmp_path / "worker.log").read_text()[-3000:]
                assert time.monotonic() < deadline, "the worker did not start listening in 120 s"
                time.sleep(0.2)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                kill_tree(worker.pid)


def _logs_in(base_url: str, login_page, username: str, password: str) -> bool:
    """The login form posted with its CSRF token; production then asks the staff member to set up the second
    factor (a TOTP code, computed here as an authenticator app would) before there is a session. Production
    marks its cookies Secure, which a client keeps off plain http, so the test hands them back itself
    (gunicorn here serves http on loopback)."""
    import pyotp
    jar = {c.name: c.value for c in login_page.cookies}

    def send(method: str, path: str, **kwargs):
        answer = requests.request(method, f"{base_url}{path}", allow_redirects=False, timeout=30,
                                  headers={"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())}, **kwargs)
        jar.update({c.name: c.value for c in answer.cookies})
        return answer

    token = re.search(r'name="csrf_token" value="([^"]+)"', login_page.text).group(1)
    answer = send("POST", "/auth/inloggen", data={"gebruikersnaam": username, "wachtwoord": password,
                                                  "csrf_token": token})
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/auth/tweede-stap"), answer.text
    assert send("GET", "/beheer/").status_code == 302, "the password alone gives no session"
    step = send("GET", "/auth/tweede-stap")
    secret = re.search(r'class="cumulus-secret">([A-Z2-7]+)<', step.text).group(1)
    token = re.search(r'name="csrf_token" value="([^"]+)"', step.text).group(1)
    answer = send("POST", "/auth/tweede-stap", data={"code": pyotp.TOTP(secret).now(), "csrf_token": token})
    return answer.status_code == 302 and send("GET", "/beheer/").status_code == 200


@pytest.mark.parametrize("secret_key,message", [
    ("dev-only-not-secret", "SECRET_KEY is niet ingesteld"),
    ("", "SECRET_KEY is niet ingesteld"),
    ("kort-maar-geheim", "SECRET_KEY is te kort"),
])
def test_production_refuses_to_start_with_a_development_or_short_secret_key(secret_key, message, tmp_path):
    env = _production_env(SECRET_KEY=secret_key)
    assert message in _flask(env, "migrate").stderr
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "w") as log:
        web = subprocess.Popen([str(BIN / "gunicorn"), "wsgi:app", "--bind", "127.0.0.1:0"], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            assert web.wait(timeout=120) != 0  # the workers cannot boot, so the arbiter stops
        finally:
            if web.poll() is None:
                kill_tree(web.pid)
    assert message in log_path.read_text()
