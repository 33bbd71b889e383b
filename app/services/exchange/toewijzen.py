"""After a beschikking with zorg in natura: one toewijzing per granted product, sent as a 301 to
the aanbieder's outbox, and a `toewijzing` process that waits for the 302.

A 301 carries every current toewijzing of the client at that aanbieder in the same wettelijk domein
(OP087), not only the new or changed ones; only a new or changed one gets a waiting process."""
import logging
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select

from iwmo_messages.rules.context import REMOVED

from ...domain.deadlines import add_working_days, end_of_day
from ...engine import RunContext, ScriptError, latest_definition, start_instance
from ...models import Aanbieder, Product, Toewijzing, Zaak
from ..history import add_event
from ..processing_log import log_processing
from .bericht301 import build_301
from .context_gemeente import GemeenteContext
from .outbox import store_outbound

logger = logging.getLogger(__name__)
RETOUR_WORKING_DAYS = 3  # OP090: a retourbericht within 3 werkdagen
FREQUENTIE = {"per_dag": "1", "per_week": "2", "per_maand": "4", "totaal_binnen_geldigheidsduur": "6"}
FIRST_NUMMER = 1_000_001


def send_toewijzingen(ctx: RunContext, zaak: Zaak, beschikking, data: dict, actor=None) -> list[Toewijzing]:
    """Toewijzingen for a granted beschikking in natura with a chosen aanbieder; none otherwise."""
    if beschikking.besluit != "toekennen" or beschikking.leveringsvorm != "zin" or not data.get("aanbieder"):
        return []
    session = ctx.session
    aanbieder = session.scalar(select(Aanbieder).where(Aanbieder.agb_code == data["aanbieder"]))
    product = session.scalar(select(Product).where(Product.domein == zaak.domein,
                                                   Product.productcode == beschikking.productcode))
    if aanbieder is None or product is None:
        return []  # the forms check both against the catalogue; a changed catalogue leaves it to a person
    toewijzing = Toewijzing(toewijzingnummer=next_nummer(session), zaak_id=zaak.id, gemeente_id=zaak.gemeente_id,
                            beschikking_id=beschikking.id,
                            aanbieder_id=aanbieder.id, product_id=product.id, status="verzonden",
                            **toewijzing_fields(beschikking, date.today()))
    session.add(toewijzing)
    session.flush()
    send_301(ctx, zaak, aanbieder, [toewijzing], actor)
    return [toewijzing]


def send_301(ctx: RunContext, zaak: Zaak, aanbieder: Aanbieder, toewijzingen: list[Toewijzing], actor=None):
    """Put a 301 in the outbox with the new or changed `toewijzingen` (an ended one with its einddatum
    and RedenWijziging) plus every other current toewijzing of the client at `aanbieder` (OP087), and
    start one waiting process per new or changed toewijzing. A repeated one keeps its process and
    its `bericht_id` (the 301 that sent its current version)."""
    session, today = ctx.session, date.today()
    retour_due = add_working_days(today, RETOUR_WORKING_DAYS, ctx.extra_holidays)
    carried = sorted([*toewijzingen, *repeated_toewijzingen(session, zaak, aanbieder, toewijzingen, today)],
                     key=lambda t: t.toewijzingnummer)
    overlap = overlapping_product(carried)
    if overlap is not None:
        raise _overlap_fault(overlap, aanbieder)
    message = build_301(zaak.gemeente.code, aanbieder, zaak.person, zaak.domein, carried, today)
    context = GemeenteContext(session, zaak.gemeente_id, message.standaard)
    for tp in message.client.toegewezen_producten:  # TR379: the referentie goes with the answer on its verzoek only
        tp.referentie_aanbieder = context.honoreert(aanbieder.agb_code, tp.toewijzing_nummer)
    bericht = store_outbound(session, aanbieder.id, message, gemeente_id=zaak.gemeente_id, zaak_id=zaak.id,
                             antwoord_uiterlijk=retour_due)
    definition = latest_definition(session, "toewijzing")
    for t in toewijzingen:
        t.bericht_id = bericht.id
        start_instance(ctx, definition, zaak.id, {
            "zaak_id": zaak.id, "zaaknummer": zaak.zaaknummer, "domein": zaak.domein,
            "toewijzing_nummer": t.toewijzingnummer, "toewijzing_id": t.id,
            "retour_deadline": end_of_day(retour_due).isoformat()})
        add_event(session, zaak.id, "toewijzing_verzonden",
                  f"Toewijzing {t.toewijzingnummer} ({t.product.omschrijving}) verzonden aan {aanbieder.naam}",
                  actor=actor, data={"toewijzing_id": t.id, "bericht_id": bericht.id})
    log_processing(session, actor=actor, person=zaak.person, activity=f"{zaak.domein}-toewijzing",
                   action="verstrekken", object_type="bericht", object_id=bericht.id,
                   description=f"{bericht.naam} aan aanbieder {aanbieder.agb_code} in zaak {zaak.zaaknummer}",
                   role=None if actor else "systeem")
    logger.info("%s %s placed in the outbox of %s for zaak %s", bericht.naam, bericht.id, aanbieder.agb_code,
                zaak.zaaknummer)
    return bericht


