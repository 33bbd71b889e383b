"""The StUF-GGk 0210 transport envelope: wrap a message base64 in a Di01, unwrap a Di01/Du01,
answer with a Du01 (retourbericht) or a StUF Fo01 (error). Every envelope is XSD-validated."""
from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from .errors import Issue, MessageError
from .parse import identify
from .safexml import MAX_BYTES, Source, load
from .schemas import ggk_schema, stuf_schema
from .spec import message_name
from .xsd import schema_issues

STUF = "http://www.egem.nl/StUF/StUF0301"
GGK = "http://www.stufstandaarden.nl/koppelvlak/ggk0210"
_TAGS = {"Di01": f"{{{GGK}}}envelopHeenbericht-ggk_Di01", "Du01": f"{{{GGK}}}envelopRetourbericht-ggk_Du01"}
#: Fo01 code for "Berichtbody is niet conform schema" (controleniveau 1).
STUF055 = "StUF055"


@dataclass(frozen=True, slots=True)
class Systeem:
    """A StUF zender/ontvanger: organisatie is the CBS gemeentecode or AGB code."""

    organisatie: str
    applicatie: str
    administratie: str | None = None
    gebruiker: str | None = None


#: The application that receives every envelope: the GGk routes it on ontvanger.organisatie, which is
#: the addressee's own code (CBS gemeentecode or AGB code), never a fixed value (GGk 0210 §3.3).
GGK_APPLICATIE = "GGk"


def addressed_to(organisatie: str) -> Systeem:
    """The ontvanger of an envelope for the party with this CBS or AGB code, via the GGk."""
    return Systeem(organisatie, GGK_APPLICATIE)


@dataclass(frozen=True, slots=True)
class Envelope:
    """An unwrapped Di01 or Du01: the stuurgegevens and the decoded iWmo/iJw payload."""

    berichtcode: str
    zender: Systeem
    ontvanger: Systeem
    referentienummer: str
    tijdstip_bericht: str
    functie: str
    payload: bytes
    cross_refnummer: str | None = None


def new_referentienummer() -> str:
    """Return a fresh UUID v4, as the GGk demands for referentienummer and crossRefnummer."""
    return str(uuid.uuid4())


def _tijdstip() -> str:
    return datetime.now().strftime("%Y%m%d%H%M%S%f")[:17]


def _systeem(parent, tag: str, s: Systeem) -> None:
    el = etree.SubElement(parent, f"{{{STUF}}}{tag}")
    for name in ("organisatie", "applicatie", "administratie", "gebruiker"):
        if getattr(s, name) is not None:
            etree.SubElement(el, f"{{{STUF}}}{name}").text = getattr(s, name)


def _sub(parent, ns: str, tag: str, text: str) -> None:
    etree.SubElement(parent, f"{{{ns}}}{tag}").text = text


def _envelope(code: str, payload: bytes, zender: Systeem, ontvanger: Systeem | None,
              referentienummer: str | None, cross_refnummer: str | None) -> bytes:
    if len(payload) > MAX_BYTES:
        raise MessageError([Issue("SIZE", f"payload is {len(payload)} bytes; the limit is {MAX_BYTES}")])
    msg_root = load(payload).getroot()
    standaard, nummer = identify(msg_root)
    if ontvanger is None:  # a heen message names its addressee in Header/Ontvanger
        ns = etree.QName(msg_root).namespace
        named = msg_root.findtext(f"{{{ns}}}Header/{{{ns}}}Ontvanger")
        if not named:
            raise MessageError([Issue("ENVELOPE", "the payload names no Ontvanger to address the envelope to")])
        ontvanger = addressed_to(named.strip())
    root = etree.Element(_TAGS[code], nsmap={"StUF": STUF, "GGK": GGK})
    st = etree.SubElement(root, f"{{{GGK}}}stuurgegevens")
    _sub(st, STUF, "berichtcode", code)
    _systeem(st, "zender", zender)
    _systeem(st, "ontvanger", ontvanger)
    _sub(st, STUF, "referentienummer", referentienummer or new_referentienummer())
    _sub(st, STUF, "tijdstipBericht", _tijdstip())
    if cross_refnummer:
        _sub(st, STUF, "crossRefnummer", cross_refnummer)
    _sub(st, STUF, "functie", message_name(standaard, nummer))
    params = etree.SubElement(root, f"{{{GGK}}}parameters")
    for tag, value in (("applicatieVersie", "0003"), ("applicatieSubversie", "0002"),
                       ("functieVersie", "0003"), ("functieSubversie", "0002")):
        _sub(params, GGK, tag, value)
    bericht = etree.SubElement(params, f"{{{GGK}}}bericht")
    _sub(bericht, GGK, "xmlBestand", base64.b64encode(payload).decode("ascii"))
    return _checked(root, ggk_schema())


