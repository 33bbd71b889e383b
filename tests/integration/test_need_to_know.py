"""Need to know (#13 point 4): a consulent with wijken opens the zaken of their team's wijken and the ones
given to them; another zaak of the gemeente only with a reason, which is recorded, shown to the inwoner in
"wie heeft mijn gegevens bekeken" and listed for the beheerder. Consulenten without wijken are not asked."""
import pytest
from sqlalchemy import select

from app import db
from app.models import Gemeente, HumanTask, Person, ProcessingRecord, User, UserWijk, ZaakDoorbraak
from app.services.accounts import hash_password
from app.services.demo_data import WOERDEN
from case_flow import start_case
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture


@pytest.fixture
def woerden(app):
    return db.session.scalar(select(Gemeente).where(Gemeente.code == WOERDEN))


@pytest.fixture
def inwoner_person(users):
    return db.session.get(Person, users["inwoner"].person_id)


@pytest.fixture
def wijk_consulent(app, woerden, inwoner_person):
    """A consulent of Woerden working in a wijk that is not the demo inwoner's; retired after the test."""
    other_wijk = db.session.scalar(select(Person.wijk).where(Person.gemeente_id == woerden.id,
                                                             Person.wijk != inwoner_person.wijk))
    user = User(username="wijk.consulent", display_name="Wijkconsulent", roles="consulent", team="Team Noord",
                password_hash=hash_password("demo"), is_demo=True, gemeenten=[woerden],
                wijken=[UserWijk(gemeente_id=woerden.id, wijk=other_wijk)])
    db.session.add(user)
    db.session.commit()
    yield user
    db.session.rollback()
    for u in db.session.scalars(select(User).where(User.username.in_(["wijk.consulent", "wijk.collega"]))):
        u.username, u.active, u.gemeenten, u.wijken, u.team = f"vervallen-{u.id}", False, [], [], None
    db.session.commit()


class _api:
    def __init__(self, app, user):
        from app.services.accounts import create_api_token
        self.client, self.headers = app.test_client(), {"Authorization": f"Bearer {create_api_token(user, 't')}"}

    def get(self, url):
        return self.client.get(url, headers=self.headers)


def test_a_zaak_outside_the_wijk_opens_only_with_a_reason_the_inwoner_reads(app, client_as, api_as, wijk_consulent,
                                                                            inwoner_person):
    zaak = start_case(api_as("consulent"), inwoner_person.bsn)
    web, api = client_as("wijk.consulent"), _api(app, wijk_consulent)
    page = web.get(f"/werkvoorraad/zaken/{zaak['id']}")
    body = page.get_data(as_text=True)
    assert page.status_code == 403 and "valt buiten uw werk" in body and inwoner_person.naam not in body
    refused = api.get(f"/api/v1/zaken/{zaak['id']}")
    assert refused.status_code == 403 and "Geef de reden op de zaakpagina" in refused.json["detail"]

    short = web.post(f"/werkvoorraad/zaken/{zaak['id']}/doorbreken", data={"reden": "even"})
    assert short.status_code == 400 and "minstens 10" in short.get_data(as_text=True)
    assert db.session.scalar(select(ZaakDoorbraak.id)) is None

    reden = "Vervanging van mijn collega, de inwoner belde met een spoedvraag"
    opened = web.post(f"/werkvoorraad/zaken/{zaak['id']}/doorbreken", data={"reden": reden})
    assert opened.status_code == 302
    assert web.get(f"/werkvoorraad/zaken/{zaak['id']}").status_code == 200
    assert api.get(f"/api/v1/zaken/{zaak['id']}").status_code == 200
    record = db.session.scalar(select(ProcessingRecord).where(ProcessingRecord.description.like("%buiten het eigen%")))
    assert record.subject_person_id == inwoner_person.id and reden in record.description
    assert reden in client_as("inwoner").get("/mijn/wie-bekeek-mijn-gegevens").get_data(as_text=True)

    for reader in ("beheerder", "privacy"):  # the application manager and the privacy officer both see the list
        listed = client_as(reader).get("/beheer/doorbraken").get_data(as_text=True)
        assert reden in listed and "Wijkconsulent" in listed and zaak["zaaknummer"] in listed
    assert client_as("consulent").get("/beheer/doorbraken").status_code == 403


def test_the_own_wijk_the_teams_wijken_and_a_given_task_need_no_reason(app, client_as, api_as, wijk_consulent,
                                                                       woerden, inwoner_person):
    zaak = start_case(api_as("consulent"), inwoner_person.bsn)
    web = client_as("wijk.consulent")
    assert web.get(f"/werkvoorraad/zaken/{zaak['id']}").status_code == 403

    task = db.session.scalar(select(HumanTask).where(HumanTask.zaak_id == zaak["id"], HumanTask.status == "open"))
    task.assignee_id = wijk_consulent.id
    db.session.commit()
    assert web.get(f"/werkvoorraad/zaken/{zaak['id']}").status_code == 200, "given to them"
    task.assignee_id = None
    db.session.commit()
    assert web.get(f"/werkvoorraad/zaken/{zaak['id']}").status_code == 403

    colleague = User(username="wijk.collega", display_name="Collega", roles="consulent", team="Team Noord",
                     gemeenten=[woerden], wijken=[UserWijk(gemeente_id=woerden.id, wijk=inwoner_person.wijk)])
    db.session.add(colleague)
    db.session.commit()
    assert web.get(f"/werkvoorraad/zaken/{zaak['id']}").status_code == 200, "a wijk of the team"


def test_a_consulent_without_wijken_is_never_asked(app, client_as, api_as, inwoner_person):
    zaak = start_case(api_as("consulent"), inwoner_person.bsn)
    assert client_as("consulent").get(f"/werkvoorraad/zaken/{zaak['id']}").status_code == 200
    assert db.session.scalar(select(ZaakDoorbraak.id)) is None


def test_the_werkvoorraad_of_a_wijk_consulent_lists_only_their_own_work(app, client_as, api_as, wijk_consulent,
                                                                         woerden, inwoner_person):
    """Tasks of another wijk are not in the list, the counts or the API of a consulent bound to a wijk — until the
    task is given to them or a team colleague works in that wijk; a consulent without wijken sees them all."""
    zaak = start_case(api_as("consulent"), inwoner_person.bsn)
    api = _api(app, wijk_consulent)
    web = client_as("wijk.consulent")

    def listed() -> tuple[bool, bool]:
        in_api = zaak["id"] in {t["zaak_id"] for t in api.get("/api/v1/taken?limit=200").json["results"]}
        return in_api, zaak["zaaknummer"] in web.get("/werkvoorraad/").get_data(as_text=True)

    assert zaak["id"] in {t["zaak_id"] for t in api_as("consulent").get("/api/v1/taken?limit=200").json["results"]}
    assert listed() == (False, False)
    task = db.session.scalar(select(HumanTask).where(HumanTask.zaak_id == zaak["id"], HumanTask.status == "open"))
    task.assignee_id = wijk_consulent.id
    db.session.commit()
    assert listed() == (True, True), "given to them"
    task.assignee_id = None
    colleague = User(username="wijk.collega", display_name="Collega", roles="consulent", team="Team Noord",
                     gemeenten=[woerden], wijken=[UserWijk(gemeente_id=woerden.id, wijk=inwoner_person.wijk)])
    db.session.add(colleague)
    db.session.commit()
    assert listed() == (True, True), "a wijk of the team"
