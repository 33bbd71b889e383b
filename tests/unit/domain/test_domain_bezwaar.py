"""The terms of a bezwaar (Awb 6:7, 6:11, 7:10, 8:1) with the Algemene termijnenwet, around the 2026/2027 holidays,
hand-counted: the decision term runs from the day after the bezwaartermijn ended (7:10 lid 1)."""
import doctest
from datetime import date

import pytest

from app.domain import bezwaar, progress
from app.domain.bezwaar import beroep_tot, beslistermijn, gronden_error, ontvangst_error, te_laat, verdaagd


@pytest.mark.parametrize("einde, commissie, due", [
    (date(2027, 1, 14), False, date(2027, 2, 25)),    # Thursday + 6 weeks: a Thursday, no holiday
    (date(2027, 1, 14), True, date(2027, 4, 8)),      # + 12 weeks (a commissie, art. 7:13)
    (date(2026, 11, 13), False, date(2026, 12, 28)),  # Friday 25 December (Kerst), 26 (Tweede Kerstdag), Sunday
    (date(2026, 11, 20), False, date(2027, 1, 4)),    # Friday 1 January 2027 (Nieuwjaar), then the weekend
    (date(2027, 2, 12), False, date(2027, 3, 30)),    # Goede Vrijdag 26 March, the weekend, Tweede Paasdag 29
    (date(2027, 2, 2), True, date(2027, 4, 28)),      # Tuesday 27 April 2027 is Koningsdag: the next day
])
def test_the_decision_term_is_six_or_twelve_weeks_after_the_bezwaartermijn_and_the_atw_moves_its_end(
        einde, commissie, due):
    assert beslistermijn(einde, commissie).due == due


def test_a_late_bezwaar_is_flagged_and_its_term_runs_from_the_day_after_receipt():
    einde = date(2027, 1, 14)
    assert not te_laat(einde, einde) and te_laat(date(2027, 1, 15), einde)
    assert beslistermijn(einde, False, ontvangen_op=date(2027, 1, 21)).due == date(2027, 3, 4)
    assert beslistermijn(einde, False, ontvangen_op=date(2027, 1, 10)).due == date(2027, 2, 25)


def test_verdaging_adds_six_weeks_with_the_atw_and_beroep_is_six_weeks_after_sending():
    assert verdaagd(date(2027, 2, 25)).due == date(2027, 4, 8)
    assert verdaagd(date(2027, 3, 23)).due == date(2027, 5, 4)  # a Tuesday, no holiday
    assert verdaagd(date(2027, 3, 24)).due == date(2027, 5, 7)  # 5 May (Bevrijdingsdag), 6 May (Hemelvaart) 2027
    assert beroep_tot(date(2026, 11, 13)) == date(2026, 12, 28)


def test_grounds_and_the_day_of_receipt_are_checked_in_dutch():
    assert "gronden" in gronden_error("  ")
    assert gronden_error("x" * 10_001).startswith("Uw gronden zijn langer")
    assert gronden_error("Ik krijg te weinig uren.") is None
    today = date(2026, 12, 7)
    assert "toekomst" in ontvangst_error(date(2026, 12, 8), date(2026, 11, 1), today)
    assert "voor de datum van het besluit" in ontvangst_error(date(2026, 10, 1), date(2026, 11, 1), today)
    assert ontvangst_error(None, date(2026, 11, 1), today).startswith("Vul de datum in")
    assert ontvangst_error(today, date(2026, 11, 1), today) is None


def test_the_progress_of_a_bezwaar_leaves_out_the_commissie_where_there_is_none_and_a_hoorzitting_not_held():
    labels = [s.label for s in progress.bezwaar_steps(["bezwaar_beoordelen"], commissie=False, beslist=False)]
    assert labels == ["Bezwaar ontvangen", "Beoordeling", "Hoorzitting", "Beslissing op bezwaar"]
    steps = progress.bezwaar_steps(["beslissing_op_bezwaar"], commissie=True, beslist=False, gehoord=False)
    assert [(s.label, s.state) for s in steps] == [("Bezwaar ontvangen", "klaar"), ("Beoordeling", "klaar"),
                                                   ("Advies bezwaarcommissie", "klaar"),
                                                   ("Beslissing op bezwaar", "bezig")]
    assert {s.state for s in progress.bezwaar_steps([], commissie=True, beslist=True)} == {"klaar"}


@pytest.mark.parametrize("module", [bezwaar, progress])
def test_the_examples_in_the_docstrings_hold(module):
    assert doctest.testmod(module).failed == 0
