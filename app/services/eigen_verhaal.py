"""Use cases for what the inwoner tells us once: contact details and their own story (eigen verhaal),
kept in their profile, reused on the next melding and shared with the consulent of a zaak as a copy."""
from sqlalchemy import select

from .. import db
from ..domain.input import EMAIL, is_digits, text_errors, text_problem
from ..models import GedeeldVerhaal, InwonerProfiel, Person, User, Zaak
from ..models.base import utcnow
from .errors import InvalidInput
from .processing_log import log_processing
from .uow import unit_of_work

MAX_VERHAAL = 10000


def profile_of(person_id: int) -> InwonerProfiel | None:
    return db.session.scalar(select(InwonerProfiel).where(InwonerProfiel.person_id == person_id))


def account_addresses(person_id: int) -> list[str]:
    """The e-mail addresses of the inwoner's own active accounts: the portal mails them as well."""
    return sorted(a for a in db.session.scalars(select(User.email).where(
        User.person_id == person_id, User.active.is_(True))) if a)


def check(telefoon: str, eigen_verhaal: str) -> dict:
    """Per-field Dutch errors for the profile fields (empty dict when fine)."""
    errors = {}
    digits = "".join(c for c in telefoon or "" if is_digits(c))
    if telefoon and telefoon.strip() and not (10 <= len(digits) <= 13 and set(telefoon) <= set("+0123456789 -()")):
        errors["telefoon"] = "Vul een telefoonnummer in van 10 cijfers, bijvoorbeeld 0348 123 456."
    if len(eigen_verhaal or "") > MAX_VERHAAL:
        errors["eigen_verhaal"] = f"Uw verhaal mag niet langer zijn dan {MAX_VERHAAL} tekens."
    errors.update(text_errors({"telefoon": telefoon, "eigen_verhaal": eigen_verhaal},
                              {"telefoon": "Telefoonnummer", "eigen_verhaal": "Eigen verhaal"}))
    return errors


def remember(session, actor, person: Person, *, telefoon: str, eigen_verhaal: str,
             on_behalf_of=None) -> InwonerProfiel | None:
    """Keep the profile fields (inside the caller's transaction) and log the change; no change, no record."""
    profiel = session.scalar(select(InwonerProfiel).where(InwonerProfiel.person_id == person.id))
    telefoon, eigen_verhaal = (telefoon or "").strip() or None, (eigen_verhaal or "").strip() or None
    if (telefoon, eigen_verhaal) == ((profiel.telefoon, profiel.eigen_verhaal) if profiel else (None, None)):
        return profiel
    if profiel is None:
        profiel = InwonerProfiel(person_id=person.id)
        session.add(profiel)
    profiel.telefoon, profiel.eigen_verhaal = telefoon, eigen_verhaal
    profiel.bijgewerkt_op, profiel.bijgewerkt_door_id = utcnow(), actor.id
    log_processing(session, actor=actor, person=person, activity="inwoner-gegevens", action="wijzigen",
                   object_type="profiel", on_behalf_of=on_behalf_of,
                   description="Contactgegevens en eigen verhaal bijgewerkt")
    return profiel


def save_profile(actor, person: Person, *, telefoon: str, eigen_verhaal: str, email: str | None = None,
                 on_behalf_of=None) -> InwonerProfiel:
    """The inwoner updates their contact details and eigen verhaal; `email` (None: leave it) is where the portal
    mails that a message or a decision waits in Mijn zaken."""
    errors = check(telefoon, eigen_verhaal)
    email = None if email is None else email.strip()
    if email and (len(email) > 200 or not EMAIL.fullmatch(email) or text_problem(email, one_line=True)):
        errors["email"] = "Vul een e-mailadres in zoals naam@voorbeeld.nl, of laat het leeg."
    if errors:
        raise InvalidInput(errors=errors)
    with unit_of_work() as session:
        person = session.get(Person, person.id)
        if email is not None and email != (person.email or ""):
            person.email = email or None
            log_processing(session, actor=actor, person=person, activity="inwoner-gegevens", action="wijzigen",
                           object_type="persoon", on_behalf_of=on_behalf_of,
                           description="E-mailadres voor berichten " + ("bijgewerkt" if email else "verwijderd"))
        return remember(session, actor, person, telefoon=telefoon,
                        eigen_verhaal=eigen_verhaal, on_behalf_of=on_behalf_of)


def share(session, actor, zaak: Zaak, tekst: str, on_behalf_of=None) -> GedeeldVerhaal:
    """Share the eigen verhaal with the consulent of `zaak`: a copy as it reads now."""
    gedeeld = session.scalar(select(GedeeldVerhaal).where(GedeeldVerhaal.zaak_id == zaak.id))
    if gedeeld is None:
        gedeeld = GedeeldVerhaal(zaak_id=zaak.id, gedeeld_door_id=actor.id, tekst=tekst)
        session.add(gedeeld)
    gedeeld.tekst, gedeeld.gedeeld_op, gedeeld.gedeeld_door_id = tekst, utcnow(), actor.id
    log_processing(session, actor=actor, person=zaak.person, activity="inwoner-gegevens", action="aanmaken",
                   object_type="eigen_verhaal", object_id=zaak.zaaknummer, on_behalf_of=on_behalf_of,
                   description=f"Eigen verhaal gedeeld met de consulent van zaak {zaak.zaaknummer}")
    return gedeeld


def share_with_zaak(actor, zaak: Zaak, on_behalf_of=None) -> GedeeldVerhaal:
    """Share the current eigen verhaal from the profile with an existing zaak."""
    profiel = profile_of(zaak.person_id)
    if profiel is None or not profiel.eigen_verhaal:
        raise InvalidInput(errors={"eigen_verhaal": "U heeft nog geen eigen verhaal geschreven. Doe dat eerst bij 'Mijn gegevens'."})
    with unit_of_work() as session:
        return share(session, actor, session.get(Zaak, zaak.id), profiel.eigen_verhaal, on_behalf_of)


def shared_of(zaak_id: int) -> GedeeldVerhaal | None:
    return db.session.scalar(select(GedeeldVerhaal).where(GedeeldVerhaal.zaak_id == zaak_id))
