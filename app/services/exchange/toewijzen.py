"""After a beschikking with zorg in natura: one toewijzing per granted product, sent as a 301 to
the aanbieder's outbox, and a `toewijzing` process that waits for the 302."""
import logging
from datetime import date
from decimal import Decimal

from flask import current_app
from sqlalchemy import func, select

from ...domain.deadlines import add_working_days, end_of_day
from ...engine import RunContext, latest_definition, start_instance
from ...models import Aanbieder, Product, Toewijzing, Zaak
from ..history import add_event
from ..processing_log import log_processing
from .bericht301 import build_301
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
    toewijzing = Toewijzing(toewijzingnummer=next_nummer(session), zaak_id=zaak.id, beschikking_id=beschikking.id,
                            aanbieder_id=aanbieder.id, product_id=product.id,
                            ingangsdatum=beschikking.ingangsdatum or date.today(), einddatum=beschikking.einddatum,
                            status="verzonden", **_omvang(beschikking))
    session.add(toewijzing)
    session.flush()
    send_301(ctx, zaak, aanbieder, [toewijzing], actor)
    return [toewijzing]


def send_301(ctx: RunContext, zaak: Zaak, aanbieder: Aanbieder, toewijzingen: list[Toewijzing], actor=None):
    """Put the 301 with `toewijzingen` in the outbox and start one waiting process per toewijzing."""
    session, today = ctx.session, date.today()
    retour_due = add_working_days(today, RETOUR_WORKING_DAYS, ctx.extra_holidays)
    message = build_301(current_app.config["GEMEENTE_CODE"], aanbieder, zaak.person, zaak.domein, toewijzingen, today)
    bericht = store_outbound(session, aanbieder.id, message, zaak_id=zaak.id, antwoord_uiterlijk=retour_due)
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


def next_nummer(session) -> int:
    """The next free ToewijzingNummer (the unique constraint guards a concurrent pick)."""
    highest = session.scalar(select(func.max(Toewijzing.toewijzingnummer)))
    return max(FIRST_NUMMER, (highest or 0) + 1)


def _omvang(beschikking) -> dict:
    amount = beschikking.omvang or Decimal(0)
    if beschikking.eenheid == "83":  # a budget in euro: Budget in cents, no Omvang (CD077/CD078)
        return {"budget": int(amount * 100)}
    return {"volume": int(amount), "eenheid": beschikking.eenheid,
            "frequentie": FREQUENTIE.get(beschikking.frequentie or "", "6")}
