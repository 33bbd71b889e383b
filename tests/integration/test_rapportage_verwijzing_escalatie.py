"""#11 point 1: the Jeugd instroom per verwijzer (huisarts, jeugdarts, medisch specialist or the gemeente's own
toegang) and the escalations the process models make when a legal term passes, for a hand-made history of
Woerden in 2026 (per quarter, today 1 July 2026), compared with the figures worked out by hand here."""
from datetime import date

import pytest

from app import db
from app.services.demo_data import OUDEWATER, WOERDEN
from app.services.rapportage import instroom, termijnen
from rapportage_data import History
from test_rapportage_kpi import Q, scope_for, values


@pytest.fixture
def history(app):
    """Woerden, Jeugd: five children referred by the huisarts in February (Q1); in May (Q2) one by the jeugdarts
    and six through the gemeente (two of them children referred in February). A Wmo zaak with a huisarts mark is no Jeugd instroom.
    Escalations: six Wmo 'onderzoek' escalations of six inwoners in April (Q2), two of them still open; one Jeugd
    'beslissing' escalation in March (Q1), open. Not escalations: a triage task; Oudewater's escalation."""
    h = History()
    people = h.people[WOERDEN]
    for person in people[:5]:
        h.zaak(person, "jeugd", date(2026, 2, 10)).verwijzer = "02"
    h.zaak(people[5], "jeugd", date(2026, 5, 4)).verwijzer = "03"
    for person in people[6:10] + people[1:3]:
        h.zaak(person, "jeugd", date(2026, 5, 6))
    h.zaak(people[0], "wmo", date(2026, 5, 6)).verwijzer = "02"
    for i, person in enumerate(people[:6]):
        zaak = h.zaak(person, "wmo", date(2026, 2, 2))
        h.task(zaak, "termijn_onderzoek_overschreden", "consulent", date(2026, 4, 1),
               completed=None if i < 2 else date(2026, 4, 3))
        h.task(zaak, "triage", "consulent", date(2026, 2, 2), completed=date(2026, 2, 3))
    h.task(h.zaak(people[6], "jeugd", date(2026, 1, 5)), "termijn_beslissing_overschreden", "consulent",
           date(2026, 3, 3))
    other = h.people[OUDEWATER][0]
    h.task(h.zaak(other, "wmo", date(2026, 2, 2)), "termijn_onderzoek_overschreden", "consulent", date(2026, 4, 1))
    db.session.flush()
    return h


def test_jeugd_instroom_per_verwijzer(history):
    table = instroom.verwijzingen(scope_for("management", WOERDEN))
    assert [column.label for column in table.columns] == ["Via de gemeente", "Huisarts", "Jeugdarts",
                                                          "Medisch specialist"]
    rows = values(table)
    # Q1: the five huisarts verwijzingen of February, and the Jeugd zaak of January (through the gemeente) that
    # carries the escalation
    assert rows[Q[0]] == [1, 5, 0, 0]
    assert rows[Q[1]] == [6, 0, 1, 0]
    assert rows[Q[2]] == rows[Q[3]] == [0, 0, 0, 0]
    assert rows["Totaal"] == [7, 5, 1, 0]
    shown = {label: [cell.shown for cell in cells] for label, cells in table.rows}
    assert shown[Q[0]][1] and shown["Totaal"][1]  # five children, nothing hidden in the column
    assert not shown[Q[1]][2] and not shown[Q[0]][0]  # one child each: "< 5"
    # the column total (7) and Q2 (6) would give Q1's one child away: Q2 is hidden with it
    assert not shown[Q[1]][0]


def test_escalaties_per_domein_and_still_open(history):
    table = termijnen.escalaties(scope_for("management", WOERDEN))
    assert [column.label for column in table.columns] == ["Wmo: escalaties", "Wmo: nog open", "Jeugd: escalaties",
                                                          "Jeugd: nog open"]
    rows = values(table)
    assert rows[Q[0]] == [0, 0, 1, 1]
    assert rows[Q[1]] == [6, 2, 0, 0]  # the triage tasks and Oudewater's escalation are not counted
    assert rows["Totaal"] == [6, 2, 1, 1]
    shown = {label: [cell.shown for cell in cells] for label, cells in table.rows}
    assert shown[Q[1]][0] and shown["Totaal"][0]
    assert not shown[Q[1]][1] and not shown["Totaal"][1] and not shown[Q[0]][2]


def test_the_whole_samenwerkingsverband_counts_oudewater_too(history):
    rows = values(termijnen.escalaties(scope_for("management")))
    assert rows["Totaal"][0] == 7
