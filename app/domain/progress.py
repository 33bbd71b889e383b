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


#: The steps of a bezwaar (Awb 7:2, 7:13, 7:11); the commissie's advice only where the gemeente has one.
BEZWAAR_STEPS = ("Bezwaar ontvangen", "Beoordeling", "Hoorzitting", "Advies bezwaarcommissie", "Beslissing op bezwaar")
BEZWAAR_TASK_STEP = {"bezwaar_beoordelen": 1, "hoorzitting_verslag": 2, "commissie_advies": 3,
                     "beslissing_op_bezwaar": 4}


def bezwaar_steps(open_task_names: list[str], commissie: bool, beslist: bool, gehoord: bool = True) -> list[Step]:
    """The steps of one bezwaar with their state; a hoorzitting that was not held (Awb 7:3) is left out once passed.

    >>> [s.state for s in bezwaar_steps(["hoorzitting_verslag"], commissie=False, beslist=False)]
    ['klaar', 'klaar', 'bezig', 'nog-niet']
    """
    wanted = [i for i, _ in enumerate(BEZWAAR_STEPS) if (commissie or i != 3)]
    current = 5 if beslist else max((BEZWAAR_TASK_STEP[n] for n in open_task_names if n in BEZWAAR_TASK_STEP),
                                    default=1)
    if not gehoord and current > 2:
        wanted = [i for i in wanted if i != 2]
    return [Step(BEZWAAR_STEPS[i], "klaar" if i < current else "bezig" if i == current else "nog-niet")
            for i in wanted]
