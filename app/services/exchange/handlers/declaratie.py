"""323: the existing declaratie check (services/declaraties) with this aanbieder's toewijzingen;
answered with the 325 unless lines wait for a person (then the 325 follows their verdict)."""
from iwmo_messages import parse

from ....models import Bericht, Toewijzing
from ...declaraties import handle_declaratie
from ...processing_log import log_processing
from ..context import toewijzingsfeiten
from ..declaratie_beoordeling import start_beoordeling
from . import Antwoord, handles


@handles("323")
def handle_323(session, bericht: Bericht, message):
    nummers = {p.toewijzing_nummer for c in message.declaratie.clienten for p in c.prestaties}
    feiten = toewijzingsfeiten(session, nummers, bericht.aanbieder_id, bericht.gemeente_id)
    uitkomst = handle_declaratie(session, message, bericht.aanbieder, feiten, bericht_id=bericht.id,
                                 gemeente_id=bericht.gemeente_id)
    zaken = {t.zaak_id: t.zaak for t in (session.get(Toewijzing, f.toewijzing_id) for f in feiten.values())}
    if zaken:
        bericht.zaak_id = next(iter(zaken))
    for zaak in zaken.values():  # one record per client whose care is declared
        log_processing(session, actor=None, person=zaak.person, activity=f"{zaak.domein}-declaratie",
                       action="ontvangen", object_type="declaratie", object_id=uitkomst.declaratie.id, role="systeem",
                       description=f"{bericht.naam} {uitkomst.declaratie.declaratienummer} van aanbieder "
                                   f"{bericht.aanbieder.agb_code} gecontroleerd")
    if uitkomst.antwoord_xml is None:  # lines wait for a person; the 325 follows their verdict
        if bericht.zaak_id is not None:
            start_beoordeling(session, bericht, uitkomst.declaratie)
        return None
    antwoord = parse(uitkomst.antwoord_xml)
    codes = antwoord.declaratie_antwoord.retour_codes if antwoord.declaratie_antwoord else antwoord.header.retour_codes
    return Antwoord(antwoord, uitkomst.antwoord_xml, " ".join(codes))
