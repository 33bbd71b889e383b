"""AVG rights (#13 point 6): the inwoner downloads everything about them (art. 15) as JSON and PDF, asks for a
correction (art. 16), and the privacy officer makes the same export for a written request — every table that
holds a person's data is in it, no one else gets any of it, and each download is in the processing log."""
import base64
import io
import json

import pytest
from pypdf import PdfReader
from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, func, select

from app import db
from app.models import Base, Gemeente, Machtiging, PortaalBericht, ProcessingRecord, User, Zaak
from app.services import avg_parts
from app.services.accounts import hash_password
from app.services.demo_data import OUDEWATER, WOERDEN
from betaling_data import open_batch
from exchange_flow import beschikking
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture: jobs (the letter, the 301) in the request
from portal_data import PDF, full_dossier, second_inwoner

JSON_URL, PDF_URL = "/mijn/gegevens/downloaden/mijn-gegevens.json", "/mijn/gegevens/downloaden/mijn-gegevens.pdf"
SECRETS = ("Geheime hulpvraag van A", "Bericht van A", "Antwoord van de consulent aan A", "Brief huisarts A")
PERSON_COLUMNS = {"person_id", "subject_person_id", "bsn"}
#: Tables whose rows are about a person through the rows above: a zaak's tasks and processes.
VIA = {"person", "zaak", "human_task", "process_instance"}
#: Tables that name a person and that the export leaves out on purpose, with the reason.
NOT_EXPORTED = {
    "rapportage_wijziging": "a change mark (a BSN, or a zaak or person id) lives only until the next tick, a minute, "
                            "which needs it to find the person's summary rows and then deletes it "
                            "(app/services/rapportage/wijzigingen.py); a destruction deletes the person's at once",
}
#: Tables that keep a person only as a pseudonym (no BSN or person id): nothing in them leads back to the person
#: without a key that never leaves the database, so there is nothing to give.
PSEUDONYMS_ONLY = {
    "rapportage_persoon": "the management summaries count persons by an HMAC pseudonym "
                          "(app/services/rapportage/pseudoniem.py)",
}


def tables_about_a_person(metadata: MetaData) -> set[str]:
    """Every table with a foreign key to person, zaak, or a zaak's task or process, or a person-like column."""
    found = set()
    for table in metadata.tables.values():
        for column in table.columns:
            if column.name in PERSON_COLUMNS or column.name.endswith("_person_id") or \
                    any(fk.column.table.name in VIA for fk in column.foreign_keys):
                found.add(table.name)
    return found | {"person"}


def test_every_table_that_holds_a_persons_data_is_in_the_export():
    found = tables_about_a_person(Base.metadata)
    assert {"zaak", "processing_record", "prestatie", "machtiging", "bijlage", "task_draft", "user_account"} <= found
    missing = found - avg_parts.TABLES - NOT_EXPORTED.keys()
    assert not missing, f"tables with a person's data that the AVG export leaves out: {sorted(missing)}"
    named = NOT_EXPORTED.keys() | PSEUDONYMS_ONLY.keys()
    assert named <= Base.metadata.tables.keys() and not named & avg_parts.TABLES


def test_a_bsn_is_only_in_exported_tables_and_for_a_minute_in_a_change_mark(api_as, users):
    """Walk every text column of every table: the person's BSN is in the exported tables, and outside them only in
    the change mark their last change left (NOT_EXPORTED); the summaries count them by pseudonym only."""
    from app.models import Person, RapportagePersoon, RapportageWijziging
    from app.services.rapportage import pseudoniem, samenvatting
    person = users["inwoner"].person
    beschikking(api_as("consulent"), person.bsn)
    open_batch(3, 5, nummer="DNAVG")
    samenvatting.refresh()
    changed = db.session.get(Person, person.id)
    changed.telefoon = "0612345678"
    db.session.commit()  # leaves a mark with the BSN for the next tick
    holding = {table.name for table in Base.metadata.sorted_tables for row in db.session.execute(select(table))
               if any(person.bsn in (v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v))
                      for v in row if v is not None)}
    assert holding - avg_parts.TABLES == {"rapportage_wijziging"} and "rapportage_wijziging" in NOT_EXPORTED
    pseudonym = pseudoniem.Pseudonyms(pseudoniem.key(db.session))
    assert db.session.scalar(select(func.count()).select_from(RapportagePersoon).where(
        RapportagePersoon.persoon == pseudonym("stap", str(person.id)))) > 0
    samenvatting.refresh()  # the tick consumes the mark
    assert db.session.scalar(select(func.count()).select_from(RapportageWijziging)) == 0


