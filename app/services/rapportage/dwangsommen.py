"""Ingebrekestellingen and dwangsommen (#17 point 4, Awb 4:17-4:18): per law, the ingebrekestellingen received in
the scope's periods, how many set a dwangsom running, its days, the amount the law gives (as of the scope's today,
or its last day) and the amount the gemeente set by beschikking. Every cell counts persons: small cells hidden."""
from sqlalchemy import func, select

from ... import db
from ...models import Beschikking, Ingebrekestelling, Zaak
from ..dwangsom import stand_of
from . import bron
from .scope import Scope
from .tables import BEDRAG, Cell, Column, Table

DOMEINEN = (("wmo", "Wmo 2015"), ("jeugd", "Jeugdwet"))


@bron.once
def ingebrekestellingen(scope: Scope) -> list:
    """(domein, person_id, days, computed euro, set euro or None) per ingebrekestelling received in the periods."""
    known = (select(Beschikking.zaak_id, func.min(Beschikking.bekendgemaakt_op).label("op"))
             .group_by(Beschikking.zaak_id).subquery())
    rows = db.session.execute(bron._zaken_in(scope, select(Zaak.domein, Zaak.person_id, Ingebrekestelling, known.c.op)
                                             .join(Ingebrekestelling, Ingebrekestelling.zaak_id == Zaak.id)
                                             .outerjoin(known, known.c.zaak_id == Zaak.id))
                              .where(Ingebrekestelling.ontvangen_op.between(scope.start, scope.end)))
    result = []
    for domein, person_id, row, op in rows:
        stand = stand_of(row, op, scope.today)
        result.append((domein, person_id, stand.dagen if stand.bedrag else 0, stand.bedrag, row.vastgesteld_bedrag))
    return result


def dwangsommen(scope: Scope) -> Table:
    found = ingebrekestellingen(scope)
    columns = [Column("Ingebrekestellingen"), Column("Met dwangsom"), Column("Dagen dwangsom", charted=False),
               Column("Bedrag volgens de wet", BEDRAG), Column("Vastgesteld bij beschikking", BEDRAG)]
    rows = [(label, _row([r for r in found if r[0] == domein])) for domein, label in DOMEINEN]
    rows.append(("Totaal", _row(found)))
    return Table("dwangsommen", "Dwangsommen bij niet tijdig beslissen", "Wet", columns, rows, total_row=True,
                 note="Ingebrekestellingen ontvangen in de gekozen periode (art. 4:17 Awb). 'Bedrag volgens de wet': "
                      "€ 23, € 35 en € 45 per dag, ten hoogste € 1.442, tot vandaag of tot het besluit; "
                      "'Vastgesteld': het bedrag uit de beschikking over de dwangsom (art. 4:18 Awb).").protected()


def _row(rows: list) -> list[Cell]:
    running = [r for r in rows if r[3] > 0]
    fixed = [r for r in rows if r[4] is not None]
    persons = lambda part: len({r[1] for r in part})  # noqa: E731
    return [Cell(len(rows), persons(rows)), Cell(len(running), persons(running)),
            Cell(sum(r[2] for r in running), persons(running)),
            Cell(100 * sum(r[3] for r in running), persons(running)),
            Cell(100 * sum(r[4] for r in fixed), persons(fixed))]
