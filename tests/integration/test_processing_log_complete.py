"""The processing log is complete by construction: every route of the app (read from app.url_map) that can
show a BSN or a name is requested as the role that may see it — pages and API, and every form page shown
again after an invalid form — and must have written a 'lezen' record for that person. A new route that
shows personal data without logging fails here; a route that shows none must be listed below, and the
list's claim is checked too (such a route never shows the BSN or the name)."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app import db
from app.models import ProcessingRecord, Termijn, Toewijzing, Zaak
from app.services.rapportage.dashboard import TABLES
from case_flow import WMO_STEPS, complete_steps
from app.simulator.berichten import answer_301, start_zorg
from betaling_data import open_batch
from beoordeling_data import beoordeling_ids
from bezwaar_data import bezwaar_ids
from contract_data import contract_ids
from kwaliteit_data import klacht_ids
from exchange_flow import AANBIEDER, aanbieder_client, beschikking, first_of_last_month
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture: messages handled in the request
from migratie_flow import migration_ids
from proefrit_data import scenario_ids
from publicatie_flow import verzoek_ids
from portal_data import full_dossier
from retentie_data import concept_list_with

#: The contractmanager's API endpoints.
CONTRACT_API = ("api.list_aanbieders", "api.create_aanbieder", "api.get_aanbieder", "api.update_aanbieder",
                "api.update_registratie", "api.create_contract", "api.get_contract", "api.update_contract",
                "api.add_product", "api.change_tarief", "api.set_plafond")

#: Routes that show no BSN or name of anyone, and why. Every other route must log its reads.
SHOWS_NO_PERSONAL_DATA = {
    "static": "stylesheets, scripts and images",
    "main.index": "only sends the user on to their own start page",
    "main.toegankelijkheid": "the toegankelijkheidsverklaring",
    "main.thema": "a gemeente's theme colours as a stylesheet",
    "main.logo": "a gemeente's logo (an image)",
    "auth.login": "the login form", "auth.logout": "ends the session",
    "auth.oidc_login": "sends the browser to DigiD", "auth.oidc_callback": "the DigiD return, then a redirect",
    "auth.staff_sso_login": "sends the browser to the organisation's login",
    "auth.staff_sso_callback": "the organisation's return, then a redirect",
    "auth.second_step": "the code step of one's own login", "auth.set_up_second_factor": "one's own second factor",
    **{endpoint: "staff accounts: names, roles, gemeenten, wijken, logins; no inwoner in them"
       for endpoint in ("beheer.index", "beheer.new_user", "beheer.user", "beheer.block", "beheer.unblock",
                        "beheer.revoke_tokens", "beheer.reset_password", "beheer.clear_second_factor")},
    "beheer.settings": "the gemeente's business rules (holidays, thresholds, mail sender)",
    **{endpoint: "process models and their concepts (BPMN), with counts of running cases; no case in them"
       for endpoint in ("ontwerpen.index", "ontwerpen.upload", "ontwerpen.model", "ontwerpen.version_file",
                        "ontwerpen.concept_file", "ontwerpen.concept", "ontwerpen.concept_findings",
                        "ontwerpen.edit_model", "ontwerpen.modeler", "ontwerpen.save_model",
                        "ontwerpen.proefrit_page", "ontwerpen.save_scenario", "ontwerpen.delete_scenario",
                        "ontwerpen.request_publication", "ontwerpen.publications", "ontwerpen.publication",
                        "ontwerpen.approve_publication", "ontwerpen.reject_publication",
                        "ontwerpen.withdraw_publication")},
    "ontwerpen.form_preview": "an empty task form (JSON Schema) as a preview; no case in it",
    **{endpoint: "a concept's task forms (JSON Schema) and their empty preview; no case in them"
       for endpoint in ("ontwerpen.concept_forms", "ontwerpen.concept_form", "ontwerpen.concept_form_preview")},
    **{endpoint: "a process model's DMN decision tables (beslistabellen) and their lint; no case in them"
       for endpoint in ("ontwerpen.decision_editor", "ontwerpen.save_decision", "ontwerpen.upload_decision",
                        "ontwerpen.new_decision",
                        "ontwerpen.concept_decision_file", "ontwerpen.version_decision_file")},
    **{endpoint: "a process version's running cases and their migration: zaaknummers and the step each case is at; "
                 "no inwoner's name, BSN or case data"
       for endpoint in ("ontwerpen.version", "ontwerpen.migration_preview", "ontwerpen.start_migration",
                        "ontwerpen.migration", "ontwerpen.revert_case")},
    "beheer.doorbraken": "who opened which zaak (its number) outside their work, and why; no inwoner's name or BSN",
    "beheer.retentie_termijnen": "the bewaartermijnen of a gemeente: configuration",
    "beheer.gemeenten": "the gemeenten of the installation: name, CBS code, what their letterhead lacks",
    "beheer.gemeente": "one gemeente's letterhead, bezwaar address, account and theme, with its audit trail of staff",
    "beheer.retentie_lijsten": "the vernietigingslijsten: gemeente, status, a count of zaken; no zaak on it",
    "beheer.retentie_selecteren": "runs the selection of a gemeente, then a redirect",
    "inbox.break_glass": "the reason form of a zaak outside one's work: its zaaknummer, nothing of the inwoner",
    "auth.profile": "one's own account and API tokens, no dossier",
    "auth.choose_password": "choosing one's own new password after a one-time one",
    "portal.inzage_pdf": "asks for the PDF afschrift (the request is logged as the export) and sends on to its page",
    "auth.revoke_token": "revokes one's own API token, then a redirect",
    "auth.session_status": "the seconds one's own session has left",
    "auth.extend_session": "extends one's own session; answers the seconds left",
    "api.openapi": "the description of the API",
    "inbox.process_diagram": "the BPMN model of the process version; no case data in it",
    "inbox.mail_outbox": "development only: absent in production and wherever an SMTP server is set",
    "aanbieder.index": "the aanbieder's message lists: message names, numbers and dates, no client",
    "aanbieder.upload": "the form to send a message file",
    "api.aanbieder_berichten": "the same message lists as JSON: no client in them",
    "privacy.index": "the privacy officer's BSN search form (a found person is logged on the next page)",
    **{endpoint: "betaalbatches: a line pays a whole declaratie of an aanbieder (aanbieder, declaratienummer, "
                 "amount, masked IBAN); no client in it, nor in the pain.001"
       for endpoint in ("betalingen.index", "betalingen.batch", "betalingen.close", "betalingen.release",
                        "betalingen.download", "api.list_betaalbatches", "api.get_betaalbatch", "api.pain001")},
    **{endpoint: "aanbieders, contracts, tarieven and plafonds: organisations and amounts, no inwoner in them"
       for endpoint in ("contracten.index", "contracten.new_aanbieder", "contracten.aanbieder",
                        "contracten.registratie", "contracten.new_contract", "contracten.contract",
                        "contracten.add_product", "contracten.change_tarief", "contracten.set_plafond",
                        *CONTRACT_API)},
    "contracten.kwaliteit_page": "quality per aanbieder: aggregates only, a figure about fewer than 5 persons hidden",
    "contracten.klachten": "the list of klachten: kenmerk, aanbieder, kind, date and state; no inwoner in it",
    **{endpoint: "the sociale kaart: services and organisations, public; no inwoner in it"
       for endpoint in ("kaart.index", "kaart.search", "kaart.entry", "kaart.open_data_page", "kaart.schema",
                        "kaart.export_json", "kaart.export_csv", "contracten.kaart", "contracten.new_kaart_entry",
                        "contracten.kaart_entry", "contracten.kaart_visibility", "contracten.delete_kaart_entry")},
    **{endpoint: "management information: aggregates only, a cell under 5 persons hidden; no one's name or BSN"
       for endpoint in ("rapportage.index", "rapportage.download", "rapportage.budget", "api.rapportage",
                        *(f"api.rapportage_{key}" for key in TABLES))},
}

#: Who may see each part; the API's own parts are the inwoner's (mijn) and the aanbieder's.
ROLE_BY_BLUEPRINT = {"inbox": "consulent", "documents": "consulent", "portal": "inwoner", "aanbieder": "aanbieder",
                     "api": "consulent", "auth": "consulent", "main": "consulent", "static": "consulent",
                     "betalingen": "backoffice", "beheer": "beheerder", "privacy": "privacy",
                     "ontwerpen": "procesontwerper", "contracten": "contractmanager", "rapportage": "management",
                     "kaart": "consulent"}
ROLE_BY_ENDPOINT = {"portal.namens": "gemachtigde", "api.mijn_zaken_route": "inwoner",
                    "api.mijn_verwerkingen": "inwoner", "api.mijn_berichten": "inwoner",
                    "api.aanbieder_bericht": "aanbieder", "api.aanbieder_bericht_retour": "aanbieder",
                    "api.aanbieder_bericht_bevindingen": "aanbieder",
                    "api.aanbieder_bericht_insturen": "aanbieder", "api.ggk_di01": "aanbieder",
                    "inbox.mail_outbox": "consulent", "api.list_betaalbatches": "backoffice",
                    "api.get_betaalbatch": "backoffice", "api.pain001": "backoffice", "api.rapportage": "management",
                    "rapportage.te_laat": "teamleider", "inbox.bezwaar_registreren": "jurist",
                    "inbox.bezwaar_verdagen": "jurist",
                    **{f"api.rapportage_{key}": "management" for key in TABLES},
                    **{endpoint: "contractmanager" for endpoint in CONTRACT_API}}

#: The actions that record a read ('raadplegen' is the aanbieder's word for it in the exchange; 'exporteren' an
#: afschrift of all of a person's data, art. 15 AVG).
READS = ("lezen", "raadplegen", "exporteren")

#: One form wrong for every form page (each page reads the fields it has): it is shown again with errors.
INVALID_FORM = {"tekst": "", "telefoon": "geen nummer", "gebruikersnaam": "", "akkoord": "", "domein": "",
                "machtiging": "", "actie": "voltooien"}


@pytest.fixture
def dossier(app, users, api_as):
    """The inwoner's zaak at the aanvraag (verslag written), with a document, an upload, berichten and a
    machtiging; and a second zaak granted in natura, whose 301 the aanbieder answered and whose zorg it
    started (a 305 with its 306 retour)."""
    ids = full_dossier(users["inwoner"], users["consulent"], users["gemachtigde"])
    consulent = api_as("consulent")
    complete_steps(consulent, ids["zaak_id"], steps=WMO_STEPS[:3])
    [task] = [t for t in consulent.get("/api/v1/taken").json["results"] if t["zaak_id"] == ids["zaak_id"]]
    granted = beschikking(consulent, users["inwoner"].person.bsn)
    aanbieder = aanbieder_client(app, AANBIEDER["wmo"])
    [item] = aanbieder.outbox("nieuw")
    xml_301 = aanbieder.download(item["id"]).data
    assert aanbieder.send(answer_301(xml_301, "R302-1", date.today())).status_code == 202
    started = aanbieder.send(start_zorg(xml_301, "S305-1", first_of_last_month()))
    assert aanbieder.retour(started.json["id"]).status_code == 200
    _over_its_term(ids["zaak_id"])
    return {**ids, "task_id": task["id"], "bericht_id": started.json["id"], "token_id": 1, "gemeente_id": 1,
            **concept_list_with(db.session.get(Zaak, ids["zaak_id"])),
            "user_id": users["consulent-oudewater"].id,
            "batch_id": open_batch(2, nummer="DNLOG"),
            "toewijzing_id": db.session.scalar(select(Toewijzing.id).where(Toewijzing.bericht_id == item["id"])),
            "person": users["inwoner"].person, "key": "wmo", "version": 1, "concept_id": 1, "decision": "vier_ogen",
            "form_key": "triage", **contract_ids(),
            **_afschriften(users), **_beoordelingen(users, item["id"]),
            **klacht_ids(db.session.scalar(select(Toewijzing.id).where(Toewijzing.bericht_id == item["id"]))),
            **migration_ids(users), **scenario_ids(users), **verzoek_ids(users),
            **bezwaar_ids(users["inwoner"], granted)}


def _beoordelingen(users, bericht_id: int) -> dict:
    """An approved rating of the zaak's toewijzing and a waiting one of a second toewijzing of the inwoner."""
    toewijzing_id = db.session.scalar(select(Toewijzing.id).where(Toewijzing.bericht_id == bericht_id))
    return beoordeling_ids(users["inwoner"].person, toewijzing_id)


