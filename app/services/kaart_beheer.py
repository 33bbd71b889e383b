"""Use cases of the keeper of the sociale kaart (the contractmanager): list the entries of their gemeenten,
add one, change one and mark it checked. Each in one transaction and audited (who, when, old → new); HTML in
a text, an unknown wijk or category, a maatwerk category the aanbieder has no contract for or a last-checked
date in the future is named in Dutch beside its field, and nothing is written."""
import logging
import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import db
from ..domain import policy
from ..domain.input import EMAIL as _EMAIL, is_digits
from ..domain.input import POSTCODE as _POSTCODE
from ..domain.input import text_problem
from ..domain.sociale_kaart import CATEGORIEEN, DOMEINEN, SOORTEN, checked_date_problem, html_problem
from ..models import utcnow
from ..models import (Aanbieder, AanbiederGemeente, Contract, ContractProduct, Gemeente, KaartDienst,
                      KaartDienstCategorie, KaartDienstWijk, KaartLocatie, KaartOrganisatie, Product)
from . import audit
from .errors import Forbidden, InvalidInput, NotFound
from .sociale_kaart import wijken_of
from .kaart_publicatie import queue_publish
from .uow import after_commit, unit_of_work

logger = logging.getLogger(__name__)
#: Text fields: name → (label, longest, one line).
TEXTS = {"naam": ("Naam", 200, True), "organisatie": ("Organisatie", 200, True),
         "beschrijving": ("Wat biedt het", 4000, False), "doelgroep": ("Voor wie", 2000, False),
         "aanmelden": ("Hoe komt u er terecht", 2000, False), "telefoon": ("Telefoonnummer", 30, True),
         "email": ("E-mailadres", 200, True), "website": ("Website", 200, True), "kosten": ("Kosten", 200, True),
         "straat": ("Straat", 100, True), "huisnummer": ("Huisnummer", 10, True), "postcode": ("Postcode", 7, True),
         "plaats": ("Plaats", 80, True)}
REQUIRED = ("naam", "beschrijving", "doelgroep", "aanmelden")
_URL = re.compile(r"https?://[^\s<>\"]+\.[^\s<>\"]+")


@dataclass
class KaartForm:
    """An entry as filled in (strings as typed; lists of the chosen values)."""
    soort: str = ""
    domein: str = ""
    aanbieder_id: str = ""
    naam: str = ""
    organisatie: str = ""
    beschrijving: str = ""
    doelgroep: str = ""
    aanmelden: str = ""
    telefoon: str = ""
    email: str = ""
    website: str = ""
    kosten: str = ""
    beschikking_nodig: bool = False
    categorieen: list[str] = field(default_factory=list)
    wijken: list[str] = field(default_factory=list)
    straat: str = ""
    huisnummer: str = ""
    postcode: str = ""
    plaats: str = ""
    locatie_wijk: str = ""
    gecontroleerd_op: str = ""


def require(actor, obj=None) -> None:
    decision = policy.decide(actor, "kaart.beheren", obj)
    if decision.hidden:
        raise NotFound("Deze vermelding bestaat niet.")
    if not decision:
        raise Forbidden(decision.reason)


def entries_for(actor) -> list[KaartDienst]:
    """The entries of the actor's gemeenten, the longest unchecked first."""
    require(actor)
    return list(db.session.scalars(select(KaartDienst).where(KaartDienst.gemeente_id.in_(sorted(actor.gemeente_ids)))
                                   .order_by(KaartDienst.gecontroleerd_op, KaartDienst.naam)
                                   .options(selectinload(KaartDienst.organisatie))))


def get_entry(actor, dienst_id: int) -> KaartDienst:
    entry = db.session.get(KaartDienst, dienst_id)
    if entry is None:
        raise NotFound("Deze vermelding bestaat niet.")
    require(actor, entry)
    return entry


