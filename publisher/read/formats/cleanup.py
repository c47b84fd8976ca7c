"""What an engine does wrong with lines, undone from their geometry (``clean``, before they are
arranged; a headline read twice is found as they are, once its pieces are one).

- **Lines run across a gutter.** An engine may read a column's line and the line beside it in
  the next column as one (a short byline level with a paragraph's last line): a gap between two
  words in which the nearby lines' columns end and begin spans a gutter, and the line is cut
  there. Lines above all others (the folio) are left whole: their wide gaps are between fields.
- **Ink read twice.** A big headline's upper half may also be read as a line of its own
  (``TiY人cm、口`` over ``内蒙古…``): a line lying mostly inside a headline's box is left out
  (``layout``). Where the engine scored its words (hOCR ``x_wconf``, ALTO ``WC``), two readings
  of one headline's ink are first made one of the surer words: each stretch of the headline is
  read as the reading more sure of it read it (``实行封顶…完成二心中`` over ``实行封贡…拨亮战士
  心中灯`` gives ``实行封顶…体制拨亮战士心中灯``).
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
WORD_OVERLAP = 1 / 3  # share of the narrower word's width two words share where they are readings of one ink
STRETCH_GAP = 2.0  # line sizes: a gap this wide parts two stretches of a line (a spaced headline's gaps are narrower)
_STROKES = set("|｜丨¦!！Il1一-－—―_＿=~～‐–ー")


def clean(lines: list[Line], body: float) -> tuple[list[Line], list[Repair]]:
    """``lines`` with lines cut at gutters and the ones read from rules or read twice left out."""
    lines, twice = _readings_merged(lines, body)
    lines = _cut_at_gutters(lines, body)
    # a stroke level with a headline is one of its characters misread (事 as |): kept, to join it
    headings = [ln.box for ln in lines if ln.size >= HEADING_RATIO * body and not is_strokes(ln.text)]
    rules = [ln for ln in lines if _rule(ln) and not any(h.y_overlap(ln.box) >= 0.5 for h in headings)]
    dropped = [Repair("rule-read-as-text", line.source, 0, line.text, "") for line in rules]
    return [line for line in lines if line not in rules], twice + dropped


def _readings_merged(lines: list[Line], body: float) -> tuple[list[Line], list[Repair]]:
    """Lines read twice from one headline's ink (one lying mostly inside the other) made one line
    of the surer words; the words left out are logged."""
    out = list(lines)
    gone: set[int] = set()
    repairs: list[Repair] = []
    order = sorted(range(len(lines)), key=lambda k: lines[k].box.y0)
    for i, k in enumerate(order):
        for m in order[i + 1:]:
            if lines[m].box.y0 >= out[k].box.y1:
                break
            if k in gone or m in gone or not _same_ink(out[k], lines[m], body):
                continue
            sure, other = sorted((out[k], lines[m]), key=_sureness, reverse=True)
            merged = _surer_words(sure, other)
            repairs += [Repair("headline-read-twice", line.source, 0, line.text, merged.text)
                        for line in (other, sure) if line.text != merged.text]
            out[k] = merged
            gone.add(m)
    return [line for k, line in enumerate(out) if k not in gone], repairs


def _same_ink(a: Line, b: Line, body: float) -> bool:
    """Two lines an engine read from one headline's ink, both with their words scored."""
    if not (a.confidences and b.confidences) or max(a.size, b.size) < HEADING_RATIO * body:
        return False
    return max(inside(a.box, b.box), inside(b.box, a.box)) >= INSIDE


def _sureness(line: Line) -> tuple[float, float]:
    return (sum(line.confidences) / len(line.confidences), line.box.width * line.box.height)


def _surer_words(sure: Line, other: Line) -> Line:
    """One line of both readings' stretches (words between gaps of two ems or more): the surest
    first (mean confidence times width: two sure characters do not outweigh a headline read
    fairly), each where no surer stretch stands; then the words of the stretches left out that
    stand where nothing was taken (a character only one reading has at the headline's end), left
    to right. Stretch by stretch, not word by word: a reading's words are read together, and a
    word of one between two of the other would be neither."""
    stretches = sorted((s for n, line in enumerate((sure, other)) for s in _stretches(line, n)),
                       key=lambda s: (-s[0], s[1], s[2][0][0][1].x0))
    taken: list[tuple[int, list]] = []
    for _, rank, run in stretches:
        if _free(union(w[1] for w, _ in run), taken):
            taken.append((rank, run))
    left_out = [(rank, [ws]) for _, rank, run in stretches if not any(run is t for _, t in taken) for ws in run]
    taken += [(rank, one) for rank, one in left_out if _free(one[0][0][1], taken)]
    scored = sorted((ws for _, run in taken for ws in run), key=lambda ws: ws[0][1].x0)
    words = tuple(w for w, _ in scored)
    size = max(sure.size, other.size)  # a second reading is of part of the ink: the smaller
    # the sure line's box, grown by the other's words taken (an engine's word boxes overhang its line's)
    box = union([sure.box, *(w[1] for rank, run in taken if rank == 1 for w, _ in run)])
    return dataclasses.replace(sure, text=join_words(list(words), size), box=box, size=size,
                               ceiling=max(sure.ceiling, other.ceiling), words=words,
                               confidences=tuple(c for _, c in scored))


def _free(box: Box, taken: list[tuple[int, list]]) -> bool:
    """No stretch taken stands where ``box`` does (sharing a third of the narrower one's width)."""
    return all(min(box.x1, b.x1) - max(box.x0, b.x0) < WORD_OVERLAP * min(box.width, b.width)
               for b in (union(w[1] for w, _ in run) for _, run in taken))


def _stretches(line: Line, rank: int) -> list[tuple[float, int, list]]:
    """The line's runs of words between gaps of two ems or more, each weighed by its mean confidence
    times its width."""
    runs: list[list] = []
    for word, score in sorted(zip(line.words, line.confidences), key=lambda ws: ws[0][1].x0):
        if not runs or word[1].x0 - runs[-1][-1][0][1].x1 >= STRETCH_GAP * line.size:
            runs.append([])
        runs[-1].append((word, score))
    return [(sum(c for _, c in run) / len(run) * union(w[1] for w, _ in run).width, rank, run) for run in runs]


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
        scores = dict(zip(map(id, line.words), line.confidences))
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
            kept = tuple(scores[id(w)] for w in part) if scores else ()
            out.append(dataclasses.replace(line, text=join_words(part, size), box=box, size=size, words=tuple(part),
                                           block=block, confidences=kept))
    return out
