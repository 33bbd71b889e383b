"""Every declaratie rejection path: each prestatie against its toewijzing, the contract and what
was approved before, with the official retourcode; lines a person must judge are left to them."""
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.domain.declaratie_check import (AFGEKEURD, GOEDGEKEURD, HANDMATIG, EerderePrestatie, Toewijzingsfeiten,
                                         extra_rules, verdicts)
from iwmo_messages import MemoryContext, ToewijzingInfo, check_rules, make_retour, parse, validate, build_retour
from iwmo_messages.models.common import GeslotenPeriode

EXAMPLE = Path(__file__).parents[2] / "unit" / "iwmo_messages" / "data" / "iwmo" / "WMO323.xml"
TODAY = date(2023, 5, 10)


def _message():
    """The official WMO323 example: 4 prestaties for April 2023, 2 clients."""
    return parse(EXAMPLE)


def _feiten(msg, **changes) -> dict[int, Toewijzingsfeiten]:
    """Toewijzingen that agree with every prestatie: 40 uur per maand, the contract tarief as declared."""
    out = {}
    for client in msg.declaratie.clienten:
        for p in client.prestaties:
            info = ToewijzingInfo(p.toewijzing_nummer, client.bsn, p.product_categorie, p.product_code,
                                  date(2023, 1, 1), date(2023, 12, 31), p.eenheid, 40, "4")
            out[p.toewijzing_nummer] = Toewijzingsfeiten(replace(info, **changes), p.product_tarief)
    return out


def _check(msg, feiten, eerder=(), drempel=None):
    ctx = MemoryContext(today=TODAY, toewijzingen={n: f.info for n, f in feiten.items()})
    results = check_rules(msg, ctx) + extra_rules(msg, feiten, list(eerder))
    return results, verdicts(msg, results, drempel)


def _first(msg):
    return msg.declaratie.clienten[0].prestaties[0]


def test_an_agreeing_declaratie_is_approved_whole_and_answered_with_8001():
    msg = _message()
    results, regels = _check(msg, _feiten(msg))
    assert results == [] and {r.status for r in regels} == {GOEDGEKEURD}
    antwoord = make_retour(msg, results).declaratie_antwoord
    assert antwoord.retour_codes == ["8001"]
    assert antwoord.totaal_toegekend_bedrag.totaal_bedrag == 58000


def _eerder(p, **changes):
    e = EerderePrestatie(p.toewijzing_nummer, "OUD1", None, p.product_categorie, p.product_code,
                         p.product_periode.begindatum, p.geleverd_volume, p.ingediend_bedrag.bedrag, "D")
    return replace(e, **changes)


# Each case changes the message, the toewijzing facts or history so that the FIRST prestatie fails.
REJECTIONS = {
    "9338 no toewijzing": ("9338", lambda m, f, e: f.pop(_first(m).toewijzing_nummer)),
    "8187 other client": ("8187", lambda m, f, e: f.update({_first(m).toewijzing_nummer: replace(
        f[_first(m).toewijzing_nummer], info=replace(f[_first(m).toewijzing_nummer].info, bsn="999900018"))})),
    "9307 begins before": ("9307", lambda m, f, e: _set_info(f, m, ingangsdatum=date(2023, 4, 15))),
    "9307 wholly before": ("9307", lambda m, f, e: _set_info(f, m, ingangsdatum=date(2023, 5, 1))),
    "9308 ended before": ("9308", lambda m, f, e: _set_info(f, m, einddatum=date(2023, 4, 20))),
    "9339 categorie": ("9339", lambda m, f, e: _set_info(f, m, categorie="02")),
    "9340 productcode": ("9340", lambda m, f, e: _set_info(f, m, code="01A99")),
    "9341 eenheid": ("9341", lambda m, f, e: _set_info(f, m, eenheid="01")),
    "9321 volume per maand": ("9321", lambda m, f, e: _set_info(f, m, volume=3)),
    "9322 volume with earlier": ("9322", lambda m, f, e: e.append(_eerder(_first(m), referentie_nummer="X",
                                                                            begindatum=date(2023, 4, 1), volume=38,
                                                                            code="x"))),
    "9321 volume per week": ("9321", lambda m, f, e: _set_info(f, m, volume=0, frequentie="2")),
    "9321 volume per dag": ("9321", lambda m, f, e: _set_info(f, m, volume=0, frequentie="1")),
    "9369 budget": ("9369", lambda m, f, e: _set_info(f, m, volume=None, frequentie=None, eenheid=None, budget=4999)),
    "0611 tarief": ("0611", lambda m, f, e: f.update({_first(m).toewijzing_nummer: replace(
        f[_first(m).toewijzing_nummer], tarief_cent=1200)})),
    "9384 verwijderd": ("9384", lambda m, f, e: f.update({_first(m).toewijzing_nummer: replace(
        f[_first(m).toewijzing_nummer], reden_wijziging="13")})),
    "9389 second debet": ("9389", lambda m, f, e: e.append(_eerder(_first(m)))),
    "9346 bedrag": ("9346", lambda m, f, e: _bump_first(m)),
}


