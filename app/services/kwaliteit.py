"""Quality per aanbieder (#12 point 3), from the platform's own data in the gemeenten asked for and one period:
clients in care, the answer (302) on the toewijzing (301) against the 3-werkdagen term (iStandaarden OP033x1),
the days from toewijzing to start zorg (305), declaratieregels refused and why (retourcodes), and the klachten and
signalen by state. Every figure is a rapportage cell with the persons it is about, so that a figure about fewer
than 5 persons is shown as "< 5" (app/domain/small_cells.py); `publieke_cijfers` gives the two objective figures
the public sociale kaart shows. Names and BSNs never leave this module (a BSN only as a distinct key)."""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import median

from sqlalchemy import select

from .. import db
from ..domain.deadlines import add_working_days, is_working_day
from ..domain.klachten import SOORTEN, STATUSSEN
from ..domain.small_cells import SHOWN, SMALL, is_small
from ..models import Bericht, Declaratie, Klacht, Prestatie, Toewijzing, Zaak
from .exchange.codes import describe
from .rapportage.bron import TZ, local_date
from .rapportage.tables import AANTAL, Cell, Column, Table
from .settings import extra_holidays

ANTWOORD_TERMIJN = 3  # werkdagen for the 302 (OP033x1)
IN_ZORG = ("gestart", "gestopt")


@dataclass(frozen=True)
class Periode:
    key: str
    label: str
    start: date
    end: date


def periodes(today: date) -> list[Periode]:
    """The periods to choose from: the last 12 months (the default) and this year and the three before."""
    last = Periode("12m", "Laatste 12 maanden", _year_before(today), today)
    return [last] + [Periode(str(y), str(y), date(y, 1, 1), min(date(y, 12, 31), today))
                     for y in range(today.year, today.year - 4, -1)]


def periode_of(key: str | None, today: date) -> Periode | None:
    """The period `key` names (None for an unknown one); no key: the last 12 months."""
    options = periodes(today)
    return next((p for p in options if p.key == (key or "12m")), None)


@dataclass
class Kwaliteit:
    periode: Periode
    in_zorg: Cell
    #: Toewijzingen whose answer was due in the period (answered, or its term passed), and the share in time.
    antwoord_geteld: Cell
    antwoord_op_tijd: Cell
    antwoord_mediaan: Cell
    start_geteld: Cell
    start_mediaan: Cell
    regels: Cell
    afgekeurd: Cell
    afgekeurd_procent: Cell
    redenen: Table
    klachten: Table


def kwaliteit(aanbieder_id: int, gemeente_ids, periode: Periode, today: date | None = None) -> Kwaliteit:
    """Every figure of the quality page of one aanbieder in these gemeenten for `periode`."""
    today = today or date.today()
    rows = _toewijzingen(aanbieder_id, gemeente_ids)
    in_zorg = {p for p, _s, _m, start, stop, status, _a in rows if status in IN_ZORG and start is not None
               and start <= periode.end and (stop is None or stop >= periode.start)}
    answers = _answers(rows, periode, today)
    starts = _starts(rows, periode)
    lines = list(db.session.execute(select(Prestatie.status, Prestatie.retourcodes, Prestatie.bsn).join(
        Declaratie, Declaratie.id == Prestatie.declaratie_id).where(
        Declaratie.aanbieder_id == aanbieder_id, Declaratie.gemeente_id.in_(sorted(gemeente_ids)),
        Prestatie.periode_begin.between(periode.start, periode.end),
        Prestatie.status.in_(("goedgekeurd", "afgekeurd")))))
    refused = [(codes, bsn) for status, codes, bsn in lines if status == "afgekeurd"]
    approved = {bsn for status, _c, bsn in lines if status == "goedgekeurd"}
    return Kwaliteit(
        periode=periode, in_zorg=cell(len(in_zorg), len(in_zorg)),
        antwoord_geteld=cell(len(answers), len({p for p, _ok, _d in answers})),
        antwoord_op_tijd=_share([p for p, ok, _d in answers if ok], [p for p, ok, _d in answers if not ok]),
        antwoord_mediaan=_median([(p, d) for p, _ok, d in answers if d is not None]),
        start_geteld=cell(len(starts), len({p for p, _d in starts})), start_mediaan=_median(starts),
        regels=cell(len(lines), len({bsn for _s, _c, bsn in lines})),
        afgekeurd=cell(len(refused), len({bsn for _c, bsn in refused})),
        afgekeurd_procent=_share([bsn for _c, bsn in refused], [bsn for s, _c, bsn in lines if s == "goedgekeurd"],
                                 persons_yes=len({b for _c, b in refused}), persons_no=len(approved)),
        redenen=_redenen(refused), klachten=_klachten(aanbieder_id, gemeente_ids, periode))


@dataclass(frozen=True)
class PubliekeCijfers:
    """What the sociale kaart shows of an aanbieder beside the ratings: objective figures, the last 12 months."""
    periode: Periode
    antwoord_op_tijd: Cell
    start_mediaan: Cell

    @property
    def any_shown(self) -> bool:
        return any(c.shown and c.value is not None for c in (self.antwoord_op_tijd, self.start_mediaan))


def publieke_cijfers(aanbieder_id: int, gemeente_id: int, today: date | None = None) -> PubliekeCijfers:
    """The share of toewijzingen answered within 3 werkdagen and the median days from toewijzing to the start of
    care, of one aanbieder in one gemeente over the last 12 months; each "< 5" when about fewer than 5 persons."""
    today = today or date.today()
    periode = periodes(today)[0]
    rows = _toewijzingen(aanbieder_id, (gemeente_id,))
    answers = _answers(rows, periode, today)
    return PubliekeCijfers(periode, _share([p for p, ok, _d in answers if ok], [p for p, ok, _d in answers if not ok]),
                           _median(_starts(rows, periode)))


