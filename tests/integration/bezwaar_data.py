"""A bezwaar for the route walks: lodged by the inwoner against the beschikking of one of their zaken."""
from app import db
from app.models import Beschikking, Zaak
from app.services.bezwaar import submit_bezwaar


def bezwaar_ids(inwoner, zaak_id: int) -> dict:
    """The id of a running bezwaar against the zaak's (first) beschikking, lodged in Mijn zaken."""
    beschikking = db.session.query(Beschikking).filter_by(zaak_id=zaak_id).order_by(Beschikking.id).first()
    bezwaar = submit_bezwaar(inwoner, db.session.get(Zaak, zaak_id), beschikking.id,
                             "Ik ben het niet eens met het aantal uren.", [])
    return {"bezwaar_id": bezwaar.id}
