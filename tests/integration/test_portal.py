"""The inwoner portal without a browser: machtigen and acting on behalf, who looked, berichten with
content-free e-mail, documents sent along (checked from their bytes), ask-once prefill, progress."""
import io
from datetime import date, timedelta

import pytest

from app import db
from app.models import (Bijlage, GedeeldVerhaal, Machtiging, OutboxMail, PortaalBericht, ProcessingRecord,
                        User, Zaak)
from portal_data import PDF, SON_BSN, link_to, machtiging_of, second_inwoner

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def _melding(client, **extra):
    data = {"domein": "wmo", "omschrijving": "Ik kan niet meer zelf stofzuigen.", **extra}
    return client.post("/mijn/melding", data=data, content_type="multipart/form-data")


def _grant(inwoner, son=None, **fields):
    """The mother machtigt her son by BSN; with `son` (his account) his DigiD login follows and links it."""
    response = inwoner.post("/mijn/machtigingen", data={"naam": "Kees Bakker", "bsn": SON_BSN, "scope": "namens_handelen",
                                                        **fields})
    if son is not None:
        link_to(son)
    return response


def test_a_son_acts_for_his_mother_and_everything_is_logged_on_her_behalf(client_as, users):
    mother = client_as("inwoner")
    assert _grant(mother, users["gemachtigde"],
                  geldig_tot=(date.today() + timedelta(days=30)).isoformat()).status_code == 302
    son = client_as("gemachtigde")
    assert son.get("/mijn/").location.endswith("/mijn/namens")  # first: namens wie?
    machtiging = machtiging_of(users["gemachtigde"])
    assert "Johanna Maria Bakker" in son.get("/mijn/namens").get_data(as_text=True)
    son.post("/mijn/namens", data={"machtiging": str(machtiging.id)})
    page = son.get("/mijn/").get_data(as_text=True)
    assert "U handelt namens" in page and "Zaken van Johanna Maria Bakker" in page
    assert _melding(son).status_code == 302
    zaak = db.session.query(Zaak).one()
    assert zaak.person_id == users["inwoner"].person_id
    record = db.session.query(ProcessingRecord).filter_by(object_type="zaak", action="aanmaken").one()
    assert (record.actor_user_id, record.actor_role, record.on_behalf_of_user_id) == (
        users["gemachtigde"].id, "gemachtigde", users["inwoner"].id)
    looked = mother.get("/mijn/wie-bekeek-mijn-gegevens").get_data(as_text=True)
    assert "Gemachtigde (demo)" in looked and "Melding Wmo 2015 geregistreerd" in looked


def test_a_revoked_machtiging_ends_access_at_once(client_as, users):
    mother = client_as("inwoner")
    _grant(mother, users["gemachtigde"])
    son = client_as("gemachtigde")
    machtiging = machtiging_of(users["gemachtigde"])
    son.post("/mijn/namens", data={"machtiging": str(machtiging.id)})
    _melding(son)
    zaak = db.session.query(Zaak).one()
    assert son.get(f"/mijn/zaken/{zaak.id}").status_code == 200
    asked = mother.post(f"/mijn/machtigingen/{machtiging.id}/intrekken")  # first: are you sure?
    assert asked.status_code == 302 and asked.location.endswith(f"/mijn/machtigingen/{machtiging.id}/intrekken")
    assert "Weet u zeker" in mother.get(asked.location).get_data(as_text=True)
    assert son.get(f"/mijn/zaken/{zaak.id}").status_code == 200
    assert mother.post(f"/mijn/machtigingen/{machtiging.id}/intrekken", data={"bevestigd": "ja"}).status_code == 302
    assert son.get(f"/mijn/zaken/{zaak.id}").status_code == 404
    assert son.post("/mijn/melding", data={"domein": "wmo", "omschrijving": "x"}).status_code == 403
    assert db.session.query(Zaak).count() == 1


