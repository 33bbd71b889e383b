"""Quality per aanbieder (#12 point 3): every figure for the hand-made history of kwaliteit_data.py against the
numbers worked out there, with the small cells shown as "< 5"; the public figures of the sociale kaart; and the
page as the contractmanager sees it (their gemeenten only, a period filter)."""
from datetime import date

import pytest

from app.services import kwaliteit
from kwaliteit_data import TODAY, make_kwaliteit_history


@pytest.fixture
def history(app):
    return make_kwaliteit_history()


def figures(history, periode_key="12m", today=TODAY):
    return kwaliteit.kwaliteit(history["aanbieder_id"], [history["gemeente_id"]],
                               kwaliteit.periode_of(periode_key, today), today)


def test_the_periods_are_the_last_12_months_and_four_years():
    options = kwaliteit.periodes(TODAY)
    assert [(p.key, p.start, p.end) for p in options[:2]] == [("12m", date(2025, 7, 2), TODAY),
                                                              ("2026", date(2026, 1, 1), TODAY)]
    assert [p.key for p in options[2:]] == ["2025", "2024", "2023"]
    assert kwaliteit.periode_of("1999", TODAY) is None and kwaliteit.periode_of(None, TODAY).key == "12m"


def test_answer_time_against_the_3_werkdagen_term(history):
    f = figures(history)
    assert (f.antwoord_geteld.value, f.antwoord_geteld.shown) == (7, True)
    # 5 of 7 in time, but the 2 late ones would be revealed: the share is hidden as "< 5"
    assert round(f.antwoord_op_tijd.value, 1) == 71.4 and f.antwoord_op_tijd.status == "klein"
    assert (f.antwoord_mediaan.value, f.antwoord_mediaan.shown) == (3, True)


def test_start_of_care_after_the_toewijzing_and_clients_in_care(history):
    f = figures(history)
    assert (f.start_geteld.value, f.start_mediaan.value, f.start_mediaan.shown) == (6, 8.5, True)
    assert (f.in_zorg.value, f.in_zorg.shown) == (6, True)


def test_declaraties_refused_with_their_reasons_are_small_cells(history):
    f = figures(history)
    assert (f.regels.value, f.regels.shown) == (7, True)
    assert (f.afgekeurd.value, f.afgekeurd.status) == (2, "klein")
    assert round(f.afgekeurd_procent.value, 1) == 28.6 and not f.afgekeurd_procent.shown
    reasons = {label: cells[0] for label, cells in f.redenen.rows}
    assert [label[:4] for label in reasons] == ["0611", "9307"]
    assert "tarief" in next(iter(reasons)) and all(c.status == "klein" for c in reasons.values())


def test_klachten_by_state_are_counted_and_protected(history):
    rows = {label: [(c.value, c.status) for c in cells] for label, cells in figures(history).klachten.rows}
    assert [v for v, _ in rows["Klacht"]] == [1, 0, 0, 1] and [v for v, _ in rows["Signaal"]] == [0, 0, 1, 1]
    assert rows["Totaal"][3] == (2, "klein")
    assert all(s != "getoond" for label in rows for v, s in rows[label] if v)


def test_the_year_2024_has_none_of_this_history(history):
    f = figures(history, "2024")
    assert f.antwoord_geteld.value == 1 and f.antwoord_geteld.status == "klein"  # the 2024 toewijzing of p3
    assert f.regels.value == 0 and f.klachten.rows[-1][1][3].value == 0


def test_the_public_figures_of_the_kaart(history):
    cijfers = kwaliteit.publieke_cijfers(history["aanbieder_id"], history["gemeente_id"], TODAY)
    assert cijfers.antwoord_op_tijd.status == "klein"
    assert (cijfers.start_mediaan.value, cijfers.start_mediaan.shown) == (8.5, True) and cijfers.any_shown


def test_the_page_shows_the_figures_and_small_cells(history, client_as, monkeypatch):
    page = client_as("contractmanager").get(f"/contracten/aanbieders/{history['aanbieder_id']}/kwaliteit?periode=2026")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Kwaliteit van" in html
    assert "&lt; 5" in html and "0611: Het tarief komt niet overeen" in html
    assert "8,5" in html and "Mediaan tot het antwoord" in html


def test_a_wrong_period_or_gemeente_is_named_beside_the_filter(history, client_as):
    client = client_as("contractmanager")
    page = client.get(f"/contracten/aanbieders/{history['aanbieder_id']}/kwaliteit?periode=1999")
    assert page.status_code == 400 and "Kies een periode uit de lijst." in page.get_data(as_text=True)


def test_the_contractmanager_of_oudewater_sees_only_oudewater(history, client_as):
    page = client_as("contractmanager-oudewater").get(
        f"/contracten/aanbieders/{history['aanbieder_id']}/kwaliteit?periode=2026")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Gemeente Oudewater" in html
    assert "Gemeente Woerden" not in html.split("<h1")[1]
    # Oudewater's only line is one refused line without a retourcode
    assert "Zonder retourcode" in html and "0611" not in html


def test_the_kaart_page_of_a_contracted_aanbieder_shows_its_figures_in_plain_words(history, app):
    from kaart_data import demo_kaart, entry_named
    gemeenten, client = demo_kaart(), app.test_client()
    entry = entry_named("Hulp bij het huishouden (demo)")
    html = client.get(f"/sociale-kaart/{gemeenten['0632'].code}/{entry.id}").get_data(as_text=True)
    section = html.split('id="kaart-kwaliteit-kop"')[1]
    assert "Hoe snel is deze zorgaanbieder?" in html
    # over the last 12 months before today: the March–June 2026 toewijzingen of the hand-made history
    assert "Te weinig inwoners om dit te laten zien (minder dan 5)." in section  # the answer share: 2 late
    assert "Meestal 9 dagen na de opdracht van de gemeente" in section or date.today() > date(2027, 3, 1)
    buurthuis = entry_named("Buurthuis De Brug (demo)")
    other = client.get(f"/sociale-kaart/{gemeenten['0632'].code}/{buurthuis.id}").get_data(as_text=True)
    assert "Hoe snel is deze zorgaanbieder?" not in other  # no aanbieder, no figures