def repeated_toewijzingen(session, zaak: Zaak, aanbieder: Aanbieder, changed: list[Toewijzing],
                          today: date) -> list[Toewijzing]:
    """The client's other current toewijzingen at `aanbieder` in the domein of `zaak` (OP087): valid on
    or after `today`, not removed (einddatum = ingangsdatum with RedenWijziging 13 or 01) and not
    refused by the aanbieder (a refused one is a fault a person settles; repeating it would refuse
    the new 301 again)."""
    rows = session.scalars(
        select(Toewijzing).join(Zaak, Zaak.id == Toewijzing.zaak_id)
        .where(Zaak.person_id == zaak.person_id, Zaak.domein == zaak.domein, Zaak.gemeente_id == zaak.gemeente_id,
               Toewijzing.aanbieder_id == aanbieder.id,
               Toewijzing.id.not_in([t.id for t in changed] or [-1]), Toewijzing.status != "afgewezen",
               or_(Toewijzing.einddatum.is_(None), Toewijzing.einddatum >= today))
        .order_by(Toewijzing.toewijzingnummer)).all()
    return [t for t in rows if not is_removed(t)]


def overlapping_product(toewijzingen: list) -> tuple | None:
    """TR302: a product may occur more than once in a 301 only when the periods do not overlap. The first
    two toewijzingen of one product whose periods overlap, or None."""
    seen: dict[tuple, list] = {}
    for t in toewijzingen:
        if is_removed(t):
            continue
        key = (t.product.productcategorie, t.product.productcode)
        for other in seen.get(key, []):
            if _overlap(t, other):
                return other, t
        seen.setdefault(key, []).append(t)
    return None


def _overlap(a, b) -> bool:
    return ((a.einddatum is None or a.einddatum >= b.ingangsdatum)
            and (b.einddatum is None or b.einddatum >= a.ingangsdatum))


def _overlap_fault(pair: tuple, aanbieder: Aanbieder) -> ScriptError:
    first, second = pair
    until = f"tot en met {first.einddatum:%d-%m-%Y}" if first.einddatum else "zonder einddatum"
    return ScriptError(
        f"De cliënt heeft bij {aanbieder.naam} al toewijzing {first.toewijzingnummer} voor product "
        f"{first.product.productcode} ({first.product.omschrijving}), vanaf {first.ingangsdatum:%d-%m-%Y} {until}. "
        f"Een toewijzingsbericht mag een product alleen vaker bevatten als de perioden elkaar niet overlappen "
        f"(iStandaard TR302). Kies een ingangsdatum na het einde van die toewijzing of beëindig die eerst; "
        f"er is niets verstuurd.")


def is_removed(t) -> bool:
    """A removed toewijzing is no current one (OP087, TR349): einddatum = ingangsdatum, reden 13 or 01."""
    return t.einddatum is not None and t.einddatum == t.ingangsdatum and t.reden_wijziging in REMOVED


def next_nummer(session) -> int:
    """The next free ToewijzingNummer (the unique constraint guards a concurrent pick)."""
    highest = session.scalar(select(func.max(Toewijzing.toewijzingnummer)))
    return max(FIRST_NUMMER, (highest or 0) + 1)


def toewijzing_fields(beschikking, today: date) -> dict:
    """The period and omvang (or budget) a beschikking in natura gives its toewijzing."""
    return {"ingangsdatum": beschikking.ingangsdatum or today, "einddatum": beschikking.einddatum,
            **_omvang(beschikking)}


def _omvang(beschikking) -> dict:
    amount = beschikking.omvang or Decimal(0)
    if beschikking.eenheid == "83":  # a budget in euro: Budget in cents, no Omvang (CD077/CD078)
        return {"budget": int(amount * 100)}
    return {"volume": int(amount), "eenheid": beschikking.eenheid,
            "frequentie": FREQUENTIE.get(beschikking.frequentie or "", "6")}
