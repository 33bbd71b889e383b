"""Mijn zaken says in plain words what the gemeente is doing: every user task of a shipped process model has its
own sentence (else the inwoner reads the staff task's title, such as 'termijn overschreden: beschikking')."""
import re
from pathlib import Path

from app.services.mijn_zaken import BEZIG_MET

BPMN = Path(__file__).resolve().parents[3] / "bpmn"


def test_every_user_task_of_the_shipped_models_has_a_sentence_for_the_inwoner():
    missing = {model.name: [task for task in re.findall(r'<bpmn:userTask id="([A-Za-z0-9_]+)"', model.read_text())
                            if task not in BEZIG_MET]
               for model in sorted(BPMN.glob("*.bpmn"))}
    assert {name: tasks for name, tasks in missing.items() if tasks} == {}


def test_the_sentences_speak_to_the_inwoner_as_u():
    for step, text in BEZIG_MET.items():
        assert not re.search(r"\b(je|jij|jouw)\b", text, re.IGNORECASE), step
        assert text.endswith("."), step
