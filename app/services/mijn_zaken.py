"""Read-only views for the inwoner's portal: per zaak the progress in plain Dutch, the deadlines, what the
inwoner still has to do and the documents. Routes log the read with `dossier` before showing these."""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from .. import db
from ..domain.progress import Step, steps
from ..domain.deadlines import format_date_nl
from ..models import Document, HumanTask, Opschorting, Product, Termijn, Zaak
from .bezwaar_view import BEZIG_MET as BEZWAAR_BEZIG
from .bijlagen import bijlagen_of
from .lookups import documents_of
from .ondertekenen import to_sign, verslag_of
from .portaal_berichten import unread_for
from .recht_op_aanvraag import waiting
from .termijn_klok import today

#: The BPMN receive task of wmo.bpmn that waits for the inwoner's aanvraag (no inbox row: Mijn zaken asks the engine).
WACHT_OP_AANVRAAG = "wacht_op_aanvraag"
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
    "tijdelijke_voorziening": "Er is spoed. De gemeente regelt meteen tijdelijke hulp voor u, terwijl het onderzoek "
                              "doorloopt.",
    WACHT_OP_AANVRAAG: "De gemeente wacht of u toch een aanvraag doet. Doet u dat niet, dan sluiten wij uw zaak na "
                       "{tot}.",
    "herindicatie_beoordelen": "Uw hulp loopt binnenkort af, of u heeft die bijna een jaar. Een consulent neemt "
                               "contact met u op om samen te kijken of de hulp nog past.",
    "dwangsom_vaststellen": "De gemeente stelt vast hoeveel dwangsom u krijgt, omdat wij te laat waren met het "
                            "besluit. Dat doen wij binnen twee weken.",
    **BEZWAAR_BEZIG,
    "verzoek_beoordelen": "Uw zorgaanbieder vraagt de gemeente om hulp voor u toe te wijzen of te veranderen. "
                          "De gemeente beoordeelt die vraag.",
    "retour_ontbreekt": "De gemeente wacht op antwoord van de zorgaanbieder over uw hulp en neemt contact met de "
                        "zorgaanbieder op.",
    "toewijzing_afgewezen": "De zorgaanbieder kan de hulp niet leveren zoals de gemeente vroeg. De gemeente kijkt "
                            "wat er nu moet gebeuren, en laat het u weten.",
    "declaratie_beoordelen": "De gemeente controleert de rekening van uw zorgaanbieder. U hoeft niets te doen.",
    **{step: "De gemeente is over de termijn die de wet geeft. Het team heeft daarover een melding gekregen."
       for step in ("termijn_onderzoek_overschreden", "termijn_beschikking_overschreden",
                    "termijn_beslissing_overschreden")},
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
    #: What the zaak is about, in the inwoner's or the besluit's words: tells one card from the next.
    onderwerp: str = ""
    #: What was decided: 'toegekend', 'afgewezen', 'loopt nog' or 'afgerond zonder besluit'.
    uitkomst: str = "loopt nog"
    #: The last day of the gemeente's open request for information (Awb 4:5), if one waits for the inwoner.
    informatie_tot: date | None = None
    #: The last day the zaak waits for the inwoner's aanvraag after an algemene voorziening or no maatwerk
    #: (Wmo 2015 art. 2.3.2 lid 9; services/recht_op_aanvraag.py), if it waits.
    aanvraag_tot: date | None = None


#: How long the inwoner's own words may be as the title of a card.
ONDERWERP_LENGTE = 70


def overview(zaken: list[Zaak]) -> list[ZaakView]:
    """A view per zaak for 'Mijn zaken' (no documents), with unread messages counted in one query."""
    tasks = _open_tasks([z.id for z in zaken])
    unread = unread_for(db.session, [z.id for z in zaken], reader="inwoner")
    unsigned = to_sign([z.id for z in zaken])
    entitled = waiting([z.id for z in zaken])
    views = [_view(z, tasks.get(z.id, []), unread.get(z.id, 0), entitled.get(z.id)) for z in zaken]
    names = _product_names(zaken)
    asked = _open_requests([z.id for z in zaken])
    for view in views:
        view.informatie_tot = asked.get(view.zaak.id)
        view.te_ondertekenen = view.zaak.id in unsigned
        view.onderwerp, view.uitkomst = _onderwerp(view.zaak, names), _uitkomst(view.zaak)
    return views


def _uitkomst(zaak: Zaak) -> str:
    """The latest besluit in a word; a zaak without one is still running, or was closed without one."""
    if zaak.beschikkingen:
        return "toegekend" if zaak.beschikkingen[-1].besluit == "toekennen" else "afgewezen"
    return "afgerond zonder besluit" if zaak.status == "afgesloten" else "loopt nog"


