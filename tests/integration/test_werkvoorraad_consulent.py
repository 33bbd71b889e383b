"""The consulent's werkvoorraad (#18 point 2): search finds zaken also without an open task, within the gemeente
and logged; an unread message from the inwoner's side is marked, filtered and listed after the beschikking, and
reaches a consulent by mail even before anyone picked up a task; the list sorts by deadline, date received or
name, claims from a row, claims or hands over a selection with a result per task, and shows spoed."""
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import event, select, text

from app import db
from app.models import Gemeente, HumanTask, Machtiging, OutboxMail, Person, ProcessingRecord, User, UserWijk, Zaak
from app.models.base import utcnow
from app.services import portaal_berichten
from app.services.accounts import hash_password
from app.services.inbox import TaskFilter, inbox_page
from app.services.tasks import claim_task, complete_task
from case_data import form_data
from case_flow import start_case
from test_recht_op_aanvraag import let_the_aanvraag_term_pass

DONE_AT_TRIAGE = {"spoed": False, "samenvatting": "Boodschappen lukken niet.", "vervolg": "algemene_voorziening",
                  "vervolg_toelichting": "De boodschappendienst van de buurt volstaat.",
                  "persoonlijk_plan": "ziet_af"}  # on the melding day: she said she hands in no plan


def _open(zaak_id) -> HumanTask:
    return db.session.scalar(select(HumanTask).where(HumanTask.zaak_id == zaak_id, HumanTask.status == "open"))


@pytest.fixture
def inwoner(users) -> Person:
    return db.session.get(Person, users["inwoner"].person_id)


@pytest.fixture
def closed_zaak(api_as, users, inwoner) -> Zaak:
    """A zaak of the inwoner that ended after the triage (referred to an algemene voorziening, no aanvraag followed):
    no open task."""
    zaak = start_case(api_as("consulent"), inwoner.bsn)
    complete_task(users["consulent"], _open(zaak["id"]).id, DONE_AT_TRIAGE)
    let_the_aanvraag_term_pass(zaak["id"])  # the inwoner made no aanvraag after the letter (Wmo 2015 art. 2.3.2 lid 9)
    db.session.remove()
    found = db.session.get(Zaak, zaak["id"])
    assert found.status == "afgesloten" and _open(found.id) is None
    return found


