"""Contracts with aanbieders (#12 points 1, 2 and 7): a declaratie line is checked against the tarief in
force on the prestatie's date (before and after a change), a tarief above it is refused with 0611 (TR418),
plafonds signal the contractmanager at 80% and 100% once, a beschikking in natura cannot choose an aanbieder
without a contract for the product on its start date, and wrong KvK, AGB, IBAN, overlapping periods and a
zero or negative tarief are refused in Dutch beside the field, with nothing stored."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app import db
from app.models import (Aanbieder, AuditRecord, Contract, ContractTarief, Declaratie, HumanTask, OutboxMail,
                        PlafondSignaal, Zaak)
from app.services import contracten
from app.services.errors import InvalidInput
from app.simulator.berichten import answer_301, declaratie, leveringen, start_zorg
from case_data import form_data
from contract_data import contract_product, gemeente_id, month_start, new_aanbieder, product_ids
from exchange_flow import AANBIEDER, aanbieder_client, beschikking
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from iwmo_messages import validate

OLD, NEW = 3250, 3500  # the demo tarief of 01A03 at Het Groene Hart in Woerden, and the changed one


@pytest.fixture
def consulent(api_as):
    return api_as("consulent")


def _care_from_two_months_ago(app, consulent, person):
    """A granted beschikking from two months ago, accepted and started: (aanbieder, levering)."""
    beschikking(consulent, person.bsn, ingangsdatum=month_start(2))
    aanbieder = aanbieder_client(app, AANBIEDER["wmo"])
    [item] = aanbieder.outbox("nieuw")
    xml_301 = aanbieder.download(item["id"]).data
    assert aanbieder.send(answer_301(xml_301, "R302-1", date.today())).status_code == 202
    assert aanbieder.send(start_zorg(xml_301, "S305-1", month_start(2))).status_code == 202
    [levering] = leveringen(xml_301)
    return aanbieder, levering


def _declare(aanbieder, levering, month: date, tarief: int, nummer: str):
    sent = aanbieder.send(declaratie(AANBIEDER["wmo"], [(levering, 10, tarief)], month, nummer, f"I{nummer}",
                                     date.today()))
    assert sent.status_code == 202, sent.json
    antwoord = validate(aanbieder.retour(sent.json["id"]).data)
    assert antwoord.valid and antwoord.nummer == "325"
    return antwoord.message.declaratie_antwoord


def test_a_tarief_change_counts_from_its_date_and_a_line_at_another_tarief_is_refused_with_0611(
        app, consulent, person, users):
    aanbieder, levering = _care_from_two_months_ago(app, consulent, person)
    regel = contract_product()
    contracten.change_tarief(users["contractmanager"], regel.id, month_start(1).isoformat(), "35,00")

    before = _declare(aanbieder, levering, month_start(2), OLD, "DN1")  # before the change: the old tarief
    assert before.retour_codes == ["8001"] and before.totaal_toegekend_bedrag.totaal_bedrag == 10 * OLD
    after_old = _declare(aanbieder, levering, month_start(1), OLD, "DN2")  # after it, at the old one: refused
    assert after_old.totaal_toegekend_bedrag.totaal_bedrag == 0
    refused = db.session.scalar(select(Declaratie).where(Declaratie.declaratienummer == "DN2")).prestaties[0]
    assert refused.status == "afgekeurd" and refused.retourcodes == "0611"
    assert "3500" in refused.reden and month_start(1).isoformat() in refused.reden
    higher = _declare(aanbieder, levering, month_start(1), NEW + 500, "DN3")  # above the new one: refused too
    assert higher.totaal_toegekend_bedrag.totaal_bedrag == 0
    after_new = _declare(aanbieder, levering, month_start(1), NEW, "DN4")  # at the new one: paid
    assert after_new.totaal_toegekend_bedrag.totaal_bedrag == 10 * NEW

    db.session.expire_all()
    history = [(t.ingangsdatum, t.tarief_cent) for t in contract_product().tarieven]
    assert history == [(date(2015, 1, 1), OLD), (month_start(1), NEW)]  # nothing was overwritten
    [change] = db.session.scalars(select(AuditRecord).where(AuditRecord.action == "contract.tarief_wijzigen"))
    assert change.actor_naam == users["contractmanager"].display_name
    assert list(change.changes.values()) == [["32,50", "35,00"]]


def test_a_tarief_is_not_overwritten_and_must_be_positive_and_within_the_contract(users):
    manager, regel = users["contractmanager"], contract_product()
    for tarief in ("0", "-5,00", "0,00", "abc", "12,345"):
        with pytest.raises(InvalidInput) as refused:
            contracten.change_tarief(manager, regel.id, date.today().isoformat(), tarief)
        assert "groter dan nul" in refused.value.errors["tarief"]
    with pytest.raises(InvalidInput) as refused:
        contracten.change_tarief(manager, regel.id, "2015-01-01", "40,00")
    assert "al een tarief vanaf 1 januari 2015" in refused.value.errors["ingangsdatum"]
    with pytest.raises(InvalidInput) as refused:
        contracten.change_tarief(manager, regel.id, "2014-12-31", "40,00")
    assert "vanaf 1 januari 2015" in refused.value.errors["ingangsdatum"]
    contracten.update_contract(manager, regel.contract_id, contracten.ContractForm(
        regel.contract.kenmerk, "2015-01-01", "2030-12-31"))
    with pytest.raises(InvalidInput) as refused:
        contracten.change_tarief(manager, regel.id, "2031-01-01", "40,00")
    assert "binnen de looptijd van het contract liggen (1 januari 2015 tot en met 31 december 2030)" in \
        refused.value.errors["ingangsdatum"]
    assert db.session.scalar(select(func.count()).select_from(ContractTarief)
                             .where(ContractTarief.contract_product_id == regel.id)) == 1


def test_reaching_80_and_100_percent_of_a_plafond_signals_the_contractmanager_once_each(
        app, consulent, person, users):
    aanbieder, levering = _care_from_two_months_ago(app, consulent, person)
    regel = contract_product()
    contracten.set_plafond(users["contractmanager"], regel.id, "400,00")  # 10 uur à 32,50 = 81%
    db.session.query(OutboxMail).delete()
    db.session.commit()

    _declare(aanbieder, levering, month_start(2), OLD, "DP1")
    signals = db.session.scalars(select(PlafondSignaal)).all()
    assert [(s.drempel, s.bedrag_cent) for s in signals] == [(80, 10 * OLD)]
    [mail] = db.session.scalars(select(OutboxMail)).all()
    assert mail.to_address == users["contractmanager"].email and "80%" in mail.subject
    assert "Thuiszorg Het Groene Hart" in mail.subject and "€ 400,00" in mail.body

    _declare(aanbieder, levering, month_start(1), OLD, "DP2")  # 650 of 400: reached
    assert sorted(s.drempel for s in db.session.scalars(select(PlafondSignaal))) == [80, 100]
    subjects = sorted(m.subject for m in db.session.scalars(select(OutboxMail)))
    assert len(subjects) == 2 and any("Plafond is bereikt" in s for s in subjects)
    page = app.test_client()
    page.post("/auth/inloggen", data={"gebruikersnaam": "contractmanager", "wachtwoord": "demo"})
    home = page.get("/contracten/").get_data(as_text=True)
    assert "100%" in home and "80%" in home and "Thuiszorg Het Groene Hart" in home


def test_a_refused_line_does_not_count_towards_the_plafond(app, consulent, person, users):
    aanbieder, levering = _care_from_two_months_ago(app, consulent, person)
    contracten.set_plafond(users["contractmanager"], contract_product().id, "300,00")
    _declare(aanbieder, levering, month_start(2), OLD * 2, "DR1")  # 0611: not approved, not counted
    assert db.session.scalar(select(func.count()).select_from(PlafondSignaal)) == 0


def _aanvraag_task(api, bsn: str) -> dict:
    response = api.post("/api/v1/meldingen", json={"bsn": bsn, "domein": "wmo", "kanaal": "telefoon",
                                                   "omschrijving": "Hulp nodig."})
    zaak_id = response.json["id"]
    for expected in ("triage", "onderzoek_gesprek", "onderzoek_verslag", "aanvraag_registreren"):
        [task] = [t for t in api.get("/api/v1/taken?rol=consulent").json["results"] if t["zaak_id"] == zaak_id]
        assert task["taak"] == expected
        if expected == "aanvraag_registreren":
            return task
        assert api.post(f"/api/v1/taken/{task['id']}/voltooien",
                        json={"gegevens": form_data(expected)}).status_code == 200


def test_a_beschikking_in_natura_can_only_choose_an_aanbieder_with_a_contract_for_the_product_on_its_start(
        app, consulent, person, users, client_as):
    manager = users["contractmanager"]
    zonder = new_aanbieder(manager, "41000001", "Zorg Zonder Contract")
    alleen_plus = new_aanbieder(manager, "41000002", "Alleen Plus Zorg")
    contract = contracten.create_contract(manager, alleen_plus.id, gemeente_id(), contracten.ContractForm(
        "WMO-PLUS", (date.today() - timedelta(days=30)).isoformat(), ""))
    contracten.add_product(manager, contract.id, product_ids("01A04")[0], "36,80", "")
    task = _aanvraag_task(consulent, person.bsn)

    detail = consulent.get(f"/api/v1/taken/{task['id']}").json
    offered = [o["const"] for o in detail["formulier_schema"]["properties"]["aanbieder"]["oneOf"]]
    page = client_as("consulent").get(f"/werkvoorraad/taken/{task['id']}").get_data(as_text=True)
    assert "Alleen Plus Zorg" in page and "Zorg Zonder Contract" not in page  # the form offers only contracted ones
    assert "41000002" in offered and "41000001" not in offered and "42420001" in offered

    cases = [("41000001", "01A03", date.today(), "Zorg Zonder Contract heeft op"),  # no contract at all
             ("41000002", "01A03", date.today(), "geen contract met de gemeente voor 01A03"),  # not for this product
             ("41000002", "01A04", date.today() - timedelta(days=40), "Kies een aanbieder met een contract")]
    for agb, code, start, message in cases:
        data = form_data("aanvraag_registreren") | {"aanbieder": agb, "productcode": code,
                                                    "ingangsdatum": start.isoformat()}
        refused = consulent.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": data})
        assert refused.status_code == 422, refused.json
        reasons = {p["name"]: p["reason"] for p in refused.json["invalid_params"]}
        assert message in reasons["aanbieder"], reasons
    assert db.session.get(HumanTask, task["id"]).status == "open"

    good = form_data("aanvraag_registreren") | {"aanbieder": "41000002", "productcode": "01A04"}
    assert consulent.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": good}).status_code == 200


def test_an_ended_registration_or_contract_closes_the_aanbieder_for_new_beschikkingen(consulent, person, users):
    manager = users["contractmanager"]
    regel = contract_product("65656055", "01A03")
    contracten.update_contract(manager, regel.contract_id, contracten.ContractForm(
        regel.contract.kenmerk, "2015-01-01", (date.today() - timedelta(days=1)).isoformat()))
    task = _aanvraag_task(consulent, person.bsn)
    data = form_data("aanvraag_registreren") | {"aanbieder": "65656055", "productcode": "01A03"}
    refused = consulent.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": data})
    assert refused.status_code == 422  # its contract ended yesterday: no longer in the list, nor allowed


def test_wrong_kvk_agb_iban_and_an_overlapping_period_are_refused_beside_the_field_keeping_the_input(
        client_as, users):
    web = client_as("contractmanager")
    typed = {"gemeente": str(gemeente_id()), "naam": "Zorg & Co", "agb_code": "1234567", "kvk_nummer": "1234 567X",
             "iban": "NL91ABNA0417164301", "postcode": "3441BT", "plaats": "Woerden", "status": "actief",
             "producten": [str(i) for i in product_ids("01A03")]}
    page = web.post("/contracten/aanbieders/nieuw", data=typed)
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "Een AGB-code bestaat uit 8 cijfers" in html and "Een KvK-nummer bestaat uit 8 cijfers" in html
    assert "controlegetal klopt niet" in html
    assert 'value="Zorg &amp; Co"' in html and 'value="1234 567X"' in html and 'value="NL91ABNA0417164301"' in html
    assert 'id="field-agb_code-error"' in html and 'aria-invalid="true"' in html
    assert db.session.scalar(select(Aanbieder).where(Aanbieder.naam == "Zorg & Co")) is None

    good = typed | {"agb_code": "4100 0009", "kvk_nummer": "30999999", "iban": "nl91 abna 0417 1643 00"}
    assert web.post("/contracten/aanbieders/nieuw", data=good).status_code == 302
    created = db.session.scalar(select(Aanbieder).where(Aanbieder.agb_code == "41000009"))
    assert (created.kvk_nummer, created.iban, created.postcode) == ("30999999", "NL91ABNA0417164300", "3441 BT")

    year = date.today().year  # this year's contract, then next year's
    form = {"gemeente": str(gemeente_id()), "kenmerk": "WMO-A", "ingangsdatum": f"{year}-01-01",
            "einddatum": f"{year}-12-31"}
    assert web.post(f"/contracten/aanbieders/{created.id}/contracten/nieuw", data=form).status_code == 302
    overlap = web.post(f"/contracten/aanbieders/{created.id}/contracten/nieuw",
                       data=form | {"kenmerk": "WMO-B", "ingangsdatum": f"{year}-12-01", "einddatum": ""})
    html = overlap.get_data(as_text=True)
    assert overlap.status_code == 400 and "overlapt met contract WMO-A" in html and 'value="WMO-B"' in html
    after = web.post(f"/contracten/aanbieders/{created.id}/contracten/nieuw",
                     data=form | {"kenmerk": "WMO-C", "ingangsdatum": f"{year + 1}-01-01", "einddatum": ""})
    assert after.status_code == 302  # the day after the first one ends
    contract = db.session.scalar(select(Contract).where(Contract.kenmerk == "WMO-A"))
    soon = min(date.today() + timedelta(days=20), date(year, 12, 31))
    assert web.post(f"/contracten/contracten/{contract.id}", data=form | {"einddatum": soon.isoformat()}).status_code == 302
    home = web.get("/contracten/").get_data(as_text=True)
    assert "contract WMO-A</a>" in home and "loopt af op" in home
    zero = web.post(f"/contracten/contracten/{contract.id}/producten",
                    data={"nieuw-product": str(product_ids("01A03")[0]), "nieuw-tarief": "0", "nieuw-plafond": ""})
    html = zero.get_data(as_text=True)
    assert zero.status_code == 400 and "groter dan nul" in html and 'id="field-nieuw-tarief-error"' in html
    assert contract.producten == []


def test_every_change_of_an_aanbieder_is_audited_old_to_new(users):
    manager = users["contractmanager"]
    created = new_aanbieder(manager, "41000003", "Oude Naam")
    from app.services import aanbieders
    form = aanbieders.form_of(created)
    form.naam, form.iban = "Nieuwe Naam", "NL44RABO0123456789"
    assert aanbieders.update_aanbieder(manager, created.id, form) == {
        "naam": ["Oude Naam", "Nieuwe Naam"], "iban": ["NL91ABNA0417164300", "NL44RABO0123456789"]}
    [reg] = created.registraties
    aanbieders.update_registratie(manager, reg.id, aanbieders.RegistratieForm("beeindigd", ["Centrum"],
                                                                               product_ids("01A03")))
    actions = [(r.action, r.actor_naam) for r in aanbieders.history_of(manager, db.session.get(Aanbieder, created.id))]
    assert [a for a, _ in actions] == ["aanbieder.registratie_wijzigen", "aanbieder.wijzigen",
                                       "aanbieder.registreren", "aanbieder.aanmaken"]
    assert {n for _, n in actions} == {manager.display_name}
    last = db.session.scalar(select(AuditRecord).where(AuditRecord.action == "aanbieder.registratie_wijzigen"))
    assert last.changes == {"status": ["actief", "beeindigd"], "wijken": [[], ["Centrum"]],
                            "producten": [["01A03", "01A04"], ["01A03"]]}


def test_the_api_registers_an_aanbieder_and_refuses_a_wrong_iban_in_dutch(api_as):
    api = api_as("contractmanager")
    body = {"gemeente": "0632", "naam": "API Zorg", "agb_code": "41000004", "kvk_nummer": "30111111",
            "iban": "NL00ABNA0417164300", "registratie": {"producten": ["01A03"]}}
    refused = api.post("/api/v1/aanbieders", json=body)
    assert refused.status_code == 422
    assert "IBAN" in {p["name"]: p["reason"] for p in refused.json["invalid_params"]}["iban"]
    created = api.post("/api/v1/aanbieders", json=body | {"iban": "NL91ABNA0417164300"})
    assert created.status_code == 201 and created.json["iban"].endswith("43 00") and "ABNA" not in created.json["iban"]
    contract = api.post(f"/api/v1/aanbieders/{created.json['id']}/contracten",
                        json={"gemeente": "0632", "kenmerk": "API-1", "ingangsdatum": "2026-01-01"})
    assert contract.status_code == 201, contract.json
    negative = api.post(f"/api/v1/contracten/{contract.json['id']}/producten",
                        json={"productcode": "01A03", "tarief_cent": -100})
    assert negative.status_code == 422
    assert "groter dan nul" in {p["name"]: p["reason"] for p in negative.json["invalid_params"]}["tarief_cent"]
    added = api.post(f"/api/v1/contracten/{contract.json['id']}/producten",
                     json={"productcode": "01A03", "tarief_cent": 3300, "plafond_cent": 100000})
    [product] = added.json["producten"]
    assert product["tarieven"][0]["tarief_cent"] == 3300 and product["plafond_cent"] == 100000
    changed = api.post(f"/api/v1/contractproducten/{product['id']}/tarieven",
                       json={"ingangsdatum": "2026-07-01", "tarief_cent": 3400})
    assert [t["tarief_cent"] for t in changed.json["producten"][0]["tarieven"]] == [3300, 3400]
    assert api_as("consulent").get(f"/api/v1/contracten/{contract.json['id']}").status_code == 403
    assert api_as("contractmanager-oudewater").get(f"/api/v1/contracten/{contract.json['id']}").status_code == 404
