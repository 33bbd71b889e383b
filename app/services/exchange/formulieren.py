"""Messages an aanbieder without software of its own makes with a form on its pages: the retour on a toewijzing
(302), start and stop zorg (305/307) and a declaratie (323). Each form's values are checked field by field, the
message is built with iwmo_messages.aanbieder, checked like an uploaded message (XSD and the rules, against what
the platform knows of this aanbieder) — a fault goes back to the field it is about, and nothing is stored — and a
sound message then takes the same inbound path as an upload: stored raw first, then handled."""
from __future__ import annotations

import re
import secrets
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from iwmo_messages import MessageError
from iwmo_messages.aanbieder import Levering, answer_301, declaratie, leveringen, start_zorg, stop_zorg
from iwmo_messages.report import report

from ...domain.codelijsten import REDENEN_BEEINDIGING
from ... import db
from ...domain.input import is_digits
from ...models import Aanbieder, Bericht, Toewijzing
from ..contract_tarieven import tarief_cent_op
from ..errors import InvalidInput
from ..uow import unit_of_work
from .codes import describe
from .context import AanbiederContext
from .inbound import Ontvangst, ontvang_bericht

#: The retourcodes the standard gives for a toewijzing (301) that an aanbieder may refuse with (WJ001).
WEIGERCODES = ("9332", "S329", "9379", "8848")
#: Element of the message → the form field a fault on it is shown beside.
FIELD_OF = {"Begindatum": "begindatum", "Einddatum": "einddatum", "RedenBeeindiging": "reden",
            "GeleverdVolume": "volume", "ProductTarief": "tarief", "IngediendBedrag": "volume", "Bedrag": "volume",
            "DeclaratieNummer": "declaratienummer", "ProductPeriode": "maand", "DeclaratiePeriode": "maand"}


def weigercodes() -> list[tuple[str, str]]:
    return [(c, describe(c)) for c in WEIGERCODES]


def stuur_retour(aanbieder: Aanbieder, bericht_301: Bericht, values: dict) -> Ontvangst:
    """The 302 on our 301: each toegewezen product accepted, or refused with a retourcode of WEIGERCODES."""
    if bericht_301.nummer != "301" or bericht_301.richting != "uit":
        raise InvalidInput("Alleen op een toewijzing (301) stuurt u een retour.")
    if bericht_301.status == "beantwoord":
        raise InvalidInput("Op deze toewijzing heeft u al een retour gestuurd.")
    errors, refused = {}, {}
    for lev in leveringen(bericht_301.inhoud):
        n = lev.toewijzing_nummer
        besluit = values.get(f"besluit_{n}")
        if besluit not in ("accepteren", "afwijzen"):
            errors[f"besluit_{n}"] = f"Kies bij toewijzing {n} of u hem accepteert of afwijst."
        elif besluit == "afwijzen":
            if values.get(f"reden_{n}") not in WEIGERCODES:
                errors[f"reden_{n}"] = f"Kies bij toewijzing {n} de reden waarom u hem afwijst."
            else:
                refused[n] = values[f"reden_{n}"]
    _raise(errors)
    xml = _built(lambda: answer_301(bericht_301.inhoud, _identificatie("302"), date.today(), refused=refused), values)
    return _send(aanbieder, xml, {}, bericht_301.gemeente_id)


def stuur_start(aanbieder: Aanbieder, toewijzing: Toewijzing, values: dict) -> Ontvangst:
    """The 305 for one toewijzing: the care started on `begindatum`."""
    xml_301 = _xml_301(toewijzing)
    errors = {}
    begin = _date(values, "begindatum", "Begindatum", errors)
    if begin is not None and begin < toewijzing.ingangsdatum:
        errors["begindatum"] = (f"De zorg kan niet starten vóór de ingangsdatum van de toewijzing "
                                f"({toewijzing.ingangsdatum:%d-%m-%Y}).")
    elif begin is not None and begin > date.today():
        errors["begindatum"] = "Meld de start op of na de dag waarop de zorg begon; die dag ligt nog in de toekomst."
    _raise(errors)
    xml = _built(lambda: start_zorg(xml_301, _identificatie("305"), begin, {toewijzing.toewijzingnummer},
                                    dagtekening=date.today()), values)
    return _send(aanbieder, xml, values, toewijzing.gemeente_id)


