"""The beheerder's /beheer pages (#13 point 3 and 8): a consulent made for one gemeente with two wijken
logs in and sees only that gemeente's work; roles, gemeenten and wijken changed and audited old → new;
blocking ends the sessions, a new one-time password replaces the old one, revoked API tokens stop working;
bad input is refused in Dutch with nothing half-made; only a beheerder of the user's gemeenten gets there."""
import re

import pytest
from sqlalchemy import func, select

from app import db
from app.models import AuditRecord, Gemeente, HumanTask, Person, User
from app.services.demo_data import OUDEWATER, WOERDEN
from case_flow import start_case
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture


@pytest.fixture(autouse=True)
def _users_as_they_were(app):
    """Accounts outlive a test (the suite keeps them): put the demo staff back, and retire the ones made
    here (blocked, renamed, without gemeenten: the processing log may point at them, so they stay)."""
    kept = {u.id: (u.roles, u.active, u.password_hash, u.password_must_change, u.display_name, u.email, u.team,
                   list(u.gemeenten)) for u in db.session.scalars(select(User))}
    yield
    db.session.rollback()
    db.session.expire_all()
    for user in db.session.scalars(select(User)):
        if user.id in kept:
            (user.roles, user.active, user.password_hash, user.password_must_change, user.display_name,
             user.email, user.team, user.gemeenten) = kept[user.id]
        else:
            user.username, user.active, user.gemeenten, user.roles = f"vervallen-{user.id}", False, [], ""
        user.wijken = []
    db.session.commit()


def _csrf(client, url: str = "/auth/profiel") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def _gemeente(code: str) -> Gemeente:
    return db.session.scalar(select(Gemeente).where(Gemeente.code == code))


def _wijken(code: str) -> list[str]:
    """The wijken the form offers: those the gemeente's inwoners live in. A person without one (made from an
    aanbieder's 315 verzoek, which carries no wijk) adds none."""
    return sorted(db.session.scalars(select(Person.wijk).where(Person.gemeente_id == _gemeente(code).id,
                                                               Person.wijk.is_not(None)).distinct()))


def _login(app, username: str, password: str):
    client = app.test_client()
    response = client.post("/auth/inloggen", data={"gebruikersnaam": username, "wachtwoord": password})
    return client, response


def _create(beheerder, **fields):
    data = {"csrf_token": _csrf(beheerder), "gebruikersnaam": "m.jansen", "naam": "Marieke Jansen",
            "email": "m.jansen@oudewater.example", "team": "Wmo-team Oudewater", "rollen": ["consulent"],
            "gemeenten": [str(_gemeente(OUDEWATER).id)],
            "wijken": [f"{_gemeente(OUDEWATER).id}:{w}" for w in _wijken(OUDEWATER)[:2]]}
    data.update(fields)
    return beheerder.post("/beheer/medewerkers/nieuw", data=data)


def _password(response) -> str:
    return re.search(r'class="cumulus-secret">([^<]+)<', response.get_data(as_text=True)).group(1)


NEW_PASSWORD_URL, NEW_PASSWORD = "/auth/nieuw-wachtwoord", "een eigen zin van mij"


def _choose(client, password: str, herhaling: str | None = None):
    """The forced step after a login with a one-time password: choose one's own."""
    token = _csrf(client, NEW_PASSWORD_URL)
    return client.post(NEW_PASSWORD_URL, data={"csrf_token": token, "wachtwoord": password,
                                               "herhaling": password if herhaling is None else herhaling})


def _first_login(app, username: str, one_time: str):
    """A client logged in with a new account's one-time password, replaced by its own (as the login demands)."""
    client, login = _login(app, username, one_time)
    assert login.headers["Location"].endswith(NEW_PASSWORD_URL)
    assert _choose(client, NEW_PASSWORD).status_code == 302
    return client


def _users() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(User))


