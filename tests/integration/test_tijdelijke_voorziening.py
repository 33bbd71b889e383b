"""Spoed (#17 point 6, Wmo 2015 art. 2.3.3): the spoed mark at triage gives the consulent a task to grant a tijdelijke
maatwerkvoorziening at once — a beschikking and a 301 that pass the outbound self-check — while the onderzoek runs on
beside it; the definitive beschikking ends the tijdelijke one (the day before the definitive voorziening starts, or
the day of an afwijzing) and shortens its toewijzing with a 301 (RedenWijziging 05)."""
from datetime import date, timedelta

from sqlalchemy import select

from app import db
from app.models import Bericht, Beschikking, Document, HumanTask, Person, Toewijzing, Zaak
from app.services.tijdelijke_voorziening import VERKORTING
from case_data import IN_A_YEAR, TODAY, form_data
from case_flow import PRODUCT, start_case
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from iwmo_messages import parse

SPOED = {"spoed": True, "samenvatting": "Mevrouw kan na een val niet meer alleen thuis zijn.", "vervolg": "onderzoek"}
IN_A_MONTH = (date.today() + timedelta(days=30)).isoformat()
TIJDELIJK = {"tijdelijk_productcode": PRODUCT["wmo"], "tijdelijk_aanbieder": "42420001", "tijdelijk_omvang": 5,
             "tijdelijk_eenheid": "04", "tijdelijk_frequentie": "per_week", "tijdelijk_ingangsdatum": TODAY,
             "tijdelijk_einddatum": (date.today() + timedelta(days=60)).isoformat(),
             "tijdelijk_motivering": "Na een val kan mevrouw niet wachten op het gesprek."}


def _open(api, zaak_id: int) -> dict[str, dict]:
    return {t["taak"]: t for t in api.get("/api/v1/taken?rol=consulent").json["results"] if t["zaak_id"] == zaak_id}


def _complete(api, task: dict, data: dict):
    return api.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": data})


def _spoed_zaak(api) -> int:
    """A spoed melding whose tijdelijke voorziening the consulent has granted; the zaak id."""
    zaak_id = start_case(api, _bsn())["id"]
    triage = _open(api, zaak_id)["triage"]
    assert _complete(api, triage, SPOED).status_code == 200
    tasks = _open(api, zaak_id)
    assert set(tasks) == {"tijdelijke_voorziening", "onderzoek_gesprek"}  # the onderzoek runs on beside it
    assert _complete(api, tasks["tijdelijke_voorziening"], TIJDELIJK).status_code == 200
    return zaak_id


def _bsn() -> str:
    from app.models import User
    return db.session.get(Person, db.session.scalar(select(User.person_id).where(User.username == "inwoner"))).bsn


def _finish(api_as, zaak_id: int, besluit: str, ingangsdatum: str = IN_A_MONTH) -> Beschikking:
    consulent = api_as("consulent")
    for step in ("onderzoek_gesprek", "onderzoek_verslag", "aanvraag_registreren", "besluit_voorbereiden"):
        data = form_data(step, besluit=besluit)
        if step == "aanvraag_registreren":
            data.update(productcode=PRODUCT["wmo"], ingangsdatum=ingangsdatum, einddatum=IN_A_YEAR)
        done = _complete(consulent, _open(consulent, zaak_id)[step], data)
        assert done.status_code == 200, done.json
    if besluit == "afwijzen":
        beoordelaar = api_as("beoordelaar")
        [task] = [t for t in beoordelaar.get("/api/v1/taken?rol=beoordelaar").json["results"] if t["zaak_id"] == zaak_id]
        assert _complete(beoordelaar, task, form_data("vier_ogen_toets")).status_code == 200
    db.session.remove()
    return db.session.scalars(select(Beschikking).where(Beschikking.zaak_id == zaak_id, Beschikking.tijdelijk.is_(False))).one()


def _tijdelijke(zaak_id: int) -> Beschikking:
    return db.session.scalars(select(Beschikking).where(Beschikking.zaak_id == zaak_id, Beschikking.tijdelijk.is_(True))).one()


def _301s(zaak_id: int) -> list[Bericht]:
    return db.session.scalars(select(Bericht).where(Bericht.zaak_id == zaak_id, Bericht.richting == "uit",
                                                    Bericht.nummer == "301").order_by(Bericht.id)).all()


