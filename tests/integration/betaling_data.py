"""An open betaalbatch with real lines: approved 323 declaraties handled by the real service."""
from datetime import date

from sqlalchemy import select

from app.domain.declaratie_check import Toewijzingsfeiten
from app.models import Aanbieder, Betaalbatch
from app.services.declaraties import handle_declaratie
from app.services.demo_data import WOERDEN
from app.services.gemeenten import by_code
from app.services.uow import unit_of_work
from app.simulator.berichten import Levering, declaratie
from iwmo_messages import ToewijzingInfo, parse

AGB = "42420001"
APRIL, TODAY = date(2026, 4, 1), date(2026, 5, 6)


def open_batch(*volumes: int, nummer: str = "DN1", gemeente: str = WOERDEN, eerste: int = 2001) -> int:
    """Declare `volumes` hours at €32,50 on one toewijzing each (numbered from `eerste`) to `gemeente`,
    approved; the id of its open batch."""
    leveringen = [Levering("iwmo", gemeente, "999900006", eerste + i, "01", "01A03", date(2026, 1, 1),
                           date(2026, 12, 31), "04", 500, "4", None) for i in range(len(volumes))]
    feiten = {lev.toewijzing_nummer: Toewijzingsfeiten(ToewijzingInfo(
        lev.toewijzing_nummer, lev.bsn, lev.categorie, lev.code, lev.ingangsdatum, lev.einddatum, lev.eenheid,
        lev.volume, lev.frequentie), 3250, None, None) for lev in leveringen}
    xml = declaratie(AGB, [(lev, v, 3250) for lev, v in zip(leveringen, volumes)], APRIL, nummer, f"I{nummer}", TODAY)
    with unit_of_work() as session:
        aanbieder = session.scalar(select(Aanbieder).where(Aanbieder.agb_code == AGB))
        gemeente_id = by_code(session, gemeente).id
        handle_declaratie(session, parse(xml), aanbieder, feiten, today=TODAY, gemeente_id=gemeente_id)
        return session.scalar(select(Betaalbatch.id).where(Betaalbatch.open_slot == 1,
                                                           Betaalbatch.gemeente_id == gemeente_id))
