"""The gemeenten of the installation as the beheerder keeps them: adding one (`flask gemeente-toevoegen`) and
changing one on /beheer/gemeenten — its name, the account it pays from, its letterhead and bezwaar address, its
theme colour and logo. Every value is checked first (the same checks for both), stored in one transaction with an
audit record naming each field old → new, or nothing stored and every problem named in Dutch. The CBS code never
changes: the iWmo/iJw messages and the GGk envelope carry it."""
import hashlib
import logging
import re
from dataclasses import dataclass, fields

from sqlalchemy import select

from ..domain import logo as logo_rules
from ..domain import policy, thema
from ..domain.input import text_problem
from ..domain.sepa import SepaError, normalize_iban
from ..models import Gemeente
from . import audit
from .errors import Forbidden, InvalidInput, NotFound
from .upload_check import check_file
from .uow import unit_of_work

logger = logging.getLogger(__name__)
CODE = re.compile(r"\d{4}")
BIC = re.compile(r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?")
TELEFOON = re.compile(r"\+?[0-9][0-9 ()\-]{1,28}")
WEBSITE = re.compile(r"(https://)?[a-z0-9]([a-z0-9\-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9\-]*[a-z0-9])?)+(/[\w\-./]*)?",
                     re.IGNORECASE)
#: Field → its Dutch name in the audit trail and on the page.
LABELS = {"naam": "Naam", "iban": "IBAN", "bic": "BIC", "briefadres": "Briefadres", "telefoon": "Telefoon",
          "website": "Website", "bezwaar_adres": "Bezwaaradres", "bezwaarcommissie": "Commissie bezwaarschriften",
          "kleur": "Huiskleur", "logo": "Logo"}


@dataclass
class GemeenteForm:
    """What the beheerder may set of a gemeente, as typed (strings), before it is checked."""

    naam: str = ""
    iban: str = ""
    bic: str = ""
    briefadres: str = ""
    telefoon: str = ""
    website: str = ""
    bezwaar_adres: str = ""
    kleur: str = ""
    bezwaarcommissie: bool = False

    @classmethod
    def of(cls, gemeente: Gemeente) -> "GemeenteForm":
        return cls(naam=gemeente.naam, iban=gemeente.iban, bic=gemeente.bic or "", briefadres=gemeente.briefadres,
                   telefoon=gemeente.telefoon or "", website=gemeente.website or "",
                   bezwaar_adres=gemeente.bezwaar_adres, kleur=(gemeente.thema or {}).get("primary", ""),
                   bezwaarcommissie=bool(gemeente.bezwaarcommissie))


@dataclass(frozen=True)
class Overzicht:
    """One row of /beheer/gemeenten: the gemeente and what its letters and portal still lack."""

    gemeente: Gemeente
    briefhoofd: bool
    bezwaar_adres: bool
    thema: bool


def _checked(form: GemeenteForm) -> tuple[dict, dict[str, str]]:
    """(column → clean value, field → Dutch problem) for a form; the values count only without problems."""
    errors, naam = {}, (form.naam or "").strip()
    if not naam or len(naam) > 100 or text_problem(naam, one_line=True):
        errors["naam"] = "Vul de naam van de gemeente in (hoogstens 100 tekens, op één regel)."
    iban = None
    try:
        iban = normalize_iban(form.iban)
    except SepaError as exc:
        errors["iban"] = f"{exc}; dit is de rekening waarvan de gemeente declaraties betaalt."
    bic = (form.bic or "").strip().upper().replace(" ", "") or None
    if bic is not None and not BIC.fullmatch(bic):
        errors["bic"] = "Een BIC heeft 8 of 11 letters en cijfers, bijvoorbeeld BNGHNL2G."
    addresses = {}
    for field in ("briefadres", "bezwaar_adres"):
        value = "\n".join(line.strip() for line in (getattr(form, field) or "").strip().splitlines())
        if value and (len(value) > 500 or text_problem(value)):
            errors[field] = "Een adres heeft hoogstens 500 tekens."
        addresses[field] = value
    telefoon = (form.telefoon or "").strip() or None
    if telefoon is not None and not TELEFOON.fullmatch(telefoon):
        errors["telefoon"] = "Vul een telefoonnummer in met cijfers (en eventueel spaties), bijvoorbeeld 14 0348."
    website = (form.website or "").strip() or None
    if website is not None and (len(website) > 200 or not WEBSITE.fullmatch(website)):
        errors["website"] = "Vul het adres van de website in, bijvoorbeeld www.woerden.nl."
    kleur = (form.kleur or "").strip().lower()
    colours = {"primary": kleur} if kleur else {}
    if thema.errors(colours):
        errors["kleur"] = thema.errors(colours)["primary"]
    return {"naam": naam, "iban": iban, "bic": bic, **addresses, "telefoon": telefoon, "website": website,
            "thema": colours, "bezwaarcommissie": bool(form.bezwaarcommissie)}, errors


def add_gemeente(code: str, naam: str, iban: str, *, bic: str | None = None, briefadres: str = "",
                 bezwaar_adres: str = "", telefoon: str | None = None, website: str | None = None,
                 kleur: str | None = None, bezwaarcommissie: bool = False) -> Gemeente:
    """A new gemeente of this installation; staff who should work for it get it through /beheer or
    `flask gebruiker-aanmaken --gemeente CODE`."""
    code = (code or "").strip()
    values, errors = _checked(GemeenteForm(naam=naam, iban=iban, bic=bic or "", briefadres=briefadres,
                                           telefoon=telefoon or "", website=website or "",
                                           bezwaar_adres=bezwaar_adres, kleur=kleur or "",
                                           bezwaarcommissie=bezwaarcommissie))
    if not CODE.fullmatch(code):
        errors["code"] = "Een CBS-gemeentecode heeft vier cijfers, bijvoorbeeld 0632 voor Woerden."
    if errors:
        raise InvalidInput("De gemeente is niet toegevoegd.", errors=errors)
    with unit_of_work() as session:
        if session.scalar(select(Gemeente.id).where(Gemeente.code == code)) is not None:
            raise InvalidInput("De gemeente is niet toegevoegd.",
                               errors={"code": f"Gemeente {code} hoort al bij deze installatie."})
        gemeente = Gemeente(code=code, **values)
        session.add(gemeente)
        session.flush()
        audit.record(session, None, "gemeente.toevoegen", gemeente,
                     {"CBS-code": [None, code], **{LABELS[k]: [None, v] for k, v in _shown(gemeente).items() if v}})
    logger.info("Gemeente %s %s added", code, values["naam"])
    return gemeente


def gemeenten_for(actor) -> list[Overzicht]:
    """The gemeenten the beheerder works for, by name, with what their letters and portal still lack."""
    _require(policy.decide(actor, "gemeente.beheren"))
    with unit_of_work() as session:
        rows = session.scalars(select(Gemeente).where(Gemeente.id.in_(sorted(actor.gemeente_ids)))
                               .order_by(Gemeente.naam))
        return [Overzicht(g, briefhoofd=bool(g.briefadres and (g.telefoon or g.website)),
                          bezwaar_adres=bool(g.bezwaar_adres),
                          thema=bool((g.thema or {}).get("primary") and (g.logo_sha256 or g.logo))) for g in rows]


def get_gemeente(actor, gemeente_id: int) -> Gemeente:
    """One gemeente the beheerder works for; another is NotFound (it is not there for them)."""
    with unit_of_work() as session:
        gemeente = session.get(Gemeente, gemeente_id)
        if gemeente is None or not policy.decide(actor, "gemeente.beheren", gemeente):
            raise NotFound("Deze gemeente bestaat niet.")
        return gemeente


def update_gemeente(actor, gemeente_id: int, form: GemeenteForm, logo: tuple[str, bytes] | None = None,
                    logo_weg: bool = False) -> list[str]:
    """Store the changed fields of one gemeente (and its new logo: (filename, bytes), checked and scanned, or
    `logo_weg` to go back to the name); the Dutch names of what changed. Nothing is stored if one value is wrong."""
    values, errors = _checked(form)
    png = None
    if logo is not None:
        try:
            check_file(logo[0], logo[1], "logo", "logo")
        except InvalidInput as exc:
            errors.update(exc.errors)
        else:
            png = logo_rules.clean_png(logo[1])
    if errors:
        raise InvalidInput("De gegevens van de gemeente zijn niet opgeslagen.", errors=errors)
    with unit_of_work() as session:
        gemeente = session.get(Gemeente, gemeente_id)
        decision = policy.decide(actor, "gemeente.beheren", gemeente) if gemeente else policy.HIDDEN
        if not decision:
            raise NotFound("Deze gemeente bestaat niet.") if decision.hidden else Forbidden(decision.reason)
        before = _shown(gemeente)
        for name, value in values.items():
            setattr(gemeente, name, value)
        if png is not None:
            gemeente.logo_png, gemeente.logo_sha256 = png, hashlib.sha256(png).hexdigest()
        elif logo_weg:
            gemeente.logo_png = gemeente.logo_sha256 = gemeente.logo = None
        changes = audit.differences(before, _shown(gemeente))
        if changes:
            audit.record(session, actor, "gemeente.wijzigen", gemeente,
                         {LABELS[name]: change for name, change in changes.items()})
    logger.info("Gemeente %s changed by %s: %s", gemeente_id, actor.username, ", ".join(changes) or "nothing")
    return [LABELS[name] for name in changes]


def _shown(gemeente: Gemeente) -> dict:
    """The fields as the audit trail records them (the logo by its size and the start of its SHA-256)."""
    shown = {f.name: getattr(gemeente, f.name) for f in fields(GemeenteForm) if f.name != "kleur"}
    shown["bezwaarcommissie"] = "ja" if gemeente.bezwaarcommissie else "nee"
    shown["kleur"] = (gemeente.thema or {}).get("primary")
    if gemeente.logo_sha256 and gemeente.logo_png:
        width, height = logo_rules.png_size(gemeente.logo_png)
        shown["logo"] = f"PNG van {width} × {height} pixels (kenmerk {gemeente.logo_sha256[:8]})"
    else:
        shown["logo"] = gemeente.logo
    return shown


def _require(decision) -> None:
    if not decision:
        raise Forbidden(decision.reason)
