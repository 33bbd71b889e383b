"""Ratings of aanbieders (#12 point 5): an inwoner (or gemachtigde) rates the aanbieder of their own toewijzing
once, after the care started; someone else's toewijzing, a second rating, stars outside 1–5 and HTML are each
named beside the field and nothing is written (the database refuses a second rating and bad stars as well);
nobody but the inwoner's side can rate. The public kaart shows a rating only after the contractmanager approved
it, and an aanbieder's averages only from 5 approved ratings of the last 4 years — never with a name."""
import json
import re
from datetime import date, timedelta

import jsonschema
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app import db
from app.models import Beoordeling, Person, ProcessingRecord
from app.services.beoordelingen import ALREADY, NOT_YOURS
from app.services.demo_data import WOERDEN
from beoordeling_data import aanbieder, ratings, toewijzing_for
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture: jobs on the app's thread, awaited per request
from kaart_data import demo_kaart, entry_named
from portal_data import second_inwoner

ENTRY = "Hulp bij het huishouden (demo)"  # maatwerk of aanbieder 42420001 on the Woerden kaart


def _form(toewijzing_id, **changes) -> dict:
    return {"toewijzing": str(toewijzing_id), "bejegening": "5", "deskundigheid": "4", "afspraken": "3",
            "tekst": "Vriendelijk en op tijd."} | changes


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Beoordeling))


def _entry_page(app) -> str:
    entry = entry_named(ENTRY)
    return app.test_client().get(f"/sociale-kaart/{WOERDEN}/{entry.id}").get_data(as_text=True)


def test_an_inwoner_rates_their_own_started_care_once_and_it_waits_for_moderation(client_as, users):
    inwoner, person = client_as("inwoner"), users["inwoner"].person
    t = toewijzing_for(person)
    zorg = inwoner.get("/mijn/zorg").get_data(as_text=True)
    assert f"/mijn/zorg/beoordelen?toewijzing={t.id}" in zorg
    page = inwoner.get(f"/mijn/zorg/beoordelen?toewijzing={t.id}").get_data(as_text=True)
    assert "Bejegening" in page and "Afspraken nakomen" in page
    response = inwoner.post("/mijn/zorg/beoordelen", data=_form(t.id))
    assert response.status_code == 302
    b = db.session.scalar(select(Beoordeling))
    assert (b.status, b.person_id, b.aanbieder_id, b.bejegening, b.afspraken) == ("te_beoordelen", person.id,
                                                                                  t.aanbieder_id, 5, 3)
    assert db.session.scalar(select(func.count()).select_from(ProcessingRecord).where(
        ProcessingRecord.subject_person_id == person.id, ProcessingRecord.object_type == "beoordeling",
        ProcessingRecord.action == "aanmaken")) == 1
    assert "de gemeente controleert hem nog" in inwoner.get("/mijn/zorg").get_data(as_text=True)
    again = inwoner.post("/mijn/zorg/beoordelen", data=_form(t.id, bejegening="1"))
    assert again.status_code == 400 and ALREADY in again.get_data(as_text=True)
    assert _count() == 1 and db.session.scalar(select(Beoordeling.bejegening)) == 5


def test_someone_elses_toewijzing_is_refused_beside_the_field_and_nothing_is_written(client_as, users):
    other = toewijzing_for(second_inwoner().person)
    response = client_as("inwoner").post("/mijn/zorg/beoordelen", data=_form(other.id))
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and NOT_YOURS in body and 'id="field-toewijzing-error"' in body
    assert client_as("inwoner").post("/mijn/zorg/beoordelen", data=_form(99999999)).status_code == 400
    assert _count() == 0


def test_care_that_has_not_started_cannot_be_rated(client_as, users):
    person = users["inwoner"].person
    waiting = toewijzing_for(person, start=None)
    later = toewijzing_for(person, start=date.today() + timedelta(days=3))
    inwoner = client_as("inwoner")
    for t in (waiting, later):
        response = inwoner.post("/mijn/zorg/beoordelen", data=_form(t.id))
        assert response.status_code == 400 and "als de zorg is begonnen" in response.get_data(as_text=True)
    assert "U kunt deze zorg beoordelen als hij is begonnen." in inwoner.get("/mijn/zorg").get_data(as_text=True)
    assert _count() == 0