def test_a_consulent_made_for_oudewater_with_two_wijken_sees_only_oudewater_work(app, client_as, api_as, users):
    start_case(api_as("consulent"), db.session.scalar(select(Person.bsn).where(
        Person.gemeente_id == _gemeente(WOERDEN).id)))
    oudewater_person = db.session.scalar(select(Person).where(Person.gemeente_id == _gemeente(OUDEWATER).id))
    oudewater_case = start_case(api_as("consulent-oudewater"), oudewater_person.bsn)

    beheerder = client_as("beheerder")
    made = _create(beheerder)
    assert made.status_code == 200 and made.headers["Cache-Control"] == "no-store"
    password = _password(made)
    user = db.session.scalar(select(User).where(User.username == "m.jansen"))
    assert [g.code for g in user.gemeenten] == [OUDEWATER] and user.wijk_names() == _wijken(OUDEWATER)[:2]
    assert (user.team, user.roles, user.is_demo) == ("Wmo-team Oudewater", "consulent", False)
    created = db.session.scalar(select(AuditRecord).where(AuditRecord.object_id == user.id))
    assert created.action == "gebruiker.aanmaken" and created.actor_naam == users["beheerder"].display_name
    assert created.changes["gemeenten"] == [None, "Gemeente Oudewater"]

    consulent, login = _login(app, "m.jansen", password)
    assert login.status_code == 302 and login.headers["Location"].endswith(NEW_PASSWORD_URL)
    assert _choose(consulent, NEW_PASSWORD).headers["Location"] == "/"
    page = consulent.get("/werkvoorraad/").get_data(as_text=True)
    assert oudewater_case["zaaknummer"] in page
    shown = set(re.findall(r"Z-\d{4}-\d{6}", page))
    oudewater_zaken = {t.zaak.zaaknummer for t in db.session.scalars(select(HumanTask).where(
        HumanTask.status == "open", HumanTask.gemeente_id == _gemeente(OUDEWATER).id))}
    assert shown and shown <= oudewater_zaken

    listed = beheerder.get("/beheer/").get_data(as_text=True)
    assert "Marieke Jansen" in listed and "Wmo-team Oudewater" in listed
    assert "Gemachtigde (demo)" not in listed, "inwoners and gemachtigden are not staff"
    assert re.search(r"Marieke Jansen.*?Gemeente Oudewater.*?</td>.*?<td[^>]*>[^<]*\d{2}:\d{2}", listed, re.S), \
        "the last login is shown"


@pytest.mark.parametrize("fields, field, says", [
    ({"gebruikersnaam": "consulent"}, "gebruikersnaam", "bestaat al"),
    ({"rollen": ["tovenaar"]}, "rol", "Onbekende rol: tovenaar"),
    ({"rollen": []}, "rol", "Kies minstens één rol"),
    ({"gemeenten": [], "wijken": []}, "gemeenten", "Kies minstens één gemeente"),
    ({"naam": ""}, "naam", "Vul de naam"),
    ({"email": "geen-adres"}, "email", "geldig e-mailadres"),
    ({"gebruikersnaam": "Jan Jansen!"}, "gebruikersnaam", "3 tot 80 tekens"),
])
def test_bad_input_is_refused_in_dutch_and_nothing_is_made(client_as, fields, field, says):
    beheerder, before = client_as("beheerder"), _users()
    response = _create(beheerder, **fields)
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and says in body and f'href="#field-{field}"' in body
    assert 'value="Marieke Jansen"' in body or field == "naam", "what was typed is kept"
    assert _users() == before


def test_a_wijk_of_a_gemeente_not_chosen_is_refused(client_as):
    beheerder, before = client_as("beheerder"), _users()
    woerden_wijk = _wijken(WOERDEN)[0]
    response = _create(beheerder, wijken=[f"{_gemeente(WOERDEN).id}:{woerden_wijk}"])
    assert response.status_code == 400 and f"Deze wijken horen niet bij een gekozen gemeente: {woerden_wijk}" in \
        response.get_data(as_text=True)
    assert _users() == before


