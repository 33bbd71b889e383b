"""Hostile-input-safe XML loading: size limit before parsing, no DTD, no entities, no network.

Depth is bounded by libxml2's default limit (256 levels, `huge_tree` stays off); an iWmo/iJw
message is at most ~8 levels deep.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO, Union

from lxml import etree

from .errors import Issue, MessageError

#: The GGk transport limit; no message can be larger.
MAX_BYTES = 25 * 1024 * 1024

Source = Union[bytes, str, os.PathLike, BinaryIO]


def _parser() -> etree.XMLParser:
    # remove_blank_text: the indentation between elements is not kept (a third fewer nodes to build
    # and validate); whitespace inside a leaf element stays. Comments and processing instructions
    # are dropped, so every child of an element is an element and a leaf's text is whole.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_blank_text=True,
                           remove_comments=True, remove_pis=True)


def read_bytes(source: Source, max_bytes: int = MAX_BYTES) -> bytes:
    """Return the bytes of `source` (bytes, a path or a binary file), refusing oversized input
    without reading it."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_big(size, max_bytes)
        data = path.read_bytes()
    else:
        data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_big(len(data), max_bytes)
    return data


def _too_big(size: int, max_bytes: int) -> MessageError:
    return MessageError([Issue("SIZE", f"message is {size} bytes; the limit is {max_bytes}")])


def load(source: Source, max_bytes: int = MAX_BYTES) -> etree._ElementTree:
    """Parse `source` safely; raise MessageError (never an lxml exception) when it is not
    acceptable XML."""
    data = read_bytes(source, max_bytes)
    # Refuse before libxml2 sees the entity declarations (find with bounds: no 64 KB copy).
    if data.find(b"<!DOCTYPE", 0, 65536) != -1:
        raise _no_dtd()
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise MessageError([Issue("XML", f"not well-formed XML: {exc.msg}", line)]) from None
    except ValueError as exc:  # e.g. a unicode string with an encoding declaration
        raise MessageError([Issue("XML", str(exc))]) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise _no_dtd()
    return tree


def _no_dtd() -> MessageError:
    return MessageError([Issue("DTD", "a DOCTYPE/DTD is not allowed in a message", 1)])
