"""The simulated aanbieder writes what a real one would: XSD-valid 302, 305 and 323 messages that
the gemeente's rules accept, and faulty ones that they refuse."""
from datetime import date
from pathlib import Path

import pytest

from app.domain.declaratie_check import GOEDGEKEURD, Toewijzingsfeiten, extra_rules, verdicts
from app.simulator import berichten
from iwmo_messages import MemoryContext, ToewijzingInfo, check_rules, make_retour, parse, validate

DATA = Path(__file__).parents[1] / "iwmo_messages" / "data"
EXAMPLES = {"iwmo": DATA / "iwmo" / "WMO301.xml", "ijw": DATA / "ijw" / "JW301.xml"}


@pytest.fixture(params=sorted(EXAMPLES))
def xml_301(request) -> bytes:
    return EXAMPLES[request.param].read_bytes()


def test_an_accepted_toewijzing_gets_a_302_without_retourcodes(xml_301):
    result = validate(berichten.answer_301(xml_301, "R1", date(2026, 11, 2)))
    assert result.valid and result.nummer == "302"
    assert result.message.header.retour_codes == [] and result.message.client is None


def test_a_refused_toewijzing_carries_the_retourcode_on_the_product(xml_301):
    retour = validate(berichten.answer_301(xml_301, "R1", date(2026, 11, 2), refuse=True)).message
    assert retour.header.retour_codes == ["0200"]
    assert retour.client.toegewezen_producten[0].retour_codes == [berichten.REFUSAL]


def test_start_zorg_names_every_toewijzing_and_passes_the_rules(xml_301):
    msg301 = parse(xml_301)
    result = validate(berichten.start_zorg(xml_301, "S1", date(2026, 11, 2)))
    assert result.valid and result.nummer == "305"
    started = [p.toewijzing_nummer for p in result.message.client.start_producten]
    assert started == [tp.toewijzing_nummer for tp in msg301.client.toegewezen_producten]
    assert result.message.header.afzender == msg301.header.ontvanger  # from the aanbieder to the gemeente


def test_a_monthly_declaratie_is_accepted_whole_by_the_gemeente(xml_301):
    leveringen = [lev for lev in berichten.leveringen(xml_301) if lev.einddatum is None or lev.einddatum.year >= 2023]
    month = max(lev.ingangsdatum for lev in leveringen).replace(day=1)
    items = [(lev, 3 if lev.budget is None else 1000, 4500) for lev in leveringen]
    xml = berichten.declaratie("12345678", items, month, "D1", "I1", date(2026, 11, 2))
    msg = validate(xml).message
    assert msg is not None and msg.NUMMER == "323"
    feiten = {lev.toewijzing_nummer: Toewijzingsfeiten(
        ToewijzingInfo(lev.toewijzing_nummer, lev.bsn, lev.categorie, lev.code, lev.ingangsdatum, lev.einddatum,
                       lev.eenheid, lev.volume, lev.frequentie, lev.budget), 4500) for lev in leveringen}
    ctx = MemoryContext(today=date(2026, 11, 2), toewijzingen={n: f.info for n, f in feiten.items()})
    results = [r for r in check_rules(msg, ctx) + extra_rules(msg, feiten, []) if r.rule not in ("TR321", "TR322")]
    assert results == [], [str(r) for r in results]
    assert {r.status for r in verdicts(msg, results)} == {GOEDGEKEURD}
    assert make_retour(msg, results).declaratie_antwoord.retour_codes == ["8001"]


def test_a_faulty_message_fails_the_xsd(xml_301):
    assert not validate(berichten.not_xsd_valid(berichten.start_zorg(xml_301, "S1", date(2026, 11, 2)))).valid