def _over_its_term(zaak_id: int) -> None:
    """The zaak's beschikking term ended yesterday, unmet: it is among the zaken behind the rapportage's 'Nu over
    de termijn'."""
    from app.domain import deadlines
    term = deadlines.beschikking_deadline_wmo(date.today() - timedelta(days=15))
    db.session.add(Termijn(zaak_id=zaak_id, soort="beschikking", due=date.today() - timedelta(days=1),
                           article=term.article, description=term.description_nl))
    db.session.commit()


def _afschriften(users) -> dict:
    """The inwoner's own PDF afschrift and one the privacy officer made for a written request."""
    from app.services import avg_afschrift
    person = users["inwoner"].person
    return {"afschrift_id": avg_afschrift.request_own(users["inwoner"], person).id,
            "verzoek_afschrift_id": avg_afschrift.request_for_request(users["privacy"], person, "schriftelijk verzoek").id}


def _rules(app, method: str):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if method in rule.methods:
            yield rule


def _role(endpoint: str) -> str:
    return ROLE_BY_ENDPOINT.get(endpoint) or ROLE_BY_BLUEPRINT[endpoint.split(".")[0]]


@pytest.fixture
def client_for(client_as, api_as):
    """The client of the role that may see `endpoint`: its API token or its logged-in browser (one each)."""
    made = {}

    def client(endpoint: str):
        key = (_role(endpoint), endpoint.startswith("api."))
        if key not in made:
            made[key] = api_as(key[0]) if key[1] else client_as(key[0])
        return made[key]
    return client