def _set_info(feiten, msg, **changes):
    nr = _first(msg).toewijzing_nummer
    feiten[nr] = replace(feiten[nr], info=replace(feiten[nr].info, **changes))


def _bump_first(msg):
    _first(msg).ingediend_bedrag.bedrag += 1
    msg.declaratie.totaal_ingediend_bedrag.totaal_bedrag += 1


@pytest.mark.parametrize("name", REJECTIONS)
def test_each_rejection_path_rejects_only_that_line_with_its_retourcode(name):
    code, change = REJECTIONS[name]
    msg = _message()
    feiten, eerder = _feiten(msg), []
    change(msg, feiten, eerder)
    results, regels = _check(msg, feiten, eerder)
    assert regels[0].status == AFGEKEURD and regels[0].retourcodes == [code], (regels[0], results)  # exactly its own
    assert [r.status for r in regels[1:]] == [GOEDGEKEURD] * 3
    antwoord = make_retour(msg, results).declaratie_antwoord
    rejected = {p.product_referentie.referentie_nummer: p.retour_codes for c in antwoord.clienten for p in c.prestaties}
    assert rejected == {"RN001": [code]}
    assert antwoord.totaal_toegekend_bedrag.totaal_bedrag == (
        msg.declaratie.totaal_ingediend_bedrag.totaal_bedrag - _first(msg).ingediend_bedrag.bedrag)
    assert validate(build_retour(msg, results)).valid


def test_volume_adds_up_over_lines_of_the_same_message():
    msg = _message()
    feiten = _feiten(msg)
    second = msg.declaratie.clienten[0].prestaties[1]
    second.toewijzing_nummer = _first(msg).toewijzing_nummer  # both lines now on one toewijzing
    second.product_code, second.product_tarief = _first(msg).product_code, _first(msg).product_tarief
    second.ingediend_bedrag.bedrag = second.geleverd_volume * second.product_tarief
    # March, a voorgaande declaratieperiode (TR319): a second debet line of April would break TR416, one not
    # from the first of the month TR387
    second.product_periode = GeslotenPeriode(begindatum=date(2023, 3, 1), einddatum=date(2023, 3, 31))
    msg.declaratie.totaal_ingediend_bedrag.totaal_bedrag = sum(
        p.ingediend_bedrag.bedrag for c in msg.declaratie.clienten for p in c.prestaties)
    _set_info(feiten, msg, volume=17, frequentie="6")  # 4 and 16 each fit (TR321), 4 + 16 > 17 in total (TR322)
    _, regels = _check(msg, feiten)
    assert regels[0].status == GOEDGEKEURD
    assert regels[1].status == AFGEKEURD and regels[1].retourcodes == ["9322"]


def test_a_credit_needs_an_earlier_approved_debet_and_only_once():
    msg = _message()
    p = _first(msg)
    p.ingediend_bedrag.debet_credit = "C"
    p.product_referentie.vorig_referentie_nummer = "OUD1"
    msg.declaratie.totaal_ingediend_bedrag.totaal_bedrag = 58000 - 2 * 5000
    feiten = _feiten(msg)
    _, regels = _check(msg, feiten)
    assert regels[0].status == AFGEKEURD and regels[0].retourcodes == ["8017"]
    _, regels = _check(msg, feiten, [_eerder(p)])
    assert regels[0].status == HANDMATIG  # a correction of paid care: a person decides on the recovery
    _, regels = _check(msg, feiten, [_eerder(p), _eerder(p, referentie_nummer="C1", vorig_referentie_nummer="OUD1",
                                                         debet_credit="C")])
    assert regels[0].status == AFGEKEURD and regels[0].retourcodes == ["9390"]


def test_a_duplicate_declaratienummer_rejects_every_line():
    msg = _message()
    feiten = _feiten(msg)
    ctx = MemoryContext(today=TODAY, toewijzingen={n: f.info for n, f in feiten.items()},
                        declaratie_nummers={(msg.header.afzender, msg.declaratie.declaratie_nummer)})
    results = check_rules(msg, ctx) + extra_rules(msg, feiten, [])
    regels = verdicts(msg, results)
    assert {r.status for r in regels} == {AFGEKEURD} and all("9333" in r.retourcodes for r in regels)
    assert make_retour(msg, results).declaratie_antwoord.totaal_toegekend_bedrag.totaal_bedrag == 0


def test_a_client_fault_marks_its_lines_not_assessed():
    from iwmo_messages import RuleResult
    msg = _message()
    client = msg.declaratie.clienten[1]
    regels = verdicts(msg, [RuleResult("TR304", "8187", 3, "Client[2]", "x", None, client)])
    assert [r.status for r in regels] == [GOEDGEKEURD, GOEDGEKEURD, AFGEKEURD, AFGEKEURD]
    assert regels[2].retourcodes == ["0233"]


def test_a_line_above_the_threshold_goes_to_a_person():
    msg = _message()
    _, regels = _check(msg, _feiten(msg), drempel=24000)
    assert [r.status for r in regels] == [GOEDGEKEURD, HANDMATIG, GOEDGEKEURD, HANDMATIG]