def test_a_gemachtigde_who_may_only_look_cannot_act_or_pass_it_on(client_as, users):
    _grant(client_as("inwoner"), users["gemachtigde"], scope="inzien")
    son = client_as("gemachtigde")
    son.post("/mijn/namens", data={"machtiging": str(machtiging_of(users["gemachtigde"]).id)})
    assert son.get("/mijn/").status_code == 200
    assert son.post("/mijn/melding", data={"domein": "wmo", "omschrijving": "x"}).status_code == 403
    assert son.post("/mijn/machtigingen", data={"naam": "X", "bsn": "999990020", "scope": "inzien"}).status_code == 403
    assert db.session.query(Zaak).count() == 0 and db.session.query(Machtiging).count() == 1


def test_granting_checks_the_input_in_dutch(client_as):
    mother = client_as("inwoner")
    cases = [({"bsn": ""}, "Vul het burgerservicenummer (BSN) in"),
             ({"bsn": "12345"}, "Het BSN moet uit 9 cijfers bestaan"),
             ({"bsn": "999990018"}, "Dit is geen geldig BSN (elfproef)"),
             ({"bsn": "999900006"}, "U kunt uzelf niet machtigen."),
             ({"naam": ""}, "Vul de naam in van de persoon die u wilt machtigen."),
             ({"scope": "alles"}, "Kies wat de gemachtigde mag"),
             ({"geldig_tot": "2020-01-01"}, "De einddatum"),
             ({"geldig_tot": "morgen"}, "Vul een datum in als jjjj-mm-dd")]
    for fields, message in cases:
        response = _grant(mother, **fields)
        assert response.status_code == 400 and message in response.get_data(as_text=True), fields
    assert db.session.query(Machtiging).count() == 0


def test_who_looked_shows_a_consulents_visit_by_role_not_name(client_as):
    inwoner = client_as("inwoner")
    _melding(inwoner)
    zaak = db.session.query(Zaak).one()
    client_as("consulent").get(f"/werkvoorraad/zaken/{zaak.id}")
    page = inwoner.get("/mijn/wie-bekeek-mijn-gegevens").get_data(as_text=True)
    assert "Een consulent van de gemeente" in page and f"Zaak {zaak.zaaknummer} bekeken" in page
    assert "Consulent (demo)" not in page
    assert "Overzicht van eigen zaken bekeken" not in page  # the inwoner's own reads are not listed


def test_who_looked_groups_repeated_views_and_pages_the_rest(client_as, users):
    from app.services import dossier
    from app.services.verwerkingen import PAGE_SIZE
    inwoner = client_as("inwoner")
    _melding(inwoner)
    zaak = db.session.query(Zaak).one()
    for _ in range(7):
        dossier.open_zaak(users["consulent"], zaak, purpose="wmo-behandeling")
    page = inwoner.get("/mijn/wie-bekeek-mijn-gegevens").get_data(as_text=True)
    assert page.count(f"Zaak {zaak.zaaknummer} bekeken") == 1 and "7 keer" in page
    for n in range(PAGE_SIZE + 3):  # different documents: one line each
        dossier.open_own_data(users["consulent"], zaak.person, what=f"Document {n} bekeken", object_type="document")
    first = inwoner.get("/mijn/wie-bekeek-mijn-gegevens").get_data(as_text=True)
    second = inwoner.get("/mijn/wie-bekeek-mijn-gegevens?pagina=2").get_data(as_text=True)
    assert "pagina 1 van 2" in first and "Volgende pagina" in first
    assert "pagina 2 van 2" in second and second.count("Een consulent van de gemeente") >= 3


def test_who_looked_filters_by_who_and_period_and_says_a_bad_date_in_dutch(client_as, users):
    from app.services import dossier
    inwoner = client_as("inwoner")
    _melding(inwoner)
    zaak = db.session.query(Zaak).one()
    dossier.open_zaak(users["consulent"], zaak, purpose="wmo-behandeling")
    only_system = inwoner.get("/mijn/wie-bekeek-mijn-gegevens?wie=zorgaanbieder").get_data(as_text=True)
    assert "Een consulent van de gemeente" not in only_system and "niets gevonden" in only_system
    today = date.today().isoformat()
    staff = inwoner.get(f"/mijn/wie-bekeek-mijn-gegevens?wie=gemeente&van={today}&tot={today}").get_data(as_text=True)
    assert f"Zaak {zaak.zaaknummer} bekeken" in staff
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    later = inwoner.get(f"/mijn/wie-bekeek-mijn-gegevens?van={tomorrow}").get_data(as_text=True)
    assert f"Zaak {zaak.zaaknummer} bekeken" not in later
    bad = inwoner.get("/mijn/wie-bekeek-mijn-gegevens?van=gisteren")
    assert bad.status_code == 400 and "Vul bij &#39;Vanaf&#39; een datum in" in bad.get_data(as_text=True)


