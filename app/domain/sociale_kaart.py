"""The words of the sociale kaart: the kinds of entry, the product categories an entry can be found under
(WMO020 for the Wmo, JZ020 for the Jeugdwet) and the needs an inwoner picks in plain words (B1), each mapped
to those categories. Pure rules: the checks of an entry's text, wijken, categories and last-checked date.

>>> sorted(categories_for_need("huishouden"))
['01']
>>> html_problem("Koffie <b>gratis</b>", "Wat biedt het") is not None
True
>>> html_problem("Samen eten: 3 < 5 euro", "Wat biedt het") is None
True
"""
import re
from datetime import date

#: kind → label (HSDS has no fixed list; these are the four the gemeente's kaart shows).
SOORTEN = {
    "maatwerk": "Maatwerk van een gecontracteerde aanbieder",
    "algemeen": "Algemene voorziening",
    "initiatief": "Gratis initiatief in de buurt",
    "digitaal": "Digitaal hulpmiddel of app",
}
#: domain → label; an entry for both says 'beide'.
DOMEINEN = {"wmo": "Wmo (volwassenen)", "jeugd": "Jeugd", "beide": "Wmo en Jeugd"}
#: Productcategorie code (WMO020 01–18, JZ020 31–55) → name, as far as the kaart uses them.
CATEGORIEEN = {
    "01": "Hulp bij het huishouden", "02": "Begeleiding", "03": "Persoonlijke verzorging",
    "04": "Kortdurend verblijf", "05": "Woondiensten", "07": "Dagbesteding", "08": "Vervoerdiensten",
    "09": "Overige groepsgerichte ondersteuning", "10": "Overige maatwerk", "11": "Rolstoelen",
    "12": "Vervoervoorzieningen", "13": "Woonvoorzieningen", "14": "Overige hulpmiddelen",
    "15": "Beschermd wonen", "16": "Opvang",
    "41": "Jeugdhulp met verblijf", "43": "Jeugd-GGZ", "45": "Jeugdhulp ambulant", "46": "Dagbehandeling jeugd",
    "47": "Jeugdbescherming",
}
#: need (URL word) → (what the inwoner reads, the categories it finds).
BEHOEFTEN = {
    "huishouden": ("Hulp in het huishouden", ("01",)),
    "dagelijks-leven": ("Hulp bij het regelen van dagelijkse dingen", ("02", "10")),
    "verzorging": ("Hulp bij wassen en aankleden", ("03",)),
    "overdag": ("Iets zinvols doen overdag, andere mensen ontmoeten", ("07", "09")),
    "mantelzorg": ("Steun als u voor iemand zorgt (mantelzorg)", ("04", "09")),
    "vervoer": ("Vervoer en er op uit gaan", ("08", "12")),
    "hulpmiddelen": ("Een rolstoel of ander hulpmiddel", ("11", "14")),
    "wonen": ("Uw huis aanpassen of beschermd wonen", ("05", "13", "15")),
    "opvang": ("Een veilige plek of opvang", ("16",)),
    "opvoeden": ("Hulp bij opvoeden en opgroeien", ("45", "46", "43")),
    "pleegzorg": ("Pleegzorg of wonen buiten huis voor een kind", ("41", "47")),
}
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|&#?[a-zA-Z0-9]+;")


def categories_for_need(need: str) -> tuple[str, ...]:
    """The product categories an inwoner's need in plain words finds (none for an unknown need)."""
    return BEHOEFTEN.get(need, ("", ()))[1]


def html_problem(value: str, label: str) -> str | None:
    """A Dutch message when the text holds HTML (a tag or an entity): the kaart shows plain text only."""
    if value and _TAG.search(value):
        return f"'{label}' bevat HTML (zoals <b> of &amp;). Schrijf gewone tekst, zonder opmaakcodes."
    return None


def checked_date_problem(value: date | None, today: date) -> str | None:
    """The last-checked date is required and cannot lie in the future."""
    if value is None:
        return "Vul de datum in waarop u de gegevens voor het laatst hebt gecontroleerd (dd-mm-jjjj)."
    if value > today:
        return "De controledatum ligt in de toekomst. Vul de datum in waarop u het echt hebt gecontroleerd."
    return None
