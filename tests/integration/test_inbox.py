"""The werkvoorraad service: which open tasks a consulent sees, filtered, counted per filter value,
searched by name, BSN or zaaknummer, paged in deadline order; hand-over (with vier-ogen) and drafts."""
from datetime import timedelta

import pytest

from app import db
from app.models import HumanTask, Person, TaskDraft, Zaak
from app.models.base import utcnow
from app.services.errors import Forbidden
from app.services.inbox import TaskFilter, inbox_page, tasks_for
from app.services.tasks import claim_task, complete_task, hand_over_task, save_draft
from case_data import form_data
from case_flow import complete_steps, start_case


@pytest.fixture
def people(app) -> list[Person]:
    return db.session.query(Person).order_by(Person.id).limit(4).all()


@pytest.fixture
def cases(api_as, people) -> list[HumanTask]:
    """One open triage task per person: Wmo for the first three, Jeugd for the fourth; due in 0..3 weeks."""
    consulent = api_as("consulent")
    tasks = []
    for i, person in enumerate(people):
        zaak = start_case(consulent, person.bsn, "jeugd" if i == 3 else "wmo")
        task = db.session.query(HumanTask).filter_by(zaak_id=zaak["id"], status="open").one()
        task.due_at = utcnow() + timedelta(days=-1 + 7 * i)
        db.session.commit()  # before the next request writes (SQLite has one writer)
        tasks.append(task)
    return tasks


def _ids(tasks) -> list[int]:
    return [t.id for t in tasks]


def test_the_consulent_sees_the_tasks_of_her_role_soonest_deadline_first(users, cases):
    page = inbox_page(users["consulent"], TaskFilter())
    assert _ids(page.tasks) == _ids(cases) and page.total == 4
    assert inbox_page(users["beoordelaar"], TaskFilter()).total == 0
    assert inbox_page(users["inwoner"], TaskFilter()).total == 0


def test_counts_per_filter_value_are_counted_with_the_other_filters_applied(users, cases):
    page = inbox_page(users["consulent"], TaskFilter(domein="wmo"))
    assert page.total == 3
    assert page.counts["domein"] == {"wmo": 3, "jeugd": 1}  # its own filter left out: every value counted
    assert page.counts["termijn"] == {"te-laat": 1, "deze-week": 1, "later": 1}
    assert page.counts["behandeling"] == {"vrij": 3}
    assert sum(page.counts["wijk"].values()) == 3


def test_filters_narrow_the_list(users, cases, people):
    consulent = users["consulent"]
    assert _ids(inbox_page(consulent, TaskFilter(domein="jeugd")).tasks) == [cases[3].id]
    assert _ids(inbox_page(consulent, TaskFilter(termijn="te-laat")).tasks) == [cases[0].id]
    assert _ids(inbox_page(consulent, TaskFilter(termijn="deze-week")).tasks) == [cases[1].id]
    assert _ids(inbox_page(consulent, TaskFilter(wijk=people[1].wijk)).tasks) == [
        t.id for t, p in zip(cases, people) if p.wijk == people[1].wijk]
    assert inbox_page(consulent, TaskFilter(taak="triage")).total == 4
    assert inbox_page(consulent, TaskFilter(taak="besluit_voorbereiden")).total == 0
    assert inbox_page(consulent, TaskFilter(status="completed")).total == 0


def test_claimed_tasks_filter_by_who_picked_them_up(users, cases):
    consulent, senior = users["consulent"], users["senior"]
    claim_task(consulent, cases[2].id)
    assert _ids(inbox_page(consulent, TaskFilter(mine=True)).tasks) == [cases[2].id]
    assert inbox_page(consulent, TaskFilter(unassigned=True)).total == 3
    assert inbox_page(senior, TaskFilter(assignee_id=consulent.id)).total == 1
    assert inbox_page(consulent, TaskFilter(behandeling="opgepakt")).counts["behandeling"] == {"vrij": 3, "opgepakt": 1}


def test_search_finds_a_case_by_name_bsn_or_zaaknummer(users, cases, people):
    consulent = users["consulent"]
    zaaknummer = db.session.get(Zaak, cases[2].zaak_id).zaaknummer
    assert _ids(inbox_page(consulent, TaskFilter(zoek=people[2].bsn)).tasks) == [cases[2].id]
    assert _ids(inbox_page(consulent, TaskFilter(zoek=zaaknummer.lower())).tasks) == [cases[2].id]
    assert _ids(inbox_page(consulent, TaskFilter(zoek=people[1].achternaam.upper())).tasks) == [cases[1].id]
    assert _ids(inbox_page(consulent, TaskFilter(zoek="Pieter de Vries")).tasks) == [cases[1].id]
    assert inbox_page(consulent, TaskFilter(zoek="999999999")).total == 0
    assert inbox_page(consulent, TaskFilter(zoek="Niemand Bestaat")).tasks == []


def test_pages_follow_each_other_without_gaps_or_doubles(users, cases):
    consulent = users["consulent"]
    seen = []
    for offset in (0, 3):
        tasks, total = tasks_for(consulent, TaskFilter(limit=3, offset=offset))
        assert total == 4
        seen += _ids(tasks)
    assert seen == _ids(cases)


def test_a_task_assigned_to_me_outside_my_roles_shows_too(users, cases):
    task = db.session.get(HumanTask, cases[0].id)
    task.lane, task.assignee_id = "backoffice", users["beoordelaar"].id
    db.session.commit()
    assert _ids(inbox_page(users["beoordelaar"], TaskFilter()).tasks) == [task.id]
    assert inbox_page(users["consulent"], TaskFilter()).total == 3


