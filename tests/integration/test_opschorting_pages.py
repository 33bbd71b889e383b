"""#17 points 2 and 3 through the pages: the forms on the staff zaak page (Dutch messages beside the field, nothing
written), who may use them (policy), and the inwoner's request, new end date and reply in Mijn zaken."""
from datetime import date, timedelta

from app import db
from app.models import Document, Opschorting, ProcessingRecord, Termijn, Verdaging
from case_flow import complete_steps, start_case

TODAY = date.today()


def _zaak_at_besluit(api_as, person) -> int:
    zaak = start_case(api_as("consulent"), person.bsn)
    complete_steps(api_as("consulent"), zaak["id"], steps=("triage", "onderzoek_gesprek", "onderzoek_verslag",
                                                          "aanvraag_registreren"))
    return zaak["id"]


def test_the_consulent_asks_for_information_on_the_zaak_page_and_bad_input_is_refused_beside_the_field(
        client_as, api_as, person):
    zaak_id = _zaak_at_besluit(api_as, person)
    consulent = client_as("consulent")
    page = consulent.get(f"/werkvoorraad/zaken/{zaak_id}").get_data(as_text=True)
    assert "Informatie vragen aan de inwoner (opschorten)" in page and "Beslistermijn verdagen" in page
    refused = consulent.post(f"/werkvoorraad/zaken/{zaak_id}/informatieverzoek",
                             data={"omschrijving": "Een brief", "termijn_tot": (TODAY - timedelta(days=1)).isoformat()})
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert 'id="field-termijn_tot-error"' in html and "De termijn moet na vandaag eindigen" in html
    assert db.session.query(Opschorting).count() == 0
    due_before = db.session.query(Termijn).filter_by(zaak_id=zaak_id, soort="beschikking").one().due
    sent = consulent.post(f"/werkvoorraad/zaken/{zaak_id}/informatieverzoek",
                          data={"omschrijving": "Een brief van uw huisarts.",
                                "termijn_tot": (TODAY + timedelta(days=10)).isoformat()})
    assert sent.status_code == 302
    db.session.expire_all()
    assert db.session.query(Termijn).filter_by(zaak_id=zaak_id, soort="beschikking").one().due > due_before
    refused = consulent.post(f"/werkvoorraad/zaken/{zaak_id}/informatie-ontvangen",
                             data={"ontvangen_op": (TODAY - timedelta(days=3)).isoformat()})
    assert refused.status_code == 400 and "eerder binnen zijn dan het verzoek" in refused.get_data(as_text=True)
    refused = consulent.post(f"/werkvoorraad/zaken/{zaak_id}/verdaging", data={"nieuwe_datum": "", "reden": ""})
    assert refused.status_code == 400 and 'id="field-reden-error"' in refused.get_data(as_text=True)
    assert db.session.query(Verdaging).count() == 0


def test_only_a_consulent_asks_for_information_and_a_consulent_or_beoordelaar_extends(client_as, api_as, person):
    zaak_id = _zaak_at_besluit(api_as, person)
    later = (TODAY + timedelta(days=60)).isoformat()
    assert client_as("beoordelaar").post(f"/werkvoorraad/zaken/{zaak_id}/informatieverzoek",
                                         data={"omschrijving": "x", "termijn_tot": later}).status_code == 403
    assert client_as("backoffice").post(f"/werkvoorraad/zaken/{zaak_id}/verdaging",
                                        data={"nieuwe_datum": later, "reden": "x"}).status_code == 403
    assert client_as("inwoner").post(f"/werkvoorraad/zaken/{zaak_id}/verdaging",
                                     data={"nieuwe_datum": later, "reden": "x"}).status_code in (403, 404)
    assert client_as("consulent-oudewater").post(f"/werkvoorraad/zaken/{zaak_id}/verdaging",
                                                 data={"nieuwe_datum": later, "reden": "x"}).status_code == 404
    done = client_as("beoordelaar").post(f"/werkvoorraad/zaken/{zaak_id}/verdaging",
                                         data={"nieuwe_datum": later, "reden": "Advies volgt."})
    assert done.status_code == 302
    assert db.session.query(Verdaging).filter_by(zaak_id=zaak_id).one().nieuwe_datum.isoformat() == later


