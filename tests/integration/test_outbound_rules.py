"""The platform sends only messages that pass the standard's own rules: the 301 of a real beschikking
carries the LandCode beside the Postcode (CD005) and an einddatum for a weekly toewijzing (CD076), and
the outbox refuses a 301 that breaks a rule without storing anything."""
from datetime import date

import pytest

from app import db
from app.models import Aanbieder, Bericht, Toewijzing
from app.services.exchange.bericht301 import build_301
from app.services.exchange.outbox import OutboundRuleFault, checked_xml, store_outbound
from app.services.demo_data import WOERDEN
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from exchange_flow import toewijzing_sent
from iwmo_messages import check_rules, validate


@pytest.mark.parametrize("domein", ["wmo", "jeugd"])
def test_the_301_of_a_beschikking_passes_every_in_message_rule(app, api_as, person, domein):
    _zaak_id, _aanbieder, xml = toewijzing_sent(app, api_as("consulent"), person, domein)
    message = validate(xml).message
    assert check_rules(message) == []
    adres = message.client.contactgegevens[0].adres
    assert adres.postcode and adres.land_code == "NL"
    [product] = message.client.toegewezen_producten
    assert product.omvang.frequentie == "2" and product.einddatum is not None


def test_the_outbox_refuses_a_301_that_breaks_a_rule_and_stores_nothing(app, api_as, person):
    zaak_id, _aanbieder, _xml = toewijzing_sent(app, api_as("consulent"), person)
    toewijzing = db.session.query(Toewijzing).filter_by(zaak_id=zaak_id).one()
    toewijzing.einddatum = None  # a weekly toewijzing without its end: CD076
    aanbieder = db.session.get(Aanbieder, toewijzing.aanbieder_id)
    message = build_301(WOERDEN, aanbieder, person, "wmo", [toewijzing], date.today())
    before = db.session.query(Bericht).count()
    with pytest.raises(OutboundRuleFault, match="CD076"):
        store_outbound(db.session, aanbieder.id, message, zaak_id=zaak_id, gemeente_id=toewijzing.gemeente_id)
    db.session.rollback()
    assert db.session.query(Bericht).count() == before


# --- every message the platform builds goes through the same check (306, 308, 316, 318, 319, 325) ---

from pathlib import Path  # noqa: E402

from app.models import Gemeente, Person  # noqa: E402
from app.services.exchange.bericht301 import header  # noqa: E402
from exchange_flow import AANBIEDER, beschikking  # noqa: E402
from iwmo_messages import RetourOptions, RuleResult, make_retour, parse  # noqa: E402
from iwmo_messages.models import MESSAGE_CLASSES  # noqa: E402
from iwmo_messages.models.antwoord import Antwoord  # noqa: E402
from iwmo_messages.rules.base import CROSS_MESSAGE  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "unit" / "iwmo_messages" / "data" / "iwmo"


def _outbox_of(agb: str):
    aanbieder = db.session.query(Aanbieder).filter_by(agb_code=agb).one()
    gemeente = db.session.query(Gemeente).filter_by(code=WOERDEN).one()
    return aanbieder, gemeente


def _answer(heen: str, retourcode: str):
    """The platform's answer on an official example heen message with one fault on its header, as the
    handlers make it (retour_for; the declaratie's own builder for the 325)."""
    from app.services.exchange.inbound import retour_for  # the handlers first: they import .context
    message = parse(EXAMPLES / f"WMO{heen}.xml")
    fault = [RuleResult("TR056", retourcode, CROSS_MESSAGE, "Header", "identificatie al gebruikt", None,
                        message.header)]
    if heen == "323":
        return make_retour(message, fault, RetourOptions("A00000000001", date.today()))
    return retour_for(message, fault, 1).message


@pytest.mark.parametrize("heen,retour", [("305", "306"), ("307", "308"), ("315", "316"), ("317", "318"),
                                         ("323", "325")])
def test_an_answer_the_platform_builds_wrongly_is_refused_and_a_right_one_is_stored(app, heen, retour):
    aanbieder, gemeente = _outbox_of(AANBIEDER["wmo"])
    before = db.session.query(Bericht).count()
    wrong = _answer(heen, "9999")  # a retourcode outside the codelijst (a slip in the platform's own codes)
    assert wrong.NUMMER == retour
    with pytest.raises(OutboundRuleFault) as refused:
        store_outbound(db.session, aanbieder.id, wrong, gemeente_id=gemeente.id)
    assert f"Het {retour}-bericht voldoet niet aan de iStandaard en is niet verstuurd" in str(refused.value)
    assert "RetourCode" in str(refused.value) and "Er is niets opgeslagen" in str(refused.value)
    assert [f.niveau for f in refused.value.faults] == [1]
    db.session.rollback()
    assert db.session.query(Bericht).count() == before

    right = store_outbound(db.session, aanbieder.id, _answer(heen, "9056"), gemeente_id=gemeente.id)
    assert validate(right.inhoud).valid and right.nummer == retour
    assert db.session.query(Bericht).count() == before + 1


