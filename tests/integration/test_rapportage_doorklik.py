"""From 'Nu over de termijn' to the zaken behind it (#11, point 3): only a manager who also works with zaken
sees them, each zaak asked again with need to know, and the list is logged as a read of each inwoner in it."""
from datetime import date, timedelta

from sqlalchemy import select

from app import db
from app.domain import deadlines
from app.models import Gemeente, ProcessingRecord, UserWijk
from app.services.demo_data import WOERDEN
from rapportage_data import History

URL = "/rapportage/termijnen/te-laat"


def _over_term(h: History, person, days_ago: int):
    zaak = h.zaak(person, "wmo", date.today() - timedelta(days=days_ago + 42))
    termijn = h.termijn(zaak, "onderzoek", deadlines.onderzoek_deadline(zaak.ontvangen_op))
    termijn.due = date.today() - timedelta(days=days_ago)
    return zaak


def _late_zaken(app):
    h = History()
    first, second = h.people[WOERDEN][:2]
    late = _over_term(h, first, 10)
    other = _over_term(h, second, 3)
    on_time = h.zaak(first, "wmo", date.today() - timedelta(days=5))
    h.termijn(on_time, "onderzoek", deadlines.onderzoek_deadline(on_time.ontvangen_op))
    db.session.commit()
    return late, other, on_time


def test_a_teamleider_who_works_with_zaken_sees_them_and_each_read_is_logged(app, client_as, users):
    late, other, on_time = _late_zaken(app)
    teamleider = client_as("teamleider")
    dashboard = teamleider.get("/rapportage/?gemeente=" + WOERDEN).get_data(as_text=True)
    assert "Bekijk de zaken die nu over de termijn zijn" in dashboard
    page = teamleider.get(f"{URL}?gemeente={WOERDEN}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert late.zaaknummer in text and other.zaaknummer in text and on_time.zaaknummer not in text
    assert text.index(late.zaaknummer) < text.index(other.zaaknummer)  # the longest over its term first
    assert late.person.naam in text and ">10<" in text
    logged = db.session.scalars(select(ProcessingRecord.subject_person_id).where(
        ProcessingRecord.actor_user_id == users["teamleider"].id,
        ProcessingRecord.description == "Zaken over de wettelijke termijn (managementinformatie)")).all()
    assert sorted(logged) == sorted({late.person_id, other.person_id})


def test_management_without_case_work_and_a_consulent_without_management_see_no_zaken(app, client_as):
    late, *_ = _late_zaken(app)
    management = client_as("management")
    assert "Bekijk de zaken die nu over de termijn zijn" not in management.get("/rapportage/").get_data(as_text=True)
    refused = management.get(URL)
    assert refused.status_code == 403
    assert "alleen te zien voor wie ook met zaken werkt" in refused.get_data(as_text=True)
    assert late.zaaknummer not in refused.get_data(as_text=True)
    assert client_as("consulent").get(URL).status_code == 403


def test_a_zaak_outside_the_teamleiders_wijken_is_counted_not_shown(app, client_as, users):
    late, other, _ = _late_zaken(app)
    woerden = db.session.scalar(select(Gemeente).where(Gemeente.code == WOERDEN))
    wijk = UserWijk(user_id=users["teamleider"].id, gemeente_id=woerden.id, wijk=late.person.wijk)
    db.session.add(wijk)
    db.session.commit()
    assert late.person.wijk != other.person.wijk
    try:
        text = client_as("teamleider").get(f"{URL}?gemeente={WOERDEN}").get_data(as_text=True)
    finally:  # the seeded teamleider works for the whole gemeente again (other tests mail by wijk)
        db.session.delete(wijk)
        db.session.commit()
    assert late.zaaknummer in text and other.zaaknummer not in text and other.person.naam not in text
    assert "Nog 1 zaak valt" in text


def test_bad_filters_are_named(app, client_as):
    response = client_as("teamleider").get(f"{URL}?jaar=1999")
    assert response.status_code == 400
    assert "Kies bij &#39;Jaar&#39; een jaar" in response.get_data(as_text=True) or \
        "Kies bij 'Jaar' een jaar" in response.get_data(as_text=True)