def test_the_inwoner_sees_the_request_and_the_new_date_and_replies_in_mijn_zaken(client_as, api_as, person, users):
    from app.domain.deadlines import format_date_nl
    zaak_id = _zaak_at_besluit(api_as, person)
    term_end = TODAY + timedelta(days=14)
    client_as("consulent").post(f"/werkvoorraad/zaken/{zaak_id}/informatieverzoek",
                                data={"omschrijving": "Een brief van uw huisarts.", "termijn_tot": term_end.isoformat()})
    db.session.expire_all()
    due = db.session.query(Termijn).filter_by(zaak_id=zaak_id, soort="beschikking").one().due
    inwoner = client_as("inwoner")
    page = inwoner.get(f"/mijn/zaken/{zaak_id}").get_data(as_text=True)
    assert "De gemeente vraagt u om informatie" in page and "Een brief van uw huisarts." in page
    assert format_date_nl(term_end) in page and f'class="cumulus-nieuwe-datum">{format_date_nl(due)}<' in page
    assert "Verzoek om informatie" in page  # the letter in Mijn zaken
    reads = db.session.query(ProcessingRecord).filter_by(object_type="zaak").count()
    form = inwoner.get(f"/mijn/zaken/{zaak_id}/informatie")
    assert form.status_code == 200 and "Informatie versturen" in form.get_data(as_text=True)
    assert db.session.query(ProcessingRecord).filter_by(object_type="zaak").count() > reads  # the read is logged
    empty = inwoner.post(f"/mijn/zaken/{zaak_id}/informatie", data={"tekst": ""})
    assert empty.status_code == 400 and "Schrijf uw antwoord of stuur een document mee." in empty.get_data(as_text=True)
    assert inwoner.post(f"/mijn/zaken/{zaak_id}/informatie", data={"tekst": "Hierbij de brief."}).status_code == 302
    db.session.expire_all()
    opschorting = db.session.query(Opschorting).filter_by(zaak_id=zaak_id).one()
    assert opschorting.ontvangen_op is not None and opschorting.ontvangen_via == "mijn_zaken"
    assert db.session.query(Termijn).filter_by(zaak_id=zaak_id, soort="beschikking").one().due < due


def test_a_jeugd_beslistermijn_is_extended_under_awb_4_14_lid_3_and_its_armed_timer_follows(users):
    from zoneinfo import ZoneInfo

    from app.models import ProcessInstance
    from app.services import verdaging
    from app.services.meldingen import submit_melding
    zaak = submit_melding(users["consulent"], person_id=users["inwoner"].person_id, domein="jeugd",
                          omschrijving="Hulp bij opvoeden.", kanaal="telefoon")
    due = db.session.query(Termijn).filter_by(zaak_id=zaak.id, soort="beslis").one().due
    made = verdaging.extend_term(users["consulent"], zaak, due + timedelta(weeks=4), "Onderzoek door de GGD loopt.")
    db.session.expire_all()
    termijn = db.session.query(Termijn).filter_by(zaak_id=zaak.id, soort="beslis").one()
    assert termijn.due == made.nieuwe_datum == due + timedelta(weeks=4)
    assert termijn.article == "art. 4:13 lid 2 Awb; art. 4:14 lid 3 Awb"
    instance = db.session.query(ProcessInstance).filter_by(zaak_id=zaak.id).one()
    assert instance.next_timer_at.astimezone(ZoneInfo("Europe/Amsterdam")).date() == termijn.due
    assert "een redelijke termijn" in db.session.get(Document, made.document_id).html


def test_mijn_zaken_lists_the_request_under_what_the_inwoner_still_has_to_do(client_as, api_as, person):
    from app.domain.deadlines import format_date_nl
    zaak_id = _zaak_at_besluit(api_as, person)
    term_end = TODAY + timedelta(days=7)
    client_as("consulent").post(f"/werkvoorraad/zaken/{zaak_id}/informatieverzoek",
                                data={"omschrijving": "Uw medicijnlijst.", "termijn_tot": term_end.isoformat()})
    page = client_as("inwoner").get("/mijn/").get_data(as_text=True)
    assert f'href="/mijn/zaken/{zaak_id}/informatie">Informatie sturen (uiterlijk {format_date_nl(term_end)})' in page
