"""Use cases of the contractmanager on aanbieders: list those of their gemeenten, register a new one (or an
aanbieder another gemeente already has) in a gemeente, change its details and its registration (state, wijken,
products it may deliver). Each in one transaction, each change audited (who, when, old → new), every problem
named in Dutch per field and nothing half-written.

An aanbieder is shared by the gemeenten it is registered in (one AGB code, KvK number and IBAN): a change of
those details counts for every gemeente; the registration is the gemeente's own."""
import logging
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from .. import db
from ..domain import contracten as rules
from ..domain import policy
from ..domain.input import EMAIL as _EMAIL
from ..domain.input import POSTCODE as _POSTCODE
from ..domain.input import text_errors
from ..domain.sepa import normalize_iban
from ..models import Aanbieder, AanbiederGemeente, AuditRecord, Contract, Gemeente, Person, Product
from . import audit
from .errors import Forbidden, InvalidInput, NotFound
from .uow import unit_of_work

logger = logging.getLogger(__name__)
LABELS = {"naam": "Naam", "agb_code": "AGB-code", "kvk_nummer": "KvK-nummer", "iban": "IBAN",
          "straat": "Straat", "huisnummer": "Huisnummer", "postcode": "Postcode", "plaats": "Plaats",
          "contactpersoon": "Contactpersoon", "telefoon": "Telefoonnummer", "email": "E-mailadres"}
LENGTHS = {"naam": 200, "straat": 100, "huisnummer": 10, "postcode": 7, "plaats": 80, "contactpersoon": 100,
           "telefoon": 30, "email": 200}
#: The audit actions of contract management, as the history on the pages names them.
ACTION_LABELS = {"aanbieder.aanmaken": "Aanbieder aangemaakt", "aanbieder.wijzigen": "Gegevens gewijzigd",
                 "aanbieder.registreren": "Geregistreerd in de gemeente",
                 "aanbieder.registratie_wijzigen": "Registratie in de gemeente gewijzigd",
                 "contract.aanmaken": "Contract aangemaakt", "contract.wijzigen": "Looptijd gewijzigd",
                 "contract.product_toevoegen": "Product toegevoegd", "contract.tarief_wijzigen": "Tarief gewijzigd",
                 "contract.plafond_wijzigen": "Plafond gewijzigd"}


@dataclass
class AanbiederForm:
    """The shared details as filled in."""
    naam: str = ""
    agb_code: str = ""
    kvk_nummer: str = ""
    iban: str = ""
    straat: str = ""
    huisnummer: str = ""
    postcode: str = ""
    plaats: str = ""
    contactpersoon: str = ""
    telefoon: str = ""
    email: str = ""


@dataclass
class RegistratieForm:
    """The registration in one gemeente as filled in."""
    status: str = "actief"
    wijken: list[str] = field(default_factory=list)
    product_ids: list[int] = field(default_factory=list)


def require(actor, obj=None) -> None:
    decision = policy.decide(actor, "contracten.beheren", obj)
    if decision.hidden:
        raise NotFound("Deze aanbieder bestaat niet.")
    if not decision:
        raise Forbidden(decision.reason)


def load(session, model, object_id: int, actor, message: str = "Deze aanbieder bestaat niet.", **options):
    """The row of `model` with this id if `actor` may manage it; else NotFound (also for another gemeente's)."""
    obj = session.get(model, object_id, **options)
    if obj is None:
        raise NotFound(message)
    decision = policy.decide(actor, "contracten.beheren", getattr(obj, "contract", obj))
    if decision.hidden:
        raise NotFound(message)
    if not decision:
        raise Forbidden(decision.reason)
    return obj


def aanbieders_for(actor, zoek: str = "") -> list[Aanbieder]:
    """The aanbieders registered in one of the actor's gemeenten, by name, with their registrations."""
    require(actor)
    mine = sorted(actor.gemeente_ids)
    query = (select(Aanbieder).where(Aanbieder.id.in_(select(AanbiederGemeente.aanbieder_id)
                                                      .where(AanbiederGemeente.gemeente_id.in_(mine))))
             .options(selectinload(Aanbieder.registraties)).order_by(Aanbieder.naam))
    if zoek.strip():
        term = f"%{zoek.strip().lower()}%"
        query = query.where(or_(Aanbieder.naam.ilike(term), Aanbieder.agb_code.like(term)))
    return list(db.session.scalars(query))


def get_aanbieder(actor, aanbieder_id: int) -> Aanbieder:
    return load(db.session, Aanbieder, aanbieder_id, actor)


def get_registratie(actor, registratie_id: int) -> AanbiederGemeente:
    return load(db.session, AanbiederGemeente, registratie_id, actor)


def form_of(aanbieder: Aanbieder) -> AanbiederForm:
    return AanbiederForm(**{name: getattr(aanbieder, name) or "" for name in LABELS})


