"""The backoffice's Betalingen: a betaalbatch is seen with its lines and totals, closed (its pain.001 made and
XSD-checked), released by a second person — never the one who closed it — and only then downloaded; on the
pages and on the API alike."""
from lxml import etree

from app import db
from app.domain.sepa import NAMESPACE, validate_pain001
from app.models import Betaalbatch
from betaling_data import open_batch
from exchange_flow import inline_jobs  # noqa: F401 — a fixture


def test_the_betalingen_page_lists_the_open_batch_with_its_lines_masked_iban_and_total(client_as):
    batch_id = open_batch(8, 4)
    page = client_as("backoffice").get("/betalingen/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    nummer = db.session.get(Betaalbatch, batch_id).nummer
    assert nummer in text and "Open: verzamelt betalingen" in text and "€ 390,00" in text
    detail = client_as("backoffice").get(f"/betalingen/{batch_id}").get_data(as_text=True)
    assert "DN1" in detail and "€ 390,00" in detail
    assert "**** **** **** **45 67" in detail and "NL20INGB0001234567" not in detail  # IBAN masked but for 4
    assert "Batch sluiten en betaalbestand maken" in detail


def test_one_closes_a_colleague_releases_and_then_the_file_can_be_downloaded(client_as, users):
    batch_id = open_batch(8)
    backoffice, controller = client_as("backoffice"), client_as("controller")
    assert backoffice.get(f"/betalingen/{batch_id}/pain001").status_code == 302  # not closed: no file yet
    response = backoffice.post(f"/betalingen/{batch_id}/sluiten", data={"uitvoerdatum": ""}, follow_redirects=True)
    assert "is gesloten en het betaalbestand is gemaakt" in response.get_data(as_text=True)
    batch = db.session.get(Betaalbatch, batch_id)
    assert batch.status == "gesloten" and batch.gesloten_door_id == users["backoffice"].id
    assert validate_pain001(batch.pain001_xml.encode()) == []

    page = backoffice.get(f"/betalingen/{batch_id}").get_data(as_text=True)
    assert "nog niet vrijgegeven" in page and "Betaalbestand downloaden (" not in page
    assert "u heeft deze betaalbatch zelf gesloten" in page  # the release button is not offered to its closer
    refused = backoffice.post(f"/betalingen/{batch_id}/vrijgeven", follow_redirects=True).get_data(as_text=True)
    assert "Vier-ogenprincipe: u heeft deze betaalbatch zelf gesloten" in refused
    download = backoffice.get(f"/betalingen/{batch_id}/pain001", follow_redirects=True)
    assert download.mimetype == "text/html" and "nog niet vrijgegeven" in download.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Betaalbatch, batch_id).status == "gesloten"

    released = controller.post(f"/betalingen/{batch_id}/vrijgeven", follow_redirects=True).get_data(as_text=True)
    assert "is vrijgegeven" in released and "Controller betalingen (demo)" in released
    db.session.expire_all()
    batch = db.session.get(Betaalbatch, batch_id)
    assert batch.status == "vrijgegeven" and batch.vrijgegeven_door_id == users["controller"].id
    assert batch.vrijgegeven_op is not None
    download = backoffice.get(f"/betalingen/{batch_id}/pain001")
    assert download.status_code == 200 and download.mimetype == "application/xml"
    assert download.headers["Content-Disposition"] == f'attachment; filename="{batch.nummer}.xml"'
    doc = etree.fromstring(download.data)
    assert doc.findtext(".//p:GrpHdr/p:MsgId", namespaces={"p": NAMESPACE}) == batch.nummer
    again = controller.post(f"/betalingen/{batch_id}/vrijgeven", follow_redirects=True).get_data(as_text=True)
    assert "is al vrijgegeven" in again