def _onderwerp(zaak: Zaak, names: dict[tuple[str, str], str]) -> str:
    """The product the besluit is about, else the start of what the inwoner wrote in the melding."""
    for beschikking in reversed(zaak.beschikkingen):
        name = names.get((zaak.domein, beschikking.productcode or ""))
        if name:
            return name
    words = " ".join((zaak.omschrijving or "").split())
    if len(words) <= ONDERWERP_LENGTE:
        return words.rstrip(".")
    return words[:ONDERWERP_LENGTE].rsplit(" ", 1)[0].rstrip(",.;:") + " …"


def _product_names(zaken: list[Zaak]) -> dict[tuple[str, str], str]:
    codes = {b.productcode for z in zaken for b in z.beschikkingen if b.productcode}
    if not codes:
        return {}
    return {(p.domein, p.productcode): p.omschrijving
            for p in db.session.scalars(select(Product).where(Product.productcode.in_(codes)))}


def detail(zaak: Zaak) -> ZaakView:
    """The view of one zaak with its documents (beschikkingen) and the inwoner's own uploads."""
    view = _view(zaak, _open_tasks([zaak.id]).get(zaak.id, []),
                 unread_for(db.session, [zaak.id], reader="inwoner").get(zaak.id, 0), waiting([zaak.id]).get(zaak.id))
    view.verslag = verslag_of(zaak)
    view.te_ondertekenen = view.verslag is not None and view.verslag.ondertekening is None and zaak.status != "afgesloten"
    view.documenten = documents_of(zaak)
    view.bijlagen = bijlagen_of(db.session, zaak.id)
    return view


def todo(views: list[ZaakView]) -> list[tuple[ZaakView, str, str]]:
    """Everything the inwoner has to do across their zaken as (view, what, portal endpoint): tasks and
    signatures first, then unread messages."""
    items = [(v, task.title, "portal.zaak") for v in views for task in v.mijn_taken]
    items += [(v, f"Informatie sturen (uiterlijk {format_date_nl(v.informatie_tot)})", "portal.informatie")
              for v in views if v.informatie_tot]
    items += [(v, f"Aanvraag doen als u het niet eens bent met de uitkomst (kan tot en met "
                  f"{format_date_nl(v.aanvraag_tot)})" if v.aanvraag_tot else
               "Onderzoeksverslag lezen en de aanvraag ondertekenen", "portal.aanvraag")
              for v in views if v.te_ondertekenen]
    items += [(v, f"{v.ongelezen} nieuw{'e' if v.ongelezen > 1 else ''} bericht{'en' if v.ongelezen > 1 else ''} lezen",
               "portal.berichten") for v in views if v.ongelezen]
    return items


def _view(zaak: Zaak, open_tasks: list[HumanTask], ongelezen: int, aanvraag_tot: date | None = None) -> ZaakView:
    closed = zaak.status == "afgesloten"
    waits = [WACHT_OP_AANVRAAG] if aanvraag_tot else []
    # the inwoner's own persoonlijk plan term is no longer "next" once it has passed (art. 2.3.2 lid 2 Wmo 2015)
    pending = [t for t in zaak.termijnen if t.met_at is None
               and not (t.soort == "persoonlijk_plan" and t.due < date.today())]
    return ZaakView(zaak=zaak, steps=steps([t.spec_name for t in open_tasks] + waits, closed),
                    bezig=[BEZIG_MET.get(t.spec_name) or f"De gemeente werkt aan: {t.title.lower()}."
                           for t in open_tasks if t.lane != "inwoner"]
                    + ([BEZIG_MET[WACHT_OP_AANVRAAG].format(tot=format_date_nl(aanvraag_tot))] if waits else []),
                    aanvraag_tot=aanvraag_tot,
                    mijn_taken=[t for t in open_tasks if t.lane == "inwoner"], ongelezen=ongelezen,
                    volgende_termijn=None if closed else min(pending, key=lambda t: t.due, default=None))


def _open_requests(zaak_ids: list[int]) -> dict[int, date]:
    """Per zaak, the last day of a request for information still waiting for the inwoner (one query)."""
    if not zaak_ids:
        return {}
    return dict(db.session.execute(select(Opschorting.zaak_id, Opschorting.termijn_tot).where(
        Opschorting.zaak_id.in_(zaak_ids), Opschorting.ontvangen_op.is_(None), Opschorting.termijn_tot >= today())).all())


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