@pytest.mark.parametrize("changes, field, message", [
    ({"bejegening": "6"}, "bejegening", "Kies bij 'Bejegening' 1 tot en met 5 sterren."),
    ({"deskundigheid": "0"}, "deskundigheid", "Kies bij 'Deskundigheid' 1 tot en met 5 sterren."),
    ({"afspraken": ""}, "afspraken", "Kies bij 'Afspraken nakomen' 1 tot en met 5 sterren."),
    ({"afspraken": "4.5"}, "afspraken", "Kies bij 'Afspraken nakomen' 1 tot en met 5 sterren."),
    ({"tekst": "Heel <b>goed</b>"}, "tekst", "bevat HTML"),
    ({"tekst": "x" * 1001}, "tekst", "is te lang: hooguit 1000 tekens"),
])
def test_bad_stars_and_html_are_named_beside_the_field(client_as, users, changes, field, message):
    t = toewijzing_for(users["inwoner"].person)
    response = client_as("inwoner").post("/mijn/zorg/beoordelen", data=_form(t.id, **changes))
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and f'id="field-{field}-error"' in body
    error = re.search(rf'id="field-{field}-error">(.*?)</p>', body, re.S).group(1)
    assert message in error.replace("&#39;", "'")
    assert _count() == 0


def test_the_database_refuses_a_second_rating_of_a_toewijzing_and_stars_outside_1_to_5(users):
    person = users["inwoner"].person
    t = toewijzing_for(person)

    def row(**stars):
        return Beoordeling(gemeente_id=t.gemeente_id, toewijzing_id=t.id, aanbieder_id=t.aanbieder_id,
                           person_id=person.id, **({"bejegening": 3, "deskundigheid": 3, "afspraken": 3} | stars))
    db.session.add(row())
    db.session.commit()
    for bad in (row(), row(bejegening=6)):
        db.session.add(bad)
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
    db.session.execute(Beoordeling.__table__.delete())
    db.session.commit()
    db.session.add(row(afspraken=0))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize("who", ["consulent", "contractmanager", "aanbieder"])
def test_nobody_but_the_inwoners_side_can_rate(client_as, users, who):
    t = toewijzing_for(users["inwoner"].person)
    client = client_as(who)
    assert client.get("/mijn/zorg/beoordelen").status_code in (403, 404)
    assert client.post("/mijn/zorg/beoordelen", data=_form(t.id)).status_code in (403, 404)
    assert _count() == 0


def test_a_gemachtigde_rates_for_the_inwoner_and_the_rating_is_the_inwoners(client_as, users):
    from portal_data import link_to
    from app.services import machtigingen
    owner = users["inwoner"]
    machtiging = machtigingen.grant(owner, db.session.get(Person, owner.person_id), bsn="999990019", naam="Kees Bakker",
                                    scope="namens_handelen", geldig_vanaf=None, geldig_tot=None)
    link_to(users["gemachtigde"])
    t = toewijzing_for(owner.person)
    son = client_as("gemachtigde")
    son.post("/mijn/namens", data={"machtiging": str(machtiging.id)})
    assert son.post("/mijn/zorg/beoordelen", data=_form(t.id)).status_code == 302
    b = db.session.scalar(select(Beoordeling))
    assert b.person_id == owner.person_id and b.ingediend_door_id == users["gemachtigde"].id


def test_the_kaart_shows_ratings_only_after_moderation_and_from_five_within_four_years(app, client_as, users):
    demo_kaart()
    ratings(4)
    ratings(1, days_ago=5 * 365, skip=5)  # older than 4 years: does not count
    t = toewijzing_for(users["inwoner"].person)
    client_as("inwoner").post("/mijn/zorg/beoordelen", data=_form(t.id, tekst="Mijn eigen woorden over de hulp."))
    page = _entry_page(app)
    assert "Nog te weinig beoordelingen" in page and "aggregateRating" not in page
    assert "Mijn eigen woorden" not in page
    search = app.test_client().get(f"/sociale-kaart/{WOERDEN}/?behoefte=huishouden").get_data(as_text=True)
    assert "nog te weinig beoordelingen" in search

    pending = db.session.scalar(select(Beoordeling).where(Beoordeling.status == "te_beoordelen"))
    assert client_as("contractmanager").post(f"/contracten/beoordelingen/{pending.id}/goedkeuren").status_code == 302
    page = _entry_page(app)
    person = users["inwoner"].person
    assert "5 inwoners" in page and "Mijn eigen woorden over de hulp." in page and "Nog te weinig" not in page
    assert person.naam not in page and person.achternaam not in page and person.bsn not in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    # (4.2 + 4.0 + 3.0) / 3 aspects
    assert data["aggregateRating"] == {"@type": "AggregateRating", "ratingValue": 3.7, "ratingCount": 5,
                                       "bestRating": 5, "worstRating": 1}
    search = app.test_client().get(f"/sociale-kaart/{WOERDEN}/?behoefte=huishouden").get_data(as_text=True)
    assert "(5 beoordelingen)" in search

    export = app.test_client().get(f"/sociale-kaart/open-data/{WOERDEN}.json").get_json()
    schema = app.test_client().get("/sociale-kaart/open-data/schema.json").get_json()
    jsonschema.validate(export, schema)
    [service] = [s for s in export["services"] if s["name"] == ENTRY]
    assert service["nl_beoordeling"]["aantal"] == 5
    assert service["nl_beoordeling"]["gemiddelde"]["bejegening"] == pytest.approx(4.2)
    assert all("nl_beoordeling" not in s for s in export["services"] if s["name"] != ENTRY
               and s["organization"]["nl_agb_code"] != "42420001")


