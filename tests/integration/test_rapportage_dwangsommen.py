"""The management figures of #17 point 4: the ingebrekestellingen of a period, the dwangsommen they set running,
their days and amounts as the law gives them and as set by beschikking — worked out by hand for 'today' = 1 July
2026 — and hidden as "< 5" when they are about fewer than five persons; the rapportage page and its export show
the table."""
from datetime import date, timedelta

from sqlalchemy import select

from app import db
from app.domain import dwangsom as rule
from app.models import Beschikking, Ingebrekestelling
from app.services.demo_data import WOERDEN
from app.services.rapportage import dwangsommen
from rapportage_data import TODAY, History, at
from test_rapportage_kpi import scope_for, values


def _ingebrekestelling(h: History, person, domein: str, received: date, **extra) -> Ingebrekestelling:
    zaak = h.zaak(person, domein, received - timedelta(days=60))
    herstel = rule.hersteltermijn(received).due
    row = Ingebrekestelling(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, termijn_soort="beschikking",
                            termijn_tot=received - timedelta(days=5), ontvangen_op=received, ontvangen_via="brief",
                            hersteltermijn_tot=herstel, eerste_dag=herstel + timedelta(days=1), **extra)
    db.session.add(row)
    db.session.flush()
    return row


def make_dwangsommen(count_wmo: int = 2) -> None:
    h = History()
    people = h.people[WOERDEN]
    # Mon 4 May: two weeks end Mon 18 May, dwangsom from 19 May; by 1 July 44 days → capped at 42: € 1,442, set so
    _ingebrekestelling(h, people[0], "wmo", date(2026, 5, 4), vastgesteld_bedrag=1442, vastgesteld_op=TODAY)
    # Mon 1 June: two weeks end Mon 15 June, from 16 June; 16 June .. 1 July = 16 days: 14 × 23 + 2 × 35 = € 392
    for person in people[1:count_wmo]:
        _ingebrekestelling(h, person, "wmo", date(2026, 6, 1))
    # Jeugd, Wed 10 June: decided 20 June, within the two weeks (to Wed 24 June): no dwangsom
    row = _ingebrekestelling(h, people[count_wmo], "jeugd", date(2026, 6, 10))
    db.session.add(Beschikking(zaak_id=row.zaak_id, gemeente_id=row.gemeente_id, besluit="toekennen",
                               motivering="Nodig.", vastgesteld_op=at(date(2026, 6, 19)),
                               bekendgemaakt_op=date(2026, 6, 20)))
    db.session.commit()


def test_the_figures_per_law_by_hand(app):
    make_dwangsommen()
    table = dwangsommen.dwangsommen(scope_for("management", WOERDEN))
    got = values(table)
    assert got["Wmo 2015"] == [2, 2, 42 + 16, (1442 + 392) * 100, 1442 * 100]
    assert got["Jeugdwet"] == [1, 0, 0, 0, 0]
    assert got["Totaal"] == [3, 2, 58, 183400, 144200]
    shown = {label: [cell.public_value for cell in cells] for label, cells in table.rows}
    assert shown["Wmo 2015"] == [None] * 5 and shown["Totaal"][0] is None  # two and three persons: "< 5"


def test_five_persons_are_shown_and_the_page_and_export_have_the_table(app, client_as):
    make_dwangsommen(count_wmo=6)
    table = dwangsommen.dwangsommen(scope_for("management", WOERDEN))
    wmo = dict(table.rows)["Wmo 2015"]
    assert wmo[1].public_value == 6 and wmo[3].public_value == (1442 + 5 * 392) * 100  # six persons: shown
    assert wmo[4].shown is False  # one set by beschikking: "< 5"
    # the one Jeugd ingebrekestelling is hidden, and so is Wmo's count beside it: total minus Wmo would give it away
    assert dict(table.rows)["Jeugdwet"][0].status == "klein" and wmo[0].status == "afgeschermd"
    client = client_as("management")
    page = client.get(f"/rapportage/?gemeente={WOERDEN}&jaar=2026").get_data(as_text=True)
    assert "Dwangsommen bij niet tijdig beslissen" in page
    export = client.get(f"/rapportage/export?tabel=dwangsommen&formaat=csv&gemeente={WOERDEN}&jaar=2026")
    assert export.status_code == 200 and "Ingebrekestellingen" in export.get_data(as_text=True)
    assert db.session.scalar(select(Ingebrekestelling.id).limit(1)) is not None
