"""The summaries the rapportage reads (#11): a change — a new declaratie, a task done — is in them after the refresh
the tick runs (and not before: the page says when they were made), and on three years of demo history the figures
read through them are exactly those computed from the rows, for every filter."""
from datetime import date

import pytest
from sqlalchemy import func, select

from app import db
from app.jobs import tasks
from app.models import RapportageStand, RapportageWijziging
from app.services.demo_data import WOERDEN
from app.services.rapportage import bron, samenvatting_lezen, stappen, uitgaven
from rapportage_data import AANBIEDER_X, TODAY, History, make_history
from test_rapportage_kpi import scope_for, values
from test_rapportage_prognose import demo_history  # noqa: F401 — the fixture


@pytest.fixture
def on_the_tick(app):
    """Reads do not refresh: only the tick does, as in production."""
    app.config["RAPPORTAGE_BIJWERKEN_BIJ_LEZEN"] = False
    yield
    app.config["RAPPORTAGE_BIJWERKEN_BIJ_LEZEN"] = True


def _raw(scope):
    """The same scope, told that there are no summaries: bron.py computes from the rows."""
    scope.memo.clear()
    scope.memo["samenvatting_stand"] = None
    return scope


def test_a_new_declaratie_and_a_finished_task_are_in_the_summary_after_the_tick(app, on_the_tick):
    made = make_history()
    tasks.tick()
    scope = scope_for("management", WOERDEN)
    assert samenvatting_lezen.ready(scope) is not None
    before = values(uitgaven.uitgaven(scope))["2e kwartaal 2026"]
    assert before[-1] == 39000 + 49920  # April X, June Y (rapportage_data.py)

    h = History()
    from app.models import Toewijzing, Zaak, Person
    t1 = db.session.scalar(select(Toewijzing).where(Toewijzing.zaak_id == made["z1"]))
    person = db.session.get(Person, db.session.get(Zaak, made["z1"]).person_id)
    h.declaratie(WOERDEN, AANBIEDER_X, [(t1, person, date(2026, 5, 1), 12345, "goedgekeurd")])
    h.task(db.session.get(Zaak, made["z1"]), "besluit_voorbereiden", "consulent", date(2026, 4, 1), date(2026, 4, 9))
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(RapportageWijziging)) >= 2  # marked with the change

    still = scope_for("management", WOERDEN)
    assert values(uitgaven.uitgaven(still))["2e kwartaal 2026"] == before  # the summary is of the last refresh
    tasks.tick()
    after = scope_for("management", WOERDEN)
    assert values(uitgaven.uitgaven(after))["2e kwartaal 2026"][-1] == before[-1] + 12345
    assert db.session.scalar(select(func.count()).select_from(RapportageWijziging)) == 0
    steps = {label: v for label, v in values(stappen.per_stap(after)).items()}
    assert steps["Wmo: besluit_voorbereiden"][0] == 1
    assert steps == values(stappen.per_stap(_raw(scope_for("management", WOERDEN))))


def test_the_page_says_when_the_summaries_were_made(app, client_as, on_the_tick):
    make_history()
    web = client_as("management")
    assert "Alle cijfers zijn van dit moment" in web.get(f"/rapportage/?gemeente={WOERDEN}").get_data(as_text=True)
    tasks.tick()
    stand = db.session.scalar(select(RapportageStand))
    page = web.get(f"/rapportage/?gemeente={WOERDEN}").get_data(as_text=True)
    assert f"bijgewerkt om {samenvatting_lezen.bijgewerkt_om(stand)}" in page


SCOPES = [{}, {"per": "maand"}, {"per": "jaar"}, {"wijk": "Centrum"}, {"categorie": "01"}, {"categorie": "45"},
          {"aanbieder_id": 1}, {"team": "Team Noord"}]
CALLS = [(("periode", "categorie"), ("goedgekeurd",)), (("periode",), ("goedgekeurd",)), (("categorie",), ("goedgekeurd",)),
         ((), ("goedgekeurd",)), (("aanbieder", "status"), ("goedgekeurd", "afgekeurd")),
         (("aanbieder",), ("goedgekeurd", "afgekeurd")), (("status",), ("goedgekeurd", "afgekeurd")),
         ((), ("goedgekeurd", "afgekeurd")), (("begin", "categorie"), ("goedgekeurd",))]


def test_the_summary_and_the_rows_agree_on_the_demo_history(demo_history):  # noqa: F811
    for filters in SCOPES:
        args = {"per": "kwartaal", "jaar": date.today().year, **filters}
        found = scope_for("management", WOERDEN, **args)
        summarised = type(found)(*_fields(found)[:5], date.today())
        for by, statuses in CALLS:
            start, end = summarised.start, summarised.end
            if "begin" in by:
                start = date(summarised.filters.jaar - 2, 1, 1)
            read = samenvatting_lezen.prestatie_sums(summarised, start, end, by, statuses)
            assert read is not None, (filters, by, statuses)
            rows = bron.prestatie_sums(_raw(type(found)(*_fields(summarised))), start, end, by, statuses)
            assert read == rows, (filters, by, statuses)
        waits = samenvatting_lezen.step_waits(summarised)
        assert waits is not None, filters
        assert _rounded(waits) == _rounded(bron.step_waits(_raw(type(found)(*_fields(summarised))))), filters


def _fields(scope):
    return scope.gemeente_ids, scope.label, scope.filters, scope.periods, scope.wijken, scope.today


def _rounded(waits):
    return sorted((w.domein, w.spec_name, w.tasks, w.persons, round(w.median_days, 6), round(w.p90_days, 6))
                  for w in waits)


def test_a_scope_the_summaries_do_not_hold_is_computed_from_the_rows(app):
    make_history()
    old = scope_for("management", WOERDEN, jaar=2019, per="jaar")
    old = type(old)(*_fields(old)[:5], TODAY)
    assert samenvatting_lezen.prestatie_sums(old, old.start, old.end, (), ("goedgekeurd",)) is None
    assert uitgaven.uitgaven(old).rows  # and the table is still made, from the rows
