"""The dwangsom bij niet tijdig beslissen (Awb 4:17–4:18): when an ingebrekestelling counts, the day the dwangsom
starts, its amount day by day up to the cap, and the day its beschikking is due. Pure: no Flask, no database.

Awb 4:17 lid 3: "De eerste dag waarover de dwangsom verschuldigd is, is de dag waarop twee weken zijn verstreken na
de dag waarop de termijn voor het geven van de beschikking is verstreken en het bestuursorgaan van de aanvrager een
schriftelijke ingebrekestelling heeft ontvangen." Read here as: an ingebrekestelling counts only when it arrives
after the beslistermijn's last day (one sent before is premature and does not count, it must be sent again); the
two weeks start the day after its receipt and end 14 days after it; the dwangsom is due from the day after.

The Algemene termijnenwet: 4:17 lid 1 excludes it only for "laatstgenoemde termijn", the 42 days of the dwangsom
(those are calendar days, a Sunday counts). The two weeks of lid 3 are a term set in a law of at most twelve weeks
(Atw art. 1 and 4), so — a contrario — the Atw does apply: two weeks that end on a Saturday, Sunday or holiday run
to the next working day, and the dwangsom starts the day after that. The same holds for the two weeks of 4:18.

>>> eerste_dag(date(2026, 12, 16))  # two weeks end Wed 30 December; the dwangsom runs from Thursday
datetime.date(2026, 12, 31)
>>> eerste_dag(date(2026, 12, 18))  # two weeks end on Nieuwjaarsdag, a Friday: Atw art. 1 → Mon 4 January
datetime.date(2027, 1, 5)
>>> [bedrag(d) for d in (0, 1, 14, 15, 28, 29, 42, 60)]  # art. 4:17 lid 2: €23, then €35, then €45 a day
[0, 23, 322, 357, 812, 857, 1442, 1442]

The dwangsom runs for every day the gemeente is in gebreke (the day the beschikking is made known no longer
counts: it was given that day), at most 42 days. A beschikking made known before the first day: no dwangsom.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .deadlines import LegalDeadline, format_date_nl, term_after
from .holidays_nl import ExtraDays

#: Art. 4:17 lid 2 Awb: (days, euro per day) for the first fourteen days, the next fourteen and the rest.
TARIEVEN = ((14, 23), (14, 35), (14, 45))
#: Art. 4:17 lid 1 Awb: "voor ten hoogste 42 dagen" — so at most €1,442 (14 × 23 + 14 × 35 + 14 × 45).
MAX_DAGEN = 42
MAX_BEDRAG = sum(days * rate for days, rate in TARIEVEN)
#: Art. 4:17 lid 3 and 4:18 Awb: two weeks.
HERSTELTERMIJN_WEKEN = 2

#: Art. 4:17 lid 6 Awb: when no dwangsom is due, in the law's words (the consulent records which, with a reason).
UITZONDERINGEN = {
    "onredelijk_laat": "het college is onredelijk laat in gebreke gesteld (art. 4:17 lid 6 onder a Awb)",
    "geen_belanghebbende": "de aanvrager is geen belanghebbende (art. 4:17 lid 6 onder b Awb)",
    "kennelijk_niet_ontvankelijk": "de aanvraag is kennelijk niet-ontvankelijk (art. 4:17 lid 6 onder c Awb)",
    "kennelijk_ongegrond": "de aanvraag is kennelijk ongegrond (art. 4:17 lid 6 onder c Awb)",
}

#: What the dwangsom is doing: waiting for the two weeks to pass, running, ended (its beschikking may be made),
#: none (the gemeente decided within the two weeks) or excepted (art. 4:17 lid 6).
WACHT, LOOPT, AFGELOPEN, GEEN, UITGEZONDERD = "wacht", "loopt", "afgelopen", "geen", "uitgezonderd"


def dagtarief(dag: int) -> int:
    """Euro due for the `dag`-th day of the dwangsom (1-based); 0 past the 42nd.

    >>> [dagtarief(d) for d in (1, 14, 15, 28, 29, 42, 43)]
    [23, 23, 35, 35, 45, 45, 0]
    """
    for days, rate in TARIEVEN:
        if dag <= days:
            return rate if dag >= 1 else 0
        dag -= days
    return 0


def bedrag(dagen: int) -> int:
    """Euro due after `dagen` days of dwangsom, capped at 42 days (€1,442)."""
    return sum(dagtarief(d) for d in range(1, min(max(dagen, 0), MAX_DAGEN) + 1))


def opbouw(dagen: int) -> list[tuple[int, int, int, int]]:
    """How `dagen` days of dwangsom add up, per tariff of art. 4:17 lid 2: (first day, last day, tariff, euro).

    >>> opbouw(31)
    [(1, 14, 23, 322), (15, 28, 35, 490), (29, 31, 45, 135)]
    >>> sum(part[3] for part in opbouw(31)) == bedrag(31), opbouw(0)
    (True, [])
    """
    parts, first = [], 1
    for days, rate in TARIEVEN:
        last = min(first + days - 1, min(max(dagen, 0), MAX_DAGEN))
        if last < first:
            break
        parts.append((first, last, rate, (last - first + 1) * rate))
        first += days
    return parts


def hersteltermijn(ontvangen_op: date, extra_holidays: ExtraDays = ()) -> LegalDeadline:
    """The two weeks after the ingebrekestelling's receipt in which the gemeente may still decide (art. 4:17 lid 3)."""
    return term_after(ontvangen_op, weeks=HERSTELTERMIJN_WEKEN, kind="hersteltermijn", article="art. 4:17 lid 3 Awb",
                      description_nl="alsnog beslissen na de ingebrekestelling", extra_holidays=extra_holidays)


