"""Use cases of klachten and signalen about aanbieders: a consulent registers one from a zaak, an inwoner (or
gemachtigde) submits one about their own care in the portal and follows its state, and the contractmanager
reads, follows up (notes) and closes it. Each change in one transaction, audited (who, when, what changed) and —
a klacht is about an inwoner — written to the processing log, as is every read of one that shows the person.
A text with HTML or a forbidden character is refused per field and nothing is stored."""
import logging

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import db
from ..domain import policy
from ..domain.klachten import SOORTEN, STATUSSEN, next_states, tekst_problem
from ..domain.policy_klachten import KlachtBijZaak, KlachtOverZorg
from ..models import Klacht, KlachtNotitie, Toewijzing, Zaak
from ..models.base import utcnow
from . import audit
from .errors import Forbidden, InvalidInput, NotFound
from .processing_log import log_processing
from .uow import unit_of_work

logger = logging.getLogger(__name__)
ACTIVITY = "klachten-aanbieders"
LABELS = {"toewijzing": "Over welke zorgaanbieder?", "soort": "Wat wilt u doorgeven?", "tekst": "Wat is er gebeurd?",
          "notitie": "Notitie", "status": "Nieuwe stand", "reden": "Reden van afsluiten"}


def toewijzingen_of_zaak(zaak: Zaak) -> list[Toewijzing]:
    """The toewijzingen of the zaak a consulent can register a klacht about (each names its aanbieder)."""
    return list(db.session.scalars(select(Toewijzing).where(Toewijzing.zaak_id == zaak.id)
                                   .options(selectinload(Toewijzing.aanbieder), selectinload(Toewijzing.product))
                                   .order_by(Toewijzing.ingangsdatum.desc(), Toewijzing.id.desc())))


def toewijzingen_of_person(person_id: int) -> list[Toewijzing]:
    """The person's own toewijzingen: the care an inwoner can submit a klacht about."""
    return list(db.session.scalars(select(Toewijzing).join(Zaak, Zaak.id == Toewijzing.zaak_id)
                                   .where(Zaak.person_id == person_id)
                                   .options(selectinload(Toewijzing.aanbieder), selectinload(Toewijzing.product))
                                   .order_by(Toewijzing.ingangsdatum.desc(), Toewijzing.id.desc())))


def register_by_consulent(actor, zaak: Zaak, toewijzing_id: int | None, soort: str, tekst: str) -> Klacht:
    """Register a klacht or signaal about the aanbieder of one of the zaak's toewijzingen."""
    with unit_of_work() as session:
        toewijzing = session.get(Toewijzing, toewijzing_id) if toewijzing_id else None
        errors = _errors(soort, tekst)
        if not policy.decide(actor, "klacht.registreren", KlachtBijZaak(zaak, None)):
            raise Forbidden("U kunt bij deze zaak geen klacht of signaal registreren.")
        if toewijzing is None or not policy.decide(actor, "klacht.registreren", KlachtBijZaak(zaak, toewijzing)):
            errors["toewijzing"] = "Kies een zorgaanbieder van een toewijzing van deze zaak."
        if errors:
            raise InvalidInput("De klacht of het signaal is niet geregistreerd.", errors=errors)
        klacht = _new(session, actor, toewijzing, soort, tekst, bron="consulent")
    logger.info("Klacht %s about aanbieder %s registered from zaak %s by %s", klacht.id, klacht.aanbieder_id, zaak.id,
                actor.username)
    return klacht


def submit_by_inwoner(actor, person_id: int, toewijzing_id: int | None, soort: str, tekst: str,
                      on_behalf_of=None) -> Klacht:
    """Submit a klacht or signaal about one's own care (a gemachtigde: about the care of the one they act for)."""
    with unit_of_work() as session:
        toewijzing = session.get(Toewijzing, toewijzing_id) if toewijzing_id else None
        errors = _errors(soort, tekst)
        decision = policy.decide(actor, "klacht.indienen", KlachtOverZorg(person_id, toewijzing))
        if not decision:
            errors["toewijzing"] = "Kies de zorgaanbieder van uw eigen zorg uit de lijst."
        if errors:
            raise InvalidInput("Uw klacht is nog niet verstuurd.", errors=errors)
        klacht = _new(session, actor, toewijzing, soort, tekst, bron="inwoner", on_behalf_of=on_behalf_of)
    logger.info("Klacht %s about aanbieder %s submitted in the portal by %s", klacht.id, klacht.aanbieder_id,
                actor.username)
    return klacht


def _errors(soort: str, tekst: str) -> dict:
    errors = {}
    if soort not in SOORTEN:
        errors["soort"] = "Kies of het een klacht of een signaal is."
    problem = tekst_problem(tekst, LABELS["tekst"])
    if problem:
        errors["tekst"] = problem
    return errors


def _new(session, actor, toewijzing: Toewijzing, soort: str, tekst: str, bron: str, on_behalf_of=None) -> Klacht:
    zaak = toewijzing.zaak
    klacht = Klacht(gemeente_id=zaak.gemeente_id, aanbieder_id=toewijzing.aanbieder_id, toewijzing_id=toewijzing.id,
                    zaak_id=zaak.id, person_id=zaak.person_id, soort=soort, tekst=tekst.strip(), bron=bron,
                    geregistreerd_door_id=actor.id, namens_id=getattr(on_behalf_of, "id", None), status="open")
    session.add(klacht)
    session.flush()
    audit.record(session, actor, "klacht.registreren", klacht,
                 {"soort": [None, soort], "status": [None, "open"], "aanbieder": [None, toewijzing.aanbieder.naam]})
    log_processing(session, actor=actor, person=zaak.person, activity=ACTIVITY, action="aanmaken",
                   object_type="klacht", object_id=klacht.id, on_behalf_of=on_behalf_of,
                   description=f"{SOORTEN[soort]} over {toewijzing.aanbieder.naam} geregistreerd (zaak {zaak.zaaknummer})")
    return klacht


