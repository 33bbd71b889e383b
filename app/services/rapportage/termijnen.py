"""Legal deadlines met: the onderzoek within 6 weeks of the melding (art. 2.3.2 Wmo 2015), the beschikking within
2 weeks of the aanvraag (art. 2.3.5 Wmo 2015) and the Jeugd beslissing within 8 weeks (art. 4:13 Awb).

Each term's last day is the one the platform set when it started (app/domain/deadlines.py: a term that ends on a
Saturday, Sunday or Atw holiday runs to the next working day); it counts in the period its last day falls in,
once it was met or its last day has passed. Met on time: on or before that last day (Dutch time). Overdue now:
not met, the zaak still open, and the last day before today."""
from . import bron
from .scope import Scope
from .tables import PROCENT, Cell, Column, Table, share

TERMEN = (("wmo", "onderzoek", "Wmo: onderzoek binnen 6 weken (art. 2.3.2 Wmo 2015)"),
          ("wmo", "beschikking", "Wmo: beschikking binnen 2 weken na de aanvraag (art. 2.3.5 Wmo 2015)"),
          ("jeugd", "beslis", "Jeugd: beslissing binnen 8 weken (art. 4:13 Awb)"))


def _verdicts(scope: Scope):
    """(domein, soort, due, on_time: bool, person_id) of each term that ended (met, or its last day passed)."""
    for domein, soort, due, met, status, person_id in bron.termijnen(scope):
        if met is not None:
            yield domein, soort, due, met <= due, person_id
        elif due < scope.today and status == "lopend":
            yield domein, soort, due, False, person_id


def termijnen(scope: Scope) -> Table:
    verdicts = list(_verdicts(scope))
    overdue = [(d, s, p) for d, s, due, met, status, p in bron.termijnen(scope)
               if met is None and status == "lopend" and due < scope.today]
    columns = [Column("Op tijd", in_row_line=True), Column("Te laat", in_row_line=True), Column("Afgelopen"),
               Column("Op tijd (%)", PROCENT, additive=False, derived_from=(0, 1), charted=False),
               Column("Nu over de termijn", charted=False)]
    rows, totals = [], [[], [], [], []]
    for domein, soort, label in TERMEN:
        ended = [(on_time, p) for d, s, due, on_time, p in verdicts
                 if d == domein and s == soort and scope.start <= due <= scope.end]
        late_now = [p for d, s, p in overdue if d == domein and s == soort]
        parts = ([p for ok, p in ended if ok], [p for ok, p in ended if not ok], [p for _, p in ended], late_now)
        for bucket, part in zip(totals, parts):
            bucket += part
        rows.append((label, _row(*parts)))
    rows.append(("Totaal", _row(*totals)))
    return Table("termijnen", "Wettelijke termijnen gehaald", "Termijn", columns, rows, total_row=True, total_col=2,
                 note="Termijnen waarvan de laatste dag in de gekozen periode valt en die zijn gehaald of verstreken. "
                      "'Nu over de termijn' telt de lopende zaken van vandaag, los van de periode.").protected()


def termijnen_per_periode(scope: Scope) -> Table:
    verdicts = list(_verdicts(scope))
    columns = [scope.bucket((due, ok) for d, s, due, ok, _p in verdicts if d == domein and s == soort)
               for domein, soort, _ in TERMEN]
    rows = [(period.label, [share(sum(column[i]), len(column[i])) for column in columns])
            for i, period in enumerate(scope.periods)]
    return Table("termijnen_per_periode", "Termijnen op tijd per periode", "Periode",
                 [Column(label.split(" (")[0] + " (%)", PROCENT, additive=False) for _, _, label in TERMEN], rows,
                 note="Het deel van de afgelopen termijnen dat op tijd was. Afgeschermd als minder dan 5 zaken op "
                      "tijd of te laat waren.").protected()


def escalaties(scope: Scope) -> Table:
    """Per period: the escalations the process models made when a legal term passed without the step done (the
    'Termijn overschreden' tasks for the team), per domein, and how many of them are still open today."""
    rows_of = bron.escalaties(scope)
    columns, per_column = [], []
    for domein, label in (("wmo", "Wmo"), ("jeugd", "Jeugd")):
        mine = [(bron.local_date(created), status, p) for d, created, status, p in rows_of if d == domein]
        columns += [Column(f"{label}: escalaties"), Column(f"{label}: nog open")]
        per_column += [scope.bucket((day, p) for day, _s, p in mine),
                       scope.bucket((day, p) for day, status, p in mine if status == "open")]
    rows = [(label, [Cell(len(column[r]), len(set(column[r]))) for column in per_column])
            for r, label in enumerate([p.label for p in scope.periods] + ["Totaal"])]
    return Table("escalaties", "Escalaties: termijn overschreden", "Periode", columns, rows, total_row=True,
                 note="Een escalatie is de taak 'Termijn overschreden' die het proces het team geeft zodra een "
                      "wettelijke termijn verstrijkt terwijl de stap nog openstaat; geteld op de dag dat de taak "
                      "ontstond. 'Nog open': vandaag nog niet afgehandeld.").protected()


def _row(on_time, late, ended, late_now) -> list[Cell]:
    return [Cell(len(on_time), len(set(on_time))), Cell(len(late), len(set(late))),
            Cell(len(ended), len(set(ended))), share(len(on_time), len(ended)),
            Cell(len(late_now), len(set(late_now)))]