def choices_for(actor, gemeente_id: int | None) -> dict:
    """The actor's gemeenten; for the chosen one its wijken and the aanbieders it has a contract with."""
    require(actor)
    gemeenten = [g for g in db.session.scalars(select(Gemeente).order_by(Gemeente.naam)) if g.id in actor.gemeente_ids]
    chosen = next((g for g in gemeenten if g.id == gemeente_id), None)
    aanbieders = list(db.session.scalars(select(Aanbieder).join(Contract, Contract.aanbieder_id == Aanbieder.id)
                                         .where(Contract.gemeente_id == chosen.id).distinct()
                                         .order_by(Aanbieder.naam))) if chosen else []
    return {"gemeenten": [(g.id, g.naam) for g in gemeenten], "wijken": wijken_of(chosen) if chosen else [],
            "aanbieders": [(str(a.id), f"{a.naam} (AGB {a.agb_code})") for a in aanbieders],
            "categorieen": list(CATEGORIEEN.items()), "soorten": list(SOORTEN.items()),
            "domeinen": list(DOMEINEN.items())}


def form_of(entry: KaartDienst) -> KaartForm:
    loc = entry.locatie
    return KaartForm(
        soort=entry.soort, domein=entry.domein, aanbieder_id=str(entry.organisatie.aanbieder_id or ""),
        naam=entry.naam, organisatie=entry.organisatie.naam, beschrijving=entry.beschrijving,
        doelgroep=entry.doelgroep, aanmelden=entry.aanmelden, telefoon=entry.telefoon or "", email=entry.email or "",
        website=entry.website or "", kosten=entry.kosten or "", beschikking_nodig=entry.beschikking_nodig,
        categorieen=entry.categorie_codes, wijken=entry.wijk_namen, straat=(loc and loc.straat) or "",
        huisnummer=(loc and loc.huisnummer) or "", postcode=(loc and loc.postcode) or "",
        plaats=(loc and loc.plaats) or "", locatie_wijk=(loc and loc.wijk) or "",
        gecontroleerd_op=entry.gecontroleerd_op.isoformat())


def create_entry(actor, gemeente_id: int | None, form: KaartForm, today: date | None = None) -> KaartDienst:
    require(actor)
    with unit_of_work() as session:
        gemeente = session.get(Gemeente, gemeente_id) if gemeente_id in actor.gemeente_ids else None
        if gemeente is None:
            raise InvalidInput("De vermelding is niet opgeslagen.",
                               errors={"gemeente": "Kies de gemeente waarvoor u de vermelding maakt."})
        values, errors = _clean(session, gemeente, form, today or date.today())
        if errors:
            raise InvalidInput("De vermelding is niet opgeslagen.", errors=errors)
        entry = KaartDienst(gemeente_id=gemeente.id)
        _apply(session, entry, values)
        session.flush()
        audit.record(session, actor, "kaart.aanmaken", entry, {k: [None, v] for k, v in _audit(values).items()})
        after_commit(session, queue_publish, gemeente.id)
    logger.info("Kaart entry %s created in gemeente %s by %s", entry.id, gemeente.id, actor.username)
    return entry


def update_entry(actor, dienst_id: int, form: KaartForm, today: date | None = None) -> dict:
    """Change an entry (a new last-checked date alone is a change too); returns field → [old, new]."""
    with unit_of_work() as session:
        entry = session.get(KaartDienst, dienst_id)
        if entry is None:
            raise NotFound("Deze vermelding bestaat niet.")
        require(actor, entry)
        values, errors = _clean(session, entry_gemeente := session.get(Gemeente, entry.gemeente_id), form,
                                today or date.today())
        if errors:
            raise InvalidInput("De wijzigingen zijn niet opgeslagen.", errors=errors)
        before = _audit(_values_of(entry))
        _apply(session, entry, values)
        changes = audit.differences(before, _audit(values))
        if changes:
            entry.bijgewerkt_op = utcnow()  # also when only its categories or wijken changed (other rows)
            audit.record(session, actor, "kaart.wijzigen", entry, changes)
            after_commit(session, queue_publish, entry.gemeente_id)
    logger.info("Kaart entry %s of gemeente %s changed by %s", dienst_id, entry_gemeente.id, actor.username)
    return changes


