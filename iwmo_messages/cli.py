"""Command line: `python -m iwmo_messages validate FILE...` and `python -m iwmo_messages retour FILE`."""
from __future__ import annotations

import argparse
import sys

from .retour import build_retour
from .rules.base import check_rules
from .validate import validate


def _validate(files: list[str]) -> int:
    status = 0
    for path in files:
        result = validate(path)
        issues = list(result.issues)
        if result.message is not None:
            issues += check_rules(result.message)
        print(f"{path}: {result.message_type} {'valid' if not issues else 'invalid'}")
        for issue in issues:
            print(f"  {issue}")
        status |= bool(issues)
    return status


def _retour(path: str) -> int:
    result = validate(path)
    if result.message is None:
        print(f"{path}: {result.message_type} fails controleniveau 1 (XSD); it gets a StUF Fo01 "
              "(StUF055), no retourbericht:", file=sys.stderr)
        for issue in result.issues:
            print(f"  {issue}", file=sys.stderr)
        return 1
    try:
        sys.stdout.write(build_retour(result.message, check_rules(result.message)).decode("utf-8"))
    except ValueError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m iwmo_messages",
                                     description="Validate and answer iWmo/iJw 3.2 messages.")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="XSD + in-message rules; exit 1 if any file is invalid")
    v.add_argument("files", nargs="+")
    r = sub.add_parser("retour", help="print the retourbericht (rules without cross-message context)")
    r.add_argument("file")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate(args.files)
    return _retour(args.file)