def test_the_walk_catches_a_new_table_with_a_person_id():
    """The check above cannot pass by accident: a table added with a reference to a person is found."""
    metadata = MetaData()
    for name in ("person", "zaak"):
        Table(name, metadata, Column("id", Integer, primary_key=True))
    Table("nieuwe_notitie", metadata, Column("id", Integer, primary_key=True),
          Column("over_id", ForeignKey("person.id")))
    Table("huisbezoek", metadata, Column("id", Integer, primary_key=True), Column("zaak_id", ForeignKey("zaak.id")))
    Table("los_gegeven", metadata, Column("id", Integer, primary_key=True), Column("klant_person_id", Integer))
    Table("code_lijst", metadata, Column("id", Integer, primary_key=True), Column("naam", String(10)))
    assert tables_about_a_person(metadata) - avg_parts.TABLES == {"nieuwe_notitie", "huisbezoek", "los_gegeven"}


@pytest.fixture
def dossier_a(users):
    second_inwoner()
    return full_dossier(users["inwoner"], users["consulent"], users["gemachtigde"])


def _parts(document: dict) -> dict[str, list]:
    """Rows by table (both machtiging parts together)."""
    out = {}
    for part in document["onderdelen"]:
        out.setdefault(part["tabel"], []).extend(part["rijen"])
    return out


def test_the_json_holds_the_real_values_of_a_full_dossier(client_as, users, dossier_a):
    response = client_as("inwoner").get(JSON_URL)
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    document = json.loads(response.data)
    parts = _parts(document)
    assert {p["tabel"] for p in document["onderdelen"]} == avg_parts.TABLES
    person = users["inwoner"].person
    assert parts["person"] == [parts["person"][0]] and parts["person"][0]["bsn"] == person.bsn
    assert parts["person"][0]["achternaam"] == person.achternaam
    [zaak] = parts["zaak"]
    assert zaak["zaaknummer"] == dossier_a["zaaknummer"] and zaak["omschrijving"].startswith("Geheime hulpvraag van A")
    assert {b["tekst"] for b in parts["portaal_bericht"]} == {"Bericht van A aan de consulent",
                                                              "Antwoord van de consulent aan A"}
    [bijlage] = parts["bijlage"]
    assert bijlage["omschrijving"] == "Brief huisarts A" and base64.b64decode(bijlage["inhoud"]["base64"]) == PDF
    [document_row] = parts["document"]
    assert document_row["titel"] == "Beschikking A" and base64.b64decode(document_row["pdf"]["base64"]) == PDF
    assert "html" not in document_row
    [machtiging] = [m for m in parts["machtiging"] if m["id"] == dossier_a["machtiging_id"]]
    assert machtiging["gemachtigde_id"] == users["gemachtigde"].id and machtiging["scope"] == "namens_handelen"
    assert parts["human_task"] and all(t["zaak_id"] == dossier_a["zaak_id"] for t in parts["human_task"])
    assert any(e["kind"] == "bericht" for e in parts["zaak_event"])
    assert [a["username"] for a in parts["user_account"]] == ["inwoner"]
    assert "password_hash" not in parts["user_account"][0]
    assert not [(table, column) for table, rows in parts.items() for row in rows for column in row
                if column.endswith(("_hash", "_secret"))], "a hash or secret left the platform"
    consulent_records = [r for r in parts["processing_record"] if r["actor_user_id"] == users["consulent"].id]
    assert consulent_records and consulent_records[0]["wie"] == "Een consulent van de gemeente"
    assert "medewerker" not in consulent_records[0]  # staff names only in the privacy officer's afschrift
    logged = db.session.scalar(select(ProcessingRecord).where(ProcessingRecord.action == "exporteren"))
    assert logged.subject_person_id == person.id and logged.actor_user_id == users["inwoner"].id
    assert "JSON" in logged.description


