"""Staff sign in with their organisation's identity provider (SSO through OpenID Connect, against a real
provider in a thread): the groups claim gives roles and gemeenten as STAFF_OIDC_GROEPEN maps them, an
account made by a beheerder is linked on first use, changes the groups make are audited, and a member of
no mapped group, or of no gemeente, is refused in Dutch without a session."""
from urllib.parse import urlparse

import pytest
import requests
from sqlalchemy import select

from app import db
from app.models import AuditRecord, User
from app.services.demo_data import OUDEWATER, WOERDEN
from oidc_provider import Provider

GROEPEN = {"sd-consulenten-oudewater": {"rollen": ["consulent"], "gemeenten": [OUDEWATER]},
           "sd-beoordelaars": {"rollen": ["beoordelaar", "tovenaar"]},
           "sd-woerden": {"gemeenten": [WOERDEN]}}


@pytest.fixture
def provider(app):
    keys = ("STAFF_OIDC_DISCOVERY_URL", "STAFF_OIDC_CLIENT_ID", "STAFF_OIDC_CLIENT_SECRET", "STAFF_OIDC_GROEPEN",
            "TWEEDE_FACTOR_VERPLICHT")
    existing = {u.id: (u.roles, list(u.gemeenten), u.display_name, u.email) for u in db.session.scalars(select(User))}
    with Provider(client_id="cumulus-staff", client_secret="ander-geheim", sub="idp-4711") as p:
        old = {k: app.config[k] for k in keys}
        app.config.update(STAFF_OIDC_DISCOVERY_URL=p.discovery_url, STAFF_OIDC_CLIENT_ID="cumulus-staff",
                          STAFF_OIDC_CLIENT_SECRET="ander-geheim", STAFF_OIDC_GROEPEN=GROEPEN,
                          TWEEDE_FACTOR_VERPLICHT=True)  # as in production: SSO is the other way in
        yield p
        app.config.update(old)
    db.session.rollback()
    for user in db.session.scalars(select(User).where(User.oidc_subject.is_not(None))):
        user.oidc_subject = None
        if user.id in existing:  # a demo account the test linked: as it was
            user.roles, user.gemeenten, user.display_name, user.email = existing[user.id]
        else:
            user.active, user.gemeenten, user.roles, user.username = False, [], "", f"vervallen-{user.id}"
    db.session.commit()


def _sso(client, provider):
    start = client.get("/auth/organisatie")
    assert start.status_code == 302 and start.location.startswith(provider.issuer)
    back = requests.get(start.location, allow_redirects=False, timeout=10)
    callback = urlparse(back.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")


def test_a_staff_member_signs_in_with_the_roles_and_gemeenten_of_their_groups(app, provider):
    provider.claims = {"preferred_username": "k.devries", "name": "Kees de Vries", "email": "k@oudewater.example",
                       "groups": ["sd-consulenten-oudewater", "sd-beoordelaars", "iets-anders"]}
    client = app.test_client()
    assert "Inloggen via uw organisatie" in client.get("/auth/inloggen").get_data(as_text=True)
    response = _sso(client, provider)
    assert response.status_code == 302 and response.location.endswith("/")
    assert client.get("/werkvoorraad/").status_code == 200, "signed in, without a TOTP step"
    user = db.session.scalar(select(User).where(User.oidc_subject == "idp-4711"))
    assert (user.username, user.display_name, user.roles) == ("k.devries", "Kees de Vries", "consulent beoordelaar")
    assert [g.code for g in user.gemeenten] == [OUDEWATER]
    made = db.session.scalar(select(AuditRecord).where(AuditRecord.object_id == user.id))
    assert made.actor_naam == "inlogdienst van de organisatie"
    assert made.changes["rollen"] == [None, "consulent beoordelaar"]

    provider.claims["groups"] = ["sd-beoordelaars", "sd-woerden"]
    _sso(app.test_client(), provider)
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert user.roles == "beoordelaar" and [g.code for g in user.gemeenten] == [WOERDEN]


def test_an_account_a_beheerder_made_is_linked_and_keeps_its_wijken(app, provider, users):
    target = users["consulent-oudewater"]
    provider.claims = {"preferred_username": "consulent-oudewater", "groups": ["sd-consulenten-oudewater"]}
    assert _sso(app.test_client(), provider).status_code == 302
    db.session.expire_all()
    linked = db.session.get(User, target.id)
    assert linked.oidc_subject == "idp-4711" and linked.active and linked.username == "consulent-oudewater"
    assert db.session.scalar(select(User).where(User.oidc_subject == "idp-4711")).id == target.id


@pytest.mark.parametrize("groups, says", [
    (["iets-anders"], "geen rol in Cumulus"),
    (["sd-beoordelaars"], "voor geen gemeente"),
])
def test_without_a_mapped_role_or_gemeente_there_is_no_session(app, provider, groups, says):
    provider.claims = {"preferred_username": "n.iemand", "groups": groups}
    client = app.test_client()
    response = _sso(client, provider)
    assert response.status_code == 403 and says in response.get_data(as_text=True)
    assert client.get("/werkvoorraad/").status_code == 302
