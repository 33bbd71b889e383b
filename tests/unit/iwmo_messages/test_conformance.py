"""The conformance table in iwmo_messages/README.md: complete, honest and current."""
from iwmo_messages import conformance
from iwmo_messages.rules.base import RULES

from test_rules import CASES


def test_the_readme_table_is_current():
    """Regenerate with `python -m iwmo_messages conformance --write`."""
    text = conformance.README.read_text(encoding="utf-8")
    assert conformance.readme_section(text) == conformance.render(set(CASES))


def test_the_tested_codes_are_read_from_the_rule_tests():
    assert conformance.tested_codes() == set(CASES)


def test_every_registered_rule_is_an_official_code():
    official = conformance.official_rules()
    assert sorted({r.code for r in RULES} - set(official)) == []


def test_every_official_code_has_a_rule_or_a_reason_and_never_both():
    assert conformance.problems(set(CASES)) == []


def test_problems_name_a_missing_reason_and_an_untested_rule(monkeypatch):
    monkeypatch.delitem(conformance.REASONS, "TR378")
    found = conformance.problems(set(CASES) - {"CD076"})
    assert "TR378: official code with neither a rule nor a reason" in found
    assert "CD076: registered rule without a case in test_rules.py" in found


def test_the_official_list_has_the_release_codes_with_their_retourcodes():
    official = conformance.official_rules()
    assert official["TR307"].retourcode == "9307" and official["TR382"].retourcode == "9069"
    assert official["CD076"].berichten == ("301", "315", "317")
    assert {o.soort for o in official.values()} == {"conditie", "constraint", "restrictie", "technische regel"}
    assert len([c for c in official if c.startswith("TR")]) == 80


def test_the_ijw_only_codes_are_marked_and_implemented():
    """iJw 3.2 holds every iWmo code and two of its own (the Woonplaatsbeginsel of a JW319)."""
    official = conformance.official_rules()
    assert sorted(c for c, o in official.items() if o.standaarden == ("ijw",)) == ["TR377", "TR409"]
    assert all(o.standaarden == ("iwmo", "ijw") for c, o in official.items() if c not in ("TR377", "TR409"))
    assert {"TR377", "TR409"} <= {r.code for r in RULES}
