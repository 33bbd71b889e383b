"""Handle a declaratie (323): check every prestatie against its toewijzing, the contract and
earlier declaraties, store the verdicts, answer with a 325 and put approved amounts in the open
payment batch. Lines a person must judge go to a backoffice task (process `declaratie`)."""
import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from iwmo_messages import RetourOptions, RuleResult, check_rules, make_retour
from iwmo_messages.rules.base import CROSS_MESSAGE

from ..domain import declaratie_check as check
from ..domain.deadlines import add_working_days
from ..models import Aanbieder, Declaratie, Prestatie
from ..models.base import utcnow
from .betaalbatches import add_to_open_batch
from .declaratie_facts import DeclaratieContext, earlier_prestaties
from .exchange.outbox import checked_xml
from .plafonds import check_plafonds
from .settings import extra_holidays, setting

logger = logging.getLogger(__name__)
ANSWER_WORKING_DAYS = 10  # OP090x4: the 325 within 10 werkdagen


@dataclass
class Uitkomst:
    """What handling a 323 produced: the declaratie row and, unless a person must look first,
    the 325 to send back."""

    declaratie: Declaratie
    antwoord_xml: bytes | None
    handmatig: list[Prestatie]


def handle_declaratie(session, message, aanbieder: Aanbieder, feiten: dict[int, check.Toewijzingsfeiten], *,
                      bericht_id: int | None = None, bericht_seen=None, today: date | None = None,
                      gemeente_id: int) -> Uitkomst:
    """Check and store a parsed, XSD-valid 323 from `aanbieder` inside the caller's transaction.

    `feiten` are the aanbieder's toewijzingen the 323 names (by ToewijzingNummer; another
    aanbieder's toewijzing is not there: TR338). `bericht_seen(afzender, code, identificatie)`
    answers TR056 (idempotency is the caller's: the same stored bericht is never handled twice)."""
    today = today or date.today()
    nummers = {p.toewijzing_nummer for c in message.declaratie.clienten for p in c.prestaties}
    context = DeclaratieContext(session, aanbieder.id, feiten, today, bericht_seen, gemeente_id=gemeente_id,
                                standaard=message.standaard)
    results = check_rules(message, context) + check.extra_rules(message, feiten, earlier_prestaties(
        session, aanbieder.id, nummers))
    regels = check.verdicts(message, results, setting("DECLARATIE_HANDMATIG_VANAF"))
    declaratie = _store(session, message, aanbieder, regels, feiten, bericht_id, today, gemeente_id)
    whole = _whole_message_faults(message, results)
    if whole:
        declaratie.status = "afgewezen"
        return Uitkomst(declaratie, _answer(session, declaratie, message, whole), [])
    handmatig = [p for p in declaratie.prestaties if p.status == check.HANDMATIG]
    if handmatig:
        declaratie.status = "in_behandeling"
        return Uitkomst(declaratie, None, handmatig)
    return Uitkomst(declaratie, finish_declaratie(session, declaratie, message), [])


def finish_declaratie(session, declaratie: Declaratie, message) -> bytes:
    """Every line has a verdict: pay the approved ones and return the 325 (line by line)."""
    targets = [p for c in message.declaratie.clienten for p in c.prestaties]
    results = [RuleResult("beoordeling", code, CROSS_MESSAGE, f"Prestatie[{row.volgnummer}]", row.reden or "",
                          None, targets[row.volgnummer - 1])
               for row in declaratie.prestaties if row.status == check.AFGEKEURD
               for code in (row.retourcodes or "0233").split()]
    toegekend = sum(row.signed_cent for row in declaratie.prestaties if row.status == check.GOEDGEKEURD)
    declaratie.totaal_toegekend_cent = toegekend
    declaratie.status = "beantwoord"
    add_to_open_batch(session, declaratie, toegekend)
    session.flush()
    check_plafonds(session, declaratie)
    return _answer(session, declaratie, message, results)


def _answer(session, declaratie: Declaratie, message, results) -> bytes:
    # Checked as the outbox checks every message (XSD and rules): a fault is the platform's (OutboundRuleFault)
    xml = checked_xml(make_retour(message, results, RetourOptions(f"A{declaratie.id:011d}", date.today())))
    declaratie.antwoord_xml = xml.decode("utf-8")
    declaratie.beantwoord_op = utcnow()
    logger.info("Declaratie %s van %s beantwoord: %s van %s cent toegekend", declaratie.declaratienummer,
                declaratie.aanbieder_id, declaratie.totaal_toegekend_cent, declaratie.totaal_ingediend_cent)
    return xml


def _whole_message_faults(message, results) -> list:
    """Faults that refuse the whole declaratie: in-message (XSLT) ones and those on the header or
    the Declaratie class (IV087)."""
    whole = {id(message), id(message.header), id(message.declaratie)}
    return [r for r in results if r.level == 2 or id(r.target) in whole]


def _store(session, message, aanbieder, regels, feiten, bericht_id, today, gemeente_id) -> Declaratie:
    d = message.declaratie
    total = d.totaal_ingediend_bedrag
    declaratie = Declaratie(
        bericht_id=bericht_id, aanbieder_id=aanbieder.id, gemeente_id=gemeente_id, standaard=message.standaard,
        declaratienummer=d.declaratie_nummer, identificatie=message.header.bericht_identificatie.identificatie,
        periode_begin=d.declaratie_periode.begindatum, periode_eind=d.declaratie_periode.einddatum,
        dagtekening=d.declaratie_dagtekening,
        totaal_ingediend_cent=-total.totaal_bedrag if total.debet_credit == "C" else total.totaal_bedrag,
        totaal_toegekend_cent=0, status="ontvangen",
        antwoord_uiterlijk=add_working_days(today, ANSWER_WORKING_DAYS, extra_holidays()))
    session.add(declaratie)
    session.flush()
    for nr, regel in enumerate(regels, 1):
        p = regel.prestatie
        t = feiten.get(p.toewijzing_nummer)
        session.add(Prestatie(
            declaratie_id=declaratie.id, volgnummer=nr, bsn=regel.bsn, toewijzing_nummer=p.toewijzing_nummer,
            toewijzing_id=t.toewijzing_id if t else None,
            referentienummer=p.product_referentie.referentie_nummer,
            vorig_referentienummer=p.product_referentie.vorig_referentie_nummer,
            productcategorie=p.product_categorie, productcode=p.product_code,
            periode_begin=p.product_periode.begindatum, periode_eind=p.product_periode.einddatum,
            volume=p.geleverd_volume, eenheid=p.eenheid, tarief_cent=p.product_tarief,
            bedrag_cent=p.ingediend_bedrag.bedrag, debet_credit=p.ingediend_bedrag.debet_credit,
            status=regel.status, retourcodes=" ".join(regel.retourcodes) or None,
            reden="; ".join(regel.redenen) or None))
    session.flush()
    session.refresh(declaratie)
    return declaratie


def declaratie_by_id(session, declaratie_id: int) -> Declaratie | None:
    return session.get(Declaratie, declaratie_id)


def open_declaraties(session) -> list[Declaratie]:
    return list(session.scalars(select(Declaratie).where(Declaratie.status == "in_behandeling")))
