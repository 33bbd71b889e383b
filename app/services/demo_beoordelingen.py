"""Demo ratings for the sociale kaart (`flask seed`, after the demo history): inwoners of the demo history rate the
aanbieder of their toewijzing, so the demo kaart of Woerden shows averages for two aanbieders (more than 5
approved ratings) and "Nog te weinig beoordelingen" for the third, Oudewater too few for any; some wait for the
contractmanager and one was rejected, so the moderation list has work. Idempotent: made once."""
import random
from datetime import datetime, time, timedelta, timezone

from sqlalchemy import func, select

from ..models import Aanbieder, Beoordeling, Gemeente, Toewijzing, User, Zaak
from .demo_data import OUDEWATER, WOERDEN
from .demo_history import MARK
from .uow import unit_of_work

#: (gemeente, AGB of the aanbieder, approved, waiting, rejected, lowest and highest stars)
PLAN = [(WOERDEN, "42420001", 9, 2, 0, 3, 5), (WOERDEN, "65656055", 6, 1, 1, 2, 5), (WOERDEN, "41234567", 3, 1, 0, 3, 5),
        (OUDEWATER, "42420001", 2, 1, 0, 3, 4)]
TEXTS = ("Vriendelijke mensen, ze nemen de tijd voor een praatje.", "Soms kwam er iemand anders dan afgesproken, maar "
         "het werk was goed.", "Ik ben heel tevreden. Ze denken mee als er iets verandert.", None,
         "Een paar keer te laat, wel netjes gebeld.", "Goede hulp, ik kan weer beter zelf mijn dag regelen.",
         "Ze luisteren goed naar wat ik zelf wil.", None, "Het duurde lang voordat de zorg begon, daarna prima.",
         "Altijd dezelfde vaste hulp, dat is fijn.")
REJECTED = ("Mevrouw Jansen van de thuiszorg is erg onvriendelijk.",
            "Er staat een naam in de tekst. Schrijf uw ervaring zonder namen, dan plaatsen we hem graag.")


def load_demo_beoordelingen(now: datetime | None = None) -> dict:
    now = now or datetime.now(timezone.utc)
    rng = random.Random(12)
    with unit_of_work() as session:
        if session.scalar(select(func.count()).select_from(Beoordeling)):
            return {"beoordelingen": 0}
        moderator = session.scalar(select(User).where(User.username == "contractmanager"))
        made = 0
        for code, agb, approved, waiting, rejected, low, high in PLAN:
            gemeente = session.scalar(select(Gemeente).where(Gemeente.code == code))
            aanbieder = session.scalar(select(Aanbieder).where(Aanbieder.agb_code == agb))
            if gemeente is None or aanbieder is None:
                continue
            rows = session.execute(
                select(Toewijzing, Zaak.person_id).join(Zaak, Zaak.id == Toewijzing.zaak_id)
                .where(Toewijzing.gemeente_id == gemeente.id, Toewijzing.aanbieder_id == aanbieder.id,
                       Toewijzing.start_zorg <= (now - timedelta(days=30)).date(), Zaak.omschrijving.startswith(MARK))
                .order_by(Toewijzing.start_zorg.desc()).limit(approved + waiting + rejected)).all()
            for n, (toewijzing, person_id) in enumerate(rows):
                status = "goedgekeurd" if n < approved else "te_beoordelen" if n < approved + waiting else "afgewezen"
                given = min(datetime.combine(toewijzing.start_zorg, time(10), tzinfo=timezone.utc) + timedelta(days=40),
                            now - timedelta(days=1 + n))
                session.add(Beoordeling(
                    gemeente_id=gemeente.id, toewijzing_id=toewijzing.id, aanbieder_id=aanbieder.id, person_id=person_id,
                    bejegening=rng.randint(low, high), deskundigheid=rng.randint(low, high),
                    afspraken=rng.randint(max(1, low - 1), high), ingediend_op=given, status=status,
                    tekst=REJECTED[0] if status == "afgewezen" else TEXTS[(n + made) % len(TEXTS)],
                    afwijsreden=REJECTED[1] if status == "afgewezen" else None,
                    beoordeeld_door_id=moderator.id if moderator and status != "te_beoordelen" else None,
                    beoordeeld_op=given + timedelta(days=2) if status != "te_beoordelen" else None,
                    reactie="Dank u wel! We geven het door aan het team." if status == "goedgekeurd" and n % 4 == 1 else None,
                    reactie_op=given + timedelta(days=5) if status == "goedgekeurd" and n % 4 == 1 else None))
                made += 1
    return {"beoordelingen": made}
