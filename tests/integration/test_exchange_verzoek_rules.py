"""The cross-message rules on verzoeken as an aanbieder meets them: TR347 for every product of a 315
(not only the first), TR374 (no new verzoek for a client while an earlier one is being handled), and TR349–351
(a 317 names exactly the client's current toewijzingen, as the platform holds them)."""
from dataclasses import replace
from datetime import date, timedelta

import pytest

from app import db
from app.models import Bericht, VerzoekReferentie
from app.simulator.berichten import Jeugdige, verzoek_om_toewijzing, verzoek_om_wijziging
from app.services.demo_data import WOERDEN
from exchange_flow import aanbieder_client, toewijzing_sent
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from iwmo_messages import parse, to_xml, validate
from iwmo_messages.models.vow import OngewijzigdProduct

JEUGD_AGB = "41234567"


@pytest.fixture
def consulent(api_as):
    return api_as("consulent")


def _two_product_315(app, bsn: str, referenties: tuple[str, str], identificatie: str) -> bytes:
    msg = parse(verzoek_om_toewijzing("ijw", JEUGD_AGB, WOERDEN,
                                      Jeugdige(bsn, date(2015, 3, 1), "Visser", "Tim"), "45", "45A03", date.today(),
                                      4, "04", "2", referenties[0], identificatie, date.today()))
    [first] = msg.client.aangevraagde_producten
    later = date.today() + timedelta(days=400)  # a second period, after the first one ends
    msg.client.aangevraagde_producten.append(replace(first, referentie_aanbieder=referenties[1],
                                                     toewijzing_ingangsdatum=later,
                                                     toewijzing_einddatum=later + timedelta(days=300)))
    return to_xml(msg)


def test_the_referentie_of_a_315s_second_product_cannot_be_used_again(app):
    aanbieder = aanbieder_client(app, JEUGD_AGB)
    sent = aanbieder.send(_two_product_315(app, "999990020", ("VOT-P1", "VOT-P2"), "V315-P"))
    retour = validate(aanbieder.retour(sent.json["id"]).data)
    assert retour.valid and retour.message.header.retour_codes == [], retour.message
    assert {r.referentie for r in db.session.query(VerzoekReferentie)} == {"VOT-P1", "VOT-P2"}

    again = aanbieder.send(_two_product_315(app, "999990032", ("VOT-P3", "VOT-P2"), "V315-Q"))
    products = validate(aanbieder.retour(again.json["id"]).data).message.client.aangevraagde_producten
    assert [p.retour_codes for p in products] == [["0200"], ["9347"]]


