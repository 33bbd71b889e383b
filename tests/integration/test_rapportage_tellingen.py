"""The figures the database counts (app/services/rapportage/tellingen.py) and the voorzieningen whose care stopped,
on a small hand-made history built around the edges: a task made or done in the last half hour of a month or a day
in Dutch summer time (UTC + 2), an entered aanvraag date that is no date, a voorziening whose toewijzingen all or
only partly stopped, and the wijk filter. 'Today' is 1 July 2026; the periods are the quarters of 2026. Every
figure is worked out by hand beside it; the suite runs on SQLite and PostgreSQL alike."""
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select

from app import db
from app.models import User
from app.services.demo_data import WOERDEN
from app.services.rapportage import instroom, werkvoorraad
from rapportage_data import AANBIEDER_X, AANBIEDER_Y, History
from test_rapportage_kpi import Q, scope_for, values

SNEL = "Snel en Polanen"  # the wijk of the fifth demo person of Woerden


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.fixture
def edges(app):
    h = History()
    p1, p2, p3, _, p5 = h.people[WOERDEN][:5]
    assert p5.wijk == SNEL and SNEL not in {p1.wijk, p2.wijk, p3.wijk}
    # p1: melding on the last day of March (Q1) and a second one in February; its aanvraag was registered at
    # 00:30 on 1 April Dutch time (22:30 UTC on 31 March) without a date entered: Q2.
    za = h.zaak(p1, "wmo", date(2026, 3, 31))
    h.zaak(p1, "wmo", date(2026, 2, 5))
    h.task(za, "aanvraag_registreren", "consulent", date(2026, 3, 31), date(2026, 3, 31)).completed_at = \
        utc(2026, 3, 31, 22, 30)
    # p1's voorziening from 1 April to 31 December; both its toewijzingen stopped (14 and 20 April): it ended on
    # 20 April (uitstroom in Q2).
    b = h.beschikking(za, date(2026, 3, 31), date(2026, 4, 1), date(2026, 12, 31))
    for stop in (date(2026, 4, 14), date(2026, 4, 20)):
        h.toewijzing(za, b, AANBIEDER_X, "01A03", date(2026, 3, 31), None, date(2026, 4, 1), date(2026, 12, 31),
                     "gestopt", 2, "2").stop_zorg = stop
    # p2: melding 2 February; the aanvraag entered as "2026-02-30" (no date), so it counts on the Dutch day it was
    # registered: 23:30 on 31 March (21:30 UTC), Q1. Voorziening from 1 March, open; one toewijzing stopped on
    # 10 March, the other runs: it did not end.
    zb = h.zaak(p2, "wmo", date(2026, 2, 2))
    h.task(zb, "aanvraag_registreren", "consulent", date(2026, 3, 31), date(2026, 3, 31),
           {"aanvraag_ontvangen_op": "2026-02-30"}).completed_at = utc(2026, 3, 31, 21, 30)
    b = h.beschikking(zb, date(2026, 2, 25), date(2026, 3, 1))
    h.toewijzing(zb, b, AANBIEDER_X, "01A03", date(2026, 2, 25), None, date(2026, 3, 1), None, "gestopt", 2,
                 "2").stop_zorg = date(2026, 3, 10)
    h.toewijzing(zb, b, AANBIEDER_Y, "02A01", date(2026, 2, 25), None, date(2026, 3, 1), None, "gestart", 2, "2")
    # p3: Wmo melding 10 January, the aanvraag entered as "" (no date) registered at 00:30 on 6 January Dutch time
    # (23:30 UTC on the 5th): Q1. Voorziening 1 February – 30 June; its toewijzing stopped without a day: it ends
    # on its einddatum (uitstroom in Q2). And a Jeugd melding 15 May whose aanvraag was entered as received on
    # 30 June (with a time after it), registered on 1 July: Q2.
    zd = h.zaak(p3, "wmo", date(2026, 1, 10))
    h.task(zd, "aanvraag_registreren", "consulent", date(2026, 1, 5), date(2026, 1, 5),
           {"aanvraag_ontvangen_op": ""}).completed_at = utc(2026, 1, 5, 23, 30)
    b = h.beschikking(zd, date(2026, 1, 25), date(2026, 2, 1), date(2026, 6, 30))
    h.toewijzing(zd, b, AANBIEDER_X, "01A03", date(2026, 1, 25), None, date(2026, 2, 1), date(2026, 6, 30),
                 "gestopt", 2, "2")
    zc = h.zaak(p3, "jeugd", date(2026, 5, 15))
    h.task(zc, "aanvraag_registreren", "consulent", date(2026, 7, 1), date(2026, 7, 1),
           {"aanvraag_ontvangen_op": "2026-06-30T10:00:00"})
    # Open tasks, today 1 July. p1: made 00:30 on 25 June Dutch time (22:30 UTC on the 24th): 6 days old; and
    # 23:30 on 24 June (21:30 UTC): 7 days old, picked up by the consulent. p2: made on 2 July Dutch time: in
    # no age band, only in the totals. p5 (Snel en Polanen, melding 30 June): 23:59 on 20 May: 42 days old.
    consulent = db.session.scalar(select(User).where(User.username == "consulent"))
    h.task(za, "triage", "consulent", date(2026, 6, 24)).created_at = utc(2026, 6, 24, 22, 30)
    picked = h.task(za, "onderzoek_gesprek", "consulent", date(2026, 6, 24))
    picked.created_at, picked.assignee_id = utc(2026, 6, 24, 21, 30), consulent.id
    h.task(zb, "controleren", "backoffice", date(2026, 7, 1)).created_at = utc(2026, 7, 1, 22, 30)
    zf = h.zaak(p5, "wmo", date(2026, 6, 30))
    h.task(zf, "besluit_beoordelen", "beoordelaar", date(2026, 5, 20)).created_at = utc(2026, 5, 20, 21, 59)
    db.session.commit()
    return consulent.display_name


