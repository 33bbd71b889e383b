"""Herindicatie (#17 point 7): the tick gives the consulent of the voorziening's gemeente a task 'Herindicatie
beoordelen' HERINDICATIE_WEKEN (8) weeks before a beschikking ends — and once a year for an open-ended one, as
its letter promises — due on that day, exactly once per beschikking and period; it leads to a new melding for
the same inwoner or closes with the reason no herindicatie is needed."""
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app import db
from app.jobs.tasks import tick
from app.models import Gemeente, Herindicatie, HumanTask, Person, Zaak
from app.services.demo_data import OUDEWATER, WOERDEN
from case_flow import beschikking_with, open_task_of
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from test_instellingen import FORM
from test_pgb import PGB

TZ = ZoneInfo("Europe/Amsterdam")


def _person(code: str, skip: int = 0) -> Person:
    return db.session.scalars(select(Person).join(Gemeente, Gemeente.id == Person.gemeente_id)
                              .where(Gemeente.code == code).order_by(Person.id).offset(skip).limit(1)).one()


def _herindicatie_tasks(api_as, username: str = "consulent") -> list[dict]:
    """The open herindicatie tasks in `username`'s werkvoorraad, asked with a token made at the clock's time."""
    answer = api_as(username).get("/api/v1/taken?rol=consulent")
    assert answer.status_code == 200, answer.json
    return [t for t in answer.json["results"] if t["taak"] == "herindicatie_beoordelen"]


def _travel_to(clock, day: date) -> None:
    """Move the app's clock to 09:00 on `day` (Dutch time)."""
    from datetime import datetime, time
    clock.at = datetime.combine(day, time(9), tzinfo=TZ)


def test_the_task_comes_eight_weeks_before_the_einddatum_due_on_it_and_only_once(app, api_as, client_as, users,
                                                                                   clock):
    consulent = api_as("consulent")
    beschikking = beschikking_with(consulent, db.session.get(Person, users["inwoner"].person_id))
    einde = beschikking.einddatum
    assert einde is not None

    _travel_to(clock, einde - timedelta(weeks=8, days=1))
    tick()
    assert _herindicatie_tasks(api_as) == []  # one day too early

    _travel_to(clock, einde - timedelta(weeks=8))
    tick()
    [task] = _herindicatie_tasks(api_as)
    assert task["zaak_id"] == beschikking.zaak_id and date.fromisoformat(task["uiterlijk"][:10]) == einde
    for later in (0, 1, 20, 8 * 7):  # the same day again, the next days, up to the einddatum: still one
        _travel_to(clock, einde - timedelta(weeks=8) + timedelta(days=later))
        tick()
    assert len(_herindicatie_tasks(api_as)) == 1
    [row] = db.session.scalars(select(Herindicatie)).all()
    assert (row.soort, row.peildatum, row.beschikking_id) == ("einde", einde, beschikking.id)
    # the inwoner reads in Mijn zaken that a consulent will look at the help with them
    portal = client_as("inwoner").get(f"/mijn/zaken/{beschikking.zaak_id}").get_data(as_text=True)
    assert "Een consulent neemt contact met u op om samen te kijken of de hulp nog past." in portal


def test_the_weeks_before_are_a_setting(app, api_as, client_as, clock):
    consulent = api_as("consulent")
    beschikking = beschikking_with(consulent, _person(WOERDEN))
    beheerder = client_as("beheerder")
    assert 'name="HERINDICATIE_WEKEN"' in beheerder.get("/beheer/instellingen").get_data(as_text=True)
    wrong = beheerder.post("/beheer/instellingen", data={**FORM, "HERINDICATIE_WEKEN": "twaalf"})
    assert wrong.status_code == 400 and "Vul een aantal weken in" in wrong.get_data(as_text=True)
    saved = beheerder.post("/beheer/instellingen", data={**FORM, "HERINDICATIE_WEKEN": "12"})
    assert saved.status_code == 302, saved.get_data(as_text=True)
    _travel_to(clock, beschikking.einddatum - timedelta(weeks=12))
    tick()
    assert len(_herindicatie_tasks(api_as)) == 1


