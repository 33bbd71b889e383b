"""Spending: the approved declaratieregels per period and productcategorie (on the month the care was given),
set against the budget of the year per category; the uitputting, and the amount the active toewijzingen
still commit for the rest of the year (volume × the contract tarief in force today, app/domain/verplichting.py)."""
from datetime import date

from sqlalchemy import func, select

from ... import db
from ...domain.verplichting import committed_cent
from ...models import Budget
from . import bron
from .scope import Scope, categorieen
from .tables import BEDRAG, PROCENT, Cell, Column, Table
from .bron import ACTIVE
from .toewijzingen import category_names


def _categories(scope: Scope) -> list[str]:
    cats = [c for c, _d, _n in categorieen()]
    return [c for c in cats if c == scope.filters.categorie] if scope.filters.categorie else cats


def uitgaven(scope: Scope) -> Table:
    approved = ("goedgekeurd",)
    cells = bron.prestatie_sums(scope, scope.start, scope.end, ("periode", "categorie"), approved)
    per_period = bron.prestatie_sums(scope, scope.start, scope.end, ("periode",), approved)
    per_cat = bron.prestatie_sums(scope, scope.start, scope.end, ("categorie",), approved)
    total = bron.prestatie_sums(scope, scope.start, scope.end, (), approved)
    names = category_names()
    cats = [c for c in _categories(scope) if (c,) in per_cat]
    columns = [Column(names.get(c, c), BEDRAG, in_row_line=True) for c in cats] + \
        [Column("Totaal", BEDRAG, charted=False)]
    rows = [(p.label, [_amount(cells.get((i, c))) for c in cats] + [_amount(per_period.get((i,)))])
            for i, p in enumerate(scope.periods)]
    rows.append(("Totaal", [_amount(per_cat.get((c,))) for c in cats] + [_amount(total.get(()))]))
    return Table("uitgaven", "Uitgaven: goedgekeurde declaraties", "Periode van de zorg", columns, rows,
                 total_row=True, total_col=len(cats),
                 note="Goedgekeurde declaratieregels (debet min credit), op de maand waarin de zorg is "
                      "geleverd.").protected()


def _amount(found) -> Cell:
    """A Cell of an amount from (cents, lines, persons); none found is € 0 about no one."""
    return Cell(found[0], found[2]) if found else Cell(0, 0)


def budget_uitputting(scope: Scope) -> Table:
    """Per category, for the scope's year: budget, spent, uitputting, committed, and what is left."""
    jaar = scope.filters.jaar
    start, end = date(jaar, 1, 1), date(jaar, 12, 31)
    spent = bron.prestatie_sums(scope, start, end, ("categorie",), ("goedgekeurd",))
    spent_total = bron.prestatie_sums(scope, start, end, (), ("goedgekeurd",)).get(())
    budgets = budgets_of(scope.gemeente_ids, jaar)
    vanaf = max(scope.today, start)
    committed = [(t.categorie, t.person_id, committed_cent(
        volume=t.volume, frequentie=t.frequentie, tarief_cent=t.tarief_cent, budget_cent=t.budget,
        ingang=t.ingangsdatum, einde=t.einddatum, vanaf=vanaf, tot=end))
        for t in bron.toewijzingen(scope) if t.status in ACTIVE]
    names = category_names()
    cats = [c for c in _categories(scope) if c in budgets or (c,) in spent or any(x[0] == c for x in committed)]
    columns = [Column("Budget", BEDRAG, charted=True), Column("Besteed", BEDRAG),
               Column("Uitputting (%)", PROCENT, additive=False, derived_from=(1,), charted=False),
               Column("Verplicht (actieve toewijzingen)", BEDRAG),
               Column("Besteed + verplicht", BEDRAG, derived_from=(1, 3), charted=False),
               Column("Ruimte", BEDRAG, derived_from=(1, 3), charted=False)]
    rows = [(names.get(c, c), _budget_row(budgets.get(c), spent.get((c,)), [x for x in committed if x[0] == c]))
            for c in cats]
    rows.append(("Totaal", _budget_row(sum(budgets.get(c, 0) for c in cats) if any(c in budgets for c in cats)
                                       else None, spent_total, [x for x in committed if x[0] in cats])))
    return Table("budget", f"Budget en uitputting {jaar}", "Productcategorie", columns, rows, total_row=True,
                 note=f"Besteed: goedgekeurde declaraties voor zorg in {jaar}. Verplicht: wat de actieve "
                      "toewijzingen van vandaag tot het einde van het jaar nog kosten (omvang × huidig tarief). "
                      "Budget per jaar en categorie, ingevoerd door de controller.").protected()


def budgets_of(gemeente_ids, jaar: int) -> dict[str, int]:
    """The budgets of `jaar` per productcategorie, summed over the gemeenten (PostgreSQL sums to a numeric)."""
    return {k: int(v) for k, v in db.session.execute(select(Budget.productcategorie, func.sum(Budget.bedrag_cent)).where(
        Budget.gemeente_id.in_(gemeente_ids), Budget.jaar == jaar).group_by(Budget.productcategorie))}


def _budget_row(budget, spent, committed) -> list[Cell]:
    """`spent`: (cents, lines, persons) or None; `committed`: (categorie, person, cents) per toewijzing."""
    besteed, spent_persons = (spent[0], spent[2]) if spent else (0, 0)
    verplicht = sum(x[-1] for x in committed)
    committed_persons = len({x[1] for x in committed})
    both = max(spent_persons, committed_persons)
    return [Cell(int(budget) if budget is not None else None, None), Cell(besteed, spent_persons),
            Cell(100 * besteed / budget if budget else None, spent_persons),
            Cell(verplicht, committed_persons), Cell(besteed + verplicht, both),
            Cell(budget - besteed - verplicht if budget is not None else None, both)]
