"""Verzoek om correctie (art. 16 AVG): the inwoner says which of their data is wrong and what it should be.

It becomes a portaalbericht of the kind 'correctieverzoek' on their most recent zaak — the consulent of that
zaak answers it in the same conversation, and the werkvoorraad lists the verzoeken not yet answered. The BPMN
models stay as they are: correcting data is the consulent's work on the zaak, not a new process step."""
import logging
from dataclasses import dataclass

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import aliased, joinedload

from .. import db
from ..domain.input import text_errors
from ..models import Gemeente, PortaalBericht, Zaak
from .errors import InvalidInput
from .gemeenten import reach
from .history import add_event
from .portal_mail import mail_behandelaars
from .processing_log import log_processing
from .uow import unit_of_work

logger = logging.getLogger(__name__)

SOORT = "correctieverzoek"
MAX_LENGTH = 2000
LABELS = {"welke": "Welke gegevens kloppen niet", "juist": "Wat moet het zijn"}
MAIL = ("Verzoek om correctie van gegevens",
        "In zaak {zaaknummer} vraagt de inwoner gegevens te verbeteren (artikel 16 AVG). Lees het verzoek bij de "
        "berichten van de zaak in de werkvoorraad en antwoord binnen een maand (artikel 12 lid 3 AVG).")


@dataclass(frozen=True)
class OpenVerzoek:
    bericht: PortaalBericht
    zaak: Zaak


def request_correction(actor, person, *, welke: str, juist: str, on_behalf_of=None) -> PortaalBericht:
    """File the verzoek on `person`'s most recent zaak and tell its consulenten; nothing is stored on bad input."""
    values = {"welke": (welke or "").strip(), "juist": (juist or "").strip()}
    errors = {}
    if not values["welke"]:
        errors["welke"] = "Schrijf welke gegevens niet kloppen, bijvoorbeeld 'mijn adres'."
    if not values["juist"]:
        errors["juist"] = "Schrijf wat het wel moet zijn, bijvoorbeeld 'Rijnstraat 14'."
    for name, value in values.items():
        if len(value) > MAX_LENGTH and name not in errors:
            errors[name] = f"'{LABELS[name]}' is langer dan {MAX_LENGTH} tekens. Maak het korter."
    errors = text_errors(values, LABELS) | errors
    if errors:
        raise InvalidInput(errors=errors)
    with unit_of_work() as session:
        zaak = session.scalar(select(Zaak).where(Zaak.person_id == person.id).order_by(Zaak.id.desc()).limit(1))
        if zaak is None:
            gemeente = session.get(Gemeente, person.gemeente_id)
            telefoon = f" op {gemeente.telefoon}" if gemeente.telefoon else ""
            raise InvalidInput(f"U heeft nog geen zaak bij de gemeente, dus er is geen consulent die uw verzoek kan "
                               f"behandelen. Bel {gemeente.naam}{telefoon} of stuur een brief.")
        bericht = PortaalBericht(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, van="inwoner", afzender_id=actor.id, soort=SOORT,
                                 tekst=f"Verzoek om correctie van mijn gegevens (artikel 16 AVG).\n\n"
                                       f"Wat niet klopt:\n{values['welke']}\n\nWat het moet zijn:\n{values['juist']}")
        session.add(bericht)
        session.flush()
        log_processing(session, actor=actor, person=person, activity="avg-correctieverzoek", action="aanmaken",
                       object_type="correctieverzoek", object_id=bericht.id, on_behalf_of=on_behalf_of,
                       description=f"Verzoek om correctie van gegevens ingediend bij zaak {zaak.zaaknummer}")
        add_event(session, zaak.id, SOORT, "Verzoek om correctie van gegevens van de inwoner (art. 16 AVG)",
                  actor=actor)
        mail_behandelaars(session, zaak, MAIL[0], MAIL[1].format(zaaknummer=zaak.zaaknummer))
    logger.info("Correctieverzoek %s in zaak %s by %s", bericht.id, zaak.zaaknummer, actor.username)
    return bericht


def open_verzoeken(user, limit: int = 20) -> list[OpenVerzoek]:
    """The correctieverzoeken of the gemeenten `user` works for that the gemeente has not answered yet (no
    message from the gemeente in that zaak since), oldest first."""
    answer = aliased(PortaalBericht)
    answered = exists().where(and_(answer.zaak_id == PortaalBericht.zaak_id, answer.van == "gemeente",
                                   answer.id > PortaalBericht.id))
    rows = db.session.execute(
        select(PortaalBericht, Zaak).join(Zaak, Zaak.id == PortaalBericht.zaak_id)
        .where(PortaalBericht.soort == SOORT, reach(user, PortaalBericht.gemeente_id), ~answered)
        .options(joinedload(Zaak.person)).order_by(PortaalBericht.id).limit(limit)).all()
    return [OpenVerzoek(bericht, zaak) for bericht, zaak in rows]