def cells(table) -> dict:
    return {label: [(cell.value, cell.persons) for cell in row] for label, row in table.rows}


def test_instroom_counts_each_aanvraag_on_its_dutch_day_and_persons_once(edges):
    table = cells(instroom.instroom_uitstroom(scope_for("management", WOERDEN)))
    # columns: Wmo meldingen, aanvragen, uitstroom; Jeugd meldingen, aanvragen, uitstroom — as (value, persons)
    assert table[Q[0]] == [(4, 3), (2, 2), (0, 0), (0, 0), (0, 0), (0, 0)]  # p1 twice, p2, p3; aanvragen p2, p3
    assert table[Q[1]] == [(1, 1), (1, 1), (2, 2), (1, 1), (1, 1), (0, 0)]  # p5; p1 on 1 April; p1 and p3 left
    assert table[Q[2]] == table[Q[3]] == [(0, 0)] * 6
    assert table["Totaal"] == [(5, 4), (3, 3), (2, 2), (1, 1), (1, 1), (0, 0)]


def test_a_voorziening_ends_when_all_its_care_stopped_on_a_day(edges):
    table = values(instroom.actieve_clienten(scope_for("management", WOERDEN)))
    assert table[Q[0]] == [2, 0]   # 31 March: p2 (open) and p3 (to 30 June); p1 only from 1 April
    assert table[Q[1]] == [2, 0]   # 30 June: p2 and p3; p1's care all stopped by 20 April
    assert table[Q[2]] == [1, 0]   # today: p2
    assert table[Q[3]] == [None, None]


def test_werkvoorraad_ages_on_the_dutch_date_and_per_medewerker(edges, app):
    scope = scope_for("management", WOERDEN)
    # bands: 0–6 days, 1–2 weeks, 2–4 weeks, 4–6 weeks, 6 weeks or more; then the total
    assert values(werkvoorraad.werkvoorraad(scope)) == {
        "Consulent": [1, 1, 0, 0, 0, 2], "Beoordelaar (vier ogen)": [0, 0, 0, 0, 1, 1],
        "Backoffice": [0, 0, 0, 0, 0, 1], "Totaal": [1, 1, 0, 0, 1, 4]}
    per = cells(werkvoorraad.per_medewerker(scope))
    assert list(per) == [edges, werkvoorraad.NOT_PICKED_UP, "Totaal"]
    assert per[edges] == [(0, 0), (1, 1), (0, 0), (0, 0), (0, 0), (1, 1)]
    assert per[werkvoorraad.NOT_PICKED_UP] == [(1, 1), (0, 0), (0, 0), (0, 0), (1, 1), (3, 3)]
    assert per["Totaal"] == [(1, 1), (1, 1), (0, 0), (0, 0), (1, 1), (4, 3)]  # p1 has two of the four


def test_the_wijk_filter_counts_only_that_wijk(edges):
    scope = scope_for("management", WOERDEN, wijk=SNEL)
    assert values(instroom.instroom_uitstroom(scope))["Totaal"] == [1, 0, 0, 0, 0, 0]  # p5's melding
    assert values(werkvoorraad.werkvoorraad(scope)) == {"Beoordelaar (vier ogen)": [0, 0, 0, 0, 1, 1],
                                                        "Totaal": [0, 0, 0, 0, 1, 1]}
    assert values(instroom.verwijzingen(scope))["Totaal"] == [0] * len(instroom.ROUTES)


def test_on_postgresql_the_escalations_can_be_read_from_their_partial_index(app):
    """The escalation tasks have a partial index on the very predicate the rapportage sends, and it sends that
    predicate as a literal (a bind parameter would keep the planner from matching the partial index). Which
    index the planner then picks depends on the table's statistics; that it can use this one is what we check."""
    from sqlalchemy import event, text

    from app.services.rapportage import bron
    from app.services.rapportage.scope import Filters, build_scope
    if db.session.get_bind().dialect.name != "postgresql":
        pytest.skip("a PostgreSQL partial index (the .ci/run PostgreSQL pass)")
    [definition] = db.session.execute(text(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_human_task_escalatie'")).scalars()
    assert "WHERE ((spec_name)::text ~~ 'termijn_%_overschreden'::text)" in definition, definition
    seen = []
    engine = db.session.get_bind()

    def record(conn, cursor, statement, parameters, context, executemany):
        if "overschreden" in statement and not statement.startswith("EXPLAIN"):
            seen.append((statement, parameters))
    event.listen(engine, "before_cursor_execute", record)
    try:
        user = db.session.scalar(select(User).where(User.username == "management"))
        bron.escalaties(build_scope(user, Filters(jaar=2026), None, date(2026, 7, 1)))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    [(statement, parameters)] = seen
    assert "LIKE 'termijn_%%_overschreden'" in statement or "LIKE 'termijn_%_overschreden'" in statement, statement
    assert "termijn_%_overschreden" not in str(parameters)  # a literal, not a parameter
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    for other in db.session.execute(text(  # hide the table's other (non-unique) indexes for this plan
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " WHERE i.indrelid = 'human_task'::regclass AND NOT i.indisunique"
            " AND c.relname <> 'ix_human_task_escalatie'")).scalars():
        db.session.execute(text(f'DROP INDEX "{other}"'))  # inside this transaction only: rolled back below
    try:
        plan = "\n".join(row[0] for row in db.session.connection().exec_driver_sql(f"EXPLAIN {statement}", parameters))
    finally:
        db.session.rollback()
    assert "ix_human_task_escalatie" in plan, plan