def history_of(entry: KaartDienst):
    return audit.records_of(entry)


def _clean(session, gemeente: Gemeente, form: KaartForm, today: date) -> tuple[dict, dict]:
    errors, values = {}, {}
    for name, (label, longest, one_line) in TEXTS.items():
        value = (getattr(form, name) or "").strip()
        problem = (text_problem(value, label, one_line=one_line) or html_problem(value, label)
                   or (f"'{label}' is te lang: hooguit {longest} tekens." if len(value) > longest else None))
        if problem:
            errors[name] = problem
        values[name] = value or None
    for name in REQUIRED:
        if name not in errors and not values[name]:
            errors[name] = f"Vul '{TEXTS[name][0]}' in."
    if values["email"] and "email" not in errors and not _EMAIL.fullmatch(values["email"]):
        errors["email"] = "Vul een e-mailadres in zoals naam@voorbeeld.nl."
    if values["website"] and "website" not in errors and not _URL.fullmatch(values["website"]):
        errors["website"] = "Vul een webadres in dat begint met https://, zoals https://www.voorbeeld.nl."
    if values["postcode"] and "postcode" not in errors:
        if _POSTCODE.fullmatch(values["postcode"]):
            values["postcode"] = f"{values['postcode'][:4]} {values['postcode'][-2:].upper()}"
        else:
            errors["postcode"] = "Vul een postcode in zoals 3441 BT."
    values["soort"] = form.soort if form.soort in SOORTEN else None
    if values["soort"] is None:
        errors["soort"] = "Kies de soort hulp."
    values["domein"] = form.domein if form.domein in DOMEINEN else None
    if values["domein"] is None:
        errors["domein"] = "Kies voor wie het is: Wmo, Jeugd of allebei."
    categories = list(dict.fromkeys(c for c in form.categorieen if c))
    unknown = [c for c in categories if c not in CATEGORIEEN]
    if unknown:
        errors["categorieen"] = f"Deze categorie kennen we niet: {', '.join(unknown)[:100]}. Kies uit de lijst."
    elif not categories:
        errors["categorieen"] = "Kies minstens één categorie: daarop vinden inwoners de vermelding."
    values["categorieen"] = categories
    known = set(wijken_of(gemeente))
    wijken = list(dict.fromkeys(w.strip() for w in form.wijken if w.strip()))
    if bad := [w for w in wijken if w not in known]:
        errors["wijken"] = f"Deze wijk kennen we niet in {gemeente.naam}: {', '.join(bad)[:100]}. Kies uit de lijst."
    values["wijken"] = wijken
    values["locatie_wijk"] = (form.locatie_wijk or "").strip() or None
    if values["locatie_wijk"] and values["locatie_wijk"] not in known:
        errors["locatie_wijk"] = f"Deze wijk kennen we niet in {gemeente.naam}. Kies uit de lijst."
    values["gecontroleerd_op"] = _date(form.gecontroleerd_op)
    if (problem := checked_date_problem(values["gecontroleerd_op"], today)) is not None:
        errors["gecontroleerd_op"] = problem
    values["beschikking_nodig"] = bool(form.beschikking_nodig)
    values["aanbieder"] = None
    if values["soort"] == "maatwerk":
        values["beschikking_nodig"] = True  # maatwerk is granted in a beschikking, always
        errors |= _maatwerk_errors(session, gemeente, form.aanbieder_id, categories, values, today)
    elif not values["organisatie"] and "organisatie" not in errors:
        errors["organisatie"] = "Vul de organisatie in die dit aanbiedt."
    return values, errors


