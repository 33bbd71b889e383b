"""Klachten and signalen about aanbieders (#12 point 3): registered by a consulent from the zaak and by an inwoner
(or gemachtigde) about their own care only, followed up and closed by the contractmanager of the gemeente, HTML
refused beside the field with nothing lost, every change audited and every read of the person logged."""
from datetime import date

import pytest
from sqlalchemy import select

from app import db
from app.models import AuditRecord, Klacht, Person, ProcessingActivity, ProcessingRecord, User
from portal_data import SON_BSN, link_to, machtiging_of, second_inwoner
from rapportage_data import AANBIEDER_X, AANBIEDER_Y, History


@pytest.fixture
def care(app):
    """A toewijzing for the demo inwoner (to X) and one for a second inwoner (to Y)."""
    h = History()
    mine = db.session.scalar(select(User).where(User.username == "inwoner"))
    other = second_inwoner()
    made = {}
    for name, user, agb in (("mine", mine, AANBIEDER_X), ("other", other, AANBIEDER_Y)):
        person = db.session.get(Person, user.person_id)
        zaak = h.zaak(person, "wmo", date(2026, 3, 2))
        t = h.toewijzing(zaak, h.beschikking(zaak, date(2026, 3, 2), date(2026, 3, 2)), agb, "01A03",
                         date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 2), None, "gestart", 3, "2")
        made[name] = {"zaak_id": zaak.id, "toewijzing_id": t.id, "aanbieder": t.aanbieder.naam}
    db.session.commit()
    return made


def klachten() -> list[Klacht]:
    db.session.expire_all()
    return list(db.session.scalars(select(Klacht).order_by(Klacht.id)))


def logged(activity: str = "klachten-aanbieders") -> list[ProcessingRecord]:
    return list(db.session.scalars(select(ProcessingRecord).join(ProcessingActivity).where(
        ProcessingActivity.code == activity)))


def test_a_consulent_registers_a_signaal_from_the_zaak(care, client_as):
    consulent = client_as("consulent")
    zaak_page = consulent.get(f"/werkvoorraad/zaken/{care['mine']['zaak_id']}").get_data(as_text=True)
    assert "Klacht of signaal over een zorgaanbieder registreren" in zaak_page
    response = consulent.post(f"/werkvoorraad/zaken/{care['mine']['zaak_id']}/klachten", data={
        "toewijzing": care["mine"]["toewijzing_id"], "soort": "signaal", "tekst": "De hulp kwam twee keer niet."})
    assert response.status_code == 302
    [klacht] = klachten()
    assert (klacht.soort, klacht.bron, klacht.status, klacht.zaak_id) == ("signaal", "consulent", "open",
                                                                          care["mine"]["zaak_id"])
    assert klacht.aanbieder.naam == care["mine"]["aanbieder"]
    audit = db.session.scalar(select(AuditRecord).where(AuditRecord.object_type == "klacht"))
    assert audit.action == "klacht.registreren" and audit.actor_naam.startswith("Consulent")
    assert [r.action for r in logged()] == ["aanmaken"]
    page = consulent.get(f"/werkvoorraad/zaken/{care['mine']['zaak_id']}/klachten").get_data(as_text=True)
    assert f"Signaal {klacht.kenmerk}" in page


def test_a_consulent_cannot_name_a_toewijzing_of_another_zaak(care, client_as):
    response = client_as("consulent").post(f"/werkvoorraad/zaken/{care['mine']['zaak_id']}/klachten", data={
        "toewijzing": care["other"]["toewijzing_id"], "soort": "klacht", "tekst": "Niet op tijd."})
    assert response.status_code == 400
    assert "Kies een zorgaanbieder van een toewijzing van deze zaak." in response.get_data(as_text=True)
    assert klachten() == []


def test_an_inwoner_submits_a_klacht_about_their_own_care_and_follows_it(care, client_as):
    inwoner = client_as("inwoner")
    form = inwoner.get("/mijn/klachten").get_data(as_text=True)
    assert care["mine"]["aanbieder"] in form and care["other"]["aanbieder"] not in form
    response = inwoner.post("/mijn/klachten", data={"toewijzing": care["mine"]["toewijzing_id"], "soort": "klacht",
                                                    "tekst": "Ik wacht al drie weken op de hulp."})
    assert response.status_code == 302
    [klacht] = klachten()
    assert (klacht.bron, klacht.person_id, klacht.namens_id) == ("inwoner", klacht.zaak.person_id, None)
    page = inwoner.get("/mijn/klachten").get_data(as_text=True)
    assert "Ik wacht al drie weken op de hulp." in page and "Ontvangen. De gemeente gaat ernaar kijken." in page


def test_a_klacht_about_someone_elses_toewijzing_is_refused(care, client_as):
    response = client_as("inwoner").post("/mijn/klachten", data={
        "toewijzing": care["other"]["toewijzing_id"], "soort": "klacht", "tekst": "Over de zorg van iemand anders."})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Kies de zorgaanbieder van uw eigen zorg uit de lijst." in html
    assert "Over de zorg van iemand anders." in html  # nothing typed is lost
    assert klachten() == []


