"""323: the existing declaratie check (services/declaraties) with this aanbieder's toewijzingen;
answered with the 325 unless lines wait for a person (then the 325 follows their verdict)."""
from iwmo_messages import parse

from ....models import Bericht, Toewijzing
from ...declaraties import handle_declaratie
from ..context import toewijzingsfeiten
from . import Antwoord, handles


@handles("323")
def handle_323(session, bericht: Bericht, message):
    nummers = {p.toewijzing_nummer for c in message.declaratie.clienten for p in c.prestaties}
    feiten = toewijzingsfeiten(session, nummers, bericht.aanbieder_id)
    uitkomst = handle_declaratie(session, message, bericht.aanbieder, feiten, bericht_id=bericht.id)
    if feiten:
        bericht.zaak_id = session.get(Toewijzing, next(iter(feiten.values())).toewijzing_id).zaak_id
    if uitkomst.antwoord_xml is None:
        return None
    antwoord = parse(uitkomst.antwoord_xml)
    codes = antwoord.declaratie_antwoord.retour_codes if antwoord.declaratie_antwoord else antwoord.header.retour_codes
    return Antwoord(antwoord, uitkomst.antwoord_xml, " ".join(codes))
