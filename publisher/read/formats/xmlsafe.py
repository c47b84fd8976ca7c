"""XML parsed safely: no DTD, no entity declarations (so no external files, no entity bombs).

``defusedxml`` is not installed here, so the standard parser is used behind a refusal of any
``<!DOCTYPE``/``<!ENTITY`` before parsing; the parser itself never fetches anything.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ...errors import InputError

_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)


def refuse_entities(text: str, name: str) -> None:
    """Entity declarations are refused in any markup: a page needs none, and they are the
    way to read local files (XXE) or blow up memory ("billion laughs")."""
    if _ENTITY.search(text):
        raise InputError(f"{name}: declares XML entities (refused: they can read local files or exhaust memory)")


def parse_xml(text: str, name: str) -> ET.Element:
    """The root element of ``text``, or an InputError naming the line of the first error."""
    refuse_entities(text, name)
    if _DOCTYPE.search(text):
        raise InputError(f"{name}: has a DOCTYPE (refused: an OCR XML file needs no DTD, and a DTD can read local files)")
    parser = ET.XMLParser()
    try:
        parser.feed(text)
        return parser.close()
    except ET.ParseError as e:
        line, column = e.position
        reason = str(e).split(":")[0]
        raise InputError(f"{name}: malformed XML at line {line}, column {column + 1} ({reason})") from None


def local(tag: str) -> str:
    """An element's name without its namespace (``{http://…alto…}String`` → ``String``)."""
    return tag.rsplit("}", 1)[-1]
