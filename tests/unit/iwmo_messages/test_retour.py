"""Retourberichten follow the controleniveaus and are valid against their XSD."""
from datetime import date

import pytest

from iwmo_messages import RetourOptions, build_retour, check_rules, make_retour, parse, validate

from iwmo_helpers import VALID_EXAMPLES, example
from test_rules import TODAY, agreeing_context, base

OPTIONS = RetourOptions("R1", date(2026, 11, 2))
HEEN = [p for p in VALID_EXAMPLES if p.stem[-3:] in {"301", "305", "307", "315", "317", "319", "323"}]


@pytest.mark.parametrize("path", HEEN, ids=lambda p: p.stem)
def test_every_heen_example_gets_a_valid_retour(path):
    msg = parse(path)
    xml = build_retour(msg, check_rules(msg, today=TODAY), OPTIONS)
    result = validate(xml)
    assert result.valid, result.issues
    assert result.nummer == {"323": "325"}.get(msg.NUMMER, str(int(msg.NUMMER) + 1))


def test_in_message_fault_gives_only_the_header_with_0001():
    msg = example("WMO317")  # TR380 per the official XSLT
    retour = make_retour(msg, check_rules(msg, today=TODAY), OPTIONS)
    assert retour.header.retour_codes == ["0001"] and retour.client is None
    assert retour.header.xslt_versie and retour.header.bericht_code == "481"
    assert retour.header.afzender == msg.header.afzender  # copied unchanged (IV028)


def test_no_fault_gives_header_without_retourcodes():
    msg = base("WMO305")
    retour = make_retour(msg, check_rules(msg, agreeing_context(msg)), OPTIONS)
    assert retour.header.retour_codes == [] and retour.client is None


def test_cross_message_fault_marks_the_class_and_0200_elsewhere():
    msg = base("WMO305")
    ctx = agreeing_context(msg)
    del ctx.toewijzingen[msg.client.start_producten[1].toewijzing_nummer]
    retour = make_retour(msg, check_rules(msg, ctx), OPTIONS)
    assert retour.header.retour_codes == ["0200"]
    assert retour.client.retour_codes == ["0200"]
    assert [p.retour_codes for p in retour.client.start_producten] == [["0200"], ["9019"]]
    assert validate(build_retour(msg, check_rules(msg, ctx), OPTIONS)).valid


def test_header_fault_goes_on_the_header_only():
    msg = base("WMO305")
    msg.header.bericht_identificatie.dagtekening = date(2030, 1, 1)
    retour = make_retour(msg, check_rules(msg, agreeing_context(msg)), OPTIONS)
    assert retour.header.retour_codes == ["8848"] and retour.client is None


def test_fully_approved_declaratie_gets_8001_and_full_amount():
    msg = base("WMO323")
    msg.declaratie.clienten[-1].prestaties.pop()  # drop the line outside the period
    msg.declaratie.totaal_ingediend_bedrag.totaal_bedrag = sum(
        p.ingediend_bedrag.bedrag for c in msg.declaratie.clienten for p in c.prestaties)
    results = check_rules(msg, agreeing_context(msg))
    assert results == []
    antwoord = make_retour(msg, results, OPTIONS).declaratie_antwoord
    assert antwoord.retour_codes == ["8001"] and antwoord.clienten == []
    assert antwoord.totaal_toegekend_bedrag == msg.declaratie.totaal_ingediend_bedrag


def test_rejected_prestatie_comes_back_and_is_not_granted():
    msg = base("WMO323")
    ctx = agreeing_context(msg)
    first = msg.declaratie.clienten[0].prestaties[0]
    ctx.toewijzingen[first.toewijzing_nummer] = ctx.toewijzingen[first.toewijzing_nummer].__class__(
        first.toewijzing_nummer, "999900006", "02", first.product_code, date(2020, 1, 1))
    results = check_rules(msg, ctx)
    retour = make_retour(msg, results, OPTIONS)
    answer = retour.declaratie_antwoord
    rejected = {p.product_referentie.referentie_nummer: p.retour_codes
                for c in answer.clienten for p in c.prestaties}
    assert "9339" in rejected[first.product_referentie.referentie_nummer]
    assert answer.retour_codes == ["0200"] and all(c.retour_codes == ["0200"] for c in answer.clienten)
    granted = msg.declaratie.totaal_ingediend_bedrag.totaal_bedrag - sum(
        p.ingediend_bedrag.bedrag for c in msg.declaratie.clienten for p in c.prestaties
        if p.product_referentie.referentie_nummer in rejected)
    assert answer.totaal_toegekend_bedrag.totaal_bedrag == granted
    assert validate(build_retour(msg, results, OPTIONS)).valid


def test_declaratie_class_fault_refuses_everything():
    msg = base("WMO323")
    ctx = agreeing_context(msg)
    ctx.declaratie_nummers.add((msg.header.afzender, msg.declaratie.declaratie_nummer))
    answer = make_retour(msg, check_rules(msg, ctx), OPTIONS).declaratie_antwoord
    assert "9333" in answer.retour_codes and answer.totaal_toegekend_bedrag.totaal_bedrag == 0
    assert answer.clienten == []


def test_client_fault_marks_its_prestaties_not_assessed():
    from iwmo_messages.rules.base import RuleResult
    msg = base("WMO323")
    client = msg.declaratie.clienten[0]
    fault = RuleResult("TR304", "8187", 3, "Client[1]", "test", None, client)
    answer = make_retour(msg, [fault], OPTIONS).declaratie_antwoord
    assert answer.clienten[0].retour_codes == ["8187"]
    assert all(p.retour_codes == ["0233"] for p in answer.clienten[0].prestaties)


def test_a_retour_gets_no_retour():
    with pytest.raises(ValueError):
        make_retour(example("WMO302"), [], OPTIONS)
