"""Two gemeenten in one installation (#13): staff of one gemeente asking for the other's zaak, task,
document, bijlage, process, bericht or betaalbatch — through every page and every API route with an id,
reading or changing — get exactly what they get for an id that does not exist (a 404, not a 403 that says
it is there), see none of its data, and change nothing; a search or a count never includes the other's
zaken. Each gemeente's messages, letters and payments carry its own code, address and account."""
import re
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from app import db
from app.models import (Aanbieder, Bericht, Betaalbatch, Contract, ContractTarief, Document, Gemeente, HumanTask,
                        Person, ProcessInstance, Toewijzing, Zaak)
from app.services import bijlagen
from app.services.demo_data import OUDEWATER, WOERDEN
from app.simulator.berichten import start_zorg
from betaling_data import open_batch
from case_flow import start_case
from exchange_flow import AANBIEDER, aanbieder_client, beschikking, first_of_last_month
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from iwmo_messages import parse
from kwaliteit_data import klacht_ids
from portal_data import PDF
from retentie_data import concept_list_with

NOWHERE = 2**31 - 1  # a valid id that no row has
#: Staff of each gemeente (demo users); the beheerder works for both and is not one of them.
STAFF = {WOERDEN: ("consulent", "senior", "beoordelaar", "backoffice"),
         OUDEWATER: ("consulent-oudewater", "beoordelaar-oudewater", "backoffice-oudewater")}
#: Each gemeente's contractmanager: walks the routes with an aanbieder, registratie, contract or regel id
#: (the staff above walk those too, and get the same refusal for an existing id as for a missing one).
MANAGER = {WOERDEN: "contractmanager", OUDEWATER: "contractmanager-oudewater"}
CONTRACT_IDS = {"aanbieder_id", "registratie_id", "contract_id", "regel_id", "dienst_id", "klacht_id"}
#: Routes that are public by design: a gemeente's theme colours and logo are no one's data, nor is its sociale kaart
#: (an entry is public on its gemeente's kaart; the keeper's pages, /contracten/kaart/<id>, are walked).
PUBLIC = {"main.thema", "main.logo", "kaart.search", "kaart.entry", "kaart.export_json", "kaart.export_csv"}


@dataclass
class Dossier:
    """One gemeente's objects, as ids by URL argument name, and what of them must never show elsewhere."""
    code: str
    ids: dict
    secrets: tuple


def _dossier(app, api_as, code: str, batch_nummer: str, eerste: int) -> Dossier:
    consulent = api_as(STAFF[code][0])
    person = db.session.scalar(select(Person).join(Gemeente, Gemeente.id == Person.gemeente_id)
                               .where(Gemeente.code == code).order_by(Person.id))
    zaak_id = beschikking(consulent, person.bsn)
    aanbieder = aanbieder_client(app, AANBIEDER["wmo"])
    [item] = [b for b in aanbieder.outbox("nieuw") if b["gemeente"] == code]
    xml_301 = aanbieder.download(item["id"]).data
    sent = aanbieder.send(start_zorg(xml_301, f"S305-{code}", first_of_last_month()))
    assert sent.status_code == 202, sent.json
    zaak = db.session.get(Zaak, zaak_id)
    bijlage = _bijlage(zaak)
    open_case = start_case(consulent, person.bsn)
    task = db.session.scalar(select(HumanTask).where(HumanTask.zaak_id == open_case["id"],
                                                     HumanTask.status == "open"))
    contract = _contract_of_own_aanbieder(code, eerste)
    dienst = _kaart_entry(code)
    toewijzing_id = db.session.scalar(select(Toewijzing.id).where(Toewijzing.zaak_id == zaak_id))
    klacht = klacht_ids(toewijzing_id, f"Geheime klacht in {code}")
    ids = {"zaak_id": zaak_id, "task_id": task.id, "bericht_id": sent.json["id"], "bijlage_id": bijlage.id,
           "aanbieder_id": contract.aanbieder_id, "contract_id": contract.id, "regel_id": contract.producten[0].id,
           "registratie_id": contract.aanbieder.registraties[0].id,
           "document_id": db.session.scalar(select(Document.id).where(Document.zaak_id == zaak_id,
                                                                     Document.soort == "beschikking")),
           "instance_id": db.session.scalar(select(ProcessInstance.id).where(ProcessInstance.zaak_id == zaak_id)),
           "batch_id": open_batch(2, nummer=batch_nummer, gemeente=code, eerste=eerste),
           "toewijzing_id": toewijzing_id, **klacht,
           "dienst_id": dienst.id, "gemeente_id": person.gemeente_id, **_afschriften(person), **concept_list_with(zaak)}
    return Dossier(code, ids, (person.bsn, person.achternaam, zaak.zaaknummer, open_case["zaaknummer"],
                               contract.aanbieder.naam, contract.kenmerk, dienst.naam, f"Geheime klacht in {code}"))


