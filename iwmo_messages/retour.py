"""Build the retourbericht (302 … 320) or declaratie-antwoord (325) from a heen message and its
rule results, following the controleniveaus (IV032/IV088, IV087 for the declaratie)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date

from .build import to_xml
from .models import MESSAGE_CLASSES, Message
from .models.common import BerichtIdentificatie, DeclaratieAntwoordHeader, RetourHeader, XsdVersie
from .models.declaratie import Client as DeclaratieClient, DeclaratieAntwoord
from .models.common import TotaalBedragMetDC
from .rules.base import IN_MESSAGE, RuleResult, XSLT_RETOURCODE
from .spec import BERICHTCODE, RETOUR_OF

#: The official XSLT release whose in-message checks rules/ follows (reported as XsltVersie).
XSLT_VERSIE = "2.10.5"
#: XsdVersie this library writes: the XSD edition of iWmo/iJw 3.2 used in the chain.
XSD_VERSIE = XsdVersie(basisschema_xsd_versie="1.0.0", bericht_xsd_versie="1.0.0")
OK, NOT_ASSESSED, DECLARATIE_OK = "0200", "0233", "8001"


@dataclass(frozen=True, slots=True)
class RetourOptions:
    """The values of the retour header the receiver chooses."""

    identificatie: str
    dagtekening: date
    xslt_versie: str = XSLT_VERSIE

    @staticmethod
    def new(dagtekening: date | None = None) -> RetourOptions:
        return RetourOptions(uuid.uuid4().hex[:12], dagtekening or date.today())


def build_retour(message: Message, results: list[RuleResult],
                 options: RetourOptions | None = None) -> bytes:
    """Return the XSD-valid retourbericht for `message` as UTF-8 XML."""
    return to_xml(make_retour(message, results, options))


def make_retour(message: Message, results: list[RuleResult],
                options: RetourOptions | None = None) -> Message:
    """Return the retour message object for `message` given its rule results."""
    if message.NUMMER not in RETOUR_OF:
        raise ValueError(f"message {message.NUMMER} is itself a retour; it gets no retourbericht")
    options = options or RetourOptions.new()
    codes = _codes_by_owner(message, results)
    if any(r.level == IN_MESSAGE for r in results):
        head_codes = [XSLT_RETOURCODE]
    else:
        head_codes = codes.pop(id(message.header), None)
    if message.NUMMER == "323":
        return _declaratie_antwoord(message, codes, head_codes, options)
    nummer = RETOUR_OF[message.NUMMER]
    h = message.header
    header = RetourHeader(
        **{f.name: getattr(h, f.name) for f in fields(h)},
        identificatie_retour=options.identificatie, dagtekening_retour=options.dagtekening,
        xslt_versie=options.xslt_versie, xsd_versie_retour=XSD_VERSIE,
        retour_codes=head_codes or ([OK] if codes else []))
    header.bericht_code = str(BERICHTCODE[message.standaard][nummer])
    cls = MESSAGE_CLASSES[nummer]
    retour = cls(standaard=message.standaard, header=header)
    if codes and not head_codes:  # level 3/4 faults below the header: echo the body
        body = cls.XML[1].attr
        setattr(retour, body, _echo(getattr(message, body), codes, False))
    return retour


def _codes_by_owner(message: Message, results: list[RuleResult]) -> dict[int, list[str]]:
    """Map id(part that carries RetourCodes) → retourcodes, lifting a code from a part without
    RetourCodes to its nearest owner; codes on the message itself go on the Header."""
    header = id(message.header)
    direct = {id(message): header, header: header}
    if message.NUMMER == "323":  # its faults become the DeclaratieAntwoord's RetourCodes
        direct[id(message.declaratie)] = id(message.declaratie)
    owner = direct
    if not all(id(r.target) in direct or _has_retour(r.target) for r in results):
        owner = dict(direct)  # some target has no RetourCodes: find its nearest owner
        _owners(message, header, owner)
        owner.update(direct)
    codes: dict[int, list[str]] = {}
    for r in results:
        key = owner.get(id(r.target)) or (id(r.target) if _has_retour(r.target) else header)
        bucket = codes.setdefault(key, [])
        if r.retourcode not in bucket:
            bucket.append(r.retourcode)
    return codes


def _has_retour(obj) -> bool:
    return any(f.tag == "RetourCode" for f in obj.XML)


def _owners(obj, current: int, owner: dict[int, int]) -> None:
    for f in obj.XML:
        if not hasattr(f.kind, "XML"):
            continue
        value = getattr(obj, f.attr)
        for item in (value if f.many else [value] if value is not None else []):
            own = id(item) if _has_retour(item) else current
            owner[id(item)] = own
            _owners(item, own, owner)


def _echo(obj, codes: dict[int, list[str]], parent_failed: bool):
    """Copy a part of the heen message, giving every part with RetourCodes its codes:
    its own faults, else 0233 below a rejected part, else 0200."""
    own = codes.get(id(obj))
    failed = parent_failed or bool(own)
    kwargs = {}
    for f in obj.XML:
        value = getattr(obj, f.attr)
        if f.tag == "RetourCode":
            value = own or ([NOT_ASSESSED] if parent_failed else [OK])
        elif hasattr(f.kind, "XML") and f.many:
            value = [_echo(v, codes, failed) for v in value]
        elif hasattr(f.kind, "XML") and value is not None:
            value = _echo(value, codes, failed)
        kwargs[f.attr] = value
    return type(obj)(**kwargs)


def _signed(amount: int, debet_credit: str) -> int:
    return -amount if debet_credit == "C" else amount


def _declaratie_antwoord(message, codes, head_codes, options):
    h, decl = message.header, message.declaratie
    header = DeclaratieAntwoordHeader(
        bericht_code=str(BERICHTCODE[message.standaard]["325"]), bericht_versie=h.bericht_versie,
        bericht_subversie=h.bericht_subversie, afzender=h.ontvanger, ontvanger=h.afzender,
        bericht_identificatie=BerichtIdentificatie(identificatie=options.identificatie,
                                                   dagtekening=options.dagtekening),
        xsd_versie=XSD_VERSIE, declaratie_identificatie=h.bericht_identificatie,
        xslt_versie=options.xslt_versie, xsd_versie_declaratie=h.xsd_versie,
        retour_codes=head_codes or [OK])
    cls = MESSAGE_CLASSES["325"]
    if head_codes:
        return cls(standaard=message.standaard, header=header)
    zero = TotaalBedragMetDC(totaal_bedrag=0, debet_credit="D")
    decl_codes = codes.get(id(decl))
    if decl_codes:  # the whole declaratie is refused
        antwoord = DeclaratieAntwoord(
            declaratie_nummer=decl.declaratie_nummer, totaal_ingediend_bedrag=decl.totaal_ingediend_bedrag,
            totaal_toegekend_bedrag=zero, retour_codes=decl_codes)
        return cls(standaard=message.standaard, header=header, declaratie_antwoord=antwoord)
    clienten, toegekend = [], 0
    for client in decl.clienten:
        client_codes = codes.get(id(client))
        rejected = []
        for p in client.prestaties:
            p_codes = codes.get(id(p)) or ([NOT_ASSESSED] if client_codes else None)
            if p_codes:
                rejected.append(_echo(p, {id(p): p_codes}, False))
            else:
                toegekend += _signed(p.ingediend_bedrag.bedrag, p.ingediend_bedrag.debet_credit)
        if rejected:
            clienten.append(DeclaratieClient(bsn=client.bsn, prestaties=rejected,
                                             retour_codes=client_codes or [OK]))
    antwoord = DeclaratieAntwoord(
        declaratie_nummer=decl.declaratie_nummer, totaal_ingediend_bedrag=decl.totaal_ingediend_bedrag,
        totaal_toegekend_bedrag=TotaalBedragMetDC(totaal_bedrag=abs(toegekend),
                                                  debet_credit="C" if toegekend < 0 else "D"),
        clienten=clienten, retour_codes=[OK] if clienten else [DECLARATIE_OK])
    return cls(standaard=message.standaard, header=header, declaratie_antwoord=antwoord)
