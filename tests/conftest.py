"""Shared fixtures: a migrated, seeded database (SQLite by default, PostgreSQL with TEST_DATABASE_URL),
an app context per test, clients logged in as a demo role, and a clean slate of cases per test."""
import os
from datetime import date

import pytest
from flask.testing import FlaskClient
from sqlalchemy import text

from app import create_app, db
from app.config import TestConfig
from app.migrate import upgrade
from app.models import Base, User

#: Reference data that stays between tests; every other table is emptied before each test.
KEEP_TABLES = {"user_account", "person", "aanbieder", "product", "process_definition", "processing_activity",
               "formulier_versie", "definitie_formulier",
               "gemeente", "user_gemeente", "user_wijk"}
#: The demo contracts stay too, unless a test changed them: then they are made again (see `_delete_cases`).
CONTRACT_TABLES = ("contract_tarief", "contract_product", "contract", "aanbieder_product", "aanbieder_gemeente")
KEEP_TABLES |= set(CONTRACT_TABLES)
_seeded_contracts: list = []  # the fingerprint of the demo contracts as last seeded
_seeded_persons: list = []  # the highest person id of the demo: persons a test made (e.g. a 315's client) go
_seeded_models: dict = {}  # the shipped models' latest versions: a version a test deploys or publishes of one goes


def _fresh_database(url: str) -> None:
    """Drop whatever a previous run left, then build the schema with the real migrations."""
    engine = db.make_engine(url)
    with engine.begin() as conn:
        Base.metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    upgrade(url)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('db') / 'cumulus.sqlite'}"


