"""Proefdraaien (#10 point 8): run a concept with a scenario and nothing touched (engine/dry_run.py), save the
scenario with the path it took, and run the saved scenarios of a process again against a model that is about to
be published. A scenario is JSON: {"start": {...}, "antwoorden": {"<user task id>": {...} or [{...}, ...]},
"diensten": {"<service task id>": <result>}}; a missing start is the one a new melding gets."""
import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import undefer

from .. import db
from ..domain import deadlines
from ..domain.json_fouten import json_error
from ..engine import InvalidModel, RunContext, parse_model
from ..engine.dry_run import DryRun, Step, dry_run
from ..models import ProcessConcept, ProcessScenario
from .audit import record
from .errors import InvalidInput, NotFound
from .formulieren import concept_form
from .process_models import require
from .settings import extra_holidays, run_limits, setting
from .uow import unit_of_work

#: A scenario is typed on a page: a few kB; this bounds what one proefrit reads.
MAX_SCENARIO_CHARS = 100_000
PARTS = ("start", "antwoorden", "diensten")


@dataclass
class Result:
    concept: ProcessConcept
    scenario: dict
    run: DryRun
    #: Per waiting user task: the fields its form asks (name → label), for the next answer.
    fields: dict[str, dict[str, str]]


def default_start(key: str, today: date | None = None) -> dict:
    """The start data a new melding of the process `key` gets (services/meldingen.py), for a zaak received today."""
    today = today or date.today()
    start = {"zaak_id": None, "zaaknummer": "PROEFRIT", "ontvangen_op": today.isoformat(), "toets": None,
             "vier_ogen_drempel": setting("VIER_OGEN_DREMPEL")}
    if key in ("wmo", "jeugd"):
        start["domein"] = key
    if key == "wmo":
        start["onderzoek_deadline"] = deadlines.end_of_day(
            deadlines.onderzoek_deadline(today, extra_holidays()).due).isoformat()
    elif key == "jeugd":
        start["beslis_deadline"] = deadlines.end_of_day(
            deadlines.beslis_deadline_jeugd(today, extra_holidays()).due).isoformat()
    return start


def empty_scenario(key: str) -> str:
    return json.dumps({"start": default_start(key), "antwoorden": {}, "diensten": {}}, indent=2, ensure_ascii=False)


def load_concept(user, concept_id: int) -> ProcessConcept:
    require(user)
    return _concept(concept_id)


def run_concept(user, concept_id: int, text: str) -> Result:
    """Run the concept with the scenario `text`; InvalidInput (field 'scenario') names what is wrong with it."""
    require(user)
    concept = _concept(concept_id)
    scenario = parse_scenario(text, concept.key)
    run = _run(concept.bpmn_xml.encode("utf-8"), scenario, concept.beslistabellen)
    return Result(concept, scenario, run, _fields(concept, run.waiting))


def save_scenario(user, concept_id: int, naam: str, text: str) -> ProcessScenario:
    """Store the scenario with the path and end it takes in the concept now."""
    require(user, "ontwerpen.wijzigen")
    naam = (naam or "").strip()
    errors = {}
    if not naam or len(naam) > 200:
        errors["naam"] = "Geef het scenario een naam van 1 tot 200 tekens."
    concept = _concept(concept_id)
    try:
        scenario = parse_scenario(text, concept.key)
    except InvalidInput as exc:
        errors.update(exc.errors)
        raise InvalidInput(errors=errors) from exc
    if errors:
        raise InvalidInput(errors=errors)
    run = _run(concept.bpmn_xml.encode("utf-8"), scenario, concept.beslistabellen)
    if run.error:
        raise InvalidInput(errors={"scenario": f"Deze proefrit loopt vast, dus is geen scenario om vast te leggen: "
                                               f"{run.error}"})
    with unit_of_work() as session:
        saved = ProcessScenario(key=concept.key, naam=naam, invoer=scenario, verwacht_pad=run.path_ids,
                                verwacht_einde=run.end_id, created_by_id=user.id)
        session.add(saved)
        session.flush()
        record(session, user, "scenario_vastgelegd", saved, {"naam": [None, naam], "einde": [None, run.end_id]})
    return saved


def delete_scenario(user, scenario_id: int) -> str:
    """Remove a saved scenario; returns its process key."""
    require(user, "ontwerpen.wijzigen")
    with unit_of_work() as session:
        scenario = session.get(ProcessScenario, scenario_id)
        if scenario is None:
            raise NotFound("Dit scenario bestaat niet.")
        record(session, user, "scenario_verwijderd", scenario, {"naam": [scenario.naam, None]})
        session.delete(scenario)
        return scenario.key


def scenarios_of(key: str) -> list[ProcessScenario]:
    return list(db.session.scalars(select(ProcessScenario).where(ProcessScenario.key == key)
                                   .order_by(ProcessScenario.naam)))


