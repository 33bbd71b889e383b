"""Retention (#13 point 7): the bewaartermijnen per zaaktype and result come from the Selectielijst 2020 and the
beheerder changes them (audited; a negative or absurd term refused in Dutch, nothing changed); the daily job
proposes exactly the zaken whose term has passed since the zaak and its care ended — never one under bezwaar or
with an open declaratie; a vernietigingslijst is approved by a second person, never its submitter; a beheerder
sees only their gemeenten' lists."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import db
from app.models import AuditRecord, Bewaartermijn, Gemeente, User, Vernietigingslijst, VernietigingslijstRegel, Zaak
from app.models.base import utcnow
from app.services.demo_data import OUDEWATER, WOERDEN
from app.services.retentie import propose_due
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from retentie_data import declared, ended_zaak, new_person

YEAR = timedelta(days=366)


def _csrf(client, url="/auth/profiel") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def _gemeente(code: str) -> Gemeente:
    return db.session.scalar(select(Gemeente).where(Gemeente.code == code))


def _lijst(code: str = WOERDEN) -> Vernietigingslijst:
    db.session.expire_all()
    return db.session.scalar(select(Vernietigingslijst).where(Vernietigingslijst.gemeente_id == _gemeente(code).id)
                             .order_by(Vernietigingslijst.id.desc()))


def _proposed(lijst) -> set[int]:
    return {r.zaak_id for r in lijst.regels if r.status == "voorgesteld"}


@pytest.fixture
def termijnen_as_seeded(app):
    yield
    db.session.rollback()
    for row in db.session.scalars(select(Bewaartermijn)):
        from app.domain.retentie import default
        row.jaren = default(row.domein, row.resultaat).jaren
    db.session.commit()


def test_the_terms_are_the_selectielijst_s_with_their_category(client_as):
    page = client_as("beheerder").get(f"/beheer/bewaartermijnen?gemeente={_gemeente(WOERDEN).id}")
    text = " ".join(page.get_data(as_text=True).split())
    assert page.status_code == 200
    for categorie, jaren in (("8.1.1", 15), ("8.1.2", 20), ("8.2", 5), ("8.4", 1)):
        assert f"<strong>{categorie}</strong>" in text
    assert 'name="wmo-toegekend" value="15"' in text and 'name="jeugd-toegekend" value="20"' in text
    assert "Wmo 2015 art. 5.3.4 en 5.3.5" in text and "Jeugdwet art. 7.3.8 lid 3 en 7.3.9" in text


@pytest.mark.parametrize("value, message", [("-3", "minstens 1 jaar"), ("0", "minstens 1 jaar"),
                                            ("500", "niet aannemelijk"), ("vijftien", "heel aantal jaren"),
                                            ("", "heel aantal jaren")])
def test_a_negative_or_absurd_term_is_refused_in_dutch_and_nothing_changes(client_as, value, message,
                                                                            termijnen_as_seeded):
    beheerder, gemeente = client_as("beheerder"), _gemeente(WOERDEN)
    url = f"/beheer/bewaartermijnen?gemeente={gemeente.id}"
    response = beheerder.post(url, data={"csrf_token": _csrf(beheerder, url), "wmo-toegekend": value,
                                         "wmo-afgewezen": "7"})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert {(t.domein, t.resultaat): t.jaren for t in db.session.scalars(select(Bewaartermijn).where(
        Bewaartermijn.gemeente_id == gemeente.id))}[("wmo", "afgewezen")] == 5  # the good field was not stored


def test_a_changed_term_is_audited_old_to_new_and_shown(client_as, termijnen_as_seeded):
    beheerder, gemeente = client_as("beheerder"), _gemeente(WOERDEN)
    url = f"/beheer/bewaartermijnen?gemeente={gemeente.id}"
    page = beheerder.post(url, data={"csrf_token": _csrf(beheerder, url), "wmo-toegekend": "16"},
                          follow_redirects=True).get_data(as_text=True)
    assert "1 bewaartermijn gewijzigd" in page and "van 15 naar 16 jaar" in page
    row = db.session.scalar(select(Bewaartermijn).where(Bewaartermijn.gemeente_id == gemeente.id,
                                                        Bewaartermijn.domein == "wmo",
                                                        Bewaartermijn.resultaat == "toegekend"))
    [record] = db.session.scalars(select(AuditRecord).where(AuditRecord.object_type == "bewaartermijn",
                                                            AuditRecord.object_id == row.id))
    assert record.action == "bewaartermijn.wijzigen" and list(record.changes.values()) == [[15, 16]]


def test_only_due_zaken_are_proposed_never_one_under_bezwaar_or_with_an_open_declaratie(app, api_as, users, clock):
    consulent = api_as("consulent")
    due = ended_zaak(consulent, new_person(WOERDEN))
    paid = ended_zaak(consulent, new_person(WOERDEN))
    declared(paid, new_person(WOERDEN).bsn, paid_by=(users["backoffice"], users["controller"]))
    bezwaar = ended_zaak(consulent, new_person(WOERDEN))
    unpaid = ended_zaak(consulent, new_person(WOERDEN))
    declared(unpaid, new_person(WOERDEN).bsn)  # approved, in the open batch: not paid yet
    open_care = ended_zaak(consulent, new_person(WOERDEN))
    zaak = db.session.get(Zaak, bezwaar)
    zaak.bezwaar_sinds = utcnow()
    from app.models import Toewijzing
    db.session.scalar(select(Toewijzing).where(Toewijzing.zaak_id == open_care)).einddatum = None
    db.session.commit()

    clock.advance(days=14 * 366)  # the Wmo term (15 years, 8.1.1) has not passed
    propose_due(force=True)
    assert _proposed(_lijst()) == set()
    clock.advance(days=2 * 366)
    propose_due(force=True)
    assert _proposed(_lijst()) == {due, paid}


def test_the_tick_selects_once_a_day_and_a_closed_zaak_joins_the_next_day(app, api_as, clock):
    from app.jobs.tasks import tick
    first = ended_zaak(api_as("consulent"), new_person(WOERDEN))
    clock.advance(days=16 * 366)
    tick()
    assert _proposed(_lijst()) == {first}
    second = ended_zaak(api_as("consulent"), new_person(WOERDEN))
    db.session.get(Zaak, second).closed_at = clock.at - 16 * YEAR
    db.session.commit()
    tick()
    assert _proposed(_lijst()) == {first}  # selected today already
    clock.advance(days=1, minutes=1)
    tick()
    assert _proposed(_lijst()) == {first, second}


def _submitted(client, lijst_id):
    return client.post(f"/beheer/vernietigingslijsten/{lijst_id}/indienen",
                       data={"csrf_token": _csrf(client)}, follow_redirects=True)


def test_the_submitter_may_not_approve_and_a_second_person_does(app, api_as, client_as, clock):
    zaak_id = ended_zaak(api_as("consulent"), new_person(WOERDEN))
    clock.advance(days=16 * 366)
    propose_due()
    lijst = _lijst()
    beheerder = client_as("beheerder")
    assert "De lijst is ingediend" in _submitted(beheerder, lijst.id).get_data(as_text=True)
    refused = beheerder.post(f"/beheer/vernietigingslijsten/{lijst.id}/goedkeuren",
                             data={"csrf_token": _csrf(beheerder)}, follow_redirects=True).get_data(as_text=True)
    assert "U heeft deze vernietigingslijst zelf ingediend" in refused
    assert _lijst().status == "ingediend" and db.session.get(Zaak, zaak_id) is not None
    privacy = client_as("privacy")
    approved = privacy.post(f"/beheer/vernietigingslijsten/{lijst.id}/goedkeuren", data={"csrf_token": _csrf(privacy)})
    assert approved.status_code == 302  # the destruction runs as a job after the commit; the client waits for it
    done = privacy.get(f"/beheer/vernietigingslijsten/{lijst.id}").get_data(as_text=True)
    assert "Vernietigingsverklaring" in done and "8.1.1" in done and "&lt; 5" in done
    lijst = _lijst()
    assert lijst.status == "vernietigd" and lijst.goedgekeurd_door_naam == "Privacyfunctionaris (demo)"
    assert db.session.get(Zaak, zaak_id) is None


def test_an_empty_list_is_refused_and_a_zaak_taken_off_needs_a_reason(app, api_as, client_as, clock):
    zaak_id = ended_zaak(api_as("consulent"), new_person(WOERDEN))
    clock.advance(days=16 * 366)
    propose_due()
    lijst, beheerder = _lijst(), client_as("beheerder")
    [regel] = lijst.regels
    url = f"/beheer/vernietigingslijsten/{lijst.id}/regels/{regel.id}/uitzonderen"
    missing = beheerder.post(url, data={"csrf_token": _csrf(beheerder), "reden": "  "})
    assert missing.status_code == 400 and "Geef de reden" in missing.get_data(as_text=True)
    assert _lijst().regels[0].status == "voorgesteld"
    beheerder.post(url, data={"csrf_token": _csrf(beheerder), "reden": "Klacht bij de ombudsman loopt"})
    empty = _submitted(beheerder, lijst.id).get_data(as_text=True)
    assert "De vernietigingslijst is leeg" in empty
    lijst = _lijst()
    assert lijst.status == "concept" and lijst.regels[0].reden == "Klacht bij de ombudsman loopt"
    assert db.session.get(Zaak, zaak_id) is not None


def test_a_beheerder_of_one_gemeente_sees_and_destroys_nothing_of_the_other(app, api_as, client_as, clock):
    from app.services.accounts import hash_password
    woerden_zaak = ended_zaak(api_as("consulent"), new_person(WOERDEN))
    oudewater_zaak = ended_zaak(api_as("consulent-oudewater"), new_person(OUDEWATER))
    clock.advance(days=16 * 366)
    propose_due()
    theirs, own = _lijst(WOERDEN), _lijst(OUDEWATER)
    user = db.session.scalar(select(User).where(User.username == "beheerder-ow"))
    if user is None:
        user = User(username="beheerder-ow", display_name="Beheerder Oudewater", roles="beheerder",
                    password_hash=hash_password("demo"), gemeenten=[_gemeente(OUDEWATER)])
        db.session.add(user)
        db.session.commit()
    client = client_as("beheerder-ow")
    overview = client.get("/beheer/vernietigingslijsten").get_data(as_text=True)
    assert f"Lijst {own.id}" in overview and f"Lijst {theirs.id}" not in overview
    assert client.get(f"/beheer/vernietigingslijsten/{own.id}").status_code == 200
    regel = theirs.regels[0]
    for method, url in (("GET", f"/beheer/vernietigingslijsten/{theirs.id}"),
                        ("POST", f"/beheer/vernietigingslijsten/{theirs.id}/indienen"),
                        ("POST", f"/beheer/vernietigingslijsten/{theirs.id}/goedkeuren"),
                        ("POST", f"/beheer/vernietigingslijsten/{theirs.id}/regels/{regel.id}/uitzonderen"),
                        ("GET", f"/beheer/bewaartermijnen?gemeente={_gemeente(WOERDEN).id}")):
        response = client.open(url, method=method, data={"csrf_token": _csrf(client), "reden": "x"})
        assert response.status_code == 404, f"{method} {url}"
    assert _lijst(WOERDEN).status == "concept" and _proposed(_lijst(WOERDEN)) == {woerden_zaak}
    assert _proposed(own) == {oudewater_zaak}


def test_the_beheerder_selects_now_and_the_second_person_sends_a_list_back_with_a_reason(app, api_as, client_as,
                                                                                       clock):
    zaak_id = ended_zaak(api_as("consulent"), new_person(WOERDEN))
    clock.advance(days=16 * 366)
    beheerder = client_as("beheerder")
    page = beheerder.post("/beheer/vernietigingslijsten/selecteren",
                          data={"csrf_token": _csrf(beheerder), "gemeente": _gemeente(WOERDEN).id},
                          follow_redirects=True).get_data(as_text=True)
    assert "1 zaak toegevoegd aan de conceptlijst van Gemeente Woerden" in page
    lijst = _lijst()
    assert _proposed(lijst) == {zaak_id}
    _submitted(beheerder, lijst.id)
    privacy = client_as("privacy")
    url = f"/beheer/vernietigingslijsten/{lijst.id}/terugsturen"
    missing = privacy.post(url, data={"csrf_token": _csrf(privacy), "reden": ""})
    assert missing.status_code == 400 and "Geef kort de reden" in missing.get_data(as_text=True)
    assert _lijst().status == "ingediend"
    privacy.post(url, data={"csrf_token": _csrf(privacy), "reden": "Zaak Z-1 heeft nog een klacht"})
    lijst = _lijst()
    assert lijst.status == "concept" and lijst.ingediend_door_id is None
    assert db.session.scalar(select(AuditRecord).where(AuditRecord.action == "vernietigingslijst.terugsturen",
                                                       AuditRecord.object_id == lijst.id)) is not None
