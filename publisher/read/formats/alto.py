"""ALTO XML (v2–v4, any namespace): TextBlock → TextLine → String, with HPOS/VPOS/WIDTH/HEIGHT.

Illustrations and graphical elements carry no text: their regions are kept (photo frames), as
are the page's size (``Page`` WIDTH/HEIGHT) and image (``sourceImageInformation/fileName``).
Type sizes come from the ``TextStyle`` FONTSIZE the lines refer to (``STYLEREFS``), where every
line has one; else from the boxes' heights.
"""

from __future__ import annotations

import dataclasses
import math
import re
import xml.etree.ElementTree as ET
from statistics import median

from ...errors import InputError
from .geometry import Box, Converted, Line, ink_height, join_words, one_page_a_file, pictures, rules, union
from .layout import arrange
from .sniff import head
from .xmlsafe import local, parse_xml

_ROOT = re.compile(r"<([\w.-]+:)?alto[\s>]")


def detect(data: bytes) -> bool:
    """An ``<alto>`` root element (with or without a namespace prefix)."""
    return bool(_ROOT.search(head(data)))


ILLUSTRATIONS = {"Illustration", "GraphicalElement"}


def image_named(sample: str) -> str | None:
    """The image ``sourceImageInformation/fileName`` names."""
    found = re.search(r"<(?:[\w.-]+:)?fileName>\s*([^<]*?)\s*</", sample)
    return found.group(1) if found and found.group(1) else None


def read(text: str, name: str) -> Converted:
    root, source = parse_xml(text, name)
    if local(root.tag) != "alto":
        raise InputError(f"{name}: not ALTO (the root element is <{local(root.tag)}>, not <alto>)")
    pages = sum(local(e.tag) == "Page" for e in root.iter())
    if pages > 1:
        raise InputError(one_page_a_file(name, pages, "Page"))
    lines: list[Line] = []
    styled: list[float | None] = []  # each line's type size as its TextStyle gives it
    fonts = _font_sizes(root)
    for block, number in _blocks(root).items():
        for element in block:
            if local(element.tag) == "TextLine":
                line = _line(element, number, name, source[element])
                if line:
                    lines.append(line)
                    styled.append(_styled_size(element, block, fonts))
    if not lines:
        raise InputError(f"{name}: ALTO without any text (no String with CONTENT and a position in a TextBlock)")
    if all(styled):
        lines = _restyled(lines, styled)  # type: ignore[arg-type]
    regions = [_box(e, name) for e in root.iter() if local(e.tag) in ILLUSTRATIONS]
    found = pictures(regions, lines)
    return dataclasses.replace(arrange(lines, found, rules(regions, lines)), size=_page_size(root), image=_image(root),
                               illustrations=found)


def _font_sizes(root: ET.Element) -> dict[str, float]:
    """``Styles/TextStyle`` ID → FONTSIZE (points), for the styles that give one."""
    out = {}
    for style in (e for e in root.iter() if local(e.tag) == "TextStyle"):
        try:
            size = float(style.get("FONTSIZE", ""))
        except ValueError:
            continue
        if 0 < size < math.inf and style.get("ID"):  # (float() reads "inf" and "nan" too)
            out[style.get("ID", "")] = size
    return out


def _styled_size(line: ET.Element, block: ET.Element, fonts: dict[str, float]) -> float | None:
    """The line's type size from the text styles its strings, or else it or its block, refer to
    (``STYLEREFS``, which may also name paragraph styles): the middle of its strings' sizes."""
    if not fonts:
        return None

    def size(element: ET.Element) -> float | None:
        return next((fonts[ref] for ref in element.get("STYLEREFS", "").split() if ref in fonts), None)

    own = size(line) or size(block)
    sizes = sorted(s for s in (size(e) or own for e in line if local(e.tag) == "String") if s)
    return sizes[len(sizes) // 2] if sizes else own


def _restyled(lines: list[Line], styled: list[float]) -> list[Line]:
    """Lines sized by the type sizes the engine measured (ABBYY writes them), where every line has
    one: in points, scaled to the page's units, the body's size to the body lines' height (sizes
    also measure gaps and indents on the page)."""
    scale = median(ln.size for ln in lines) / median(styled)
    return [dataclasses.replace(ln, text=join_words(list(ln.words), size * scale), size=size * scale, ceiling=0.0)
            for ln, size in zip(lines, styled)]


def _blocks(root: ET.Element) -> dict[ET.Element, int]:
    """Each TextBlock (in document order) with its block number: that of the ComposedBlock holding
    it, if any (Tesseract writes its column areas so, and a TextBlock for each paragraph it guesses,
    often one per line; the geometry tells paragraphs apart better)."""
    owner: dict[ET.Element, ET.Element] = {}
    for composed in (e for e in root.iter() if local(e.tag) == "ComposedBlock"):
        for inner in composed.iter():
            owner.setdefault(inner, composed)
    numbers: dict[ET.Element, int] = {}
    out = {}
    for block in (e for e in root.iter() if local(e.tag) == "TextBlock"):
        out[block] = numbers.setdefault(owner.get(block, block), len(numbers))
    return out


def _page_size(root: ET.Element) -> tuple[float, float] | None:
    page = next((e for e in root.iter() if local(e.tag) == "Page"), None)
    try:
        size = (float(page.get("WIDTH", "")), float(page.get("HEIGHT", ""))) if page is not None else None
    except ValueError:
        return None
    return size if size and size[0] > 0 and size[1] > 0 else None


def _image(root: ET.Element) -> str | None:
    found = next((e for e in root.iter() if local(e.tag) == "fileName"), None)
    return found.text.strip() if found is not None and found.text and found.text.strip() else None


def _line(element: ET.Element, block: int, name: str, source: int) -> Line | None:
    strings = [s for s in element if local(s.tag) == "String" and s.get("CONTENT", "").strip()]
    own = _box(element, name)
    boxes = [_box(s, name) for s in strings]
    known = [b for b in boxes if b]
    box = own or (union(known) if known else None)
    if not strings or box is None:
        return None
    words = [(s.get("CONTENT", ""), b or box) for s, b in zip(strings, boxes)]  # no box: no gap to read
    size = _size(box, words)
    return Line(join_words(words, size), box, size, block, source, tuple(words), ceiling=box.height,
                confidences=_confidences(strings))


def _confidences(strings: list[ET.Element]) -> tuple[float, ...]:
    """Each String's word confidence (``WC``, 0–1), where every one has a valid one."""
    try:
        scores = tuple(float(s.get("WC", "")) for s in strings)
    except ValueError:
        return ()
    return scores if all(0 <= c <= 1 for c in scores) else ()


def _size(box: Box, words: list[tuple[str, Box]]) -> float:
    """The line's type size: its height, or the middle height of its words of ideographs where that
    is less (an engine's line box takes in a quote mark set high or a glyph misread tall, and a
    body line read so would pass for a heading; an ideograph's box is about the type size)."""
    inked = ink_height(box, words)
    return min(box.height, inked) if inked else box.height


def _box(element: ET.Element, name: str) -> Box | None:
    values = [element.get(k) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT")]
    if any(v is None for v in values):
        return None
    try:
        x, y, w, h = (float(v) for v in values)
    except ValueError:
        raise InputError(f"{name}: ALTO {local(element.tag)} has a position that is not a number: {values}") from None
    return Box(x, y, x + w, y + h)
