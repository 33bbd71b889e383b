"""305 start zorg and 307 stop zorg: checked (iwmo_messages rules plus the start/stop sequence
rules TR326, TR063, TR071, TR382), recorded on the toewijzing and the zaak, answered with 306/308.
A second stop on a levering is judged by iwmo_messages' TR413–TR415 (the context gives the stop that
stands): after a stop with reden 20 a final one may follow.

A 305 may arrive before the 302 on the same toewijzing (OP080: order of arrival means nothing):
the toewijzing was sent, so the start counts; the later 302 does not undo it."""
from iwmo_messages import RuleResult, check_rules
from iwmo_messages.rules.base import CROSS_MESSAGE
from sqlalchemy import select

from ....models import Bericht, Toewijzing
from ...history import add_event
from ...processing_log import log_processing
from ..context import AanbiederContext, retour_for
from . import handles



@handles("305", "307")
def handle_start_stop(session, bericht: Bericht, message):
    """Check the whole message; only a message without faults changes anything (301–320: all or nothing)."""
    products = message.client.start_producten if message.NUMMER == "305" else message.client.stop_producten
    context = AanbiederContext(session, bericht.aanbieder_id, bericht.id, standaard=message.standaard,
                               gemeente_id=bericht.gemeente_id)
    results = check_rules(message, context)
    rows = {p.toewijzing_nummer: _toewijzing(session, bericht, p.toewijzing_nummer) for p in products}
    results += [r for p in products if rows[p.toewijzing_nummer] is not None
                for r in _sequence_faults(message.NUMMER, p, rows[p.toewijzing_nummer])]
    if not results:
        for p in products:
            _apply(session, bericht, message.NUMMER, p, rows[p.toewijzing_nummer])
    first = next((t for t in rows.values() if t is not None), None)
    if first is not None:
        bericht.zaak_id = first.zaak_id
        zaak = first.zaak
        log_processing(session, actor=None, person=zaak.person, activity=f"{zaak.domein}-toewijzing",
                       action="ontvangen", object_type="bericht", object_id=bericht.id, role="systeem",
                       description=f"{bericht.naam} van aanbieder {bericht.aanbieder.agb_code}"
                                   f"{' afgekeurd' if results else ' verwerkt'}")
    return retour_for(message, results, bericht.id)


def _toewijzing(session, bericht: Bericht, nummer) -> Toewijzing | None:
    """The sender's toewijzing with this nummer from the gemeente the message is for."""
    if nummer is None:
        return None
    return session.scalar(select(Toewijzing).where(Toewijzing.toewijzingnummer == nummer,
                                                   Toewijzing.aanbieder_id == bericht.aanbieder_id,
                                                   Toewijzing.gemeente_id == bericht.gemeente_id))


def _sequence_faults(nummer: str, p, t: Toewijzing) -> list[RuleResult]:
    """The start/stop sequence against what earlier messages recorded on the toewijzing."""
    path = f"Client/{'StartProduct' if nummer == '305' else 'StopProduct'}"
    fault = None
    if t.status == "afgewezen":
        fault = ("TR019", "9019", "de aanbieder heeft deze toewijzing zelf afgewezen")
    elif nummer == "305" and p.status_aanlevering == "1" and t.start_zorg is not None:
        fault = ("TR326", "9326", f"de zorg is al gestart op {t.start_zorg}")
    elif nummer == "305" and p.status_aanlevering == "3" and t.start_zorg is None:
        fault = ("TR063", "9063", "er is geen start om te verwijderen")
    elif nummer == "305" and p.status_aanlevering == "3" and t.stop_zorg is not None:
        fault = ("TR071", "9071", "de zorg is al gestopt")
    elif nummer == "307" and p.status_aanlevering == "1" and t.start_zorg != p.begindatum:
        fault = ("TR382", "9069", "de stop noemt niet de begindatum van de start")
    elif nummer == "307" and p.status_aanlevering == "3" and t.stop_zorg is None:
        fault = ("TR063", "9063", "er is geen stop om te verwijderen")
    if fault is None:
        return []
    rule, code, text = fault
    return [RuleResult(rule, code, CROSS_MESSAGE, path, text, None, p)]


def _apply(session, bericht: Bericht, nummer: str, p, t: Toewijzing) -> None:
    delete = p.status_aanlevering == "3"
    if nummer == "305":
        t.start_zorg = None if delete else p.begindatum
        t.status = ("geaccepteerd" if t.status == "gestart" else t.status) if delete else "gestart"
        summary = (f"Start zorg op toewijzing {t.toewijzingnummer} ingetrokken door de aanbieder" if delete else
                   f"Zorg gestart op {p.begindatum:%d-%m-%Y} (toewijzing {t.toewijzingnummer})")
    else:
        t.stop_zorg, t.reden_beeindiging = (None, None) if delete else (p.einddatum, p.reden_beeindiging)
        t.status = "gestart" if delete else "gestopt"
        summary = (f"Stop zorg op toewijzing {t.toewijzingnummer} ingetrokken door de aanbieder" if delete else
                   f"Zorg gestopt op {p.einddatum:%d-%m-%Y} (toewijzing {t.toewijzingnummer}, reden "
                   f"{p.reden_beeindiging})")
    add_event(session, t.zaak_id, "zorg_gestart" if nummer == "305" else "zorg_gestopt", summary,
              data={"toewijzing_id": t.id, "bericht_id": bericht.id})
