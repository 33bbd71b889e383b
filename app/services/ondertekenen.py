"""Use case: the inwoner reads the onderzoeksverslag and signs the aanvraag — agreeing, or adding
comments the consulent must read. A new verslag (the consulent wrote it again) asks for a new signature."""
import logging
from dataclasses import dataclass

from sqlalchemy import select

from .. import db
from ..domain.input import text_errors
from ..models import AanvraagOndertekening, Document, HumanTask, Zaak
from .errors import InvalidInput
from . import recht_op_aanvraag
from .history import add_event
from .portal_mail import mail_behandelaars
from .processing_log import log_processing
from .uow import unit_of_work

logger = logging.getLogger(__name__)

#: Completed user tasks whose form holds the verslag of the onderzoek (field → label), per BPMN id.
VERSLAG_TASKS = {"onderzoek_verslag": ("verslag", "advies"), "onderzoek_gesprek_jeugd": ("bevindingen", "advies"),
                 "triage": ("vervolg_toelichting", "vervolg")}
MAX_OPMERKINGEN = 5000


@dataclass
class Verslag:
    task: HumanTask
    tekst: str
    advies: str | None
    ondertekening: AanvraagOndertekening | None


def _counts(spec_name: str, data: dict | None) -> bool:
    """A triage is the "verslag" only when it ended the melding with an algemene voorziening: the inwoner may still
    sign an aanvraag on it (Wmo 2015 art. 2.3.2 lid 9, services/recht_op_aanvraag.py)."""
    return spec_name != "triage" or (data or {}).get("vervolg") == "algemene_voorziening"


def _told(zaak: Zaak) -> bool:
    """Whether the inwoner got the letter that she may still apply (older models and Jeugd end at the triage)."""
    return db.session.scalar(select(Document.id).where(Document.zaak_id == zaak.id,
                                                       Document.soort == recht_op_aanvraag.SOORT).limit(1)) is not None


def verslag_of(zaak: Zaak) -> Verslag | None:
    """The latest onderzoeksverslag of `zaak` with its signature, if any (read-only; the page logs the read)."""
    tasks = db.session.scalars(select(HumanTask).where(
        HumanTask.zaak_id == zaak.id, HumanTask.status == "completed", HumanTask.spec_name.in_(tuple(VERSLAG_TASKS)))
        .order_by(HumanTask.completed_at.desc(), HumanTask.id.desc()).limit(5))
    task = next((t for t in tasks if _counts(t.spec_name, t.data)), None)
    if task is None or (task.spec_name == "triage" and not _told(zaak)):
        return None
    tekst_field, advies_field = VERSLAG_TASKS[task.spec_name]
    data = task.data or {}
    signed = db.session.scalar(select(AanvraagOndertekening).where(AanvraagOndertekening.verslag_task_id == task.id))
    return Verslag(task=task, tekst=data.get(tekst_field) or "", advies=data.get(advies_field), ondertekening=signed)


def to_sign(zaak_ids: list[int]) -> set[int]:
    """The running zaken (of these) whose latest verslag the inwoner has not signed yet (three queries)."""
    if not zaak_ids:
        return set()
    latest: dict[int, int] = {}
    for zaak_id, task_id, spec_name, data in db.session.execute(
            select(HumanTask.zaak_id, HumanTask.id, HumanTask.spec_name, HumanTask.data).where(
            HumanTask.zaak_id.in_(zaak_ids), HumanTask.status == "completed",
            HumanTask.spec_name.in_(tuple(VERSLAG_TASKS))).order_by(HumanTask.completed_at, HumanTask.id)):
        if _counts(spec_name, data):
            latest[zaak_id] = task_id
    if not latest:
        return set()
    signed = set(db.session.scalars(select(AanvraagOndertekening.verslag_task_id).where(
        AanvraagOndertekening.verslag_task_id.in_(list(latest.values())))))
    running = set(db.session.scalars(select(Zaak.id).where(Zaak.id.in_(list(latest)), Zaak.status != "afgesloten")))
    return {zaak_id for zaak_id, task_id in latest.items() if task_id not in signed and zaak_id in running}


def read(actor, zaak: Zaak, verslag: Verslag, on_behalf_of=None) -> None:
    with unit_of_work() as session:
        log_processing(session, actor=actor, person=zaak.person, activity="dossier-inzage", action="lezen",
                       object_type="onderzoeksverslag", object_id=verslag.task.id, on_behalf_of=on_behalf_of,
                       description=f"Onderzoeksverslag van zaak {zaak.zaaknummer} gelezen")


def sign(actor, zaak: Zaak, *, akkoord: str, opmerkingen: str, on_behalf_of=None) -> AanvraagOndertekening:
    """Sign the aanvraag on the latest verslag: `akkoord` 'ja' or 'opmerkingen' (then comments are required)."""
    verslag = verslag_of(zaak)
    opmerkingen = (opmerkingen or "").strip()
    errors = {}
    if verslag is None:
        raise InvalidInput("Er is nog geen onderzoeksverslag om te ondertekenen.")
    if verslag.ondertekening is not None:
        raise InvalidInput("U heeft dit verslag al ondertekend.")
    na_uitkomst = bool(recht_op_aanvraag.waiting([zaak.id]))  # the aanvraag after an algemene voorziening or no maatwerk
    if akkoord not in ("ja", "opmerkingen"):
        errors["akkoord"] = ("Kies of u uitlegt waarom u de hulp toch nodig heeft, of een aanvraag doet zonder uitleg."
                             if na_uitkomst else "Kies of u het eens bent met het verslag, of dat u opmerkingen heeft.")
    elif akkoord == "opmerkingen" and not opmerkingen:
        errors["opmerkingen"] = ("Schrijf waarom u de hulp toch nodig heeft." if na_uitkomst
                                 else "Schrijf uw opmerkingen bij het verslag.")
    if len(opmerkingen) > MAX_OPMERKINGEN:
        errors["opmerkingen"] = f"Uw opmerkingen mogen niet langer zijn dan {MAX_OPMERKINGEN} tekens."
    errors.update(text_errors({"opmerkingen": opmerkingen}, {"opmerkingen": "Opmerkingen"}))
    if errors:
        raise InvalidInput(errors=errors)
    with unit_of_work() as session:
        zaak = session.get(Zaak, zaak.id)
        row = AanvraagOndertekening(zaak_id=zaak.id, verslag_task_id=verslag.task.id, akkoord=akkoord == "ja",
                                    opmerkingen=opmerkingen or None, ondertekend_door_id=actor.id,
                                    namens_id=getattr(on_behalf_of, "id", None))
        session.add(row)
        session.flush()
        wat = "akkoord met het onderzoeksverslag" if row.akkoord else "met opmerkingen bij het onderzoeksverslag"
        log_processing(session, actor=actor, person=zaak.person, activity="inwoner-gegevens", action="aanmaken",
                       object_type="ondertekening", object_id=row.id, on_behalf_of=on_behalf_of,
                       description=f"Aanvraag van zaak {zaak.zaaknummer} ondertekend, {wat}")
        add_event(session, zaak.id, "aanvraag_ondertekend", f"Aanvraag ondertekend door de inwoner, {wat}", actor=actor)
        recht_op_aanvraag.indienen(session, zaak, row, actor)  # a zaak that waited for it goes on to the besluit
        mail_behandelaars(session, zaak, "Aanvraag ondertekend door de inwoner",
                          f"De inwoner van zaak {zaak.zaaknummer} heeft de aanvraag ondertekend. Lees het in de werkvoorraad.")
    logger.info("Aanvraag of zaak %s signed by %s", zaak.zaaknummer, actor.username)
    return row
