"""Demo klachten and signalen about the demo aanbieders, made through the real services: the demo inwoner's klacht
about her own care (in the portal), signalen and klachten consulenten of both gemeenten registered from zaken of
the demo history, and the contractmanagers' follow-up and closure of some. Idempotent: nothing is made when any
klacht exists. `flask seed` loads it after the history; a production configuration refuses that."""
from sqlalchemy import func, select

from .. import db
from ..models import Aanbieder, Klacht, Toewijzing, User, Zaak
from .demo_data import OUDEWATER, WOERDEN
from .demo_history import MARK
from .klachten import add_notitie, close_klacht, register_by_consulent, submit_by_inwoner

#: The demo scenario (app/services/demo_cases.py) whose care started for the demo inwoner.
STARTED = "Demo: zorg gestart"
#: (gemeente, aanbieder AGB, soort, text, follow-up note or None, closure reason or None)
CONSULENT_KLACHTEN = [
    (WOERDEN, "65656055", "signaal", "De inwoner vertelt dat er steeds een andere hulp komt. Zij raakt daardoor van "
     "slag en durft de deur bijna niet meer open te doen.", "Besproken met de teamleider van de aanbieder. Zij zoeken "
     "een vaste hulp voor deze wijk.", None),
    (WOERDEN, "65656055", "klacht", "De zorg begon pas vier weken na de toewijzing. De inwoner redde zich zo lang met "
     "hulp van de buren.", "De aanbieder meldt een tekort aan personeel in Molenvliet.",
     "De aanbieder heeft twee mensen aangenomen; nieuwe zorg start weer binnen een week. Afgesproken dat zij het "
     "melden als dat niet lukt."),
    (WOERDEN, "42420001", "klacht", "De dochter zegt dat de begeleider haar moeder onvriendelijk toespreekt.", None,
     None),
    (WOERDEN, "65656055", "signaal", "In de declaratie staan uren die de inwoner niet herkent (drie uur op een dag "
     "dat niemand kwam).", None, None),
    (WOERDEN, "41234567", "klacht", "De ouders horen al drie weken niets over de intake voor hun zoon.",
     "Aanbieder gebeld: de aanmelding was blijven liggen.",
     "De intake is gepland en de aanbieder heeft de ouders zelf gebeld en excuses gemaakt."),
    (OUDEWATER, "42420001", "signaal", "De hulp vertelt dat zij maar twintig minuten per bezoek mag blijven, terwijl "
     "een uur is toegewezen.", None, None),
]
INWONER_KLACHT = ("De hulp bij het huishouden is de afgelopen maand twee keer niet gekomen, zonder dat iemand belde.",
                  "Aanbieder gevraagd om uitleg en om voortaan te bellen als een hulp niet kan komen.")


def load_demo_klachten() -> dict:
    """Make the demo klachten when there are none yet; return how many were made."""
    if db.session.scalar(select(func.count()).select_from(Klacht)):
        return {"klachten en signalen": 0}
    users = {u.username: u for u in db.session.scalars(select(User).where(User.is_demo.is_(True)))}
    manager = {WOERDEN: users["contractmanager"], OUDEWATER: users["contractmanager-oudewater"]}
    consulent = {WOERDEN: users["consulent"], OUDEWATER: users["consulent-oudewater"]}
    made = 0
    own = _own_toewijzing(users["inwoner"])
    if own is not None:
        klacht = submit_by_inwoner(users["inwoner"], users["inwoner"].person_id, own.id, "klacht", INWONER_KLACHT[0])
        add_notitie(manager[WOERDEN], klacht.id, INWONER_KLACHT[1], "in_behandeling")
        made += 1
    used: set[int] = set()
    for code, agb, soort, tekst, notitie, reden in CONSULENT_KLACHTEN:
        toewijzing = _history_toewijzing(code, agb, used)
        if toewijzing is None:
            continue
        used.add(toewijzing.id)
        klacht = register_by_consulent(consulent[code], db.session.get(Zaak, toewijzing.zaak_id), toewijzing.id, soort,
                                       tekst)
        if notitie:
            add_notitie(manager[code], klacht.id, notitie, "in_behandeling")
        if reden:
            close_klacht(manager[code], klacht.id, reden)
        made += 1
    return {"klachten en signalen": made}


def _own_toewijzing(inwoner: User) -> Toewijzing | None:
    """The toewijzing of the demo scenario whose care started, for the demo inwoner."""
    return db.session.scalar(select(Toewijzing).join(Zaak, Zaak.id == Toewijzing.zaak_id).where(
        Zaak.person_id == inwoner.person_id, Zaak.omschrijving == STARTED).order_by(Toewijzing.id).limit(1))


def _history_toewijzing(code: str, agb: str, used: set[int]) -> Toewijzing | None:
    """A running toewijzing of the demo history of this gemeente and aanbieder, not used for a klacht yet."""
    from ..models import Gemeente
    query = (select(Toewijzing).join(Zaak, Zaak.id == Toewijzing.zaak_id)
             .join(Gemeente, Gemeente.id == Toewijzing.gemeente_id)
             .join(Aanbieder, Aanbieder.id == Toewijzing.aanbieder_id)
             .where(Gemeente.code == code, Aanbieder.agb_code == agb, Toewijzing.status == "gestart",
                    Zaak.omschrijving.startswith(MARK)).order_by(Toewijzing.id.desc()))
    return next((t for t in db.session.scalars(query.limit(20)) if t.id not in used), None)
