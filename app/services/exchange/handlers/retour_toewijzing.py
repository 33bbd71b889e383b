"""302: the aanbieder's answer on our 301. Accepted toewijzingen become 'geaccepteerd'; refused
ones 'afgewezen' with a backoffice task that explains the retourcodes in plain Dutch.

A 301 carries every current toewijzing of the client (OP087): the verdict is recorded for each
toewijzing it carried. One it only repeated (its current version came with an earlier 301) keeps
its state and has no waiting process; a refusal of it is noted on the zaak."""
import logging

from sqlalchemy import select

from iwmo_messages import parse

from ....engine import NotCorrelated, RunContext, deliver_message
from ....models import Bericht, HumanTask, Toewijzing
from ...history import add_event
from ...processing_log import log_processing
from ...settings import extra_holidays, run_limits
from ..codes import describe
from . import answered_heen, handles

logger = logging.getLogger(__name__)
OK_CODES = {"0200"}
#: The BPMN message a 302 delivers to the waiting toewijzing process (the linter knows it as delivered).
MESSAGE = "retour_toewijzing"


@handles("302")
def handle_302(session, bericht: Bericht, message) -> None:
    """Record the verdict per toegewezen product and let each waiting toewijzing process go on."""
    h = message.header
    heen = answered_heen(session, bericht, message, "301", "toewijzingbericht")
    if heen is None:
        return None
    header_codes = [c for c in h.retour_codes if c not in OK_CODES]
    verdicts = _verdicts(message, header_codes)
    bericht.retourcodes = " ".join(sorted({c for codes in verdicts.values() for c in codes})) or None
    toewijzingen = _carried(session, heen)
    for t in toewijzingen:
        refused = verdicts.get(t.toewijzingnummer, header_codes)
        if t.bericht_id == heen.id:
            _apply(session, bericht, t, refused)
        elif refused:
            _note_repeated(session, bericht, t, refused)
    if toewijzingen:
        zaak = toewijzingen[0].zaak
        log_processing(session, actor=None, person=zaak.person, activity=f"{zaak.domein}-toewijzing",
                       action="ontvangen", object_type="bericht", object_id=bericht.id, role="systeem",
                       description=f"{bericht.naam} van aanbieder {bericht.aanbieder.agb_code} verwerkt")
    return None


def _carried(session, heen: Bericht) -> list[Toewijzing]:
    """The toewijzingen our 301 `heen` carried, by the ToewijzingNummers in its stored XML."""
    nummers = [tp.toewijzing_nummer for tp in parse(heen.inhoud).client.toegewezen_producten]
    return session.scalars(select(Toewijzing).where(Toewijzing.toewijzingnummer.in_(nummers),
                                                    Toewijzing.aanbieder_id == heen.aanbieder_id,
                                                    Toewijzing.gemeente_id == heen.gemeente_id)
                           .order_by(Toewijzing.toewijzingnummer)).all()


def _note_repeated(session, bericht: Bericht, t: Toewijzing, refused: list[str]) -> None:
    """A repeated toewijzing the aanbieder refused: its earlier accepted version still stands."""
    add_event(session, t.zaak_id, "toewijzing_retour",
              f"Herhaalde toewijzing {t.toewijzingnummer} afgekeurd door de aanbieder: {', '.join(refused)} "
              f"(de eerder verzonden versie blijft gelden)", data={"toewijzing_id": t.id, "bericht_id": bericht.id})


def _verdicts(message, header_codes: list[str]) -> dict[int, list[str]]:
    """ToewijzingNummer → the retourcodes that refuse it (empty: accepted)."""
    if message.client is None:  # only a header: all accepted, or all refused by header codes
        return {}
    return {tp.toewijzing_nummer: header_codes or [c for c in tp.retour_codes if c not in OK_CODES]
            for tp in message.client.toegewezen_producten}


def _apply(session, bericht: Bericht, t: Toewijzing, refused: list[str]) -> None:
    if refused:
        t.status, t.retourcodes = "afgewezen", " ".join(refused)
        summary = f"Toewijzing {t.toewijzingnummer} afgekeurd door de aanbieder: {', '.join(refused)}"
    else:
        if t.status == "verzonden":  # a 305 that came first already made it 'gestart' (OP080)
            t.status = "geaccepteerd"
        summary = f"Toewijzing {t.toewijzingnummer} geaccepteerd door de aanbieder"
    add_event(session, t.zaak_id, "toewijzing_retour", summary, data={"toewijzing_id": t.id, "bericht_id": bericht.id})
    ctx = RunContext(session=session, zaak_id=t.zaak_id, limits=run_limits(),
                     extra_holidays=extra_holidays())
    try:
        instance = deliver_message(ctx, MESSAGE, {
            "toewijzing_nummer": t.toewijzingnummer, "geaccepteerd": not refused, "retourcodes": refused})
    except NotCorrelated:  # nobody waits any more (a repeated 302 after a person handled it): state is recorded
        logger.info("302 for toewijzing %s: no waiting process", t.toewijzingnummer)
        return
    if refused:
        _explain(session, instance.id, refused)


def _explain(session, instance_id: int, refused: list[str]) -> None:
    """Put the meaning of the retourcodes in the instructions of the backoffice task."""
    session.flush()
    for task in session.scalars(select(HumanTask).where(HumanTask.instance_id == instance_id,
                                                        HumanTask.spec_name == "toewijzing_afgewezen",
                                                        HumanTask.status == "open")):
        codes = " ".join(describe(c) for c in refused)  # one paragraph: the task page shows plain text
        task.instructions = f"{task.instructions or ''} Retourcodes van de aanbieder: {codes}".strip()