def test_hand_over_gives_the_task_to_a_colleague_with_the_role(users, cases):
    task = hand_over_task(users["consulent"], cases[0].id, users["senior"].id)
    assert db.session.get(HumanTask, task.id).assignee_id == users["senior"].id
    assert _ids(inbox_page(users["senior"], TaskFilter(mine=True)).tasks) == [task.id]
    with pytest.raises(Forbidden, match="heeft niet de rol 'consulent'"):
        hand_over_task(users["consulent"], cases[1].id, users["beoordelaar"].id)
    with pytest.raises(Forbidden, match="Alleen wie de taak heeft opgepakt"):
        hand_over_task(users["consulent"], cases[0].id, users["consulent"].id)


def test_hand_over_refuses_the_vier_ogen_check_to_who_prepared_the_besluit(api_as, users, person):
    zaak = start_case(api_as("senior"), person.bsn)
    complete_steps(api_as("senior"), zaak["id"], besluit="afwijzen")
    toets = db.session.query(HumanTask).filter_by(zaak_id=zaak["id"], status="open").one()
    assert toets.spec_name == "vier_ogen_toets"
    with pytest.raises(Forbidden, match="Vier-ogenprincipe"):
        hand_over_task(users["beoordelaar"], toets.id, users["senior"].id)
    assert db.session.get(HumanTask, toets.id).assignee_id is None


def test_a_draft_is_kept_unvalidated_and_dropped_when_the_task_is_completed(users, cases):
    consulent, task_id = users["consulent"], cases[0].id
    save_draft(consulent, task_id, {"samenvatting": "Half af", "vervolg": ""})
    draft = db.session.query(TaskDraft).filter_by(task_id=task_id).one()
    assert draft.data == {"samenvatting": "Half af", "vervolg": ""} and draft.saved_by_id == consulent.id
    save_draft(users["senior"], task_id, {"samenvatting": "Verder ingevuld"})
    assert db.session.query(TaskDraft).filter_by(task_id=task_id).one().saved_by_id == users["senior"].id
    with pytest.raises(Forbidden):
        save_draft(users["beoordelaar"], task_id, {"samenvatting": "x"})
    complete_task(consulent, task_id, form_data("triage"))
    assert db.session.query(TaskDraft).filter_by(task_id=task_id).count() == 0


def test_the_task_page_saves_a_draft_without_javascript_and_shows_it_again(client_as, cases):
    client = client_as("consulent")
    response = client.post(f"/werkvoorraad/taken/{cases[0].id}",
                           data={"samenvatting": "Eerste aantekening", "actie": "concept"})
    assert response.status_code == 302
    page = client.get(f"/werkvoorraad/taken/{cases[0].id}").get_data(as_text=True)
    assert "Uw concept is opgeslagen" in page and "Eerste aantekening" in page
    assert "ingevuld met het concept van" in page


def test_the_werkvoorraad_page_filters_searches_and_pages(client_as, cases, people):
    client = client_as("consulent")
    page = client.get("/werkvoorraad/?domein=jeugd").get_data(as_text=True)
    assert "1 taak met deze filters" in page and people[3].achternaam in page and people[0].achternaam not in page
    page = client.get(f"/werkvoorraad/?zoek={people[2].bsn}").get_data(as_text=True)
    assert "1 taak met deze filters" in page and people[2].achternaam in page
    page = client.get("/werkvoorraad/?domein=wet&behandelaar=onbekend").get_data(as_text=True)
    assert "Kies wmo of jeugd." in page and "Er is geen medewerker &#39;onbekend&#39;." in page
    assert "Wmo 2015 (3)" in client.get("/werkvoorraad/").get_data(as_text=True)


def test_the_api_takes_the_same_filters_and_names_a_wrong_one(api_as, cases, people):
    api = api_as("consulent")
    body = api.get("/api/v1/taken?domein=wmo&termijn=deze-week").json
    assert body["count"] == 1 and [t["id"] for t in body["results"]] == [cases[1].id]
    assert [t["id"] for t in api.get(f"/api/v1/taken?zoek={people[3].bsn}").json["results"]] == [cases[3].id]
    wrong = api.get("/api/v1/taken?domein=wet")
    assert wrong.status_code == 422
    assert wrong.json["invalid_params"] == [{"name": "domein", "reason": "Kies wmo of jeugd."}]


def test_a_search_that_finds_too_many_zaken_is_refused_with_a_clear_message(client_as, api_as, users, cases, people,
                                                                            monkeypatch):
    monkeypatch.setattr("app.services.inbox.SEARCH_MAX_ZAKEN", 2)  # the same rule as at 1,000, with 4 zaken
    letter = next(c for c in "aeionrs" if all(c in p.naam.lower() for p in people))
    page = client_as("consulent").get(f"/werkvoorraad/?zoek={letter}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f"De zoekterm &#39;{letter}&#39; past bij meer dan 2 zaken." in html
    assert "4 taken met deze filters" in html  # the list without the search, the term still in the box
    assert f'value="{letter}"' in html
    refused = api_as("consulent").get(f"/api/v1/taken?zoek={letter}")
    assert refused.status_code == 422
    assert refused.json["invalid_params"][0]["name"] == "zoek"
    assert _ids(inbox_page(users["consulent"], TaskFilter(zoek=people[0].bsn)).tasks) == [cases[0].id]  # precise: fine
