"""Declaratie lines a person must judge (a credit line, an amount above the threshold): the 323
handler starts the `declaratie` process with a backoffice task; its operation
`beantwoorden_declaratie` records the verdict and sends the 325 (OP090x4: within 10 werkdagen)."""
import logging

from iwmo_messages import parse

from ...domain.declaratie_check import AFGEKEURD, GOEDGEKEURD, HANDMATIG
from ...domain.deadlines import end_of_day
from ...engine import RunContext, ScriptError, latest_definition, operation, start_instance
from ...models import Bericht, Declaratie, User
from ..declaraties import finish_declaratie
from ..history import add_task_events
from ..settings import extra_holidays, run_limits
from .outbox import store_outbound

logger = logging.getLogger(__name__)


def start_beoordeling(session, bericht: Bericht, declaratie: Declaratie) -> None:
    """Start the backoffice's judgement of the declaratie's open lines, on the zaak of its first line."""
    ctx = RunContext(session=session, zaak_id=bericht.zaak_id, limits=run_limits(),
                     extra_holidays=extra_holidays())
    zaak = bericht.zaak
    instance = start_instance(ctx, latest_definition(session, "declaratie"), zaak.id, {
        "zaak_id": zaak.id, "zaaknummer": zaak.zaaknummer, "domein": zaak.domein, "declaratie_id": declaratie.id,
        "afkeur_retourcode": None, "antwoord_deadline": end_of_day(declaratie.antwoord_uiterlijk).isoformat()})
    declaratie.beoordeling_instance_id = instance.id
    add_task_events(session, zaak.id, instance.new_tasks)


@operation("beantwoorden_declaratie")
def beantwoorden_declaratie(ctx, data, declaratie_id: int, beoordeling: str, retourcode: str | None = None) -> dict:
    """Judge every open line of the declaratie as one, then answer with the 325 in the outbox."""
    session = ctx.session
    declaratie = session.get(Declaratie, declaratie_id)
    if declaratie is None or declaratie.status != "in_behandeling":
        raise ScriptError(f"Declaratie {declaratie_id} wacht niet (meer) op een beoordeling.")
    if beoordeling not in ("goedkeuren", "afkeuren"):
        raise ScriptError(f"Onbekende beoordeling '{beoordeling}'.")
    actor = session.get(User, ctx.actor_id) if ctx.actor_id else None
    for line in declaratie.prestaties:
        if line.status == HANDMATIG:
            line.status = GOEDGEKEURD if beoordeling == "goedkeuren" else AFGEKEURD
            line.retourcodes = None if beoordeling == "goedkeuren" else (retourcode or "0233")
            line.beoordeeld_door_id = getattr(actor, "id", None)
    bericht = session.get(Bericht, declaratie.bericht_id)
    xml = finish_declaratie(session, declaratie, parse(bericht.inhoud))
    antwoord = parse(xml)
    retour = store_outbound(session, bericht.aanbieder_id, antwoord, gemeente_id=bericht.gemeente_id,
                            zaak_id=bericht.zaak_id, xml=xml)
    bericht.retour_id, bericht.retourcodes = retour.id, " ".join(antwoord.declaratie_antwoord.retour_codes)
    logger.info("Declaratie %s judged (%s) and answered with bericht %s", declaratie.id, beoordeling, retour.id)
    return {"bericht_id": retour.id}
