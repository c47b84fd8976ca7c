"""What an engine does wrong with lines, undone from their geometry (``clean``, before they are
arranged; a headline read twice is found as they are, once its pieces are one).

- **Lines run across a gutter.** An engine may read a column's line and the line beside it in
  the next column as one (a short byline level with a paragraph's last line): a gap between two
  words in which the nearby lines' columns end and begin spans a gutter, and the line is cut
  there. Lines above all others (the folio) are left whole: their wide gaps are between fields.
- **Ink read twice.** A big headline's upper half may also be read as a line of its own
  (``TiY人cm、口`` over ``内蒙古…``): a line lying mostly inside a headline's box is left out
  (``layout``).
- **Rules read as text.** A printed column rule comes out as ``|`` or ``丨``, a line between
  stories as ``一一一``: a line of such strokes only, far taller than wide or wider than tall,
  is left out.

What is left out is logged (``Repair``) with the OCR file's line.
"""

from __future__ import annotations

import dataclasses
import re
from statistics import median

from ...model import Repair
from .geometry import Box, Line, join_words, union

GUTTER_EM = 1.0  # body sizes: a gutter is at least this wide ...
COLUMN_LINES = 3  # ... and this many lines near it end in it, and as many begin in it
NEAR_LINES = 12  # body sizes above or below: the lines whose columns tell where the gutters are
HEADING_RATIO = 1.2  # body sizes: a one-column headline may be set only a fifth larger than the text
INSIDE = 0.6  # share of a line's box inside a headline's that makes it a second reading of the headline
_STROKES = set("|｜丨¦!！Il1一-－—―_＿=~～‐–ー")


def clean(lines: list[Line], body: float) -> tuple[list[Line], list[Repair]]:
    """``lines`` with lines cut at gutters and the ones read from rules or read twice left out."""
    lines = _cut_at_gutters(lines, body)
    # a stroke level with a headline is one of its characters misread (事 as |): kept, to join it
    headings = [ln.box for ln in lines if ln.size >= HEADING_RATIO * body and not is_strokes(ln.text)]
    rules = [ln for ln in lines if _rule(ln) and not any(h.y_overlap(ln.box) >= 0.5 for h in headings)]
    dropped = [Repair("rule-read-as-text", line.source, 0, line.text, "") for line in rules]
    return [line for line in lines if line not in rules], dropped


def is_strokes(text: str, shape_known: bool = True) -> bool:
    """Text of strokes only (``|``, ``一一一``, ``_``): what a printed rule is read as. Without
    the line's shape (plain text) only what no text is made of: bars and underscores, or a run
    of three dashes or more (``一`` and ``丨`` are characters, ``1`` and ``I`` may be)."""
    text = "".join(text.split())
    if not shape_known:
        return _UNSHAPED.fullmatch(text) is not None
    return bool(text) and set(text) <= _STROKES


_UNSHAPED = re.compile(r"[|｜¦_＿]+|[-－—―=~～]{3,}")


def _rule(line: Line) -> bool:
    text = "".join(line.text.split())
    if not is_strokes(text):
        return False
    box = line.box
    return box.height >= 1.5 * box.width or box.width >= 3 * box.height * max(1, len(text) / 2)


def inside(box: Box, outer: Box) -> float:
    """The share of ``box``'s area inside ``outer``."""
    w = min(box.x1, outer.x1) - max(box.x0, outer.x0)
    h = min(box.y1, outer.y1) - max(box.y0, outer.y0)
    area = box.width * box.height
    return (w * h / area) if w > 0 and h > 0 and area > 0 else 0.0


def _gutter(left: float, right: float, line: Line, lines: list[Line], body: float) -> bool:
    """The gap from ``left`` to ``right`` in ``line`` spans a gutter: it is wide, and the columns
    of the lines near it end and begin inside it (a wide gap inside a byline or a dateline
    holds no column edge)."""
    if right - left < GUTTER_EM * body:
        return False
    near = [ln for ln in lines if ln is not line and abs(ln.box.y0 - line.box.y0) <= NEAR_LINES * body]
    ends = sum(left - 0.5 * body <= ln.box.x1 <= right for ln in near)
    starts = sum(left <= ln.box.x0 <= right + 0.5 * body for ln in near)
    return ends >= COLUMN_LINES and starts >= COLUMN_LINES


def _cut_at_gutters(lines: list[Line], body: float) -> list[Line]:
    top = min((ln.box.y0 for ln in lines), default=0.0)
    heights = [w[1].height for ln in lines for w in ln.words if w[1].height > 0]
    word_body = median(heights) if heights else 0.0  # a body word's height: most words are the text's
    out: list[Line] = []
    for line in lines:
        others_above = line.box.y0 > top + body  # the first band (the folio) keeps its field gaps
        words = sorted(line.words, key=lambda w: w[1].x0)
        # a column rule read as a stroke (|) stands in the gutter: the gap is measured past it,
        # and the stroke is a piece of its own
        solid = [k for k, w in enumerate(words) if not is_strokes(w[0])]
        cuts = sorted({c for a, b in zip(solid, solid[1:])
                       if _gutter(words[a][1].x1, words[b][1].x0, line, lines, body) for c in (a + 1, b)})
        if not cuts or not others_above:
            out.append(line)
            continue
        for a, b in zip([0, *cuts], [*cuts, len(words)]):
            part = words[a:b]
            box = union(w[1] for w in part)
            # each piece's size from its own words (a few may be misboxed: the median), in body sizes
            own = median(w[1].height for w in part)
            size = min(line.ceiling or line.size, body * own / word_body) if word_body and own > 0 else line.size
            block = line.block if a == 0 else None  # a piece in the next column is not of this block
            out.append(dataclasses.replace(line, text=join_words(part, size), box=box, size=size, words=tuple(part),
                                           block=block))
    return out