def test_a_change_of_roles_and_gemeenten_is_audited_old_to_new_and_shown(client_as, users):
    beheerder, target = client_as("beheerder"), users["consulent-oudewater"]
    response = beheerder.post(f"/beheer/medewerkers/{target.id}", data={
        "csrf_token": _csrf(beheerder), "naam": target.display_name, "email": target.email,
        "rollen": ["consulent", "beoordelaar"], "gemeenten": [str(_gemeente(OUDEWATER).id), str(_gemeente(WOERDEN).id)]})
    assert response.status_code == 302
    db.session.expire_all()
    target = db.session.get(User, target.id)
    assert target.roles == "consulent beoordelaar" and {g.code for g in target.gemeenten} == {WOERDEN, OUDEWATER}
    change = db.session.scalar(select(AuditRecord).where(AuditRecord.object_id == target.id,
                                                         AuditRecord.action == "gebruiker.wijzigen"))
    assert change.changes["rollen"] == ["consulent", "consulent beoordelaar"]
    assert change.changes["gemeenten"] == ["Gemeente Oudewater", "Gemeente Oudewater, Gemeente Woerden"]
    page = beheerder.get(f"/beheer/medewerkers/{target.id}").get_data(as_text=True)
    assert "rollen: consulent → consulent beoordelaar" in page


def test_blocking_ends_the_session_and_a_new_password_replaces_the_old(app, client_as, users):
    beheerder, target = client_as("beheerder"), users["consulent-oudewater"]
    session_of_target = client_as("consulent-oudewater")
    assert session_of_target.get("/werkvoorraad/").status_code == 200

    assert beheerder.post(f"/beheer/medewerkers/{target.id}/blokkeren",
                          data={"csrf_token": _csrf(beheerder)}).status_code == 302
    assert session_of_target.get("/werkvoorraad/").status_code == 302  # logged out at once
    assert _login(app, "consulent-oudewater", "demo")[1].status_code != 302
    beheerder.post(f"/beheer/medewerkers/{target.id}/activeren", data={"csrf_token": _csrf(beheerder)})

    made = beheerder.post(f"/beheer/medewerkers/{target.id}/wachtwoord", data={"csrf_token": _csrf(beheerder)})
    password = _password(made)
    assert _login(app, "consulent-oudewater", "demo")[1].status_code != 302
    assert _login(app, "consulent-oudewater", password)[1].headers["Location"].endswith(NEW_PASSWORD_URL)
    actions = list(db.session.scalars(select(AuditRecord.action).where(AuditRecord.object_id == target.id)
                                      .order_by(AuditRecord.id)))
    assert actions == ["gebruiker.blokkeren", "gebruiker.activeren", "gebruiker.wachtwoord"]
    assert password not in str(db.session.scalars(select(AuditRecord.changes)).all())


def test_revoked_api_tokens_stop_working(client_as, api_as, users):
    api = api_as("consulent-oudewater")
    assert api.get("/api/v1/taken").status_code == 200
    beheerder = client_as("beheerder")
    response = beheerder.post(f"/beheer/medewerkers/{users['consulent-oudewater'].id}/sleutels-intrekken",
                              data={"csrf_token": _csrf(beheerder)}, follow_redirects=True)
    assert "1 API-sleutel ingetrokken." in response.get_data(as_text=True)
    assert api.get("/api/v1/taken").status_code == 401


def test_a_beheerder_cannot_lock_themselves_out(client_as, users):
    beheerder, me = client_as("beheerder"), users["beheerder"]
    blocked = beheerder.post(f"/beheer/medewerkers/{me.id}/blokkeren", data={"csrf_token": _csrf(beheerder)},
                             follow_redirects=True)
    assert "U kunt uw eigen account niet blokkeren" in blocked.get_data(as_text=True)
    demoted = beheerder.post(f"/beheer/medewerkers/{me.id}", data={
        "csrf_token": _csrf(beheerder), "naam": me.display_name, "rollen": ["consulent"],
        "gemeenten": [str(g.id) for g in me.gemeenten]})
    assert demoted.status_code == 400 and "rol beheerder niet afnemen" in demoted.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, me.id).active and db.session.get(User, me.id).has_role("beheerder")