def _url(rule, ids: dict) -> str:
    if rule.endpoint == "static":
        return "/static/css/cumulus.css"
    return rule.build({name: ids[name] for name in rule.arguments}, append_unknown=False)[1]


def _reads_of(person) -> int:
    return db.session.scalar(select(func.count(ProcessingRecord.id)).where(
        ProcessingRecord.subject_person_id == person.id, ProcessingRecord.action.in_(READS)))


def _shows(response, person) -> bool:
    body = response.get_data().decode("utf-8", "replace")
    return person.bsn in body or person.naam in body


def test_every_route_that_shows_a_person_writes_a_processing_record(app, dossier, client_for):
    person, unlogged, checked = dossier["person"], [], 0
    for rule in _rules(app, "GET"):
        if rule.endpoint in SHOWS_NO_PERSONAL_DATA:
            continue
        before = _reads_of(person)
        response = client_for(rule.endpoint).get(_url(rule, dossier))
        assert response.status_code == 200, f"{rule.endpoint}: {response.status_code} as {_role(rule.endpoint)}"
        if _reads_of(person) == before:
            unlogged.append(f"{rule.endpoint}{' (shows)' if _shows(response, person) else ''}")
        checked += 1
    assert not unlogged, f"these routes showed {person.naam}'s data without a processing record: {unlogged}"
    assert checked >= 25


