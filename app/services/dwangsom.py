"""Use cases of the ingebrekestelling and dwangsom bij niet tijdig beslissen (#17 point 4, Awb 4:17): the inwoner
(or a gemachtigde) sends an ingebrekestelling in Mijn zaken once the beslistermijn has passed, or a consulent
records one received by letter with its day of receipt; a consulent records an exception of art. 4:17 lid 6. And
the stand of the dwangsom as both zaak pages show it. The rule itself is app/domain/dwangsom.py; the beschikking
on the dwangsom (art. 4:18) is services/dwangsom_vaststelling.py.

Each use case is one unit of work: the row, the zaak history, the message in Mijn zaken, the mails and the
processing log commit together or not at all."""
import logging
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..domain import dwangsom as rule
from ..domain.deadlines import format_date_nl
from ..domain.input import text_errors
from ..models import Beschikking, Ingebrekestelling, PortaalBericht, Termijn, Zaak
from .errors import InvalidInput, NotFound
from .history import add_event
from .opschorting import parse_date
from .portal_mail import mail_behandelaars
from .processing_log import log_processing
from .settings import extra_holidays
from .termijn_klok import today
from .uow import unit_of_work

logger = logging.getLogger(__name__)

#: The beslistermijn on an aanvraag, per domein: a dwangsom is only for "een beschikking op aanvraag" (4:17 lid 1).
BESLISTERMIJN = {"wmo": "beschikking", "jeugd": "beslis"}
MAIL_TEAM = ("Ingebrekestelling ontvangen",
             "In zaak {zaaknummer} stelde de inwoner de gemeente in gebreke: de beslistermijn is voorbij. Beslis "
             "uiterlijk op {herstel}; daarna loopt een dwangsom van € 23 per dag of meer (art. 4:17 Awb).")


@dataclass
class DwangsomView:
    """For the zaak pages: the beslistermijn, the ingebrekestelling if there is one, and the dwangsom's stand."""

    zaak: Zaak
    termijn: Termijn | None
    row: Ingebrekestelling | None
    bekendgemaakt_op: date | None
    vandaag: date
    stand: rule.Stand | None = None

    @property
    def zichtbaar(self) -> bool:
        """Worth a section: an ingebrekestelling exists, or the term runs or has passed without a bekendmaking."""
        return self.row is not None or (self.termijn is not None and self.bekendgemaakt_op is None
                                        and self.zaak.status == "lopend")

    @property
    def mogelijk_vanaf(self) -> date | None:
        """The first day an ingebrekestelling counts: the day after the beslistermijn's last day."""
        return self.termijn.due + timedelta(days=1) if self.termijn is not None else None

    @property
    def kan_indienen(self) -> bool:
        return (self.row is None and self.termijn is not None and self.bekendgemaakt_op is None
                and self.zaak.status == "lopend" and self.vandaag >= self.mogelijk_vanaf)

    @property
    def uitzondering_tekst(self) -> str:
        return rule.UITZONDERINGEN.get(self.row.uitzondering or "", "") if self.row else ""

    @property
    def uitzonderingen(self) -> list[tuple[str, str]]:
        """(key, the law's words) of the art. 4:17 lid 6 exceptions, for the staff form."""
        return list(rule.UITZONDERINGEN.items())


def beslistermijn(session, zaak: Zaak) -> Termijn | None:
    """The zaak's beslistermijn on its aanvraag as the clock left it (opschorting, verdaging), met or not."""
    return session.scalar(select(Termijn).where(Termijn.zaak_id == zaak.id,
                                                Termijn.soort == BESLISTERMIJN.get(zaak.domein, "")))


def bekendgemaakt_op(session, zaak_id: int) -> date | None:
    """The day the zaak's first beschikking was made known (Awb 3:41): it ends the dwangsom."""
    return session.scalar(select(func.min(Beschikking.bekendgemaakt_op)).where(Beschikking.zaak_id == zaak_id))


def ingebrekestelling_of(session, zaak_id: int) -> Ingebrekestelling | None:
    return session.scalar(select(Ingebrekestelling).where(Ingebrekestelling.zaak_id == zaak_id))


