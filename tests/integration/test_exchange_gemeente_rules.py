"""iwmo_messages' rules on the gemeente's own 301 and 319 with the GemeenteContext: what the gemeente
sent and received before (TR332, TR355, TR359, TR365, TR379, TR385)."""
from dataclasses import replace
from datetime import date, timedelta

import pytest

from app import db
from app.models import Bericht, Zaak
from app.services.exchange.context_gemeente import GemeenteContext
from app.simulator.berichten import declaratie, leveringen, verzoek_om_wijziging
from exchange_flow import AANBIEDER, beschikking, first_of_last_month, toewijzing_sent
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from iwmo_messages import check_rules, parse

TARIEF = 3250  # 01A03 in the demo catalogue: € 32,50 per uur
GEMEENTE_RULES = {"TR332", "TR355", "TR359", "TR360", "TR365", "TR379", "TR385"}


@pytest.fixture
def consulent(api_as):
    return api_as("consulent")


def _decide(api, zaak_id: int, **gegevens):
    [task] = [t for t in api.get("/api/v1/taken?rol=consulent").json["results"] if t["zaak_id"] == zaak_id]
    assert api.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": gegevens}).status_code == 200


def _faults(message, zaak_id: int) -> set[str]:
    zaak = db.session.get(Zaak, zaak_id)
    context = GemeenteContext(db.session, zaak.gemeente_id, message.standaard)
    return {r.rule for r in check_rules(message, context)} & GEMEENTE_RULES


def _sent(aanbieder, nummer: str):
    return [parse(aanbieder.download(i["id"]).data) for i in aanbieder.outbox("nieuw") if i["bericht"] == f"WMO{nummer}"]


def test_a_sent_toewijzing_keeps_its_nummer_and_a_declared_one_cannot_be_removed(app, consulent, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    sent = parse(xml_301)
    assert _faults(sent, zaak_id) == set()
    other_client = replace(sent, client=replace(sent.client, bsn="999990020"))
    assert _faults(other_client, zaak_id) == {"TR332"}

    [levering] = leveringen(xml_301)
    aanbieder.send(declaratie(AANBIEDER["wmo"], [(levering, 2, TARIEF)], first_of_last_month(), "DN1", "D323-1",
                              date.today()))
    [product] = sent.client.toegewezen_producten
    product.reden_wijziging, product.einddatum = "13", product.ingangsdatum
    assert _faults(sent, zaak_id) == {"TR385"}


def test_a_319_answers_a_verzoek_once_and_not_after_its_toewijzing(app, consulent, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    einde = date.today() + timedelta(days=90)
    aanbieder.send(verzoek_om_wijziging(xml_301, "VOW-G1", "V317-G1", date.today(), einddatum=einde))
    _decide(consulent, zaak_id, verzoek_besluit="afwijzen", verzoek_reden_afwijzing="2")
    [antwoord] = _sent(aanbieder, "319")
    assert db.session.query(Bericht).filter_by(nummer="319", referentie="VOW-G1").count() == 1
    assert _faults(antwoord, zaak_id) == {"TR365"}  # the same answer again: the first was final (afgewezen)
    unknown = replace(antwoord, antwoord=replace(antwoord.antwoord, referentie_aanbieder="NOOIT-GEVRAAGD"))
    assert _faults(unknown, zaak_id) == {"TR355"}

    aanbieder.send(verzoek_om_wijziging(xml_301, "VOW-G2", "V317-G2", date.today(), einddatum=einde))
    _decide(consulent, zaak_id, verzoek_besluit="toekennen")
    granted = replace(antwoord, antwoord=replace(antwoord.antwoord, referentie_aanbieder="VOW-G2"))
    assert _faults(granted, zaak_id) == {"TR359"}


def test_the_referentie_of_an_honoured_verzoek_goes_with_its_first_301_only(app, consulent, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    aanbieder.send(verzoek_om_wijziging(xml_301, "VOW-G3", "V317-G3", date.today(),
                                        einddatum=date.today() + timedelta(days=90)))
    _decide(consulent, zaak_id, verzoek_besluit="toekennen")
    [answer] = _sent(aanbieder, "301")
    assert answer.client.toegewezen_producten[0].referentie_aanbieder == "VOW-G3"
    assert _faults(answer, zaak_id) == {"TR379"}  # sent again now, the verzoek answered: leave it empty
    answer.client.toegewezen_producten[0].referentie_aanbieder = None
    assert _faults(answer, zaak_id) == set()


def test_a_toewijzing_sent_again_after_its_verzoek_was_answered_goes_without_the_referentie(app, consulent, person):
    """TR379 on the platform's own 301: OP087 sends the honoured toewijzing again with the next 301, and by then
    the verzoek is answered, so its ReferentieAanbieder stays empty (the check would refuse it otherwise)."""
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    aanbieder.send(verzoek_om_wijziging(xml_301, "VOW-G4", "V317-G4", date.today(),
                                        einddatum=date.today() + timedelta(days=90)))
    _decide(consulent, zaak_id, verzoek_besluit="toekennen")
    [honoured] = _sent(aanbieder, "301")
    assert honoured.client.toegewezen_producten[0].referentie_aanbieder == "VOW-G4"
    for item in aanbieder.outbox("nieuw"):
        aanbieder.download(item["id"])

    beschikking(consulent, person.bsn, productcode="02A01")
    [again] = _sent(aanbieder, "301")
    carried = {tp.product.code: tp for tp in again.client.toegewezen_producten}
    assert set(carried) == {"01A03", "02A01"} and carried["01A03"].referentie_aanbieder is None
