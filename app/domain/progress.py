"""The steps of a case in plain Dutch, for the progress bar: melding → onderzoek → aanvraag → besluit."""
from dataclasses import dataclass

STEPS = ("Melding ontvangen", "Onderzoek", "Aanvraag", "Besluit")

#: Which step a user task (by BPMN id) belongs to; tasks not listed don't move the bar.
TASK_STEP = {
    "triage": 1, "onderzoek_gesprek": 1, "onderzoek_verslag": 1, "onderzoek_gesprek_jeugd": 1,
    "aanvraag_registreren": 2, "besluit_voorbereiden": 3, "vier_ogen_toets": 3,
    "tijdelijke_voorziening": 1, "wacht_op_aanvraag": 2,
}


@dataclass(frozen=True)
class Step:
    label: str
    state: str  # 'klaar', 'bezig' or 'nog-niet'


def steps(open_task_names: list[str], closed: bool) -> list[Step]:
    """The four steps with their state; a closed case has every step done."""
    if closed:
        return [Step(label, "klaar") for label in STEPS]
    current = max((TASK_STEP[n] for n in open_task_names if n in TASK_STEP), default=1)
    return [Step(label, "klaar" if i < current else "bezig" if i == current else "nog-niet")
            for i, label in enumerate(STEPS)]
