"""Read-only views of a zaak's bezwaren for the inwoner's and the staff's zaak pages: each bezwaar with its steps
(domain/progress.py), what the gemeente does now in plain words, its dates and its letters. Routes log the read of
the zaak before showing these."""
from dataclasses import dataclass, field

from sqlalchemy import select

from .. import db
from ..domain.progress import Step, bezwaar_steps
from ..models import Bezwaar, Document, HumanTask, Zaak

#: What the gemeente is doing, per open task of the bezwaar, in words an inwoner understands.
BEZIG_MET = {
    "bezwaar_beoordelen": "Een jurist van de gemeente leest uw bezwaar en kijkt of er een gesprek (hoorzitting) komt.",
    "hoorzitting_verslag": "U wordt uitgenodigd voor de hoorzitting: een gesprek waarin u uw bezwaar kunt toelichten.",
    "commissie_advies": "De commissie bezwaarschriften geeft de gemeente advies over uw bezwaar.",
    "beslissing_op_bezwaar": "De gemeente neemt de beslissing op uw bezwaar.",
    "bezwaar_termijn_overschreden": "De gemeente is te laat met de beslissing op uw bezwaar en pakt het met voorrang "
                                    "op.",
}


@dataclass
class BezwaarView:
    bezwaar: Bezwaar
    steps: list[Step]
    bezig: list[str]
    open_tasks: list[HumanTask] = field(default_factory=list)
    documenten: list[Document] = field(default_factory=list)


def bezwaar_views(zaak: Zaak) -> list[BezwaarView]:
    """Every bezwaar of the zaak, newest first, with its open tasks and letters (two queries)."""
    bezwaren = list(db.session.scalars(select(Bezwaar).where(Bezwaar.zaak_id == zaak.id).order_by(Bezwaar.id.desc())))
    instance_ids = [b.instance_id for b in bezwaren if b.instance_id]
    tasks: dict[int, list[HumanTask]] = {}
    if instance_ids:
        for task in db.session.scalars(select(HumanTask).where(HumanTask.instance_id.in_(instance_ids),
                                                               HumanTask.status == "open").order_by(HumanTask.id)):
            tasks.setdefault(task.instance_id, []).append(task)
    doc_ids = [i for b in bezwaren for i in (b.ontvangst_document_id, b.verdaging_document_id,
                                             b.beslissing_document_id) if i]
    docs = {d.id: d for d in db.session.scalars(select(Document).where(Document.id.in_(doc_ids)))} if doc_ids else {}
    views = []
    for b in bezwaren:
        open_tasks = tasks.get(b.instance_id, [])
        names = [t.spec_name for t in open_tasks]
        views.append(BezwaarView(
            bezwaar=b, steps=bezwaar_steps(names, b.commissie, b.uitkomst is not None,
                                           gehoord=b.afzien_horen is None),
            bezig=[BEZIG_MET[n] for n in names if n in BEZIG_MET], open_tasks=open_tasks,
            documenten=[docs[i] for i in (b.ontvangst_document_id, b.verdaging_document_id, b.beslissing_document_id)
                        if i in docs]))
    return views
