"""The iWmo/iJw code lists that staff and aanbieders read on the pages, in Dutch: Eenheid (WJ756),
Frequentie (WMO757) and RedenBeeindiging (WMO588 / JZ588), and the omvang of a toewijzing in words."""

#: Eenheid (WJ756), the same in iWmo and iJw.
EENHEDEN = {"01": "minuut", "04": "uur", "14": "etmaal", "16": "dagdeel (4 uur)", "82": "stuks (output)",
            "83": "euro", "84": "stuks (inspanning)"}
#: Frequentie (WMO757).
FREQUENTIES = {"1": "per dag", "2": "per week", "4": "per maand", "6": "in totaal (de hele toewijzing)"}
#: RedenBeeindiging that an aanbieder may give on a stop (307), per standaard, as the XSDs allow them
#: (the iJw codes 32–35 are left out: their meaning is not in our notes, so the form does not offer them).
REDENEN_BEEINDIGING = {
    "iwmo": {"19": "Volgens plan beëindigd", "21": "Beëindigd door de cliënt", "22": "Beëindigd door de aanbieder",
             "23": "Beëindigd in overeenstemming", "02": "Overlijden", "31": "Verhuizing",
             "38": "Naar een andere aanbieder", "39": "Naar een ander domein (bijvoorbeeld Wlz)"},
    "ijw": {"02": "Overlijden", "31": "Verhuizing", "38": "Naar een andere aanbieder",
            "39": "Naar een ander domein (bijvoorbeeld Wlz)"},
}


def eenheid_tekst(code: str | None) -> str:
    """The code list's own word for an Eenheid: 'uur', 'minuut', …"""
    return EENHEDEN.get(code or "", code or "")


def omvang_tekst(volume: int | None, eenheid: str | None, frequentie: str | None, budget: int | None = None) -> str:
    """'3 uur per week', '12 dagdeel (4 uur) per maand', or a budget 'budget € 1.200,00'; '—' when unknown."""
    if budget is not None:
        return f"budget {euro(budget)}"
    if volume is None:
        return "—"
    parts = [str(volume), eenheid_tekst(eenheid)]
    if frequentie:
        parts.append(FREQUENTIES.get(frequentie, frequentie))
    return " ".join(p for p in parts if p)


def euro(cent: int | None) -> str:
    """Cents as '€ 1.234,50' (a minus sign before a credit)."""
    if cent is None:
        return "—"
    sign = "−" if cent < 0 else ""
    text = f"{abs(cent) / 100:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{sign}€ {text}"
