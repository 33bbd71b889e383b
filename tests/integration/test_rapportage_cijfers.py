"""The dashboard's figures kept per scope (#11, services/rapportage/cijfers.py): what is kept is exactly what is
computed (page, CSV, XLSX, JSON; a hidden cell without its value); the page, the exports and the API read the kept
figures while they are young enough, and compute them again when they are older; the tick keeps the scopes looked
at lately current and forgets the others; a manager never reads a scope built for another's gemeenten."""
import copy
import io
import re
from datetime import date, datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app import db
from app.jobs import tasks
from app.models import RapportageCijfers, Zaak
from app.services.demo_data import OUDEWATER, WOERDEN
from app.services.rapportage import cijfers, dashboard
from rapportage_data import History, make_history
from test_rapportage_kpi import scope_for

ARGS = {"gemeente": WOERDEN, "jaar": 2026, "per": "kwartaal"}


@pytest.fixture
def kept(app):
    """Figures are kept for 90 seconds, as in production."""
    app.config["RAPPORTAGE_CIJFERS_SECONDEN"] = 90
    yield
    app.config["RAPPORTAGE_CIJFERS_SECONDEN"] = 0


def _rows() -> list[RapportageCijfers]:
    db.session.expire_all()
    return list(db.session.scalars(select(RapportageCijfers).order_by(RapportageCijfers.id)))


def _tables_html(page: str) -> str:
    """The page's main part without the sentence that says when the figures were computed."""
    page = page[page.index("<main"):page.index("</main>")]
    return re.sub(r'<p class="utrecht-paragraph cumulus-prose" id="rapport-stand">.*?</p>', "", page, flags=re.S)


@pytest.mark.parametrize("filters", [{}, {"per": "maand"}, {"per": "jaar"}, {"wijk": "Snel en Polanen"},
                                     {"categorie": "01"}])
def test_the_kept_figures_are_the_computed_figures_on_the_page_and_in_every_export(app, client_as, filters):
    make_history()
    web, args = client_as("management"), {**ARGS, **filters}
    fresh = web.get("/rapportage/", query_string=args).get_data(as_text=True)
    files = {(key, fmt): web.get("/rapportage/export", query_string={**args, "tabel": key, "formaat": fmt}).data
             for key in dashboard.TABLES for fmt in ("csv", "xlsx")}
    assert not _rows()  # computed every time: nothing kept
    app.config["RAPPORTAGE_CIJFERS_SECONDEN"] = 90
    try:
        first = web.get("/rapportage/", query_string=args).get_data(as_text=True)
        assert len(_rows()) == 1 and "Deze cijfers zijn berekend om" in first
        assert "wat u hier ziet, is nooit ouder dan\n  anderhalve minuut." in first
        again = web.get("/rapportage/", query_string=args).get_data(as_text=True)  # read from the kept row
        assert _tables_html(again) == _tables_html(first) == _tables_html(fresh)
        for (key, fmt), body in files.items():
            served = web.get("/rapportage/export", query_string={**args, "tabel": key, "formaat": fmt}).data
            if fmt == "csv":
                assert served == body, key
            else:
                assert _sheet(served) == _sheet(body), key
    finally:
        app.config["RAPPORTAGE_CIJFERS_SECONDEN"] = 0
    assert len(_rows()) == 1


def _sheet(data: bytes) -> list:
    return [[c.value for c in row] for row in load_workbook(io.BytesIO(data)).active.iter_rows()]


def test_a_hidden_cell_is_kept_without_its_value_and_persons_are_not_kept(kept):
    make_history()
    scope = scope_for("management", OUDEWATER)
    groups, _ = cijfers.dashboard(scope)
    computed = {t.key: t for _k, _h, tables in dashboard.dashboard(scope_for("management", OUDEWATER))
                for t in tables}
    record = next(t for _k, _h, tables in _rows()[0].tabellen for t in tables if t["key"] == "instroom")
    hidden = [(label, cell) for label, cells in record["rows"] for cell in cells if cell[1] != "getoond"]
    assert hidden and all(value is None for _label, (value, _status) in hidden)
    assert any(c.value for _label, cells in computed["instroom"].rows for c in cells if not c.shown)  # there was one
    assert [t.as_json() for _k, _h, tables in groups for t in tables] == \
        [t.as_json() for t in computed.values()]


def test_page_export_and_api_read_the_kept_figures_while_young_and_compute_when_older(client_as, api_as, kept):
    h = History()
    _meldingen(h, 6)
    web, api = client_as("management"), api_as("management")
    web.get("/rapportage/", query_string=ARGS)
    row = _rows()[0]
    assert _meldingen_q1(api) == 6
    _meldingen(h, 1)  # a new melding: the kept figures do not have it yet …
    assert _meldingen_q1(api) == 6
    csv = web.get("/rapportage/export", query_string={**ARGS, "tabel": "instroom"}).get_data().decode("utf-8-sig")
    assert _rows()[0].berekend_op == row.berekend_op and csv.splitlines()[2].startswith("1e kwartaal 2026;6;")
    _age(seconds=91)  # … and once they are older than 90 seconds, the next read computes them again
    assert _meldingen_q1(api) == 7
    assert len(_rows()) == 1


def _meldingen(h: History, n: int) -> None:
    """`n` Wmo meldingen of Woerden inwoners who had none, on 3 February 2026."""
    taken = set(db.session.scalars(select(Zaak.person_id)))
    people = [p for p in h.people[WOERDEN] if p.id not in taken][:n]
    assert len(people) == n
    for person in people:
        h.zaak(person, "wmo", date(2026, 2, 3))
    db.session.commit()


