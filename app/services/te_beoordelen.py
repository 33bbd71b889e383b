"""What a "Declaratieregels beoordelen" task asks the backoffice to judge: its declaratie, every line that waits
for a person (client, product, period, volume, tarief, bedrag, the rule that stopped it and why, in Dutch) and the
toewijzing each line is checked against, with what was approved on it before. Showing the lines is a read of each
client's data: one processing-log record per client."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..domain.codelijsten import eenheid_tekst, euro, omvang_tekst
from ..domain.declaratie_check import AFGEKEURD, GOEDGEKEURD, HANDMATIG
from ..models import Declaratie, HumanTask, Person, Prestatie, Toewijzing
from .contract_tarieven import tarief_cent_op
from .processing_log import log_processing
from .settings import setting
from .uow import unit_of_work

#: The form the task is shown with: only these tasks have lines to show.
FORM_KEY = "declaratie_beoordelen"
#: Toewijzing state as the backoffice reads it.
TOEWIJZING_STATUS = {"verzonden": "Verzonden, wacht op de aanbieder", "geaccepteerd": "Geaccepteerd door de aanbieder",
                     "afgewezen": "Afgewezen door de aanbieder", "gestart": "Zorg gestart", "gestopt": "Zorg gestopt"}


@dataclass(frozen=True)
class ToewijzingBeeld:
    """The toewijzing a line is checked against."""

    nummer: int
    product: str
    periode_begin: date
    periode_eind: date | None
    omvang: str
    contracttarief: str
    status: str
    start_zorg: date | None
    stop_zorg: date | None
    #: Approved on this toewijzing in other declaraties: Σ volume (in its eenheid) and Σ bedrag.
    eerder_volume: int
    eerder_bedrag: str


@dataclass(frozen=True)
class TeBeoordelenRegel:
    volgnummer: int
    client: str
    bsn: str
    product: str
    periode_begin: date
    periode_eind: date
    volume: str
    tarief: str
    bedrag: str
    credit: bool
    referentie: str
    #: The rule that stopped the line, and why, in Dutch.
    regel: str
    waarom: str
    toewijzing: ToewijzingBeeld | None
    toewijzingnummer: int


@dataclass(frozen=True)
class Beoordeling:
    declaratienummer: str
    aanbieder: str
    agb_code: str
    periode_begin: date
    periode_eind: date
    ontvangen_op: object
    antwoord_uiterlijk: date
    totaal_ingediend: str
    regels: list[TeBeoordelenRegel]
    #: The other lines of the declaratie, judged by the rules already.
    goedgekeurd: int
    afgekeurd: int
    #: Still waiting (False once the task's verdict was given).
    open: bool

    @property
    def toewijzingen(self) -> list[ToewijzingBeeld]:
        """The toewijzingen the lines are checked against, each once, in the order of the lines."""
        return list({r.toewijzing.nummer: r.toewijzing for r in self.regels if r.toewijzing}.values())


def beoordeling_of(actor, task: HumanTask) -> Beoordeling | None:
    """The declaratie and its lines to judge for a "Declaratieregels beoordelen" task (None for any other task, or
    when its declaratie is not found); each client shown is logged."""
    if task.form_key != FORM_KEY:
        return None
    with unit_of_work() as session:
        declaratie = session.scalar(select(Declaratie).where(Declaratie.beoordeling_instance_id == task.instance_id))
        if declaratie is None:
            return None
        lines = [p for p in declaratie.prestaties if p.status == HANDMATIG or p.beoordeeld_door_id is not None]
        domein = "jeugd" if declaratie.standaard == "ijw" else "wmo"
        people = _people(session, {p.bsn for p in lines})
        regels = [_regel(session, p, people.get(p.bsn)) for p in lines]
        for person in people.values():
            log_processing(session, actor=actor, person=person, activity=f"{domein}-declaratie", action="lezen",
                           object_type="declaratie", object_id=declaratie.id,
                           description=f"Declaratieregels van declaratie {declaratie.declaratienummer} bekeken om "
                                       "te beoordelen")
        others = [p for p in declaratie.prestaties if p not in lines]
        return Beoordeling(
            declaratie.declaratienummer, declaratie.aanbieder.naam, declaratie.aanbieder.agb_code,
            declaratie.periode_begin, declaratie.periode_eind, declaratie.ontvangen_op, declaratie.antwoord_uiterlijk,
            euro(declaratie.totaal_ingediend_cent), regels,
            sum(1 for p in others if p.status == GOEDGEKEURD), sum(1 for p in others if p.status == AFGEKEURD),
            declaratie.status == "in_behandeling")


def _people(session, bsns: set[str]) -> dict[str, Person]:
    return {p.bsn: p for p in session.scalars(select(Person).where(Person.bsn.in_(bsns)))} if bsns else {}


def _regel(session, p: Prestatie, person: Person | None) -> TeBeoordelenRegel:
    t = session.get(Toewijzing, p.toewijzing_id) if p.toewijzing_id else None
    credit = p.debet_credit == "C"
    regel, waarom = _why(p)
    return TeBeoordelenRegel(
        p.volgnummer, person.naam if person else "Onbekende cliënt", p.bsn,
        f"{p.productcode} — {t.product.omschrijving}" if t else p.productcode,
        p.periode_begin, p.periode_eind, f"{p.volume} {eenheid_tekst(p.eenheid)}",
        euro(p.tarief_cent) if p.tarief_cent is not None else "— (budget in euro)",
        euro(p.signed_cent), credit, p.referentienummer, regel, waarom,
        _toewijzing(session, t, p) if t else None, p.toewijzing_nummer)


def _why(p: Prestatie) -> tuple[str, str]:
    """The rule that sent the line to a person, in Dutch (the verdict's own reason is kept on the line)."""
    if p.debet_credit == "C":
        vorig = f" (regel {p.vorig_referentienummer})" if p.vorig_referentienummer else ""
        return ("Creditregel", f"De aanbieder trekt een eerder goedgekeurd bedrag{vorig} terug. Een creditregel "
                               "verrekent de gemeente nooit zonder dat een medewerker hem heeft gecontroleerd.")
    drempel = setting("DECLARATIE_HANDMATIG_VANAF")
    if drempel is not None and p.bedrag_cent >= drempel:
        return ("Controledrempel", f"Het bedrag van {euro(p.bedrag_cent)} is gelijk aan of hoger dan de drempel van "
                                   f"{euro(drempel)}: elke regel vanaf dat bedrag controleert een medewerker.")
    return ("Handmatige controle", p.reden or "Deze regel is voor controle naar een medewerker gestuurd.")


def _toewijzing(session, t: Toewijzing, p: Prestatie) -> ToewijzingBeeld:
    earlier = session.execute(select(func.coalesce(func.sum(Prestatie.volume), 0),
                                     func.coalesce(func.sum(Prestatie.bedrag_cent), 0), Prestatie.debet_credit)
                              .where(Prestatie.toewijzing_id == t.id, Prestatie.status == GOEDGEKEURD,
                                     Prestatie.declaratie_id != p.declaratie_id)
                              .group_by(Prestatie.debet_credit)).all()
    volume = sum(v if dc == "D" else -v for v, _b, dc in earlier)
    bedrag = sum(b if dc == "D" else -b for _v, b, dc in earlier)
    product = t.product
    tarief = tarief_cent_op(session, t, p.periode_begin)  # the tarief in force for the line's period (TR418)
    return ToewijzingBeeld(
        t.toewijzingnummer, f"{product.productcode} — {product.omschrijving}", t.ingangsdatum, t.einddatum,
        omvang_tekst(t.volume, t.eenheid, t.frequentie, t.budget),
        "geen (budget)" if product.eenheid == "83" else
        f"{euro(tarief)} per {eenheid_tekst(product.eenheid)}" if tarief is not None else "geen contracttarief op die datum",
        TOEWIJZING_STATUS.get(t.status, t.status), t.start_zorg, t.stop_zorg, volume, euro(bedrag))
