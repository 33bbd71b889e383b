"""Rules `lane-missing` and `lane-role`: a task that waits for a person sits in a lane, and the lane's name is a
role of the platform that works a werkvoorraad (the engine puts the task in that role's inbox)."""
from .model import ERROR, HUMAN_TASKS, NS, Finding, Model, label, local


def lane_of(process) -> dict[str, str]:
    """Flow node id → the name of the innermost lane that lists it."""
    lanes: dict[str, str] = {}

    def walk(lane_set):
        for lane in lane_set.findall("bpmn:lane", NS):
            for ref in lane.findall("bpmn:flowNodeRef", NS):
                if ref.text:
                    lanes[ref.text.strip()] = (lane.get("name") or "").strip()
            for child in lane.findall("bpmn:childLaneSet", NS):
                walk(child)

    for lane_set in process.findall("bpmn:laneSet", NS):
        walk(lane_set)
    return lanes


def check_lanes(model: Model, allowed: frozenset) -> list[Finding]:
    findings = []
    roles = ", ".join(sorted(allowed))
    for process in model.processes():
        lanes = lane_of(process)
        for task in model.flow_nodes():
            if local(task) not in HUMAN_TASKS or _process_of(task) is not process:
                continue
            lane = _lane_for(task, lanes)
            if lane is None:
                findings.append(model.finding(
                    "lane-missing", ERROR, task, f"Taak {label(task)} staat in geen baan (lane). Zet de taak in de "
                    f"baan van de rol die hem moet doen: {roles}."))
            elif lane not in allowed:
                findings.append(model.finding(
                    "lane-role", ERROR, task, f"Taak {label(task)} staat in baan '{lane}', maar dat is geen rol van "
                    f"het platform. Een baan heet naar een rol: {roles}."))
    return findings


def _lane_for(task, lanes: dict) -> str | None:
    """The lane of the task, or of the (outermost) subprocess it sits in."""
    found, element = None, task
    while element is not None and local(element) != "process":
        if element.get("id") in lanes:
            found = lanes[element.get("id")]
        element = element.getparent()
    return found


def _process_of(element):
    while element is not None and local(element) != "process":
        element = element.getparent()
    return element
