"""315 verzoek om toewijzing and 317 verzoek om wijziging: answered at once with the technical
retour (316/318); a sound verzoek starts the `verzoek` process, where a consulent decides and the
decision goes back as a 319 (afgewezen) or a new or changed 301 (toegekend) — within 5 werkdagen.

A Jeugd 315 after a verwijzing by a huisarts, jeugdarts or medisch specialist (Verwijzer type 02, 03 or 05;
Jeugdwet art. 2.6 lid 1 onder g, domain/verwijzing.py) gives access without the gemeente's own onderzoek: it
starts a new zaak of its own, marked with its verwijzer, which the gemeente does not refuse on content."""
import uuid
from datetime import date

from sqlalchemy import select

from iwmo_messages import RuleResult, check_rules
from iwmo_messages.rules.base import CROSS_MESSAGE

from ....domain.deadlines import end_of_day
from ....domain.verwijzing import DIRECTE_TOEGANG, verwijzer_of
from ....engine import RunContext, latest_definition, start_instance
from ....models import Bericht, Person, Toewijzing, VerzoekReferentie, Zaak
from ...history import add_event, add_task_events
from ...processing_log import log_processing
from ...settings import extra_holidays, run_limits
from ..context import AanbiederContext, retour_for
from . import handles


@handles("315", "317")
def handle_verzoek(session, bericht: Bericht, message):
    """Check the verzoek; when sound, find or open its zaak and start the consulent's decision."""
    referenties = _referenties(message)
    bericht.referentie = referenties[0]
    for referentie in dict.fromkeys(referenties):  # TR347: every product's referentie counts as used
        session.add(VerzoekReferentie(bericht_id=bericht.id, aanbieder_id=bericht.aanbieder_id,
                                      standaard=message.standaard, referentie=referentie))
    session.flush()
    results = check_rules(message, AanbiederContext(session, bericht.aanbieder_id, bericht.id,
                                                    standaard=message.standaard, gemeente_id=bericht.gemeente_id))
    zaak = None if results else _zaak_for(session, bericht, message)
    if zaak is None and not results:
        results = _no_zaak(message)
    if not results:
        bericht.zaak_id = zaak.id
        _start_decision(session, bericht, message, zaak)
    return retour_for(message, results, bericht.id)


def _referenties(message) -> list[str]:
    """The ReferentieAanbieder of each AangevraagdProduct of a 315, or the one of a 317."""
    if message.NUMMER == "315":
        return [p.referentie_aanbieder for p in message.client.aangevraagde_producten]
    return [message.client.verzoek.referentie_aanbieder]


def _zaak_for(session, bericht: Bericht, message) -> Zaak | None:
    domein = "jeugd" if message.standaard == "ijw" else "wmo"
    person = session.scalar(select(Person).where(Person.bsn == message.client.bsn))
    if message.NUMMER == "317":  # a change: the zaak of a current toewijzing of this aanbieder
        nummers = [p.toewijzing_nummer for p in message.client.verzoek.te_wijzigen_producten
                   + message.client.verzoek.ongewijzigde_producten]
        t = session.scalar(select(Toewijzing).where(Toewijzing.toewijzingnummer.in_(nummers or [-1]),
                                                    Toewijzing.aanbieder_id == bericht.aanbieder_id,
                                                    Toewijzing.gemeente_id == bericht.gemeente_id))
        if t is None and person is not None:
            t = session.scalar(select(Toewijzing).join(Zaak).where(
                Zaak.person_id == person.id, Toewijzing.aanbieder_id == bericht.aanbieder_id,
                Toewijzing.gemeente_id == bericht.gemeente_id)
                .order_by(Toewijzing.id.desc()).limit(1))
        return t.zaak if t is not None else None
    if person is None:
        person = _person_from(session, message.client, bericht.gemeente_id)
    verwijzer = verwijzer_of(p.verwijzer.type for p in message.client.aangevraagde_producten)
    if domein == "wmo" or verwijzer is None:
        latest = session.scalar(select(Zaak).where(Zaak.person_id == person.id, Zaak.domein == domein,
                                                   Zaak.gemeente_id == bericht.gemeente_id)
                                .order_by(Zaak.id.desc()).limit(1))
        if latest is not None:
            return latest
    return _new_zaak(session, person, domein, bericht, verwijzer if domein == "jeugd" else None)


def _person_from(session, client, gemeente_id: int) -> Person:
    """A client the gemeente did not know yet: registered as an inwoner of the gemeente the verzoek is for."""
    naam = client.naam
    person = Person(bsn=client.bsn, gemeente_id=gemeente_id, voornamen=naam.voornamen or naam.voorletters or "",
                    voorvoegsel=naam.geslachtsnaam.voorvoegsel, achternaam=naam.geslachtsnaam.achternaam,
                    geboortedatum=client.geboortedatum.datum,
                    geslacht=None if client.geslacht in (None, "0") else client.geslacht)
    session.add(person)
    session.flush()
    return person


def _new_zaak(session, person: Person, domein: str, bericht: Bericht, verwijzer: str | None) -> Zaak:
    today = date.today()
    wie = f"een verwijzing van {DIRECTE_TOEGANG[verwijzer]}" if verwijzer else "een verzoek van de aanbieder"
    zaak = Zaak(zaaknummer=f"tmp-{uuid.uuid4().hex[:12]}", domein=domein, gemeente_id=bericht.gemeente_id,
                person_id=person.id, kanaal="aanbieder", verwijzer=verwijzer,
                omschrijving=f"Verzoek om toewijzing van {bericht.aanbieder.naam} na {wie}.", ontvangen_op=today)
    session.add(zaak)
    session.flush()
    zaak.zaaknummer = f"Z-{today.year}-{zaak.id:06d}"
    add_event(session, zaak.id, "verzoek_ontvangen", f"Zaak geopend op {wie} ({bericht.naam})",
              data={"bericht_id": bericht.id})
    return zaak


def _no_zaak(message) -> list:
    target = message.client.verzoek
    return [RuleResult("TR350", "9350", CROSS_MESSAGE, "Client/Verzoek", "geen lopende toewijzing voor deze client",
                       None, target)]


def _start_decision(session, bericht: Bericht, message, zaak: Zaak) -> None:
    ctx = RunContext(session=session, zaak_id=zaak.id, limits=run_limits(),
                     extra_holidays=extra_holidays())
    soort = "verzoek om toewijzing" if message.NUMMER == "315" else "verzoek om wijziging"
    instance = start_instance(ctx, latest_definition(session, "verzoek"), zaak.id, {
        "zaak_id": zaak.id, "zaaknummer": zaak.zaaknummer, "domein": zaak.domein,
        "verzoek_bericht_id": bericht.id, "verzoek_soort": soort, "verzoek_reden_afwijzing": None,
        "antwoord_deadline": end_of_day(bericht.antwoord_uiterlijk).isoformat()})
    add_event(session, zaak.id, "verzoek_ontvangen",
              f"{bericht.naam}: {soort} van {bericht.aanbieder.naam} (referentie {bericht.referentie})",
              data={"bericht_id": bericht.id})
    add_task_events(session, zaak.id, instance.new_tasks)
    log_processing(session, actor=None, person=zaak.person, activity=f"{zaak.domein}-toewijzing",
                   action="ontvangen", object_type="bericht", object_id=bericht.id, role="systeem",
                   description=f"{bericht.naam} van aanbieder {bericht.aanbieder.agb_code} in zaak {zaak.zaaknummer}")
