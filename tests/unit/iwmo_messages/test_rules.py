"""Every rule: a passing case (the example, with a context that agrees) and a failing case."""
from dataclasses import replace
from datetime import date

import pytest

from iwmo_messages import MemoryContext, StopInfo, ToewijzingInfo, check_rules
from iwmo_messages.models.common import GeslotenPeriode, Omvang, OpenPeriode
from iwmo_messages.rules.base import RULES

from iwmo_helpers import example

TODAY = date(2026, 11, 1)


def agreeing_context(msg) -> MemoryContext:
    """A context in which every toewijzing the message refers to exists and matches."""
    ctx = MemoryContext(today=TODAY)
    if msg.NUMMER == "323":
        for client in msg.declaratie.clienten:
            for p in client.prestaties:
                ctx.toewijzingen[p.toewijzing_nummer] = ToewijzingInfo(
                    p.toewijzing_nummer, client.bsn, p.product_categorie, p.product_code,
                    date(2020, 1, 1), None, p.eenheid, 1000, "6")
    if msg.NUMMER == "317":  # the client's current toewijzingen at this aanbieder: the ones the VOW names
        v = msg.client.verzoek  # an ongewijzigd one with a product code, te wijzigen ones without
        infos = [ToewijzingInfo(p.toewijzing_nummer, msg.client.bsn, "02", "02A01", date(2023, 1, 1))
                 for p in v.ongewijzigde_producten]
        infos += [ToewijzingInfo(p.toewijzing_nummer, msg.client.bsn, "03", None, p.gewenste_ingangsdatum)
                  for p in v.te_wijzigen_producten]
        ctx.client_toewijzingen_by[(msg.header.afzender, msg.client.bsn)] = infos
        ctx.toewijzingen.update({t.toewijzing_nummer: t for t in infos})
    if msg.NUMMER == "319":  # the verzoek it answers
        ctx.referenties_aanbieder.add((msg.header.ontvanger, msg.antwoord.referentie_aanbieder))
    if msg.NUMMER == "301":  # the verzoek each toewijzing honours
        ctx.honoreringen.update({(msg.header.ontvanger, p.toewijzing_nummer): p.referentie_aanbieder
                                 for p in msg.client.toegewezen_producten if p.referentie_aanbieder})
    for attr in ("start_producten", "stop_producten"):
        for p in getattr(getattr(msg, "client", None), attr, []):
            ctx.toewijzingen[p.toewijzing_nummer] = ToewijzingInfo(
                p.toewijzing_nummer, msg.client.bsn, p.product.categorie, p.product.code, date(2020, 1, 1))
    return ctx


def base(name):
    msg = example(name)
    if name == "WMO317":  # the official XSLT reports TR380 on this example; make it pass
        for p in msg.client.verzoek.nieuwe_producten:
            p.gewenste_ingangsdatum = date(2023, 5, 1)
    return msg


def _end_client_toewijzing(msg, ctx, nummer, einddatum=date(2024, 1, 1)):
    """The client's toewijzing `nummer` ended before today: it is no current one."""
    key = (msg.header.afzender, msg.client.bsn)
    ctx.client_toewijzingen_by[key] = [replace(t, einddatum=einddatum) if t.toewijzing_nummer == nummer else t
                                       for t in ctx.client_toewijzingen_by[key]]


def _first_prestatie(msg):
    return msg.declaratie.clienten[0].prestaties[0]


def _set_total(msg, delta):
    msg.declaratie.totaal_ingediend_bedrag.totaal_bedrag += delta


