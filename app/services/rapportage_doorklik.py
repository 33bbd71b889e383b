"""Behind a figure of the rapportage: the zaken that are over their legal term today, for a manager who also
works with zaken (policy `rapportage.doorklikken`). Each zaak is asked again (`zaak.bekijken`, need to know
included): one outside the manager's own work is counted, not shown. The list is a read of each inwoner in it,
recorded in the processing log in the same transaction that reads it."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..domain import policy
from ..models import HumanTask, Person, Termijn, Zaak
from .doorbraken import zaak_facts
from .processing_log import log_list_processing
from .rapportage.scope import Scope
from .rapportage.termijnen import TERMEN
from .uow import unit_of_work

TERM_LABELS = {(domein, soort): label for domein, soort, label in TERMEN}


@dataclass(frozen=True)
class LateZaak:
    zaak_id: int
    zaaknummer: str
    naam: str
    wijk: str | None
    termijn: str
    due: date
    days_late: int
    waits_for: str


@dataclass(frozen=True)
class LateZaken:
    shown: list[LateZaak]
    #: Zaken over their term outside the manager's own work (need to know): counted, not shown.
    not_shown: int


def over_their_term(actor, scope: Scope) -> LateZaken:
    """The open zaken in `scope` whose legal term (of the rapportage's termijnen table) ended before today."""
    with unit_of_work() as session:
        query = (select(Termijn, Zaak).join(Zaak, Zaak.id == Termijn.zaak_id).join(Person, Person.id == Zaak.person_id)
                 .options(joinedload(Zaak.person))
                 .where(Termijn.met_at.is_(None), Termijn.due < scope.today, Zaak.status == "lopend",
                        Zaak.gemeente_id.in_(scope.gemeente_ids), Termijn.soort.in_({s for _, s, _ in TERMEN}))
                 .order_by(Termijn.due, Zaak.zaaknummer))
        if scope.wijken is not None:
            query = query.where(Person.wijk.in_(sorted(scope.wijken)))
        rows = [(t, z) for t, z in session.execute(query) if (z.domein, t.soort) in TERM_LABELS]
        mine = [(t, z) for t, z in rows if policy.decide(actor, "zaak.bekijken", zaak_facts(actor, z))]
        waiting = _open_tasks(session, {z.id for _, z in mine})
        shown = [LateZaak(zaak_id=z.id, zaaknummer=z.zaaknummer, naam=z.person.naam, wijk=z.person.wijk,
                          termijn=TERM_LABELS[(z.domein, t.soort)], due=t.due, days_late=(scope.today - t.due).days,
                          waits_for=waiting.get(z.id, "geen open taak"))
                  for t, z in mine]
        people = {(f"{z.domein}-behandeling", z.person.id): z.person for _, z in mine}
        if people:
            log_list_processing(session, actor=actor, people=[(purpose, p) for (purpose, _), p in people.items()],
                                object_type="lijst", description="Zaken over de wettelijke termijn (managementinformatie)")
    return LateZaken(shown=shown, not_shown=len(rows) - len(mine))


def _open_tasks(session, zaak_ids: set[int]) -> dict[int, str]:
    """Per zaak the titles of its open tasks: what it waits for."""
    titles = {}
    if zaak_ids:
        for zaak_id, title in session.execute(select(HumanTask.zaak_id, HumanTask.title).where(
                HumanTask.zaak_id.in_(sorted(zaak_ids)), HumanTask.status == "open").order_by(HumanTask.id)):
            titles.setdefault(zaak_id, []).append(title)
    return {zaak_id: ", ".join(open_titles) for zaak_id, open_titles in titles.items()}