def test_a_past_uitvoerdatum_is_refused_by_the_field_and_nothing_closes(client_as):
    batch_id = open_batch(2)
    response = client_as("backoffice").post(f"/betalingen/{batch_id}/sluiten", data={"uitvoerdatum": "2020-01-01"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Kies als uitvoerdatum vandaag of een latere dag." in text and 'href="#field-uitvoerdatum"' in text
    assert 'value="2020-01-01"' in text  # what was typed stays
    bad = client_as("backoffice").post(f"/betalingen/{batch_id}/sluiten", data={"uitvoerdatum": "morgen"})
    assert bad.status_code == 400 and "geldige datum" in bad.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Betaalbatch, batch_id).status == "open"


def test_only_the_backoffice_sees_betalingen_and_unknown_batches_are_not_found(client_as):
    batch_id = open_batch(1)
    for role in ("consulent", "aanbieder", "inwoner"):
        assert client_as(role).get("/betalingen/").status_code == 403
        assert client_as(role).get(f"/betalingen/{batch_id}").status_code == 403
    backoffice = client_as("backoffice")
    assert backoffice.get("/betalingen/999999").status_code == 404
    assert backoffice.post("/betalingen/999999/vrijgeven").status_code == 404
    assert backoffice.get("/betalingen/999999/pain001").status_code == 404
    assert "Betalingen" in backoffice.get("/werkvoorraad/").get_data(as_text=True)  # in the main menu


def test_on_the_api_close_release_by_another_and_download(api_as, users):
    batch_id = open_batch(8, 4)
    backoffice, controller = api_as("backoffice"), api_as("controller")
    listed = backoffice.get("/api/v1/betaalbatches").json
    assert listed["count"] == 1 and listed["results"][0]["status"] == "open"
    detail = backoffice.get(f"/api/v1/betaalbatches/{batch_id}").json
    assert detail["te_betalen_cent"] == 39000 and detail["aantal_betalingen"] == 1  # one per declaratie
    assert {r["iban"] for r in detail["regels"]} == {"**** **** **** **45 67"}
    assert detail["regels"][0]["declaratienummer"] == "DN1"

    early = backoffice.get(f"/api/v1/betaalbatches/{batch_id}/pain001")
    assert early.status_code == 409 and "nog niet vrijgegeven" in early.json["detail"]
    assert backoffice.post(f"/api/v1/betaalbatches/{batch_id}/vrijgeven").status_code == 409  # not closed yet
    closed = backoffice.post(f"/api/v1/betaalbatches/{batch_id}/sluiten", json={"uitvoerdatum": "2099-01-05"})
    assert closed.status_code == 200, closed.json
    assert closed.json["status"] == "gesloten" and closed.json["gesloten_door"] == "backoffice"
    assert closed.json["uitvoerdatum"] == "2099-01-05" and closed.json["totaal_cent"] == 39000
    assert backoffice.post(f"/api/v1/betaalbatches/{batch_id}/sluiten").status_code == 409  # already closed

    same = backoffice.post(f"/api/v1/betaalbatches/{batch_id}/vrijgeven")
    assert same.status_code == 403 and same.mimetype == "application/problem+json"
    assert same.json["detail"].startswith("Vier-ogenprincipe: u heeft deze betaalbatch zelf gesloten")
    assert backoffice.get(f"/api/v1/betaalbatches/{batch_id}/pain001").status_code == 409

    released = controller.post(f"/api/v1/betaalbatches/{batch_id}/vrijgeven")
    assert released.status_code == 200 and released.json["vrijgegeven_door"] == "controller"
    xml = backoffice.get(f"/api/v1/betaalbatches/{batch_id}/pain001")
    assert xml.status_code == 200 and xml.mimetype == "application/xml" and validate_pain001(xml.data) == []
    assert controller.post(f"/api/v1/betaalbatches/{batch_id}/vrijgeven").status_code == 409


def test_on_the_api_unknown_batches_are_404_and_other_roles_403(api_as):
    backoffice = api_as("backoffice")
    for path in ("", "/pain001"):
        response = backoffice.get(f"/api/v1/betaalbatches/424242{path}")
        assert response.status_code == 404 and response.json["detail"] == "Deze betaalbatch bestaat niet."
    for action in ("sluiten", "vrijgeven"):
        assert backoffice.post(f"/api/v1/betaalbatches/424242/{action}").status_code == 404
    assert backoffice.get("/api/v1/betaalbatches/0").status_code == 404  # outside the id range
    assert api_as("consulent").get("/api/v1/betaalbatches").status_code == 403
    bad = backoffice.post(f"/api/v1/betaalbatches/{open_batch(1)}/sluiten", json={"uitvoerdatum": "gisteren"})
    assert bad.status_code == 422 and bad.json["invalid_params"][0]["name"] == "uitvoerdatum"


def test_the_declaratie_task_links_to_the_betalingen_page_it_names(app, api_as, client_as, person, inline_jobs,
                                                                   monkeypatch):
    from datetime import date

    from app.simulator.berichten import answer_301, declaratie, leveringen
    from exchange_flow import AANBIEDER, aanbieder_client, beschikking, first_of_last_month

    monkeypatch.setitem(app.config, "DECLARATIE_HANDMATIG_VANAF", 10_000)  # the line waits for a person
    zaak_id = beschikking(api_as("consulent"), person.bsn)
    aanbieder = aanbieder_client(app, AANBIEDER["wmo"])
    xml_301 = aanbieder.download(aanbieder.outbox("nieuw")[0]["id"]).data
    [levering] = leveringen(xml_301)
    aanbieder.send(answer_301(xml_301, "R302-B", date.today()))
    aanbieder.send(declaratie(AANBIEDER["wmo"], [(levering, 10, 3250)], first_of_last_month(), "DNB", "D323-B",
                              date.today()))
    [task] = [t for t in api_as("backoffice").get("/api/v1/taken?rol=backoffice").json["results"]
              if t["zaak_id"] == zaak_id]
    page = client_as("backoffice").get(f"/werkvoorraad/taken/{task['id']}").get_data(as_text=True)
    assert 'komen in de open betaalbatch onder <a class="utrecht-link" href="/betalingen/">Betalingen</a>' in page
    assert client_as("backoffice").get("/betalingen/").status_code == 200
