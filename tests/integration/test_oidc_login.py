"""OpenID Connect login against a real provider running in a thread: the BSN claim logs in the inwoner."""
from urllib.parse import urlparse

import pytest
import requests

from app import db
from app.models import User
from oidc_provider import Provider


@pytest.fixture
def provider(app):
    with Provider(client_id="cumulus-test", client_secret="geheim", bsn="999900006") as p:
        old = {k: app.config[k] for k in ("OIDC_DISCOVERY_URL", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET")}
        app.config.update(OIDC_DISCOVERY_URL=p.discovery_url, OIDC_CLIENT_ID="cumulus-test", OIDC_CLIENT_SECRET="geheim")
        yield p
        app.config.update(old)


def _login(client, provider):
    start = client.get("/auth/digid")
    assert start.status_code == 302 and start.location.startswith(provider.issuer)
    back = requests.get(start.location, allow_redirects=False, timeout=10)
    assert back.status_code == 302
    callback = urlparse(back.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")


def test_an_inwoner_logs_in_with_the_bsn_from_a_signed_id_token(app, provider, person):
    client = app.test_client()
    assert "Inloggen met DigiD" in client.get("/auth/inloggen").get_data(as_text=True)
    response = _login(client, provider)
    assert response.status_code == 302 and response.location.endswith("/mijn/")
    assert provider.token_requests == 1
    page = client.get("/mijn/").get_data(as_text=True)
    assert "Mijn zaken" in page and person.naam in page  # the demo inwoner with BSN 999900006


def test_an_unknown_bsn_is_refused_in_dutch(app, provider):
    from app.services.demo_data import INWONERS, INWONERS_OUDEWATER, demo_bsns
    provider.bsn = demo_bsns(len(INWONERS) + len(INWONERS_OUDEWATER) + 1)[-1]  # passes the elfproef, nobody has it
    client = app.test_client()
    response = _login(client, provider)
    assert response.status_code == 403
    assert "Wij kennen u (nog) niet als inwoner" in response.get_data(as_text=True)
    assert client.get("/mijn/").status_code == 302  # not logged in: sent to the login page


def test_a_first_login_makes_an_inwoner_account_for_the_person(app, provider):
    from app.models import Person
    other = db.session.query(Person).order_by(Person.id).offset(2).first()
    provider.bsn = other.bsn
    client = app.test_client()
    assert _login(client, provider).status_code == 302
    account = db.session.query(User).filter_by(person_id=other.id).one()
    assert account.has_role("inwoner") and account.password_hash is None


def test_a_forged_callback_without_the_state_is_refused(app, provider):
    client = app.test_client()
    client.get("/auth/digid")
    response = client.get("/auth/digid/terug?code=verzonnen&state=verkeerd")
    assert response.status_code == 403 and "niet gelukt" in response.get_data(as_text=True)
    assert provider.token_requests == 0


def test_production_refuses_the_development_password_login_for_inwoners(app):
    app.config["DEMO_ALLOWED"] = False
    try:
        response = app.test_client().post("/auth/inloggen", data={"gebruikersnaam": "inwoner", "wachtwoord": "demo"})
    finally:
        app.config["DEMO_ALLOWED"] = True
    assert response.status_code == 403 and "loggen in met DigiD" in response.get_data(as_text=True)


def test_someone_machtigd_by_bsn_logs_in_with_digid_and_acts_for_the_inwoner(app, provider, client_as):
    """The son lives elsewhere (no person here) and has no account: his first DigiD login makes one, linked."""
    from app.models import Machtiging
    from portal_data import SON_BSN
    mother = client_as("inwoner")
    granted = mother.post("/mijn/machtigingen", data={"naam": "Kees Bakker", "bsn": SON_BSN, "scope": "inzien"})
    assert granted.status_code == 302
    provider.bsn = SON_BSN
    client = app.test_client()
    try:
        assert _login(client, provider).status_code == 302
        assert client.get("/mijn/").location.endswith("/mijn/namens")
        assert "Johanna Maria Bakker" in client.get("/mijn/namens").get_data(as_text=True)
        account = db.session.query(Machtiging).one().gemachtigde
        assert account.role_list() == ["gemachtigde"] and account.display_name == "Kees Bakker"
        assert SON_BSN not in account.username
    finally:
        db.session.query(Machtiging).delete()  # accounts stay between tests (their log rows point at them): retire it
        db.session.query(User).filter(User.username.like("digid-%")).update({"active": False, "roles": ""},
                                                                           synchronize_session=False)
        db.session.commit()


def test_granting_says_the_same_whether_or_not_the_person_has_an_account(client_as, users):
    """No answer tells the inwoner (or someone trying BSNs) who uses the portal."""
    from app.models import Machtiging, Person
    mother = client_as("inwoner")
    with_account = db.session.query(Person).order_by(Person.id).offset(1).first()  # a demo inwoner
    answers = []
    for bsn in (with_account.bsn, "999990032"):
        response = mother.post("/mijn/machtigingen", data={"naam": "Iemand", "bsn": bsn, "scope": "inzien"},
                               follow_redirects=True)
        page = response.get_data(as_text=True)
        answers.append(page[page.rindex("Gelukt: "):].split("</p>")[0])
    assert answers[0] == answers[1] and "U heeft Iemand gemachtigd" in answers[0]
    db.session.query(Machtiging).delete()
    db.session.commit()
