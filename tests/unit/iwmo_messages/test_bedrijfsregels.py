"""The OP/IV table in iwmo_messages/README.md: every bedrijfsregel of the release has its place, and
every rule, function and test it names exists (the functions are imported here, as iwmo_messages
itself may not import app/)."""
import ast
import importlib
from pathlib import Path

import pytest

from iwmo_messages import bedrijfsregels, conformance
from iwmo_messages.rules.base import RULES

from test_rules import CASES

ROOT = Path(conformance.HERE).parent
PLACES = bedrijfsregels.plaatsen()
FUNCTIONS = sorted({f for p in PLACES.values() for f in p.functies})
TESTS = sorted({t for p in PLACES.values() for t in p.tests})


def test_the_readme_table_is_current():
    """Regenerate with `python -m iwmo_messages conformance --write`."""
    text = conformance.README.read_text(encoding="utf-8")
    assert bedrijfsregels.readme_section(text) == bedrijfsregels.render(set(CASES))


def test_every_official_code_has_a_place_and_every_named_rule_function_and_test_exists():
    assert bedrijfsregels.problems(set(CASES)) == []


def test_the_official_list_has_the_op_rules_of_both_releases():
    official = bedrijfsregels.official_bedrijfsregels()
    op = {s: {c for c, o in official.items() if o.soort == "bedrijfsregel" and s in o.standaarden}
          for s in ("iwmo", "ijw")}
    assert (len(op["iwmo"]), len(op["ijw"])) == (86, 92)
    assert sorted(op["ijw"] - op["iwmo"]) == ["OP001", "OP002", "OP002x1", "OP002x2", "OP011", "OP270", "OP359"]
    assert sorted(op["iwmo"] - op["ijw"]) == ["OP369"]
    assert {"OP033x1", "OP087", "OP090x4", "OP257", "OP284", "OP380"} <= op["iwmo"] & op["ijw"]


@pytest.mark.parametrize("ref", FUNCTIONS)
def test_every_named_function_imports(ref):
    module, _, qualname = ref.partition(":")
    obj = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    assert callable(obj)


@pytest.mark.parametrize("ref", TESTS)
def test_every_named_test_is_a_test_function_in_its_module(ref):
    path, _, name = ref.partition("::")
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    assert name.startswith("test_") and name in {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}


def test_problems_name_a_missing_place_a_wrong_function_and_a_missing_test(monkeypatch):
    places = dict(PLACES)
    del places["OP087"]
    places["OP257"] = places["OP257"].__class__("OP257", "platform", (), ("app.services.exchange.toewijzen:nope",),
                                                 ("tests/integration/test_exchange_op087.py::test_nope",), "")
    places["OP011"] = places["OP011"].__class__("OP011", "regel", ("TR999",), (), (), "")
    monkeypatch.setattr(bedrijfsregels, "plaatsen", lambda: places)
    found = bedrijfsregels.problems(set(CASES))
    assert "OP087: official code with no place in bedrijfsregels.csv" in found
    assert "OP257: function app.services.exchange.toewijzen:nope does not exist" in found
    assert "OP257: test tests/integration/test_exchange_op087.py::test_nope does not exist" in found
    assert "OP011: TR999 is not a registered rule" in found


def test_a_rule_code_in_the_table_without_a_case_is_reported():
    assert "OP284: rule TR318 has no case in test_rules.py" in bedrijfsregels.problems(set(CASES) - {"TR318"})


def test_registered_rules_are_official_cd_cs_tr_or_op_iv_codes():
    assert sorted(r.code for r in RULES if not bedrijfsregels.is_official(r.code)) == []
