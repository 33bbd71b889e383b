"""What the declaratie check reads from the database: earlier approved prestaties and the
RuleContext iwmo_messages' rules ask."""
from datetime import date

from sqlalchemy import exists, func, select

from iwmo_messages import ToewijzingInfo

from ..domain.declaratie_check import EerderePrestatie, Toewijzingsfeiten
from ..models import Declaratie, Prestatie

COUNTED = ("goedgekeurd", "handmatig")  # lines that count as declared (a rejected one may be sent again)


def earlier_prestaties(session, aanbieder_id: int, nummers: set[int]) -> list[EerderePrestatie]:
    """Approved prestaties of earlier declaraties of this aanbieder on these toewijzingen."""
    rows = session.scalars(
        select(Prestatie).join(Declaratie)
        .where(Declaratie.aanbieder_id == aanbieder_id, Prestatie.toewijzing_nummer.in_(nummers),
               Prestatie.status == "goedgekeurd"))
    return [EerderePrestatie(p.toewijzing_nummer, p.referentienummer, p.vorig_referentienummer,
                             p.productcategorie, p.productcode, p.periode_begin, p.volume, p.bedrag_cent,
                             p.debet_credit) for p in rows]


class DeclaratieContext:
    """The iwmo_messages RuleContext for one aanbieder's 323, backed by the database."""

    def __init__(self, session, aanbieder_id: int, feiten: dict[int, Toewijzingsfeiten], today: date,
                 bericht_seen=None, gemeente_id: int | None = None, standaard: str | None = None):
        self.session, self.aanbieder_id, self.feiten, self.today = session, aanbieder_id, feiten, today
        self._bericht_seen = bericht_seen
        #: The gemeente and wettelijk domein of the 323 (TR318 compares with the declaraties to them).
        self.gemeente_id, self.standaard = gemeente_id, standaard

    def bericht_seen(self, afzender: str, bericht_code: str, identificatie: str) -> bool:
        return bool(self._bericht_seen and self._bericht_seen(afzender, bericht_code, identificatie))

    def toewijzing(self, toewijzing_nummer: int) -> ToewijzingInfo | None:
        found = self.feiten.get(toewijzing_nummer)
        return found.info if found else None

    def declaratie_nummer_seen(self, afzender: str, declaratie_nummer: str) -> bool:
        return self.session.scalar(select(exists().where(
            Declaratie.aanbieder_id == self.aanbieder_id, Declaratie.declaratienummer == declaratie_nummer,
            Declaratie.status != "afgewezen")))

    def referentie_nummer_seen(self, afzender: str, referentie_nummer: str) -> bool:
        return self.session.scalar(select(exists().where(
            Prestatie.declaratie_id == Declaratie.id, Declaratie.aanbieder_id == self.aanbieder_id,
            Prestatie.referentienummer == referentie_nummer, Prestatie.status.in_(COUNTED))))

    def referentie_aanbieder_seen(self, afzender: str, referentie: str) -> bool:
        return False  # a 323 has no ReferentieAanbieder

    def client_toewijzingen(self, afzender: str, bsn: str) -> list[ToewijzingInfo]:
        return []  # asked of a verzoek om wijziging (317) only

    def verzoek_onderhanden(self, afzender: str, bsn: str) -> bool:
        return False  # asked of a verzoek (315/317) only

    def laatste_declaratieperiode(self, afzender: str) -> date | None:
        """TR318: the latest DeclaratiePeriode of the aanbieder's earlier declaraties to this gemeente in this
        domein that were not refused as a whole."""
        query = select(func.max(Declaratie.periode_begin)).where(Declaratie.aanbieder_id == self.aanbieder_id,
                                                                 Declaratie.status != "afgewezen")
        if self.gemeente_id is not None:
            query = query.where(Declaratie.gemeente_id == self.gemeente_id)
        if self.standaard is not None:
            query = query.where(Declaratie.standaard == self.standaard)
        return self.session.scalar(query)