def test_an_open_ended_beschikking_is_reviewed_every_year_as_its_letter_promises(app, api_as, clock):
    consulent = api_as("consulent")
    beschikking = beschikking_with(consulent, _person(WOERDEN), **{**PGB, "einddatum": None})
    assert beschikking.einddatum is None
    letter = db.session.scalar(select(Zaak).where(Zaak.id == beschikking.zaak_id)).zaaknummer
    start = beschikking.bekendgemaakt_op or beschikking.vastgesteld_op.astimezone(TZ).date()
    jaar = start.replace(year=start.year + 1)

    _travel_to(clock, jaar - timedelta(weeks=8, days=1))
    tick()
    assert _herindicatie_tasks(api_as) == []
    _travel_to(clock, jaar - timedelta(weeks=8))
    tick()
    tick()
    [task] = _herindicatie_tasks(api_as)
    assert date.fromisoformat(task["uiterlijk"][:10]) == jaar, letter
    done = api_as("consulent").post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": {
        "herindicatie_uitkomst": "geen_herindicatie", "herindicatie_reden": "De hulp past nog; niets veranderd."}})
    assert done.status_code == 200, done.json

    # a year later the next review comes, once
    volgend = start.replace(year=start.year + 2)
    _travel_to(clock, volgend - timedelta(weeks=8))
    tick()
    tick()
    [task] = _herindicatie_tasks(api_as)
    assert date.fromisoformat(task["uiterlijk"][:10]) == volgend
    assert [r.peildatum for r in db.session.scalars(select(Herindicatie).order_by(Herindicatie.id))] == [jaar, volgend]


def test_each_gemeente_sees_only_its_own_herindicaties(app, api_as, clock):
    woerden, oudewater = api_as("consulent"), api_as("consulent-oudewater")
    in_woerden = beschikking_with(woerden, _person(WOERDEN))
    in_oudewater = beschikking_with(oudewater, _person(OUDEWATER))
    _travel_to(clock, max(in_woerden.einddatum, in_oudewater.einddatum) - timedelta(weeks=8))
    tick()
    assert [t["zaak_id"] for t in _herindicatie_tasks(api_as)] == [in_woerden.zaak_id]
    assert [t["zaak_id"] for t in _herindicatie_tasks(api_as, "consulent-oudewater")] == [in_oudewater.zaak_id]
    rows = {r.zaak_id: r.gemeente_id for r in db.session.scalars(select(Herindicatie))}
    assert rows == {in_woerden.zaak_id: in_woerden.gemeente_id, in_oudewater.zaak_id: in_oudewater.gemeente_id}
    assert in_woerden.gemeente_id != in_oudewater.gemeente_id


def test_a_new_onderzoek_opens_a_melding_for_the_same_inwoner(app, api_as, clock):
    consulent = api_as("consulent")
    person = _person(WOERDEN, skip=1)
    beschikking = beschikking_with(consulent, person)
    _travel_to(clock, beschikking.einddatum - timedelta(weeks=6))
    tick()
    [task] = _herindicatie_tasks(api_as)
    consulent = api_as("consulent")
    refused = consulent.post(f"/api/v1/taken/{task['id']}/voltooien",
                             json={"gegevens": {"herindicatie_uitkomst": "geen_herindicatie"}})
    assert refused.status_code == 422, refused.json
    assert [p["name"] for p in refused.json["invalid_params"]] == ["herindicatie_reden"]

    done = consulent.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": {
        "herindicatie_uitkomst": "nieuw_onderzoek", "herindicatie_hulpvraag": "Het huishouden lukt nog steeds niet."}})
    assert done.status_code == 200, done.json
    db.session.expire_all()
    row = db.session.scalars(select(Herindicatie)).one()
    nieuw = db.session.get(Zaak, row.nieuwe_zaak_id)
    assert row.uitkomst == "nieuw_onderzoek" and nieuw.person_id == person.id and nieuw.domein == "wmo"
    assert nieuw.kanaal == "herindicatie" and nieuw.omschrijving == "Het huishouden lukt nog steeds niet."
    assert open_task_of(consulent, nieuw.id)["taak"] == "triage"
    assert db.session.scalars(select(HumanTask).where(HumanTask.spec_name == "herindicatie_beoordelen")).one().status \
        == "completed"
    # the beschikking is followed up by the new zaak: no second herindicatie for it
    _travel_to(clock, beschikking.einddatum)
    tick()
    assert db.session.scalars(select(Herindicatie)).all() == [row]


@pytest.mark.parametrize("weken", ["0", "53", "acht", ""])
def test_the_setting_refuses_what_is_no_number_of_weeks(weken):
    from app.domain.instellingen import SETTINGS
    with pytest.raises(ValueError, match="aantal weken"):
        SETTINGS["HERINDICATIE_WEKEN"].parse(weken)
