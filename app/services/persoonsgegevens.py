"""Completing an inwoner's persoonsgegevens from a zaak: the address (and telefoonnummer) a message to an
aanbieder needs (a 301 has a Telefoon or a Huis and Postcode of the client, TR006) when the platform has none,
e.g. for a jeugdige who came in through a 315. A consulent of the zaak's gemeente who may open the zaak does
it; each change is audited (old → new) and logged in the processing log, in one transaction."""
from iwmo_messages.landen import NEDERLAND, landen

from ..domain import adres, policy
from ..models import Zaak
from . import audit
from .doorbraken import zaak_facts
from .errors import Forbidden, InvalidInput, NotFound
from .exchange.bericht301 import huis_of
from .processing_log import log_processing
from .uow import unit_of_work


def missing_for_messages(person) -> list[str]:
    """What of the address a toewijzing (301) needs and `person` lacks or has unusable, in Dutch: the huisnummer
    and postcode (TR006; as the 301 builder checks them). Nothing when a telefoonnummer will do instead."""
    bad_postcode = bool((person.postcode or "").strip()) and (person.land or NEDERLAND) == NEDERLAND and \
        not adres.POSTCODE.fullmatch(adres.normal_postcode(person.postcode))
    if person.telefoon and not bad_postcode:
        return []
    missing = [] if huis_of(person.huisnummer) else ["huisnummer"]
    return missing + ["postcode"] if bad_postcode or not (person.postcode or "").strip() else missing


def form_values(person) -> dict:
    """The person's address as the form shows it (huisnummer split into number, letter and toevoeging; the
    land as its LandCode, NL when the register has none)."""
    huis = huis_of(person.huisnummer)
    return {"land": person.land or NEDERLAND, "straat": person.straat or "", "postcode": person.postcode or "",
            "woonplaats": person.woonplaats or "",
            "telefoon": person.telefoon or "",
            "huisnummer": str(huis.huisnummer) if huis else (person.huisnummer or ""),
            "huisletter": (huis.huisletter or "") if huis else "",
            "toevoeging": (huis.huisnummer_toevoeging or "") if huis else ""}


def land_options() -> list[tuple[str, str]]:
    """The landen of the form as (LandCode, name): Nederland first, then every other land of the codelijst
    (the LandCodes the messages accept) by name."""
    rest = sorted(((code, naam) for code, naam in landen().items() if code != NEDERLAND), key=lambda c: c[1])
    return [(NEDERLAND, landen()[NEDERLAND]), *rest]


def complete_address(user, zaak_id: int, values: dict):
    """Store the address of the zaak's inwoner; InvalidInput (field → Dutch message) changes nothing."""
    clean, errors = adres.check_address(values, landen())
    with unit_of_work() as session:
        zaak = session.get(Zaak, zaak_id)
        if zaak is None:
            raise NotFound("Deze zaak bestaat niet.")
        decision = policy.decide(user, "persoonsgegevens.aanvullen", zaak_facts(user, zaak))
        if decision.hidden:
            raise NotFound("Deze zaak bestaat niet.")
        if not decision:
            raise Forbidden(decision.reason)
        if errors:
            raise InvalidInput(errors=errors)
        person = zaak.person
        after = {"land": None if clean["land"] == NEDERLAND else clean["land"], "straat": clean["straat"],
                 "postcode": clean["postcode"], "woonplaats": clean["woonplaats"],
                 "telefoon": clean["telefoon"] or None,
                 "huisnummer": adres.huisnummer_text(clean["huisnummer"], clean["huisletter"], clean["toevoeging"])}
        changes = audit.differences({name: getattr(person, name) for name in after}, after)
        if not changes:
            return person
        for name, value in after.items():
            setattr(person, name, value)
        audit.record(session, user, "persoonsgegevens_aangevuld", person, changes)
        log_processing(session, actor=user, person=person, activity=f"{zaak.domein}-behandeling",
                       action="wijzigen", object_type="persoon", object_id=zaak.zaaknummer,
                       description=f"Persoonsgegevens aangevuld vanuit zaak {zaak.zaaknummer}: "
                                   + ", ".join(adres.LABELS[n].lower() for n in changes))
    return person
