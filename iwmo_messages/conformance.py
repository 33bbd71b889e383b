"""The conformance table: every official CD, CS, RS and TR code of iWmo/iJw 3.2 beside the
registered rule that implements it, whether a test case exercises it, or why it is not a rule.

`official_rules.csv` was extracted once from the Ketenbureau knowledge base
(github.com/i-Sociaal-Lab/jaapjunior): the condities, constraints and restricties from
`packages/api/wmo/bronnen/regels/condities-constraints/` ("Condities constraints per
data-element bericht", iWmo 3.2.0, Zorginstituut Nederland, 29-09-2022) and the technische
regels from `packages/api/wmo/bronnen/regels/bedrijfsregels/TR-regels.md` (release 3.2; the iWmo
and iJw numbering is the same). The column `standaarden` says which release has the code: the iJw
3.2 tables (`packages/api/jw/bronnen/regels/technische-regels/xslt/TR-regels.md` and
`packages/api/jw/Condities, constraints, restricties per data-element.md`) hold every iWmo code and
two of their own, TR377 and TR409 (the Woonplaatsbeginsel of a JW319). The table is generated into
README.md; a test keeps it current.
"""
from __future__ import annotations

import ast
import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .rules import RULES

HERE = Path(__file__).parent
OFFICIAL_CSV = HERE / "official_rules.csv"
README = HERE / "README.md"
DEFAULT_TESTS = HERE.parent / "tests" / "unit" / "iwmo_messages" / "test_rules.py"
BEGIN, END = "<!-- conformance:begin -->", "<!-- conformance:end -->"
STANDAARD = {"iwmo": "iWmo", "ijw": "iJw"}
MESSAGES = ("301", "302", "305", "306", "307", "308", "315", "316", "317", "318", "319", "320", "323", "325")


@dataclass(frozen=True, slots=True)
class OfficialRule:
    code: str
    soort: str
    berichten: tuple[str, ...]
    retourcode: str
    controleniveau: str
    tekst: str
    standaarden: tuple[str, ...] = ("iwmo", "ijw")


@cache
def official_rules() -> dict[str, OfficialRule]:
    """The official codes of the release by code (official_rules.csv)."""
    with OFFICIAL_CSV.open(newline="", encoding="utf-8") as f:
        return {r["code"]: OfficialRule(r["code"], r["soort"], tuple(r["berichten"].split()), r["retourcode"],
                                        r["controleniveau"], r["tekst"], tuple(r["standaarden"].split()))
                for r in csv.DictReader(f)}


_XSD = "Restrictie op het datatype: het officiële XSD (basisschema) dwingt dit af op controleniveau 1."
_PATTERN = "Het officiële XSD legt de waarde vast (xs:pattern); controleniveau 1 weigert een andere waarde al."
_STARTSTOP = ("Berichtoverstijgend, op de start en stop die het platform per toewijzing vastlegt; het platform "
              "controleert dit zelf bij ontvangst van een 305/307 (app/services/exchange/handlers/levering.py).")
_DECLARATIE = ("Berichtoverstijgend; vraagt de eerder ingediende prestaties of het contract. Het platform "
               "controleert dit zelf bij de beoordeling van een 323 (app/domain/declaratie_check.py).")
_AANBIEDER_325 = ("Controle door de aanbieder bij ontvangst van een 325; de gemeente ontvangt geen 325 maar "
                  "maakt die zelf uit de beoordeelde 323 (build_retour).")
#: Why an official code is not a registered rule. A code with a rule must not be listed here.
REASONS: dict[str, str] = {
    **{c: _XSD for c, r in official_rules().items() if r.soort == "restrictie"},
    "CS015": _PATTERN, "CS025": _PATTERN,
    "CS319": "Het officiële XSD legt het formaat vast (xs:pattern [a-zA-Z0-9]+); controleniveau 1 weigert "
             "het al.",
    "CD078": "Dezelfde voorwaarde als CD077 (Omvang en Budget allebei gevuld); gemeld als CD077.",
    **{c: _STARTSTOP for c in ("TR063", "TR071", "TR326", "TR382")},
    "TR074": ("Berichtoverstijgend. Bij een 305 valt een tweede start met status 1 samen met TR326 (het platform "
              "meldt TR326, app/services/exchange/handlers/levering.py); bij een 307 beoordelen TR413–TR415 een "
              "tweede stop op dezelfde levering (de RuleContext levert de eerdere stops)."),
    **{c: _DECLARATIE for c in ("TR322", "TR323", "TR369", "TR384", "TR389", "TR390", "TR418")},
    **{c: _AANBIEDER_325 for c in ("TR337", "TR366", "TR367", "TR371", "TR376")},
    "TR378": "Vraagt de CBS-lijst van gemeentecodes per datum, een register dat het platform niet heeft.",
    "TR381": "Vraagt de gehanteerde (regionale) productcodelijst per categorie, een register dat het platform "
             "niet heeft.",
}


