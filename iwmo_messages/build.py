"""Message objects → UTF-8 XML bytes in XSD element order, validated before they are returned."""
from __future__ import annotations

from datetime import date, time
from functools import cache

from lxml import etree

from .errors import Issue, MessageError
from .models import Message
from .schemas import message_schema
from .spec import IWMO, RETOUR_OF, base_namespace, namespace
from .xsd import schema_issues

_RETOURS = set(RETOUR_OF.values())


def to_tree(message: Message) -> etree._Element:
    """Build the lxml element of `message` (not validated)."""
    std, nummer = message.standaard, message.NUMMER
    ns, base_ns = namespace(std, nummer), base_namespace(std)
    prefix = ("wmo" if std == IWMO else "jw") + nummer
    root = etree.Element(f"{{{ns}}}Bericht", nsmap={std: base_ns, prefix: ns})
    _write(root, message, ns, base_ns, nummer in _RETOURS)
    return root


def to_xml(message: Message, validate: bool = True) -> bytes:
    """Serialize `message` as UTF-8 XML; with `validate`, raise MessageError if the result is
    not valid against the official XSD."""
    root = to_tree(message)
    if validate:
        issues = schema_issues(message_schema(message.standaard, message.NUMMER), root)
        if issues:
            raise MessageError(issues)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _text(value) -> str:
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


@cache
def _plan(cls: type, ns: str, base_ns: str, retour: bool) -> tuple:
    """Per field of `cls` in XSD order: (attr, Clark tag, Clark tag of the list wrapper or None,
    whether it is a RetourCodes field this (heen) message may not carry, the field) — built once
    per class, so that writing a part formats no tag."""
    own = base_ns if getattr(cls, "BASIS", False) else ns
    return tuple((f.attr, f"{{{own}}}{f.tag}", f"{{{own}}}{f.wrapper}" if f.many else None,
                  bool(f.retour and not retour), f) for f in cls.XML)


def _write(parent, obj, ns, base_ns, retour: bool) -> None:
    sub = etree.SubElement
    for attr, tag, wrapper, misplaced, f in _plan(type(obj), ns, base_ns, retour):
        value = getattr(obj, attr)
        if misplaced:
            if value:
                raise MessageError([_misplaced(obj, f)])
            continue
        if wrapper is not None:
            if not value:
                continue
            wrap = sub(parent, wrapper)
            for item in value:
                el = sub(wrap, tag)
                if hasattr(item, "XML"):
                    _write(el, item, ns, base_ns, retour)
                else:
                    el.text = _text(item)
        elif value is not None:
            el = sub(parent, tag)
            if hasattr(value, "XML"):
                _write(el, value, ns, base_ns, retour)
            else:
                el.text = _text(value)


def _misplaced(obj, f) -> Issue:
    return Issue("BUILD", f"{type(obj).__name__}.{f.attr} is only allowed in a retour message",
                 element=f.wrapper)