class IsolatedClient(FlaskClient):
    """Each request gets its own app context, as in production, even while a test holds one open; then the
    test waits until the in-process job thread (no Redis) has run what the request queued, as a user reading
    the next page would, so it reads the outcome deterministically. `app.test_client(drain=False)` does not wait."""

    def __init__(self, *args, drain: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.drain = drain

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        if self.drain:
            drain_jobs()
        return response


def drain_jobs() -> None:
    """Wait for the in-process job thread to run everything queued so far (nothing to wait for with Redis)."""
    from app.jobs import background
    assert background.drain(timeout=120), "the in-process jobs did not finish within two minutes"


@pytest.fixture(scope="session")
def app(database_url):
    _fresh_database(database_url)
    app = create_app(TestConfig, DATABASE_URL=database_url, WTF_CSRF_ENABLED=False,
                     SCRIPT_TIME_LIMIT=1.0)
    app.test_client_class = IsolatedClient
    from app.web.extensions import limiter
    limiter.reset()  # a Redis store keeps counts between runs
    with app.app_context():
        from app.services import demo_data, deployment
        demo_data.load_demo_data()
        deployment.deploy_directory(app.config["BPMN_DIR"])
        _seeded_contracts[:] = [_contract_fingerprint(db.session())]
        _seeded_persons[:] = [db.session.scalar(text("SELECT max(id) FROM person"))]
        _seeded_models.update(_model_versions(db.session()))
    return app


@pytest.fixture
def clean_db(app):
    """An app context on a database with no cases; users, people, catalogue and models stay.

    Folders whose tests use the database make this autouse in their own conftest.py."""
    with app.app_context():
        _delete_cases()
        yield
        db.session.remove()


def _delete_cases() -> None:
    session = db.session()
    postgresql = session.get_bind().dialect.name == "postgresql"
    for table in reversed(Base.metadata.sorted_tables):
        if table.name in KEEP_TABLES:
            continue
        if table.name == "processing_record" and postgresql:
            # Append-only: its trigger refuses DELETE; TRUNCATE is the owner's (the app role has no such grant).
            session.execute(text("TRUNCATE processing_record"))
        else:
            session.execute(table.delete())
    if _seeded_persons:  # what a test picks as 'the gemeente's inwoners' is the demo's, not an earlier test's
        session.execute(text("DELETE FROM person WHERE id > :seeded AND id NOT IN "
                             "(SELECT person_id FROM user_account WHERE person_id IS NOT NULL)"),
                        {"seeded": _seeded_persons[0]})
    session.commit()
    if _seeded_contracts and _contract_fingerprint(session) != _seeded_contracts[0]:
        _restore_demo_contracts(session)
    if _seeded_models and _model_versions(session, tuple(_seeded_models)) != _seeded_models:
        _restore_shipped_models(session)


def _model_versions(session, keys: tuple = ()) -> dict[str, int]:
    """{process key: latest version}, of `keys` only when given."""
    query = "SELECT key, max(version) FROM process_definition"
    if keys:
        query += " WHERE key IN (" + ", ".join(f"'{key}'" for key in keys) + ")"
    return dict(session.execute(text(query + " GROUP BY key")).all())


def _restore_shipped_models(session) -> None:
    """Every later test expects the shipped Wmo and Jeugd models as the latest: the versions a test deployed or
    published after them go (their cases are gone already), with the forms those versions bound."""
    for key, version in _seeded_models.items():
        newer = "SELECT id FROM process_definition WHERE key = :key AND version > :version"
        params = {"key": key, "version": version}
        session.execute(text(f"DELETE FROM definitie_formulier WHERE definition_id IN ({newer})"), params)
        session.execute(text("DELETE FROM process_definition WHERE key = :key AND version > :version"), params)
    session.commit()


def _contract_fingerprint(session) -> tuple:
    """Counts and highest ids of the contract tables: any added or changed tarief, contract, plafond, state
    or aanbieder changes it (cheap enough to ask before every test)."""
    return tuple(session.execute(text(
        "SELECT (SELECT count(*) FROM contract_tarief), (SELECT max(id) FROM contract_tarief), "
        "(SELECT count(*) FROM contract), (SELECT max(id) FROM contract), "
        "(SELECT count(*) FROM contract WHERE einddatum IS NOT NULL), (SELECT count(*) FROM aanbieder_product), "
        "(SELECT count(*) FROM aanbieder_gemeente WHERE status <> 'actief'), (SELECT max(id) FROM contract_product), "
        "(SELECT coalesce(sum(plafond_cent), 0) FROM contract_product), (SELECT count(*) FROM aanbieder)")).one())


def _restore_demo_contracts(session) -> None:
    """Only the demo aanbieders, each with its demo contracts again."""
    from app.models import Aanbieder
    from app.services.demo_contracten import DETAILS, restore_demo_contracten
    for name in CONTRACT_TABLES:
        session.execute(Base.metadata.tables[name].delete())
    session.execute(Aanbieder.__table__.delete().where(Aanbieder.agb_code.not_in(list(DETAILS))))
    restore_demo_contracten(session)
    session.commit()
    _seeded_contracts[:] = [_contract_fingerprint(session)]


@pytest.fixture
def users(app) -> dict[str, User]:
    return {u.username: u for u in db.session.query(User).all()}


@pytest.fixture
def client_as(app):
    """A test client logged in through the real login form as `username` (password 'demo')."""
    def make(username: str):
        client = app.test_client()
        response = client.post("/auth/inloggen", data={"gebruikersnaam": username, "wachtwoord": "demo"})
        assert response.status_code == 302, response.data
        return client
    return make


@pytest.fixture
def api_as(app, users):
    """A test client that sends a fresh personal API token of `username` with every call."""
    from app.services.accounts import create_api_token

    class Api:
        def __init__(self, username):
            self.client = app.test_client()
            self.headers = {"Authorization": f"Bearer {create_api_token(users[username], 'test')}"}

        def get(self, url, **kw):
            return self.client.get(url, headers=self.headers, **kw)

        def post(self, url, **kw):
            return self.client.post(url, headers=self.headers, **kw)
    return Api


class Clock:
    """The app's clock for one test: starts at the real time and moves only when told (time travel)."""

    def __init__(self):
        from app.models.base import utcnow
        self.at = utcnow()

    def __call__(self):
        return self.at

    def advance(self, **delta):
        from datetime import timedelta
        self.at += timedelta(**delta)


@pytest.fixture
def clock(app):
    app.config["CLOCK"] = travel = Clock()
    yield travel
    app.config["CLOCK"] = None


@pytest.fixture
def person(app):
    from app.models import Person
    return db.session.query(Person).order_by(Person.id).first()


def days_ago(n: int) -> date:
    from datetime import timedelta
    return date.today() - timedelta(days=n)