def view_of(session, zaak: Zaak) -> DwangsomView:
    """The dwangsom of `zaak` as the zaak pages show it (the route logs the read of the zaak)."""
    row = ingebrekestelling_of(session, zaak.id)
    known = bekendgemaakt_op(session, zaak.id)
    view = DwangsomView(zaak, beslistermijn(session, zaak), row, known, today())
    if row is not None:
        view.stand = stand_of(row, known, view.vandaag)
    return view


def view(zaak: Zaak) -> DwangsomView:
    """`view_of` in the request's session, for a page."""
    from .. import db
    return view_of(db.session, zaak)


def stand_of(row: Ingebrekestelling, known: date | None, vandaag: date) -> rule.Stand:
    return rule.stand(row.ontvangen_op, vandaag, known, uitgezonderd=row.uitzondering is not None,
                      first=row.eerste_dag)


def send_from_portal(actor, zaak: Zaak, toelichting: str = "", on_behalf_of=None) -> Ingebrekestelling:
    """The inwoner (or a gemachtigde) sends the ingebrekestelling in Mijn zaken: received today."""
    toelichting = (toelichting or "").strip()
    errors = text_errors({"toelichting": toelichting}, {"toelichting": "Toelichting"})
    if len(toelichting) > 2000:
        errors["toelichting"] = "Uw toelichting is langer dan 2000 tekens. Maak hem korter."
    if errors:
        raise InvalidInput("Uw ingebrekestelling is niet verstuurd.", errors=errors)
    row = _record(actor, zaak, today(), "mijn_zaken", toelichting, on_behalf_of, field="toelichting")
    logger.info("Ingebrekestelling %s in zaak %s sent in Mijn zaken by %s", row.id, zaak.zaaknummer, actor.username)
    return row


def record_letter(actor, zaak: Zaak, ontvangen_op, toelichting: str = "") -> Ingebrekestelling:
    """A consulent records an ingebrekestelling received by letter, with its day of receipt."""
    toelichting = (toelichting or "").strip()
    day = parse_date(ontvangen_op)
    if ontvangen_op and day is None:
        raise InvalidInput("De ingebrekestelling is niet vastgelegd.",
                           errors={"ontvangen_op": "Vul een geldige datum in, bijvoorbeeld 21-12-2026."})
    errors = text_errors({"toelichting": toelichting}, {"toelichting": "Kenmerk of toelichting"})
    if len(toelichting) > 2000:
        errors["toelichting"] = "De toelichting mag niet langer zijn dan 2000 tekens."
    if errors:
        raise InvalidInput("De ingebrekestelling is niet vastgelegd.", errors=errors)
    row = _record(actor, zaak, day, "brief", toelichting, None, field="ontvangen_op")
    logger.info("Ingebrekestelling %s in zaak %s recorded by %s", row.id, zaak.zaaknummer, actor.username)
    return row


def _record(actor, zaak: Zaak, day: date | None, via: str, toelichting: str, on_behalf_of, field: str):
    try:
        with unit_of_work() as session:
            zaak = session.get(Zaak, zaak.id)
            termijn = beslistermijn(session, zaak)
            earlier = ingebrekestelling_of(session, zaak.id)
            known = bekendgemaakt_op(session, zaak.id)
            errors = rule.ingebrekestelling_errors(day, today(), termijn.due if termijn else None, known,
                                                   earlier.ontvangen_op if earlier else None)
            if not errors and zaak.status != "lopend":
                errors = {"ontvangen_op": "Deze zaak is afgesloten: er is geen besluit meer te nemen."}
            if errors:
                raise InvalidInput("De ingebrekestelling telt niet.", errors={field: errors["ontvangen_op"]})
            herstel = rule.hersteltermijn(day, extra_holidays()).due
            row = Ingebrekestelling(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, termijn_soort=termijn.soort,
                                    termijn_tot=termijn.due, ontvangen_op=day, ontvangen_via=via,
                                    toelichting=toelichting or None, hersteltermijn_tot=herstel,
                                    eerste_dag=herstel + timedelta(days=1), ingediend_door_id=actor.id)
            session.add(row)
            session.flush()  # the unique zaak_id: a second one, also one sent at the same moment, stops here
            summary = (f"Ingebrekestelling ontvangen op {format_date_nl(day)} "
                       f"({'via Mijn zaken' if via == 'mijn_zaken' else 'per brief'}): alsnog beslissen uiterlijk "
                       f"{format_date_nl(herstel)}, daarna dwangsom vanaf {format_date_nl(row.eerste_dag)} "
                       "(art. 4:17 Awb)")
            add_event(session, zaak.id, "ingebrekestelling", summary, actor=actor,
                      data={"ingebrekestelling_id": row.id})
            session.add(_bericht(zaak, actor, via, day, herstel, row.eerste_dag, toelichting))
            log_processing(session, actor=actor, person=zaak.person,
                           activity="inwoner-gegevens" if via == "mijn_zaken" else f"{zaak.domein}-behandeling",
                           action="aanmaken", object_type="ingebrekestelling", object_id=row.id,
                           on_behalf_of=on_behalf_of,
                           description=f"Ingebrekestelling {'gestuurd' if via == 'mijn_zaken' else 'vastgelegd'} "
                                       f"in zaak {zaak.zaaknummer}")
            mail_behandelaars(session, zaak, MAIL_TEAM[0], MAIL_TEAM[1].format(zaaknummer=zaak.zaaknummer,
                                                                               herstel=format_date_nl(herstel)))
    except IntegrityError:
        raise InvalidInput("De ingebrekestelling telt niet.",
                           errors={field: "Voor deze zaak is zojuist al een ingebrekestelling ontvangen."}) from None
    return row