def test_berichten_go_both_ways_and_the_mail_never_holds_the_text(client_as, users):
    db.session.get(User, users["consulent"].id).email = "consulent@gemeente.example"
    db.session.get(User, users["inwoner"].id).email = "j.bakker@example.nl"
    db.session.commit()
    inwoner, consulent = client_as("inwoner"), client_as("consulent")
    _melding(inwoner)
    zaak = db.session.query(Zaak).one()
    from app.services.tasks import claim_task
    from app.models import HumanTask
    claim_task(users["consulent"], db.session.query(HumanTask).filter_by(zaak_id=zaak.id).first().id)
    assert inwoner.post(f"/mijn/zaken/{zaak.id}/berichten", data={"tekst": "Mijn knie is geopereerd."}).status_code == 302
    assert "1 ongelezen" in consulent.get(f"/werkvoorraad/zaken/{zaak.id}").get_data(as_text=True)
    assert "Mijn knie is geopereerd." in consulent.get(f"/werkvoorraad/zaken/{zaak.id}/berichten").get_data(as_text=True)
    consulent.post(f"/werkvoorraad/zaken/{zaak.id}/berichten", data={"tekst": "Dank, ik bel u dinsdag."})
    assert "1 nieuw bericht lezen" in inwoner.get("/mijn/").get_data(as_text=True)
    assert "Dank, ik bel u dinsdag." in inwoner.get(f"/mijn/zaken/{zaak.id}/berichten").get_data(as_text=True)
    mails = db.session.query(OutboxMail).order_by(OutboxMail.id).all()
    assert [m.to_address for m in mails] == ["consulent@gemeente.example", "j.bakker@example.nl"]
    assert all("knie" not in m.body and "dinsdag" not in m.body for m in mails)
    assert all(b.gelezen_op for b in db.session.query(PortaalBericht))


def test_an_empty_bericht_or_an_inwoner_answering_as_gemeente_is_refused(client_as):
    inwoner = client_as("inwoner")
    _melding(inwoner)
    zaak = db.session.query(Zaak).one()
    response = inwoner.post(f"/mijn/zaken/{zaak.id}/berichten", data={"tekst": "  "})
    assert response.status_code == 400 and "Schrijf uw bericht." in response.get_data(as_text=True)
    assert inwoner.post(f"/werkvoorraad/zaken/{zaak.id}/berichten", data={"tekst": "x"}).status_code == 403
    assert db.session.query(PortaalBericht).count() == 0


def test_documents_are_checked_by_their_bytes_and_stored_under_a_safe_name(client_as):
    inwoner = client_as("inwoner")
    response = _melding(inwoner, bijlagen=[(io.BytesIO(PDF), "../../Brief huisarts.PDF"), (io.BytesIO(PNG), "foto.png")],
                        bijlage_omschrijving="Brief en foto")
    assert response.status_code == 302
    rows = db.session.query(Bijlage).order_by(Bijlage.id).all()
    assert [(b.bestandsnaam, b.content_type) for b in rows] == [("Brief_huisarts.pdf", "application/pdf"),
                                                                 ("foto.png", "image/png")]
    download = inwoner.get(f"/mijn/zaken/{rows[0].zaak_id}/bijlagen/{rows[0].id}")
    assert download.data == PDF and "attachment" in download.headers["Content-Disposition"]


def test_a_disguised_or_too_large_file_stops_the_whole_melding(client_as):
    inwoner = client_as("inwoner")
    fake = _melding(inwoner, bijlagen=[(io.BytesIO(b"MZ\x90\0 echt een programma"), "brief.pdf")])
    assert fake.status_code == 400 and "is geen PDF, JPG of PNG" in fake.get_data(as_text=True)
    big = _melding(inwoner, bijlagen=[(io.BytesIO(b"%PDF-" + b"0" * (10 * 1024 * 1024)), "groot.pdf")])
    assert big.status_code == 400 and "groter dan 10 MB" in big.get_data(as_text=True)
    assert db.session.query(Zaak).count() == 0 and db.session.query(Bijlage).count() == 0


