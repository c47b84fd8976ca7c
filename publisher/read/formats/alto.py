"""ALTO XML (v2–v4, any namespace): TextBlock → TextLine → String, with HPOS/VPOS/WIDTH/HEIGHT.

Illustrations and graphical elements carry no text and are skipped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ...errors import InputError
from .geometry import Box, Line, join_words, union
from .layout import arrange
from .sniff import head
from .xmlsafe import local, parse_xml

_ROOT = re.compile(r"<([\w.-]+:)?alto[\s>]")


def detect(data: bytes) -> bool:
    """An ``<alto>`` root element (with or without a namespace prefix)."""
    return bool(_ROOT.search(head(data)))


def read(text: str, name: str) -> str:
    root = parse_xml(text, name)
    if local(root.tag) != "alto":
        raise InputError(f"{name}: not ALTO (the root element is <{local(root.tag)}>, not <alto>)")
    lines: list[Line] = []
    blocks = (e for e in root.iter() if local(e.tag) == "TextBlock")
    for number, block in enumerate(blocks):
        for element in block:
            if local(element.tag) == "TextLine":
                line = _line(element, number, name)
                if line:
                    lines.append(line)
    if not lines:
        raise InputError(f"{name}: ALTO without any text (no String with CONTENT and a position in a TextBlock)")
    return arrange(lines)


def _line(element: ET.Element, block: int, name: str) -> Line | None:
    strings = [s for s in element if local(s.tag) == "String" and s.get("CONTENT", "").strip()]
    own = _box(element, name)
    boxes = [_box(s, name) for s in strings]
    known = [b for b in boxes if b]
    box = own or (union(known) if known else None)
    if not strings or box is None:
        return None
    words = [(s.get("CONTENT", ""), b or box) for s, b in zip(strings, boxes)]  # no box: no gap to read
    return Line(join_words(words, box.height), box, box.height, block)


def _box(element: ET.Element, name: str) -> Box | None:
    values = [element.get(k) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT")]
    if any(v is None for v in values):
        return None
    try:
        x, y, w, h = (float(v) for v in values)
    except ValueError:
        raise InputError(f"{name}: ALTO {local(element.tag)} has a position that is not a number: {values}") from None
    return Box(x, y, x + w, y + h)