def test_html_in_the_text_is_refused_beside_the_field_and_kept(care, client_as):
    text = 'Slecht <a href="https://x.example">zie hier</a>'
    response = client_as("inwoner").post("/mijn/klachten", data={
        "toewijzing": care["mine"]["toewijzing_id"], "soort": "klacht", "tekst": text})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "bevat HTML (zoals &lt;b&gt; of &amp;amp;). Schrijf gewone tekst" in html
    assert 'id="field-tekst-error"' in html and "Slecht &lt;a href=" in html
    assert klachten() == []


def test_a_gemachtigde_submits_for_the_one_they_act_for(care, client_as, users):
    client_as("inwoner").post("/mijn/machtigingen", data={"naam": "Kees Bakker", "bsn": SON_BSN,
                                                          "scope": "namens_handelen"})
    link_to(users["gemachtigde"])
    gemachtigde = client_as("gemachtigde")
    gemachtigde.post("/mijn/namens", data={"machtiging": str(machtiging_of(users["gemachtigde"]).id)})
    response = gemachtigde.post("/mijn/klachten", data={"toewijzing": care["mine"]["toewijzing_id"],
                                                        "soort": "signaal", "tekst": "Mijn moeder is gevallen."})
    assert response.status_code == 302
    [klacht] = klachten()
    assert klacht.geregistreerd_door_id == users["gemachtigde"].id and klacht.namens_id == users["inwoner"].id
    [record] = logged()
    assert record.actor_role == "gemachtigde" and record.on_behalf_of_user_id == users["inwoner"].id


def test_the_contractmanager_follows_up_and_closes_and_the_inwoner_reads_why(care, client_as):
    client_as("inwoner").post("/mijn/klachten", data={"toewijzing": care["mine"]["toewijzing_id"], "soort": "klacht",
                                                      "tekst": "De hulp komt steeds te laat."})
    [klacht] = klachten()
    manager = client_as("contractmanager")
    listing = manager.get("/contracten/klachten?status=open").get_data(as_text=True)
    assert klacht.kenmerk in listing and "Rapportagetest" not in listing
    detail = manager.get(f"/contracten/klachten/{klacht.id}").get_data(as_text=True)
    assert klacht.person.naam in detail and "De hulp komt steeds te laat." in detail
    assert [r.action for r in logged()] == ["aanmaken", "lezen"]
    assert manager.post(f"/contracten/klachten/{klacht.id}/notitie", data={
        "notitie": "Gebeld met de aanbieder.", "status": "in_behandeling"}).status_code == 302
    assert klachten()[0].status == "in_behandeling"
    refused = manager.post(f"/contracten/klachten/{klacht.id}/afsluiten", data={"reden": "  "})
    assert refused.status_code == 400 and "Vul &#39;Reden van afsluiten&#39; in." in refused.get_data(as_text=True)
    assert klachten()[0].status == "in_behandeling"
    assert manager.post(f"/contracten/klachten/{klacht.id}/afsluiten", data={
        "reden": "De aanbieder heeft een vaste begeleider ingezet."}).status_code == 302
    closed = klachten()[0]
    assert closed.status == "afgesloten" and closed.afgesloten_door.username == "contractmanager"
    assert [n.status for n in closed.notities] == ["in_behandeling", "afgesloten"]
    actions = db.session.scalars(select(AuditRecord.action).where(AuditRecord.object_type == "klacht")
                                 .order_by(AuditRecord.id)).all()
    assert actions == ["klacht.registreren", "klacht.opvolgen", "klacht.afsluiten"]
    again = manager.post(f"/contracten/klachten/{klacht.id}/notitie", data={"notitie": "Nog iets", "status": "open"})
    assert again.status_code == 400 and klachten()[0].status == "afgesloten"
    portal = client_as("inwoner").get("/mijn/klachten").get_data(as_text=True)
    assert "Afgehandeld." in portal and "De aanbieder heeft een vaste begeleider ingezet." in portal


def test_another_gemeentes_contractmanager_and_other_staff_get_nothing(care, client_as):
    client_as("inwoner").post("/mijn/klachten", data={"toewijzing": care["mine"]["toewijzing_id"], "soort": "klacht",
                                                      "tekst": "Te laat."})
    [klacht] = klachten()
    assert client_as("contractmanager-oudewater").get(f"/contracten/klachten/{klacht.id}").status_code == 404
    assert klacht.kenmerk not in client_as("contractmanager-oudewater").get("/contracten/klachten").get_data(
        as_text=True)
    assert client_as("consulent").get(f"/contracten/klachten/{klacht.id}").status_code == 403
    assert client_as("contractmanager").get(
        f"/werkvoorraad/zaken/{care['mine']['zaak_id']}/klachten").status_code in (403, 404)
