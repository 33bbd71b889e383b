"""Jeugd verwijzing (#17 point 8; Jeugdwet art. 2.6 lid 1 onder g): a 315 after a verwijzing by a jeugdarts (03) or
a medisch specialist (05) opens direct access as one by a huisarts (02) does — a zaak of its own, marked with its
verwijzer, where the consulent answers the aanbieder — and no path refuses it on content (RedenAfwijzingVerzoek
7): not the form, not the API, not the operation behind the model. A formal refusal (geen contract) still goes."""
from datetime import date

import pytest
from sqlalchemy import select

from app import db
from app.engine import RunContext, ScriptError
from app.models import Bericht, HumanTask, Zaak
from app.services.demo_data import WOERDEN
from app.services.exchange.verzoek_antwoord import beantwoorden_verzoek
from app.simulator.berichten import HUISARTS, JEUGDARTS, MEDISCH_SPECIALIST, Jeugdige, verzoek_om_toewijzing
from exchange_flow import aanbieder_client
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from iwmo_messages import validate

JEUGD_AGB = "41234567"
#: Test BSNs of no other test (persons stay between tests), one per verwijzer.
BSN = {HUISARTS: "999900225", JEUGDARTS: "999900237", MEDISCH_SPECIALIST: "999900249"}
NAAM = {HUISARTS: "de huisarts", JEUGDARTS: "de jeugdarts", MEDISCH_SPECIALIST: "een medisch specialist"}


def _verwijzing(app, verwijzer: str, referentie: str):
    """The aanbieder sends the 315 of a verwijzing; its zaak and the consulent's open task."""
    aanbieder = aanbieder_client(app, JEUGD_AGB)
    sent = aanbieder.send(verzoek_om_toewijzing(
        "ijw", JEUGD_AGB, WOERDEN, Jeugdige(BSN[verwijzer], date(2014, 6, 1), "De Wit", "Noor"), "45", "45A03",
        date.today(), 4, "04", "2", referentie, f"V{referentie[-6:]}", date.today(), verwijzer=verwijzer,
        zorgverlener="01123456"))
    retour = validate(aanbieder.retour(sent.json["id"]).data)
    assert retour.valid and retour.nummer == "316" and retour.message.header.retour_codes == []
    bericht = db.session.get(Bericht, sent.json["id"])
    zaak = db.session.get(Zaak, bericht.zaak_id)
    task = db.session.scalars(select(HumanTask).where(HumanTask.zaak_id == zaak.id, HumanTask.status == "open")).one()
    return aanbieder, bericht, zaak, task


@pytest.mark.parametrize("verwijzer", [JEUGDARTS, MEDISCH_SPECIALIST, HUISARTS])
def test_a_verwijzing_by_a_jeugdarts_or_medisch_specialist_opens_direct_access_like_a_huisarts(app, verwijzer):
    _, _, zaak, task = _verwijzing(app, verwijzer, f"VERW-{verwijzer}-A")
    assert zaak.domein == "jeugd" and zaak.verwijzer == verwijzer and zaak.kanaal == "aanbieder"
    assert f"na een verwijzing van {NAAM[verwijzer]}" in zaak.omschrijving
    assert task.spec_name == "verzoek_beoordelen" and task.lane == "consulent"


@pytest.mark.parametrize("verwijzer", [JEUGDARTS, MEDISCH_SPECIALIST])
def test_a_verwijzing_is_never_refused_on_content(app, api_as, client_as, verwijzer):
    aanbieder, bericht, zaak, task = _verwijzing(app, verwijzer, f"VERW-{verwijzer}-C")
    consulent = api_as("consulent")
    refused = consulent.post(f"/api/v1/taken/{task.id}/voltooien", json={"gegevens": {
        "verzoek_besluit": "afwijzen", "verzoek_reden_afwijzing": "7"}})
    assert refused.status_code == 422, refused.json
    [problem] = refused.json["invalid_params"]
    assert problem["name"] == "verzoek_reden_afwijzing" and "niet inhoudelijk af" in problem["reason"]
    page = client_as("consulent").get(f"/werkvoorraad/taken/{task.id}").get_data(as_text=True)
    assert f"Verwijzing door {NAAM[verwijzer]}" in page and "niet inhoudelijk af" in page
    assert aanbieder.outbox("nieuw") == []  # no 319 went out
    db.session.expire_all()
    assert db.session.get(HumanTask, task.id).status == "open"

    # the operation behind the model refuses it as well, whatever a model or a caller passes it
    with pytest.raises(ScriptError, match="niet inhoudelijk af"):
        beantwoorden_verzoek(RunContext(session=db.session, zaak_id=zaak.id), {}, bericht.id, "afwijzen", "7")
    with pytest.raises(ScriptError, match="niet inhoudelijk af"):
        beantwoorden_verzoek(RunContext(session=db.session, zaak_id=zaak.id), {}, bericht.id, "afwijzen", None)
    db.session.rollback()

    # a formal reason is no judgement on content: geen contract goes out as a 319
    done = consulent.post(f"/api/v1/taken/{task.id}/voltooien", json={"gegevens": {
        "verzoek_besluit": "afwijzen", "verzoek_reden_afwijzing": "3"}})
    assert done.status_code == 200, done.json
    [item] = aanbieder.outbox("nieuw")
    answer = validate(aanbieder.download(item["id"]).data)
    assert answer.nummer == "319" and answer.message.antwoord.reden_afwijzing_verzoek == "3"


def test_the_toewijzing_of_a_verwijzing_gets_its_herindicatie_before_it_ends(app, api_as, clock):
    """No beschikking: the toewijzing's einddatum is what ends (the verwijzer's traject), once."""
    from datetime import datetime, time, timedelta
    from zoneinfo import ZoneInfo

    from app.jobs.tasks import tick
    from app.models import Herindicatie, Person, Toewijzing
    _, _, zaak, task = _verwijzing(app, JEUGDARTS, "VERW-03-HER")
    person = db.session.get(Person, zaak.person_id)
    person.straat, person.huisnummer, person.postcode, person.woonplaats = "Kerkstraat", "3", "3441 AB", "Woerden"
    db.session.commit()
    done = api_as("consulent").post(f"/api/v1/taken/{task.id}/voltooien", json={"gegevens": {
        "verzoek_besluit": "toekennen"}})
    assert done.status_code == 200, done.json
    toewijzing = db.session.scalars(select(Toewijzing).where(Toewijzing.zaak_id == zaak.id)).one()
    assert toewijzing.beschikking_id is None and toewijzing.einddatum is not None
    for day in (toewijzing.einddatum - timedelta(weeks=8), toewijzing.einddatum - timedelta(weeks=1)):
        clock.at = datetime.combine(day, time(9), tzinfo=ZoneInfo("Europe/Amsterdam"))
        tick()
    [row] = db.session.scalars(select(Herindicatie)).all()
    assert (row.toewijzing_id, row.zaak_id, row.peildatum) == (toewijzing.id, zaak.id, toewijzing.einddatum)
    [open_task] = db.session.scalars(select(HumanTask).where(HumanTask.spec_name == "herindicatie_beoordelen")).all()
    assert open_task.lane == "consulent" and open_task.gemeente_id == zaak.gemeente_id
    assert "Jeugdhulp ambulant, basis (45A03) loopt af op" in open_task.instructions
