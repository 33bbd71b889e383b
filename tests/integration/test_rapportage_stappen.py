"""The werkvoorraad per medewerker and the doorlooptijd per stap of the process (#11) for hand-made tasks,
compared with the figures worked out by hand here; a step done for fewer than 5 persons shows no median."""
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from app import db
from app.models import User
from app.services.demo_data import WOERDEN
from app.services.rapportage import stappen, werkvoorraad
from rapportage_data import History
from test_rapportage_kpi import scope_for, values


@pytest.fixture
def tasks(app):
    """Six triage tasks of six Woerden inwoners (waits 1, 2, 2.5, 3, 4 and 10 days, done in 2026), two intake
    tasks of two of them (waits 5 and 7 days), and open tasks: three picked up by the consulent, one by no one."""
    h = History()
    people = h.people[WOERDEN][:6]
    consulent = db.session.scalar(select(User).where(User.username == "consulent"))
    for person, wait in zip(people, (1, 2, 2.5, 3, 4, 10)):
        zaak = h.zaak(person, "wmo", date(2026, 3, 2))
        done = h.task(zaak, "triage", "consulent", date(2026, 3, 2))
        _completed(done, datetime(2026, 3, 2, 9, tzinfo=timezone.utc), wait)
        if wait in (2, 3):
            intake = h.task(zaak, "intake", "consulent", date(2026, 4, 1))
            _completed(intake, datetime(2026, 4, 1, 9, tzinfo=timezone.utc), 5 if wait == 2 else 7)
    for person, created, assignee in ((people[0], date(2026, 6, 30), consulent), (people[1], date(2026, 6, 20), consulent),
                                      (people[2], date(2026, 5, 1), consulent), (people[3], date(2026, 6, 29), None)):
        task = h.task(h.zaak(person, "wmo", created), "onderzoek_gesprek", "consulent", created)
        task.assignee_id = assignee.id if assignee else None
    db.session.flush()
    return consulent


def _completed(task, created: datetime, wait_days: float) -> None:
    task.status, task.created_at = "completed", created
    task.completed_at = created + timedelta(days=wait_days)


def test_doorlooptijd_per_stap_longest_wait_first(tasks):
    table = stappen.per_stap(scope_for("management", WOERDEN))
    assert values(table) == {"Wmo: triage": [6, 2.8, 10.0], "Wmo: intake": [2, 6.0, 7.0]}
    assert [label for label, _ in table.rows] == ["Wmo: triage", "Wmo: intake"]  # hidden ones last, by name
    # the median of 1, 2, 2.5, 3, 4, 10 is 2.75 days → 2.8; the 90th percentile (nearest rank) is the 6th value
    shown = {label: [cell.shown for cell in cells] for label, cells in table.rows}
    assert shown["Wmo: triage"] == [True, True, True]
    assert shown["Wmo: intake"] == [False, False, False]  # two persons: "< 5"


def test_werkvoorraad_per_medewerker_and_the_tasks_no_one_picked_up(tasks):
    table = werkvoorraad.per_medewerker(scope_for("management", WOERDEN))
    rows = values(table)
    # today is 1 July 2026: ages 1, 11 and 61 days for the consulent, 2 days for the one no one has;
    # the fixture of rapportage_data adds no tasks here (this test makes its own history)
    assert rows[tasks.display_name] == [1, 1, 0, 0, 1, 3]
    assert rows[werkvoorraad.NOT_PICKED_UP] == [1, 0, 0, 0, 0, 1]
    assert rows["Totaal"] == [2, 1, 0, 0, 1, 4]
    assert list(rows)[-1] == "Totaal"


def test_a_manager_of_another_gemeente_sees_none_of_these_tasks(tasks):
    from app.services.demo_data import OUDEWATER
    assert values(stappen.per_stap(scope_for("management", OUDEWATER))) == {}
    assert values(werkvoorraad.per_medewerker(scope_for("management", OUDEWATER))) == {"Totaal": [0, 0, 0, 0, 0, 0]}