def _contract_of_own_aanbieder(code: str, eerste: int):
    """An aanbieder registered in this gemeente only, with a contract there (for the contract id-routes)."""
    from app.models import User
    from app.services import contracten
    from contract_data import gemeente_id, new_aanbieder, product_ids
    manager = db.session.scalar(select(User).where(User.username == MANAGER[code]))
    aanbieder = new_aanbieder(manager, f"4{eerste:07d}", f"Zorg alleen in {code}", code=code,
                              kvk=f"3{eerste:07d}")
    contract = contracten.create_contract(manager, aanbieder.id, gemeente_id(code), contracten.ContractForm(
        f"GEHEIM-{code}", "2025-01-01", ""))
    contracten.add_product(manager, contract.id, product_ids("01A03")[0], "31,00", "")
    db.session.expire_all()
    return db.session.get(type(contract), contract.id)


def _afschriften(person) -> dict:
    """A PDF afschrift of the person, asked for by the privacy officer (who works for both gemeenten)."""
    from app.models import User
    from app.services import avg_afschrift
    officer = db.session.scalar(select(User).where(User.username == "privacy"))
    made = avg_afschrift.request_for_request(officer, person, "schriftelijk verzoek voor de isolatietest").id
    return {"afschrift_id": made, "verzoek_afschrift_id": made}


def _kaart_entry(code: str):
    """An entry on the gemeente's sociale kaart, made by its contractmanager (for the keeper's id-route)."""
    from datetime import date

    from app.models import User
    from app.services import kaart_beheer
    from contract_data import gemeente_id
    manager = db.session.scalar(select(User).where(User.username == MANAGER[code]))
    return kaart_beheer.create_entry(manager, gemeente_id(code), kaart_beheer.KaartForm(
        soort="initiatief", domein="wmo", naam=f"Geheim buurtinitiatief {code}", organisatie=f"Buurt {code}",
        beschrijving="Koffie.", doelgroep="Iedereen.", aanmelden="Loop binnen.", categorieen=["09"],
        gecontroleerd_op=date.today().isoformat()))


def _bijlage(zaak: Zaak):
    from app.models import User
    inwoner = db.session.scalar(select(User).where(User.person_id == zaak.person_id))
    if inwoner is None:  # an Oudewater inwoner has no demo account: the upload is theirs all the same
        inwoner = User(username=f"inwoner-{zaak.person_id}", display_name="Inwoner", roles="inwoner",
                       person_id=zaak.person_id)
        db.session.add(inwoner)
        db.session.commit()
    return bijlagen.add_bijlagen(inwoner, zaak, [bijlagen.Upload("brief.pdf", PDF, "Brief")])[0]


@pytest.fixture
def dossiers(app, api_as) -> dict[str, Dossier]:
    return {WOERDEN: _dossier(app, api_as, WOERDEN, "DNW", 2001),
            OUDEWATER: _dossier(app, api_as, OUDEWATER, "DNO", 3001)}


def _id_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.arguments and rule.endpoint != "static" and rule.endpoint not in PUBLIC:
            yield rule, sorted(rule.methods - {"HEAD", "OPTIONS"})


def _url(rule, ids: dict) -> str:
    return rule.build({arg: ids.get(arg, NOWHERE) for arg in rule.arguments}, append_unknown=False)[1]