def _meldingen_q1(api) -> int:
    """The Wmo meldingen of the 1st quarter of 2026 (Woerden), as the API gives them."""
    table = api.get("/api/v1/rapportage/instroom", query_string=ARGS).json["tabel"]
    return next(r for r in table["rijen"] if r["naam"] == "1e kwartaal 2026")["cellen"][0]["waarde"]


def _age(seconds: float, seen_minutes: float = 0, day: date | None = None) -> None:
    now = datetime.now(timezone.utc)
    for row in _rows():
        row.berekend_op = now - timedelta(seconds=seconds)
        row.bekeken_op = now - timedelta(minutes=seen_minutes)
        if day is not None:
            row.peildatum = day
    db.session.commit()


def test_the_reads_serve_what_is_kept_not_a_computation(client_as, api_as, kept):
    """A kept value changed in the database (as a computation a minute ago could have left it) is what the page,
    the export and the API show: they read the row."""
    make_history()
    web = client_as("management")
    web.get("/rapportage/", query_string=ARGS)
    row = _rows()[0]
    tables = copy.deepcopy(row.tabellen)
    instroom = next(t for _k, _h, ts in tables for t in ts if t["key"] == "instroom")
    instroom["rows"][-1][1][0] = [777, "getoond"]
    row.tabellen = tables
    db.session.commit()
    assert ">777<" in web.get("/rapportage/", query_string=ARGS).get_data(as_text=True)
    csv = web.get("/rapportage/export", query_string={**ARGS, "tabel": "instroom"}).get_data().decode("utf-8-sig")
    assert [line for line in csv.splitlines() if line.startswith("Totaal;")] == ["Totaal;777;< 5;< 5;< 5;0;0"]
    json = api_as("management").get("/api/v1/rapportage/instroom", query_string=ARGS).json
    assert json["tabel"]["rijen"][-1]["cellen"][0] == {"waarde": 777, "afgeschermd": None}
    assert json["berekend_op"] == row.berekend_op.isoformat(timespec="seconds")


def test_the_tick_computes_again_what_was_looked_at_lately_and_forgets_the_rest(client_as, api_as, kept):
    h = History()
    _meldingen(h, 6)
    web = client_as("management")
    web.get("/rapportage/", query_string=ARGS)
    web.get("/rapportage/", query_string={**ARGS, "per": "maand"})
    _meldingen(h, 1)

    _age(seconds=50, seen_minutes=10)  # looked at ten minutes ago, computed 50 s ago: the tick computes again
    before = {r.id: r.berekend_op for r in _rows()}
    done = tasks.refresh_rapportage()
    assert done["cijfers"]["berekend"] == 2
    assert all(r.berekend_op > before[r.id] for r in _rows())
    assert _meldingen_q1(api_as("management")) == 7  # the new melding, without a computation on the read
    assert len(_rows()) == 2

    _age(seconds=50, seen_minutes=40)  # nobody looked for 40 minutes: kept, not computed again
    before = {r.id: r.berekend_op for r in _rows()}
    assert tasks.refresh_rapportage()["cijfers"]["berekend"] == 0
    assert {r.id: r.berekend_op for r in _rows()} == before

    _age(seconds=50, seen_minutes=25 * 60)  # nobody looked for a day: forgotten
    assert tasks.refresh_rapportage()["cijfers"]["verwijderd"] == 2 and not _rows()

    web.get("/rapportage/", query_string=ARGS)
    _age(seconds=50, day=date.today() - timedelta(days=1))  # figures of yesterday: forgotten
    done = tasks.refresh_rapportage()["cijfers"]
    assert done["verwijderd"] == 1 and done["berekend"] == 0 and not _rows()


def test_each_manager_reads_only_the_figures_of_their_own_scope(client_as, api_as, kept):
    make_history()
    both, own = client_as("management"), client_as("management-oudewater")
    both.get("/rapportage/", query_string={"jaar": 2026})  # the samenwerkingsverband
    mine = api_as("management-oudewater").get("/api/v1/rapportage/instroom", query_string={"jaar": 2026}).json
    assert mine["bereik"] == "Gemeente Oudewater"
    rows = _rows()
    assert len(rows) == 2 and {tuple(r.bereik["gemeenten"]) for r in rows} == {
        tuple(scope_for("management", None).gemeente_ids), tuple(scope_for("management-oudewater").gemeente_ids)}
    page = own.get("/rapportage/", query_string={"jaar": 2026}).get_data(as_text=True)
    assert "Samenwerkingsverband" not in page and len(_rows()) == 2
    computed = dashboard.table(scope_for("management-oudewater", per="maand"), "instroom").as_json()
    assert mine["tabel"] == computed


def test_two_computations_of_one_scope_leave_one_row_the_one_that_started_last(kept):
    make_history()
    now = datetime.now(timezone.utc)
    cijfers._compute_and_keep(scope_for("management", WOERDEN), now, seen=True)
    cijfers._compute_and_keep(scope_for("management", WOERDEN), now + timedelta(seconds=2), seen=False)
    rows = _rows()
    assert len(rows) == 1 and rows[0].berekend_op == now + timedelta(seconds=2) and rows[0].bekeken_op == now
    cijfers._compute_and_keep(scope_for("management", WOERDEN), now + timedelta(seconds=1), seen=True)  # ends last
    rows = _rows()
    assert len(rows) == 1 and rows[0].berekend_op == now + timedelta(seconds=2) and rows[0].bekeken_op == now


def test_without_keeping_every_read_computes_and_the_tick_does_nothing(client_as):
    make_history()
    client_as("management").get("/rapportage/", query_string=ARGS)
    assert not _rows()
    assert tasks.refresh_rapportage()["cijfers"]["berekend"] == 0