def _bericht(zaak: Zaak, actor, via: str, day: date, herstel: date, first: date, toelichting: str) -> PortaalBericht:
    """In Mijn zaken: the inwoner's own ingebrekestelling, or the gemeente's receipt of the letter."""
    wat = (f"de gemeente heeft tot en met {format_date_nl(herstel)} om alsnog te beslissen. Lukt dat niet, dan "
           f"betaalt de gemeente vanaf {format_date_nl(first)} een dwangsom (artikel 4:17 Algemene wet "
           "bestuursrecht). Bij de zaak staat hoeveel.")
    if via == "mijn_zaken":
        tekst = (f"Ingebrekestelling: de termijn voor het besluit op mijn aanvraag (zaak {zaak.zaaknummer}) is "
                 f"voorbij. Ik stel de gemeente in gebreke en vraag alsnog een besluit. Ontvangen op "
                 f"{format_date_nl(day)}: {wat}" + (f"\n\n{toelichting}" if toelichting else ""))
        return PortaalBericht(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, van="inwoner", afzender_id=actor.id, soort="ingebrekestelling",
                              tekst=tekst)
    return PortaalBericht(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, van="gemeente", afzender_id=actor.id, soort="ingebrekestelling",
                          tekst=f"Wij hebben uw ingebrekestelling per brief ontvangen op {format_date_nl(day)}: {wat}")


def record_exception(actor, zaak: Zaak, grond: str, reden: str) -> Ingebrekestelling:
    """A consulent records why no dwangsom is due (art. 4:17 lid 6), with the reason its beschikking will give."""
    reden = (reden or "").strip()
    errors = rule.uitzondering_errors(grond, reden) | text_errors({"reden": reden}, {"reden": "Reden"})
    if errors:
        raise InvalidInput("De uitzondering is niet vastgelegd.", errors=errors)
    with unit_of_work() as session:
        row = ingebrekestelling_of(session, zaak.id)
        if row is None:
            raise NotFound("Er is in deze zaak geen ingebrekestelling ontvangen.")
        if row.uitzondering is not None or row.vastgesteld_op is not None:
            raise InvalidInput("De uitzondering is niet vastgelegd.", errors={
                "grond": "Over de dwangsom is al beslist: de uitzondering of het bedrag staat al vast."})
        zaak = session.get(Zaak, zaak.id)
        row.uitzondering, row.uitzondering_reden = grond, reden
        row.uitzondering_op, row.uitzondering_door_id = today(), actor.id
        add_event(session, zaak.id, "dwangsom_uitzondering", f"Geen dwangsom: {rule.UITZONDERINGEN[grond]}",
                  actor=actor, data={"ingebrekestelling_id": row.id})
        log_processing(session, actor=actor, person=zaak.person, activity=f"{zaak.domein}-behandeling",
                       action="wijzigen", object_type="ingebrekestelling", object_id=row.id,
                       description=f"Uitzondering op de dwangsom vastgelegd in zaak {zaak.zaaknummer}")
    logger.info("Dwangsom exception %s in zaak %s by %s", grond, zaak.zaaknummer, actor.username)
    return row
