"""Read-only views for the inwoner's portal: per zaak the progress in plain Dutch, the deadlines, what the
inwoner still has to do and the documents. Routes log the read with `dossier` before showing these."""
from dataclasses import dataclass, field

from sqlalchemy import select

from .. import db
from ..domain.progress import Step, steps
from ..models import Document, HumanTask, Termijn, Zaak
from .bijlagen import bijlagen_of
from .lookups import documents_of
from .ondertekenen import to_sign, verslag_of
from .portaal_berichten import unread_for

#: What the gemeente is doing, per open user task, in words an inwoner understands.
BEZIG_MET = {
    "triage": "Een consulent leest uw melding en bekijkt wat er nodig is.",
    "onderzoek_gesprek": "Een consulent maakt een afspraak voor een gesprek met u (het keukentafelgesprek) "
                         "of heeft dat gesprek al gehad.",
    "onderzoek_gesprek_jeugd": "Een consulent maakt een afspraak voor een gesprek met u en uw kind, "
                               "of heeft dat gesprek al gehad.",
    "onderzoek_verslag": "De consulent schrijft een verslag van het gesprek. U krijgt dat verslag.",
    "aanvraag_registreren": "De gemeente legt uw aanvraag vast.",
    "besluit_voorbereiden": "De gemeente bereidt het besluit over uw aanvraag voor.",
    "vier_ogen_toets": "Een tweede medewerker controleert het besluit voordat u het krijgt.",
}


@dataclass
class ZaakView:
    zaak: Zaak
    steps: list[Step]
    #: What the gemeente is doing now, one sentence per open task.
    bezig: list[str]
    #: Open tasks in the 'inwoner' lane: what the inwoner still has to do.
    mijn_taken: list[HumanTask]
    ongelezen: int = 0
    #: There is an onderzoeksverslag the inwoner has not signed yet.
    te_ondertekenen: bool = False
    verslag: object = None
    volgende_termijn: Termijn | None = None
    documenten: list[Document] = field(default_factory=list)
    bijlagen: list = field(default_factory=list)


def overview(zaken: list[Zaak]) -> list[ZaakView]:
    """A view per zaak for 'Mijn zaken' (no documents), with unread messages counted in one query."""
    tasks = _open_tasks([z.id for z in zaken])
    unread = unread_for(db.session, [z.id for z in zaken], reader="inwoner")
    unsigned = to_sign([z.id for z in zaken])
    views = [_view(z, tasks.get(z.id, []), unread.get(z.id, 0)) for z in zaken]
    for view in views:
        view.te_ondertekenen = view.zaak.id in unsigned
    return views


def detail(zaak: Zaak) -> ZaakView:
    """The view of one zaak with its documents (beschikkingen) and the inwoner's own uploads."""
    view = _view(zaak, _open_tasks([zaak.id]).get(zaak.id, []),
                 unread_for(db.session, [zaak.id], reader="inwoner").get(zaak.id, 0))
    view.verslag = verslag_of(zaak)
    view.te_ondertekenen = view.verslag is not None and view.verslag.ondertekening is None and zaak.status != "afgesloten"
    view.documenten = documents_of(zaak)
    view.bijlagen = bijlagen_of(db.session, zaak.id)
    return view


def todo(views: list[ZaakView]) -> list[tuple[ZaakView, str, str]]:
    """Everything the inwoner has to do across their zaken as (view, what, portal endpoint): tasks and
    signatures first, then unread messages."""
    items = [(v, task.title, "portal.zaak") for v in views for task in v.mijn_taken]
    items += [(v, "Onderzoeksverslag lezen en de aanvraag ondertekenen", "portal.aanvraag")
              for v in views if v.te_ondertekenen]
    items += [(v, f"{v.ongelezen} nieuw{'e' if v.ongelezen > 1 else ''} bericht{'en' if v.ongelezen > 1 else ''} lezen",
               "portal.berichten") for v in views if v.ongelezen]
    return items


def _view(zaak: Zaak, open_tasks: list[HumanTask], ongelezen: int) -> ZaakView:
    closed = zaak.status == "afgesloten"
    pending = [t for t in zaak.termijnen if t.met_at is None]
    return ZaakView(zaak=zaak, steps=steps([t.spec_name for t in open_tasks], closed),
                    bezig=[BEZIG_MET.get(t.spec_name) or f"De gemeente werkt aan: {t.title.lower()}."
                           for t in open_tasks if t.lane != "inwoner"],
                    mijn_taken=[t for t in open_tasks if t.lane == "inwoner"], ongelezen=ongelezen,
                    volgende_termijn=None if closed else min(pending, key=lambda t: t.due, default=None))


def _open_tasks(zaak_ids: list[int]) -> dict[int, list[HumanTask]]:
    result: dict[int, list[HumanTask]] = {}
    if zaak_ids:
        for task in db.session.scalars(select(HumanTask).where(HumanTask.zaak_id.in_(zaak_ids),
                                                               HumanTask.status == "open").order_by(HumanTask.id)):
            result.setdefault(task.zaak_id, []).append(task)
    return result


@dataclass
class Aanlevering:
    """For the staff zaak page: what the inwoner sent through the portal."""

    verhaal: object
    bijlagen: list
    ongelezen: int
    #: The latest onderzoeksverslag with the inwoner's signature (or None).
    verslag: object = None


def aanlevering(zaak: Zaak) -> Aanlevering:
    from .eigen_verhaal import shared_of
    return Aanlevering(verhaal=shared_of(zaak.id), bijlagen=bijlagen_of(db.session, zaak.id),
                       ongelezen=unread_for(db.session, [zaak.id], reader="gemeente").get(zaak.id, 0),
                       verslag=verslag_of(zaak))