def test_the_moderation_list_shows_no_name_logs_each_read_and_a_rejection_needs_a_reason(client_as, users):
    person = users["inwoner"].person
    t = toewijzing_for(person)
    inwoner = client_as("inwoner")
    inwoner.post("/mijn/zorg/beoordelen", data=_form(t.id, tekst="Te laat, steeds weer."))
    manager = client_as("contractmanager")
    before = db.session.scalar(select(func.count()).select_from(ProcessingRecord).where(
        ProcessingRecord.subject_person_id == person.id, ProcessingRecord.action == "lezen"))
    page = manager.get("/contracten/beoordelingen").get_data(as_text=True)
    assert "Te laat, steeds weer." in page and person.naam not in page and person.bsn not in page
    assert db.session.scalar(select(func.count()).select_from(ProcessingRecord).where(
        ProcessingRecord.subject_person_id == person.id, ProcessingRecord.action == "lezen")) == before + 1
    b = db.session.scalar(select(Beoordeling))
    empty = manager.post(f"/contracten/beoordelingen/{b.id}/afwijzen", data={"reden": " "})
    assert empty.status_code == 400 and "Vul &#39;Waarom plaatst u deze beoordeling niet&#39; in." in empty.get_data(as_text=True)
    assert f'id="field-reden-{b.id}-error"' in empty.get_data(as_text=True)
    assert manager.post(f"/contracten/beoordelingen/{b.id}/afwijzen", data={"reden": "Er staat een naam in."}).status_code == 302
    db.session.expire_all()
    assert (b.status, b.afwijsreden) == ("afgewezen", "Er staat een naam in.")
    assert "niet geplaatst. Reden van de gemeente: Er staat een naam in." in inwoner.get("/mijn/zorg").get_data(as_text=True)
    assert manager.post(f"/contracten/beoordelingen/{b.id}/goedkeuren").status_code == 302  # decided: said, not changed
    db.session.expire_all()
    assert b.status == "afgewezen"


def test_ratings_of_another_gemeente_are_not_there_for_its_contractmanager(client_as, users):
    [b] = ratings(1, status="te_beoordelen")
    other = client_as("contractmanager-oudewater")
    assert "Goede hulp." not in other.get("/contracten/beoordelingen").get_data(as_text=True)
    assert other.post(f"/contracten/beoordelingen/{b.id}/goedkeuren").status_code == 404
    assert client_as("consulent").get("/contracten/beoordelingen").status_code == 403


def test_the_aanbieder_replies_publicly_and_only_to_its_own_approved_ratings(app, client_as):
    demo_kaart()
    mine = ratings(5)
    [theirs] = ratings(1, agb="65656055", skip=7)
    [waiting] = ratings(1, status="te_beoordelen", skip=8)
    client = client_as("aanbieder")
    page = client.get("/aanbieder/beoordelingen").get_data(as_text=True)
    assert page.count("Goede hulp.") == 5
    bad = client.post(f"/aanbieder/beoordelingen/{mine[0].id}/reactie", data={"reactie": "<script>x</script>"})
    assert bad.status_code == 400 and "bevat HTML" in bad.get_data(as_text=True)
    ok = client.post(f"/aanbieder/beoordelingen/{mine[0].id}/reactie", data={"reactie": "Dank voor uw woorden."})
    assert ok.status_code == 302
    public = _entry_page(app)
    assert "Reactie van" in public and "Dank voor uw woorden." in public
    assert client.post(f"/aanbieder/beoordelingen/{theirs.id}/reactie", data={"reactie": "Hallo"}).status_code == 404
    assert client.post(f"/aanbieder/beoordelingen/{waiting.id}/reactie", data={"reactie": "Hallo"}).status_code == 403
    assert client_as("consulent").get("/aanbieder/beoordelingen").status_code == 403
