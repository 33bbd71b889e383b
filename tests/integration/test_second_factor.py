"""A staff password login with a second factor (TOTP, #13 points 3 and 8): where it is required (always in
production) the first login sets it up with a QR code and a code that proves it, later logins ask for a
code; a wrong or reused code is refused in Dutch and gives no session; a beheerder clears a lost one."""
import re
import time

import pyotp
import pytest
from sqlalchemy import select

from app import db
from app.config import ProductionConfig
from app.models import AuditRecord, LoginAttempt, User


@pytest.fixture
def required(app):
    app.config["TWEEDE_FACTOR_VERPLICHT"] = True
    yield
    app.config["TWEEDE_FACTOR_VERPLICHT"] = False


@pytest.fixture(autouse=True)
def _no_second_factors_left(app):
    yield
    app.config["TWEEDE_FACTOR_VERPLICHT"] = False
    db.session.rollback()
    for user in db.session.scalars(select(User).where(User.totp_secret.is_not(None))):
        user.totp_secret, user.totp_last_step = None, None
    db.session.commit()


def _password(client, username="consulent"):
    return client.post("/auth/inloggen", data={"gebruikersnaam": username, "wachtwoord": "demo"})


def _logged_in(client) -> bool:
    return client.get("/werkvoorraad/").status_code == 200


def _secret(page: str) -> str:
    return re.search(r'class="cumulus-secret">([A-Z2-7]+)<', page).group(1)


def _set_up(app, username="consulent") -> str:
    """The second factor set up at a login where it was required; its secret."""
    client, required_before = app.test_client(), app.config["TWEEDE_FACTOR_VERPLICHT"]
    app.config["TWEEDE_FACTOR_VERPLICHT"] = True
    try:
        _password(client, username)
    finally:
        app.config["TWEEDE_FACTOR_VERPLICHT"] = required_before
    secret = _secret(client.get("/auth/tweede-stap").get_data(as_text=True))
    assert client.post("/auth/tweede-stap", data={"code": pyotp.TOTP(secret).now()}).status_code == 302
    return secret


def test_production_always_requires_the_second_factor(monkeypatch):
    monkeypatch.setenv("TWEEDE_FACTOR_VERPLICHT", "0")
    assert ProductionConfig.TWEEDE_FACTOR_VERPLICHT is True


def test_the_first_login_sets_it_up_and_only_a_right_code_gives_a_session(app, required, users):
    client = app.test_client()
    response = _password(client)
    assert response.status_code == 302 and response.location.endswith("/auth/tweede-stap")
    assert not _logged_in(client), "the password alone gives no session"
    page = client.get("/auth/tweede-stap")
    body = page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store" and "<svg" in body and "Tweede factor instellen" in body
    secret = _secret(body)
    wrong = client.post("/auth/tweede-stap", data={"code": "000000" if pyotp.TOTP(secret).now() != "000000"
                                                    else "111111"})
    assert wrong.status_code == 400 and "De code klopt niet of is verlopen" in wrong.get_data(as_text=True)
    assert client.post("/auth/tweede-stap", data={"code": "12ab"}).status_code == 400
    assert not _logged_in(client)
    assert client.post("/auth/tweede-stap", data={"code": pyotp.TOTP(secret).now()}).status_code == 302
    assert _logged_in(client)
    db.session.expire_all()
    user = db.session.get(User, users["consulent"].id)
    assert user.totp_secret and secret not in user.totp_secret, "stored encrypted"
    assert db.session.scalar(select(AuditRecord.changes).where(
        AuditRecord.object_id == user.id, AuditRecord.action == "gebruiker.tweede_factor")) == \
        {"tweede factor": [None, "ingesteld"]}


def test_a_later_login_asks_the_code_and_a_code_is_never_accepted_twice(app, users):
    secret = _set_up(app)
    client = app.test_client()
    response = _password(client)  # not required here: set up, so asked all the same
    assert response.location.endswith("/auth/tweede-stap")
    assert "Code uit uw app" in client.get("/auth/tweede-stap").get_data(as_text=True)
    code = pyotp.TOTP(secret).now()
    refused = client.post("/auth/tweede-stap", data={"code": code})  # the code the set-up just used
    if refused.status_code == 302:  # the 30-second step turned over in between: a fresh code, used twice
        other = app.test_client()
        _password(other)
        refused = other.post("/auth/tweede-stap", data={"code": code})
    assert refused.status_code == 400 and "De code klopt niet" in refused.get_data(as_text=True)
    failures = db.session.scalars(select(LoginAttempt).where(LoginAttempt.username == "2fa:consulent",
                                                             LoginAttempt.success.is_(False))).all()
    assert failures, "a wrong code counts as a failed login"


def test_the_second_step_expires_after_five_minutes(app, required):
    client = app.test_client()
    _password(client)
    with client.session_transaction() as cookie:
        cookie["tweede_stap"]["at"] = time.time() - 301
        cookie.modified = True
    response = client.get("/auth/tweede-stap")
    assert response.status_code == 302 and response.location.endswith("/auth/inloggen")
    assert not _logged_in(client)


def test_a_beheerder_clears_a_lost_second_factor_and_it_is_set_up_again(app, client_as, users):
    beheerder = client_as("beheerder")
    _set_up(app)
    app.config["TWEEDE_FACTOR_VERPLICHT"] = True
    page = beheerder.get(f"/beheer/medewerkers/{users['consulent'].id}").get_data(as_text=True)
    assert "Tweede factor wissen (telefoon kwijt)" in page
    beheerder.post(f"/beheer/medewerkers/{users['consulent'].id}/tweede-factor-wissen")
    client = app.test_client()
    _password(client)
    assert "Tweede factor instellen" in client.get("/auth/tweede-stap").get_data(as_text=True)
    app.config["TWEEDE_FACTOR_VERPLICHT"] = False


def test_it_can_be_set_up_from_the_profile(app, client_as):
    client = client_as("backoffice")
    assert "Tweede factor instellen" in client.get("/auth/profiel").get_data(as_text=True)
    secret = _secret(client.get("/auth/tweede-factor").get_data(as_text=True))
    assert client.post("/auth/tweede-factor", data={"code": ""}).status_code == 400
    assert client.post("/auth/tweede-factor", data={"code": pyotp.TOTP(secret).now()}).status_code == 302
    assert "Ingesteld: inloggen vraagt een code" in client.get("/auth/profiel").get_data(as_text=True)