def test_a_name_search_finds_her_zaak_without_an_open_task_and_logs_it(client_as, users, inwoner, closed_zaak):
    page = client_as("consulent").get(f"/werkvoorraad/?zoek={inwoner.achternaam}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert closed_zaak.zaaknummer in html and "Afgesloten" in html and "0 taken met deze filters" in html
    logged = db.session.scalars(select(ProcessingRecord).where(
        ProcessingRecord.subject_person_id == inwoner.id, ProcessingRecord.actor_user_id == users["consulent"].id)).all()
    assert any("zoeken naar zaken" in e.description for e in logged)
    for term in (inwoner.bsn, closed_zaak.zaaknummer, closed_zaak.zaaknummer[:-2]):
        assert closed_zaak.zaaknummer in client_as("consulent").get(f"/werkvoorraad/?zoek={term}").get_data(as_text=True)


def test_another_gemeentes_consulent_finds_nothing(client_as, inwoner, closed_zaak):
    html = client_as("consulent-oudewater").get(f"/werkvoorraad/?zoek={inwoner.bsn}").get_data(as_text=True)
    assert closed_zaak.zaaknummer not in html and inwoner.achternaam not in html
    assert "Geen zaak past bij" in html


def test_a_zaak_outside_her_wijken_is_found_and_opening_it_asks_why(app, client_as, users, inwoner, closed_zaak):
    woerden = db.session.get(Gemeente, inwoner.gemeente_id)
    other = db.session.scalar(select(Person.wijk).where(Person.gemeente_id == woerden.id, Person.wijk != inwoner.wijk))
    db.session.add(User(username="wijk.zoek", display_name="Wijkconsulent", roles="consulent", is_demo=True,
                        password_hash=hash_password("demo"), gemeenten=[woerden],
                        wijken=[UserWijk(gemeente_id=woerden.id, wijk=other)]))
    db.session.commit()
    client = client_as("wijk.zoek")
    assert closed_zaak.zaaknummer in client.get(f"/werkvoorraad/?zoek={inwoner.bsn}").get_data(as_text=True)
    opened = client.get(f"/werkvoorraad/zaken/{closed_zaak.id}")
    assert opened.status_code == 403 and "Waarom moet u deze zaak inzien?" in opened.get_data(as_text=True)


def test_a_message_after_the_end_is_marked_listed_and_mailed(client_as, users, inwoner, closed_zaak):
    portaal_berichten.send(users["inwoner"], closed_zaak, "Ik heb nog een vraag over de boodschappendienst.",
                           van="inwoner")
    html = client_as("consulent").get("/werkvoorraad/").get_data(as_text=True)
    assert "Nieuwe berichten van inwoners" in html and closed_zaak.zaaknummer in html
    assert "Geen: alleen dit bericht wacht" in html
    assert client_as("consulent-oudewater").get("/werkvoorraad/").get_data(as_text=True).count(
        closed_zaak.zaaknummer) == 0
    mails = db.session.scalars(select(OutboxMail).where(OutboxMail.subject == "Nieuw bericht van een inwoner")).all()
    assert [m.to_address for m in mails] == [users["consulent"].email]  # she did the triage


def test_a_message_before_anyone_picked_up_a_task_reaches_the_team(api_as, client_as, users, inwoner):
    zaak = db.session.get(Zaak, start_case(api_as("consulent"), inwoner.bsn)["id"])
    portaal_berichten.send(users["inwoner"], zaak, "Mag mijn dochter bij het gesprek zijn?", van="inwoner")
    mails = db.session.scalars(select(OutboxMail).where(OutboxMail.subject == "Nieuw bericht van een inwoner")).all()
    woerden_consulenten = sorted(u.email for u in users.values() if u.has_role("consulent") and u.active
                                 and inwoner.gemeente_id in u.gemeente_ids and not u.wijken and u.email)
    assert mails and sorted(m.to_address for m in mails) == woerden_consulenten
    assert not any("oudewater" in m.to_address for m in mails)
    task = _open(zaak.id)
    page = client_as("consulent").get("/werkvoorraad/?berichten=nieuw")
    html = page.get_data(as_text=True)
    assert f'href="/werkvoorraad/zaken/{zaak.id}/berichten">Nieuw bericht' in html and task.title in html
    assert inbox_page(users["consulent"], TaskFilter(nieuw_bericht=True)).total == 1
    client_as("consulent").get(f"/werkvoorraad/zaken/{zaak.id}/berichten")  # read: no longer new
    assert inbox_page(users["consulent"], TaskFilter(nieuw_bericht=True)).total == 0


@pytest.fixture
def three(api_as, people3) -> list[HumanTask]:
    """Three open triage tasks, received 1, 3 and 2 days ago, the last one due first."""
    consulent, tasks = api_as("consulent"), []
    for i, (person, days) in enumerate(zip(people3, (1, 3, 2))):
        zaak = db.session.get(Zaak, start_case(consulent, person.bsn)["id"])
        task = _open(zaak.id)
        task.ontvangen_op = date.today() - timedelta(days=days)
        task.due_at = task.created_at + timedelta(days=10 - i)
        db.session.commit()
        tasks.append(task)
    return tasks


@pytest.fixture
def people3(app) -> list[Person]:
    return db.session.scalars(select(Person).order_by(Person.achternaam.desc()).limit(3)).all()


def test_the_list_sorts_by_deadline_received_date_or_name(client_as, api_as, users, three, people3):
    consulent = users["consulent"]
    order = {s: [t.id for t in inbox_page(consulent, TaskFilter(sorteer=s)).tasks] for s in ("termijn", "ontvangen", "naam")}
    assert order["termijn"] == [three[2].id, three[1].id, three[0].id]
    assert order["ontvangen"] == [three[1].id, three[2].id, three[0].id]
    by_name = sorted(zip(people3, three), key=lambda pt: f"{pt[0].achternaam} {pt[0].voornamen}".lower())
    assert order["naam"] == [t.id for _, t in by_name] not in (order["ontvangen"], order["termijn"])
    html = client_as("consulent").get("/werkvoorraad/?sorteer=naam").get_data(as_text=True)
    assert "gesorteerd op naam van de inwoner" in html
    assert client_as("consulent").get("/werkvoorraad/?sorteer=leeftijd").status_code == 200  # said, not a 500
    api = api_as("consulent")
    assert [t["id"] for t in api.get("/api/v1/taken?sorteer=naam").json["results"]] == order["naam"]
    assert api.get("/api/v1/taken?sorteer=leeftijd").json["invalid_params"] == [
        {"name": "sorteer", "reason": "Sorteer op termijn, ontvangen of naam."}]


def test_claim_from_the_row_and_a_selection_with_a_result_per_task(client_as, users, three):
    client = client_as("consulent")
    response = client.post("/werkvoorraad/taken/selectie", data={"oppakken": three[0].id, "terug_sorteer": "naam"})
    assert response.status_code == 302 and response.location.endswith("/werkvoorraad/?sorteer=naam")
    claim_task(users["senior"], three[1].id)  # a colleague was first for this one
    response = client.post("/werkvoorraad/taken/selectie", data={"taak": [three[1].id, three[2].id], "actie": "oppakken"},
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    db.session.expire_all()
    assert [db.session.get(HumanTask, t.id).assignee_id for t in three] == [
        users["consulent"].id, users["senior"].id, users["consulent"].id]
    assert re.search(r"Opgepakt: Triage van de melding \(Z-[\d-]+\)\.", html)
    assert "Niet opgepakt: Triage van de melding" in html and "al door een collega opgepakt" in html
    response = client.post("/werkvoorraad/taken/selectie", data={"taak": [three[0].id, three[2].id], "actie": "overdragen",
                                                                 "collega": users["senior"].id}, follow_redirects=True)
    db.session.expire_all()
    assert {db.session.get(HumanTask, t.id).assignee_id for t in three} == {users["senior"].id}
    assert f"Overgedragen aan {users['senior'].display_name}: " in response.get_data(as_text=True)
    nothing = client.post("/werkvoorraad/taken/selectie", data={"actie": "oppakken"}, follow_redirects=True)
    assert "Kies eerst een of meer taken" in nothing.get_data(as_text=True)


@pytest.fixture
def team_noord(users):
    """The demo consulent and the senior in a team of their own (set on /beheer); their demo team is given back."""
    before = {name: users[name].team for name in ("consulent", "senior")}
    for name in before:
        users[name].team = "Wmo-team Noord"
    db.session.commit()
    yield
    for name, team in before.items():
        db.session.get(User, users[name].id).team = team
    db.session.commit()


def test_the_team_filter_shows_the_work_my_team_picked_up(client_as, api_as, users, three, team_noord):
    claim_task(users["senior"], three[0].id)  # a team colleague
    claim_task(users["consulent"], three[1].id)  # me; the third stays with nobody
    db.session.expire_all()
    html = client_as("consulent").get("/werkvoorraad/").get_data(as_text=True)
    assert re.search(r'<option value="team"[^>]*>Mijn team \(Wmo-team Noord\) \(2\)', html), "the choice with its count"
    ids = lambda page: {int(i) for i in re.findall(r'name="taak" value="(\d+)"', page)}  # noqa: E731
    team = client_as("consulent").get("/werkvoorraad/?behandelaar=team").get_data(as_text=True)
    assert {three[0].id, three[1].id} <= ids(team) and three[2].id not in ids(team)
    api = api_as("consulent").get("/api/v1/taken?behandelaar=team").json["results"]
    assert {t["id"] for t in api} == {three[0].id, three[1].id}
    assert {t["behandelaar"] for t in api} == {"senior", "consulent"}
    # someone without a team is not offered it (and asking for it shows only their own)
    alone = client_as("beoordelaar").get("/werkvoorraad/").get_data(as_text=True)
    assert "Mijn team" not in alone


def test_a_task_of_another_gemeente_in_a_selection_is_not_named(client_as, three):
    html = client_as("consulent-oudewater").post("/werkvoorraad/taken/selectie", data={
        "taak": [three[0].id], "actie": "oppakken"}, follow_redirects=True).get_data(as_text=True)
    assert f"Niet opgepakt: Taak {three[0].id}. Deze taak bestaat niet." in html
    assert "Triage" not in html


def test_spoed_from_the_triage_shows_on_the_next_task(api_as, client_as, users, inwoner):
    zaak = start_case(api_as("consulent"), inwoner.bsn)
    complete_task(users["consulent"], _open(zaak["id"]).id, {**form_data("triage"), "spoed": True})
    db.session.remove()
    assert _open(zaak["id"]).spoed is True
    html = client_as("consulent").get("/werkvoorraad/").get_data(as_text=True)
    assert '<span class="cumulus-badge cumulus-badge--te-laat">Spoed</span>' in html


def test_a_failed_triage_names_each_question_in_the_summary_at_the_top(client_as, api_as, inwoner):
    zaak = start_case(api_as("consulent"), inwoner.bsn)
    task = _open(zaak["id"])
    response = client_as("consulent").post(f"/werkvoorraad/taken/{task.id}", data={"samenvatting": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    summary = html.index('class="utrecht-alert utrecht-alert--error cumulus-error-summary"')
    assert html.index("<h1") < summary < html.index("Vastleggen en afronden")
    assert 'tabindex="-1" autofocus' in html[summary:summary + 300]
    assert '<a class="utrecht-link" href="#field-vervolg">Kies wat er na de triage gebeurt.</a>' in html


def test_on_postgresql_a_zaaknummer_prefix_search_reads_the_pattern_index(app):
    bind = db.session.get_bind()
    if bind.dialect.name != "postgresql":
        return  # SQLite has no text_pattern_ops index (its LIKE is case-insensitive and reads the table)
    from app.services.inbox import _matching_zaken
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    query = _matching_zaken("Z-2026-00").compile(bind, compile_kwargs={"literal_binds": True})
    plan = "\n".join(r[0] for r in db.session.execute(text(f"EXPLAIN {query}")))
    assert "ix_zaak_zaaknummer_prefix" in plan, plan


@pytest.mark.parametrize("sorteer,index", [("ontvangen", "ix_human_task_status_lane_ontvangen"),
                                           ("naam", "ix_human_task_status_lane_naam")])
def test_each_order_walks_its_own_index(app, users, sorteer, index):
    """The page's per-lane scan is ordered by the index, not sorted afterwards (on SQLite and PostgreSQL)."""
    from app.services import inbox
    seen = []
    engine = db.session.get_bind()

    def capture(conn, cursor, statement, parameters, context, executemany):
        if "human_task" in statement and "sort_key" in statement:
            seen.append((statement, parameters))
    event.listen(engine, "before_cursor_execute", capture)
    try:
        inbox.tasks_for(users["consulent"], TaskFilter(sorteer=sorteer))
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    statement, parameters = seen[0]
    explain = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    if engine.dialect.name == "postgresql":  # a test's few rows make a seq scan and a sort cheapest: ask which
        db.session.connection().exec_driver_sql("SET LOCAL enable_seqscan = off")  # index gives the order
        db.session.connection().exec_driver_sql("SET LOCAL enable_sort = off")
    plan = "\n".join(str(r[-1]) if engine.dialect.name == "sqlite" else r[0]
                     for r in db.session.connection().exec_driver_sql(explain + statement, parameters))
    db.session.rollback()
    assert index in plan, plan
    if engine.dialect.name == "sqlite":  # the lane's walk is in index order: no sort right after it
        lines = plan.split("\n")
        walk = next(i for i, line in enumerate(lines) if index in line)
        assert "TEMP B-TREE" not in lines[walk + 1], plan


def test_the_confirmation_promises_a_mail_only_when_one_went_out(client_as, users, inwoner, closed_zaak):
    html = client_as("inwoner").post(f"/mijn/zaken/{closed_zaak.id}/berichten", data={"tekst": "Nog een vraag."},
                                     follow_redirects=True).get_data(as_text=True)
    assert "De consulent krijgt een e-mail dat er een bericht is." in html
    db.session.get(Person, inwoner.id).email = None  # no address of her own (the fixture's object is detached)
    db.session.get(User, users["inwoner"].id).email = None
    for machtiging in db.session.query(Machtiging).filter_by(person_id=inwoner.id, ingetrokken_op=None):
        machtiging.ingetrokken_op = utcnow()  # nobody acts for her either: a gemachtigde would be mailed
    db.session.commit()
    html = client_as("consulent").post(f"/werkvoorraad/zaken/{closed_zaak.id}/berichten", data={"tekst": "Zie de folder."},
                                       follow_redirects=True).get_data(as_text=True)
    assert "de inwoner heeft geen e-mailadres bij de gemeente en krijgt dus geen e-mail" in html
    assert db.session.scalar(select(OutboxMail).where(OutboxMail.subject.like("U heeft een nieuw bericht%"))) is None


def test_a_gemachtigdes_message_after_the_end_is_new_in_the_werkvoorraad(client_as, users, inwoner, closed_zaak):
    machtiging = Machtiging(person_id=inwoner.id, gemachtigde_id=users["gemachtigde"].id, scope="namens_handelen",
                            geldig_vanaf=date.today(), verleend_door_id=users["inwoner"].id)
    db.session.add(machtiging)
    db.session.commit()
    gemachtigde = client_as("gemachtigde")
    gemachtigde.post("/mijn/namens", data={"machtiging": machtiging.id})
    sent = gemachtigde.post(f"/mijn/zaken/{closed_zaak.id}/berichten", data={"tekst": "Namens mijn moeder: een vraag."},
                            follow_redirects=True)
    assert "De consulent krijgt een e-mail" in sent.get_data(as_text=True)
    html = client_as("consulent").get("/werkvoorraad/").get_data(as_text=True)
    assert "Nieuwe berichten van inwoners" in html and closed_zaak.zaaknummer in html


def test_a_gemachtigde_is_told_the_mail_is_about_the_inwoners_zaak_and_a_revoked_one_gets_none(
        client_as, users, inwoner, closed_zaak):
    machtiging = Machtiging(person_id=inwoner.id, gemachtigde_id=users["gemachtigde"].id, scope="namens_handelen",
                            geldig_vanaf=date.today(), verleend_door_id=users["inwoner"].id)
    db.session.add(machtiging)
    db.session.get(Person, inwoner.id).email = "inwoner@voorbeeld.nl"
    db.session.commit()
    consulent = client_as("consulent")
    consulent.post(f"/werkvoorraad/zaken/{closed_zaak.id}/berichten", data={"tekst": "Zie de folder."})
    mails = {m.to_address: m.body for m in db.session.scalars(
        select(OutboxMail).where(OutboxMail.subject == "U heeft een nieuw bericht over uw zaak"))}
    assert set(mails) == {"inwoner@voorbeeld.nl", users["gemachtigde"].email}  # her own address, and theirs
    own, theirs = mails["inwoner@voorbeeld.nl"], mails[users["gemachtigde"].email]
    assert own.startswith("Er staat een nieuw bericht van de gemeente voor u klaar")  # to the inwoner: as it was
    assert theirs.startswith("U krijgt deze e-mail omdat u gemachtigd bent om namens een inwoner te handelen.")
    assert theirs.endswith(own) and inwoner.achternaam not in theirs  # names nobody
    db.session.get(Machtiging, machtiging.id).ingetrokken_op = utcnow()
    db.session.commit()
    consulent.post(f"/werkvoorraad/zaken/{closed_zaak.id}/berichten", data={"tekst": "En nog iets."})
    to_gemachtigde = db.session.scalars(select(OutboxMail).where(
        OutboxMail.to_address == users["gemachtigde"].email, OutboxMail.subject.like("U heeft een nieuw bericht%")))
    assert len(list(to_gemachtigde)) == 1  # only the first: the revoked machtiging gets no more
