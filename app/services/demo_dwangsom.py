"""Demo of #17 point 4: a Wmo zaak of the demo inwoner whose beslistermijn passed weeks ago without a beschikking,
with an ingebrekestelling received by letter and a dwangsom running today. Driven through the real services (the
melding, the tasks with past dates and their proof, the consulent's record of the letter); idempotent."""
from datetime import date, timedelta

from sqlalchemy import select

from .. import db
from ..models import HumanTask, User, Zaak
from . import dwangsom
from .demo_cases import Scenario, _form
from .meldingen import submit_melding
from .tasks import complete_task

OMSCHRIJVING = "Demo: te laat beslist, dwangsom loopt"
#: Days before today: the melding, the gesprek, the verslag and the aanvraag (its 2-week term ends ~26 days ago).
MELDING, GESPREK, VERSLAG, AANVRAAG = 50, 45, 42, 40


def load_demo_dwangsom() -> dict:
    """Make the late zaak with its running dwangsom unless it exists; return how many zaken were made."""
    inwoner = db.session.scalar(select(User).where(User.username == "inwoner", User.is_demo.is_(True)))
    if inwoner is None or inwoner.person_id is None or db.session.scalar(select(Zaak.id).where(
            Zaak.omschrijving == OMSCHRIJVING, Zaak.person_id == inwoner.person_id)) is not None:
        return {"zaken met een dwangsom": 0}
    consulent = db.session.scalar(select(User).where(User.username == "consulent"))
    today = date.today()
    ago = lambda days: (today - timedelta(days=days)).isoformat()  # noqa: E731
    zaak = submit_melding(consulent, person_id=inwoner.person_id, domein="wmo", omschrijving=OMSCHRIJVING,
                          kanaal="telefoon", ontvangen_op=today - timedelta(days=MELDING))
    zaak_id, scenario = zaak.id, Scenario(OMSCHRIJVING, 0)
    past = {"onderzoek_gesprek": {"datum_gesprek": ago(GESPREK)},
            "onderzoek_verslag": {"verslag_verstrekt_op": ago(VERSLAG)},
            "aanvraag_registreren": {"aanvraag_ontvangen_op": ago(AANVRAAG),
                                     "aanvraag_bewijs": "Aanvraagformulier per post, kenmerk W-2026-DW1"}}
    for step in ("triage", "onderzoek_gesprek", "onderzoek_verslag", "aanvraag_registreren"):
        task = db.session.scalar(select(HumanTask).where(HumanTask.zaak_id == zaak_id, HumanTask.status == "open",
                                                         HumanTask.spec_name == step))
        task_id = task.id
        db.session.remove()
        complete_task(consulent, task_id, _form(step, scenario) | past.get(step, {}))
    zaak = db.session.get(Zaak, zaak_id)
    received = dwangsom.beslistermijn(db.session, zaak).due + timedelta(days=2)
    dwangsom.record_letter(consulent, zaak, received, "Brief van de inwoner, ontvangen met stempel.")
    db.session.remove()
    return {"zaken met een dwangsom": 1}
