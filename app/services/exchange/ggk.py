"""The GGk route: a StUF-GGk Di01 envelope pushed to us. The payload goes through the same
pipeline as the API; the answer is a Du01 with the retourbericht, or a StUF Fo01 when the envelope
or the payload is not valid (StUF055: no retourbericht, controleniveau 1). An envelope that cannot be
unwrapped is stored as received, like every inbound message, before its Fo01 is sent."""
from dataclasses import dataclass

from sqlalchemy import select

from iwmo_messages import Issue, MessageError, Systeem, du01, fo01, unwrap_di01
from iwmo_messages.envelope import Envelope, new_referentienummer

from ... import db
from ...models import Aanbieder, Bericht, Gemeente
from ..errors import Forbidden
from ..gemeenten import by_code
from .inbound import receive_bericht, store_refused_envelope


@dataclass
class GgkAntwoord:
    """The HTTP answer: status 200 (Du01), 202 (accepted, retour follows) or 400 (Fo01)."""

    status: int
    xml: bytes | None
    bericht_id: int | None = None


def gemeente_systeem(code: str | None = None) -> Systeem:
    """Our side of the envelope: the gemeente it is addressed to (by CBS code) when this installation serves
    it, else the installation's first gemeente (an envelope that names none of ours still gets an answer)."""
    gemeente = by_code(db.session, code) or db.session.scalar(select(Gemeente).order_by(Gemeente.id).limit(1))
    return Systeem(gemeente.code, "Cumulus")


def receive_envelope(aanbieder: Aanbieder, envelope: bytes) -> GgkAntwoord:
    """Unwrap a Di01 from `aanbieder`, store and handle its payload, and answer it."""
    try:
        env = unwrap_di01(envelope)
    except MessageError as exc:
        bericht_id = store_refused_envelope(aanbieder, envelope, exc.issues)
        unknown = Envelope("Di01", Systeem("onbekend", "onbekend"), gemeente_systeem(), new_referentienummer(), "",
                           "", b"")
        return GgkAntwoord(400, fo01(unknown, gemeente_systeem(), exc.issues, code="StUF001",
                                     omschrijving="De envelop is geen geldig StUF-GGk Di01-bericht"), bericht_id)
    ons = gemeente_systeem(env.ontvanger.organisatie)
    if env.zender.organisatie != aanbieder.agb_code:
        raise Forbidden(f"De envelop komt van {env.zender.organisatie}; uw sleutel hoort bij AGB-code "
                        f"{aanbieder.agb_code}.")
    bericht_id = receive_bericht(aanbieder, env.payload, "ggk", env.referentienummer)
    bericht = db.session.get(Bericht, bericht_id)
    db.session.refresh(bericht)
    if bericht.status == "afgekeurd":
        return GgkAntwoord(400, fo01(env, ons, [Issue("XSD", f) for f in bericht.fouten or []]),
                           bericht_id)
    retour = (bericht.duplicaat_van or bericht).retour
    if retour is None:
        return GgkAntwoord(202, None, bericht_id)
    return GgkAntwoord(200, du01(retour.inhoud, env, ons), bericht_id)
