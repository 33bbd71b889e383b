"""The bedrijfsregels (OP) of iWmo/iJw 3.2, and the invulinstructies (IV) that say what a message must
contain, each beside where it is enforced: by registered message rules, by a function of the platform
(with the test that proves it), or why the platform cannot check it.

`official_bedrijfsregels.csv` was extracted once from the Ketenbureau knowledge base
(github.com/i-Sociaal-Lab/jaapjunior): the OP and IV rules of `packages/api/wmo/bronnen/UP-OP-IV iWMO
release 3.2.md` and `packages/api/jw/UP-OP-IV iJw release 3.2.md` ("Regels op berichten iWmo/iJw release
3.2", Zorginstituut Nederland, 29-09-2022). The column `standaarden` says which release has the code:
iJw 3.2 has seven of its own (OP001, OP002, OP002x1, OP002x2, OP011, OP270, OP359), iWmo 3.2 one (OP369).

`bedrijfsregels.csv` says per code where it is enforced (`status`: regel, platform, niet controleerbaar,
niet geïmplementeerd), with the rule codes (`regels`, registered in `rules/`), the functions
(`functies`, as `module:qualname` strings: this package imports nothing of `app/`; their existence is
read from the source here and imported by a test under tests/), the tests (`tests`, as
`path::test_name`) and the reason (`reden`). The table is generated into README.md; a test keeps it current.
"""
from __future__ import annotations

import ast
import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .conformance import HERE, STANDAARD, official_rules, tested_codes
from .rules import RULES

ROOT = HERE.parent
OFFICIAL_CSV = HERE / "official_bedrijfsregels.csv"
PLACEMENT_CSV = HERE / "bedrijfsregels.csv"
BEGIN, END = "<!-- bedrijfsregels:begin -->", "<!-- bedrijfsregels:end -->"
STATUSES = ("regel", "platform", "niet controleerbaar", "niet geïmplementeerd")


@dataclass(frozen=True, slots=True)
class Bedrijfsregel:
    """An official OP or IV rule of the release: its code, kind, standaarden and (headline) text."""

    code: str
    soort: str
    standaarden: tuple[str, ...]
    tekst: str


@dataclass(frozen=True, slots=True)
class Plaats:
    """Where one official code is enforced, or why it is not."""

    code: str
    status: str
    regels: tuple[str, ...]
    functies: tuple[str, ...]
    tests: tuple[str, ...]
    reden: str


@cache
def official_bedrijfsregels() -> dict[str, Bedrijfsregel]:
    """The OP and IV codes of the release by code (official_bedrijfsregels.csv)."""
    with OFFICIAL_CSV.open(newline="", encoding="utf-8") as f:
        return {r["code"]: Bedrijfsregel(r["code"], r["soort"], tuple(r["standaarden"].split()), r["tekst"])
                for r in csv.DictReader(f)}


def plaatsen() -> dict[str, Plaats]:
    """Where each code is enforced (bedrijfsregels.csv), by code."""
    with PLACEMENT_CSV.open(newline="", encoding="utf-8") as f:
        return {r["code"]: Plaats(r["code"], r["status"], tuple(r["regels"].split()), tuple(r["functies"].split()),
                                  tuple(r["tests"].split()), r["reden"]) for r in csv.DictReader(f)}


def registered_codes() -> set[str]:
    return {r.code for r in RULES}


def _source_of(module: str) -> Path | None:
    base = ROOT.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _defined(tree: ast.AST, qualname: str) -> bool:
    """Whether `qualname` (a function, or Class.method) is defined at the top of `tree`."""
    scope = getattr(tree, "body", [])
    for part in qualname.split("."):
        found = [n for n in scope if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                 and n.name == part]
        if not found:
            return False
        scope = found[0].body
    return True


def function_exists(ref: str) -> bool:
    """Whether `module:qualname` names a function defined in the source tree (read, not imported)."""
    module, _, qualname = ref.partition(":")
    path = _source_of(module)
    return bool(qualname) and path is not None and _defined(ast.parse(path.read_text(encoding="utf-8")), qualname)


def named_test_exists(ref: str) -> bool:
    """Whether `path::test_name` names a test function in that test module (read, not imported)."""
    path, _, name = ref.partition("::")
    file = ROOT / path
    return (bool(name) and path.startswith("tests/") and file.is_file()
            and _defined(ast.parse(file.read_text(encoding="utf-8")), name))