CASES = {
    "TR056": ("WMO305", lambda m, c: c.bericht_ids.add((m.header.afzender, m.header.bericht_code,
                                                         m.header.bericht_identificatie.identificatie))),
    "TR135": ("WMO305", lambda m, c: setattr(m.header.bericht_identificatie, "dagtekening", date(2030, 1, 1))),
    "CS002": ("WMO305", lambda m, c: setattr(m.client, "bsn", "123456788")),
    "TR002": ("WMO305", lambda m, c: setattr(m.client.geboortedatum, "datum", date(1890, 1, 1))),
    "CS003": ("WMO315", lambda m, c: setattr(m.client.aangevraagde_producten[0], "toewijzing_einddatum",
                                             date(2023, 5, 31))),
    "CS338": ("WMO301", lambda m, c: setattr(m.client.toegewezen_producten[0], "omvang", Omvang(volume=10, eenheid="14", frequentie="1"))),
    "CS343": ("WMO315", lambda m, c: setattr(m.client.aangevraagde_producten[0].omvang, "frequentie", "1")),
    "CD077": ("WMO315", lambda m, c: setattr(m.client.aangevraagde_producten[0], "budget", 100)),
    "CD041": ("WMO301", lambda m, c: [setattr(p, "omvang", None) for p in m.client.toegewezen_producten
                                      if p.product and p.product.code]),
    "CD005": ("WMO301", lambda m, c: setattr(m.client.contactgegevens[0].adres, "land_code", None)),
    "CD075": ("WMO301", lambda m, c: [(setattr(p, "omvang", None), setattr(p, "budget", 5000), setattr(p, "einddatum", None))
                                      for p in m.client.toegewezen_producten[:1]]),
    "CD076": ("WMO301", lambda m, c: [(setattr(p.omvang, "frequentie", "2"), setattr(p, "einddatum", None))
                                      for p in m.client.toegewezen_producten if p.omvang][:1]),
    "CS058": ("WMO305", lambda m, c: setattr(m.client.start_producten[0], "status_aanlevering", "2")),
    "TR019": ("WMO305", lambda m, c: c.toewijzingen.clear()),
    "TR347": ("WMO315", lambda m, c: c.referenties_aanbieder.add(
        (m.header.afzender, m.client.aangevraagde_producten[0].referentie_aanbieder))),
    "TR349": ("WMO317", lambda m, c: m.client.verzoek.ongewijzigde_producten.clear()),
    "TR350": ("WMO317", lambda m, c: _end_client_toewijzing(m, c, m.client.verzoek.ongewijzigde_producten[0]
                                                            .toewijzing_nummer)),
    "TR351": ("WMO317", lambda m, c: _end_client_toewijzing(m, c, m.client.verzoek.te_wijzigen_producten[0]
                                                            .toewijzing_nummer)),
    "TR374": ("WMO315", lambda m, c: c.verzoeken_onderhanden.add((m.header.afzender, m.client.bsn))),
    "TR380": ("WMO317", lambda m, c: setattr(m.client.verzoek.nieuwe_producten[0], "gewenste_ingangsdatum",
                                             m.header.bericht_identificatie.dagtekening)),
    "CS340": ("WMO323", lambda m, c: setattr(m.declaratie.declaratie_periode, "einddatum", date(2023, 4, 29))),
    "CS337": ("WMO323", lambda m, c: setattr(_first_prestatie(m).product_periode, "einddatum", date(2023, 5, 2))),
    "TR358": ("WMO323", lambda m, c: _set_total(m, 1)),
    "CD087": ("WMO323", lambda m, c: setattr(_first_prestatie(m), "product_tarief", None)),
    "CS339": ("WMO323", lambda m, c: setattr(_first_prestatie(m), "eenheid", "83")),
    "TR101": ("WMO323", lambda m, c: setattr(m.declaratie.clienten[-1].prestaties[-1], "product_referentie",
                                             _first_prestatie(m).product_referentie)),
    "TR319": ("WMO323", lambda m, c: (setattr(_first_prestatie(m), "product_periode", GeslotenPeriode(
        begindatum=date(2023, 5, 1), einddatum=date(2023, 5, 31))), _dagtekening(m, c, date(2023, 6, 6)),
        setattr(m.declaratie, "declaratie_dagtekening", date(2023, 6, 6)))),
    "TR346": ("WMO323", lambda m, c: setattr(_first_prestatie(m), "product_tarief", 999)),
    "TR333": ("WMO323", lambda m, c: c.declaratie_nummers.add((m.header.afzender, m.declaratie.declaratie_nummer))),
    "TR314": ("WMO323", lambda m, c: c.referentie_nummers.add(
        (m.header.afzender, _first_prestatie(m).product_referentie.referentie_nummer))),
    "TR338": ("WMO323", lambda m, c: c.toewijzingen.pop(_first_prestatie(m).toewijzing_nummer)),
    "TR304": ("WMO323", lambda m, c: _change_toewijzing(m, c, bsn="999900018" if m.declaratie.clienten[0].bsn
                                                        != "999900018" else "999900006")),
    "TR307": ("WMO323", lambda m, c: _change_toewijzing(m, c, ingangsdatum=date(2023, 4, 15))),
    "TR308": ("WMO323", lambda m, c: _change_toewijzing(m, c, einddatum=date(2023, 4, 15))),
    "TR339": ("WMO323", lambda m, c: _change_toewijzing(m, c, categorie="02")),
    "TR340": ("WMO323", lambda m, c: _change_toewijzing(m, c, code="99X99")),
    "TR341": ("WMO323", lambda m, c: _change_toewijzing(m, c, eenheid="14")),
    "TR321": ("WMO323", lambda m, c: _change_toewijzing(m, c, volume=1, frequentie="6")),
}


