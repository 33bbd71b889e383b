"""PGB (#17 point 9; Wmo 2015 art. 2.3.6 lid 2): the aanvraag of a pgb records whether the inwoner can manage it,
why they want it and the quality of the care they buy; a besluit cannot grant a pgb whose conditions are not met;
the letter states the amount reckoned from the lowest contract tarief of the product, not the cost estimate."""
from decimal import Decimal

from sqlalchemy import select

from app import db
from app.models import Beschikking, Contract, ContractProduct, ContractTarief, Gemeente, Person, Product, Zaak
from app.services.beschikking_document import render_beschikking
from app.services.demo_data import WOERDEN
from case_data import form_data
from case_flow import PRODUCT, beschikking_with, complete_steps, open_task_of, start_case
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture

PGB = {"leveringsvorm": "pgb", "aanbieder": None, "kosten_per_jaar": 2400,
       "pgb_beheer": True, "pgb_beheer_hulp": "Dochter (vertegenwoordiger)",
       "pgb_motivering": "Mevrouw wil de hulp van een vaste hulp die zij kent.", "pgb_kwaliteit": True,
       "pgb_kwaliteit_toelichting": "Een zzp'er met VOG en ervaring in de thuiszorg."}


def _person(skip: int = 0) -> Person:
    return db.session.scalars(select(Person).join(Gemeente, Gemeente.id == Person.gemeente_id)
                              .where(Gemeente.code == WOERDEN).order_by(Person.id).offset(skip).limit(1)).one()


def _aanvraag(api, **fields):
    zaak_id = start_case(api, _person(2).bsn)["id"]
    complete_steps(api, zaak_id, ("triage", "onderzoek_gesprek", "onderzoek_verslag"))
    task = open_task_of(api, zaak_id)
    data = {k: v for k, v in {**form_data("aanvraag_registreren"), "productcode": PRODUCT["wmo"], **fields}.items()
            if v is not None}
    return zaak_id, api.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": data})


def _problems(response) -> dict:
    return {p["name"]: p["reason"] for p in response.json.get("invalid_params", [])}


def test_a_pgb_aanvraag_asks_why_and_what_care_is_bought(app, api_as):
    _, refused = _aanvraag(api_as("consulent"), **{**PGB, "pgb_motivering": None, "pgb_kwaliteit_toelichting": None})
    assert refused.status_code == 422
    assert set(_problems(refused)) == {"pgb_motivering", "pgb_kwaliteit_toelichting"}
    _, wrong_unit = _aanvraag(api_as("consulent"), **{**PGB, "eenheid": "16"})
    assert wrong_unit.status_code == 422 and "tarief per eenheid" in _problems(wrong_unit)["eenheid"]


def test_a_pgb_whose_conditions_are_not_met_is_not_granted(app, api_as):
    consulent = api_as("consulent")
    zaak_id, done = _aanvraag(consulent, **{**PGB, "pgb_beheer": False})
    assert done.status_code == 200, done.json  # recorded as the consulent found it
    task = open_task_of(consulent, zaak_id)
    refused = consulent.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": form_data(
        "besluit_voorbereiden")})
    assert refused.status_code == 422
    reason = _problems(refused)["besluit"]
    assert "artikel 2.3.6 lid 2 van de Wmo 2015" in reason and "kan het pgb beheren" in reason
    assert db.session.scalars(select(Beschikking).where(Beschikking.zaak_id == zaak_id)).all() == []


def test_the_letter_states_the_pgb_from_the_lowest_contract_tarief_not_the_estimate(app, api_as):
    beschikking = beschikking_with(api_as("consulent"), _person(3), **PGB)
    product = db.session.scalar(select(Product).where(Product.productcode == PRODUCT["wmo"]))
    lowest = min(db.session.scalars(
        select(ContractTarief.tarief_cent).join(ContractProduct, ContractProduct.id == ContractTarief.contract_product_id)
        .join(Contract, Contract.id == ContractProduct.contract_id)
        .where(ContractProduct.product_id == product.id, Contract.gemeente_id == beschikking.gemeente_id)))
    assert beschikking.pgb_tarief_cent == lowest and beschikking.pgb_per == "jaar"
    assert beschikking.pgb_bedrag == (Decimal(3 * 52) * lowest / 100).quantize(Decimal("0.01"))
    assert beschikking.kosten_per_jaar == Decimal("2400.00")  # the estimate stays the vier-ogen measure only
    html = render_beschikking(beschikking, db.session.get(Zaak, beschikking.zaak_id), product)
    bedrag = f"{beschikking.pgb_bedrag:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    assert f"€ {bedrag} per jaar" in html and "2.400,00" not in html
    assert "het laagste tarief" in html and "3 uur per week" in html and "(52\n  weken per jaar)" in html


def test_the_lowest_tarief_counts_only_contracts_and_tarieven_in_force_at_active_aanbieders(app):
    """A new product with hand-made contracts on 1 March 2027: A has €40 (its €30 starts later), B €45, C €20 but
    C's registration in the gemeente is ended, and B's older contract of €25 ended in February → €40 (4000 cents)."""
    from datetime import date

    from app.models import Aanbieder, AanbiederGemeente
    from app.services.contract_tarieven import laagste_tarief_cent
    gemeente = db.session.scalar(select(Gemeente).where(Gemeente.code == WOERDEN))
    product = Product(domein="wmo", productcategorie="02", productcode="02X99", omschrijving="Testbegeleiding",
                      eenheid="04")
    db.session.add(product)
    db.session.flush()
    aanbieders = list(db.session.scalars(select(Aanbieder).order_by(Aanbieder.id)))[:3]
    assert len(aanbieders) == 3, "the demo has three aanbieders"
    for aanbieder, tarieven, einde, actief in (
            (aanbieders[0], ((date(2027, 1, 1), 4000), (date(2027, 4, 1), 3000)), None, True),
            (aanbieders[1], ((date(2026, 1, 1), 4500),), None, True),
            (aanbieders[2], ((date(2026, 1, 1), 2000),), None, False),
            (aanbieders[1], ((date(2026, 1, 1), 2500),), date(2027, 2, 28), True)):
        registratie = db.session.scalar(select(AanbiederGemeente).where(
            AanbiederGemeente.aanbieder_id == aanbieder.id, AanbiederGemeente.gemeente_id == gemeente.id))
        if registratie is None:
            registratie = AanbiederGemeente(aanbieder_id=aanbieder.id, gemeente_id=gemeente.id)
            db.session.add(registratie)
        registratie.status = "actief" if actief else "beeindigd"
        contract = Contract(gemeente_id=gemeente.id, aanbieder_id=aanbieder.id, kenmerk=f"T-{aanbieder.id}",
                            ingangsdatum=date(2026, 1, 1), einddatum=einde)
        db.session.add(contract)
        db.session.flush()
        regel = ContractProduct(contract_id=contract.id, product_id=product.id)
        db.session.add(regel)
        db.session.flush()
        db.session.add_all(ContractTarief(contract_product_id=regel.id, ingangsdatum=day, tarief_cent=cent)
                           for day, cent in tarieven)
    db.session.flush()
    assert laagste_tarief_cent(db.session, gemeente.id, product.id, date(2027, 3, 1)) == 4000
    assert laagste_tarief_cent(db.session, gemeente.id, product.id, date(2027, 4, 1)) == 3000
    assert laagste_tarief_cent(db.session, gemeente.id, product.id, date(2027, 2, 1)) == 2500  # B's old contract still runs
    assert laagste_tarief_cent(db.session, gemeente.id, product.id, date(2025, 12, 31)) is None
    db.session.rollback()
