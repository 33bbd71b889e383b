"""Payment batches: approved declaratie amounts are collected in the gemeente's one open batch; closing it
writes the SEPA credit-transfer file (pain.001); a second person releases it (vier-ogen) before the
financial administration may download it for the bank."""
import logging
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from .. import db
from ..domain import policy
from ..domain.deadlines import add_working_days
from ..domain.sepa import Overboeking, Rekeninghouder, SepaError, build_pain001, format_cents
from ..models import Betaalbatch, BetaalbatchRegel, Declaratie
from ..models.base import utcnow
from .errors import Conflict, Forbidden, InvalidInput, NotFound
from .gemeenten import reach
from .uow import unit_of_work

logger = logging.getLogger(__name__)


def add_to_open_batch(session, declaratie: Declaratie, bedrag_cent: int) -> BetaalbatchRegel | None:
    """Add an approved (signed) amount of `declaratie` to the open batch, within the caller's
    transaction; the batch is created when none is open."""
    if bedrag_cent == 0:
        return None
    batch = _open_batch(session, declaratie.gemeente_id)
    regel = session.scalar(select(BetaalbatchRegel).where(
        BetaalbatchRegel.betaalbatch_id == batch.id, BetaalbatchRegel.declaratie_id == declaratie.id))
    if regel is None:
        regel = BetaalbatchRegel(betaalbatch_id=batch.id, declaratie_id=declaratie.id,
                                 aanbieder_id=declaratie.aanbieder_id, bedrag_cent=0)
        session.add(regel)
    regel.bedrag_cent += bedrag_cent
    batch.totaal_cent += bedrag_cent
    return regel


def _open_batch(session, gemeente_id: int) -> Betaalbatch:
    """The gemeente's open batch, locked for this transaction; a new one when none is open.

    (gemeente, `open_slot`) is unique, so two workers creating one at once cannot both succeed: the loser
    retries inside a savepoint and finds the winner's batch."""
    for _ in range(3):
        batch = session.scalar(select(Betaalbatch).where(Betaalbatch.gemeente_id == gemeente_id,
                                                         Betaalbatch.open_slot == 1).with_for_update())
        if batch is not None:
            return batch
        try:
            with session.begin_nested():
                batch = Betaalbatch(nummer=_next_nummer(session), gemeente_id=gemeente_id, status="open",
                                    open_slot=1, totaal_cent=0)
                session.add(batch)
            return batch
        except IntegrityError:
            continue
    raise RuntimeError("Er kon geen open betaalbatch worden aangemaakt.")


def _next_nummer(session) -> str:
    year = date.today().year
    count = session.scalar(select(func.count()).select_from(Betaalbatch)) or 0
    return f"BB-{year}-{count + 1:04d}"