def _checked(root, schema) -> bytes:
    issues = schema_issues(schema, root)
    if issues:
        raise MessageError(issues)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    if len(data) > MAX_BYTES:
        raise MessageError([Issue("SIZE", f"envelope is {len(data)} bytes; the limit is {MAX_BYTES}")])
    return data


def wrap_di01(payload: bytes, zender: Systeem, ontvanger: Systeem | None = None,
              referentienummer: str | None = None) -> bytes:
    """Wrap an outgoing iWmo/iJw message in a Di01; functie (e.g. WMO301) follows the payload, and
    the ontvanger is (unless given) the payload's Header/Ontvanger via the GGk."""
    return _envelope("Di01", payload, zender, ontvanger, referentienummer, None)


def du01(payload: bytes, in_reply_to: Envelope, zender: Systeem,
         ontvanger: Systeem | None = None) -> bytes:
    """Wrap a retourbericht in a Du01 answering `in_reply_to` (its referentienummer becomes the
    crossRefnummer), addressed (unless given) to the organisatie that sent `in_reply_to`: a retour
    copies the heen message's Afzender/Ontvanger, so its own header cannot say who gets it."""
    return _envelope("Du01", payload, zender, ontvanger or addressed_to(in_reply_to.zender.organisatie), None,
                     in_reply_to.referentienummer)


def is_envelope(data: bytes) -> bool:
    """Whether `data` looks like a StUF-GGk Di01 or Du01 envelope (its root element, by name)."""
    head = data[:4096]
    return GGK.encode() in head and any(t.split("}")[1].encode() in head for t in _TAGS.values())


def unwrap(source: Source, expect: str | None = None) -> Envelope:
    """Validate a Di01 or Du01 envelope and return it with the decoded payload."""
    root = load(source, MAX_BYTES).getroot()
    code = next((c for c, tag in _TAGS.items() if tag == root.tag), None)
    if code is None or (expect and code != expect):
        raise MessageError([Issue("ENVELOPE", f"expected a {expect or 'Di01/Du01'} envelope, got "
                                  f"{root.tag}", root.sourceline, str(root.tag))])
    issues = schema_issues(ggk_schema(), root)
    if issues:
        raise MessageError(issues)
    st = root.find(f"{{{GGK}}}stuurgegevens")
    text = {el.tag.split("}")[1]: el.text for el in st if isinstance(el.tag, str)}
    systems = {tag: Systeem(*(st.findtext(f"{{{STUF}}}{tag}/{{{STUF}}}{n}")
                              for n in ("organisatie", "applicatie", "administratie", "gebruiker")))
               for tag in ("zender", "ontvanger")}
    xml = root.find(f"{{{GGK}}}parameters/{{{GGK}}}bericht/{{{GGK}}}xmlBestand")
    if xml is None:
        raise MessageError([Issue("ENVELOPE", "the envelope carries a tekstBestand, not an "
                                  "iWmo/iJw xmlBestand", root.sourceline)])
    try:
        payload = base64.b64decode("".join((xml.text or "").split()), validate=True)
    except binascii.Error as exc:
        raise MessageError([Issue("ENVELOPE", f"xmlBestand is not base64: {exc}", xml.sourceline)]) from None
    if len(payload) > MAX_BYTES:
        raise MessageError([Issue("SIZE", f"payload is {len(payload)} bytes; the limit is {MAX_BYTES}")])
    return Envelope(code, systems["zender"], systems["ontvanger"], text["referentienummer"],
                    text["tijdstipBericht"], text["functie"], payload, text.get("crossRefnummer"))


def unwrap_di01(source: Source) -> Envelope:
    """Validate an incoming Di01 and return it with the decoded payload."""
    return unwrap(source, "Di01")


def fo01(in_reply_to: Envelope, zender: Systeem, issues: list[Issue] | None = None,
         code: str = STUF055, omschrijving: str = "Berichtbody is niet conform schema",
         plek: str = "client") -> bytes:
    """Return a StUF Fo01 answering `in_reply_to`; the issues (if any) go into details."""
    root = etree.Element(f"{{{STUF}}}Fo01Bericht", nsmap={"StUF": STUF})
    st = etree.SubElement(root, f"{{{STUF}}}stuurgegevens")
    _sub(st, STUF, "berichtcode", "Fo01")
    _systeem(st, "zender", zender)
    _systeem(st, "ontvanger", in_reply_to.zender)
    _sub(st, STUF, "referentienummer", new_referentienummer())
    _sub(st, STUF, "tijdstipBericht", _tijdstip())
    _sub(st, STUF, "crossRefnummer", in_reply_to.referentienummer)
    body = etree.SubElement(root, f"{{{STUF}}}body")
    _sub(body, STUF, "code", code)
    _sub(body, STUF, "plek", plek)
    _sub(body, STUF, "omschrijving", omschrijving[:200])
    if issues:
        _sub(body, STUF, "details", "; ".join(str(i) for i in issues)[:1000])
    return _checked(root, stuf_schema())
