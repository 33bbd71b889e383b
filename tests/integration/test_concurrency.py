"""Two people completing the same task at the same moment: one wins, the other is told so in Dutch."""
import threading

from app import db
from app.engine import EngineError
from app.models import HumanTask, ProcessInstance
from app.services import tasks
from app.services.meldingen import submit_melding
from case_data import form_data


def test_two_people_completing_the_same_task_at_once_one_wins_and_nothing_is_corrupted(app, users, person):
    zaak = submit_melding(users["consulent"], person_id=person.id, domein="wmo", omschrijving="x", kanaal="balie")
    task_id = db.session.query(HumanTask).filter_by(zaak_id=zaak.id, status="open").one().id
    version_before = db.session.query(ProcessInstance).filter_by(zaak_id=zaak.id).one().lock_version
    start = threading.Barrier(2)
    outcomes = []

    def complete(username):
        with app.app_context():
            user = db.session.get(type(users[username]), users[username].id)
            start.wait()
            try:
                tasks.complete_task(user, task_id, form_data("triage"))
                outcomes.append(("ok", username))
            except EngineError as exc:
                outcomes.append(("refused", str(exc)))

    threads = [threading.Thread(target=complete, args=(name,)) for name in ("consulent", "senior")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(kind for kind, _ in outcomes) == ["ok", "refused"], outcomes
    refusal = next(message for kind, message in outcomes if kind == "refused")
    assert "iemand anders" in refusal.lower() or "niet (meer) open" in refusal or "al afgerond" in refusal
    db.session.expire_all()
    rows = db.session.query(HumanTask).filter_by(zaak_id=zaak.id).order_by(HumanTask.id).all()
    assert [(r.spec_name, r.status) for r in rows] == [("triage", "completed"), ("onderzoek_gesprek", "open")]
    instance = db.session.query(ProcessInstance).filter_by(zaak_id=zaak.id).one()
    assert instance.lock_version == version_before + 1  # advanced exactly once
