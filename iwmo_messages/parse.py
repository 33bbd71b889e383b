"""XML element tree → message objects, driven by each class's `XML` description.

Call only on a tree that passed the XSD (see validate.py); `parse()` in `__init__` does both.

Every model class gets one `_Reader`, built once per (class, namespace) from its `XML` tuple,
which lists the child elements in XSD order. The XSD has already fixed that order, so reading an
element walks its element children alongside that list and asks a child for its tag only where
the list has an optional element (building a tag string costs more than the rest of a leaf).
Leaf values are converted inline and only class-valued children recurse.
"""
from __future__ import annotations

import gc
import re
from contextlib import contextmanager
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


def from_tree(root: etree._Element) -> Message:
    """Convert a validated message element into its `BerichtNNN` object."""
    standaard, nummer = identify(root)
    ns = root.tag[1:root.tag.index("}")]
    lines: dict[int, int] = {}
    with _collector_paused():
        msg = _reader(MESSAGE_CLASSES[nummer], ns, base_namespace(standaard)).read(root, lines)
    msg.standaard = standaard
    msg.source_lines = lines
    return msg


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector while building a message.

    A message is a tree of new objects without cycles, so a collection during the build can
    free nothing; yet with 10,000s of parts it would run dozens of times, each time walking
    the young objects (and now and then the whole heap). It is switched back on only if it
    was on before.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# How the text of a leaf element becomes its value; None: the text itself ("" when empty).
_CONVERT = {str: None, int: int, date: date.fromisoformat, time: time.fromisoformat}


@cache
def _reader(cls: type, ns: str, base_ns: str) -> _Reader:
    """Return the (cached) reader of `cls` elements in message namespace `ns`."""
    return _Reader(cls, ns, base_ns)


class _Reader:
    """Reads elements of one model class into instances of it.

    `fields` follows the XSD order: `(check, attr, convert, part, item_tag)` per child element.
    `check` is the Clark tag of an element that may be absent (optional, RetourCodes, a list
    wrapper), else None: a required element is simply the next child. `part` is the `_Reader` of
    a class-valued field (else `convert` turns the leaf's text into its value), `item_tag` the
    Clark tag of the items in a wrapper element (None for a single value).
    """

    __slots__ = ("cls", "fields", "is_root", "needs_line")

    def __init__(self, cls: type, ns: str, base_ns: str):
        self.cls = cls
        own = base_ns if getattr(cls, "BASIS", False) else ns
        self.fields: list[tuple] = []
        for f in cls.XML:
            part = _reader(f.kind, ns, base_ns) if hasattr(f.kind, "XML") else None
            convert = None if part is not None else _CONVERT[f.kind]
            item_tag = f"{{{own}}}{f.tag}" if f.many else None
            check = f"{{{own}}}{f.wrapper or f.tag}" if (f.optional or f.retour or f.many) else None
            self.fields.append((check, f.attr, convert, part, item_tag))
        self.is_root = cls.XML[0].tag == "Header"  # a message: standaard is set by from_tree
        self.needs_line = not cls.__dict__.get("BASIS")  # basisschema parts carry no RetourCodes

    def read(self, el: etree._Element, lines: dict[int, int]):
        """Return the instance for element `el`; record its source line in `lines`."""
        kwargs = {}
        children = el.iterchildren(etree.Element)  # elements only: no comments or processing instructions
        child = next(children, None)
        for check, attr, convert, part, item_tag in self.fields:
            if child is None:
                break
            if check is not None and child.tag != check:
                continue  # this optional element is absent
            if item_tag is not None:
                kwargs[attr] = _read_items(child.iterchildren(item_tag), convert, part, lines)
            elif part is not None:
                kwargs[attr] = part.read(child, lines)
            elif convert is None:
                kwargs[attr] = child.text or ""
            else:
                kwargs[attr] = convert(child.text)
            child = next(children, None)
        if self.is_root:
            kwargs["standaard"] = ""
        obj = self.cls(**kwargs)
        if self.needs_line:
            lines[id(obj)] = el.sourceline
        return obj


def _read_items(items, convert, part: _Reader | None, lines: dict[int, int]) -> list:
    """Return the values of the items of a wrapper element."""
    if part is not None:
        read = part.read
        return [read(item, lines) for item in items]
    if convert is None:
        return [item.text or "" for item in items]
    return [convert(item.text) for item in items]