def _maatwerk_errors(session, gemeente, aanbieder_id: str, categories, values, today) -> dict:
    """Maatwerk is offered by an aanbieder with a contract in force in this gemeente, in its contracted categories."""
    aanbieder = session.get(Aanbieder, int(aanbieder_id)) if is_digits(aanbieder_id) and len(aanbieder_id) < 10 else None
    registered = aanbieder is not None and session.scalar(select(AanbiederGemeente.id).where(
        AanbiederGemeente.aanbieder_id == aanbieder.id, AanbiederGemeente.gemeente_id == gemeente.id,
        AanbiederGemeente.status == "actief")) is not None
    contracts = [c for c in session.scalars(select(Contract).where(
        Contract.aanbieder_id == aanbieder.id, Contract.gemeente_id == gemeente.id))
        if c.in_force_on(today)] if registered else []
    if not contracts:
        return {"aanbieder_id": "Kies een aanbieder met een lopend contract in deze gemeente: maatwerk komt "
                                "alleen van een gecontracteerde aanbieder."}
    values["aanbieder"], values["organisatie"] = aanbieder, aanbieder.naam
    contracted = set(session.scalars(select(Product.productcategorie).join(ContractProduct).where(
        ContractProduct.contract_id.in_([c.id for c in contracts]))))
    outside = [c for c in categories if c in CATEGORIEEN and c not in contracted]
    if outside:
        return {"categorieen": f"{aanbieder.naam} heeft geen contract voor: "
                               f"{', '.join(CATEGORIEEN[c] for c in outside)}. Kies alleen wat gecontracteerd is."}
    return {}


def _apply(session, entry: KaartDienst, values: dict) -> None:
    aanbieder = values["aanbieder"]
    org_query = select(KaartOrganisatie).where(KaartOrganisatie.gemeente_id == entry.gemeente_id)
    org_query = org_query.where(KaartOrganisatie.aanbieder_id == aanbieder.id) if aanbieder else \
        org_query.where(KaartOrganisatie.naam == values["organisatie"], KaartOrganisatie.aanbieder_id.is_(None))
    organisatie = session.scalar(org_query.limit(1))
    if organisatie is None:
        organisatie = KaartOrganisatie(gemeente_id=entry.gemeente_id, naam=values["organisatie"],
                                       aanbieder_id=aanbieder.id if aanbieder else None)
        session.add(organisatie)
        session.flush()
    entry.organisatie_id, entry.organisatie = organisatie.id, organisatie
    for name in ("soort", "domein", "naam", "beschrijving", "doelgroep", "aanmelden", "telefoon", "email",
                 "website", "kosten", "beschikking_nodig", "gecontroleerd_op"):
        setattr(entry, name, values[name])
    address = {"straat": values["straat"], "huisnummer": values["huisnummer"], "postcode": values["postcode"],
               "plaats": values["plaats"], "wijk": values["locatie_wijk"]}
    if any(address.values()):
        locatie = entry.locatie or KaartLocatie(gemeente_id=entry.gemeente_id)
        locatie.organisatie_id = organisatie.id
        for name, value in address.items():
            setattr(locatie, name, value)
        entry.locatie = locatie
    else:
        entry.locatie = None
    kept = {c.categorie: c for c in entry.categorieen}
    entry.categorieen = [kept.get(c) or KaartDienstCategorie(categorie=c) for c in values["categorieen"]]
    kept_wijken = {w.wijk: w for w in entry.wijken}
    entry.wijken = [kept_wijken.get(w) or KaartDienstWijk(wijk=w) for w in values["wijken"]]
    session.add(entry)
    session.flush()


def _values_of(entry: KaartDienst) -> dict:
    form = form_of(entry)
    values = {name: (getattr(form, name) or None) for name in TEXTS}
    return values | {"soort": entry.soort, "domein": entry.domein, "beschikking_nodig": entry.beschikking_nodig,
                     "categorieen": entry.categorie_codes, "wijken": entry.wijk_namen,
                     "locatie_wijk": form.locatie_wijk or None, "gecontroleerd_op": entry.gecontroleerd_op,
                     "aanbieder": entry.organisatie.aanbieder}


def _audit(values: dict) -> dict:
    out = {k: v for k, v in values.items() if k != "aanbieder"}
    out["gecontroleerd_op"] = values["gecontroleerd_op"].isoformat() if values["gecontroleerd_op"] else None
    out["aanbieder"] = values["aanbieder"].agb_code if values.get("aanbieder") else None
    return out


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        return None
