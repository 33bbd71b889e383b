"""The beslistermijn's clock after opschorting (Awb 4:15) and verdaging (Awb 4:14). Pure, no Flask or database.

Awb 4:15 lid 1 a: the term "wordt opgeschort met ingang van de dag na die waarop het bestuursorgaan de aanvrager
krachtens artikel 4:5 uitnodigt de aanvraag aan te vullen, tot de dag waarop de aanvraag is aangevuld of de
daarvoor gestelde termijn ongebruikt is verstreken". Read here as: suspended from the day after the request up to
(not including) the day the information arrives; an unused term has expired on the day after its last day.

>>> suspended_days(date(2026, 12, 7), termijn_tot=date(2026, 12, 21), ontvangen_op=date(2026, 12, 14))
6
>>> suspended_days(date(2026, 12, 7), termijn_tot=date(2026, 12, 21), ontvangen_op=None)  # 8 to 21 December
14

Awb 4:14 lid 1 (a term set by law, the Wmo's two weeks of art. 2.3.5 lid 2): the aanvrager is told before the
term ends, with "een zo kort mogelijke termijn" in which the beschikking may be expected; lid 3 (the Awb 4:13
lid 2 eight weeks, Jeugdwet): told within that term, with "een redelijke termijn". Either way: a new date after
the current one, a reason, and only while the term still runs.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .deadlines import format_date_nl, is_working_day
from .holidays_nl import ExtraDays

#: The articles behind each change, as the termijn's provenance shows them.
OPSCHORTING_ARTICLE = "art. 4:15 lid 1 onder a Awb"
VERDAGING_ARTICLE = {"beschikking": "art. 4:14 lid 1 Awb", "beslis": "art. 4:14 lid 3 Awb"}
#: The words of the law for the new term, per beslistermijn.
VERDAGING_WORDS = {"beschikking": "een zo kort mogelijke termijn", "beslis": "een redelijke termijn"}


@dataclass(frozen=True)
class Change:
    """One opschorting (`days` suspended) or verdaging (`to`, the notified day), in the order they were made."""

    order: object
    days: int = 0
    to: date | None = None


def suspended_days(gevraagd_op: date, termijn_tot: date, ontvangen_op: date | None) -> int:
    """Days the beslistermijn stands still for one request; while the answer is out, its whole term counts."""
    end = termijn_tot + timedelta(days=1)
    if ontvangen_op is not None and ontvangen_op < end:
        end = ontvangen_op
    return max(0, (end - gevraagd_op).days - 1)


def clocked_due(basis: date, changes: list[Change], extra_holidays: ExtraDays = ()) -> tuple[date, str]:
    """The beslistermijn's last day after `changes`, with the Atw article when it moved the day ('' if not).

    `basis` is the statutory last day before the Atw (event + N weeks). Suspended days lengthen the running term;
    a verdaging replaces the date with the one notified (a day the gemeente names, which the Atw does not move);
    days suspended after a verdaging add to that date. A statutory end on a Saturday, Sunday or holiday moves to
    the next working day (Atw art. 1 lid 1).

    >>> clocked_due(date(2026, 12, 18), [Change(1, days=14)])  # Fri 1 Jan 2027 is Nieuwjaarsdag
    (datetime.date(2027, 1, 4), 'art. 1 lid 1 Atw')
    >>> clocked_due(date(2026, 12, 18), [Change(1, days=14), Change(2, to=date(2027, 1, 15))])
    (datetime.date(2027, 1, 15), '')
    """
    due, statutory = basis, True
    for change in sorted(changes, key=lambda c: c.order):
        if change.to is not None:
            due, statutory = change.to, False
        else:
            due += timedelta(days=change.days)
    if not statutory:
        return due, ""
    shifted = due
    while not is_working_day(shifted, extra_holidays):
        shifted += timedelta(days=1)
    return shifted, ("art. 1 lid 1 Atw" if shifted != due else "")


def opschorting_errors(omschrijving: str, termijn_tot: date | None, today: date, current_due: date | None,
                       open_request: date | None) -> dict[str, str]:
    """Field → Dutch message for a request for information that cannot suspend the term (empty when fine)."""
    errors = {}
    if current_due is None:
        return {"termijn_tot": "Er loopt nog geen beslistermijn: die begint met de ontvangst van de aanvraag. "
                               "Opschorten (art. 4:15 Awb) kan pas als de aanvraag is vastgelegd."}
    if today > current_due:
        return {"termijn_tot": f"De beslistermijn is op {format_date_nl(current_due)} verstreken. Een verstreken "
                               "termijn kan niet meer worden opgeschort (art. 4:15 Awb)."}
    if open_request is not None:
        return {"termijn_tot": f"Er staat al een verzoek om informatie open (termijn tot en met "
                               f"{format_date_nl(open_request)}). Leg eerst vast dat die informatie binnen is."}
    if not (omschrijving or "").strip():
        errors["omschrijving"] = "Schrijf op welke informatie de inwoner moet sturen."
    elif len(omschrijving) > 2000:
        errors["omschrijving"] = "De omschrijving mag niet langer zijn dan 2000 tekens."
    if termijn_tot is None:
        errors["termijn_tot"] = "Vul de datum in waarop de informatie uiterlijk binnen moet zijn."
    elif termijn_tot <= today:
        errors["termijn_tot"] = ("De termijn moet na vandaag eindigen: de inwoner moet tijd krijgen om de "
                                 "informatie te sturen (art. 4:5 Awb).")
    elif termijn_tot > today + timedelta(weeks=12):
        errors["termijn_tot"] = "Geef de inwoner een termijn van hoogstens twaalf weken."
    return errors


def ontvangst_errors(ontvangen_op: date | None, gevraagd_op: date, today: date) -> dict[str, str]:
    """Field → Dutch message for the day the information arrived."""
    if ontvangen_op is None:
        return {"ontvangen_op": "Vul de datum in waarop de informatie binnenkwam."}
    if ontvangen_op < gevraagd_op:
        return {"ontvangen_op": f"De informatie kan niet eerder binnen zijn dan het verzoek "
                                f"({format_date_nl(gevraagd_op)})."}
    if ontvangen_op > today:
        return {"ontvangen_op": "De datum van ontvangst kan niet in de toekomst liggen."}
    return {}


def verdaging_errors(soort: str, nieuwe_datum: date | None, reden: str, today: date,
                     current_due: date | None) -> dict[str, str]:
    """Field → Dutch message for a verdaging the law does not allow (empty when fine)."""
    article = VERDAGING_ARTICLE.get(soort, "art. 4:14 Awb")
    if current_due is None:
        return {"nieuwe_datum": "Er loopt nog geen beslistermijn om te verdagen."}
    if today > current_due:
        return {"nieuwe_datum": f"De beslistermijn is op {format_date_nl(current_due)} verstreken. Verdagen kan "
                                f"alleen vóór het einde van de termijn ({article}). Neem zo snel mogelijk een "
                                "besluit; de inwoner kan de gemeente nu in gebreke stellen."}
    errors = {}
    if nieuwe_datum is None:
        errors["nieuwe_datum"] = "Vul de nieuwe datum in waarop de inwoner het besluit kan verwachten."
    elif nieuwe_datum <= current_due:
        errors["nieuwe_datum"] = (f"De nieuwe datum moet na de huidige einddatum ({format_date_nl(current_due)}) "
                                  "liggen.")
    if not (reden or "").strip():
        errors["reden"] = "Schrijf de reden van de verdaging op; de inwoner leest die in de mededeling."
    elif len(reden) > 2000:
        errors["reden"] = "De reden mag niet langer zijn dan 2000 tekens."
    return errors
