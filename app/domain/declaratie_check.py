"""The declaratie (323) checks that need earlier approved declaraties and the contract, and the
verdict per prestatie: goedgekeurd, afgekeurd (with retourcodes) or handmatig (a person looks).

`iwmo_messages.check_rules` already checks each prestatie against its toewijzing (TR304, TR307,
TR308, TR338–TR341, TR321, TR346) and the uniqueness rules (TR314, TR333). Here are the rules it
cannot check because they add up over earlier messages or need the contract (NOTES.md §4):
TR322 (volume), TR369 (budget), TR418 (tarief, 0611), TR384, TR389, TR323 and TR390.
"""
from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from iwmo_messages import RuleResult, ToewijzingInfo
from iwmo_messages.rules.base import CROSS_MESSAGE, EXTERNAL, IN_MESSAGE
from iwmo_messages.rules.declaratie import over_own_volume, toegewezen_volume

GOEDGEKEURD, AFGEKEURD, HANDMATIG = "goedgekeurd", "afgekeurd", "handmatig"
NOT_ASSESSED = "0233"
#: Frequentie codes (WMO757): per dag, per week, per maand, totaal.
PER_DAG, PER_WEEK, PER_MAAND, TOTAAL = "1", "2", "4", "6"


@dataclass(frozen=True, slots=True)
class Tariefperiode:
    """A contract tarief per eenheid in euro cents, in force from `begin` through `einde` (None: open)."""

    begin: date
    einde: date | None
    tarief_cent: int


@dataclass(frozen=True, slots=True)
class Toewijzingsfeiten:
    """A toewijzing as the declaratie check sees it: the 301 facts plus contract and state."""

    info: ToewijzingInfo
    #: One contract tarief per eenheid in euro cents for every date (TR418); None when there is no contract price.
    tarief_cent: int | None
    reden_wijziging: str | None = None
    toewijzing_id: int | None = None  # the database row, when there is one
    #: The contract tarieven by date (they change on a date): given, they replace `tarief_cent`, and a
    #: prestatie on a day without one has no contract tarief to match (TR418).
    tarieven: tuple[Tariefperiode, ...] | None = None

    def tarief_op(self, day: date) -> int | None:
        """The contract tarief in force on `day` (None: none in force)."""
        if self.tarieven is None:
            return self.tarief_cent
        return next((t.tarief_cent for t in self.tarieven
                     if t.begin <= day and (t.einde is None or day <= t.einde)), None)

    @property
    def has_contract_price(self) -> bool:
        return self.tarieven is not None or self.tarief_cent is not None


@dataclass(frozen=True, slots=True)
class EerderePrestatie:
    """A prestatie of an earlier declaratie of the same aanbieder that was approved."""

    toewijzing_nummer: int
    referentie_nummer: str
    vorig_referentie_nummer: str | None
    categorie: str
    code: str
    begindatum: date
    volume: int
    bedrag_cent: int
    debet_credit: str


@dataclass
class Regel:
    """The verdict on one Prestatie of the message (same order as the message)."""

    prestatie: object  # the iwmo_messages Prestatie
    bsn: str
    status: str
    retourcodes: list[str] = field(default_factory=list)
    redenen: list[str] = field(default_factory=list)


def extra_rules(message, feiten: dict[int, Toewijzingsfeiten], eerder: list[EerderePrestatie]) -> list[RuleResult]:
    """Return the faults of the cross-declaratie and contract rules for every Prestatie."""
    out: list[RuleResult] = []
    debets = {_debet_key(e.toewijzing_nummer, e.begindatum, e.categorie, e.code)
              for e in eerder if e.debet_credit == "D"}
    credited = {e.vorig_referentie_nummer for e in eerder if e.debet_credit == "C"}
    approved_debets = {e.referentie_nummer for e in eerder if e.debet_credit == "D"}
    volume_used, bedrag_used = _used(eerder)
    for path, p in _prestaties(message):
        t = feiten.get(p.toewijzing_nummer)
        if t is None:
            continue  # TR338 (iwmo_messages) reports the missing toewijzing
        credit = p.ingediend_bedrag.debet_credit == "C"
        vorig = p.product_referentie.vorig_referentie_nummer

        def fault(code, retourcode, level, element, text):
            out.append(RuleResult(code, retourcode, level, f"{path}/{element}", text, None, p))

        if t.reden_wijziging == "13":
            fault("TR384", "9384", CROSS_MESSAGE, "ToewijzingNummer",
                  f"toewijzing {p.toewijzing_nummer} is verwijderd (RedenWijziging 13)")
        if credit:
            if vorig not in approved_debets:
                fault("TR323", "8017", CROSS_MESSAGE, "ProductReferentie",
                      f"geen eerder goedgekeurde debetregel {vorig!r} om te crediteren")
            elif vorig in credited:
                fault("TR390", "9390", CROSS_MESSAGE, "ProductReferentie", f"regel {vorig!r} is al gecrediteerd")
            continue  # volume, budget and tarief apply to debet lines
        key = _debet_key(p.toewijzing_nummer, p.product_periode.begindatum, p.product_categorie, p.product_code)
        if key in debets:
            fault("TR389", "9389", CROSS_MESSAGE, "ProductPeriode",
                  "voor deze toewijzing, periode en product is al een debetregel goedgekeurd")
        text = _tarief_fault(p, t)
        if text:
            fault("TR418", "0611", EXTERNAL, "ProductTarief", text)
        text = _over_volume(p, t.info, volume_used)
        if text:
            fault("TR322", "9322", CROSS_MESSAGE, "GeleverdVolume", text)
        if t.info.budget is not None:
            used = bedrag_used[p.toewijzing_nummer] + p.ingediend_bedrag.bedrag
            if used > t.info.budget:
                fault("TR369", "9369", CROSS_MESSAGE, "IngediendBedrag",
                      f"totaal {used} cent is meer dan het budget {t.info.budget}")
            bedrag_used[p.toewijzing_nummer] = used
    return out


