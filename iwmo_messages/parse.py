"""XML element tree → message objects, driven by each class's `XML` description.

Call only on a tree that passed the XSD (see validate.py); `parse()` in `__init__` does both.

Every model class gets one `_Reader`, built once per (class, namespace, heen/retour) from its
`XML` tuple, which lists the child elements in XSD order. A reader reads *all* elements of its
class at once, field by field: it first hands each element's children to the fields (the XSD
has fixed their order, so child i is field i when no optional element is missing; only then
are tags compared), then each field turns its whole column of children into values — leaf
texts through C-level `map`s, class-valued children by one call of the next reader for all of
them — and sets them on the instances. Reading element by element spent more on interpreting
the walk than on lxml and the instances.

The model classes are generated slots dataclasses whose `__init__` only assigns (no
`__post_init__`, no validation; a class that gains one is refused below). So the reader makes
the instances with `__new__` and assigns every field itself: the read values column by
column, the others their dataclass default. That costs a fraction of a keyword call per
instance and gives the same objects.
"""
from __future__ import annotations

import re
from collections import deque
from dataclasses import MISSING, fields
from datetime import date, time
from functools import cache
from itertools import chain, islice, repeat
from operator import attrgetter
from typing import Iterable

from lxml import etree

from .collector import collector_paused
from .errors import Issue, MessageError
from .models import MESSAGE_CLASSES, Message
from .spec import RETOUR_OF, base_namespace

_RETOURS = frozenset(RETOUR_OF.values())
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
    """Convert a validated message element into its `BerichtNNN` object.

    `root` comes from `safexml.load`, which leaves no comments or processing instructions in
    the tree: every child of an element is an element.
    """
    standaard, nummer = identify(root)
    ns = root.tag[1:root.tag.index("}")]
    lines: dict[int, int] = {}
    with collector_paused():
        reader = _reader(MESSAGE_CLASSES[nummer], ns, base_namespace(standaard), nummer in _RETOURS)
        (msg,) = reader.read([root], lines)
    msg.standaard = standaard
    msg.source_lines = lines
    return msg


class _Dates(dict):
    """Text → date, remembered: a declaratie repeats a handful of dates 10,000s of times, and a dict
    lookup costs a third of `date.fromisoformat`. Bounded (hostile input cannot grow it); dates are
    immutable, so sharing one between parts changes nothing."""

    __slots__ = ()
    LIMIT = 4096

    def __missing__(self, text: str) -> date:
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[text] = date.fromisoformat(text)  # ValueError for a bad text, as without the memo
        return value


# How the text of a leaf element becomes its value; None: the text itself ("" when empty).
_CONVERT = {str: None, int: int, date: _Dates().__getitem__, time: time.fromisoformat}
_text = attrgetter("text")
_children = etree._Element.getchildren
_sourceline = attrgetter("sourceline")
#: Elements read together: enough that the per-field steps are shared by many, few enough that
#: their proxies, instances and values stay in the CPU caches (reading 10,000 at once
#: took half as long again as 256 at a time; on the shared 2-core machine of 7 December, 64 at a
#: time read the 10,000-prestatie declaratie in 45–50 ms where 256 took 49–58 ms, 20 turns each).
_CHUNK = 64


@cache
def _reader(cls: type, ns: str, base_ns: str, retour: bool) -> _Reader:
    """Return the (cached) reader of `cls` elements in message namespace `ns`; `retour` says
    whether the message is a retour message (only those carry RetourCodes on their parts)."""
    return _Reader(cls, ns, base_ns, retour)