def test_a_second_verzoek_om_wijziging_while_the_first_is_being_handled_is_refused_with_9374(app, consulent, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    einde = date.today() + timedelta(days=90)
    first = aanbieder.send(verzoek_om_wijziging(xml_301, "VOW-374-1", "V317-374-1", date.today(), einddatum=einde))
    assert validate(aanbieder.retour(first.json["id"]).data).message.header.retour_codes == []

    second = aanbieder.send(verzoek_om_wijziging(xml_301, "VOW-374-2", "V317-374-2", date.today(), einddatum=einde))
    retour = validate(aanbieder.retour(second.json["id"]).data).message
    assert retour.client.retour_codes == ["9374"]
    assert db.session.get(Bericht, second.json["id"]).zaak_id is None  # nothing started for it

    [task] = [t for t in consulent.get("/api/v1/taken?rol=consulent").json["results"] if t["zaak_id"] == zaak_id]
    done = consulent.post(f"/api/v1/taken/{task['id']}/voltooien",
                          json={"gegevens": {"verzoek_besluit": "afwijzen", "verzoek_reden_afwijzing": "2"}})
    assert done.status_code == 200, done.json
    third = aanbieder.send(verzoek_om_wijziging(xml_301, "VOW-374-3", "V317-374-3", date.today(), einddatum=einde))
    assert validate(aanbieder.retour(third.json["id"]).data).message.header.retour_codes == []


def test_a_verzoek_om_wijziging_is_checked_against_the_toewijzing_it_changes(app, consulent, person):
    """TR411 and TR357 with the platform's toewijzing: a product with a code keeps an Omvang, and a change that
    starts now (not later) holds from the toewijzing's own Ingangsdatum."""
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    einde = date.today() + timedelta(days=90)
    msg = parse(verzoek_om_wijziging(xml_301, "VOW-411", "V317-411", date.today(), einddatum=einde))
    [product] = msg.client.verzoek.te_wijzigen_producten
    product.omvang = None
    retour = validate(aanbieder.retour(aanbieder.send(to_xml(msg)).json["id"]).data).message
    assert retour.client.verzoek.te_wijzigen_producten[0].retour_codes == ["9411"]

    msg = parse(verzoek_om_wijziging(xml_301, "VOW-357", "V317-357", date.today(), einddatum=einde))
    [product] = msg.client.verzoek.te_wijzigen_producten
    product.gewenste_ingangsdatum = product.gewenste_ingangsdatum + timedelta(days=1)  # not in the future
    retour = validate(aanbieder.retour(aanbieder.send(to_xml(msg)).json["id"]).data).message
    assert retour.client.verzoek.te_wijzigen_producten[0].retour_codes == ["9357"]


def _codes(retour) -> dict:
    """Where the 318 puts each fault code (0200 says 'no fault here'): on the Client, the Verzoek, each
    OngewijzigdProduct and each TeWijzigenProduct."""
    verzoek = retour.client.verzoek
    return {"client": _faults(retour.client.retour_codes), "verzoek": _faults(verzoek.retour_codes),
            "ongewijzigd": [_faults(p.retour_codes) for p in verzoek.ongewijzigde_producten],
            "te_wijzigen": [_faults(p.retour_codes) for p in verzoek.te_wijzigen_producten]}


def _faults(codes: list[str]) -> list[str]:
    return [c for c in codes if c != "0200"]


def test_a_verzoek_om_wijziging_names_exactly_the_clients_current_toewijzingen(app, consulent, person):
    """TR349–351 against the platform's own toewijzingen: a 317 that leaves out the current toewijzing gets
    9349 on the Verzoek; one that names a toewijzing that is not current for the client gets 9350 on that
    OngewijzigdProduct or 9351 on that TeWijzigenProduct; the right one passes all three."""
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    [nummer] = [p.toewijzing_nummer for p in parse(xml_301).client.toegewezen_producten]
    einde = date.today() + timedelta(days=90)

    def send(identificatie: str, change) -> dict:
        msg = parse(verzoek_om_wijziging(xml_301, f"VOW-{identificatie}", identificatie, date.today(),
                                         einddatum=einde))
        change(msg.client.verzoek)
        sent = aanbieder.send(to_xml(msg))
        assert sent.status_code == 202, sent.json
        retour = validate(aanbieder.retour(sent.json["id"]).data).message
        return _codes(retour) if retour.client is not None else {"header": _faults(retour.header.retour_codes)}

    def unknown_te_wijzigen(verzoek):
        verzoek.te_wijzigen_producten[0].toewijzing_nummer = 987654
    assert send("V317-351", unknown_te_wijzigen) == {"client": [], "verzoek": ["9349"], "ongewijzigd": [],
                                                       "te_wijzigen": [["9351"]]}

    def unknown_ongewijzigd(verzoek):
        verzoek.ongewijzigde_producten.append(OngewijzigdProduct(toewijzing_nummer=987655))
    assert send("V317-350", unknown_ongewijzigd) == {"client": [], "verzoek": [], "ongewijzigd": [["9350"]],
                                                       "te_wijzigen": [[]]}

    assert send("V317-OK", lambda verzoek: None) == {"header": []}  # the current one, named: all pass