class Asker:
    """One staff member on the web (with a CSRF token, so that a POST is really tried) and on the API."""

    def __init__(self, app, client_as, api_as, username: str):
        self.web, self.api = client_as(username), api_as(username)
        page = self.web.get("/auth/profiel").get_data(as_text=True)
        self.csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def ask(self, method: str, url: str):
        if url.startswith("/api/"):
            kwargs = {"json": {"gegevens": {}, "tekst": "Poging van een andere gemeente"}} if method != "GET" else {}
            return getattr(self.api, method.lower())(url, **kwargs) if method in ("GET", "POST") else \
                self.api.client.open(url, method=method, headers=self.api.headers, **kwargs)
        data = {"csrf_token": self.csrf, "tekst": "Poging van een andere gemeente", "actie": "opslaan"}
        return self.web.open(url, method=method, data=data if method != "GET" else None)


def _body(response) -> str:
    return response.get_data().decode("utf-8", "replace")


def _state(dossier: Dossier) -> tuple:
    """What staff of the other gemeente could have changed."""
    db.session.expire_all()
    zaak_ids = select(Zaak.id).join(Gemeente, Gemeente.id == Zaak.gemeente_id).where(Gemeente.code == dossier.code)
    return (db.session.scalar(select(func.count()).select_from(Zaak).where(Zaak.id.in_(zaak_ids))),
            tuple(db.session.execute(select(HumanTask.id, HumanTask.status, HumanTask.assignee_id)
                                     .where(HumanTask.zaak_id.in_(zaak_ids)).order_by(HumanTask.id))),
            db.session.scalar(select(func.count()).select_from(Document).where(Document.zaak_id.in_(zaak_ids))),
            tuple(db.session.execute(select(Betaalbatch.id, Betaalbatch.status).order_by(Betaalbatch.id))),
            db.session.scalar(select(func.count()).select_from(Bericht)),
            tuple(db.session.execute(select(Aanbieder.naam, Aanbieder.iban).order_by(Aanbieder.id))),
            tuple(db.session.execute(select(ContractTarief.id, ContractTarief.tarief_cent).order_by(ContractTarief.id))),
            tuple(db.session.execute(select(Contract.id, Contract.kenmerk, Contract.einddatum).order_by(Contract.id))))


@pytest.mark.parametrize("own, other", [(WOERDEN, OUDEWATER), (OUDEWATER, WOERDEN)])
def test_staff_of_one_gemeente_get_nothing_of_the_other_through_any_route_with_an_id(
        app, client_as, api_as, dossiers, own, other):
    theirs, before, checked = dossiers[other], _state(dossiers[other]), 0
    for username in (*STAFF[own], MANAGER[own]):
        asker = Asker(app, client_as, api_as, username)
        for rule, methods in _id_routes(app):
            if username == MANAGER[own] and not CONTRACT_IDS & set(rule.arguments):
                continue
            for method in methods:
                url, nowhere = _url(rule, theirs.ids), _url(rule, {})
                if url == nowhere:
                    continue  # the route takes no id of a gemeente's object (e.g. one's own API token)
                response, absent = asker.ask(method, url), asker.ask(method, nowhere)
                leaked = [s for s in theirs.secrets if s in _body(response)]
                assert not leaked, f"{method} {url} as {username} ({own}) showed {leaked}"
                assert response.status_code == absent.status_code, (
                    f"{method} {url} as {username} ({own}): {response.status_code}, while an id that does not "
                    f"exist gives {absent.status_code} — the answer tells that the object exists")
                checked += 1
    assert checked > 100
    assert sum(1 for rule, _ in _id_routes(app) if CONTRACT_IDS & set(rule.arguments)) >= 14
    assert _state(theirs) == before, f"staff of {own} changed something of {other}"


def test_the_same_routes_answer_the_own_gemeente(app, client_as, api_as, dossiers):
    """The control: what the other gemeente's staff cannot open, the own staff can."""
    for code, (consulent, *_rest) in STAFF.items():
        ids, web, api = dossiers[code].ids, client_as(consulent), api_as(consulent)
        for url in (f"/werkvoorraad/zaken/{ids['zaak_id']}", f"/werkvoorraad/taken/{ids['task_id']}",
                    f"/documenten/{ids['document_id']}"):
            assert web.get(url).status_code == 200, f"{url} as {consulent}"
        assert api.get(f"/api/v1/zaken/{ids['zaak_id']}").status_code == 200
        manager = client_as(MANAGER[code])
        for url in (f"/contracten/aanbieders/{ids['aanbieder_id']}", f"/contracten/contracten/{ids['contract_id']}",
                    f"/contracten/registraties/{ids['registratie_id']}", f"/contracten/kaart/{ids['dienst_id']}"):
            assert manager.get(url).status_code == 200, f"{url} as {MANAGER[code]}"
        assert api_as(MANAGER[code]).get(f"/api/v1/contracten/{ids['contract_id']}").status_code == 200


