"""The rules of a bezwaar (Awb 6:4–7:12), pure: whether it came in on time (6:7, 6:8, 6:9; a late one is flagged,
not refused: 6:11), the term for the beslissing op bezwaar (7:10 lid 1: six weeks, twelve with a bezwaarcommissie,
counted from the day after the bezwaartermijn ended; lid 3: verdaging by at most six weeks), and the beroep term
after it (6:7, 8:1). Every term goes through the Algemene termijnenwet (deadlines.term_after).

>>> beslistermijn(date(2027, 1, 14), commissie=False).due   # 6 weeks from 15 January 2027
datetime.date(2027, 2, 25)
>>> beslistermijn(date(2027, 1, 14), commissie=True).due    # 12 weeks with a commissie
datetime.date(2027, 4, 8)
>>> beslistermijn(date(2026, 11, 13), commissie=False).due  # Friday 25 December is Kerst, then a weekend
datetime.date(2026, 12, 28)
"""
from datetime import date

from .deadlines import ExtraDays, LegalDeadline, term_after

#: Awb 7:10 lid 1: six weeks, or twelve when a commissie (7:13) advises; lid 3: verdaging by at most six weeks.
WEKEN, WEKEN_COMMISSIE, VERDAGING_WEKEN = 6, 12, 6

#: The beslissing op bezwaar (Awb 7:11), in the jurist's form and the letter.
UITKOMSTEN = {"gegrond": "gegrond", "ongegrond": "ongegrond", "niet_ontvankelijk": "niet-ontvankelijk"}

#: Why the jurist decides without a hoorzitting (Awb 7:3 a–e; "afgezien": the indiener waived it, 7:3 c).
AFZIEN_HOREN = {
    "afgezien": "De indiener heeft verklaard geen gebruik te willen maken van het recht te worden gehoord "
                "(art. 7:3 onder c Awb).",
    "kennelijk_niet_ontvankelijk": "Het bezwaar is kennelijk niet-ontvankelijk (art. 7:3 onder a Awb).",
    "kennelijk_ongegrond": "Het bezwaar is kennelijk ongegrond (art. 7:3 onder b Awb).",
    "volledig_tegemoet": "Aan het bezwaar wordt volledig tegemoetgekomen (art. 7:3 onder e Awb).",
}

#: Longest grounds a form takes (a bezwaarschrift is a letter, not a book; documents go as attachments).
MAX_GRONDEN = 10_000


def te_laat(ontvangen_op: date, bezwaartermijn_einde: date) -> bool:
    """Received after the last day of the bezwaartermijn (Awb 6:7, 6:9 lid 1): a termijnoverschrijding.

    >>> te_laat(date(2027, 1, 14), date(2027, 1, 14)), te_laat(date(2027, 1, 15), date(2027, 1, 14))
    (False, True)
    """
    return ontvangen_op > bezwaartermijn_einde


def beslistermijn(bezwaartermijn_einde: date, commissie: bool, ontvangen_op: date | None = None,
                  extra_holidays: ExtraDays = ()) -> LegalDeadline:
    """Last day for the beslissing op bezwaar (Awb 7:10 lid 1), counted from the day after the bezwaartermijn ended.

    A bezwaar received after that day (late, Awb 6:11) cannot have a term that started before it existed: its term
    runs from the day after receipt. The Atw applies (12 weeks is not "more than 12 weeks", Atw art. 4)."""
    start = max(bezwaartermijn_einde, ontvangen_op or bezwaartermijn_einde)
    return term_after(start, weeks=WEKEN_COMMISSIE if commissie else WEKEN, kind="beslissing_op_bezwaar",
                      article=f"art. 7:10 lid 1 Awb ({WEKEN_COMMISSIE if commissie else WEKEN} weken"
                              f"{', met bezwaarcommissie' if commissie else ''})",
                      description_nl="beslissen op het bezwaar", extra_holidays=extra_holidays)


def verdaagd(beslistermijn_einde: date, extra_holidays: ExtraDays = ()) -> LegalDeadline:
    """The new last day after a verdaging by six weeks (Awb 7:10 lid 3), counted from the day after the old one.

    >>> verdaagd(date(2027, 2, 25)).due
    datetime.date(2027, 4, 8)
    """
    return term_after(beslistermijn_einde, weeks=VERDAGING_WEKEN, kind="beslissing_op_bezwaar_verdaagd",
                      article="art. 7:10 lid 3 Awb", description_nl="beslissen op het bezwaar (verdaagd)",
                      extra_holidays=extra_holidays)


def beroep_tot(bekendgemaakt: date, extra_holidays: ExtraDays = ()) -> date:
    """Last day for beroep at the rechtbank: six weeks from the day after the beslissing was sent (Awb 6:7, 6:8, 8:1).

    >>> beroep_tot(date(2027, 3, 1))
    datetime.date(2027, 4, 12)
    """
    return term_after(bekendgemaakt, weeks=6, kind="beroep", article="art. 6:7 en 8:1 Awb",
                      description_nl="beroep instellen bij de rechtbank", extra_holidays=extra_holidays).due


def gronden_error(gronden: str) -> str | None:
    """The Dutch message for missing or over-long grounds (Awb 6:5 lid 1 d asks for them), else None."""
    if not (gronden or "").strip():
        return "Schrijf waarom u het niet eens bent met het besluit. Dat heet de gronden van uw bezwaar."
    if len(gronden) > MAX_GRONDEN:
        return f"Uw gronden zijn langer dan {MAX_GRONDEN} tekens. Maak ze korter, of stuur ze mee als document."
    return None


def ontvangst_error(ontvangen_op: date | None, vastgesteld_op: date, today: date) -> str | None:
    """For a bezwaar staff register from paper: its day of receipt lies between the besluit and today."""
    if ontvangen_op is None:
        return "Vul de datum in waarop het bezwaarschrift binnenkwam, bijvoorbeeld 14-12-2026."
    if ontvangen_op > today:
        return "De datum van ontvangst kan niet in de toekomst liggen."
    if ontvangen_op < vastgesteld_op:
        return "De datum van ontvangst ligt voor de datum van het besluit. Controleer de datum."
    return None


#: Dates in the jurist's forms and which way they may lie from today: a hoorzitting is planned ahead (or today),
#: a hoorzitting held and an advice given lie in the past (or today).
TASK_DATES = {"bezwaar_beoordelen": ("hoorzitting_op", "toekomst"),
              "hoorzitting_verslag": ("hoorzitting_gehouden_op", "verleden"),
              "commissie_advies": ("advies_op", "verleden")}


def task_date_errors(spec_name: str, data: dict, today: date) -> dict[str, str]:
    """Field → Dutch message for a date in a jurist's form on the wrong side of today (empty when fine).

    >>> task_date_errors("hoorzitting_verslag", {"hoorzitting_gehouden_op": "2027-01-05"}, date(2027, 1, 4))
    {'hoorzitting_gehouden_op': 'Deze datum kan niet in de toekomst liggen.'}
    """
    field, side = TASK_DATES.get(spec_name, (None, None))
    try:
        day = date.fromisoformat(str(data.get(field))[:10]) if field and data.get(field) else None
    except ValueError:
        return {}  # the form says it is no date
    if day is None:
        return {}
    if side == "toekomst" and day < today:
        return {field: "Een hoorzitting plant u vandaag of later, niet in het verleden."}
    if side == "verleden" and day > today:
        return {field: "Deze datum kan niet in de toekomst liggen."}
    return {}