def registratie_form_of(registratie: AanbiederGemeente) -> RegistratieForm:
    return RegistratieForm(registratie.status, list(registratie.wijken or []), [p.id for p in registratie.producten])


def choices_for(actor) -> dict:
    """The actor's gemeenten, the wijken of each (as inwoners' addresses name them) and the product catalogue."""
    gemeenten = [g for g in db.session.scalars(select(Gemeente).order_by(Gemeente.naam)) if g.id in actor.gemeente_ids]
    wijken = {g.id: [] for g in gemeenten}
    for gemeente_id, wijk in db.session.execute(select(Person.gemeente_id, Person.wijk).where(
            Person.gemeente_id.in_(list(wijken)), Person.wijk.is_not(None)).distinct()):
        wijken[gemeente_id].append(wijk)
    products = list(db.session.scalars(select(Product).order_by(Product.domein.desc(), Product.productcode)))
    return {"gemeenten": gemeenten, "gemeente_options": [(g.id, g.naam) for g in gemeenten], "wijken": {k: sorted(v) for k, v in wijken.items()},
            "producten": [(p.id, f"{p.productcode} — {p.omschrijving}") for p in products]}


def create_aanbieder(actor, gemeente_id: int | None, form: AanbiederForm, registratie: RegistratieForm) -> Aanbieder:
    """Register an aanbieder in a gemeente of the actor. An AGB code Cumulus knows already (another gemeente's
    aanbieder) registers that aanbieder here as well, with the details as filled in."""
    require(actor)
    with unit_of_work() as session:
        errors = {}
        if gemeente_id not in actor.gemeente_ids:
            errors["gemeente"] = "Kies de gemeente waarvoor u de aanbieder registreert."
        values, field_errors = _clean(form)
        errors |= field_errors
        aanbieder = session.scalar(select(Aanbieder).where(Aanbieder.agb_code == values["agb_code"])) \
            if "agb_code" not in errors else None
        if aanbieder is not None and gemeente_id in aanbieder.gemeente_ids:
            errors["agb_code"] = (f"Aanbieder {aanbieder.naam} met AGB-code {aanbieder.agb_code} staat al in deze "
                                  "gemeente; wijzig die aanbieder.")
        errors |= _kvk_taken(session, values, aanbieder)
        errors |= _registratie_errors(session, gemeente_id, registratie)
        if errors:
            raise InvalidInput("De aanbieder is niet geregistreerd.", errors=errors)
        before = {}
        if aanbieder is None:
            aanbieder = Aanbieder(**values)
            session.add(aanbieder)
        else:
            before = {name: getattr(aanbieder, name) for name in values}
            for name, value in values.items():
                setattr(aanbieder, name, value)
        session.flush()
        audit.record(session, actor, "aanbieder.aanmaken" if not before else "aanbieder.wijzigen", aanbieder,
                     audit.differences(before, values))
        reg = AanbiederGemeente(aanbieder_id=aanbieder.id, gemeente_id=gemeente_id)
        session.add(reg)
        session.flush()
        _apply_registratie(session, actor, reg, registratie, action="aanbieder.registreren")
    logger.info("Aanbieder %s registered in gemeente %s by %s", aanbieder.agb_code, gemeente_id, actor.username)
    return aanbieder


def update_aanbieder(actor, aanbieder_id: int, form: AanbiederForm) -> dict:
    """Change the shared details; returns what changed (field → [old, new])."""
    with unit_of_work() as session:
        aanbieder = load(session, Aanbieder, aanbieder_id, actor)
        values, errors = _clean(form)
        if "agb_code" not in errors and values["agb_code"] != aanbieder.agb_code and session.scalar(
                select(Aanbieder.id).where(Aanbieder.agb_code == values["agb_code"])) is not None:
            errors["agb_code"] = f"AGB-code {values['agb_code']} hoort al bij een andere aanbieder."
        errors |= _kvk_taken(session, values, aanbieder)
        if errors:
            raise InvalidInput("De wijzigingen zijn niet opgeslagen.", errors=errors)
        changes = audit.differences({name: getattr(aanbieder, name) for name in values}, values)
        for name, value in values.items():
            setattr(aanbieder, name, value)
        if changes:
            audit.record(session, actor, "aanbieder.wijzigen", aanbieder, changes)
    return changes


def update_registratie(actor, registratie_id: int, registratie: RegistratieForm) -> dict:
    """Change the state, wijken or products of an aanbieder in one gemeente."""
    with unit_of_work() as session:
        reg = load(session, AanbiederGemeente, registratie_id, actor)
        errors = _registratie_errors(session, reg.gemeente_id, registratie)
        if errors:
            raise InvalidInput("De wijzigingen zijn niet opgeslagen.", errors=errors)
        return _apply_registratie(session, actor, reg, registratie, action="aanbieder.registratie_wijzigen")