def eerste_dag(ontvangen_op: date, extra_holidays: ExtraDays = ()) -> date:
    """The first day the dwangsom is due: the day after the two weeks (as the Atw extends them)."""
    return hersteltermijn(ontvangen_op, extra_holidays).due + timedelta(days=1)


def vaststellen_uiterlijk(laatste_dag: date, extra_holidays: ExtraDays = ()) -> LegalDeadline:
    """Art. 4:18: the beschikking on the dwangsom "binnen twee weken na de laatste dag waarover de dwangsom
    verschuldigd was"."""
    return term_after(laatste_dag, weeks=2, kind="dwangsom_vaststellen", article="art. 4:18 Awb",
                      description_nl="de dwangsom bij beschikking vaststellen", extra_holidays=extra_holidays)


@dataclass(frozen=True)
class Stand:
    """Where the dwangsom of one ingebrekestelling stands on `vandaag`."""

    status: str
    eerste_dag: date
    #: The last day of the two weeks (the gemeente may still decide up to and including it).
    hersteltermijn_tot: date
    #: Days of dwangsom so far and their amount in euro (0 when excepted or none).
    dagen: int
    bedrag: int
    #: The last day of the dwangsom once it is known (42nd day, or the day before the bekendmaking); else None.
    laatste_dag: date | None
    #: The day the amount would reach its cap if nothing changes.
    max_op: date

    @property
    def volgend_tarief(self) -> int:
        """Euro the next day will add (0 once it ended)."""
        return dagtarief(self.dagen + 1) if self.status in (WACHT, LOOPT) else 0


def stand(ontvangen_op: date, vandaag: date, bekendgemaakt_op: date | None = None, uitgezonderd: bool = False,
          extra_holidays: ExtraDays = (), first: date | None = None) -> Stand:
    """The dwangsom of an ingebrekestelling received on `ontvangen_op`, on `vandaag` (`first`: its first day as
    reckoned on receipt, which a day equated with a holiday later does not move).

    >>> s = stand(date(2026, 12, 16), date(2027, 1, 2))  # from Thu 31 December: 3 days
    >>> s.status, s.dagen, s.bedrag, s.max_op
    ('loopt', 3, 69, datetime.date(2027, 2, 10))
    >>> stand(date(2026, 12, 16), date(2027, 1, 20), bekendgemaakt_op=date(2027, 1, 15)).bedrag  # 31 Dec–14 Jan
    357
    >>> stand(date(2026, 12, 16), date(2027, 1, 20), bekendgemaakt_op=date(2026, 12, 30)).status
    'geen'
    """
    first = first or eerste_dag(ontvangen_op, extra_holidays)
    herstel = first - timedelta(days=1)
    cap_day = first + timedelta(days=MAX_DAGEN - 1)
    if bekendgemaakt_op is not None and bekendgemaakt_op <= first:
        return Stand(GEEN, first, herstel, 0, 0, None, cap_day)
    last_known = min(cap_day, bekendgemaakt_op - timedelta(days=1)) if bekendgemaakt_op else None
    through = min(vandaag, last_known or cap_day)
    dagen = max(0, (through - first).days + 1)
    ended = last_known is not None or vandaag >= cap_day
    laatste = (last_known or cap_day) if ended else None
    if uitgezonderd:
        return Stand(UITGEZONDERD, first, herstel, dagen, 0, laatste, cap_day)
    status = WACHT if vandaag < first else (AFGELOPEN if ended else LOOPT)
    return Stand(status, first, herstel, dagen, bedrag(dagen), laatste, cap_day)


