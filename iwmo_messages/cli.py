"""Command line: `python -m iwmo_messages validate [--json] FILE...` (a message, or a StUF-GGk Di01/Du01
envelope with one inside), `retour FILE` and `conformance` (prints the conformance tables of README.md: the
CD/CS/TR codes and the OP/IV rules)."""
from __future__ import annotations

import argparse
import json
import sys

from .envelope import is_envelope, unwrap
from .errors import Issue, MessageError
from .report import Fault, level_one_text, report
from .safexml import read_bytes
from .retour import build_retour
from .rules.base import check_rules
from .validate import validate


def _report(path: str) -> tuple[str, list[Fault]]:
    """(message type, faults) of a file: an iWmo/iJw message, or a StUF-GGk Di01/Du01 envelope, whose
    own faults (XSD of the envelope) or else those of the message inside it are reported."""
    try:
        data = read_bytes(path)
    except (OSError, MessageError) as exc:
        issues = exc.issues if isinstance(exc, MessageError) else [Issue("FILE", str(exc))]
        return "?", [Fault(i.rule, None, 1, None, i.line, level_one_text(i)) for i in issues]
    if not is_envelope(data):
        rep = report(data)
        return rep.message_type, rep.faults
    try:
        env = unwrap(data)
    except MessageError as exc:
        return "StUF-GGk envelop", [Fault(i.rule, None, 1, i.element, i.line,
                                          f"De StUF-GGk envelop is ongeldig: {i.message}") for i in exc.issues]
    rep = report(env.payload)
    return f"{env.berichtcode} met {rep.message_type}", rep.faults


def _validate(files: list[str], as_json: bool) -> int:
    status, out = 0, []
    for path in files:
        message_type, faults = _report(path)
        status |= bool(faults)
        if as_json:
            out += [{"bestand": path, "bericht": message_type, **f.as_dict()} for f in faults]
            continue
        print(f"{path}: {message_type} {'ongeldig' if faults else 'geldig'}")
        for fault in faults:
            print(f"  {fault}")
    if as_json:
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return status


def _retour(path: str) -> int:
    result = validate(path)
    if result.message is None:
        print(f"{path}: {result.message_type} voldoet niet aan controleniveau 1 (XSD); het krijgt een StUF "
              "Fo01 (StUF055), geen retourbericht:", file=sys.stderr)
        for issue in result.issues:
            print(f"  {issue}", file=sys.stderr)
        return 1
    try:
        sys.stdout.write(build_retour(result.message, check_rules(result.message)).decode("utf-8"))
    except ValueError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1
    return 0


def _conformance(tested_from: str | None, write: bool) -> int:
    from .bedrijfsregels import render as render_op
    from .conformance import problems, render, tested_codes, write_readme
    tested = tested_codes(tested_from)
    if write:
        write_readme(tested)
    else:
        sys.stdout.write(render(tested) + "\n" + render_op(tested))
    for problem in problems(tested):
        print(problem, file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m iwmo_messages",
                                     description="Validate and answer iWmo/iJw 3.2 messages.")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="XSD + in-message rules; exit 1 if any file is invalid")
    v.add_argument("--json", action="store_true",
                   help="print a JSON list of faults: code, retourcode, niveau, xpath, regel, melding")
    v.add_argument("files", nargs="+")
    r = sub.add_parser("retour", help="print the retourbericht (rules without cross-message context)")
    r.add_argument("file")
    c = sub.add_parser("conformance", help="print the conformance tables (official codes vs registered rules; "
                       "the OP/IV rules)")
    c.add_argument("--tested-from", help="test module whose CASES name the tested rules "
                   "(default: tests/unit/iwmo_messages/test_rules.py beside the package)")
    c.add_argument("--write", action="store_true", help="rewrite the table in iwmo_messages/README.md")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate(args.files, args.json)
    if args.command == "conformance":
        return _conformance(args.tested_from, args.write)
    return _retour(args.file)
