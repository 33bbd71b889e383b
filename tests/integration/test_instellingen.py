"""The settings page (#13 point 5): the beheerder changes business rules that held only in the environment;
they hold at once, each change is audited old → new, and bad input is named in Dutch with nothing stored."""
from datetime import date

from sqlalchemy import func, select

from app import db
from app.models import AuditRecord, Instelling
from app.services.settings import extra_holidays, setting

#: The shape of a decree that equates a day with a holiday (Atw art. 3 lid 3), not a citation.
KB = "Koninklijk besluit van [datum], Stb. [jaar], [nummer]"
FORM = {"EXTRA_HOLIDAYS": "", "VIER_OGEN_DREMPEL": "10.000,00", "DECLARATIE_HANDMATIG_VANAF": "5.000,00",
        "SIGNAAL_DAGEN_VOORAF": "7", "MAIL_FROM": "Cumulus <noreply@gemeente.example>", "HERINDICATIE_WEKEN": "8"}


def test_a_beheerder_changes_the_rules_and_they_hold_at_once(app, client_as):
    beheerder = client_as("beheerder")
    page = beheerder.get("/beheer/instellingen").get_data(as_text=True)
    assert 'value="10.000,00"' in page and "Atw art. 3 lid 3" in page
    response = beheerder.post("/beheer/instellingen", data={
        **FORM, "VIER_OGEN_DREMPEL": "7.500", "EXTRA_HOLIDAYS": f"2027-06-14 {KB}\n\n24-12-2027 {KB}"},
        follow_redirects=True)
    assert "2 instellingen gewijzigd; dat geldt meteen." in response.get_data(as_text=True)
    assert setting("VIER_OGEN_DREMPEL") == 7500.0
    assert extra_holidays() == (date(2027, 6, 14), date(2027, 12, 24))  # two plain working days
    changes = [r.changes for r in db.session.scalars(select(AuditRecord).where(
        AuditRecord.action == "instelling.wijzigen").order_by(AuditRecord.id))]
    assert {"Grens vier-ogentoets (euro per jaar)": ["10.000,00", "7.500,00"]} in changes
    again = beheerder.post("/beheer/instellingen", data={**FORM, "VIER_OGEN_DREMPEL": "7500",
                                                         "EXTRA_HOLIDAYS": f"2027-06-14 {KB}\n2027-12-24 {KB}"},
                           follow_redirects=True)
    assert "Er was niets veranderd." in again.get_data(as_text=True)


def test_bad_input_is_named_in_dutch_and_nothing_is_stored(app, client_as):
    response = client_as("beheerder").post("/beheer/instellingen", data={
        **FORM, "VIER_OGEN_DREMPEL": "tien", "EXTRA_HOLIDAYS": "2027-05-06", "MAIL_FROM": "geen adres",
        "SIGNAAL_DAGEN_VOORAF": "31"})
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Vul een bedrag in euro in" in body and "noem na de datum het Koninklijk besluit" in body and "Naam &lt;adres" in body
    assert "Vul een heel aantal dagen in van 0 tot en met 30" in body
    assert db.session.scalar(select(func.count()).select_from(Instelling)) == 0
    college = client_as("beheerder").post("/beheer/instellingen", data={
        **FORM, "EXTRA_HOLIDAYS": "2027-06-14 Collegebesluit 12 januari 2027"})  # a college cannot equate a day
    assert college.status_code == 400
    assert "alleen een Koninklijk besluit stelt een dag gelijk met een feestdag" in college.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Instelling)) == 0


def test_only_the_beheerder_changes_settings(client_as):
    refused = client_as("consulent").get("/beheer/instellingen")
    assert refused.status_code == 403
    assert "Alleen een beheerder wijzigt de instellingen." in refused.get_data(as_text=True)  # not "beheert medewerkers"
    assert client_as("consulent").post("/beheer/instellingen", data=FORM).status_code == 403


def test_an_equated_day_saved_on_the_page_moves_the_end_of_a_term(app, client_as, users):
    """Melding Mon 30 Nov 2026 + 6 weeks = Mon 11 Jan 2027, a plain working day: the onderzoek term ends then;
    equated with a holiday by decree it ends on Tue 12 Jan 2027 (Atw art. 1 lid 1 and art. 3 lid 3)."""
    import wall_clock
    from app.models import Termijn
    from app.services.meldingen import submit_melding

    def onderzoek_ends() -> date:
        with wall_clock.on(date(2026, 12, 7)):
            zaak = submit_melding(users["consulent"], person_id=users["inwoner"].person_id, domein="wmo",
                                  omschrijving="Hulp nodig.", kanaal="telefoon", ontvangen_op=date(2026, 11, 30))
        db.session.expire_all()
        return db.session.scalar(select(Termijn.due).where(Termijn.zaak_id == zaak.id, Termijn.soort == "onderzoek"))

    assert onderzoek_ends() == date(2027, 1, 11)
    saved = client_as("beheerder").post("/beheer/instellingen", data={**FORM, "EXTRA_HOLIDAYS": f"2027-01-11 {KB}"},
                                        follow_redirects=True)
    assert "1 instelling gewijzigd" in saved.get_data(as_text=True)
    assert onderzoek_ends() == date(2027, 1, 12)