def stuur_stop(aanbieder: Aanbieder, toewijzing: Toewijzing, values: dict) -> Ontvangst:
    """The 307 for one started toewijzing: the care ended on `einddatum` for `reden`."""
    xml_301 = _xml_301(toewijzing)
    if toewijzing.start_zorg is None:
        raise InvalidInput("Meld eerst de start van de zorg; pas daarna kunt u de stop melden.")
    errors = {}
    end = _date(values, "einddatum", "Einddatum", errors)
    if end is not None and end < toewijzing.start_zorg:
        errors["einddatum"] = f"De zorg kan niet stoppen vóór de start ({toewijzing.start_zorg:%d-%m-%Y})."
    elif end is not None and end > date.today():
        errors["einddatum"] = "Meld de stop op of na de laatste dag van de zorg; die dag ligt nog in de toekomst."
    reden = values.get("reden")
    if reden not in redenen(toewijzing):
        errors["reden"] = "Kies de reden waarom de zorg stopt."
    _raise(errors)
    xml = _built(lambda: stop_zorg(xml_301, _identificatie("307"), toewijzing.start_zorg, end, reden,
                                   {toewijzing.toewijzingnummer}, dagtekening=date.today()), values)
    return _send(aanbieder, xml, values, toewijzing.gemeente_id)


def stuur_declaratie(aanbieder: Aanbieder, toewijzing: Toewijzing, values: dict) -> Ontvangst:
    """The 323 for one toewijzing and one month: the delivered volume at a tarief (or, for a budget, an amount)."""
    return _declareer(aanbieder, [toewijzing], values, lambda t: "", every=True)


def stuur_maanddeclaratie(aanbieder: Aanbieder, toewijzingen: list[Toewijzing], values: dict) -> Ontvangst:
    """One 323 for a month with a line per toewijzing whose volume (or bedrag) was filled in (fields
    'volume_<id>', 'tarief_<id>', 'bedrag_<id>'); the toewijzingen are of one gemeente and one wet."""
    return _declareer(aanbieder, toewijzingen, values, lambda t: f"_{t.id}", every=False)


def _declareer(aanbieder: Aanbieder, toewijzingen: list[Toewijzing], values: dict, suffix, every: bool) -> Ontvangst:
    errors = {}
    month = _month(values.get("maand"), errors)
    if month is not None and month > date.today().replace(day=1):
        errors["maand"] = "Kies een maand die al begonnen is; een maand die nog moet komen declareert u later."
    nummer = (values.get("declaratienummer") or "").strip()
    if not re.fullmatch(r"[0-9A-Za-z]{1,12}", nummer):  # LDT_IdentificatieDeclaratie: ([a-zA-Z0-9])+, ≤ 12
        errors["declaratienummer"] = ("Vul bij 'Declaratienummer' uw eigen nummer voor deze declaratie in: 1 tot 12 "
                                      "letters en cijfers, zonder spaties of streepjes.")
    items = []
    for t in toewijzingen:
        name = suffix(t)
        field = f"{'bedrag' if t.budget is not None else 'volume'}{name}"
        typed = values.get(field) or ""
        if not every and not typed.strip():
            continue  # not declared this month: its 301 is not read
        lev = leveringen(_xml_301(t), {t.toewijzingnummer})[0]
        if lev.budget is not None:
            volume, tarief = _cents(typed, f"bedrag{name}", "Bedrag", errors), 0
        else:
            volume = _whole(typed, errors, f"volume{name}")
            tarief = _cents(values.get(f"tarief{name}"), f"tarief{name}", "Tarief", errors)
        if month is not None and month < t.ingangsdatum.replace(day=1):
            errors.setdefault(f"{'bedrag' if lev.budget is not None else 'volume'}{name}",
                              f"Toewijzing {t.toewijzingnummer} begint pas op {t.ingangsdatum:%d-%m-%Y}; declareer "
                              "hem vanaf die maand.")
        items.append((lev, volume, tarief))
    if not items and toewijzingen:
        first = toewijzingen[0]
        errors[("bedrag" if first.budget is not None else "volume") + suffix(first)] = (
            "Vul bij ten minste één toewijzing in wat u deze maand leverde.")
    _raise(errors)
    xml = _built(lambda: declaratie(aanbieder.agb_code, items, month, nummer, _identificatie("323"), date.today()),
                 values)
    return _send(aanbieder, xml, values, toewijzingen[0].gemeente_id)


def redenen(toewijzing: Toewijzing) -> dict[str, str]:
    return REDENEN_BEEINDIGING["ijw" if toewijzing.zaak.domein == "jeugd" else "iwmo"]