def klachten_of_person(actor, person, on_behalf_of=None) -> list[Klacht]:
    """The klachten and signalen the person (or their gemachtigde) submitted, newest first, for their own portal;
    the read is logged. What a consulent registered stays with the gemeente (the AVG export holds it)."""
    with unit_of_work() as session:
        rows = list(session.scalars(select(Klacht).where(Klacht.person_id == person.id, Klacht.bron == "inwoner")
                                    .options(selectinload(Klacht.aanbieder))
                                    .order_by(Klacht.geregistreerd_op.desc(), Klacht.id.desc())))
        log_processing(session, actor=actor, person=person, activity="dossier-inzage", action="lezen",
                       object_type="klachten", on_behalf_of=on_behalf_of,
                       description="Overzicht van klachten en signalen over de eigen zorg bekeken")
    return rows


def klachten_of_zaak(zaak: Zaak) -> list[Klacht]:
    """The klachten and signalen registered about the zaak (shown on its page, which logs the read of the zaak)."""
    return list(db.session.scalars(select(Klacht).where(Klacht.zaak_id == zaak.id)
                                   .options(selectinload(Klacht.aanbieder)).order_by(Klacht.id.desc())))


def klachten_for(actor, status: str | None = None, aanbieder_id: int | None = None) -> list[Klacht]:
    """The contractmanager's list: klachten of their gemeenten (no names: the list shows no person)."""
    _require(actor)
    query = select(Klacht).where(Klacht.gemeente_id.in_(sorted(actor.gemeente_ids))).options(
        selectinload(Klacht.aanbieder)).order_by(Klacht.geregistreerd_op.desc(), Klacht.id.desc())
    if status in STATUSSEN:
        query = query.where(Klacht.status == status)
    if aanbieder_id:
        query = query.where(Klacht.aanbieder_id == aanbieder_id)
    return list(db.session.scalars(query.limit(500)))


def get_klacht(actor, klacht_id: int) -> Klacht:
    klacht = db.session.get(Klacht, klacht_id)
    if klacht is None:
        raise NotFound("Deze klacht bestaat niet.")
    _require(actor, klacht)
    return klacht


def open_klacht(actor, klacht: Klacht) -> Klacht:
    """Record that the contractmanager reads the klacht with the inwoner and zaak it is about."""
    with unit_of_work() as session:
        if klacht.person is not None:
            log_processing(session, actor=actor, person=klacht.person, activity=ACTIVITY, action="lezen",
                           object_type="klacht", object_id=klacht.id,
                           description=f"Klacht {klacht.kenmerk} over {klacht.aanbieder.naam} bekeken")
    return klacht


def add_notitie(actor, klacht_id: int, tekst: str, status: str) -> KlachtNotitie:
    """Follow a klacht up: a note, and the state it moves to (open or in behandeling)."""
    with unit_of_work() as session:
        klacht = _load_for_change(session, actor, klacht_id)
        errors = {}
        if status not in next_states(klacht.status) or status == "afgesloten":
            errors["status"] = "Kies 'In behandeling'. Afsluiten doet u hieronder, met de reden."
        problem = tekst_problem(tekst, LABELS["notitie"])
        if problem:
            errors["notitie"] = problem
        if errors:
            raise InvalidInput("De notitie is niet opgeslagen.", errors=errors)
        notitie = _note(session, actor, klacht, tekst, status, "klacht.opvolgen")
    return notitie


def close_klacht(actor, klacht_id: int, reden: str) -> Klacht:
    """Close a klacht with the reason (the inwoner reads it in the portal)."""
    with unit_of_work() as session:
        klacht = _load_for_change(session, actor, klacht_id)
        problem = tekst_problem(reden, LABELS["reden"])
        if problem:
            raise InvalidInput("De klacht is niet afgesloten.", errors={"reden": problem})
        klacht.afgesloten_op, klacht.afgesloten_door_id, klacht.afsluitreden = utcnow(), actor.id, reden.strip()
        _note(session, actor, klacht, reden, "afgesloten", "klacht.afsluiten")
    logger.info("Klacht %s closed by %s", klacht.id, actor.username)
    return klacht


def _load_for_change(session, actor, klacht_id: int) -> Klacht:
    klacht = session.get(Klacht, klacht_id)
    if klacht is None:
        raise NotFound("Deze klacht bestaat niet.")
    _require(actor, klacht)
    if klacht.status == "afgesloten":
        raise InvalidInput("Deze klacht is al afgesloten.", errors={"status": "Deze klacht is al afgesloten."})
    return klacht


def _note(session, actor, klacht: Klacht, tekst: str, status: str, action: str) -> KlachtNotitie:
    before = klacht.status
    notitie = KlachtNotitie(klacht_id=klacht.id, tekst=tekst.strip(), status=status, door_id=actor.id)
    klacht.status = status
    session.add(notitie)
    session.flush()
    audit.record(session, actor, action, klacht, {"status": [before, status]})
    if klacht.person is not None:
        log_processing(session, actor=actor, person=klacht.person, activity=ACTIVITY, action="wijzigen",
                       object_type="klacht", object_id=klacht.id,
                       description=f"Klacht {klacht.kenmerk} opgevolgd: {STATUSSEN[status].lower()}")
    return notitie


def _require(actor, klacht: Klacht | None = None) -> None:
    decision = policy.decide(actor, "klachten.afhandelen", klacht)
    if decision.hidden:
        raise NotFound("Deze klacht bestaat niet.")
    if not decision:
        raise Forbidden(decision.reason)