class _Field:
    """One child element of a class: where its value goes and how a column of them is read.

    `check` is the Clark tag of an element that may be absent (optional, a list wrapper), else
    None. `part` is the `_Reader` of a class-valued field; else `convert` turns a leaf's text
    into its value (None: the text itself). `many`: the element wraps a list of items.
    """

    __slots__ = ("attr", "check", "convert", "part", "many")

    def __init__(self, attr: str, check: str | None, convert, part: _Reader | None, many: bool):
        self.attr, self.check, self.convert, self.part, self.many = attr, check, convert, part, many

    def values(self, cells: list, lines: dict[int, int]) -> Iterable:
        """Return the value of each element in `cells` (all elements of this field), in order."""
        if self.many:
            return self._lists(cells, lines)
        if self.part is not None:
            return self.part.read(cells, lines)
        if self.convert is not None:
            return map(self.convert, map(_text, cells))
        texts = list(map(_text, cells))
        if not all(texts):  # an empty leaf element (text None): its value is "" (all() is cheaper than `None in`)
            return [t or "" for t in texts]
        return texts

    def _lists(self, wrappers: list, lines: dict[int, int]) -> list:
        """Return the list of items of each wrapper element (the XSD allows nothing else in it);
        the items of all wrappers are read in one go and then dealt out again."""
        groups = [w.getchildren() for w in wrappers]
        if self.part is None and self.convert is None:
            return [[item.text or "" for item in group] for group in groups]
        if self.part is None:
            return [[self.convert(item.text) for item in group] for group in groups]
        values = iter(self.part.read(list(chain.from_iterable(groups)), lines))
        return [list(islice(values, len(group))) for group in groups]


class _Default:
    """A dataclass field's value where its element is absent (or it has none): the default, a
    fresh value of the default factory, or for a message's `standaard` "" (set by from_tree)."""

    __slots__ = ("attr", "default", "factory")

    @staticmethod
    def applies(f, cls: type) -> bool:
        """Whether field `f` has a default; a field without one must be a required element."""
        if f.default is not MISSING or f.default_factory is not MISSING or f.name == "standaard":
            return True
        if not any(x.attr == f.name and not x.optional for x in cls.XML):
            raise TypeError(f"{cls.__name__}.{f.name} has neither a required element nor a default")
        return False

    def __init__(self, f, cls: type):
        self.attr = f.name
        self.default, self.factory = ("" if f.name == "standaard" else f.default), f.default_factory

    def values(self, n: int):
        """Return the values for n instances."""
        if self.factory is not MISSING:
            return [self.factory() for _ in range(n)]
        return repeat(self.default, n)


def _assign_each(objects: Iterable, attr: str, values: Iterable) -> None:
    """Set `attr` of each object to its value; map runs the loop in C, the empty deque drains it."""
    deque(map(setattr, objects, repeat(attr), values), maxlen=0)


def _maker(cls: type, attrs: list[str], defaults: list[_Default]):
    """A function `make(*columns)` returning one new instance of `cls` per row of the value columns,
    with `attrs` set from the columns (in order) and every other defaulted field set to its default:
    one loop of plain attribute stores, which costs a fraction of a setattr call per field."""
    names = {"new": cls.__new__, "cls": cls}
    lines = [f"o.{attr} = v{i}" for i, attr in enumerate(attrs)]
    for k, d in enumerate(x for x in defaults if x.attr not in attrs):
        if d.factory is list:
            lines.append(f"o.{d.attr} = []")  # the literal: cheaper than calling list()
        elif d.factory is not MISSING:
            names[f"f{k}"] = d.factory
            lines.append(f"o.{d.attr} = f{k}()")
        else:
            names[f"d{k}"] = d.default
            lines.append(f"o.{d.attr} = d{k}")
    columns = ", ".join(f"c{i}" for i in range(len(attrs)))
    row = "".join(f"v{i}, " for i in range(len(attrs)))
    source = "\n".join([f"def make({columns}):", "    out = []", "    add = out.append",
                        f"    for {row} in zip({columns}):", "        o = new(cls)",
                        *(f"        {line}" for line in lines), "        add(o)", "    return out", ""])
    exec(compile(source, f"<reader of {cls.__name__}>", "exec"), names)  # noqa: S102 — our own field names
    return names["make"]


