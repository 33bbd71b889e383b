"""Direct access to jeugdhulp after a verwijzing (Jeugdwet art. 2.6 lid 1 onder g): a huisarts, medisch specialist
or jeugdarts may refer a jeugdige to jeugdhulp without the gemeente's own onderzoek. The aanbieder then asks for
the toewijzing with a 315 naming the verwijzer (iJw LDT_TypeVerwijzer, WJ232: 02 huisarts, 03 jeugdarts, 05
medisch specialist). The gemeente gives the toewijzing; it may refuse it only on formal grounds (no contract,
another gemeente, woonplaatsbeginsel, age), never on content: that judgement is the verwijzer's. Pure.

>>> verwijzer_of(["06", "03"])
'03'
>>> refusal_error("05", "afwijzen", "7")[:40]
'Een verwijzing door een medisch speciali'
>>> refusal_error("05", "afwijzen", "3") is None
True
"""

#: The verwijzers of art. 2.6 lid 1 onder g, by iJw code, as the letter and the case name them.
DIRECTE_TOEGANG = {"02": "de huisarts", "03": "de jeugdarts", "05": "een medisch specialist"}
#: RedenAfwijzingVerzoek (WJ760) 7: zorginhoudelijke afkeur — a refusal on content.
ZORGINHOUDELIJK = "7"


def verwijzer_of(types) -> str | None:
    """The first verwijzer type among `types` that gives direct access, or None."""
    return next((t for t in types if t in DIRECTE_TOEGANG), None)


def refusal_error(verwijzer: str | None, besluit: str | None, reden: str | None) -> str | None:
    """A Dutch message when a verzoek after a verwijzing would be refused on content (or without a reason, which
    the 319 would send as content); else None."""
    if verwijzer not in DIRECTE_TOEGANG or besluit != "afwijzen" or (reden and reden != ZORGINHOUDELIJK):
        return None
    wie = DIRECTE_TOEGANG[verwijzer]
    return (f"Een verwijzing door {wie} wijst de gemeente niet inhoudelijk af (Jeugdwet art. 2.6 lid 1 onder g). "
            "Ken het verzoek toe, of wijs het af om een formele reden, zoals geen contract, een andere gemeente "
            "of het woonplaatsbeginsel.")
