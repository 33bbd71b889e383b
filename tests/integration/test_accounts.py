"""Accounts: login with argon2, CSRF, cookies, API tokens, production safety (the login backoff and the token
expiry and scope have their own files)."""
import re
import subprocess
import sys

import pytest

from app import create_app, db
from app.config import ProductionConfig, TestConfig
from app.models import ApiToken, User


def test_passwords_are_stored_as_argon2_hashes(users):
    assert users["consulent"].password_hash.startswith("$argon2id$")


def test_a_wrong_password_gets_one_dutch_message_and_no_session(app):
    client = app.test_client()
    response = client.post("/auth/inloggen", data={"gebruikersnaam": "consulent", "wachtwoord": "fout"})
    assert response.status_code == 400
    assert "Gebruikersnaam of wachtwoord klopt niet" in response.get_data(as_text=True)
    assert client.get("/werkvoorraad/").status_code == 302


def test_session_cookie_is_httponly_and_samesite(client_as):
    client = client_as("consulent")
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax"


def test_logout_ends_the_session(client_as):
    client = client_as("consulent")
    assert client.post("/auth/uitloggen").status_code == 302
    assert client.get("/werkvoorraad/").status_code == 302


def test_every_form_needs_the_csrf_token(app, database_url):
    strict = app.test_client()
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = strict.post("/auth/inloggen", data={"gebruikersnaam": "consulent", "wachtwoord": "demo"})
        assert response.status_code == 400 and "verlopen" in response.get_data(as_text=True)
        page = strict.get("/auth/inloggen").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        ok = strict.post("/auth/inloggen", data={"gebruikersnaam": "consulent", "wachtwoord": "demo",
                                                 "csrf_token": token})
        assert ok.status_code == 302
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_a_user_creates_and_revokes_a_token_on_the_profile_page(client_as, users):
    client = client_as("consulent")
    page = client.post("/auth/profiel", data={"naam": "Mijn script"}).get_data(as_text=True)
    token = re.search(r'<code id="nieuwe-sleutel">([^<]+)</code>', page).group(1)
    api = {"Authorization": f"Bearer {token}"}
    assert client.application.test_client().get("/api/v1/taken", headers=api).status_code == 200
    row = db.session.query(ApiToken).filter_by(user_id=users["consulent"].id, name="Mijn script").one()
    assert row.token_hash != token and token not in row.prefix + "x"
    client.post(f"/auth/profiel/sleutels/{row.id}/intrekken")
    answer = client.application.test_client().get("/api/v1/taken", headers=api)
    assert answer.status_code == 401 and answer.mimetype == "application/problem+json"


def test_nobody_revokes_another_users_token(client_as, users):
    from app.services.accounts import create_api_token
    create_api_token(users["beoordelaar"], "van een ander")
    other = db.session.query(ApiToken).filter_by(user_id=users["beoordelaar"].id).one()
    client_as("consulent").post(f"/auth/profiel/sleutels/{other.id}/intrekken")
    db.session.refresh(other)
    assert other.revoked_at is None


def test_the_cli_prints_a_working_token(app):
    result = app.test_cli_runner().invoke(args=["api-token", "backoffice"])
    token = result.output.strip()
    assert result.exit_code == 0 and token.startswith("cum_")
    assert app.test_client().get("/api/v1/taken", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert "bestaat niet" in app.test_cli_runner().invoke(args=["api-token", "niemand"]).output


def test_production_refuses_to_start_with_demo_accounts(database_url):
    with pytest.raises(RuntimeError, match="demo-accounts"):
        create_app(ProductionConfig, DATABASE_URL=database_url, SECRET_KEY="s" * 40, PSEUDONYM_KEY="k" * 40)


def test_production_refuses_development_secrets(database_url):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(ProductionConfig, DATABASE_URL=database_url)


def test_production_refuses_to_seed_demo_data(app):
    app.config["DEMO_ALLOWED"] = False
    try:
        result = app.test_cli_runner().invoke(args=["seed"])
        assert result.exit_code != 0 and "niet toegestaan" in result.output
    finally:
        app.config["DEMO_ALLOWED"] = True