class _Reader:
    """Reads all elements of one model class into instances of it, in order.

    `fields` follows the XSD order, leaving out the RetourCodes of a heen message (its XSD has
    none). `required_positions` are the indices of the fields that are always present.
    """

    __slots__ = ("cls", "fields", "required_positions", "defaults", "needs_line", "makers")

    def __init__(self, cls: type, ns: str, base_ns: str, retour: bool):
        if hasattr(cls, "__post_init__"):
            raise TypeError(f"{cls.__name__} has a __post_init__, which the reader would skip")
        self.cls = cls
        own = base_ns if getattr(cls, "BASIS", False) else ns
        self.fields: list[_Field] = []
        for f in cls.XML:
            if f.retour and not retour:
                continue
            part = _reader(f.kind, ns, base_ns, retour) if hasattr(f.kind, "XML") else None
            convert = None if part is not None else _CONVERT[f.kind]
            check = f"{{{own}}}{f.wrapper or f.tag}" if (f.optional or f.retour or f.many) else None
            self.fields.append(_Field(f.attr, check, convert, part, f.many))
        self.required_positions = tuple(i for i, f in enumerate(self.fields) if f.check is None)
        self.defaults = [_Default(f, cls) for f in fields(cls) if _Default.applies(f, cls)]
        self.needs_line = not cls.__dict__.get("BASIS")  # basisschema parts carry no RetourCodes
        #: positions of the fields present in every element → the function that makes such instances
        self.makers = {positions: _maker(cls, [self.fields[i].attr for i in positions], self.defaults)
                       for positions in {tuple(range(len(self.fields))), self.required_positions} if positions}

    def read(self, elements: list, lines: dict[int, int]) -> list:
        """Return the instances for `elements`; record their source lines in `lines`."""
        if len(elements) <= _CHUNK:
            return self._read(elements, lines)
        objects = []
        for start in range(0, len(elements), _CHUNK):
            objects += self._read(elements[start:start + _CHUNK], lines)
        return objects

    def _read(self, elements: list, lines: dict[int, int]) -> list:
        """Read a chunk: when all its elements have the same children (the usual case), read their values
        column by column and make the instances in one generated loop; else set them field by field."""
        n = len(self.fields)
        rows = list(map(_children, elements))  # faster than list(el); no comments in the tree
        sizes = set(map(len, rows))
        positions = tuple(range(n)) if sizes == {n} else self.required_positions if sizes == {
            len(self.required_positions)} else None
        maker = self.makers.get(positions) if positions is not None else None
        if maker is None:
            return self._read_each(elements, rows, lines)
        fields = self.fields
        # zip(*rows) turns the rows into the columns (a tuple of the j-th children) in one C call
        objects = maker(*[fields[i].values(column, lines) for i, column in zip(positions, zip(*rows))])
        if self.needs_line:
            lines.update(zip(map(id, objects), map(_sourceline, elements)))
        return objects

    def _read_each(self, elements: list, rows: list, lines: dict[int, int]) -> list:
        """Read a chunk whose elements differ in their optional children: make the instances, then
        set their fields column by column."""
        cls = self.cls
        objects = [cls.__new__(cls) for _ in elements]
        columns = self._columns(rows, objects)
        read_by_all = {field.attr for field, (_, targets) in zip(self.fields, columns) if targets is objects}
        for default in self.defaults:
            if default.attr not in read_by_all:
                _assign_each(objects, default.attr, default.values(len(objects)))
        for field, (cells, targets) in zip(self.fields, columns):
            _assign_each(targets, field.attr, field.values(cells, lines))
        if self.needs_line:
            lines.update(zip(map(id, objects), map(_sourceline, elements)))
        return objects

    def _columns(self, rows: list, objects: list) -> list[tuple[list, list]]:
        """Deal the children (`rows`, per element) out to the fields: per field, its child elements
        and the instances (of their parents) that receive their values."""
        columns: list[tuple[list, list]] = [([], []) for _ in self.fields]
        for row, obj in zip(rows, objects):
            for i, child in self._match(row):
                cells, targets = columns[i]
                cells.append(child)
                targets.append(obj)
        return columns

    def _match(self, row: list) -> Iterable[tuple[int, etree._Element]]:
        """Pair each child in `row` with the index of its field; tags are compared only when
        some but not all optional fields are present."""
        if len(row) == len(self.fields):
            return enumerate(row)
        if len(row) == len(self.required_positions):
            return zip(self.required_positions, row)
        pairs = []
        children = iter(row)
        child = next(children, None)
        for i, field in enumerate(self.fields):
            if child is None:
                break
            if field.check is not None and child.tag != field.check:
                continue  # this optional element is absent
            pairs.append((i, child))
            child = next(children, None)
        return pairs
