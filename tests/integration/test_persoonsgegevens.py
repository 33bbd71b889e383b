"""Completing the inwoner's address from the zaak page: only a consulent who may open the zaak does it;
every change is audited old → new and in the inwoner's processing log; a wrong field changes nothing."""
from app import db
from app.models import Person, ProcessingRecord
from app.services import audit
from case_flow import start_case

ADRES = {"straat": "Rijnstraat", "huisnummer": "14", "huisletter": "", "toevoeging": "bis", "postcode": "3441 bt",
         "woonplaats": "Woerden", "telefoon": ""}


def test_a_consulent_changes_the_address_and_the_change_is_audited_and_logged(api_as, client_as, person):
    zaak = start_case(api_as("consulent"), person.bsn)
    url = f"/werkvoorraad/zaken/{zaak['id']}/persoonsgegevens"
    web = client_as("consulent")
    form = web.get(url).get_data(as_text=True)
    assert f'value="{person.straat}"' in form and "Adres van" in form
    before = person.huisnummer
    assert web.post(url, data=ADRES).status_code == 302
    db.session.expire_all()
    changed = db.session.get(Person, person.id)
    assert (changed.straat, changed.huisnummer, changed.postcode) == ("Rijnstraat", "14-bis", "3441 BT")
    [record] = audit.records_of(changed)
    assert record.action == "persoonsgegevens_aangevuld" and record.changes["huisnummer"] == [before, "14-bis"]
    [logged] = db.session.query(ProcessingRecord).filter_by(subject_person_id=person.id, action="wijzigen",
                                                            object_type="persoon").all()
    assert zaak["zaaknummer"] in logged.description and "huisnummer" in logged.description

    assert web.post(url, data=ADRES).status_code == 302  # the same address again: no change, nothing recorded
    assert len(audit.records_of(changed)) == 1


def test_staff_who_are_not_consulent_may_not_change_it_and_a_wrong_field_changes_nothing(api_as, client_as, person):
    zaak = start_case(api_as("consulent"), person.bsn)
    url = f"/werkvoorraad/zaken/{zaak['id']}/persoonsgegevens"
    straat = person.straat
    for username in ("backoffice", "beoordelaar"):
        assert client_as(username).post(url, data=ADRES).status_code == 403
        assert f"/zaken/{zaak['id']}/persoonsgegevens" not in client_as(username).get(
            f"/werkvoorraad/zaken/{zaak['id']}").get_data(as_text=True)
    wrong = client_as("consulent").post(url, data={**ADRES, "huisnummer": "14b", "telefoon": "12345"})
    page = wrong.get_data(as_text=True)
    assert wrong.status_code == 400 and "zonder letter of toevoeging" in page and "tien cijfers" in page
    db.session.expire_all()
    assert db.session.get(Person, person.id).straat == straat and audit.records_of(person) == []
