"""The case view for staff: the process diagram's BPMN and its passed and current steps, the deadlines with
time left, the toewijzingen and the declaraties of what the zaak granted — and only for staff of the zaak."""
from datetime import date

from app import db
from app.models import Aanbieder, Declaratie, Prestatie, Product, ProcessInstance, Toewijzing, Zaak
from app.services.case_view import process_views
from case_flow import complete_steps, start_case


def _granted_zaak(api_as, person) -> Zaak:
    consulent = api_as("consulent")
    zaak = start_case(consulent, person.bsn)
    complete_steps(consulent, zaak["id"], besluit="toekennen", kosten=2400)
    return db.session.get(Zaak, zaak["id"])


def test_the_steps_say_what_was_done_by_whom_and_what_waits_now(api_as, person):
    consulent = api_as("consulent")
    zaak = start_case(consulent, person.bsn)
    complete_steps(consulent, zaak["id"], steps=("triage",))
    [view] = process_views(db.session.get(Zaak, zaak["id"]))
    assert "triage" in view.done and view.current == ["onderzoek_gesprek"]
    triage = next(s for s in view.steps if s["id"] == "triage")
    assert triage["by"].username == "consulent" and triage["state"] == "done"


def test_the_case_page_shows_the_diagram_steps_deadlines_and_the_bpmn_of_its_version(api_as, client_as, person):
    consulent = api_as("consulent")
    zaak = start_case(consulent, person.bsn)
    complete_steps(consulent, zaak["id"], steps=("triage",))
    client = client_as("consulent")
    page = client.get(f"/werkvoorraad/zaken/{zaak['id']}").get_data(as_text=True)
    assert 'data-current="[&#34;onderzoek_gesprek&#34;]"' in page
    assert '<li class="utrecht-ordered-list__item" data-step="onderzoek_gesprek" aria-current="step">' in page
    assert "Wettelijke termijnen" in page and "(nog " in page
    instance = db.session.query(ProcessInstance).filter_by(zaak_id=zaak["id"]).one()
    xml = client.get(f"/werkvoorraad/zaken/{zaak['id']}/processen/{instance.id}.bpmn")
    assert xml.status_code == 200 and b'id="onderzoek_gesprek"' in xml.data
    other = start_case(consulent, person.bsn)
    assert client.get(f"/werkvoorraad/zaken/{other['id']}/processen/{instance.id}.bpmn").status_code == 404


def test_toewijzingen_and_declaraties_of_what_was_granted_are_listed(api_as, client_as, person):
    zaak = _granted_zaak(api_as, person)
    aanbieder = db.session.query(Aanbieder).order_by(Aanbieder.id).first()
    product = db.session.query(Product).filter_by(domein="wmo", productcode="01A03").one()
    if not db.session.query(Toewijzing).filter_by(zaak_id=zaak.id).count():  # the exchange sends one for ZIN
        db.session.add(Toewijzing(toewijzingnummer=9000001, zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, aanbieder_id=aanbieder.id,
                                  product_id=product.id, ingangsdatum=date(2026, 1, 1), status="geaccepteerd"))
    declaratie = Declaratie(aanbieder_id=aanbieder.id, gemeente_id=zaak.gemeente_id, standaard="iwmo", declaratienummer="D1", identificatie="D1",
                            periode_begin=date(2026, 1, 1), periode_eind=date(2026, 1, 31),
                            dagtekening=date(2026, 2, 2), totaal_ingediend_cent=9750, status="beantwoord",
                            antwoord_uiterlijk=date(2026, 2, 12))
    db.session.add(declaratie)
    db.session.flush()
    for nummer, (bsn, code) in enumerate([(person.bsn, "01A03"), (person.bsn, "02A01"), ("999999999", "01A03")]):
        db.session.add(Prestatie(declaratie_id=declaratie.id, volgnummer=nummer + 1, bsn=bsn, toewijzing_nummer=1,
                                 referentienummer=f"R{nummer}", productcategorie=code[:2], productcode=code,
                                 periode_begin=date(2026, 1, 1), periode_eind=date(2026, 1, 31), volume=3,
                                 eenheid="04", bedrag_cent=9750, debet_credit="D", status="goedgekeurd"))
    db.session.commit()
    page = client_as("consulent").get(f"/werkvoorraad/zaken/{zaak.id}").get_data(as_text=True)
    toewijzingen = page[page.index(">Toewijzingen<"):page.index(">Declaraties<")]
    assert aanbieder.naam in toewijzingen and "01A03 — Hulp bij het huishouden, basis" in toewijzingen
    declaraties = page[page.index(">Declaraties<"):page.index(">Geschiedenis<")]
    assert declaraties.count("€ 97,50") == 1 and "Goedgekeurd" in declaraties  # only this person's granted product


def test_only_staff_open_the_case_view(api_as, client_as, person):
    zaak = start_case(api_as("consulent"), person.bsn)
    assert client_as("consulent").get(f"/werkvoorraad/zaken/{zaak['id']}").status_code == 200
    for username in ("inwoner", "aanbieder"):
        assert client_as(username).get(f"/werkvoorraad/zaken/{zaak['id']}").status_code == 403