def test_every_form_page_shown_again_after_an_invalid_form_writes_a_processing_record(app, dossier, client_for):
    person, unlogged, shown_again = dossier["person"], [], set()
    for rule in _rules(app, "POST"):
        if rule.endpoint in SHOWS_NO_PERSONAL_DATA or rule.endpoint.startswith("api."):
            continue
        before = _reads_of(person)
        response = client_for(rule.endpoint).post(_url(rule, dossier), data=INVALID_FORM)
        if response.status_code in (302, 303):
            continue  # an action that went on to another page, which the test above checks
        assert response.status_code == 400 and response.mimetype == "text/html", \
            f"{rule.endpoint}: {response.status_code}; give this form page an invalid form above"
        shown_again.add(rule.endpoint)
        if _reads_of(person) == before:
            unlogged.append(f"{rule.endpoint}{' (shows)' if _shows(response, person) else ''}")
    assert not unlogged, f"these form pages showed {person.naam}'s data again without a record: {unlogged}"
    assert {"inbox.task", "inbox.berichten", "portal.berichten", "portal.gegevens", "portal.machtigingen",
            "portal.new_melding", "portal.aanvraag", "portal.add_bijlagen"} <= shown_again


def test_the_api_task_search_by_bsn_and_by_name_is_in_the_processing_log(dossier, api_as):
    person, consulent = dossier["person"], api_as("consulent")
    for zoek in (person.bsn, person.naam.split()[-1]):
        before = _reads_of(person)
        response = consulent.get("/api/v1/taken", query_string={"zoek": zoek})
        assert response.status_code == 200 and response.json["count"] >= 1
        assert _reads_of(person) > before, f"searching for {zoek!r} was not logged"


def test_the_routes_said_to_show_no_personal_data_do_not_show_any(app, dossier, client_for):
    person = dossier["person"]
    for rule in _rules(app, "GET"):
        if rule.endpoint in SHOWS_NO_PERSONAL_DATA:
            response = client_for(rule.endpoint).get(_url(rule, dossier))
            assert not _shows(response, person), f"{rule.endpoint} shows {person.naam}'s data after all"
