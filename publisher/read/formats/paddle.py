"""PaddleOCR / RapidOCR JSON: ``[[box, [text, score]], …]`` with box = four ``[x, y]`` corners,
or that list inside a list (PaddleOCR 2's result for one image). RapidOCR's flat
``[box, text, score]`` items are read too, and PaddleOCR 3's ``save_to_json`` object
(``rec_texts`` with ``rec_polys`` or ``rec_boxes``, maybe under ``res``; its ``input_path`` names
the page image).
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from numbers import Real
from statistics import median

from ...chars import han_count
from ...errors import InputError
from ..measure import printed_width
from .geometry import Box, Converted, Line, one_page_a_file
from .layout import arrange
from .sniff import head

MEASURED_BY_WIDTH = 4  # ideographs in a line: enough to size it by its width
_LATIN = re.compile(r"[0-9A-Za-z]")
SHAPE = "an OCR box list ([[box, [text, score]], …] with box = 4 [x, y] points)"


def detect(data: bytes) -> bool:
    """JSON whose top level is a list or an object (whether it is a box list is the reader's check)."""
    if head(data, 64).lstrip()[:1] not in ("[", "{"):
        return False
    try:
        json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return False
    return True


def read(text: str, name: str) -> Converted:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{name}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from None
    image = None
    if isinstance(data, list) and data and all(isinstance(page, dict) for page in data):  # results, one a page
        if len(data) > 1:
            raise InputError(one_page_a_file(name, len(data), "a result object per page"))
        data = data[0]
    if isinstance(data, dict):
        data, image = _from_result(data, name)
    items = _first_page(data, name)
    lines = []
    for i, item in enumerate(items):
        box, words = _item(item, i, name)
        if words.strip():
            lines.append(Line(" ".join(words.split()), box, box.height, source=i + 1))
    if not lines:
        raise InputError(f"{name}: the OCR box list holds no text")
    lines = _sized(lines)
    return dataclasses.replace(arrange(lines), unit="item", image=image)


def image_named(sample: str) -> str | None:
    """The page image PaddleOCR 3's result names (``input_path``, written first)."""
    found = _INPUT_PATH.search(sample)
    return json.loads(f'"{found.group(1)}"') if found else None


_INPUT_PATH = re.compile(r'"input_path"\s*:\s*"((?:[^"\\]|\\.)*)"')


def _from_result(data: dict, name: str) -> tuple[list, str | None]:
    """PaddleOCR 3's result object as box-list items, and the image it names."""
    result = data.get("res", data)
    texts = result.get("rec_texts") if isinstance(result, dict) else None
    if not isinstance(texts, list):
        raise InputError(f"{name}: JSON is not {SHAPE}: the top level is an object without rec_texts")
    scores = result.get("rec_scores") or [1.0] * len(texts)
    if isinstance(result.get("rec_polys"), list):
        boxes = result["rec_polys"]
    elif isinstance(result.get("rec_boxes"), list):  # [x0, y0, x1, y1]
        boxes = [[[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]]] if isinstance(b, list) and len(b) == 4 else b
                 for b in result["rec_boxes"]]
    else:
        raise InputError(f"{name}: PaddleOCR result without rec_polys or rec_boxes (no line positions)")
    if not (len(boxes) == len(texts) == len(scores)):
        raise InputError(f"{name}: PaddleOCR result with {len(texts)} rec_texts but {len(boxes)} boxes")
    path = result.get("input_path")
    return [[box, [text, score]] for box, text, score in zip(boxes, texts, scores)], path if isinstance(path, str) else None


def _sized(lines: list[Line]) -> list[Line]:
    """Each line's type size. Chinese type is square and set solid, so a line of ideographs is
    measured by its width per character (an engine's box height follows the ink: a comma's, a
    tall glyph's). Other lines (a few characters, Latin letters or digits, whose widths vary by
    face and which justification stretches most; a space, a gap of unknown width) are no larger
    than their width or their height says, the height in the proportion of the solid lines'
    sizes to their heights (the engine's boxes stand off the ink)."""
    by_width = {k: ln.box.width / printed_width(ln.text) for k, ln in enumerate(lines)
                if " " not in ln.text and han_count(ln.text) and printed_width(ln.text) > 0}
    solid = {k for k in by_width if han_count(lines[k].text) >= MEASURED_BY_WIDTH and not _LATIN.search(lines[k].text)
             and lines[k].box.height > 0}
    if not solid:
        return lines
    per_height = median(by_width[k] / lines[k].box.height for k in solid)
    return [dataclasses.replace(ln, size=by_width[k] if k in solid else min(by_width.get(k, math.inf),
                                                                            ln.box.height * per_height))
            for k, ln in enumerate(lines)]


def _first_page(data, name: str) -> list:
    if not isinstance(data, list):
        raise InputError(f"{name}: JSON is not {SHAPE}: the top level is an object, not a list")
    if data and all(isinstance(page, list) or page is None for page in data) and _is_page_list(data):
        # one list per page (PaddleOCR writes one for a single image too; None: a page with no text)
        if len(data) > 1:
            raise InputError(one_page_a_file(name, len(data), "a box list per page"))
        data = data[0] or []
    if not data:
        raise InputError(f"{name}: the OCR box list holds no text")
    return data


def _is_page_list(data: list) -> bool:
    """``[[item, …], …]`` rather than ``[item, …]``: the first entry's first element is an item, not a box."""
    first = data[0]
    return first is None or (bool(first) and isinstance(first[0], list) and bool(first[0])
                             and isinstance(first[0][0], list) and bool(first[0][0]) and isinstance(first[0][0][0], list))


def _item(item, i: int, name: str) -> tuple[Box, str]:
    """``[box, [text, score]]`` or ``[box, text, score]`` → (box, text), or an InputError saying which item."""
    if isinstance(item, list) and len(item) == 2 and isinstance(item[1], list) and item[1]:
        box, words = item[0], item[1][0]
    elif isinstance(item, list) and len(item) == 3:
        box, words = item[0], item[1]
    else:
        raise InputError(f"{name}: JSON is not {SHAPE}: item {i + 1} is {json.dumps(item, ensure_ascii=False)[:60]}")
    points_ok = isinstance(box, list) and len(box) == 4 and all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(v, Real) and not isinstance(v, bool) for v in p) for p in box)
    if not points_ok or not isinstance(words, str):
        raise InputError(f"{name}: JSON is not {SHAPE}: item {i + 1} has no four-point box and text")
    xs, ys = [p[0] for p in box], [p[1] for p in box]
    return Box(min(xs), min(ys), max(xs), max(ys)), words
