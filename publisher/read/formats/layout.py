"""Lines with geometry → page text in the one shape reading takes: a block per line, printed
line ends as single spaces inside a block.

Rules (sizes in body ems, the body's median line size):
- lines an engine gave without blocks are chained into columns first (``_columns``);
- a line ≥ 1.2× the body size (``cleanup.HEADING_RATIO``) is a heading, its own block; heading
  pieces the engine cut apart at a column gap (on one baseline) are one headline again, left to
  right, and a headline set on several lines of one size is one;
- blocks are read column by column, each top to bottom (``order``), text set above everything
  (the folio) first;
- inside a block a paragraph starts at an indented line (≥ 1.5 em) or after a short line that
  ends a sentence or fills less than half the column; a paragraph runs on into the next block
  (the next column) when the last line is full and the next block's first line is not indented.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ...model import Repair
from ..runs import LINE_END
from .cleanup import HEADING_RATIO, INSIDE, clean, inside as _inside
from .geometry import Box, Converted, Line, body_size, join_words, union
from .order import headed_columns_together, reading_order

INDENT_EM = 1.5
SHORT_EM = 1.0
GAP_EM = 1.0  # a gap this high between two lines of an engine block cuts it (what is below is another thing)
LEADING_EM = 0.8  # lines closer than this (vertically) in one column are one block, for engines without blocks
# Heading pieces further apart than this many heading sizes are two headlines: an engine cuts a
# headline where the page's gutters are, between two of its characters (a small gap) or at the
# full-width space between its two parts (one headline em, which ink boxes measure a little
# under); two stories' headlines side by side stand further apart.
PIECE_GAP = 1.0
SENTENCE_END = set("。！？…”’」』）)!?.：；—")  # and what opens a quotation or ends a list item
SCRAP_CHARS = 3  # a bit of a headline misread apart: this many characters at most
STACK_RATIO = 1.15  # lines of one headline are of one size (within this ratio)
STACK_GAP = 0.6  # heading sizes: the gap between a headline's lines, at most


@dataclass
class Unit:
    """Lines read as one: a heading (pieces left to right) or a body block (lines top to bottom)."""

    lines: list[Line]
    heading: bool
    rows: list[int] = field(default_factory=list)  # a heading set on several lines: where each later one starts

    @property
    def box(self) -> Box:
        return union(line.box for line in self.lines)


@dataclass
class _Picture:
    """An illustration, read in order with the text (as a heading is: it cuts the page across
    where it spans columns) but holding no text."""

    box: Box
    heading: bool = True


def arrange(lines: list[Line], pictures: tuple[Box, ...] = (), rules: tuple[Box, ...] = ()) -> Converted:
    """The page text of ``lines`` (given in the engine's order, each with its engine block), and
    for each of its lines the box of the printed lines it holds, the OCR file line it starts at
    and its type size in body sizes. ``pictures`` (illustrations) and ``rules`` (horizontal
    rules between stories) hold no text but shape the order."""
    body = body_size(lines)
    lines, dropped = clean(lines, body)
    lines = _columns(lines, body)
    units, twice = _read_twice(_stacked(_merge_pieces(_units(lines, body)), body))
    dropped += twice
    placed = _head_first(reading_order([*units, *(_Picture(b) for b in (*pictures, *rules))], body))
    ordered = headed_columns_together(_regroup([u for u in placed if isinstance(u, Unit)], body), body)
    out = _emit(ordered, body)
    return Converted("\n".join(text for text, _ in out) + "\n", tuple(union(ln.box for ln in held) for _, held in out),
                     tuple(held[0].source for _, held in out),
                     sizes=tuple(round(max(ln.size for ln in held) / body, 2) for _, held in out),
                     dropped=tuple(dropped))


def _head_first(placed: list) -> list:
    """Text set above everything else on the page, not as a heading (the folio line: an engine
    without blocks gives it alone, over the right-hand columns), read first."""
    band: list = []
    taken: set[int] = set()  # by identity: units are dataclasses, compared field by field
    for item in sorted(placed, key=lambda i: i.box.y0):
        if item.heading or any(o.box.y0 < item.box.y1 for o in placed if o is not item and id(o) not in taken):
            break
        band.append(item)
        taken.add(id(item))
    return band + [i for i in placed if id(i) not in taken] if band else placed


def _columns(lines: list[Line], body: float) -> list[Line]:
    """Lines an engine gave without blocks (PaddleOCR), each set under the line it goes on from in
    one column (overlapping it, a leading apart, of one kind: heading or text), made blocks, their
    lines together: reading order then goes by columns, not by lines, whose gaps could cut across
    columns whose lines happen to stand level."""
    if any(ln.block is not None for ln in lines):
        return lines
    heading = [ln.size >= HEADING_RATIO * body for ln in lines]
    by_bottom = sorted(range(len(lines)), key=lambda j: lines[j].box.y1)
    bottoms = [lines[j].box.y1 for j in by_bottom]
    below: dict[int, int] = {}  # line → the line it goes on from
    taken: set[int] = set()
    for k, line in sorted(enumerate(lines), key=lambda kl: kl[1].box.y0):
        lo, hi = bisect_left(bottoms, line.box.y0 - LEADING_EM * body), bisect_right(bottoms, line.box.y0)
        near = by_bottom[lo:hi]  # the lines ending a leading or less above this one
        above = [j for j in near if j not in taken and j != k and heading[j] == heading[k]
                 and _goes_on(lines[j].box, line.box, body)]
        if above:
            below[k] = max(above, key=lambda j: lines[j].box.y1)
            taken.add(below[k])
    block = list(range(len(lines)))
    for k in sorted(below, key=lambda k: lines[k].box.y0):
        block[k] = block[below[k]]
    firsts: dict[int, int] = {}  # block → its first line in the engine's order
    for k, b in enumerate(block):
        firsts.setdefault(b, k)
    order = sorted(range(len(lines)), key=lambda k: (firsts[block[k]], lines[k].box.y0))
    return [dataclasses.replace(lines[k], block=block[k]) for k in order]


def _goes_on(a: Box, b: Box, body: float) -> bool:
    """``b`` is the next line under ``a`` in its column: mostly under it, or starting where it
    starts (a paragraph's last line of a character or two, then the next one's indented first)."""
    overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
    aligned = overlap > 0 or abs(a.x0 - b.x0) <= (INDENT_EM + SHORT_EM) * body
    return ((overlap >= 0.5 * min(a.width, b.width) or aligned and a.x0 <= b.x0)
            and 0 <= b.y0 - a.y1 < LEADING_EM * body)


def _units(lines: list[Line], body: float) -> list[Unit]:
    """Engine blocks cut where lines change between heading and body; lines without a block alone,
    and so are lines lying inside a headline's box (read twice: ``_read_twice`` finds them)."""
    headings = [ln.box for ln in lines if ln.size >= HEADING_RATIO * body]
    units: list[Unit] = []
    for line in lines:
        heading = line.size >= HEADING_RATIO * body
        # the block's last unit (a piece of a line cut at a gutter may have come in between)
        last = next((u for u in reversed(units) if u.lines[-1].block == line.block), None) if line.block is not None else None
        inside = any(_inside(line.box, h) >= INSIDE for h in headings if h is not line.box)
        if (last and not heading and not last.heading and 0 <= line.box.y0 - last.lines[-1].box.y1 < GAP_EM * body
                and not inside and last is next((u for u in reversed(units) if u.lines[-1].block is not None), None)
                and _in_column(last, line.box, body)):
            last.lines.append(line)
        else:
            units.append(Unit([line], heading))
    return units


def _in_column(unit: Unit, box: Box, body: float) -> bool:
    """``box`` stands in the column of ``unit``'s lines: under its last line for half the width of
    the narrower, or starting at its left edge or indented from it (after a paragraph's last
    line of a character or two). An engine's block may take in pieces of lines across a gutter
    (``“保系化…`` over ``“人生;``), which belong to no one column."""
    last = unit.lines[-1].box
    overlap = min(last.x1, box.x1) - max(last.x0, box.x0)
    left = min(ln.box.x0 for ln in unit.lines)
    return overlap >= 0.5 * min(last.width, box.width) or -SHORT_EM * body <= box.x0 - left <= (INDENT_EM + SHORT_EM) * body


def _merge_pieces(units: list[Unit]) -> list[Unit]:
    """Heading pieces on one baseline (a headline cut at the column gaps, its pieces read among
    the columns' text) made one, where they stood first; so are scraps beside a headline (a
    character read as two, ``信/`` ``)``), which only a headline's ink lies level with."""
    tops: dict[int | None, float] = {}  # per engine block, where its first line starts
    for line in (ln for u in units for ln in u.lines):
        tops[line.block] = min(tops.get(line.block, line.box.y0), line.box.y0)
    out: list[Unit] = []
    merged: set[int] = set()
    for k, unit in enumerate(units):
        if k in merged:
            continue
        out.append(unit)
        if not unit.heading:
            continue
        grown = True
        while grown:
            grown = False
            for m in range(len(units)):
                other = units[m]
                if m == k or m in merged or len(other.lines) != 1 or not _beside(unit, other, tops):
                    continue
                unit.lines = sorted(unit.lines + other.lines, key=lambda line: line.box.x0)
                merged.add(m)
                grown = True
    gone = {id(units[m]) for m in merged}
    return [u for u in out if id(u) not in gone]


def _beside(unit: Unit, other: Unit, tops: dict[int | None, float]) -> bool:
    """``other`` (one line) continues headline ``unit`` on its baseline: a piece of like size (or
    height: an engine's size estimates vary more than its boxes), or a scrap of a few characters
    lying within the headline's height at the head of its block (not a paragraph's last line
    level with a headline beside it)."""
    box, size, line = unit.box, max(piece.size for piece in unit.lines), other.lines[0]
    gap = max(line.box.x0 - box.x1, box.x0 - line.box.x1)
    if gap > PIECE_GAP * size or box.y_overlap(line.box) < 0.5:
        return False
    tallest = max(piece.box.height for piece in unit.lines)
    if other.heading and (1 / 1.3 <= line.size / size <= 1.3 or 1 / 1.2 <= line.box.height / tallest <= 1.2):
        return True
    within = box.y0 - 0.2 * box.height <= line.box.y0 and line.box.y1 <= box.y1 + 0.2 * box.height
    head = tops.get(line.block, line.box.y0) >= box.y0 - 0.2 * box.height
    return len("".join(line.text.split())) <= SCRAP_CHARS and gap <= size and within and head


def _stacked(units: list[Unit], body: float) -> list[Unit]:
    """A headline set on two or three lines (the same size, one under the other, over the same
    columns) made one; a kicker or subheadline, set smaller, stays apart."""
    out: list[Unit] = []
    for unit in units:
        above = next((u for u in reversed(out) if u.heading and unit.heading and _under(u, unit)), None)
        if above:  # wherever the engine put it: headlines side by side are read row by row
            above.rows = above.rows + [len(above.lines)]
            above.lines = above.lines + unit.lines
        else:
            out.append(unit)
    return out


def _read_twice(units: list[Unit]) -> tuple[list[Unit], list[Repair]]:
    """A line lying mostly inside a headline's box is the headline's ink read a second time
    (``TiY人cm、口`` over a headline's upper half): left out, and logged."""
    headings = [u.box for u in units if u.heading]
    kept, dropped = [], []
    for unit in units:
        box = unit.box
        if len(unit.lines) == 1 and any(h is not box and h.height > box.height and _inside(box, h) >= INSIDE
                                        for h in headings):
            line = unit.lines[0]
            dropped.append(Repair("headline-read-twice", line.source, 0, line.text, ""))
        else:
            kept.append(unit)
    return kept, dropped


def _under(above: Unit, below: Unit) -> bool:
    a, b = above.box, below.box
    size_a, size_b = max(ln.size for ln in above.lines), max(ln.size for ln in below.lines)
    overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
    return (1 / STACK_RATIO <= size_a / size_b <= STACK_RATIO and 0 <= b.y0 - a.y1 <= STACK_GAP * size_a
            and overlap >= 0.5 * min(a.width, b.width) and len(above.lines) < 3 * 4)


def _regroup(units: list[Unit], body: float) -> list[Unit]:
    """Block-less lines (Paddle) next to each other in one column, read in order, made one block."""
    out: list[Unit] = []
    for unit in units:
        prev = out[-1] if out else None
        if prev and _adjacent(prev, unit, body):
            prev.lines.append(unit.lines[0])
        elif prev and _adjacent(prev, unit, body, loose=prev):  # a line cut off at a gutter heads its column's block
            unit.lines.insert(0, prev.lines[0])
            out[-1] = unit
        else:
            out.append(unit)
    return out


def _adjacent(prev: Unit, unit: Unit, body: float, loose: Unit | None = None) -> bool:
    """``unit`` goes on right under ``prev`` in one column, and one of them (``loose``, by
    default ``unit``) is a single line without a block."""
    single = loose or unit
    if prev.heading or unit.heading or len(single.lines) != 1 or single.lines[0].block is not None:
        return False
    a, b = prev.lines[-1].box, unit.lines[0].box
    overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
    return overlap >= 0.5 * min(a.width, b.width) and 0 < b.y0 - a.y0 and b.y0 - a.y1 < LEADING_EM * body


def _emit(units: list[Unit], body: float) -> list[tuple[str, list[Line]]]:
    """Text lines of the page, each with the printed lines it holds."""
    out: list[tuple[str, list[Line]]] = []
    prev: Unit | None = None  # the body block before, whose last paragraph may run on
    for unit in units:
        if unit.heading:
            rows = [unit.lines[a:b] for a, b in zip([0, *unit.rows], [*unit.rows, len(unit.lines)])]
            text = LINE_END.join(join_words([(piece.text, piece.box) for piece in row], float("inf")) for row in rows)
            out.append((text, unit.lines))
            prev = None
            continue
        paragraphs = _paragraphs(unit.lines, body)
        if prev is not None and out and _runs_on(prev, unit, body):
            first = paragraphs.pop(0)
            out[-1] = (out[-1][0] + LINE_END + _text(first), out[-1][1] + first)
        out += [(_text(p), p) for p in paragraphs]
        prev = unit
    return out


def _text(lines: list[Line]) -> str:
    return LINE_END.join(line.text for line in lines)


def _paragraphs(lines: list[Line], body: float) -> list[list[Line]]:
    left, right = min(ln.box.x0 for ln in lines), max(ln.box.x1 for ln in lines)
    out = [[lines[0]]]
    for prev, line in zip(lines, lines[1:]):
        indented = line.box.x0 >= left + INDENT_EM * body
        # a short line ends its paragraph when a sentence ends it, or when it fills less than half
        # the column (a scrap): an engine's box may stop short of a full line's end (a character
        # dropped, a mark's ink), and the next paragraph would be indented anyway
        ended = prev.text.rstrip()[-1:] in SENTENCE_END or prev.box.width < (right - left) / 2
        short = prev.box.x1 < right - SHORT_EM * body and ended
        if indented or short:
            out.append([line])
        else:
            out[-1].append(line)
    return out


def _runs_on(prev: Unit, unit: Unit, body: float) -> bool:
    """Does the paragraph ending ``prev`` go on at the top of ``unit`` (the next column), or right
    under it in the same column (an engine's block ended inside a paragraph)?"""
    last, first = prev.lines[-1].box, unit.lines[0].box
    if first.x0 < last.x1 - SHORT_EM * body:  # below it in the same column
        left = min(ln.box.x0 for ln in prev.lines)
        full = last.x1 >= max(ln.box.x1 for ln in prev.lines) - SHORT_EM * body and len(prev.lines) > 1
        return (full and 0 <= first.y0 - last.y1 < LEADING_EM * body and abs(first.x0 - left) < INDENT_EM * body / 2)
    if first.y0 >= last.y0 - 0.5 * body:
        # level with the column's last line, or lower: a name set flush right beside it (cut from
        # it at the gutter), not the next column's head, which stands higher than a column's foot
        return False
    width = max(prev.box.width, unit.box.width)
    # full from the column's left edge or the indent (a name set flush right, a byline, is no full line)
    full = last.x1 - prev.box.x0 >= width - SHORT_EM * body and last.x0 <= prev.box.x0 + (INDENT_EM + SHORT_EM) * body
    indented = first.x0 >= unit.box.x0 + INDENT_EM * body
    return full and not indented