def test_a_319_without_the_reason_of_its_refusal_is_refused(app):
    aanbieder, gemeente = _outbox_of(AANBIEDER["wmo"])
    before = db.session.query(Bericht).count()

    def antwoord(reden):
        return MESSAGE_CLASSES["319"](
            standaard="iwmo", header=header("iwmo", "319", WOERDEN, aanbieder.agb_code, date.today()),
            antwoord=Antwoord(referentie_aanbieder="VOT-1", verzoek_antwoord="1", reden_afwijzing_verzoek=reden))

    with pytest.raises(OutboundRuleFault, match="CD085") as refused:
        store_outbound(db.session, aanbieder.id, antwoord(None), gemeente_id=gemeente.id)
    assert "Een afgewezen verzoek heeft een reden van afwijzing nodig" in str(refused.value)
    db.session.rollback()
    assert db.session.query(Bericht).count() == before
    assert checked_xml(antwoord("7"))  # with its reason it is sound in itself …
    with pytest.raises(OutboundRuleFault, match="TR355"):  # … but the outbox knows no verzoek 'VOT-1' was received
        store_outbound(db.session, aanbieder.id, antwoord("7"), gemeente_id=gemeente.id)
    db.session.rollback()
    assert db.session.query(Bericht).count() == before


def test_a_301_with_an_einddatum_before_its_ingangsdatum_names_what_to_fill_in(app, api_as, person):
    zaak_id, _aanbieder, _xml = toewijzing_sent(app, api_as("consulent"), person)
    toewijzing = db.session.query(Toewijzing).filter_by(zaak_id=zaak_id).one()
    toewijzing.einddatum = toewijzing.ingangsdatum.replace(year=toewijzing.ingangsdatum.year - 1)  # CS003
    aanbieder = db.session.get(Aanbieder, toewijzing.aanbieder_id)
    message = build_301(WOERDEN, aanbieder, person, "wmo", [toewijzing], date.today())
    with pytest.raises(OutboundRuleFault, match="CS003") as refused:
        store_outbound(db.session, aanbieder.id, message, zaak_id=zaak_id, gemeente_id=toewijzing.gemeente_id)
    assert "Vul aan: een einddatum die niet vóór de ingangsdatum ligt" in str(refused.value)
    assert "/wmo301:Bericht/wmo301:Client/wmo301:ToegewezenProducten/wmo301:ToegewezenProduct" in str(refused.value)
    db.session.rollback()


def _to_besluit(api, bsn: str, productcode: str = "01A03"):
    """Run a case to its last consulent task and complete it: the answer of the besluit (with the 301)."""
    from case_data import form_data
    from exchange_flow import ONDERZOEK, first_of_last_month
    zaak_id = api.post("/api/v1/meldingen", json={"bsn": bsn, "domein": "wmo", "kanaal": "telefoon",
                                                  "omschrijving": "Hulp nodig."}).json["id"]
    for expected in (*ONDERZOEK["wmo"], "aanvraag_registreren", "besluit_voorbereiden"):
        [task] = [t for t in api.get("/api/v1/taken?rol=consulent").json["results"] if t["zaak_id"] == zaak_id]
        assert task["taak"] == expected
        data = form_data(task["formulier"], kosten=1000)
        if expected == "aanvraag_registreren":
            data.update(productcode=productcode, aanbieder=AANBIEDER["wmo"],
                        ingangsdatum=first_of_last_month().isoformat())
        done = api.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": data})
        if expected == "aanvraag_registreren":
            assert done.status_code == 200, done.json
    return zaak_id, task, done


def test_the_consulent_hears_in_dutch_what_the_301_lacks_and_nothing_is_sent_or_decided(app, api_as, person):
    consulent = api_as("consulent")
    geboren, person.geboortedatum = person.geboortedatum, None  # the register gave none
    db.session.commit()
    before = db.session.query(Bericht).count()
    try:
        zaak_id, task, done = _to_besluit(consulent, person.bsn)
    finally:  # persons stay between tests
        db.session.rollback()
        person.geboortedatum = geboren
        db.session.commit()
    assert done.status_code == 422
    assert "De geboortedatum van" in done.json["detail"] and "een toewijzing (301) heeft hem nodig" in done.json["detail"]
    db.session.expire_all()
    assert db.session.query(Bericht).count() == before and db.session.query(Toewijzing).count() == 0
    still = consulent.get("/api/v1/taken?rol=consulent").json["results"]
    assert [t["id"] for t in still if t["zaak_id"] == zaak_id] == [task["id"]]  # the task stays open


def test_a_second_toewijzing_of_the_same_product_in_the_same_period_is_not_sent(app, api_as, person):
    consulent = api_as("consulent")
    beschikking(consulent, person.bsn)
    before = db.session.query(Bericht).count()
    _zaak_id, _task, done = _to_besluit(consulent, person.bsn)
    assert done.status_code == 422
    assert "TR302" in done.json["detail"] and "al toewijzing" in done.json["detail"]
    db.session.expire_all()
    assert db.session.query(Bericht).count() == before and db.session.query(Toewijzing).count() == 1