def test_what_was_told_once_is_prefilled_and_the_verhaal_is_shared_as_a_copy(client_as):
    inwoner = client_as("inwoner")
    _melding(inwoner, telefoon="0348 123 456", eigen_verhaal="Ik woon alleen sinds mijn man overleed.",
             verhaal_delen="1")
    form = inwoner.get("/mijn/melding").get_data(as_text=True)
    assert "0348 123 456" in form and "Ik woon alleen sinds mijn man overleed." in form
    zaak = db.session.query(Zaak).one()
    assert db.session.query(GedeeldVerhaal).one().tekst == "Ik woon alleen sinds mijn man overleed."
    inwoner.post("/mijn/gegevens", data={"telefoon": "0348 123 456", "eigen_verhaal": "Nieuwe versie."})
    assert db.session.query(GedeeldVerhaal).one().tekst == "Ik woon alleen sinds mijn man overleed."
    inwoner.post(f"/mijn/zaken/{zaak.id}/verhaal-delen")
    db.session.expire_all()
    assert db.session.query(GedeeldVerhaal).one().tekst == "Nieuwe versie."
    bad = inwoner.post("/mijn/gegevens", data={"telefoon": "12", "eigen_verhaal": ""})
    assert bad.status_code == 400 and "Vul een telefoonnummer in" in bad.get_data(as_text=True)


def test_mijn_zaken_shows_progress_deadline_and_the_beschikking_to_download(client_as):
    from app.models import Document
    inwoner = client_as("inwoner")
    _melding(inwoner)
    zaak = db.session.query(Zaak).one()
    page = inwoner.get("/mijn/").get_data(as_text=True)
    assert 'aria-current="step"' in page and "Melding ontvangen" in page and "Uiterlijk" in page
    db.session.add(Document(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, soort="beschikking", titel="Beschikking", bestandsnaam="beschikking.pdf",
                            html="<p>Besluit</p>", pdf=PDF, sha256="0" * 64))
    db.session.commit()
    document = db.session.query(Document).one()
    assert inwoner.get(f"/mijn/zaken/{zaak.id}/documenten/{document.id}/pdf").data == PDF
    assert "Besluit" in inwoner.get(f"/mijn/zaken/{zaak.id}/documenten/{document.id}").get_data(as_text=True)


def test_mijn_zorg_shows_aanbieder_start_and_the_budget_used_by_approved_declaraties(client_as, users):
    from app.models import Aanbieder, Declaratie, Prestatie, Product, Toewijzing
    inwoner = client_as("inwoner")
    _melding(inwoner)
    zaak = db.session.query(Zaak).one()
    aanbieder = db.session.query(Aanbieder).filter_by(agb_code="42420001").one()
    product = db.session.query(Product).filter_by(productcode="01A03").one()
    toewijzing = Toewijzing(toewijzingnummer=7001, zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, aanbieder_id=aanbieder.id, product_id=product.id,
                            ingangsdatum=date(2026, 1, 1), budget=400000, status="gestart", start_zorg=date(2026, 1, 5))
    db.session.add(toewijzing)
    db.session.flush()
    declaratie = Declaratie(aanbieder_id=aanbieder.id, gemeente_id=zaak.gemeente_id, standaard="iwmo", declaratienummer="D1", identificatie="D1",
                            periode_begin=date(2026, 1, 1), periode_eind=date(2026, 1, 31), dagtekening=date(2026, 2, 1),
                            totaal_ingediend_cent=0, status="beantwoord", antwoord_uiterlijk=date(2026, 2, 14))
    db.session.add(declaratie)
    db.session.flush()
    for nr, (cent, dc, status) in enumerate([(100000, "D", "goedgekeurd"), (20000, "C", "goedgekeurd"),
                                             (50000, "D", "afgekeurd")], start=1):
        db.session.add(Prestatie(declaratie_id=declaratie.id, volgnummer=nr, bsn=zaak.person.bsn, toewijzing_nummer=7001,
                                 toewijzing_id=toewijzing.id, referentienummer=f"R{nr}", productcategorie="01",
                                 productcode="01A03", periode_begin=date(2026, 1, 1), periode_eind=date(2026, 1, 31),
                                 volume=1, eenheid="83", bedrag_cent=cent, debet_credit=dc, status=status))
    db.session.commit()
    page = inwoner.get("/mijn/zorg").get_data(as_text=True)
    assert "Thuiszorg Het Groene Hart" in page and "Hulp bij het huishouden, basis" in page
    assert "begonnen op 5 januari 2026" in page
    assert "€ 800,00" in page and "20% gebruikt" in page  # 1000 − 200 credit; the refused line does not count
    second_inwoner()
    assert "Thuiszorg" not in client_as("inwoner2").get("/mijn/zorg").get_data(as_text=True)