def test_only_a_beheerder_of_the_users_gemeente_reaches_them(app, client_as, users):
    assert client_as("consulent").get("/beheer/").status_code == 403
    assert client_as("inwoner").get("/beheer/").status_code == 403
    beheerder = client_as("beheerder")
    made = _create(beheerder, gebruikersnaam="beheer.woerden", naam="Beheerder Woerden", rollen=["beheerder"],
                   gemeenten=[str(_gemeente(WOERDEN).id)], wijken=[])
    woerden_beheerder = _first_login(app, "beheer.woerden", _password(made))
    oudewater_only = users["consulent-oudewater"]
    assert woerden_beheerder.get(f"/beheer/medewerkers/{oudewater_only.id}").status_code == 404
    assert woerden_beheerder.post(f"/beheer/medewerkers/{oudewater_only.id}/blokkeren",
                                  data={"csrf_token": _csrf(woerden_beheerder)}).status_code == 404
    assert "Consulent Oudewater" not in woerden_beheerder.get("/beheer/").get_data(as_text=True)
    assert woerden_beheerder.get(f"/beheer/medewerkers/{users['inwoner'].id}").status_code == 404
    db.session.expire_all()
    assert db.session.get(User, oudewater_only.id).active


def test_the_werkvoorraad_shows_the_tasks_of_my_wijken(app, client_as, api_as):
    oudewater = _gemeente(OUDEWATER)
    people = list(db.session.scalars(select(Person).where(Person.gemeente_id == oudewater.id).order_by(Person.id)))
    for person in people:
        start_case(api_as("consulent-oudewater"), person.bsn)
    mine = people[0].wijk
    made = _create(client_as("beheerder"), wijken=[f"{oudewater.id}:{mine}"])
    consulent = _first_login(app, "m.jansen", _password(made))
    page = consulent.get("/werkvoorraad/", query_string={"wijk": "mijn"}).get_data(as_text=True)
    assert f"Mijn wijken ({mine})" in page
    open_tasks = list(db.session.scalars(select(HumanTask).where(HumanTask.status == "open",
                                                                 HumanTask.gemeente_id == oudewater.id)))
    assert {t.wijk for t in open_tasks} > {mine}, "the fixture has tasks outside the wijk too"
    shown = set(re.findall(r"Z-\d{4}-\d{6}", page))
    assert shown == {t.zaak.zaaknummer for t in open_tasks if t.wijk == mine}


def test_my_wijken_are_the_wijken_of_their_own_gemeente_when_another_gemeente_names_one_alike(app, client_as, api_as):
    """A consulent for Woerden and Oudewater with one Oudewater wijk: a Woerden wijk of the same name is not theirs,
    neither in the list nor in the count beside "Mijn wijken"."""
    oudewater, woerden = _gemeente(OUDEWATER), _gemeente(WOERDEN)
    there = db.session.scalar(select(Person).where(Person.gemeente_id == oudewater.id).order_by(Person.id))
    here = db.session.scalar(select(Person).where(Person.gemeente_id == woerden.id).order_by(Person.id))
    here.wijk = there.wijk  # Woerden happens to have a wijk of that name too
    db.session.commit()
    start_case(api_as("consulent-oudewater"), there.bsn)
    start_case(api_as("consulent"), here.bsn)
    made = _create(client_as("beheerder"), gemeenten=[str(oudewater.id), str(woerden.id)],
                   wijken=[f"{oudewater.id}:{there.wijk}"])
    consulent = _first_login(app, "m.jansen", _password(made))
    handed = db.session.scalar(select(HumanTask).where(HumanTask.status == "open", HumanTask.gemeente_id == woerden.id,
                                                       HumanTask.wijk == there.wijk))
    handed.assignee_id = db.session.scalar(select(User.id).where(User.username == "m.jansen"))
    db.session.commit()  # the Woerden task was handed to her: in her list, but not in her wijk
    assert handed.zaak.zaaknummer in consulent.get("/werkvoorraad/").get_data(as_text=True)
    page = consulent.get("/werkvoorraad/", query_string={"wijk": "mijn"}).get_data(as_text=True)
    tasks = list(db.session.scalars(select(HumanTask).where(HumanTask.status == "open", HumanTask.wijk == there.wijk)))
    assert {t.gemeente_id for t in tasks} == {oudewater.id, woerden.id}, "the fixture has the wijk in both"
    mine = [t for t in tasks if t.gemeente_id == oudewater.id]
    assert set(re.findall(r"Z-\d{4}-\d{6}", page)) == {t.zaak.zaaknummer for t in mine}
    assert re.search(rf"Mijn wijken \({re.escape(there.wijk)}\) \({len(mine)}\)", page), \
        re.findall(r"Mijn wijken[^<]*", page)


