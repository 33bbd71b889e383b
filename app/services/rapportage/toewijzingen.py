"""Toewijzingen per productcategorie and aanbieder; the aanbieders' answer time (a 302 on the 301 within 3
werkdagen, iStandaarden OP033x1) and the share of declaratieregels refused."""
from sqlalchemy import select

from ... import db
from ...domain.deadlines import add_working_days
from ...models import Aanbieder
from ..settings import extra_holidays
from . import bron
from .scope import Scope, categorieen
from .tables import PROCENT, Cell, Column, Table, share


def aanbieder_names() -> dict[int, str]:
    return {k: v for k, v in db.session.execute(select(Aanbieder.id, Aanbieder.naam))}


def category_names() -> dict[str, str]:
    return {cat: f"{cat} {naam}" for cat, _domein, naam in categorieen()}


def per_categorie(scope: Scope) -> Table:
    rows_in = [t for t in bron.toewijzingen(scope) if scope.start <= t.toegewezen <= scope.end]
    names, cats = aanbieder_names(), category_names()
    aanbieders = sorted({t.aanbieder_id for t in rows_in}, key=lambda a: names.get(a, ""))
    columns = [Column(names.get(a, str(a)), in_row_line=True) for a in aanbieders] + [Column("Totaal", charted=False)]
    persons: dict = {}  # (categorie or None, aanbieder or None) → the persons of each toewijzing, one by one
    for t in rows_in:
        for key in ((t.categorie, t.aanbieder_id), (t.categorie, None), (None, t.aanbieder_id), (None, None)):
            persons.setdefault(key, []).append(t.person_id)
    rows = [(cats.get(cat, cat), _counts(persons, cat, aanbieders)) for cat in sorted({t.categorie for t in rows_in})]
    rows.append(("Totaal", _counts(persons, None, aanbieders)))
    return Table("toewijzingen", "Toewijzingen per productcategorie en aanbieder", "Productcategorie", columns, rows,
                 total_row=True, total_col=len(aanbieders),
                 note="Toewijzingen (301) verstuurd in de gekozen periode.").protected()


def antwoordtijd(scope: Scope) -> Table:
    """Per aanbieder: toewijzingen whose 3 werkdagen passed or that were answered, answered in time or not."""
    extra, names = extra_holidays(), aanbieder_names()
    verdicts = []
    for t in bron.toewijzingen(scope):
        if t.verzonden is None or not scope.start <= t.verzonden <= scope.end:
            continue
        last_day = add_working_days(t.verzonden, 3, extra)
        if t.beantwoord is not None:
            verdicts.append((t.aanbieder_id, t.beantwoord <= last_day, t.person_id))
        elif last_day < scope.today:
            verdicts.append((t.aanbieder_id, False, t.person_id))
    columns = [Column("Binnen 3 werkdagen", in_row_line=True), Column("Later of nog niet", in_row_line=True),
               Column("Totaal", charted=False),
               Column("Binnen 3 werkdagen (%)", PROCENT, additive=False, derived_from=(0, 1), charted=False)]
    aanbieders = sorted({a for a, _, _ in verdicts}, key=lambda a: names.get(a, ""))
    rows = [(names.get(a, str(a)), _two_way([(ok, p) for x, ok, p in verdicts if x == a])) for a in aanbieders]
    rows.append(("Totaal", _two_way([(ok, p) for _, ok, p in verdicts])))
    return Table("antwoordtijd", "Antwoordtijd aanbieders op de toewijzing (302)", "Aanbieder", columns, rows,
                 total_row=True, total_col=2,
                 note="Toewijzingen verstuurd in de periode. Binnen 3 werkdagen: het 302-bericht kwam uiterlijk op "
                      "de derde werkdag na verzending binnen (weekend en feestdagen tellen niet).").protected()


def afkeur(scope: Scope) -> Table:
    """Per aanbieder: declaratieregels approved and refused (those still waiting for a person are left out)."""
    judged = ("goedgekeurd", "afgekeurd")
    cells = bron.prestatie_sums(scope, scope.start, scope.end, ("aanbieder", "status"), judged)
    per_aanbieder = bron.prestatie_sums(scope, scope.start, scope.end, ("aanbieder",), judged)
    per_status = bron.prestatie_sums(scope, scope.start, scope.end, ("status",), judged)
    total = bron.prestatie_sums(scope, scope.start, scope.end, (), judged)
    names = aanbieder_names()
    columns = [Column("Goedgekeurd", in_row_line=True), Column("Afgekeurd", in_row_line=True),
               Column("Totaal", charted=False),
               Column("Afgekeurd (%)", PROCENT, additive=False, derived_from=(0, 1), charted=False)]
    rows = [(names.get(a, str(a)), _judged(cells.get((a, "goedgekeurd")), cells.get((a, "afgekeurd")),
                                           per_aanbieder.get((a,))))
            for (a,) in sorted(per_aanbieder, key=lambda k: names.get(k[0], ""))]
    rows.append(("Totaal", _judged(per_status.get(("goedgekeurd",)), per_status.get(("afgekeurd",)), total.get(()))))
    return Table("afkeur", "Declaratieregels goedgekeurd en afgekeurd", "Aanbieder", columns, rows,
                 total_row=True, total_col=2,
                 note="Regels voor zorg in de gekozen periode (op de begindatum van de prestatie).").protected()


def _judged(approved, refused, every) -> list[Cell]:
    """Cells of (cents, lines, persons) sums: lines approved, refused, all, and the share refused."""
    def lines(found):
        return Cell(found[1], found[2]) if found else Cell(0, 0)
    approved_cell, refused_cell, every_cell = lines(approved), lines(refused), lines(every)
    share_cell = share(refused_cell.value, every_cell.value)
    groups = [c.persons for c in (approved_cell, refused_cell) if c.value]  # the smaller group it reveals
    share_cell.persons = min(groups) if groups else 0
    return [approved_cell, refused_cell, every_cell, share_cell]


def _counts(persons: dict, categorie, aanbieders) -> list[Cell]:
    """Per aanbieder and in total: the toewijzingen of `categorie` (None: all) and their persons."""
    cells = []
    for a in [*aanbieders, None]:
        found = persons.get((categorie, a), ())
        cells.append(Cell(len(found), len(set(found))))
    return cells


def _two_way(items) -> list[Cell]:
    yes = [p for ok, p in items if ok]
    no = [p for ok, p in items if not ok]
    every = [p for _, p in items]
    return [Cell(len(yes), len(set(yes))), Cell(len(no), len(set(no))), Cell(len(every), len(set(every))),
            share(len(yes), len(every))]