def test_the_inwoner_reads_the_verslag_and_signs_the_aanvraag_with_comments(client_as, api_as, users):
    from case_flow import complete_steps, open_task_of
    inwoner = client_as("inwoner")
    _melding(inwoner)
    zaak = db.session.query(Zaak).one()
    assert inwoner.get(f"/mijn/zaken/{zaak.id}/aanvraag").status_code == 404  # no verslag yet
    complete_steps(api_as("consulent"), zaak.id, steps=["triage", "onderzoek_gesprek", "onderzoek_verslag"])
    assert "aanvraag ondertekenen" in inwoner.get("/mijn/").get_data(as_text=True)
    page = inwoner.get(f"/mijn/zaken/{zaak.id}/aanvraag").get_data(as_text=True)
    assert "Maatwerkvoorziening nodig voor het huishouden." in page
    empty = inwoner.post(f"/mijn/zaken/{zaak.id}/aanvraag", data={"akkoord": "opmerkingen", "opmerkingen": " "})
    assert empty.status_code == 400 and "Schrijf uw opmerkingen bij het verslag." in empty.get_data(as_text=True)
    signed = inwoner.post(f"/mijn/zaken/{zaak.id}/aanvraag",
                          data={"akkoord": "opmerkingen", "opmerkingen": "Ik douche ook niet meer zelf."})
    assert signed.status_code == 302
    again = inwoner.post(f"/mijn/zaken/{zaak.id}/aanvraag", data={"akkoord": "ja"})
    assert again.status_code == 400 and "al ondertekend" in again.get_data(as_text=True)
    assert "aanvraag ondertekenen" not in inwoner.get("/mijn/").get_data(as_text=True)
    staff = client_as("consulent").get(f"/werkvoorraad/zaken/{zaak.id}").get_data(as_text=True)
    assert "ondertekend met opmerkingen" in staff and "Ik douche ook niet meer zelf." in staff
    assert open_task_of(api_as("consulent"), zaak.id)["taak"] == "aanvraag_registreren"


def test_the_api_gives_an_inwoner_her_zaken_berichten_and_who_looked(client_as, api_as):
    inwoner = client_as("inwoner")
    _melding(inwoner)
    zaak = db.session.query(Zaak).one()
    client_as("consulent").get(f"/werkvoorraad/zaken/{zaak.id}")
    api = api_as("inwoner")
    zaken = api.get("/api/v1/mijn/zaken").json
    assert zaken["count"] == 1 and zaken["results"][0]["zaaknummer"] == zaak.zaaknummer
    assert [s["status"] for s in zaken["results"][0]["voortgang"]] == ["klaar", "bezig", "nog-niet", "nog-niet"]
    created = api.post(f"/api/v1/mijn/zaken/{zaak.id}/berichten", json={"tekst": "Via de app."})
    assert created.status_code == 201 and created.json["van"] == "inwoner"
    assert api.post(f"/api/v1/mijn/zaken/{zaak.id}/berichten", json={}).status_code == 422
    assert api.get(f"/api/v1/mijn/zaken/{zaak.id}/berichten").json["results"][0]["tekst"] == "Via de app."
    looked = api.get("/api/v1/mijn/verwerkingen").json
    assert any(r["wie"] == "Een consulent van de gemeente" for r in looked["results"])
    assert api_as("consulent").get("/api/v1/mijn/zaken").status_code == 403


