"""Adding a gemeente to the installation (a samenwerkingsverband that grows): its CBS code, name, the account
it pays from, its letterhead and bezwaar address, and its theme colour — all checked, stored in one
transaction, or nothing stored and every problem named in Dutch."""
import logging
import re

from sqlalchemy import select

from ..domain import thema
from ..domain.input import text_problem
from ..domain.sepa import SepaError, normalize_iban
from ..models import Gemeente
from .errors import InvalidInput
from .uow import unit_of_work

logger = logging.getLogger(__name__)
CODE = re.compile(r"\d{4}")
BIC = re.compile(r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?")


def add_gemeente(code: str, naam: str, iban: str, *, bic: str | None = None, briefadres: str = "",
                 bezwaar_adres: str = "", telefoon: str | None = None, website: str | None = None,
                 kleur: str | None = None, bezwaarcommissie: bool = False) -> Gemeente:
    """A new gemeente of this installation; staff who should work for it get it through /beheer or
    `flask gebruiker-aanmaken --gemeente CODE`."""
    code, naam, bic = (code or "").strip(), (naam or "").strip(), (bic or "").strip().upper() or None
    errors = {}
    if not CODE.fullmatch(code):
        errors["code"] = "Een CBS-gemeentecode heeft vier cijfers, bijvoorbeeld 0632 voor Woerden."
    if not naam or len(naam) > 100 or text_problem(naam, one_line=True):
        errors["naam"] = "Vul de naam van de gemeente in (hoogstens 100 tekens, op één regel)."
    try:
        iban = normalize_iban(iban)
    except SepaError as exc:
        errors["iban"] = f"{exc}; dit is de rekening waarvan de gemeente declaraties betaalt."
    if bic is not None and not BIC.fullmatch(bic):
        errors["bic"] = "Een BIC heeft 8 of 11 letters en cijfers, bijvoorbeeld BNGHNL2G."
    for field, value in (("briefadres", briefadres), ("bezwaar_adres", bezwaar_adres)):
        if value and (len(value) > 500 or text_problem(value)):
            errors[field] = "Een adres heeft hoogstens 500 tekens."
    colours = {"primary": kleur.strip()} if kleur and kleur.strip() else {}
    if thema.errors(colours):
        errors["kleur"] = thema.errors(colours)["primary"]
    if errors:
        raise InvalidInput("De gemeente is niet toegevoegd.", errors=errors)
    with unit_of_work() as session:
        if session.scalar(select(Gemeente.id).where(Gemeente.code == code)) is not None:
            raise InvalidInput("De gemeente is niet toegevoegd.",
                               errors={"code": f"Gemeente {code} hoort al bij deze installatie."})
        gemeente = Gemeente(code=code, naam=naam, iban=iban, bic=bic, briefadres=(briefadres or "").strip(),
                            bezwaar_adres=(bezwaar_adres or "").strip(), telefoon=(telefoon or "").strip() or None,
                            website=(website or "").strip() or None, thema=colours,
                            bezwaarcommissie=bool(bezwaarcommissie))
        session.add(gemeente)
    logger.info("Gemeente %s %s added", code, naam)
    return gemeente