def cell(value, persons: int | None) -> Cell:
    """A figure about `persons` persons: hidden as "< 5" when they are 1 to 4."""
    return Cell(value, persons, SMALL if is_small(persons) else SHOWN)


def _toewijzingen(aanbieder_id: int, gemeente_ids) -> list:
    """(person, sent, made, start zorg, stop zorg, status, answered) of the aanbieder's toewijzingen."""
    heen, retour = Bericht.__table__.alias("heen"), Bericht.__table__.alias("retour")
    query = (select(Zaak.person_id, heen.c.ontvangen_op, Toewijzing.toegewezen_op, Toewijzing.start_zorg,
                    Toewijzing.stop_zorg, Toewijzing.status, retour.c.ontvangen_op)
             .join(Zaak, Zaak.id == Toewijzing.zaak_id)
             .outerjoin(heen, heen.c.id == Toewijzing.bericht_id).outerjoin(retour, retour.c.id == heen.c.retour_id)
             .where(Toewijzing.aanbieder_id == aanbieder_id, Toewijzing.gemeente_id.in_(sorted(gemeente_ids))))
    return [(p, local_date(sent), local_date(made), start, stop, status, local_date(answered))
            for p, sent, made, start, stop, status, answered in db.session.execute(query)]


def _answers(rows, periode: Periode, today: date) -> list[tuple]:
    """(person, in time, werkdagen until the 302 or None) of each 301 sent in the period whose answer is in or
    whose term has passed (one still within its term is not counted yet)."""
    extra, out = extra_holidays(), []
    for person, sent, _made, _start, _stop, _status, answered in rows:
        if sent is None or not periode.start <= sent <= periode.end:
            continue
        last_day = add_working_days(sent, ANTWOORD_TERMIJN, extra)
        if answered is not None:
            out.append((person, answered <= last_day, _werkdagen(sent, answered, extra)))
        elif last_day < today:
            out.append((person, False, None))
    return out


def _starts(rows, periode: Periode) -> list[tuple]:
    """(person, days from the toewijzing to the start of care) of the toewijzingen made in the period that
    started; care that started before the toewijzing was made (afterwards, from its ingangsdatum) counts as 0."""
    return [(person, max(0, (start - made).days)) for person, _sent, made, start, _stop, _status, _a in rows
            if start is not None and made is not None and periode.start <= made <= periode.end]


def _werkdagen(start: date, end: date, extra) -> int:
    """The working days after `start` up to and including `end` (0 on the same day)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day, extra)
    return count


def _share(yes: list, no: list, persons_yes: int | None = None, persons_no: int | None = None) -> Cell:
    """The percentage of `yes` among all; it reveals the smaller group of persons, so that one decides "< 5"."""
    whole = len(yes) + len(no)
    if not whole:
        return Cell(None, 0)
    groups = [n for n in (len(set(yes)) if persons_yes is None else persons_yes,
                          len(set(no)) if persons_no is None else persons_no) if n > 0]
    return cell(100 * len(yes) / whole, min(groups))


def _median(items: list[tuple]) -> Cell:
    """The median of the values of (person, value) items, about the distinct persons in them."""
    if not items:
        return Cell(None, 0)
    return cell(median(v for _p, v in items), len({p for p, _v in items}))


def _redenen(refused: list[tuple]) -> Table:
    """Refused lines per retourcode (a line with two codes counts under both), with its Dutch meaning."""
    by_code: dict[str, list] = {}
    for codes, bsn in refused:
        for code in (codes or "").split() or ["onbekend"]:
            by_code.setdefault(code, []).append(bsn)
    rows = [(describe(code) if code != "onbekend" else "Zonder retourcode (afgekeurd door een medewerker)",
             [Cell(len(bsns), len(set(bsns)))]) for code, bsns in sorted(by_code.items(), key=lambda kv: -len(kv[1]))]
    return Table("redenen", "Redenen van afkeuren", "Retourcode en betekenis", [Column("Afgekeurde regels", AANTAL)],
                 rows, chart="none").protected()


def _klachten(aanbieder_id: int, gemeente_ids, periode: Periode) -> Table:
    """Klachten and signalen registered in the period, by state; the totals are protected with the cells."""
    found = list(db.session.execute(select(Klacht.soort, Klacht.status, Klacht.person_id).where(
        Klacht.aanbieder_id == aanbieder_id, Klacht.gemeente_id.in_(sorted(gemeente_ids)),
        Klacht.geregistreerd_op >= _midnight(periode.start),
        Klacht.geregistreerd_op < _midnight(periode.end + timedelta(days=1)))))

    def counts(items) -> list[Cell]:
        cells = []
        for status in list(STATUSSEN) + [None]:
            mine = [p for _s, st, p in items if status is None or st == status]
            cells.append(Cell(len(mine), len({p for p in mine if p is not None})))
        return cells
    rows = [(SOORTEN[soort], counts([k for k in found if k[0] == soort])) for soort in SOORTEN]
    rows.append(("Totaal", counts(found)))
    columns = [Column(label, in_row_line=True) for label in STATUSSEN.values()] + [Column("Totaal", charted=False)]
    return Table("klachten", "Klachten en signalen", "Soort", columns, rows, total_row=True, total_col=3,
                 chart="none").protected()


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=TZ)


def _year_before(today: date) -> date:
    try:
        return today.replace(year=today.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February
        return date(today.year - 1, 3, 1)
