"""The BPMN operation `beantwoorden_verzoek`: the consulent's decision on a 315/317 goes to the
aanbieder as a 319 (afgewezen, with the reason) or as a new or changed toewijzing in a 301.

A granted 317 changes a toewijzing itself only where the standard allows it (OP033x1, OP380): its
einddatum, its budget, or its volume 'totaal binnen geldigheidsduur'. Another omvang ends the toewijzing
and a new one with a new ToewijzingNummer takes over from the GewensteIngangsdatum (OP257, IV066, IV093)."""
import logging
from datetime import date, timedelta

from sqlalchemy import select

from iwmo_messages import parse
from iwmo_messages.models import MESSAGE_CLASSES
from iwmo_messages.models.antwoord import Antwoord, Woonplaatsbeginsel
from iwmo_messages.spec import IJW

from ...domain.verwijzing import refusal_error
from ...engine import ScriptError, operation
from ...models import Bericht, Product, Toewijzing, User, VerzoekReferentie, Zaak
from ..history import add_event
from .bericht301 import header
from .outbox import store_outbound
from .toewijzen import next_nummer, send_301

logger = logging.getLogger(__name__)
AFGEWEZEN = "1"
WOONPLAATSBEGINSEL = "8"  # RedenAfwijzingVerzoek (iJw): another gemeente is responsible (OP359)
GEINITIEERD_DOOR_AANBIEDER = "12"  # RedenWijziging: a change the aanbieder asked for
VERWIJDERD = "13"  # RedenWijziging: the toewijzing counts as never sent (einddatum = ingangsdatum)
TOTAAL = "6"  # Frequentie: totaal binnen geldigheidsduur toewijzing


@operation("beantwoorden_verzoek")
def beantwoorden_verzoek(ctx, data, bericht_id: int, besluit: str, reden: str | None = None) -> dict:
    """Send the answer on verzoek `bericht_id`; return what was sent."""
    session = ctx.session
    verzoek = session.get(Bericht, bericht_id)
    if verzoek is None or verzoek.nummer not in ("315", "317"):
        raise ScriptError(f"Bericht {bericht_id} is geen verzoek om (wijziging van) een toewijzing.")
    message = parse(verzoek.inhoud)
    zaak = session.get(Zaak, verzoek.zaak_id)
    actor = session.get(User, ctx.actor_id) if ctx.actor_id else None
    refused = refusal_error(zaak.verwijzer, besluit, reden)
    if refused:  # whatever the model or an API client sends: a verwijzing is not refused on content
        raise ScriptError(refused)
    if besluit == "afwijzen":
        antwoord = _send_319(session, verzoek, message, reden or "7", data.get("verzoek_woonplaats_gemeente"))
        add_event(session, zaak.id, "verzoek_beantwoord", f"Verzoek {verzoek.referentie} afgewezen (319)",
                  actor=actor, data={"bericht_id": antwoord.id})
    else:
        toewijzingen = _grant(session, verzoek, message, zaak)
        antwoord = send_301(ctx, zaak, verzoek.aanbieder, toewijzingen, actor)
    _answered(session, verzoek, antwoord)
    logger.info("Verzoek %s answered with %s %s", verzoek.id, antwoord.naam, antwoord.id)
    return {"bericht_id": antwoord.id, "bericht": antwoord.naam}


def _answered(session, verzoek: Bericht, antwoord: Bericht) -> None:
    """The verzoek is no longer being handled (TR374): a 319 or a 301 with its referentie went out."""
    for row in session.scalars(select(VerzoekReferentie).where(VerzoekReferentie.bericht_id == verzoek.id)):
        row.onderhanden, row.beantwoord_door_id = False, antwoord.id


def _send_319(session, verzoek: Bericht, message, reden: str, gemeente: str | None = None) -> Bericht:
    """The 319 refusing `verzoek` for `reden`; on the woonplaatsbeginsel (iJw) it names the responsible
    gemeente (OP359, TR377/TR409: the class goes with reden 8 only)."""
    h = message.header
    woonplaats = Woonplaatsbeginsel(gemeente=gemeente) \
        if gemeente and reden == WOONPLAATSBEGINSEL and message.standaard == IJW else None
    msg = MESSAGE_CLASSES["319"](
        standaard=message.standaard, header=header(message.standaard, "319", h.ontvanger, h.afzender, date.today()),
        antwoord=Antwoord(referentie_aanbieder=verzoek.referentie, verzoek_antwoord=AFGEWEZEN,
                          reden_afwijzing_verzoek=reden, woonplaatsbeginsel=woonplaats))
    antwoord = store_outbound(session, verzoek.aanbieder_id, msg, gemeente_id=verzoek.gemeente_id,
                             zaak_id=verzoek.zaak_id)
    antwoord.referentie = verzoek.referentie
    return antwoord


