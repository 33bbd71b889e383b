"""The handler registry: one function per inbound message number, `handler(session, bericht,
message) -> Antwoord | None`, registered with `@handles("305")`. Each runs inside the transaction
of `inbound.handle_bericht` and never commits."""
from dataclasses import dataclass

from sqlalchemy import select

from iwmo_messages import Message

from ....models import Bericht

HANDLERS: dict = {}


@dataclass
class Antwoord:
    """The retourbericht (or 325) to put in the aanbieder's outbox."""

    message: Message | None
    xml: bytes
    retourcodes: str = ""


def answered_heen(session, bericht, message, nummer: str, naam: str):
    """Our outbound `nummer` that this retour answers (same aanbieder and BerichtIdentificatie), marked
    'beantwoord' with the retour linked to it and to its zaak; None (the reason on the retour) if none."""
    identificatie = message.header.bericht_identificatie.identificatie
    heen = session.scalar(select(Bericht).where(
        Bericht.richting == "uit", Bericht.aanbieder_id == bericht.aanbieder_id, Bericht.nummer == nummer,
        Bericht.identificatie == identificatie))
    if heen is None:
        bericht.fouten = [f"Er is geen {naam} ({nummer}) met identificatie {identificatie} aan deze aanbieder "
                          "verstuurd."]
        return None
    heen.status, heen.retour_id = "beantwoord", bericht.id
    bericht.zaak_id = heen.zaak_id
    return heen


def handles(*nummers: str):
    def register(fn):
        for nummer in nummers:
            HANDLERS[nummer] = fn
        return fn
    return register


from . import declaratie, levering, retour_antwoord, retour_toewijzing, verzoek  # noqa: E402,F401 — registers them