def _adres(msg):
    return msg.client.contactgegevens[0].adres


def _verwijzer(msg):
    return msg.client.aangevraagde_producten[0].verwijzer


def _set_all(obj, **values):
    for name, value in values.items():
        setattr(obj, name, value)


# The in-message condities of rules/condities.py.
CASES.update({
    "CD007": ("WMO301", lambda m, c: setattr(m.client.communicatie, "taal", None)),
    "CD009": ("WMO301", lambda m, c: setattr(m.client.contactgegevens[0], "periode", OpenPeriode(begindatum=date(2023, 1, 1)))),
    "CD025": ("WMO301", lambda m, c: _set_all(_adres(m), land_code="NL", huis=None)),
    "CD034": ("WMO301", lambda m, c: _set_all(_adres(m), postcode=None, land_code=None)),
    "CS089": ("WMO301", lambda m, c: _set_all(_adres(m), land_code="NL", postcode="99999X")),
    "TR061": ("WMO301", lambda m, c: [setattr(k, "soort", "04") for k in m.client.contactgegevens]),
    "CS050": ("WMO301", lambda m, c: setattr(m.client.naam, "partnernaam", None)),
    "CS318": ("WMO301", lambda m, c: _set_all(m.client.naam, partnernaam=None, naam_gebruik="6")),
    "CS335": ("WMO301", lambda m, c: setattr(m.client.toegewezen_producten[0], "reden_wijziging", "13")),
    "CS336": ("WMO301", lambda m, c: setattr(m.client.toegewezen_producten[0], "reden_wijziging", "01")),
    "CD079": ("WMO301", lambda m, c: setattr(m.client.toegewezen_producten[0], "product", None)),
    "CD043": ("WMO315", lambda m, c: setattr(m.client.aangevraagde_producten[0], "beschikking_ingangsdatum", None)),
    "CD066": ("WMO315", lambda m, c: setattr(_verwijzer(m), "zorgverlener_code", "12345678")),
    "CD067": ("WMO315", lambda m, c: setattr(_verwijzer(m), "naam", None)),
    "CD068": ("WMO315", lambda m, c: _set_all(_verwijzer(m), type="01", zorgverlener_code="12345678")),
    "TR383": ("WMO315", lambda m, c: setattr(m.client.aangevraagde_producten[1], "referentie_aanbieder",
                                             m.client.aangevraagde_producten[0].referentie_aanbieder)),
    "CD085": ("WMO319", lambda m, c: setattr(m.antwoord, "reden_afwijzing_verzoek", None)),
    "CD086": ("WMO319", lambda m, c: setattr(m.antwoord, "verzoek_antwoord", "2")),
    "TR018": ("WMO307", lambda m, c: setattr(m.client.stop_producten[0], "einddatum", date(2025, 4, 1))),
    "TR352": ("WMO317", lambda m, c: _set_all(m.client.verzoek, ongewijzigde_producten=[], te_wijzigen_producten=[])),
    "TR353": ("WMO317", lambda m, c: _set_all(m.client.verzoek, te_wijzigen_producten=[], nieuwe_producten=[])),
    "CD060": ("WMO323", lambda m, c: setattr(_first_prestatie(m).product_referentie, "vorig_referentie_nummer", "RN900")),
    "CS325": ("WMO323", lambda m, c: _set_all(m.declaratie.totaal_ingediend_bedrag, totaal_bedrag=0, debet_credit="C")),
    "CS100": ("WMO323", lambda m, c: setattr(_first_prestatie(m).product_periode, "begindatum", date(2020, 12, 1))),
    "TR315": ("WMO323", lambda m, c: [setattr(p.product_referentie, "vorig_referentie_nummer", "RN900")
                                      for p in m.declaratie.clienten[0].prestaties[:2]]),
    "TR316": ("WMO323", lambda m, c: setattr(m.declaratie.clienten[0].prestaties[1].product_referentie,
                                             "vorig_referentie_nummer", "RN001")),
})