def tested_codes(path: str | Path | None = None) -> set[str]:
    """The rule codes that have a case in the CASES dict of the rule tests (read, not imported):
    the keys of `CASES = {...}` and of every `CASES.update({...})`."""
    tree = ast.parse(Path(path or DEFAULT_TESTS).read_text(encoding="utf-8"))
    dicts = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "CASES" for t in node.targets):
            dicts.append(node.value)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update"
              and getattr(node.func.value, "id", None) == "CASES" and node.args):
            dicts.append(node.args[0])
    return {k.value for d in dicts if isinstance(d, ast.Dict) for k in d.keys if isinstance(k, ast.Constant)}


def _registered() -> dict[str, list]:
    by_code: dict[str, list] = {}
    for r in RULES:
        by_code.setdefault(r.code, []).append(r)
    return by_code


def _by_xsd(code: str) -> bool:
    return REASONS.get(code, "").startswith(("Restrictie op het datatype", "Het officiële XSD"))


def render(tested: set[str]) -> str:
    """The conformance section of README.md (between the markers), as Markdown."""
    official, registered = official_rules(), _registered()
    lines = [BEGIN, "", "### Per bericht", "",
             "Officiële codes die op het bericht van toepassing zijn, en hoe elk gedekt is.", "",
             "| bericht | officiële codes | regel op dit bericht | daarvan getest | door het XSD "
             "| regel bestaat, niet op dit bericht | met reden niet |",
             "|---|---|---|---|---|---|---|"]
    for nr in MESSAGES:
        codes = [c for c, o in official.items() if nr in o.berichten]
        here = [c for c in codes if any(nr in r.messages for r in registered.get(c, []))]
        elsewhere = [c for c in codes if c in registered and c not in here]
        xsd = [c for c in codes if c not in registered and _by_xsd(c)]
        rest = len(codes) - len(here) - len(elsewhere) - len(xsd)
        lines.append(f"| {nr} | {len(codes)} | {len(here)} | {len([c for c in here if c in tested])} | {len(xsd)} "
                     f"| {len(elsewhere)} | {rest} |")
    lines += ["", "### Per regel (CD, CS, TR)", "",
              "| code | standaard | berichten | retourcode | niveau | status | getest |", "|---|---|---|---|---|---|---|"]
    for code, o in official.items():
        if o.soort == "restrictie":
            continue
        if code in registered:
            fns = ", ".join(f"`{r.check.__module__.rsplit('.', 1)[-1]}.{r.check.__name__}`"
                            for r in registered[code])
            runs = sorted(set().union(*(r.messages for r in registered[code])))
            on = "" if set(runs) == set(o.berichten) else f" (draait op {' '.join(runs)})"
            status, test = f"geïmplementeerd: {fns}{on}", "ja" if code in tested else "**nee**"
        else:
            status, test = f"niet als regel: {REASONS.get(code, '**geen reden**')}", "–"
        lines.append(f"| {code} | {' '.join(STANDAARD[s] for s in o.standaarden)} | {' '.join(o.berichten)} "
                     f"| {o.retourcode or '–'} | {o.controleniveau} "
                     f"| {status} | {test} |")
    rs = sorted(c for c, o in official.items() if o.soort == "restrictie")
    lines += ["", f"Restricties ({len(rs)}: {', '.join(rs)}): {_XSD}", "", END]
    return "\n".join(lines) + "\n"


def problems(tested: set[str]) -> list[str]:
    """What keeps the tables from being complete: unknown rules, codes with neither rule nor reason,
    reasons for codes that have a rule, rules without a test case, and the problems of the OP/IV table."""
    from .bedrijfsregels import official_bedrijfsregels, problems as op_problems  # that module imports this one
    official, registered = official_rules(), _registered()
    op_iv = official_bedrijfsregels()
    out = [f"{c}: registered but not an official code of the release" for c in registered
           if c not in official and c not in op_iv]
    out += [f"{c}: official code with neither a rule nor a reason" for c in official
            if c not in registered and c not in REASONS]
    out += [f"{c}: has a rule; remove its reason" for c in REASONS if c in registered]
    out += [f"{c}: reason for a code that is not official" for c in REASONS if c not in official]
    out += [f"{c}: registered rule without a case in test_rules.py" for c in registered if c not in tested]
    return out + op_problems(tested)


def readme_section(text: str) -> str:
    """The generated part of a README text (markers included)."""
    start, end = text.find(BEGIN), text.find(END)
    return text[start:end + len(END)] + "\n" if start >= 0 and end >= 0 else ""


def write_readme(tested: set[str]) -> None:
    """Replace the generated parts of README.md (the CD/CS/TR table and the OP/IV table) by fresh ones."""
    from .bedrijfsregels import write_readme as write_op_table
    text = README.read_text(encoding="utf-8")
    old = readme_section(text)
    README.write_text(text.replace(old, render(tested)) if old else text + "\n" + render(tested), encoding="utf-8")
    write_op_table(README, tested)