@pytest.mark.parametrize("own, other", [(WOERDEN, OUDEWATER), (OUDEWATER, WOERDEN)])
def test_a_search_and_the_counts_never_include_the_other_gemeente(app, client_as, api_as, dossiers, own, other):
    bsn, achternaam, zaaknummer, open_zaaknummer, *_contract = dossiers[other].secrets
    consulent = STAFF[own][0]
    api, web = api_as(consulent), client_as(consulent)
    for term in (bsn, achternaam, zaaknummer, open_zaaknummer):
        found = api.get("/api/v1/taken", query_string={"zoek": term})
        assert found.status_code == 200 and found.json["count"] == 0, f"{term}: {found.json}"
        page = _body(web.get("/werkvoorraad/", query_string={"zoek": term}))
        shown = [s for s in (bsn, achternaam, zaaknummer, open_zaaknummer) if s != term and s in page]
        assert not shown, f"searching for {term} showed {shown}"
    everything = api.get("/api/v1/taken", query_string={"limit": 200}).json
    own_open = db.session.scalar(select(func.count()).select_from(HumanTask)
                                 .join(Gemeente, Gemeente.id == HumanTask.gemeente_id)
                                 .where(HumanTask.status == "open", HumanTask.lane == "consulent",
                                        Gemeente.code == own))
    assert everything["count"] == own_open and own_open >= 1
    assert {r["zaak_id"] for r in everything["results"]}.isdisjoint(
        set(db.session.scalars(select(Zaak.id).join(Gemeente, Gemeente.id == Zaak.gemeente_id)
                               .where(Gemeente.code == other))))


def test_each_gemeente_sends_its_own_code_and_letter_and_pays_from_its_own_account(app, dossiers):
    for code, dossier in dossiers.items():
        gemeente = db.session.scalar(select(Gemeente).where(Gemeente.code == code))
        toewijzing = db.session.scalar(select(Toewijzing).where(Toewijzing.zaak_id == dossier.ids["zaak_id"]))
        assert toewijzing.gemeente_id == gemeente.id
        [sent] = [b for b in db.session.scalars(select(Bericht).where(Bericht.zaak_id == dossier.ids["zaak_id"],
                                                                      Bericht.richting == "uit"))
                  if b.naam.endswith("301")]
        header = parse(sent.inhoud).header
        assert (header.afzender, sent.gemeente_id) == (code, gemeente.id)
        start = db.session.get(Bericht, dossier.ids["bericht_id"])
        assert parse(start.inhoud).header.ontvanger == code and start.gemeente_id == gemeente.id
        letter = db.session.get(Document, dossier.ids["document_id"]).html
        assert gemeente.naam in letter and gemeente.bezwaar_adres.splitlines()[1] in letter
        assert db.session.get(Betaalbatch, dossier.ids["batch_id"]).gemeente_id == gemeente.id


def test_an_aanbieder_of_both_gemeenten_sees_its_berichten_per_gemeente(app, dossiers, client_as):
    aanbieder = aanbieder_client(app, AANBIEDER["wmo"])
    for code in (WOERDEN, OUDEWATER):
        response = aanbieder.client.get("/api/v1/aanbieder/berichten", query_string={"gemeente": code},
                                        headers=aanbieder.headers)
        assert response.status_code == 200 and response.json["count"] >= 1
        assert {r["gemeente"] for r in response.json["results"]} == {code}
    unknown = aanbieder.client.get("/api/v1/aanbieder/berichten", query_string={"gemeente": "9999"},
                                   headers=aanbieder.headers)
    assert unknown.status_code == 400 and "9999" in unknown.json["detail"]
    response = client_as("aanbieder").get("/aanbieder/", query_string={"gemeente": OUDEWATER})
    page = _body(response)
    assert response.status_code == 200, page[-3000:]
    assert "Berichtenverkeer met Gemeente Oudewater" in page and 'aria-label="Filter op gemeente"' in page