def history_of(actor, aanbieder: Aanbieder, limit: int = 100) -> list[AuditRecord]:
    """The audit trail of the aanbieder, its registrations and contracts in the actor's gemeenten, newest first."""
    mine = [r.id for r in aanbieder.registraties if r.gemeente_id in actor.gemeente_ids]
    contracts = list(db.session.scalars(select(Contract.id).where(
        Contract.aanbieder_id == aanbieder.id, Contract.gemeente_id.in_(sorted(actor.gemeente_ids)))))
    objects = or_((AuditRecord.object_type == "aanbieder") & (AuditRecord.object_id == aanbieder.id),
                  (AuditRecord.object_type == "aanbieder_gemeente") & AuditRecord.object_id.in_(mine),
                  (AuditRecord.object_type == "contract") & AuditRecord.object_id.in_(contracts))
    return list(db.session.scalars(select(AuditRecord).where(objects)
                                   .order_by(AuditRecord.at.desc(), AuditRecord.id.desc()).limit(limit)))


def _clean(form: AanbiederForm) -> tuple[dict, dict]:
    """The values to store (None for an empty optional field) and field → Dutch message."""
    raw = {name: (getattr(form, name) or "").strip() for name in LABELS}
    errors = text_errors(raw, LABELS)
    values = {name: value or None for name, value in raw.items()}
    for name, limit in LENGTHS.items():
        if name not in errors and len(raw[name]) > limit:
            errors[name] = f"'{LABELS[name]}' mag niet langer zijn dan {limit} tekens."
    if not raw["naam"]:
        errors.setdefault("naam", "Vul de naam van de aanbieder in.")
    for name, check in (("agb_code", rules.agb_problem), ("kvk_nummer", rules.kvk_problem)):
        problem = check(raw[name])
        if problem:
            errors.setdefault(name, problem)
        else:
            values[name] = rules.compact(raw[name])
    if raw["iban"]:
        problem = rules.iban_problem(raw["iban"])
        if problem:
            errors.setdefault("iban", problem)
        else:
            values["iban"] = normalize_iban(raw["iban"])
    else:
        errors.setdefault("iban", "Vul het IBAN in waarop de gemeente de declaraties betaalt.")
    if raw["postcode"] and "postcode" not in errors:
        if not _POSTCODE.fullmatch(raw["postcode"]):
            errors["postcode"] = "Een postcode bestaat uit 4 cijfers en 2 letters, bijvoorbeeld 3441 BT."
        else:
            values["postcode"] = f"{raw['postcode'][:4]} {raw['postcode'][-2:].upper()}"
    if raw["email"] and "email" not in errors and not _EMAIL.fullmatch(raw["email"]):
        errors["email"] = "Vul een e-mailadres in zoals naam@aanbieder.nl."
    return values, errors


def _kvk_taken(session, values: dict, aanbieder: Aanbieder | None) -> dict:
    kvk = values.get("kvk_nummer")
    if not kvk:
        return {}
    other = session.scalar(select(Aanbieder).where(Aanbieder.kvk_nummer == kvk,
                                                   Aanbieder.id != (aanbieder.id if aanbieder else -1)))
    return {"kvk_nummer": f"KvK-nummer {kvk} hoort al bij een andere aanbieder. Controleer het nummer."} \
        if other else {}


def _registratie_errors(session, gemeente_id, registratie: RegistratieForm) -> dict:
    errors = {}
    if registratie.status not in rules.STATUSSEN:
        errors["status"] = "Kies of de aanbieder actief of beëindigd is."
    problems = text_errors({f"wijk{i}": w for i, w in enumerate(registratie.wijken)})
    if problems or any(len(w) > 60 or not w.strip() for w in registratie.wijken):
        errors["wijken"] = "Een wijk heeft een naam van hoogstens 60 tekens."
    known = set(session.scalars(select(Product.id).where(Product.id.in_(registratie.product_ids))))
    if set(registratie.product_ids) - known:
        errors["producten"] = "Kies producten uit de productcatalogus."
    elif not registratie.product_ids:
        errors["producten"] = "Kies minstens één product dat de aanbieder mag leveren."
    return errors


def _apply_registratie(session, actor, reg: AanbiederGemeente, registratie: RegistratieForm, action: str) -> dict:
    before = {"status": reg.status, "wijken": sorted(reg.wijken or []),
              "producten": sorted(p.productcode for p in reg.producten)}
    products = list(session.scalars(select(Product).where(Product.id.in_(registratie.product_ids))))
    reg.status, reg.wijken, reg.producten = registratie.status, sorted(set(registratie.wijken)), products
    after = {"status": reg.status, "wijken": list(reg.wijken), "producten": sorted(p.productcode for p in products)}
    changes = audit.differences(before, after)
    if changes:
        audit.record(session, actor, action, reg, changes)
    return changes