def close_betaalbatch(actor=None, uitvoerdatum: date | None = None, batch_id: int | None = None,
                      gemeente_id: int | None = None) -> Betaalbatch | None:
    """Close an open batch — batch `batch_id`, or the open one of `gemeente_id` (of any gemeente, oldest first,
    when neither is given: the CLI and the demo) — and write its pain.001 file; None when nothing is open.

    A person (`actor`) may close only when the policy allows it; without an actor it is the CLI or the demo.
    Every aanbieder in it needs a valid IBAN; otherwise nothing changes and the Dutch error names the
    aanbieder. Transfers whose net amount is not positive stay out of the file."""
    with unit_of_work() as session:
        if batch_id is None:
            query = select(Betaalbatch).where(Betaalbatch.open_slot == 1)
            if gemeente_id is not None:
                query = query.where(Betaalbatch.gemeente_id == gemeente_id)
            batch = session.scalar(query.order_by(Betaalbatch.id).limit(1).with_for_update())
            if batch is None:
                return None
        else:
            batch = _locked(session, batch_id)
        if actor is not None:
            require(actor, "betaalbatch.sluiten", batch)
        elif batch.status != "open":
            raise Conflict(f"Betaalbatch {batch.nummer} is al gesloten.")
        uitvoerdatum = uitvoerdatum or add_working_days(date.today(), 1)
        if actor is not None and uitvoerdatum < date.today():  # the demo and the CLI may date a run back
            raise InvalidInput("De uitvoerdatum ligt in het verleden.",
                               {"uitvoerdatum": "Kies als uitvoerdatum vandaag of een latere dag."})
        overboekingen = []
        for regel in batch.regels:
            if regel.bedrag_cent <= 0:
                continue
            aanbieder, decl = regel.aanbieder, regel.declaratie
            if not aanbieder.iban:
                raise InvalidInput(f"Aanbieder {aanbieder.naam} ({aanbieder.agb_code}) heeft geen IBAN; "
                                   "vul dit eerst in.")
            regel.iban = aanbieder.iban
            overboekingen.append(Overboeking(
                naam=aanbieder.naam, iban=aanbieder.iban, bedrag_cent=regel.bedrag_cent,
                omschrijving=f"Declaratie {decl.declaratienummer} periode {decl.periode_begin:%m-%Y} "
                             f"AGB {aanbieder.agb_code}",
                kenmerk=f"{batch.nummer}-{regel.id}"))
        if not overboekingen:
            raise InvalidInput("De open betaalbatch bevat nog geen betalingen.")
        gemeente = batch.gemeente
        betaler = Rekeninghouder(gemeente.naam, gemeente.iban, gemeente.bic)
        try:
            xml = build_pain001(betaler, overboekingen, uitvoerdatum, batch.nummer)
        except SepaError as exc:
            raise InvalidInput(str(exc)) from exc
        batch.pain001_xml = xml.decode("utf-8")
        batch.totaal_cent = sum(o.bedrag_cent for o in overboekingen)
        batch.status, batch.open_slot = "gesloten", None
        batch.gesloten_op, batch.uitvoerdatum = utcnow(), uitvoerdatum
        batch.gesloten_door_id = getattr(actor, "id", None)
        logger.info("Betaalbatch %s gesloten: %d betalingen, € %s, by %s", batch.nummer, len(overboekingen),
                    format_cents(batch.totaal_cent), getattr(actor, "username", "systeem"))
        return batch


def release_betaalbatch(actor, batch_id: int) -> Betaalbatch:
    """Release a closed batch for the bank: a colleague of the one who closed it checked it (vier-ogen)."""
    with unit_of_work() as session:
        batch = _locked(session, batch_id)
        require(actor, "betaalbatch.vrijgeven", batch)
        batch.status, batch.vrijgegeven_op, batch.vrijgegeven_door_id = "vrijgegeven", utcnow(), actor.id
        logger.info("Betaalbatch %s vrijgegeven (€ %s) by %s", batch.nummer, format_cents(batch.totaal_cent),
                    actor.username)
        return batch


def pain001_of(actor, batch_id: int) -> tuple[str, bytes]:
    """(file name, XML) of a released batch's payment file; refused before the release."""
    batch = get_betaalbatch(batch_id)
    require(actor, "betaalbatch.downloaden", batch)
    logger.info("Betaalbestand van %s gedownload by %s", batch.nummer, actor.username)
    return f"{batch.nummer}.xml", batch.pain001_xml.encode("utf-8")


def require(actor, action: str, batch: Betaalbatch) -> None:
    """Ask the policy; a refusal for the batch's state is a Conflict, one for who asks is Forbidden."""
    decision = policy.decide(actor, action, batch)
    if decision.hidden:
        raise NotFound("Deze betaalbatch bestaat niet.")
    if not decision:
        raise (Conflict if decision.wrong_state else Forbidden)(decision.reason)


def _locked(session, batch_id: int) -> Betaalbatch:
    batch = session.scalar(select(Betaalbatch).where(Betaalbatch.id == batch_id).with_for_update())
    if batch is None:
        raise NotFound("Deze betaalbatch bestaat niet.")
    return batch


def list_betaalbatches(user, limit: int = 50, offset: int = 0) -> tuple[list[Betaalbatch], int]:
    """The batches of `user`'s gemeenten newest first (the open ones on top), one page of them, and how many."""
    session = db.session
    mine = reach(user, Betaalbatch.gemeente_id)
    total = session.scalar(select(func.count()).select_from(Betaalbatch).where(mine)) or 0
    rows = session.scalars(select(Betaalbatch).where(mine)
                           .order_by(Betaalbatch.open_slot.is_(None), Betaalbatch.id.desc())
                           .limit(limit).offset(offset))
    return list(rows), total


def get_betaalbatch(batch_id: int) -> Betaalbatch:
    batch = db.session.get(Betaalbatch, batch_id)
    if batch is None:
        raise NotFound("Deze betaalbatch bestaat niet.")
    return batch