def test_a_gemachtigde_who_has_not_chosen_yet_is_sent_to_namens_wie(client_as, users):
    _grant(client_as("inwoner"), users["gemachtigde"])
    son = client_as("gemachtigde")
    for page in ("/mijn/melding", "/mijn/wie-bekeek-mijn-gegevens", "/mijn/gegevens"):
        answer = son.get(page)
        assert answer.status_code == 302 and answer.location.endswith("/mijn/namens"), page
    assert "Kies eerst voor wie u iets wilt doen." in son.get("/mijn/namens").get_data(as_text=True)


@pytest.fixture
def addresses_kept(users):
    """The demo inwoner's and gemachtigde's e-mail addresses as they were, given back after the test."""
    people = [db.session.get(User, users[name].id) for name in ("inwoner", "gemachtigde")]
    before = [(u.email, u.person.email if u.person else None) for u in people]
    yield
    db.session.rollback()
    for user, (email, person_email) in zip(people, before):
        user = db.session.get(User, user.id)
        user.email = email
        if user.person:
            user.person.email = person_email
    db.session.commit()


def test_a_mail_is_promised_only_to_whom_it_is_sent_and_the_mantelzorger_gets_one_too(client_as, users,
                                                                                       addresses_kept):
    """Mijn zaken says 'u krijgt een e-mail' only to a reader the gemeente can mail; an inwoner without an address
    is told to look herself or give one in Mijn gegevens; a gemachtigde with a valid machtiging is mailed as well."""
    inwoner_user, son_user = db.session.get(User, users["inwoner"].id), db.session.get(User, users["gemachtigde"].id)
    inwoner_user.email = "johanna@example.nl"
    db.session.commit()
    hint = "Wij mailen ook naar het adres van uw account: johanna@example.nl."
    assert hint in client_as("inwoner").get("/mijn/gegevens").get_data(as_text=True)
    inwoner_user.email, inwoner_user.person.email, son_user.email = None, None, "kees@example.nl"
    db.session.commit()
    mother, consulent = client_as("inwoner"), client_as("consulent")
    _melding(mother)
    zaak = db.session.query(Zaak).one()
    page = mother.get(f"/mijn/zaken/{zaak.id}/berichten").get_data(as_text=True)
    assert "U krijgt een e-mail" not in page and "wij kennen geen e-mailadres van u" in page
    assert "Wij mailen ook naar" not in mother.get("/mijn/gegevens").get_data(as_text=True)

    refused = mother.post("/mijn/gegevens", data={"telefoon": "", "email": "johanna bij example.nl", "eigen_verhaal": ""})
    assert refused.status_code == 400 and "Vul een e-mailadres in zoals naam@voorbeeld.nl" in refused.get_data(as_text=True)
    assert db.session.get(User, users["inwoner"].id).person.email is None  # nothing half-written
    assert mother.post("/mijn/gegevens", data={"telefoon": "", "email": " j.bakker@example.nl ",
                                               "eigen_verhaal": ""}).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, users["inwoner"].id).person.email == "j.bakker@example.nl"
    assert "U krijgt een e-mail" in mother.get(f"/mijn/zaken/{zaak.id}/berichten").get_data(as_text=True)

    _grant(mother, users["gemachtigde"])
    son = client_as("gemachtigde")
    son.post("/mijn/namens", data={"machtiging": str(machtiging_of(users["gemachtigde"]).id)})
    assert "U krijgt een e-mail" in son.get(f"/mijn/zaken/{zaak.id}/berichten").get_data(as_text=True)
    consulent.post(f"/werkvoorraad/zaken/{zaak.id}/berichten", data={"tekst": "Ik bel u dinsdag."})
    assert sorted(m.to_address for m in db.session.query(OutboxMail)) == ["j.bakker@example.nl", "kees@example.nl"]

    mother.post(f"/mijn/machtigingen/{machtiging_of(users['gemachtigde']).id}/intrekken", data={"bevestigd": "ja"})
    consulent.post(f"/werkvoorraad/zaken/{zaak.id}/berichten", data={"tekst": "Nog een vraag."})
    assert sorted(m.to_address for m in db.session.query(OutboxMail)) == [
        "j.bakker@example.nl", "j.bakker@example.nl", "kees@example.nl"]  # a revoked machtiging: no more mail
