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