def test_a_granted_zaak_brings_its_beschikking_toewijzing_messages_and_declared_care(client_as, api_as, users):
    """A beschikking in natura with its letter, the 301 sent to the aanbieder, and declaratie lines on the
    inwoner's BSN: all of them for the inwoner; the privacy officer of her gemeente only that gemeente's."""
    person = users["inwoner"].person
    zaak_id = beschikking(api_as("consulent"), person.bsn)
    open_batch(3, 5, nummer="DNAVG")
    open_batch(7, nummer="DNOUD", gemeente=OUDEWATER, eerste=3001)
    parts = _parts(json.loads(client_as("inwoner").get(JSON_URL).data))
    [besluit] = parts["beschikking"]
    assert besluit["zaak_id"] == zaak_id and besluit["besluit"] == "toekennen"
    [toewijzing] = parts["toewijzing"]
    assert toewijzing["aanbieder_naam"] == "Thuiszorg Het Groene Hart" and toewijzing["product_naam"]
    [sent] = [b for b in parts["bericht"] if b["richting"] == "uit"]
    assert person.bsn in sent["inhoud"] and sent["inhoud"].startswith("<?xml")
    assert any(d["soort"] == "beschikking" and d["pdf"]["base64"] for d in parts["document"])
    assert sorted(p["volume"] for p in parts["prestatie"]) == [3, 5, 7]
    assert {p["bsn"] for p in parts["prestatie"]} == {person.bsn}
    assert {d["declaratienummer"] for d in parts["declaratie"]} == {"DNAVG", "DNOUD"}
    assert not [d for d in parts["declaratie"] if "antwoord_xml" in d]
    _privacy_officer("privacy-woerden", WOERDEN)
    for_request = client_as("privacy-woerden").post(f"/privacy/personen/{person.id}/afschrift",
                                                    data={"reden": "brief van 2 december", "formaat": "json"})
    woerden = _parts(json.loads(for_request.data))
    assert sorted(p["volume"] for p in woerden["prestatie"]) == [3, 5]
    assert [d["declaratienummer"] for d in woerden["declaratie"]] == ["DNAVG"]
    assert parts["termijn"] and parts["human_task"] and all(t["data"] is not None for t in parts["human_task"]
                                                            if t["status"] == "completed")


def test_the_pdf_is_a_pdf_that_names_the_person_and_carries_the_documents(client_as, users, dossier_a):
    inwoner = client_as("inwoner")
    clicked = inwoner.get(PDF_URL)
    assert clicked.status_code == 302, "the PDF is made by a job; the click goes on to its page"
    response = inwoner.get(clicked.headers["Location"])
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert users["inwoner"].person.naam in " ".join(text.split())
    assert dossier_a["zaaknummer"] in text and "Geheime hulpvraag van A" in text
    assert "tabel processing_record" in " ".join(text.split())
    attached = {name: contents[0] for name, contents in reader.attachments.items()}
    assert attached == {"beschikking-a.pdf": PDF, "brief.pdf": PDF}


def test_another_inwoner_gets_nothing_of_a(client_as, users, dossier_a):
    inwoner_b = client_as("inwoner2")
    own = inwoner_b.get(JSON_URL)
    assert own.status_code == 200
    body = own.get_data(as_text=True)
    assert not [s for s in SECRETS + (dossier_a["zaaknummer"], users["inwoner"].person.bsn) if s in body]
    assert json.loads(body)["onderdelen"][0]["rijen"][0]["id"] == second_inwoner().person_id
    for url in (f"/privacy/personen/{dossier_a['person_id']}", f"/privacy/personen/{2**31 - 1}"):
        assert inwoner_b.get(url).status_code == 403  # not the privacy officer: the same answer for any id
    assert inwoner_b.post(f"/privacy/personen/{dossier_a['person_id']}/afschrift",
                          data={"reden": "poging", "formaat": "json"}).status_code == 403


