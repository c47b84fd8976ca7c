"""What an engine does wrong with lines, undone from their geometry before they are arranged.

- **Lines run across a gutter.** An engine may read a column's line and the line beside it in
  the next column as one (a short byline level with a paragraph's last line): a gap between two
  words wider than ``GUTTER_EM`` body sizes is a gutter, and the line is cut there. Lines above
  all others (the folio) are left whole: their wide gaps are between fields.
- **Ink read twice.** A big headline's upper half may also be read as a line of its own
  (``TiY人cm、口`` over ``内蒙古…``): a line lying mostly inside a headline's box is left out.
- **Rules read as text.** A printed column rule comes out as ``|`` or ``丨``, a line between
  stories as ``一一一``: a line of such strokes only, far taller than wide or wider than tall,
  is left out.

What is left out is logged (``Repair``) with the OCR file's line.
"""

from __future__ import annotations

import dataclasses

from ...model import Repair
from .geometry import Box, Line, join_words, union

GUTTER_EM = 2.5
INSIDE = 0.6  # share of a line's box inside a headline's that makes it a second reading of the headline
HEADING_RATIO = 1.4  # body sizes (as layout)
_STROKES = set("|｜丨¦!！Il1一-－—―_＿=~～‐–ー")


def clean(lines: list[Line], body: float) -> tuple[list[Line], list[Repair]]:
    """``lines`` with lines cut at gutters and the ones read from rules or read twice left out."""
    lines = _cut_at_gutters(lines, body)
    dropped: list[Repair] = []
    headings = [ln for ln in lines if ln.size >= HEADING_RATIO * body]
    kept = []
    for line in lines:
        if _rule(line):
            dropped.append(Repair("rule-read-as-text", line.source, 0, line.text, ""))
        elif any(h is not line and _inside(line.box, h.box) >= INSIDE and h.box.height > line.box.height
                 for h in headings):
            dropped.append(Repair("headline-read-twice", line.source, 0, line.text, ""))
        else:
            kept.append(line)
    return kept, dropped


def _rule(line: Line) -> bool:
    text = "".join(line.text.split())
    if not text or not set(text) <= _STROKES:
        return False
    box = line.box
    return box.height >= 1.5 * box.width or box.width >= 3 * box.height * max(1, len(text) / 2)


def _inside(box: Box, outer: Box) -> float:
    """The share of ``box``'s area inside ``outer``."""
    w = min(box.x1, outer.x1) - max(box.x0, outer.x0)
    h = min(box.y1, outer.y1) - max(box.y0, outer.y0)
    area = box.width * box.height
    return (w * h / area) if w > 0 and h > 0 and area > 0 else 0.0


def _cut_at_gutters(lines: list[Line], body: float) -> list[Line]:
    top = min((ln.box.y0 for ln in lines), default=0.0)
    out: list[Line] = []
    for line in lines:
        others_above = line.box.y0 > top + body  # the first band (the folio) keeps its field gaps
        words = sorted(line.words, key=lambda w: w[1].x0)
        cuts = [k for k in range(1, len(words)) if words[k][1].x0 - words[k - 1][1].x1 >= GUTTER_EM * body]
        if not cuts or not others_above:
            out.append(line)
            continue
        for a, b in zip([0, *cuts], [*cuts, len(words)]):
            part = words[a:b]
            box = union(w[1] for w in part)
            # an engine runs lines of text together, not headlines (it cuts those at gutters):
            # the pieces are text unless one is far taller
            size = body if box.height <= 2 * body else min(line.size, 1.3 * box.height)
            out.append(dataclasses.replace(line, text=join_words(part, size), box=box, size=size, words=tuple(part)))
    return out
