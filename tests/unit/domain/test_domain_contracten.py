"""The checks on aanbieders and contracts (domain/contracten.py), the tarief in force by date that the
declaratie check uses, and who may manage contracts (policy)."""
from dataclasses import dataclass, field
from datetime import date

import pytest

from app.domain import contracten as rules
from app.domain.declaratie_check import Tariefperiode, Toewijzingsfeiten
from app.domain.policy import decide
from iwmo_messages import ToewijzingInfo


@pytest.mark.parametrize("value, ok", [("42420001", True), ("4242 0001", True), ("4242-0001", True),
                                       ("4242000", False), ("424200011", False), ("4242000a", False),
                                       ("00000000", False), ("", False), (None, False)])
def test_an_agb_code_and_a_kvk_number_are_8_digits(value, ok):
    assert (rules.agb_problem(value) is None) is ok
    assert (rules.kvk_problem(value) is None) is ok


@pytest.mark.parametrize("value, ok", [("NL91ABNA0417164300", True), ("nl91 abna 0417 1643 00", True),
                                       ("NL91ABNA0417164301", False), ("NL91ABNA041716430", False),
                                       ("DE89370400440532013000", True), ("", False)])
def test_an_iban_has_a_valid_mod_97_check(value, ok):
    problem = rules.iban_problem(value)
    assert (problem is None) is ok
    if not ok:
        assert "IBAN" in problem


@pytest.mark.parametrize("text, cents", [("32,50", 3250), ("32.50", 3250), ("€ 1.150,00", 115000), ("0,01", 1),
                                         ("0", None), ("-5", None), ("0,001", None), ("NaN", None), ("inf", None),
                                         ("", None), ("1000000", None)])
def test_a_tarief_is_a_positive_amount_of_whole_cents(text, cents):
    assert rules.tarief_cent_from(text) == cents


def test_periods_overlap_when_they_share_a_day():
    jan, dec = date(2026, 1, 1), date(2026, 12, 31)
    assert rules.overlaps(jan, dec, dec, None) and rules.overlaps(jan, None, date(2030, 1, 1), None)
    assert not rules.overlaps(jan, dec, date(2027, 1, 1), None)
    assert not rules.overlaps(date(2027, 1, 1), None, jan, dec)


def test_the_tarief_in_force_is_the_one_of_the_prestatie_date():
    info = ToewijzingInfo(toewijzing_nummer=1, bsn="999900006", categorie="01", code="01A03",
                          ingangsdatum=date(2026, 1, 1))
    feiten = Toewijzingsfeiten(info, None, tarieven=(Tariefperiode(date(2026, 1, 1), date(2026, 5, 31), 3250),
                                                     Tariefperiode(date(2026, 6, 1), date(2026, 12, 31), 3500)))
    assert [feiten.tarief_op(date(2026, m, d)) for m, d in ((1, 1), (5, 31), (6, 1), (12, 31))] == \
        [3250, 3250, 3500, 3500]
    assert feiten.tarief_op(date(2027, 1, 1)) is None  # after the contract: no contract tarief
    assert Toewijzingsfeiten(info, 1200).tarief_op(date(2030, 1, 1)) == 1200  # one tarief for every date


@dataclass
class _User:
    roles: tuple
    gemeente_ids: frozenset
    is_authenticated: bool = True
    is_active: bool = True
    person_id: None = None

    def has_role(self, *roles):
        return bool(set(roles) & set(self.roles))


@dataclass
class _Aanbieder:
    gemeente_ids: frozenset = field(default_factory=frozenset)


@dataclass
class _Contract:
    gemeente_id: int


def test_only_a_contractmanager_of_the_gemeente_manages_its_aanbieders_and_contracts():
    manager, consulent = _User(("contractmanager",), frozenset({1})), _User(("consulent",), frozenset({1}))
    assert decide(manager, "contracten.beheren")
    assert not decide(consulent, "contracten.beheren") and not decide(consulent, "contracten.beheren").hidden
    assert decide(manager, "contracten.beheren", _Aanbieder(frozenset({1, 2})))
    assert decide(manager, "contracten.beheren", _Aanbieder(frozenset({2}))).hidden
    assert decide(manager, "contracten.beheren", _Contract(1))
    assert decide(manager, "contracten.beheren", _Contract(2)).hidden