def test_a_one_time_password_must_be_replaced_before_anything_else(app, client_as, users):
    made = _create(client_as("beheerder"))
    one_time = _password(made)
    user = db.session.scalar(select(User).where(User.username == "m.jansen"))
    client, login = _login(app, "m.jansen", one_time)
    assert login.status_code == 302 and login.headers["Location"].endswith(NEW_PASSWORD_URL)
    assert client.get("/werkvoorraad/").status_code == 302, "no session before the new password"
    assert client.get("/auth/profiel").headers["Location"].startswith("/auth/inloggen")

    for password, herhaling, field, says in (
            (one_time, None, "wachtwoord", "ander wachtwoord dan het eenmalige"),
            ("kort", None, "wachtwoord", "minstens 12 tekens"),
            (NEW_PASSWORD, "een andere zin", "herhaling", "niet gelijk")):
        refused = _choose(client, password, herhaling)
        body = refused.get_data(as_text=True)
        assert refused.status_code == 400 and says in body and f'href="#field-{field}"' in body
    db.session.expire_all()
    assert db.session.get(User, user.id).password_must_change
    assert _login(app, "m.jansen", one_time)[1].headers["Location"].endswith(NEW_PASSWORD_URL), "nothing changed"

    client, _ = _login(app, "m.jansen", one_time)
    chosen = _choose(client, NEW_PASSWORD)
    assert chosen.status_code == 302 and client.get("/werkvoorraad/").status_code == 200
    db.session.expire_all()
    assert not db.session.get(User, user.id).password_must_change
    record = db.session.scalar(select(AuditRecord).where(AuditRecord.object_id == user.id,
                                                         AuditRecord.action == "gebruiker.wachtwoord_gekozen"))
    assert record.actor_id == user.id and NEW_PASSWORD not in str(record.changes)
    assert _login(app, "m.jansen", one_time)[1].status_code == 400
    again = _login(app, "m.jansen", NEW_PASSWORD)[1]
    assert again.status_code == 302 and not again.headers["Location"].endswith(NEW_PASSWORD_URL)
    assert client.get(NEW_PASSWORD_URL).headers["Location"].startswith("/auth/inloggen"), "done: no way back"


def test_after_a_reset_the_next_login_chooses_a_new_password_and_then_the_second_step(app, client_as, users):
    target = users["consulent-oudewater"]
    beheerder = client_as("beheerder")
    one_time = _password(beheerder.post(f"/beheer/medewerkers/{target.id}/wachtwoord",
                                        data={"csrf_token": _csrf(beheerder)}))
    app.config["TWEEDE_FACTOR_VERPLICHT"] = True
    try:
        client, login = _login(app, "consulent-oudewater", one_time)
        assert login.headers["Location"].endswith(NEW_PASSWORD_URL)
        chosen = _choose(client, NEW_PASSWORD)
        assert chosen.status_code == 302 and chosen.headers["Location"].endswith("/auth/tweede-stap")
        assert client.get("/werkvoorraad/").status_code == 302, "the second factor still comes first"
    finally:
        app.config["TWEEDE_FACTOR_VERPLICHT"] = False


def test_the_new_password_page_without_a_login_sends_one_back(app):
    response = app.test_client().get(NEW_PASSWORD_URL)
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/inloggen")