def test_a_gemachtigde_may_download_only_with_a_machtiging_to_act(client_as, users, dossier_a):
    son = client_as("gemachtigde")
    son.post("/mijn/namens", data={"machtiging": str(dossier_a["machtiging_id"])})
    response = son.get(JSON_URL)
    assert response.status_code == 200
    assert json.loads(response.data)["onderdelen"][0]["rijen"][0]["id"] == dossier_a["person_id"]
    shown = client_as("inwoner").get("/mijn/wie-bekeek-mijn-gegevens").get_data(as_text=True)
    assert f"Gemachtigde {users['gemachtigde'].display_name}" in shown and "Alle gegevens gedownload" in shown
    machtiging = db.session.get(Machtiging, dossier_a["machtiging_id"])
    machtiging.scope = "inzien"
    db.session.commit()
    refused = son.get(JSON_URL)
    assert refused.status_code == 403 and "niet alle gegevens" in refused.get_data(as_text=True)


def _privacy_officer(username: str, code: str) -> User:
    """A privacy officer of one gemeente only (password 'demo'); made once, kept between tests."""
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        user = User(username=username, display_name=f"Privacy {code}", roles="privacy",
                    password_hash=hash_password("demo"), is_demo=True,
                    gemeenten=[db.session.scalar(select(Gemeente).where(Gemeente.code == code))])
        db.session.add(user)
        db.session.commit()
    return user


@pytest.fixture
def privacy_oudewater():
    return _privacy_officer("privacy-oudewater", OUDEWATER)


def test_the_privacy_officer_makes_the_export_for_a_written_request_and_it_is_logged(client_as, users, dossier_a):
    officer = client_as("privacy")
    found = officer.post("/privacy/", data={"bsn": users["inwoner"].person.bsn})
    assert found.status_code == 302 and found.headers["Location"].endswith(f"/privacy/personen/{dossier_a['person_id']}")
    assert users["inwoner"].person.naam in officer.get(found.headers["Location"]).get_data(as_text=True)
    reden = "schriftelijk verzoek van J.M. Bakker d.d. 1 december 2026"
    response = officer.post(f"/privacy/personen/{dossier_a['person_id']}/afschrift",
                            data={"reden": reden, "formaat": "json"})
    assert response.status_code == 200
    parts = _parts(json.loads(response.data))
    assert parts["zaak"][0]["zaaknummer"] == dossier_a["zaaknummer"]
    assert any(r.get("medewerker") == users["consulent"].display_name for r in parts["processing_record"])
    record = db.session.scalar(select(ProcessingRecord).where(ProcessingRecord.action == "exporteren"))
    assert record.actor_role == "privacy" and reden in record.description
    assert record.activity.code == "avg-inzageverzoek"
    shown = client_as("inwoner").get("/mijn/wie-bekeek-mijn-gegevens").get_data(as_text=True)
    assert "De privacyfunctionaris van de gemeente" in shown and reden in shown
    made = officer.post(f"/privacy/personen/{dossier_a['person_id']}/afschrift", data={"reden": reden, "formaat": "pdf"})
    assert made.status_code == 303
    pdf = officer.get(made.headers["Location"])
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_the_privacy_officer_of_the_other_gemeente_gets_404(client_as, users, dossier_a, privacy_oudewater):
    officer = client_as("privacy-oudewater")
    before = db.session.scalar(select(func.count()).select_from(ProcessingRecord))
    for person_id in (dossier_a["person_id"], 2**31 - 1):
        assert officer.get(f"/privacy/personen/{person_id}").status_code == 404
        assert officer.post(f"/privacy/personen/{person_id}/afschrift",
                            data={"reden": "schriftelijk verzoek", "formaat": "json"}).status_code == 404
    searched = officer.post("/privacy/", data={"bsn": users["inwoner"].person.bsn})
    assert searched.status_code == 400
    assert "Er is geen inwoner met dit BSN in de gemeenten waarvoor u werkt" in searched.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ProcessingRecord)) == before


