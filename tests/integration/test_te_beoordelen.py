"""The "Declaratieregels beoordelen" task shows the lines it asks to judge and the toewijzing they are checked
against: on the task page (HTML) and from the service, each client shown logged."""
from datetime import date

import pytest

from app import db
from app.models import HumanTask, ProcessingRecord
from app.services.te_beoordelen import beoordeling_of
from app.simulator.berichten import answer_301, declaratie, leveringen
from exchange_flow import AANBIEDER, aanbieder_client, beschikking, first_of_last_month
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture

TARIEF = 3250  # the contract tarief of 01A03, in cents


@pytest.fixture
def waiting_task(app, api_as, person, monkeypatch):
    """A declaratie of two lines, one of € 325 (above a € 300 threshold) and one of € 97,50; the task it made."""
    monkeypatch.setitem(app.config, "DECLARATIE_HANDMATIG_VANAF", 30_000)
    zaak_id = beschikking(api_as("consulent"), person.bsn)
    aanbieder = aanbieder_client(app, AANBIEDER["wmo"])
    xml_301 = aanbieder.download(aanbieder.outbox("nieuw")[0]["id"]).data
    [levering] = leveringen(xml_301)
    aanbieder.send(answer_301(xml_301, "R302-1", date.today()))
    month = first_of_last_month()
    aanbieder.send(declaratie(AANBIEDER["wmo"], [(levering, 10, TARIEF)], month, "DN7", "D323-7", date.today()))
    task = db.session.query(HumanTask).filter_by(zaak_id=zaak_id, spec_name="declaratie_beoordelen").one()
    return task


def test_the_task_names_each_line_to_judge_with_the_rule_that_stopped_it_and_its_toewijzing(waiting_task, users,
                                                                                             person):
    view = beoordeling_of(users["backoffice"], waiting_task)
    assert view.declaratienummer == "DN7" and view.open
    [regel] = view.regels
    assert regel.client == person.naam and regel.bsn == person.bsn
    assert regel.product.startswith("01A03 — ")
    assert (regel.volume, regel.tarief, regel.bedrag) == ("10 uur", "€ 32,50", "€ 325,00")
    assert regel.regel == "Controledrempel"
    assert "€ 325,00" in regel.waarom and "€ 300,00" in regel.waarom
    t = regel.toewijzing
    assert t.nummer == regel.toewijzingnummer and t.status == "Geaccepteerd door de aanbieder"
    assert t.contracttarief == "€ 32,50 per uur" and t.eerder_volume == 0
    records = db.session.query(ProcessingRecord).filter_by(object_type="declaratie", actor_user_id=users["backoffice"].id)
    assert [r.subject_person_id for r in records] == [person.id]


def test_the_aanbieder_reads_that_the_declaratie_waits_for_a_person(waiting_task, client_as):
    from app.models import Bericht
    sent = db.session.query(Bericht).filter_by(richting="in", nummer="323").one()
    page = client_as("aanbieder").get(f"/aanbieder/berichten/{sent.id}").get_data(as_text=True)
    assert "Verwerkt: een medewerker van de gemeente beoordeelt de declaratie" in page
    assert "0 van de 1 regel goedgekeurd, 1 wacht op beoordeling." in page
    assert "Wordt beoordeeld door de gemeente" in page and "Afgekeurd" not in page


def test_the_task_page_shows_the_lines_and_links_to_betalingen(waiting_task, client_as):
    page = client_as("backoffice").get(f"/werkvoorraad/taken/{waiting_task.id}").get_data(as_text=True)
    assert "Te beoordelen: declaratie DN7" in page
    assert "Controledrempel" in page and "€ 325,00" in page
    assert "De toewijzing waartegen is gecontroleerd" in page
    assert 'href="/betalingen/"' in page


def test_another_task_shows_no_lines(app, api_as, person, users):
    beschikking(api_as("consulent"), person.bsn)
    done = db.session.query(HumanTask).filter_by(spec_name="besluit_voorbereiden").first()
    assert beoordeling_of(users["consulent"], done) is None