def _vow_toewijzing(msg, ctx, which="te_wijzigen", **changes):
    """Change the toewijzing the first TeWijzigenProduct (or OngewijzigdProduct) of a 317 names."""
    nr = getattr(msg.client.verzoek, f"{'te_wijzigen' if which == 'te_wijzigen' else 'ongewijzigde'}_producten")[0] \
        .toewijzing_nummer
    ctx.toewijzingen[nr] = replace(ctx.toewijzingen[nr], **changes)


def _te_wijzigen(msg):
    return msg.client.verzoek.te_wijzigen_producten[0]


def _second_product(msg):
    """A copy of the first ToegewezenProduct with another nummer and the same period, put before it (the
    original, that has a source line, is the one reported)."""
    first = msg.client.toegewezen_producten[0]
    msg.client.toegewezen_producten.insert(0, replace(first, toewijzing_nummer=first.toewijzing_nummer + 1,
                                                      referentie_aanbieder=None))


def _same_as_first(msg, index=1):
    """Prestatie[index] of the first client declares the first one's toewijzing, period and product."""
    first, other = msg.declaratie.clienten[0].prestaties[0], msg.declaratie.clienten[0].prestaties[index]
    _set_all(other, toewijzing_nummer=first.toewijzing_nummer, product_categorie=first.product_categorie,
             product_code=first.product_code, eenheid=first.eenheid, product_periode=first.product_periode)


def _budget_toewijzing_gets_omvang(msg, ctx):
    """TR375: the toewijzing to change has no Product; it alone is current (a toewijzing without a product
    overlaps every other one, TR361)."""
    _vow_toewijzing(msg, ctx, categorie=None)
    v, key = msg.client.verzoek, (msg.header.afzender, msg.client.bsn)
    gone = v.ongewijzigde_producten.pop().toewijzing_nummer
    ctx.client_toewijzingen_by[key] = [t for t in ctx.client_toewijzingen_by[key] if t.toewijzing_nummer != gone]
    _set_all(_te_wijzigen(msg), einddatum=date(2023, 4, 30), omvang=Omvang(volume=10, eenheid="14", frequentie="4"))


def _stop(msg, ctx, einddatum, reden):
    p = msg.client.stop_producten[0]
    ctx.stops_by[(msg.header.afzender, msg.client.bsn, p.toewijzing_nummer)] = [
        StopInfo(p.begindatum, einddatum, reden)]


def _dagtekening(msg, ctx, d, today=None):
    msg.header.bericht_identificatie.dagtekening = d
    if today:
        ctx.today = today