def test_spoed_grants_a_tijdelijke_voorziening_with_its_beschikking_and_301_while_the_onderzoek_goes_on(api_as, client_as):
    consulent = api_as("consulent")
    zaak_id = _spoed_zaak(consulent)
    db.session.remove()
    tijdelijk = _tijdelijke(zaak_id)
    assert tijdelijk.besluit == "toekennen" and tijdelijk.grondslag == "art. 2.3.3 Wmo 2015"
    assert tijdelijk.leveringsvorm == "zin" and tijdelijk.productcode == PRODUCT["wmo"] and tijdelijk.omvang == 5
    assert tijdelijk.einddatum == date.today() + timedelta(days=60)
    [toewijzing] = db.session.scalars(select(Toewijzing).where(Toewijzing.beschikking_id == tijdelijk.id)).all()
    [bericht] = _301s(zaak_id)  # stored only after the outbound self-check (XSD and the gemeente's rules) passed
    [product] = parse(bericht.inhoud).client.toegewezen_producten
    assert product.toewijzing_nummer == toewijzing.toewijzingnummer and product.einddatum == tijdelijk.einddatum
    letter = db.session.scalar(select(Document).where(Document.zaak_id == zaak_id, Document.soort == "beschikking"))
    assert "u krijgt meteen tijdelijke hulp" in letter.html and "artikel 2.3.3" in letter.html
    assert "bezwaar" in letter.html
    assert list(_open(consulent, zaak_id)) == ["onderzoek_gesprek"]
    assert db.session.get(Zaak, zaak_id).status == "lopend"
    page = client_as("inwoner").get(f"/mijn/zaken/{zaak_id}").get_data(as_text=True)
    assert "u krijgt meteen tijdelijke hulp, omdat het niet kan wachten" in page


def test_the_definitive_toekenning_replaces_the_tijdelijke_voorziening_from_the_day_it_starts(api_as):
    zaak_id = _spoed_zaak(api_as("consulent"))
    definitief = _finish(api_as, zaak_id, "toekennen")
    tijdelijk = _tijdelijke(zaak_id)
    start = date.fromisoformat(IN_A_MONTH)
    assert tijdelijk.beeindigd_door_id == definitief.id and tijdelijk.einddatum == start - timedelta(days=1)
    ended = db.session.scalars(select(Toewijzing).where(Toewijzing.beschikking_id == tijdelijk.id)).one()
    assert ended.einddatum == start - timedelta(days=1) and ended.reden_wijziging == VERKORTING
    heen, verkorting, nieuw = _301s(zaak_id)
    [shortened] = parse(verkorting.inhoud).client.toegewezen_producten
    assert shortened.toewijzing_nummer == ended.toewijzingnummer and shortened.reden_wijziging == VERKORTING
    assert shortened.einddatum == start - timedelta(days=1)
    numbers = {p.toewijzing_nummer for p in parse(nieuw.inhoud).client.toegewezen_producten}
    new = db.session.scalars(select(Toewijzing).where(Toewijzing.beschikking_id == definitief.id)).one()
    assert new.toewijzingnummer in numbers and new.ingangsdatum == start
    letter = db.session.scalar(select(Document).where(Document.beschikking_id == definitief.id))
    assert "tijdelijke hulp stopt op" in letter.html
    assert db.session.get(Zaak, zaak_id).status == "afgesloten"


def test_a_definitive_afwijzing_ends_the_tijdelijke_voorziening_on_the_day_of_the_besluit(api_as):
    zaak_id = _spoed_zaak(api_as("consulent"))
    definitief = _finish(api_as, zaak_id, "afwijzen")
    tijdelijk = _tijdelijke(zaak_id)
    assert definitief.besluit == "afwijzen"
    assert tijdelijk.beeindigd_door_id == definitief.id and tijdelijk.einddatum == date.today()
    ended = db.session.scalars(select(Toewijzing).where(Toewijzing.beschikking_id == tijdelijk.id)).one()
    assert ended.einddatum == date.today() and ended.reden_wijziging == VERKORTING
    assert len(_301s(zaak_id)) == 2


def test_without_spoed_there_is_no_tijdelijke_voorziening_task(api_as):
    consulent = api_as("consulent")
    zaak_id = start_case(consulent, _bsn())["id"]
    assert _complete(consulent, _open(consulent, zaak_id)["triage"], form_data("triage")).status_code == 200
    assert list(_open(consulent, zaak_id)) == ["onderzoek_gesprek"]
    assert not db.session.scalars(select(HumanTask).where(HumanTask.spec_name == "tijdelijke_voorziening")).all()
