"""What the modeler may offer, from the same sources as the linter (services/process_lint.py): the roles a lane
may be, the forms (shipped, published, made with the concept), the operations of the engine's registry (with
their parameters) and the messages the platform delivers. Sent to the modeler page as JSON, so that the panel offers only what passes the lint."""
import inspect
from pathlib import Path

from jsonschema.exceptions import SchemaError

from .. import db
from ..domain.forms import UnknownForm, load_form
from ..engine.operations import OPERATIONS
from .formulieren import concept_form, known_keys
from .process_lint import DELIVERED_MESSAGES, TASK_LANES
from .settings import setting

#: How the panel names each lane role (a lane's name is the role itself).
ROLE_LABELS = {"consulent": "Consulent (Wmo of jeugd)", "beoordelaar": "Beoordelaar (vier ogen, escalaties)",
               "backoffice": "Backoffice", "inwoner": "Inwoner (in Mijn zaken)", "jurist": "Jurist (bezwaren)"}
#: Deadline variables the platform sets on a case (bpmn/README.md §5, and the bereken_termijn results).
DEADLINE_VARIABLES = ("onderzoek_deadline", "beschikking_deadline", "beslis_deadline", "retour_deadline",
                      "bezwaar_deadline")

#: What each operation does, in the procesontwerper's words (bpmn/README.md §8).
OPERATION_HELP = {
    "bereken_termijn": "Berekent een wettelijke termijn (soort: 'onderzoek_wmo', 'beschikking_wmo' of "
                       "'beslissing_jeugd') vanaf een datum, met feestdagen (Atw). Resultaat: het einde van de "
                       "laatste dag, bijvoorbeeld in beschikking_deadline.",
    "vaststellen_beschikking": "Legt de beschikking vast met de gegevens van de zaak (besluit: de variabele "
                               "besluit) en stuurt bij zorg in natura de toewijzing (301) naar de aanbieder.",
    "beantwoorden_verzoek": "Beantwoordt een verzoek om (wijziging van een) toewijzing (315/317) van een "
                            "aanbieder: toekennen of afwijzen met een reden.",
    "beantwoorden_declaratie": "Stuurt het antwoord (325) op declaratieregels: goedkeuren of afkeuren met een "
                               "retourcode.",
    "bezwaar_ontvangst_bevestigen": "Stuurt de ontvangstbevestiging van een bezwaar (art. 6:14 Awb) naar Mijn zaken.",
    "bezwaar_vastleggen": "Legt bij het bezwaar vast wat een taak van de jurist besliste (stap: 'beoordeling', "
                          "'hoorzitting' of 'advies').",
    "bezwaar_beslissen": "Legt de beslissing op bezwaar vast en stuurt de brief met de beroepsclausule naar Mijn "
                         "zaken.",
}


def modeler_lists(form_url, concept=None, tables: list | None = None) -> dict:
    """The lists for the modeler's panel; `form_url(key)` gives the preview address of a form; with `concept` the
    forms include those made with it; `tables` are the concept's beslistabellen (process_decisions.table_list)."""
    return {
        "beslistabellen": list(tables or []),
        "rollen": [{"id": role, "naam": ROLE_LABELS.get(role, role)} for role in sorted(TASK_LANES)],
        "formulieren": _forms(form_url, concept),
        "operaties": [_operation(name, fn) for name, fn in sorted(OPERATIONS.items())],
        "berichten": [{"id": name} for name in sorted(DELIVERED_MESSAGES)],
        "termijnen": list(DEADLINE_VARIABLES),
    }


def _forms(form_url, concept) -> list[dict]:
    """Every form a task may name, titled as the concept has it (edited with it, or published, or shipped)."""
    forms = []
    for key in sorted(known_keys(db.session, concept.id if concept else None)):
        source = concept_form(db.session, concept, key) if concept else None
        try:
            title = source.title if source else (load_form(Path(setting("FORMS_DIR")), key).get("title") or key)
        except (UnknownForm, ValueError, SchemaError):  # still listed: the lint and the preview say why
            title = f"{key} (geen geldig formulier)"
        forms.append({"id": key, "naam": title, "voorbeeld": form_url(key)})
    return forms


def _operation(name: str, fn) -> dict:
    params = list(inspect.signature(fn).parameters.values())[2:]  # (ctx, task_data, **params)
    return {"id": name, "uitleg": OPERATION_HELP.get(name, ""),
            "parameters": [{"id": p.name, "verplicht": p.default is inspect.Parameter.empty} for p in params
                           if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]}