# The rules added for the whole release: in-message dates, stapeling and Omvang, the 317 against its
# toewijzingen, stops against earlier stops, the 323 against its toewijzingen and earlier declaraties,
# the gemeente's own 301/319/325, and the iJw-only TR377/TR409.
CASES.update({
    "CD080": ("WMO301", lambda m, c: setattr(m.client.toegewezen_producten[0].product, "code", None)),
    "CD095": ("WMO315", lambda m, c: setattr(m.client.aangevraagde_producten[0].product, "code", None)),
    "CD096": ("WMO317", lambda m, c: setattr(m.client.verzoek.nieuwe_producten[0].product, "code", None)),
    "CS139": ("WMO305", lambda m, c: setattr(m.client.geboortedatum, "datum_gebruik", "1")),
    "TR006": ("WMO301", lambda m, c: setattr(_adres(m), "huis", None)),
    "TR134": ("WMO301", lambda m, c: setattr(m.client.toegewezen_producten[0], "toewijzingsdatum", date(2023, 8, 14))),
    "TR137": ("WMO323", lambda m, c: (_dagtekening(m, c, date(2023, 4, 29)),
                                      setattr(m.declaratie, "declaratie_dagtekening", date(2023, 4, 29)))),
    "TR335": ("WMO323", lambda m, c: (_dagtekening(m, c, date(2028, 5, 6), today=date(2030, 1, 1)),
                                      setattr(m.declaratie, "declaratie_dagtekening", date(2028, 5, 6)))),
    "TR302": ("WMO301", lambda m, c: _second_product(m)),
    "TR386": ("WMO315", lambda m, c: _set_all(m.client.aangevraagde_producten[1],
                                              product=m.client.aangevraagde_producten[0].product)),
    "TR410": ("WMO317", lambda m, c: m.client.verzoek.nieuwe_producten.insert(
        0, replace(m.client.verzoek.nieuwe_producten[0], gewenste_ingangsdatum=date(2023, 6, 1)))),
    "TR416": ("WMO323", lambda m, c: _same_as_first(m)),
    "TR342": ("WMO325", lambda m, c: setattr(m.declaratie_antwoord.totaal_toegekend_bedrag, "totaal_bedrag", 25000)),
    "TR357": ("WMO317", lambda m, c: _vow_toewijzing(m, c, ingangsdatum=date(2023, 1, 1))),
    "TR373": ("WMO317", lambda m, c: (_set_all(_te_wijzigen(m), budget=5000, gewenste_ingangsdatum=date(2023, 5, 1)),
                                      _vow_toewijzing(m, c, ingangsdatum=date(2023, 4, 2)))),
    "TR411": ("WMO317", lambda m, c: _vow_toewijzing(m, c, code="03A01")),
    "TR412": ("WMO317", lambda m, c: setattr(_te_wijzigen(m), "omvang", Omvang(volume=10, eenheid="14", frequentie="4"))),
    "TR375": ("WMO317", lambda m, c: _budget_toewijzing_gets_omvang(m, c)),
    "TR361": ("WMO317", lambda m, c: _vow_toewijzing(m, c, "ongewijzigd", categorie="01", code="01A12")),
    "TR413": ("WMO307", lambda m, c: (_stop(m, c, date(2025, 5, 1), "20"),
                                      setattr(m.client.stop_producten[0], "reden_beeindiging", "20"))),
    "TR414": ("WMO307", lambda m, c: _stop(m, c, date(2025, 7, 30), "20")),
    "TR415": ("WMO307", lambda m, c: _stop(m, c, date(2025, 6, 1), "31")),
    "TR387": ("WMO323", lambda m, c: setattr(_first_prestatie(m).product_periode, "begindatum", date(2023, 4, 2))),
    "TR388": ("WMO323", lambda m, c: setattr(_first_prestatie(m).product_periode, "einddatum", date(2023, 4, 29))),
    "TR318": ("WMO323", lambda m, c: c.declaratieperioden.update({m.header.afzender: date(2023, 5, 1)})),
    "TR332": ("WMO301", lambda m, c: c.toegewezen_producten.update({101: ToewijzingInfo(
        101, "999900018", "01", "01A01", date(2023, 1, 1), aanbieder=m.header.ontvanger)})),
    "TR379": ("WMO301", lambda m, c: setattr(m.client.toegewezen_producten[0], "referentie_aanbieder", None)),
    "TR385": ("WMO301", lambda m, c: (_set_all(m.client.toegewezen_producten[0], reden_wijziging="13",
                                               einddatum=date(2023, 1, 1)),
                                      c.gedeclareerde.add((m.header.ontvanger, 101)))),
    "TR355": ("WMO319", lambda m, c: c.referenties_aanbieder.clear()),
    "TR359": ("WMO319", lambda m, c: c.referenties_toegewezen.add((m.header.ontvanger, "9003"))),
    "TR360": ("WMO319", lambda m, c: (_set_all(m.antwoord, verzoek_antwoord="2", reden_afwijzing_verzoek=None),
                                      c.antwoorden.update({(m.header.ontvanger, "9003"): ["2"]}))),
    "TR365": ("WMO319", lambda m, c: c.antwoorden.update({(m.header.ontvanger, "9003"): ["1"]})),
    "TR377": ("JW319", lambda m, c: setattr(m.antwoord, "woonplaatsbeginsel", None)),
    "TR409": ("JW319", lambda m, c: setattr(m.antwoord, "reden_afwijzing_verzoek", "7")),
})


