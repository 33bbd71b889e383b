"""Bringing the rapportage summaries up to date (app/models/rapportage_samenvatting.py), run by the tick every
minute (app/jobs/tasks.py). A change to a declaratieregel, a task or a person leaves a mark beside it
(wijzigingen.py); the refresh redoes the rows of the persons marked, the month rows of the gemeente and months they
touch, and the person counts of the spans of months that hold those months. A first run, a new year or a new day
(the spans of the forecast follow the day) redoes more: everything, or every span. So does a pseudonym key other
than the one the rows were made with (pseudoniem.py: a restored database, a key removed): the rows of a person
could not be found under the new key, and would be counted twice."""
import logging
import time as clock
from datetime import date, datetime, timezone

from sqlalchemy import BigInteger, and_, case, delete, func, insert, literal, or_, select

from ... import db
from ...models import (Gemeente, RapportageMaand, RapportagePersoon, RapportageStand, RapportageVenster,
                      RapportageVerdeling, RapportageWijziging)
from ..uow import unit_of_work
from .bron import TZ
from .pseudoniem import Pseudonyms, fingerprint, key
from .samenvatting_bronnen import SOURCES, Source, chunks, expand
from .vensters import MONTHS, basis, mask, months_of, windows

logger = logging.getLogger(__name__)
BATCH = 5000


def today_nl() -> date:
    return datetime.now(timezone.utc).astimezone(TZ).date()


def refresh(today: date | None = None, full: bool = False) -> dict:
    """Bring every gemeente's summaries up to date as of `today`; what was done and how long it took."""
    started, today = clock.perf_counter(), today or today_nl()
    with unit_of_work() as session:
        stands = {s.gemeente_id: s for s in session.scalars(select(RapportageStand))}
        gemeenten = list(session.scalars(select(Gemeente.id)))
        base = basis(today)
        secret = key(session)
        made_with = fingerprint(secret)
        if any(s.sleutel != made_with for s in stands.values()):
            logger.warning("Rapportage summaries made with another pseudonym key: they are made again in full")
            full = True
        full = full or any(g not in stands or stands[g].basis != base for g in gemeenten)
        last_mark = session.scalar(select(func.max(RapportageWijziging.id))) or 0
        marks: dict[str, set] = {}
        if not full:
            for bron, sleutel in session.execute(select(RapportageWijziging.bron, RapportageWijziging.sleutel)
                                                 .where(RapportageWijziging.id <= last_mark)):
                marks.setdefault(bron, set()).add(sleutel)
        new_day = full or any(stands[g].peildatum != today for g in gemeenten)
        persons = None if full else {bron: source.persons_of(marks[bron]) for bron, source in SOURCES.items()
                                     if marks.get(bron)}
        done = _redo(persons, gemeenten, today, base, new_day, Pseudonyms(secret))
        session.execute(delete(RapportageWijziging).where(RapportageWijziging.id <= last_mark))
        now, ms = datetime.now(timezone.utc), int(1000 * (clock.perf_counter() - started))
        for g in gemeenten:
            stand = stands.get(g)
            if stand is None:
                stand = RapportageStand(gemeente_id=g, volledig_op=now)
                session.add(stand)
            stand.peildatum, stand.basis, stand.bijgewerkt_op, stand.duur_ms = today, base, now, ms
            stand.sleutel = made_with
            if full:
                stand.volledig_op = now
    result = {"volledig": full, "nieuwe_dag": new_day, "maanden": done,
              "seconden": round(clock.perf_counter() - started, 2)}
    logger.info("Rapportage summaries refreshed: %s", result)
    return result


def redo_person(session, bsn: str, person_id: int) -> None:
    """A destruction (services/vernietiging.py) takes a person's rows away with plain deletes, which leave no
    change marks: their summaries are redone now, in the destroying transaction (a person who went leaves them),
    and no mark keeps their BSN or person id waiting for the next refresh. Summaries made with another pseudonym key
    cannot be redone per person (their rows cannot be found): they go, and the next tick makes them in full."""
    marks = RapportageWijziging
    session.execute(delete(marks).where(or_(and_(marks.bron == "declaratie", marks.sleutel == bsn),
                                            and_(marks.bron == "stap", marks.sleutel == f"p{person_id}"))))
    stands = list(session.scalars(select(RapportageStand)))
    if not stands:  # no summaries yet: the first refresh builds them from what is left
        return
    secret = key(session)
    if any(s.sleutel != fingerprint(secret) for s in stands):
        for model in (RapportagePersoon, RapportageVenster, RapportageMaand, RapportageVerdeling, RapportageStand):
            session.execute(delete(model))
        logger.warning("Rapportage summaries made with another pseudonym key dropped; the next tick makes them again")
        return
    _redo({"declaratie": {bsn}, "stap": {str(person_id)}}, [s.gemeente_id for s in stands],
          stands[0].peildatum, stands[0].basis, new_day=False, pseudonym=Pseudonyms(secret))