def test_a_missing_reason_is_refused_in_dutch_and_nothing_is_made(client_as, dossier_a):
    officer = client_as("privacy")
    for reden in ("", "   "):
        response = officer.post(f"/privacy/personen/{dossier_a['person_id']}/afschrift",
                                data={"reden": reden, "formaat": "pdf"})
        assert response.status_code == 400 and response.mimetype == "text/html"
        assert "Vul de reden in" in response.get_data(as_text=True)
    bad_bsn = officer.post("/privacy/", data={"bsn": "12345"})
    assert bad_bsn.status_code == 400 and "Het BSN moet uit 9 cijfers bestaan" in bad_bsn.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ProcessingRecord)
                             .where(ProcessingRecord.action == "exporteren")) == 0


def test_staff_without_the_privacy_role_cannot_make_the_export(client_as, dossier_a):
    for username in ("consulent", "beheerder"):
        assert client_as(username).get("/privacy/").status_code == 403


def test_a_correction_request_goes_to_the_consulent_and_empty_fields_are_refused(client_as, users, dossier_a):
    inwoner = client_as("inwoner")
    page = inwoner.get("/mijn/gegevens/downloaden").get_data(as_text=True)
    assert "Gegevens laten verbeteren" in page and "mijn-gegevens.pdf" in page
    assert 'href="/mijn/gegevens/downloaden"' in inwoner.get("/mijn/gegevens").get_data(as_text=True)
    before = db.session.scalar(select(func.count()).select_from(PortaalBericht))
    empty = inwoner.post("/mijn/gegevens/verbeteren", data={"welke": " ", "juist": ""})
    assert empty.status_code == 400
    assert "Schrijf welke gegevens niet kloppen" in empty.get_data(as_text=True)
    assert "Schrijf wat het wel moet zijn" in empty.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(PortaalBericht)) == before
    sent = inwoner.post("/mijn/gegevens/verbeteren", data={"welke": "Mijn huisnummer", "juist": "Rijnstraat 14"})
    assert sent.status_code == 302 and sent.headers["Location"].endswith(f"/mijn/zaken/{dossier_a['zaak_id']}/berichten")
    verzoek = db.session.scalar(select(PortaalBericht).where(PortaalBericht.soort == "correctieverzoek"))
    assert verzoek.zaak_id == dossier_a["zaak_id"] and "Rijnstraat 14" in verzoek.tekst
    werkvoorraad = client_as("consulent").get("/werkvoorraad/").get_data(as_text=True)
    assert "Verzoeken om correctie van gegevens" in werkvoorraad and dossier_a["zaaknummer"] in werkvoorraad
    assert "Verzoeken om correctie" not in client_as("consulent-oudewater").get("/werkvoorraad/").get_data(as_text=True)
    client_as("consulent").post(f"/werkvoorraad/zaken/{dossier_a['zaak_id']}/berichten",
                                data={"tekst": "Uw huisnummer is verbeterd."})
    assert "Verzoeken om correctie" not in client_as("consulent").get("/werkvoorraad/").get_data(as_text=True)


def test_a_correction_request_without_any_zaak_says_whom_to_call(client_as, users):
    inwoner_b = second_inwoner()
    assert db.session.scalar(select(func.count()).select_from(Zaak).where(Zaak.person_id == inwoner_b.person_id)) == 0
    response = client_as("inwoner2").post("/mijn/gegevens/verbeteren", data={"welke": "Adres", "juist": "Kerkweg 2"})
    assert response.status_code == 400 and "U heeft nog geen zaak bij de gemeente" in response.get_data(as_text=True)
