"""XML parsed safely: no DTD, no entity declarations (so no external files, no entity bombs).

``defusedxml`` is not installed here, so the standard parser is used behind a refusal of any
``<!DOCTYPE``/``<!ENTITY`` before parsing; the parser itself never fetches anything.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from xml.parsers import expat

from ...errors import InputError

_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)


def refuse_entities(text: str, name: str) -> None:
    """Entity declarations are refused in any markup: a page needs none, and they are the
    way to read local files (XXE) or blow up memory ("billion laughs")."""
    if _ENTITY.search(text):
        raise InputError(f"{name}: declares XML entities (refused: they can read local files or exhaust memory)")


def parse_xml(text: str, name: str) -> tuple[ET.Element, dict[ET.Element, int]]:
    """The root element of ``text`` and each element's line in it, or an InputError naming the
    line of the first error. Read with expat directly (ElementTree does not keep line numbers);
    no handler resolves an external entity, and a DTD is refused before parsing."""
    refuse_entities(text, name)
    if _DOCTYPE.search(text):
        raise InputError(f"{name}: has a DOCTYPE (refused: an OCR XML file needs no DTD, and a DTD can read local files)")
    builder, lines = ET.TreeBuilder(), {}
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def start(tag, attrs):
        lines[builder.start("{" + tag if "}" in tag else tag, attrs)] = parser.CurrentLineNumber

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end("{" + tag if "}" in tag else tag)
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(text, True)
        return builder.close(), lines
    except expat.ExpatError as e:
        reason = expat.ErrorString(e.code)
        raise InputError(f"{name}: malformed XML at line {e.lineno}, column {e.offset + 1} ({reason})") from None
    except AssertionError:  # the builder's own check: elements left open
        raise InputError(f"{name}: malformed XML (elements left open at the end)") from None


def local(tag: str) -> str:
    """An element's name without its namespace (``{http://…alto…}String`` → ``String``)."""
    return tag.rsplit("}", 1)[-1]
