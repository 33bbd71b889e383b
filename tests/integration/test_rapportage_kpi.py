"""Every figure of the rapportage (#11) computed for the small hand-made history of rapportage_data.py and
compared with the numbers worked out by hand there — including a term that ends on Koningsdag and a 302 term
over Tweede Pinksterdag. These compare the values before small-cell protection; what is shown is tested in
test_rapportage_privacy.py."""
from datetime import date

import pytest
from sqlalchemy import select

from app import db
from app.models import Gemeente, User
from app.services.demo_data import OUDEWATER, WOERDEN
from app.services.rapportage import doorlooptijd, instroom, termijnen, toewijzingen, uitgaven, werkvoorraad
from app.services.rapportage.scope import Filters, build_scope
from rapportage_data import TODAY, make_history


@pytest.fixture
def history(app):
    return make_history()


def scope_for(username: str, gemeente: str | None = None, **filters):
    user = db.session.scalar(select(User).where(User.username == username))
    found = db.session.scalar(select(Gemeente).where(Gemeente.code == gemeente)) if gemeente else None
    return build_scope(user, Filters(**{"gemeente": gemeente, "jaar": 2026, "per": "kwartaal", **filters}), found,
                       TODAY)


def values(table) -> dict:
    return {label: [cell.value for cell in cells] for label, cells in table.rows}


Q = ["1e kwartaal 2026", "2e kwartaal 2026", "3e kwartaal 2026", "4e kwartaal 2026"]


def test_instroom_and_uitstroom_per_quarter(history):
    table = values(instroom.instroom_uitstroom(scope_for("management", WOERDEN)))
    # columns: Wmo meldingen, aanvragen, uitstroom; Jeugd meldingen, aanvragen, uitstroom
    assert table[Q[0]] == [2, 1, 0, 1, 0, 0]   # z1, z2 (Wmo), aanvraag z1; z3 (Jeugd)
    assert table[Q[1]] == [2, 1, 1, 0, 0, 0]   # z5, z6; aanvraag z2; z1's voorziening ended 31 May
    assert table[Q[2]] == table[Q[3]] == [0] * 6
    assert table["Totaal"] == [4, 2, 1, 1, 0, 0]


def test_clients_with_an_active_voorziening_at_the_end_of_each_quarter(history):
    table = values(instroom.actieve_clienten(scope_for("management", WOERDEN)))
    assert table[Q[0]] == [1, 0]     # z1 (1 Mar – 31 May)
    assert table[Q[1]] == [1, 0]     # z2 from 1 Jun; z1 ended
    assert table[Q[2]] == [1, 0]     # today, 1 July: z2
    assert table[Q[3]] == [None, None]  # not yet


def test_doorlooptijd_median_and_90th_percentile(history):
    table = values(doorlooptijd.doorlooptijd(scope_for("management", WOERDEN)))
    assert table[Q[0]][:3] == [1, 46, 46]
    assert table[Q[1]][:3] == [1, 65, 65]
    assert table["Hele periode"][:3] == [2, 55.5, 65]   # median of 46 and 65; nearest rank ⌈0.9·2⌉ = 2nd
    assert table["Hele periode"][3:] == [0, None, None]  # no Jeugd beschikking


def test_nearest_rank_percentile():
    assert doorlooptijd.percentile([5, 1, 4, 2, 3], 0.9) == 5
    assert doorlooptijd.percentile(list(range(1, 21)), 0.9) == 18


def test_legal_deadlines_met_with_a_term_ending_on_koningsdag(history):
    table = values(termijnen.termijnen(scope_for("management", WOERDEN)))
    # columns: op tijd, te laat, afgelopen, % op tijd, nu over de termijn
    onderzoek, beschikking, jeugd = (table[label] for _d, _s, label in termijnen.TERMEN)
    # z1 on time; z2 met on 28 April — 6 weeks end on Koningsdag, so that is in time; z5 late and overdue;
    # z6 still running (not counted).
    assert onderzoek[:3] + onderzoek[4:] == [2, 1, 3, 1]
    assert onderzoek[3] == pytest.approx(200 / 3)
    assert beschikking[:3] + beschikking[4:] == [1, 1, 2, 0]   # z1 in time, z2 a week late
    assert jeugd[:3] + jeugd[4:] == [0, 1, 1, 1]               # z3 never decided
    assert table["Totaal"][:3] + table["Totaal"][4:] == [3, 3, 6, 2]


def test_a_term_on_koningsdag_runs_to_the_next_day():
    from app.domain.deadlines import onderzoek_deadline
    assert onderzoek_deadline(date(2026, 3, 16)).due == date(2026, 4, 28)  # 42 days = Mon 27 April