def levering_of(toewijzing: Toewijzing) -> Levering:
    """The toewijzing as the aanbieder's administration knows it from its 301 (omvang, budget)."""
    return leveringen(_xml_301(toewijzing), {toewijzing.toewijzingnummer})[0]


def _send(aanbieder: Aanbieder, xml: bytes, values: dict, gemeente_id: int | None) -> Ontvangst:
    """Check the built message as an upload is checked, then receive it as one (stored raw first)."""
    with unit_of_work() as session:
        rep = report(xml, AanbiederContext(session, aanbieder.id, 0, gemeente_id=gemeente_id), date.today())
    if rep.faults:
        errors = {}
        for fault in rep.faults:
            field = _field_of(fault.xpath or "")
            errors.setdefault(field if field in values else "formulier", fault.melding)
        raise InvalidInput(errors=errors)
    return ontvang_bericht(aanbieder, xml, "web")


def _built(build, values: dict) -> bytes:
    try:
        return build()
    except MessageError as exc:  # a value the XSD does not allow: beside its field when it has one
        errors = {}
        for issue in exc.issues:
            named = re.search(r"Element '(?:\{[^}]*\})?([\w]+)'", issue.message or "")
            element = issue.element or (named.group(1) if named else "")
            field = _field_of(element)
            field = field if field in values else "bedrag" if field == "volume" and "bedrag" in values else None
            errors.setdefault(field or "formulier", "Deze waarde past niet in een iWmo- of iJw-bericht; kies een "
                              "kleiner getal of een kortere tekst." if field else
                              f"Het bericht kon niet worden gemaakt: een waarde past niet in het bericht "
                              f"({element.rsplit('/', 1)[-1] or 'onbekend element'}).")
        raise InvalidInput(errors=errors) from exc


def _field_of(path: str) -> str | None:
    """The form field of the last element named in an XPath such as '/wmo323:Bericht/wmo323:Declaratie[1]/…'."""
    return FIELD_OF.get(path.rsplit("/", 1)[-1].split(":")[-1].split("[")[0])


def _xml_301(toewijzing: Toewijzing) -> bytes:
    with unit_of_work() as session:
        bericht = session.get(Bericht, toewijzing.bericht_id) if toewijzing.bericht_id else None
        if bericht is None:
            raise InvalidInput("Van deze toewijzing is het toewijzingsbericht (301) niet gevonden.")
        return bericht.inhoud


def _identificatie(nummer: str) -> str:
    """A new BerichtIdentificatie (12 characters): 'F' (formulier), the message number and 8 random hex digits."""
    return f"F{nummer}{secrets.token_hex(4)}"


def _raise(errors: dict) -> None:
    if errors:
        raise InvalidInput(errors=errors)


def _date(values: dict, name: str, label: str, errors: dict) -> date | None:
    raw = (values.get(name) or "").strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    errors[name] = f"Vul bij '{label}' een datum in, bijvoorbeeld 01-03-2026."
    return None


def _month(raw: str | None, errors: dict) -> date | None:
    raw = (raw or "").strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", raw) or re.fullmatch(r"(\d{1,2})-(\d{4})", raw)
    if match:
        year, month = (match.group(1), match.group(2)) if len(match.group(1)) == 4 else (match.group(2), match.group(1))
        if 1 <= int(month) <= 12:
            return date(int(year), int(month), 1)
    errors["maand"] = "Kies de maand die u declareert, bijvoorbeeld 2026-03."
    return None


def _whole(raw: str | None, errors: dict, name: str = "volume") -> int | None:
    raw = (raw or "").strip()
    if not is_digits(raw) or not 0 < int(raw) <= 99_999_999:
        errors[name] = "Vul bij 'Geleverd volume' een heel getal groter dan 0 in, bijvoorbeeld 12."
        return None
    return int(raw)


def _cents(raw: str | None, name: str, label: str, errors: dict) -> int | None:
    text = (raw or "").strip().replace("€", "").replace(" ", "")
    if "," in text:  # Dutch: 1.234,50
        text = text.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = None
    if amount is None or amount <= 0 or amount.as_tuple().exponent < -2 or amount >= Decimal("1000000"):
        errors[name] = f"Vul bij '{label}' een bedrag in euro in, bijvoorbeeld 32,50."
        return None
    return int(amount * 100)


def contracttarief_cent(toewijzing: Toewijzing, day: date) -> int | None:
    """The contract tarief (cents) the aanbieder declares for this toewijzing on `day` (TR418), if one is in force."""
    return tarief_cent_op(db.session, toewijzing, day)