def ingebrekestelling_errors(ontvangen_op: date | None, vandaag: date, termijn_tot: date | None,
                             bekendgemaakt_op: date | None, bestaande: date | None) -> dict[str, str]:
    """Field → Dutch message for an ingebrekestelling that cannot count (empty when it does).

    >>> ingebrekestelling_errors(date(2026, 12, 18), date(2026, 12, 21), date(2026, 12, 18), None, None)[
    ...     'ontvangen_op']  # doctest: +ELLIPSIS
    'De beslistermijn liep tot en met 18 december 2026. Een ingebrekestelling die op of vóór die dag binnenkwam ...'
    """
    field = "ontvangen_op"
    if bestaande is not None:
        return {field: f"Voor deze zaak is al een ingebrekestelling ontvangen op {format_date_nl(bestaande)}. "
                       "Een tweede telt niet mee voor de dwangsom."}
    if termijn_tot is None:
        return {field: "Er loopt geen beslistermijn voor een aanvraag in deze zaak. Een ingebrekestelling kan pas "
                       "als de termijn voor het besluit op een aanvraag voorbij is."}
    if bekendgemaakt_op is not None and (ontvangen_op is None or bekendgemaakt_op <= ontvangen_op):
        return {field: f"Het besluit is op {format_date_nl(bekendgemaakt_op)} bekendgemaakt. Daarna kan de gemeente "
                       "niet meer in gebreke worden gesteld."}
    if ontvangen_op is None:
        return {field: "Vul de datum in waarop de ingebrekestelling binnenkwam."}
    if ontvangen_op > vandaag:
        return {field: "De datum van ontvangst kan niet in de toekomst liggen."}
    if ontvangen_op <= termijn_tot:
        return {field: f"De beslistermijn liep tot en met {format_date_nl(termijn_tot)}. Een ingebrekestelling die op "
                       "of vóór die dag binnenkwam is te vroeg en telt niet (art. 4:17 lid 3 Awb): de inwoner moet "
                       "hem opnieuw sturen."}
    return {}


def uitzondering_errors(grond: str | None, reden: str) -> dict[str, str]:
    """Field → Dutch message for an art. 4:17 lid 6 exception that is not complete."""
    errors = {}
    if grond not in UITZONDERINGEN:
        errors["grond"] = "Kies waarom geen dwangsom verschuldigd is (art. 4:17 lid 6 Awb)."
    if not (reden or "").strip():
        errors["reden"] = "Schrijf de reden op; die staat in de beschikking over de dwangsom."
    elif len(reden) > 2000:
        errors["reden"] = "De reden mag niet langer zijn dan 2000 tekens."
    return errors


def vaststelling_errors(vastgesteld: str | int | None, berekend: int, toelichting: str) -> tuple[int | None, dict]:
    """(euro, errors) for the amount the consulent sets in the beschikking on the dwangsom (art. 4:18)."""
    try:
        amount = int(str(vastgesteld).strip()) if str(vastgesteld or "").strip() != "" else None
    except ValueError:
        return None, {"dwangsom_bedrag": "Vul een bedrag in hele euro's in, bijvoorbeeld 161."}
    if amount is None:
        return None, {"dwangsom_bedrag": "Vul het bedrag van de dwangsom in (0 als er geen verschuldigd is)."}
    if not 0 <= amount <= MAX_BEDRAG:
        return None, {"dwangsom_bedrag": f"De dwangsom is ten minste € 0 en ten hoogste {euro(MAX_BEDRAG)} "
                                         "(art. 4:17 lid 1 en 2 Awb)."}
    if amount != berekend and not (toelichting or "").strip():
        return None, {"dwangsom_toelichting": f"Het berekende bedrag is {euro(berekend)}. Schrijf waarom u een ander "
                                              "bedrag vaststelt."}
    return amount, {}


def euro(amount: int) -> str:
    """Whole euro the Dutch way.

    >>> euro(1442)
    '€ 1.442'
    """
    return f"€ {amount:,}".replace(",", ".")
