"""Completing the inwoner's address from the zaak page: only a consulent who may open the zaak does it;
every change is audited old → new and in the inwoner's processing log; a wrong field changes nothing; an
address abroad keeps its land, which the 301 carries as LandCode (CD005)."""
from app import db
from app.models import Person, ProcessingRecord
from app.services import audit
from app.services.demo_data import WOERDEN
from case_flow import start_case
from exchange_flow import AANBIEDER, aanbieder_client, beschikking
from iwmo_messages import validate
from retentie_data import new_person

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


def test_an_address_abroad_is_stored_with_its_land_and_the_301_carries_its_landcode(app, api_as, client_as):
    inwoner = new_person(WOERDEN, "Buitenland")
    consulent = api_as("consulent")
    zaak = start_case(consulent, inwoner.bsn)
    url = f"/werkvoorraad/zaken/{zaak['id']}/persoonsgegevens"
    web = client_as("consulent")
    assert '<option value="BE">Belgie</option>' in web.get(url).get_data(as_text=True)
    abroad = {**ADRES, "land": "BE", "straat": "Wetstraat", "huisnummer": "16", "toevoeging": "", "postcode": "1000",
              "woonplaats": "Brussel"}
    refused = web.post(url, data={**abroad, "land": "XX"})
    assert refused.status_code == 400 and "Kies het land uit de lijst." in refused.get_data(as_text=True)
    assert web.post(url, data=abroad).status_code == 302
    db.session.expire_all()
    stored = db.session.get(Person, inwoner.id)
    assert (stored.land, stored.postcode, stored.woonplaats) == ("BE", "1000", "Brussel")
    assert web.get(url).get_data(as_text=True).count('value="BE" selected') == 1

    beschikking(consulent, inwoner.bsn)  # a second zaak, now with the address abroad: its 301
    aanbieder = aanbieder_client(app, AANBIEDER["wmo"])
    [item] = [i for i in aanbieder.outbox("nieuw") if i["bericht"] == "WMO301"]
    result = validate(aanbieder.download(item["id"]).data)
    assert result.valid, result.issues
    [contact] = result.message.client.contactgegevens
    assert (contact.adres.land_code, contact.adres.postcode, contact.adres.plaatsnaam) == ("BE", "1000", "Brussel")
