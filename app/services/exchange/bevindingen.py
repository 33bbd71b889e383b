"""The faults of a bericht an aanbieder sent, one per rule, as the official validation report gives
them: the official code, the retourcode, the controleniveau, the XPath of the element in the
aanbieder's own message, the line and a Dutch text.

Levels 1 and 2 (XSD and the rules within the message) are worked out again from the stored
message, which gives the same answer every time. Levels 3 and 4 depend on what the platform
knew when the bericht was handled, so they are read from the retourbericht that was sent: each
class there with a retourcode of its own is located in the original message.
"""
from __future__ import annotations

from lxml import etree

from iwmo_messages.conformance import official_rules
from iwmo_messages.report import locate, prefixes, report, xpath_of
from iwmo_messages.safexml import load

from ...models import Bericht
from ..uow import unit_of_work
from .aanbieder import _log_read, retour_of
from .codes import RETOURCODES

#: Retourcodes that say "nothing wrong here" or point elsewhere: not a fault of that class.
NO_FAULT = {"0001", "0200", "0233", "8001"}


def bevindingen_of(user, bericht_id: int) -> list[dict]:
    """Every fault of an inbound bericht (empty when it was accepted as it is); the read is logged."""
    with unit_of_work() as session:
        bericht = session.get(Bericht, bericht_id)
        retour = retour_of(bericht)
        heen, antwoord = bericht.inhoud, (retour.inhoud if retour is not None else None)
        _log_read(session, user, bericht, "raadplegen")
    return faults_of(heen, antwoord)


def faults_of(heen: bytes, retour: bytes | None) -> list[dict]:
    """The faults of message `heen`, with those of levels 3 and 4 taken from its `retour`."""
    rep = report(heen)
    out = [_as_dict(f) for f in rep.faults if f.niveau <= 2]
    if retour is not None and rep.validation.message is not None:
        out += _from_retour(rep, heen, retour)
    return out


def _as_dict(f) -> dict:
    return {"code": f.code, "retourcode": f.retourcode, "niveau": f.niveau, "xpath": f.xpath, "regel": f.regel,
            "melding": f.melding}


def _rule_of_retourcode() -> dict[str, tuple[str, int]]:
    """Retourcode → (rule code, controleniveau) for the codes that name one rule."""
    out = {}
    for o in official_rules().values():
        if o.retourcode and o.retourcode != "0001":
            out[o.retourcode] = (o.code, 4 if o.controleniveau == "externe bron" else 3)
    return out


def _from_retour(rep, heen: bytes, retour: bytes) -> list[dict]:
    v = rep.validation
    ns = prefixes(v.standaard, v.nummer)
    heen_root, retour_root = load(heen).getroot(), load(retour).getroot()
    rules = _rule_of_retourcode()
    out = []
    for code_el in retour_root.iter("{*}RetourCode"):
        retourcode = (code_el.text or "").strip()
        if retourcode in NO_FAULT:
            continue
        klasse = code_el.getparent().getparent()
        element = _in_heen(heen_root, klasse)
        rule, niveau = rules.get(retourcode, (retourcode, 3))
        out.append({"code": rule, "retourcode": retourcode, "niveau": niveau,
                    "xpath": None if element is None else xpath_of(element, ns),
                    "regel": None if element is None else element.sourceline,
                    "melding": RETOURCODES.get(retourcode, "Onbekende retourcode; zie de codelijst WJ001.")})
    return out


def _in_heen(heen_root, klasse) -> etree._Element | None:
    """The element of the original message that a class of its retour answers."""
    name = etree.QName(klasse).localname
    key = {"Prestatie": "ReferentieNummer", "Client": "Bsn"}.get(name)
    if key is not None:  # a 325 returns only some clients and prestaties: match them on their key
        value = klasse.findtext(f".//{{*}}{key}")
        for candidate in heen_root.iter(f"{{*}}{name}"):
            if candidate.findtext(f".//{{*}}{key}") == value:
                return candidate
        return None
    steps = []
    e = klasse
    while e.getparent() is not None:
        same = [s for s in e.getparent() if s.tag == e.tag]
        steps.append(f"{etree.QName(e).localname}[{same.index(e) + 1}]")
        e = e.getparent()
    path = "/".join(reversed(steps)).replace("DeclaratieAntwoord[1]", "Declaratie[1]")
    return locate(heen_root, path, {})