def _redo(persons: dict[str, set] | None, gemeenten: list[int], today: date, base: int, new_day: bool,
          pseudonym: Pseudonyms) -> dict:
    """Redo the summaries of `persons` per source (None: of everyone) and the spans their months fall in (every
    span on a new day); {source: months redone}."""
    done = {}
    for bron, source in SOURCES.items():
        if persons is None:
            touched = _rebuild(source, None, base, pseudonym)
        else:
            touched = _rebuild(source, persons[bron], base, pseudonym) if persons.get(bron) else {}
        wanted = windows(today)
        for g in gemeenten:
            spans = wanted if new_day else [w for w in wanted if any(w[0] <= m <= w[1] for m in touched.get(g, ()))]
            if spans:
                _count_windows(source, g, spans, base, replace_all=new_day)
        done[bron] = sum(len(m) for m in touched.values())
    return done


def _rebuild(source: Source, persons: set | None, base: int, pseudonym: Pseudonyms) -> dict[int, set[int]]:
    """Redo the person rows of `persons` (None: all) and the month rows they touch; {gemeente: months touched}.
    The rows keep a person as their pseudonym: it is made here, so the statements stay plain SQL."""
    session = db.session()
    touched: dict[int, set[int]] = {}
    model = source.month_model
    if persons is None:
        session.execute(delete(RapportagePersoon).where(RapportagePersoon.bron == source.bron))
        session.execute(delete(model).where(model.bron == source.bron))
        for g in session.scalars(select(Gemeente.id)):
            touched[g] = set(range(base, base + MONTHS))
    else:
        for chunk in chunks({pseudonym(source.bron, p) for p in persons}):
            old = (RapportagePersoon.bron == source.bron, RapportagePersoon.persoon.in_(chunk))
            for g, bits in session.execute(select(RapportagePersoon.gemeente_id, RapportagePersoon.maanden).where(*old)):
                touched.setdefault(g, set()).update(months_of(bits, base))
            session.execute(delete(RapportagePersoon).where(*old))
    rows = expand(source, source.person_rows(persons), base)
    batch = []
    for (g, wijk, person, s1, s2, s3), bits in rows.items():
        if persons is not None:
            touched.setdefault(g, set()).update(months_of(bits, base))
        batch.append({"gemeente_id": g, "wijk": wijk, "bron": source.bron, "s1": s1, "s2": s2, "s3": s3,
                      "persoon": pseudonym(source.bron, person), "maanden": bits})
        if len(batch) >= BATCH:
            session.execute(insert(RapportagePersoon), batch)
            batch = []
    if batch:
        session.execute(insert(RapportagePersoon), batch)
    for g, months in touched.items():
        if not months:
            continue
        if persons is not None:
            session.execute(delete(model).where(model.gemeente_id == g, model.bron == source.bron,
                                                model.maand.in_(sorted(months))))
        found = source.month_rows(g, months)
        for i in range(0, len(found), BATCH):
            session.execute(insert(model), found[i:i + BATCH])
    return touched


def _count_windows(source: Source, gemeente_id: int, spans: list[tuple[int, int]], base: int,
                   replace_all: bool) -> None:
    """The distinct persons per key in each span, counted in the database from the month bits in one pass."""
    session = db.session()
    where = (RapportageVenster.gemeente_id == gemeente_id, RapportageVenster.bron == source.bron)
    if replace_all:
        session.execute(delete(RapportageVenster).where(*where))
    else:
        session.execute(delete(RapportageVenster).where(*where, or_(*[
            and_(RapportageVenster.van == a, RapportageVenster.tot == b) for a, b in spans])))
    p = RapportagePersoon
    keys = (p.wijk, p.s1, p.s2, p.s3)
    for i in range(0, len(spans), 40):  # a statement of at most 40 sums
        part = spans[i:i + 40]
        sums = [func.sum(case((p.maanden.op("&")(literal(mask(a, b, base), BigInteger)) != 0, 1), else_=0))
                for a, b in part]
        batch = []
        for row in session.execute(select(*keys, *sums).where(p.gemeente_id == gemeente_id, p.bron == source.bron)
                                   .group_by(*keys)):
            for (a, b), n in zip(part, row[4:]):
                if n:
                    batch.append({"gemeente_id": gemeente_id, "wijk": row[0], "bron": source.bron, "s1": row[1],
                                  "s2": row[2], "s3": row[3], "van": a, "tot": b, "personen": int(n)})
        for j in range(0, len(batch), BATCH):
            session.execute(insert(RapportageVenster), batch[j:j + BATCH])


def stand_of(gemeente_ids) -> RapportageStand | None:
    """The oldest stand of these gemeenten (None: one of them has no summaries yet)."""
    found = list(db.session.scalars(select(RapportageStand).where(RapportageStand.gemeente_id.in_(gemeente_ids))))
    if len(found) < len(set(gemeente_ids)):
        return None
    return min(found, key=lambda s: s.bijgewerkt_op)


def pending() -> bool:
    return db.session.scalar(select(func.count()).select_from(RapportageWijziging)) > 0
