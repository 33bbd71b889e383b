"""XML element tree → message objects, driven by each class's `XML` description.

Call only on a tree that passed the XSD (see validate.py); `parse()` in `__init__` does both.
"""
from __future__ import annotations

import re
from datetime import date, time
from functools import cache

from lxml import etree

from .errors import Issue, MessageError
from .models import MESSAGE_CLASSES, Message
from .spec import base_namespace

_NS_RE = re.compile(r"^\{http://www\.istandaarden\.nl/(iwmo|ijw)/(\d+_\d+)/(?:wmo|jw)(\d{3})/schema\}(.*)$")


def identify(root: etree._Element) -> tuple[str, str]:
    """Return (standaard, nummer) of a message root element or raise MessageError."""
    tag = root.tag if isinstance(root.tag, str) else ""
    m = _NS_RE.match(tag)
    if not m or m.group(4) != "Bericht":
        raise MessageError([Issue("NAMESPACE", f"root element {tag or '?'} is not an iWmo/iJw "
                                  "Bericht", root.sourceline, tag)])
    standaard, release, nummer = m.group(1), m.group(2), m.group(3)
    if release != "3_2":
        raise MessageError([Issue("RELEASE", f"release {release.replace('_', '.')} is not "
                                  "supported; only iWmo/iJw 3.2", root.sourceline, tag)])
    if nummer not in MESSAGE_CLASSES:
        raise MessageError([Issue("NAMESPACE", f"message {nummer} does not exist in release 3.2",
                                  root.sourceline, tag)])
    return standaard, nummer


_STR, _INT, _DATE, _TIME, _CLASS = range(5)
_KIND = {str: _STR, int: _INT, date: _DATE, time: _TIME}


@cache
def _table(cls: type, ns: str, base_ns: str) -> dict[str, tuple]:
    """Map Clark tag → (attr, kind code, class, many) for the children of a `cls` element."""
    own = base_ns if getattr(cls, "BASIS", False) else ns
    return {f"{{{own}}}{f.wrapper or f.tag}": (
        f.attr, _CLASS if hasattr(f.kind, "XML") else _KIND[f.kind], f.kind, f.many)
        for f in cls.XML}


def from_tree(root: etree._Element) -> Message:
    """Convert a validated message element into its `BerichtNNN` object."""
    standaard, nummer = identify(root)
    cls = MESSAGE_CLASSES[nummer]
    lines: dict[int, int] = {}
    ns = root.tag[1:root.tag.index("}")]
    msg = _read(root, cls, ns, base_namespace(standaard), lines)
    msg.standaard = standaard
    msg.source_lines = lines
    return msg


def _value(el, kind: int, cls, ns: str, base_ns: str, lines: dict):
    if kind == _CLASS:
        return _read(el, cls, ns, base_ns, lines)
    text = el.text
    if kind == _STR:
        return text or ""
    if kind == _INT:
        return int(text)
    if kind == _DATE:
        return date.fromisoformat(text)
    return time.fromisoformat(text)


def _read(el, cls, ns, base_ns, lines):
    table = _table(cls, ns, base_ns)
    kwargs = {}
    for child in el:
        entry = table.get(child.tag)
        if entry is None:
            continue  # comments and processing instructions
        attr, kind, kcls, many = entry
        if many:
            kwargs[attr] = [_value(item, kind, kcls, ns, base_ns, lines) for item in child
                            if item.tag.__class__ is str]
        else:
            kwargs[attr] = _value(child, kind, kcls, ns, base_ns, lines)
    if cls.XML[0].tag == "Header":  # a message root: standaard is set by from_tree
        kwargs["standaard"] = ""
    obj = cls(**kwargs)
    if not cls.__dict__.get("BASIS"):  # basisschema parts carry no RetourCodes: no line needed
        lines[id(obj)] = el.sourceline
    return obj