def test_deadlines_met_per_quarter(history):
    table = values(termijnen.termijnen_per_periode(scope_for("management", WOERDEN)))
    # Q1: onderzoek z1 (due 16 Feb) in time; beschikking z1 in time; Jeugd z3 (due 9 Mar) late.
    assert table[Q[0]] == [100, 100, 0]
    # Q2: onderzoek z2 in time, z5 late; beschikking z2 late; no Jeugd term.
    assert table[Q[1]] == [50, 0, None]


def test_werkvoorraad_per_lane_and_age(history):
    table = values(werkvoorraad.werkvoorraad(scope_for("management", WOERDEN)))
    assert table == {"Consulent": [0, 1, 0, 0, 1, 2], "Totaal": [0, 1, 0, 0, 1, 2]}  # 7 and 58 days old


def test_toewijzingen_per_category_and_aanbieder(history):
    table = toewijzingen.per_categorie(scope_for("management", WOERDEN))
    assert [c.label for c in table.columns] == ["Thuiszorg Het Groene Hart", "Zorggroep De Linge", "Totaal"]
    assert values(table) == {"01 Hulp bij het huishouden": [1, 0, 1], "02 Begeleiding individueel": [0, 1, 1],
                             "Totaal": [1, 1, 2]}


def test_302_within_3_werkdagen_counts_holidays_out(history):
    table = values(toewijzingen.antwoordtijd(scope_for("management", WOERDEN)))
    # X: 301 Fri 20 Feb, 302 Tue 24 Feb; Y: 301 Wed 20 May, 302 Tue 26 May (Tweede Pinksterdag skipped)
    assert table["Thuiszorg Het Groene Hart"] == [1, 0, 1, 100]
    assert table["Zorggroep De Linge"] == [1, 0, 1, 100]


def test_declaratie_refusal_rate(history):
    table = values(toewijzingen.afkeur(scope_for("management", WOERDEN)))
    assert table["Thuiszorg Het Groene Hart"][:3] == [2, 1, 3]
    assert table["Thuiszorg Het Groene Hart"][3] == pytest.approx(100 / 3)
    assert table["Zorggroep De Linge"] == [1, 0, 1, 0]
    assert table["Totaal"][:3] == [3, 1, 4]


def test_spending_per_quarter_and_category(history):
    table = uitgaven.uitgaven(scope_for("management", WOERDEN))
    assert [c.label for c in table.columns] == ["01 Hulp bij het huishouden", "02 Begeleiding individueel", "Totaal"]
    assert values(table) == {Q[0]: [32500, 0, 32500], Q[1]: [39000, 49920, 88920], Q[2]: [0, 0, 0],
                             Q[3]: [0, 0, 0], "Totaal": [71500, 49920, 121420]}


def test_budget_uitputting_and_the_committed_amount_of_active_toewijzingen(history):
    table = values(uitgaven.budget_uitputting(scope_for("management", WOERDEN)))
    # columns: budget, besteed, uitputting, verplicht, besteed + verplicht, ruimte
    assert table["01 Hulp bij het huishouden"] == [100000, 71500, 71.5, 0, 71500, 28500]  # z1's care ended 31 May
    # z2: 2 uur per week × € 62,40 from 1 July to 31 December (184 days): 2 × 6240 × 184 / 7 = 328.045,7 cents
    assert table["02 Begeleiding individueel"] == [200000, 49920, 24.96, 328046, 377966, -177966]
    assert table["Totaal"] == [300000, 121420, pytest.approx(121420 / 3000), 328046, 449466, -149466]


def test_the_samenwerkingsverband_adds_up_its_gemeenten_and_a_manager_of_one_sees_only_theirs(history):
    both = values(instroom.instroom_uitstroom(scope_for("management")))
    assert both[Q[0]][0] == 3  # z1, z2 and Oudewater's zaak
    only_b = scope_for("management-oudewater")
    assert only_b.gemeente_ids == (db.session.scalar(select(Gemeente.id).where(Gemeente.code == OUDEWATER)),)
    assert values(instroom.instroom_uitstroom(only_b))["Totaal"] == [1, 0, 0, 0, 0, 0]
    assert values(uitgaven.uitgaven(only_b))["Totaal"] == [10000, 10000]
    assert values(doorlooptijd.doorlooptijd(only_b))["Hele periode"][:3] == [1, 36, 36]
    assert values(werkvoorraad.werkvoorraad(only_b)) == {"Totaal": [0, 0, 0, 0, 0, 0]}


def test_the_wijk_filter_and_the_category_filter(history):
    wijk = values(instroom.instroom_uitstroom(scope_for("management", WOERDEN, wijk="Snel en Polanen")))
    assert wijk["Totaal"] == [0, 0, 0, 1, 0, 0]  # only z3 (Jeugd)
    cat = values(uitgaven.uitgaven(scope_for("management", WOERDEN, categorie="02")))
    assert cat["Totaal"] == [49920, 49920]
