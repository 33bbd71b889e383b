"""Server-side web sessions as BIO asks: a new id at login, refused after logout (replayed cookie) and past
the idle and absolute limits (time travel with the app clock), no remember-cookie way around them, and the
session endpoints the page's warning uses."""
import re

from flask_login.utils import encode_cookie

from app import db
from app.models import WebSession

PAGE = "/werkvoorraad/"


def _login(client, username="consulent"):
    response = client.post("/auth/inloggen", data={"gebruikersnaam": username, "wachtwoord": "demo"})
    assert response.status_code == 302, response.data
    return client


def _sid(client) -> str:
    with client.session_transaction() as stored:
        return stored.get("sid")


def _copy_of(app, client):
    """A second browser holding a copy of `client`'s cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_the_session_id_changes_at_login_and_the_old_one_ends(app):
    client = app.test_client()
    client.get("/auth/inloggen")
    assert _sid(client) is None
    _login(client)
    first = _sid(client)
    copied = _copy_of(app, client)
    assert copied.get(PAGE).status_code == 200
    _login(client)  # logging in again (or as someone else) in the same browser
    assert _sid(client) not in (None, first)
    assert copied.get(PAGE).status_code == 302
    assert client.get(PAGE).status_code == 200


def test_a_cookie_copied_before_logout_is_refused_afterwards(app):
    client = _login(app.test_client())
    copied = _copy_of(app, client)
    assert copied.get(PAGE).status_code == 200
    assert client.post("/auth/uitloggen").status_code == 302
    replay = copied.get(PAGE)
    assert replay.status_code == 302 and "/auth/inloggen" in replay.headers["Location"]
    assert db.session.query(WebSession).count() == 0


def test_a_staff_session_ends_after_15_minutes_idle(app, clock):
    client = _login(app.test_client())
    clock.advance(minutes=14, seconds=50)
    assert client.get(PAGE).status_code == 200  # activity: the idle time starts again
    clock.advance(minutes=14, seconds=50)
    assert client.get(PAGE).status_code == 200
    clock.advance(minutes=15, seconds=1)
    ended = client.get(PAGE)
    assert ended.status_code == 302
    page = client.get(ended.headers["Location"]).get_data(as_text=True)
    assert "Uw sessie is verlopen" in page
    assert db.session.query(WebSession).count() == 0  # ended on the server, not only in the cookie


def test_a_staff_session_ends_after_8_hours_however_active(app, clock):
    client = _login(app.test_client())
    for _ in range(47):
        clock.advance(minutes=10)
        assert client.get(PAGE).status_code == 200
    clock.advance(minutes=10, seconds=1)  # 8 hours and a second after login
    assert client.get(PAGE).status_code == 302


def test_an_inwoner_session_has_only_the_idle_limit(app, clock):
    client = _login(app.test_client(), "inwoner")
    for _ in range(60):  # ten hours of steady use
        clock.advance(minutes=10)
        assert client.get("/mijn/").status_code == 200
    clock.advance(minutes=15, seconds=1)
    assert client.get("/mijn/").status_code == 302


def test_the_limits_come_from_the_configuration(app, clock):
    app.config["SESSION_IDLE_MINUTES"] = 5
    try:
        client = _login(app.test_client())
        clock.advance(minutes=5, seconds=1)
        assert client.get(PAGE).status_code == 302
    finally:
        app.config["SESSION_IDLE_MINUTES"] = 15


def test_a_form_posted_after_the_session_ended_says_so_and_leads_back_to_the_form(app, clock):
    client = _login(app.test_client())
    clock.advance(minutes=16)
    answer = client.post("/auth/profiel", data={"naam": "Mijn script"},
                         headers={"Referer": "http://localhost/auth/profiel"})
    assert answer.status_code == 302 and "next=/auth/profiel" in answer.headers["Location"]
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Wat u net verstuurde is niet opgeslagen" in page


def test_a_remember_cookie_does_not_bring_an_ended_session_back(app, users):
    client = _login(app.test_client())
    client.post("/auth/uitloggen")
    with app.test_request_context():
        remember = encode_cookie(str(users["consulent"].id))
    client.set_cookie("remember_token", remember)
    assert client.get(PAGE).status_code == 302


def test_the_status_endpoint_reads_without_extending_and_the_ping_extends(app, clock):
    client = _login(app.test_client())
    clock.advance(minutes=14)
    status = client.get("/auth/sessie").get_json()
    assert status == {"ingelogd": True, "resterende_seconden": 60}
    clock.advance(seconds=30)
    assert client.get("/auth/sessie").get_json()["resterende_seconden"] == 30  # reading did not extend
    extended = client.post("/auth/sessie/verlengen").get_json()
    assert extended == {"ingelogd": True, "resterende_seconden": 15 * 60}
    clock.advance(minutes=14)
    assert client.get(PAGE).status_code == 200
    clock.advance(minutes=16)
    assert client.get("/auth/sessie").get_json() == {"ingelogd": False, "resterende_seconden": 0}


def test_the_ping_needs_the_csrf_token(app):
    client = _login(app.test_client())
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert client.post("/auth/sessie/verlengen").status_code == 400
        page = client.get(PAGE).get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        assert client.post("/auth/sessie/verlengen", headers={"X-CSRFToken": token}).status_code == 200
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_pages_carry_the_session_warning_script_and_its_settings(app, clock):
    page = _login(app.test_client()).get(PAGE).get_data(as_text=True)
    assert re.search(r'<script src="/static/js/session-timeout\.js[^"]*" defer></script>', page)
    settings = re.search(r'<div id="cumulus-sessie"[^>]*>', page).group(0)
    assert 'data-resterend="900"' in settings and 'data-waarschuwing="120"' in settings
    assert "<script>" not in page  # no inline script


def test_someone_with_a_staff_role_besides_gets_the_staff_limits(app):
    from datetime import timedelta

    from app.models import User
    from app.services.web_sessions import limits_for
    assert limits_for(User(roles="inwoner")) == (timedelta(minutes=15), None)
    assert limits_for(User(roles="gemachtigde inwoner")) == (timedelta(minutes=15), None)
    assert limits_for(User(roles="inwoner consulent")) == (timedelta(minutes=15), timedelta(hours=8))
    assert limits_for(User(roles="aanbieder")) == (timedelta(minutes=15), timedelta(hours=8))