def _change_toewijzing(msg, ctx, **changes):
    nr = _first_prestatie(msg).toewijzing_nummer
    ctx.toewijzingen[nr] = replace(ctx.toewijzingen[nr], **changes)


def test_every_registered_rule_has_a_case():
    assert {r.code for r in RULES} == set(CASES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_passes_on_a_correct_message(code):
    msg = base(CASES[code][0])
    assert [r for r in check_rules(msg, agreeing_context(msg)) if r.rule == code] == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fails_with_its_retourcode(code):
    name, mutate = CASES[code]
    msg = base(name)
    ctx = agreeing_context(msg)
    mutate(msg, ctx)
    rule = next(r for r in RULES if r.code == code)
    found = [r for r in check_rules(msg, ctx) if r.rule == code]
    assert found, f"{code} did not fire"
    expected = "0001" if rule.level == 2 else rule.retourcode
    assert all(r.retourcode == expected for r in found)
    assert found[0].element and found[0].line and found[0].target is not None


#: Cases whose one change breaks further official rules as well, and why.
ALSO_BREAKS = {
    "CD025": {"TR006"},  # a contact without Huis (and no Telefoon) is unreachable
    "CD034": {"TR006"},  # likewise without Postcode
    "CD079": {"CD080"},  # the Omvang stays while Product (and so its Code) goes
    "CS002": {"TR019"},  # another Bsn is not the client of the toewijzing
    "CS100": {"CS337"},  # December 2020 is another month than its end
    "CS325": {"TR358"},  # the total no longer adds up
    "CS337": {"TR319", "TR388"},  # 2 May is outside April and no month end
    "CS339": {"TR341"},  # Eenheid 83 is not the toewijzing's
    "CS340": {"TR319"},  # the shortened period no longer holds the last day of April
    "TR315": {"CD060"},  # a debet line with a VorigReferentieNummer
    "TR316": {"CD060"},
    "TR352": {"TR349"},  # the current toewijzingen are no longer named
    "TR353": {"TR349"},
    "TR383": {"TR347"},  # the shared referentie is a reused one too
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_the_one_change_is_reported_with_exactly_its_code(code):
    """The official example passes every rule; the one change breaks this rule and no other (beyond the
    few listed in ALSO_BREAKS, whose change cannot help breaking another rule as well)."""
    name, mutate = CASES[code]
    msg = base(name)
    ctx = agreeing_context(msg)
    assert {r.rule for r in check_rules(msg, ctx)} == set()
    mutate(msg, ctx)
    assert {r.rule for r in check_rules(msg, ctx)} == {code} | ALSO_BREAKS.get(code, set())


def test_a_correction_on_the_last_declaratieperiode_may_overlap_it():
    """OP284 (TR318): the last DeclaratiePeriode may be declared again; an earlier one may not."""
    msg = base("WMO323")
    ctx = agreeing_context(msg)
    ctx.declaratieperioden[msg.header.afzender] = date(2023, 4, 1)
    assert not [r for r in check_rules(msg, ctx) if r.rule == "TR318"]


class _WithoutOptionalFacts:
    """A RuleContext with the protocol's own methods only (as the platform's older contexts are)."""

    def __init__(self, inner):
        self._inner, self.today = inner, inner.today

    def __getattr__(self, name):
        if name in {"stops", "laatste_declaratieperiode", "toegewezen_product", "referentie_toegewezen",
                    "eerdere_antwoorden", "honoreert", "gedeclareerd"}:
            raise AttributeError(name)
        return getattr(self._inner, name)


def test_a_rule_that_needs_an_optional_fact_runs_only_when_the_context_has_it():
    msg = base("WMO323")
    ctx = agreeing_context(msg)
    ctx.declaratieperioden[msg.header.afzender] = date(2023, 5, 1)
    assert "TR318" in {r.rule for r in check_rules(msg, ctx)}
    assert "TR318" not in {r.rule for r in check_rules(msg, _WithoutOptionalFacts(ctx))}


def test_cross_message_rules_are_skipped_without_context():
    msg = base("WMO323")
    assert {r.rule for r in check_rules(msg, None, today=TODAY)} == set()


def test_official_xslt_findings_are_reproduced():
    """NOTES: the official XSLT flags JW317 (CS003), JW323 (TR101) and WMO317 (TR380)."""
    assert {r.rule for r in check_rules(example("JW317"), today=TODAY)} == {"CS003"}
    assert {r.rule for r in check_rules(example("JW323"), today=TODAY)} == {"TR101"}
    assert {r.rule for r in check_rules(example("WMO317"), today=TODAY)} == {"TR380"}


@pytest.mark.parametrize("name, duplicate", [
    ("WMO301", lambda m: m.client.relaties.append(replace(m.client.relaties[0]))),
    ("WMO301", lambda m: m.client.toegewezen_producten.append(replace(m.client.toegewezen_producten[0],
                                                                      ingangsdatum=date(2024, 1, 1),
                                                                      einddatum=date(2024, 12, 31)))),
    ("WMO305", lambda m: m.client.start_producten.append(replace(m.client.start_producten[0]))),
    ("WMO307", lambda m: m.client.stop_producten.append(replace(m.client.stop_producten[0]))),
    ("WMO317", lambda m: m.client.verzoek.te_wijzigen_producten.append(
        replace(m.client.verzoek.te_wijzigen_producten[0]))),
    ("WMO325", lambda m: m.declaratie_antwoord.clienten[0].prestaties.append(
        replace(m.declaratie_antwoord.clienten[0].prestaties[0]))),
])
def test_a_line_twice_in_a_message_breaks_tr101_on_every_message_it_applies_to(name, duplicate):
    msg = base(name)
    assert not [r for r in check_rules(msg, today=TODAY) if r.rule == "TR101"]
    duplicate(msg)
    assert [r.rule for r in check_rules(msg, today=TODAY) if r.rule == "TR101"] == ["TR101"]


def _first_325(msg):
    return msg.declaratie_antwoord.clienten[0].prestaties[0]


@pytest.mark.parametrize("code, change", [
    ("CD060", lambda m: setattr(_first_325(m).product_referentie, "vorig_referentie_nummer", "RN900")),
    ("CS325", lambda m: _set_all(m.declaratie_antwoord.totaal_toegekend_bedrag, totaal_bedrag=0, debet_credit="C")),
])
def test_the_declaratie_rules_on_a_325_as_well(code, change):
    msg = base("WMO325")
    assert not [r for r in check_rules(msg, today=TODAY) if r.rule == code]
    change(msg)
    assert code in {r.rule for r in check_rules(msg, today=TODAY)}


def test_a_verzoek_om_wijziging_naming_another_clients_toewijzing_gets_8187_only():
    """TR304 on a 317: the toewijzing exists, for another Bsn; not also TR350 (not current for this client)."""
    msg = base("WMO317")
    ctx = agreeing_context(msg)
    nr, key = msg.client.verzoek.ongewijzigde_producten[0].toewijzing_nummer, (msg.header.afzender, msg.client.bsn)
    ctx.toewijzingen[nr] = replace(ctx.toewijzingen[nr], bsn="999990020")
    ctx.client_toewijzingen_by[key] = [t for t in ctx.client_toewijzingen_by[key] if t.toewijzing_nummer != nr]
    found = [r for r in check_rules(msg, ctx)]
    assert [(r.rule, r.retourcode) for r in found] == [("TR304", "8187")]
    assert found[0].element == "Client/Verzoek/OngewijzigdProduct[1]/ToewijzingNummer"


def test_tr101_leaves_a_315s_referentie_to_tr383():
    msg = base("WMO315")
    msg.client.aangevraagde_producten.append(replace(msg.client.aangevraagde_producten[0]))
    assert {r.rule for r in check_rules(msg, today=TODAY)} >= {"TR383"}
    assert "TR101" not in {r.rule for r in check_rules(msg, today=TODAY)}


def test_bsn_elfproef_uses_the_official_weights():
    msg = base("WMO305")
    msg.client.bsn = "111222333"  # 9·1+8·1+7·1+6·2+5·2+4·2+3·3+2·3−3 = 66 ≡ 0 (mod 11)
    assert not [r for r in check_rules(msg, today=TODAY) if r.rule == "CS002"]


def test_omvang_with_eenheid_per_week_is_fine():
    msg = base("WMO315")
    msg.client.aangevraagde_producten[0].omvang = Omvang(volume=3, eenheid="04", frequentie="1")
    assert not [r for r in check_rules(msg, today=TODAY) if r.rule == "CS338"]


def test_cd005_refuses_a_landcode_without_postcode_too():
    msg = base("WMO301")
    msg.client.contactgegevens[0].adres.postcode = None
    assert [r.element for r in check_rules(msg, today=TODAY) if r.rule == "CD005"] == [
        "Client/Contactgegevens/Contact[1]/Adres/LandCode"]


def test_cd076_lets_a_weekly_toewijzing_with_einddatum_pass():
    msg = base("WMO301")
    for p in msg.client.toegewezen_producten:
        if p.omvang:
            p.omvang.frequentie = "2"
    assert not [r for r in check_rules(msg, today=TODAY) if r.rule == "CD076"]


def test_each_product_of_a_315_keeps_its_own_referentie():
    """TR347: the second product's referentie counts as well, and two products may not share one."""
    msg = base("WMO315")
    ctx = agreeing_context(msg)
    second = msg.client.aangevraagde_producten[1]
    ctx.referenties_aanbieder.add((msg.header.afzender, second.referentie_aanbieder))
    assert [r.target for r in check_rules(msg, ctx) if r.rule == "TR347"] == [second]
    msg = base("WMO315")
    second = msg.client.aangevraagde_producten[1]
    second.referentie_aanbieder = msg.client.aangevraagde_producten[0].referentie_aanbieder
    found = [r for r in check_rules(msg, agreeing_context(msg)) if r.rule == "TR347"]
    assert [r.target for r in found] == [second] and "twee keer" in found[0].message


@pytest.mark.parametrize("einddatum, reden, actueel", [
    (None, None, True), (TODAY, None, True), (date(2026, 10, 31), None, False),
    (date(2026, 12, 1), "13", False), (date(2026, 12, 1), "01", False), (date(2026, 12, 1), "12", True)])
def test_a_current_toewijzing_is_valid_today_or_later_and_not_removed(einddatum, reden, actueel):
    """TR349/OP087: einddatum = ingangsdatum with RedenWijziging 13 or 01 is a removed toewijzing."""
    ingang = date(2026, 12, 1) if reden else date(2026, 1, 1)
    info = ToewijzingInfo(1, "999900006", "01", None, ingang, einddatum, reden_wijziging=reden)
    assert info.actueel(TODAY) is actueel


def test_a_verzoek_om_wijziging_that_names_every_current_toewijzing_passes_all_its_cross_message_rules():
    msg = base("WMO317")
    assert [r for r in check_rules(msg, agreeing_context(msg)) if r.level == 3] == []
