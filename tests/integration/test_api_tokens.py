"""API tokens: an expiry chosen at creation (default 90 days, at most a year) on the profile page and in the
CLI, refused with a Dutch problem detail once past; a last-used date; an inwoner's token limited to /mijn."""
import re
from datetime import timedelta

from app import db
from app.models import ApiToken
from app.services.accounts import create_api_token


def _bearer(token):
    return {"Authorization": f"Bearer {token}"}


def _row(name) -> ApiToken:
    db.session.expire_all()
    return db.session.query(ApiToken).filter_by(name=name).one()


def test_a_token_lasts_90_days_by_default_and_is_refused_in_dutch_after(app, users, clock):
    token = create_api_token(users["consulent"], "standaard")
    assert _row("standaard").expires_at == clock.at + timedelta(days=90)
    clock.advance(days=89, hours=23)
    assert app.test_client().get("/api/v1/taken", headers=_bearer(token)).status_code == 200
    clock.advance(hours=1)
    refused = app.test_client().get("/api/v1/taken", headers=_bearer(token))
    assert refused.status_code == 401 and refused.mimetype == "application/problem+json"
    assert "is verlopen op" in refused.json["detail"] and "nieuwe sleutel" in refused.json["detail"]


def test_the_last_use_is_recorded(app, users, clock):
    token = create_api_token(users["consulent"], "gebruikt")
    assert _row("gebruikt").last_used_at is None
    clock.advance(days=3)
    app.test_client().get("/api/v1/taken", headers=_bearer(token))
    assert _row("gebruikt").last_used_at == clock.at


def test_the_profile_page_takes_the_validity_and_refuses_more_than_a_year(client_as, clock):
    client = client_as("consulent")
    page = client.post("/auth/profiel", data={"naam": "Kort", "geldig_dagen": "7"}).get_data(as_text=True)
    assert re.search(r'<code id="nieuwe-sleutel">cum_', page)
    assert _row("Kort").expires_at == clock.at + timedelta(days=7)
    for wrong in ("366", "0", "een jaar"):
        answer = client.post("/auth/profiel", data={"naam": "Te lang", "geldig_dagen": wrong})
        assert answer.status_code == 400
        assert "Kies een geldigheid van 1 tot en met 365 dagen" in answer.get_data(as_text=True)
    assert db.session.query(ApiToken).filter_by(name="Te lang").count() == 0
    clock.advance(days=8)
    assert "Verlopen" in client_as("consulent").get("/auth/profiel").get_data(as_text=True)


def test_the_cli_takes_the_validity(app, clock):
    result = app.test_cli_runner().invoke(args=["api-token", "backoffice", "--naam", "cli", "--dagen", "30"])
    assert result.exit_code == 0 and _row("cli").expires_at == clock.at + timedelta(days=30)
    too_long = app.test_cli_runner().invoke(args=["api-token", "backoffice", "--dagen", "400"])
    assert too_long.exit_code != 0 and "1 tot en met 365 dagen" in too_long.output
    from app.models import Aanbieder
    agb = db.session.query(Aanbieder).order_by(Aanbieder.id).first().agb_code
    made = app.test_cli_runner().invoke(args=["aanbieder-token", "--agb", agb, "--naam", "koppeling", "--dagen", "365"])
    assert made.exit_code == 0 and _row("koppeling").expires_at == clock.at + timedelta(days=365)


def test_an_inwoners_token_is_scoped_to_the_own_dossier(app, users):
    token = create_api_token(users["inwoner"], "app")
    assert _row("app").scope == "eigen-dossier"
    client = app.test_client()
    assert client.get("/api/v1/mijn/zaken", headers=_bearer(token)).status_code == 200
    for method, path in (("get", "/api/v1/zaken/1"), ("get", "/api/v1/taken/1"), ("post", "/api/v1/taken/1/claim"),
                         ("post", "/api/v1/meldingen"), ("get", "/api/v1/aanbieder/berichten")):
        refused = getattr(client, method)(path, headers=_bearer(token), json={})
        assert refused.status_code == 403, path
        assert "alleen toegang tot uw eigen dossier" in refused.json["detail"]
    gemachtigde = create_api_token(users["gemachtigde"], "namens")
    assert _row("namens").scope == "eigen-dossier"
    assert client.get("/api/v1/taken/1", headers=_bearer(gemachtigde)).status_code == 403
    create_api_token(users["consulent"], "breed")
    assert _row("breed").scope == "volledig"