def verdicts(message, results: list[RuleResult], handmatig_vanaf_cent: int | None = None) -> list[Regel]:
    """Classify every Prestatie given all rule results (iwmo_messages' and `extra_rules`').

    A fault at message level (in-message/XSLT, header or Declaratie class) rejects every line;
    a Client fault marks its lines 0233. A debet line above `handmatig_vanaf_cent`, and every
    credit line, is left to a person (HANDMATIG) when no rule rejected it.
    """
    decl = message.declaratie
    own: dict[int, list[RuleResult]] = defaultdict(list)
    for r in results:
        own[id(r.target)].append(r)
    whole = [r for r in results if r.level == IN_MESSAGE or id(r.target) in (id(message.header), id(decl), id(message))]
    regels = []
    for client in decl.clienten:
        client_faults = own.get(id(client), [])
        for p in client.prestaties:
            faults = whole or own.get(id(p), [])
            if faults:
                regel = Regel(p, client.bsn, AFGEKEURD, _unique(r.retourcode for r in faults), [r.message for r in faults])
            elif client_faults:
                regel = Regel(p, client.bsn, AFGEKEURD, [NOT_ASSESSED], [r.message for r in client_faults])
            elif p.ingediend_bedrag.debet_credit == "C":
                regel = Regel(p, client.bsn, HANDMATIG, redenen=["creditregel: terugvordering beoordelen"])
            elif handmatig_vanaf_cent is not None and p.ingediend_bedrag.bedrag >= handmatig_vanaf_cent:
                regel = Regel(p, client.bsn, HANDMATIG, redenen=["bedrag boven de drempel voor controle"])
            else:
                regel = Regel(p, client.bsn, GOEDGEKEURD)
            regels.append(regel)
    return regels


def _prestaties(message):
    for i, client in enumerate(message.declaratie.clienten, 1):
        for j, p in enumerate(client.prestaties, 1):
            yield f"Client[{i}]/Prestatie[{j}]", p


def _debet_key(nummer: int, begin: date, categorie: str, code: str) -> tuple:
    return nummer, begin.year, begin.month, categorie, code


def _used(eerder: list[EerderePrestatie]):
    """Σ approved volume per (toewijzing, month) and overall, and Σ bedrag per toewijzing."""
    volume: dict[tuple, int] = defaultdict(int)
    bedrag: dict[int, int] = defaultdict(int)
    for e in eerder:
        sign = -1 if e.debet_credit == "C" else 1
        volume[(e.toewijzing_nummer, e.begindatum.year, e.begindatum.month)] += sign * e.volume
        volume[(e.toewijzing_nummer,)] += sign * e.volume
        bedrag[e.toewijzing_nummer] += sign * e.bedrag_cent
    return volume, bedrag


def _tarief_fault(p, t: Toewijzingsfeiten) -> str | None:
    """TR418: the ProductTarief is the contract tarief in force on the first day of the ProductPeriode
    (a tarief that changed on a date applies to prestaties from that date on); euro's (83) have none."""
    if p.eenheid == "83" or not t.has_contract_price:
        return None
    day = p.product_periode.begindatum
    expected = t.tarief_op(day)
    if expected is None:
        return f"op {day.isoformat()} is er geen contracttarief voor dit product"
    if p.product_tarief != expected:
        return f"tarief {p.product_tarief} wijkt af van het contracttarief {expected} op {day.isoformat()}"
    return None


def _over_volume(p, t: ToewijzingInfo, used: dict[tuple, int]) -> str | None:
    """TR322: Σ GeleverdVolume stays within the toegewezen Omvang for its Frequentie; the
    running sums in `used` include this line afterwards, so later lines count it too.

    A line that is wrong on its own is left to its own rule and not counted: outside the
    toewijzing's period (TR307/TR308), another Eenheid (TR341), or above the Volume for its own
    ProductPeriode (TR321). Each fault gets exactly its own code."""
    if t.volume is None or t.frequentie is None:
        return None
    b, e = p.product_periode.begindatum, p.product_periode.einddatum
    if (toegewezen_volume(t, b, e) is None or (t.eenheid and p.eenheid != t.eenheid)
            or over_own_volume(p, t) is not None):
        return None
    month_key, total_key = (p.toewijzing_nummer, b.year, b.month), (p.toewijzing_nummer,)
    used[month_key] += p.geleverd_volume
    used[total_key] += p.geleverd_volume
    if t.frequentie == TOTAAL:
        total, limit = used[total_key], Fraction(t.volume)
    else:
        days = _days_in_month_within(b, t)
        per = {PER_DAG: Fraction(days), PER_WEEK: Fraction(days, 7), PER_MAAND: Fraction(1)}.get(t.frequentie)
        if per is None:
            return None
        total, limit = used[month_key], t.volume * per
    if total > limit:
        return f"geleverd {total} is meer dan toegewezen ({float(limit):g} {_frequentie(t.frequentie)})"
    return None


def _days_in_month_within(day: date, t: ToewijzingInfo) -> int:
    """Days of `day`'s month that fall inside the toewijzing's period."""
    first = day.replace(day=1)
    last = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    begin, end = max(first, t.ingangsdatum), min(last, t.einddatum or last)
    return max(0, (end - begin).days + 1)


def _frequentie(code: str) -> str:
    return {PER_DAG: "per dag, deze maand", PER_WEEK: "per week, deze maand", PER_MAAND: "per maand",
            TOTAAL: "in totaal"}[code]


def _unique(codes) -> list[str]:
    return list(dict.fromkeys(codes))