def scenario_failures(key: str, xml: bytes, decisions: dict | None = None) -> list[str]:
    """A Dutch line per saved scenario of `key` that takes another path or end in `xml` with its DMN tables
    `decisions` (empty: all hold)."""
    failures = []
    for scenario in scenarios_of(key):
        run = _run(xml, scenario.invoer, decisions)
        if run.error:
            failures.append(f"Scenario '{scenario.naam}' loopt vast: {run.error}")
        elif run.path_ids != scenario.verwacht_pad or run.end_id != scenario.verwacht_einde:
            failures.append(f"Scenario '{scenario.naam}' volgt een ander pad: {_difference(scenario, run)}")
    return failures


def parse_scenario(text: str, key: str) -> dict:
    """The scenario as a dict with its three parts (a missing start is the default one)."""
    if len(text or "") > MAX_SCENARIO_CHARS:
        raise InvalidInput(errors={"scenario": f"Een scenario mag hoogstens {MAX_SCENARIO_CHARS:,} tekens zijn."
                                               .replace(",", ".")})
    try:
        scenario = json.loads(text or "{}")
    except json.JSONDecodeError as exc:
        why = json_error(exc, "het scenario")
        raise InvalidInput(errors={"scenario": f"Het scenario is geen geldige JSON: {why}."}) from exc
    if not isinstance(scenario, dict):
        raise InvalidInput(errors={"scenario": "Een scenario is een JSON-object met 'start', 'antwoorden' en "
                                               "'diensten'."})
    unknown = sorted(set(scenario) - set(PARTS))
    if unknown:
        raise InvalidInput(errors={"scenario": f"Onbekend onderdeel {', '.join(repr(u) for u in unknown)}; een "
                                               "scenario heeft alleen 'start', 'antwoorden' en 'diensten'."})
    for part in PARTS:
        if not isinstance(scenario.get(part, {}), dict):
            raise InvalidInput(errors={"scenario": f"'{part}' moet een JSON-object zijn."})
    for task_id, answer in scenario.get("antwoorden", {}).items():
        visits = answer if isinstance(answer, list) else [answer]
        if not visits or not all(isinstance(v, dict) for v in visits):
            raise InvalidInput(errors={"scenario": f"Het antwoord voor '{task_id}' moet een object zijn (of een lijst "
                                                   "van objecten, één per keer dat de taak terugkomt)."})
    return {"start": scenario.get("start") or default_start(key), "antwoorden": scenario.get("antwoorden", {}),
            "diensten": scenario.get("diensten", {})}


def _run(xml: bytes, scenario: dict, decisions: dict | None = None) -> DryRun:
    try:
        model = parse_model(xml, decisions)
    except InvalidModel as exc:
        return DryRun(error=f"Het model kan niet worden gelezen: {exc}")
    ctx = RunContext(session=db.session, extra_holidays=extra_holidays(), limits=run_limits())
    return dry_run(model, ctx, dict(scenario["start"]), scenario["antwoorden"], scenario["diensten"])


def _concept(concept_id: int) -> ProcessConcept:
    concept = db.session.scalar(select(ProcessConcept).options(undefer(ProcessConcept.bpmn_xml))
                                .where(ProcessConcept.id == concept_id))
    if concept is None:
        raise NotFound("Dit concept bestaat niet.")
    return concept


def _fields(concept, waiting: list[Step]) -> dict[str, dict[str, str]]:
    """The fields of each waiting task's form as the concept has it (edited with it, or published)."""
    out = {}
    for step in waiting:
        if step.kind == "gebruikerstaak" and step.form:
            source = concept_form(db.session, concept, step.form)
            if source is None:
                continue
            schema = source.schema
            out[step.element_id] = {name: prop.get("title", name)
                                    for name, prop in (schema.get("properties") or {}).items()}
    return out


def _difference(scenario: ProcessScenario, run: DryRun) -> str:
    expected, got = scenario.verwacht_pad, run.path_ids
    i = next((n for n, (a, b) in enumerate(zip(expected, got)) if a != b), min(len(expected), len(got)))
    if i < len(expected) and i < len(got):
        return f"na stap {i} verwacht '{expected[i]}', maar het model gaat naar '{got[i]}'"
    if i < len(got):
        return f"het model gaat na '{expected[-1] if expected else 'de start'}' verder naar '{got[i]}'"
    if i < len(expected):
        waits = [step.element_id for step in run.waiting if step.kind == "gebruikerstaak"]
        return f"het model stopt voor '{expected[i]}'" + (f" en wacht op '{', '.join(waits)}'" if waits else "")
    return f"het einde is '{run.end_id or 'geen'}' in plaats van '{scenario.verwacht_einde or 'geen'}'"
