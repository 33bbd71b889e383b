"""Use case 'zorg beoordelen' in the portal (#12 point 5): the inwoner, or a gemachtigde acting for them, rates
the aanbieder of one of their own toewijzingen once, after the care started — stars on each aspect and a short
text. Someone else's toewijzing, a second rating, stars outside 1–5 or HTML in the text is named in Dutch beside
its field and nothing is written; the database refuses a second rating of a toewijzing too (unique key)."""
import logging
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from .. import db
from ..domain.beoordeling import ASPECTEN, TEXT_LONGEST, care_started_problem, free_text_problem, stars_problem
from ..domain.input import is_digits
from ..models import Beoordeling, Person, Toewijzing, Zaak
from .errors import InvalidInput
from .processing_log import log_processing
from .uow import unit_of_work

logger = logging.getLogger(__name__)
ACTIVITY = "kaart-beoordeling"
ALREADY = "U hebt deze zorg al beoordeeld. Dat kan één keer per toewijzing."
NOT_YOURS = "U kunt alleen zorg beoordelen die u zelf krijgt of kreeg. Kies uw eigen zorg uit de lijst."


@dataclass
class BeoordelingForm:
    """The form as filled in (strings as sent)."""
    toewijzing: str = ""
    tekst: str = ""
    sterren: dict = field(default_factory=dict)


@dataclass
class Zorgkeuze:
    """One toewijzing of the person on the form: can it be rated, and if not, why not."""
    toewijzing: Toewijzing
    beoordeling: Beoordeling | None
    reden: str | None

    @property
    def kan(self) -> bool:
        return self.reden is None


def ratings_of(toewijzing_ids: list[int]) -> dict[int, Beoordeling]:
    """The rating of each toewijzing that has one (for 'Mijn zorg', which logged its read)."""
    if not toewijzing_ids:
        return {}
    return {b.toewijzing_id: b for b in db.session.scalars(
        select(Beoordeling).where(Beoordeling.toewijzing_id.in_(toewijzing_ids)))}


def choices_for(actor, person: Person, today: date | None = None, on_behalf_of=None) -> list[Zorgkeuze]:
    """The person's toewijzingen, each with whether it can be rated now; the read is logged."""
    today = today or date.today()
    with unit_of_work() as session:
        rows = _own_toewijzingen(session, person)
        log_processing(session, actor=actor, person=person, activity="dossier-inzage", action="lezen",
                       object_type="toewijzingen", description="Formulier 'zorg beoordelen' met de eigen zorg getoond",
                       on_behalf_of=on_behalf_of)
    rated = ratings_of([t.id for t in rows])
    return [Zorgkeuze(t, rated.get(t.id), ALREADY if t.id in rated else care_started_problem(t.start_zorg, today))
            for t in rows]


def submit(actor, person: Person, form: BeoordelingForm, today: date | None = None, on_behalf_of=None) -> Beoordeling:
    """Check every field (all errors at once), then store the rating, waiting for the contractmanager."""
    today = today or date.today()
    errors, stars = {}, {}
    for name, (label, _question) in ASPECTEN.items():
        value = (form.sterren.get(name) or "").strip()
        problem = stars_problem(value, label)
        if problem:
            errors[name] = problem
        else:
            stars[name] = int(value)
    tekst = (form.tekst or "").strip()
    if problem := free_text_problem(tekst, "Uw ervaring in eigen woorden", TEXT_LONGEST):
        errors["tekst"] = problem
    with unit_of_work() as session:
        toewijzing = _own(session, person, form.toewijzing)
        if toewijzing is None:
            errors["toewijzing"] = NOT_YOURS
        elif session.scalar(select(Beoordeling.id).where(Beoordeling.toewijzing_id == toewijzing.id)) is not None:
            errors["toewijzing"] = ALREADY
        elif problem := care_started_problem(toewijzing.start_zorg, today):
            errors["toewijzing"] = problem
        if errors:
            raise InvalidInput("Uw beoordeling is niet verstuurd.", errors=errors)
        beoordeling = Beoordeling(gemeente_id=toewijzing.gemeente_id, toewijzing_id=toewijzing.id,
                                  aanbieder_id=toewijzing.aanbieder_id, person_id=person.id,
                                  ingediend_door_id=actor.id, tekst=tekst or None, status="te_beoordelen", **stars)
        session.add(beoordeling)
        try:
            session.flush()
        except IntegrityError as exc:  # the same toewijzing rated at the same moment in another request
            raise InvalidInput("Uw beoordeling is niet verstuurd.", errors={"toewijzing": ALREADY}) from exc
        log_processing(session, actor=actor, person=person, activity=ACTIVITY, action="aanmaken",
                       object_type="beoordeling", object_id=beoordeling.id,
                       description=f"Beoordeling van {toewijzing.aanbieder.naam} gegeven", on_behalf_of=on_behalf_of)
    logger.info("Beoordeling %s of toewijzing %s sent by %s", beoordeling.id, toewijzing.id, actor.username)
    return beoordeling


def _own_toewijzingen(session, person: Person) -> list[Toewijzing]:
    return list(session.scalars(select(Toewijzing).join(Zaak, Toewijzing.zaak_id == Zaak.id)
                                .where(Zaak.person_id == person.id)
                                .options(selectinload(Toewijzing.aanbieder), selectinload(Toewijzing.product))
                                .order_by(Toewijzing.ingangsdatum.desc(), Toewijzing.id.desc())))


def _own(session, person: Person, toewijzing_id: str) -> Toewijzing | None:
    """The toewijzing if it is the person's own; any other (or none) is None, without saying which."""
    text = (toewijzing_id or "").strip()
    if not (is_digits(text) and len(text) < 10):
        return None
    toewijzing = session.get(Toewijzing, int(text))
    if toewijzing is None or session.get(Zaak, toewijzing.zaak_id).person_id != person.id:
        return None
    return toewijzing