def _grant(session, verzoek: Bericht, message, zaak: Zaak) -> list[Toewijzing]:
    if message.NUMMER == "315":
        return [_new(session, verzoek, zaak, p.product, p.toewijzing_ingangsdatum, p.toewijzing_einddatum, p.omvang,
                     p.budget, p.referentie_aanbieder) for p in message.client.aangevraagde_producten]
    v = message.client.verzoek
    changed = []
    for p in v.te_wijzigen_producten:
        t = session.scalar(select(Toewijzing).where(Toewijzing.toewijzingnummer == p.toewijzing_nummer,
                                                    Toewijzing.aanbieder_id == verzoek.aanbieder_id,
                                                    Toewijzing.gemeente_id == verzoek.gemeente_id))
        if t is not None:
            changed += change_toewijzing(session, t, p, v.referentie_aanbieder)
    changed += [_new(session, verzoek, zaak, p.product, p.gewenste_ingangsdatum, p.einddatum, p.omvang, p.budget,
                     v.referentie_aanbieder) for p in v.nieuwe_producten]
    return changed


def change_toewijzing(session, t: Toewijzing, p, referentie: str) -> list[Toewijzing]:
    """Honour one TeWijzigenProduct `p` of a granted 317 on toewijzing `t`; return the toewijzingen the 301
    carries for it. IV093: the toewijzing itself changes when only its einddatum (OP380), its budget or its
    volume 'totaal binnen geldigheidsduur' changes (OP033x1); a new omvang per dag, week or maand ends it
    the day before the GewensteIngangsdatum (or removes it, RedenWijziging 13, when the change covers its
    whole period) and a new toewijzing with a new ToewijzingNummer and no RedenWijziging takes over
    (OP257, IV066, IV099). Every one of them gets the 317's ReferentieAanbieder (IV093)."""
    volume, eenheid, frequentie, budget = _omvang(p.omvang, p.budget)
    t.referentie_aanbieder = referentie
    if t.budget is not None or t.frequentie == TOTAAL or (volume, eenheid, frequentie) == (t.volume, t.eenheid,
                                                                                           t.frequentie):
        t.einddatum, t.reden_wijziging = p.einddatum, GEINITIEERD_DOOR_AANBIEDER
        t.volume, t.eenheid, t.frequentie, t.budget = volume, eenheid, frequentie, budget
        t.new_version()  # OP033x1: the changed toewijzing is sent with the date and time of this change
        return [t]
    ingang = max(p.gewenste_ingangsdatum, t.ingangsdatum)
    if ingang == t.ingangsdatum:
        t.einddatum, t.reden_wijziging = t.ingangsdatum, VERWIJDERD
    else:
        t.einddatum, t.reden_wijziging = ingang - timedelta(days=1), GEINITIEERD_DOOR_AANBIEDER
    t.new_version()
    successor = Toewijzing(toewijzingnummer=next_nummer(session), zaak_id=t.zaak_id, gemeente_id=t.gemeente_id,
                           beschikking_id=t.beschikking_id, aanbieder_id=t.aanbieder_id, product_id=t.product_id,
                           ingangsdatum=ingang, einddatum=p.einddatum, volume=volume, eenheid=eenheid,
                           frequentie=frequentie, referentie_aanbieder=referentie, status="verzonden")
    session.add(successor)
    session.flush()
    logger.info("Toewijzing %s ends for a new omvang; toewijzing %s takes over from %s (OP257)",
                t.toewijzingnummer, successor.toewijzingnummer, ingang)
    return [t, successor]


def _new(session, verzoek, zaak, product, ingang, einde, omvang, budget, referentie) -> Toewijzing:
    row = session.scalar(select(Product).where(Product.domein == zaak.domein,
                                               Product.productcategorie == product.categorie,
                                               Product.productcode == product.code))
    if row is None:
        raise ScriptError(f"Product {product.categorie}/{product.code} staat niet in de productcatalogus; "
                          "wijs het verzoek af met reden 'Geen contract'.")
    volume, eenheid, frequentie, budget = _omvang(omvang, budget)
    t = Toewijzing(toewijzingnummer=next_nummer(session), zaak_id=zaak.id, gemeente_id=zaak.gemeente_id,
                   aanbieder_id=verzoek.aanbieder_id,
                   product_id=row.id, ingangsdatum=ingang, einddatum=einde, volume=volume, eenheid=eenheid,
                   frequentie=frequentie, budget=budget, referentie_aanbieder=referentie, status="verzonden")
    session.add(t)
    session.flush()
    return t


def _omvang(omvang, budget):
    if omvang is None:
        return None, None, None, budget
    return omvang.volume, omvang.eenheid, omvang.frequentie, None