def problems(tested: set[str] | None = None) -> list[str]:
    """What keeps the OP/IV table from being complete and true: an official code without a place, a place
    for a code that is not official, a status without what it needs, a rule code that is not registered or
    has no case in test_rules.py, a function or test that does not exist."""
    tested = tested_codes() if tested is None else tested
    official, places, registered = official_bedrijfsregels(), plaatsen(), registered_codes()
    out = [f"{c}: official code with no place in bedrijfsregels.csv" for c in official if c not in places]
    out += [f"{c}: in bedrijfsregels.csv but not an official OP/IV code" for c in places if c not in official]
    for c, p in places.items():
        if p.status not in STATUSES:
            out.append(f"{c}: unknown status {p.status!r}")
        if p.status == "regel" and not p.regels:
            out.append(f"{c}: status regel names no rule")
        if p.status == "platform" and not p.functies:
            out.append(f"{c}: status platform names no function")
        if p.status.startswith("niet") and (not p.reden or p.regels or p.functies):
            out.append(f"{c}: status {p.status} needs a reason and no rule or function")
        if p.functies and not p.tests:
            out.append(f"{c}: a function without the test that proves it")
        out += [f"{c}: {r} is not a registered rule" for r in p.regels if r not in registered]
        out += [f"{c}: rule {r} has no case in test_rules.py" for r in p.regels if r in registered and r not in tested]
        out += [f"{c}: function {f} does not exist" for f in p.functies if not function_exists(f)]
        out += [f"{c}: test {t} does not exist" for t in p.tests if not named_test_exists(t)]
    out += [f"{c}: an OP/IV rule is registered but bedrijfsregels.csv does not name it" for c in registered
            if c in official and (c not in places or c not in places[c].regels)]
    return out


def _rule_names(code: str) -> str:
    fns = [f"{r.check.__module__.rsplit('.', 1)[-1]}.{r.check.__name__}" for r in RULES if r.code == code]
    return f"{code} (`{'`, `'.join(fns)}`)" if fns else code


def _where(p: Plaats) -> str:
    parts = []
    if p.regels:
        parts.append("regel " + ", ".join(_rule_names(r) for r in p.regels))
    if p.functies:
        parts.append("platform " + ", ".join(f"`{f}`" for f in p.functies))
    if p.reden:
        parts.append(p.reden)
    return "; ".join(parts)


def _tests(p: Plaats, tested: set[str]) -> str:
    named = [f"`{t.partition('::')[0].rsplit('/', 1)[-1]}::{t.partition('::')[2]}`" for t in p.tests]
    cases = [f"test_rules {r}" for r in p.regels if r in tested]
    return "<br>".join(named + cases) or "–"


def render(tested: set[str] | None = None) -> str:
    """The bedrijfsregels section of README.md (between the markers), as Markdown."""
    tested = tested_codes() if tested is None else tested
    official, places = official_bedrijfsregels(), plaatsen()
    lines = [BEGIN, "", "### Bedrijfsregels per standaard", "",
             "| standaard | OP-regels | regel | platform | niet controleerbaar | niet geïmplementeerd |",
             "|---|---|---|---|---|---|"]
    for s in STANDAARD:
        codes = [c for c, o in official.items() if o.soort == "bedrijfsregel" and s in o.standaarden]
        count = {st: sum(1 for c in codes if c in places and places[c].status == st) for st in STATUSES}
        lines.append(f"| {STANDAARD[s]} 3.2 | {len(codes)} | " + " | ".join(str(count[st]) for st in STATUSES) + " |")
    lines += ["", "### Per bedrijfsregel (OP) en invulinstructie (IV)", "",
              "| code | standaard | tekst | status | waar | test |", "|---|---|---|---|---|---|"]
    for code, o in official.items():
        p = places.get(code)
        status, where, test = (p.status, _where(p), _tests(p, tested)) if p else ("**geen plaats**", "", "–")
        lines.append(f"| {code} | {' '.join(STANDAARD[s] for s in o.standaarden)} | {o.tekst} | {status} "
                     f"| {where} | {test} |")
    return "\n".join([*lines, "", END]) + "\n"


def readme_section(text: str) -> str:
    """The generated OP/IV part of a README text (markers included)."""
    start, end = text.find(BEGIN), text.find(END)
    return text[start:end + len(END)] + "\n" if start >= 0 and end >= 0 else ""


def write_readme(readme: Path, tested: set[str] | None = None) -> None:
    """Replace the generated OP/IV part of `readme` by a fresh table."""
    text = readme.read_text(encoding="utf-8")
    old = readme_section(text)
    readme.write_text(text.replace(old, render(tested)) if old else text + "\n" + render(tested), encoding="utf-8")


def is_official(code: str) -> bool:
    """Whether `code` is an official CD/CS/RS/TR or OP/IV code of the release."""
    return code in official_rules() or code in official_bedrijfsregels()
