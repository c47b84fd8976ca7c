"""The column measure of the printed page, inferred from the line breaks OCR left behind.

A full printed line of a justified column is as wide as the measure. Its text alone does
not say exactly how wide: punctuation may have been set full (1 em) or squeezed (½ em).
So each full line gives an interval [squeezed, natural]; the measure is the value that
most full lines agree with.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from ..chars import squeezed_width_em, width_em

INDENT_EM = 2.0
MIN_EM, MAX_EM = 4.0, 80.0
MIN_LINES = 6  # fewer full lines than this is no evidence
ENOUGH = 5000  # full lines: more say nothing new (a file of many pages need not be read twice)


def infer_measure(paragraphs: Iterable[list[str]]) -> float | None:
    """Measure in em (to ½ em) from paragraphs given as their printed lines, or None."""
    intervals: list[tuple[float, float]] = []
    for lines in paragraphs:
        if len(intervals) >= ENOUGH:
            break
        if len(lines) < 3:
            continue  # first and last lines alone say little
        for i, line in enumerate(lines[:-1]):
            extra = INDENT_EM if i == 0 else 0.0
            intervals.append((squeezed_width_em(line) + extra, width_em(line) + extra))
    return _voted(intervals)


def line_measure(lines: Iterable[str]) -> float | None:
    """Measure in em from printed lines whose paragraphs are not known (an engine's text with a
    line per printed line): most lines of a page are the middle lines of paragraphs, and most
    set their marks whole (only marks side by side are squeezed)."""
    return _voted([(width_em(line), width_em(line)) for line in lines])


def _voted(intervals: list[tuple[float, float]]) -> float | None:
    """The half-em step most of the lines' width intervals agree on (None: too few agree)."""
    if len(intervals) < MIN_LINES:
        return None
    # votes per half-em step, by a difference array over each interval [a - ¼, b + ¼]
    steps = int(MAX_EM * 2) + 2
    diff = [0] * (steps + 1)
    for a, b in intervals:
        first, last = math.ceil((a - 0.25) * 2), math.floor((b + 0.25) * 2)
        first, last = max(first, int(MIN_EM * 2)), min(last, steps - 1)
        if first <= last:
            diff[first] += 1
            diff[last + 1] -= 1
    best, best_votes, votes = None, 0, 0
    for step in range(steps):
        votes += diff[step]
        if votes > best_votes:
            best, best_votes = step / 2, votes
    if best is None or best_votes < max(MIN_LINES, len(intervals) // 3):
        return None
    return best


def fits_unindented(line: str, measure: float) -> bool:
    """The line fills the measure with no indent: a paragraph's middle, not its start."""
    return squeezed_width_em(line) - 0.5 <= measure <= _widest(line) + 0.5


def fits_indented(line: str, measure: float) -> bool:
    """The line fills the measure after a 2-em indent: a paragraph's first line."""
    return squeezed_width_em(line) + INDENT_EM - 0.5 <= measure <= _widest(line) + INDENT_EM + 0.5


def _widest(line: str) -> float:
    """The widest a printed line of this text can be: marks set whole, and the ¼ em each side of
    a Latin or digit run (clreq) counted in."""
    return width_em(line) + 0.5 * len(_LATIN.findall(line))


_LATIN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,%:/-]*")


_ASCII_MARKS = re.compile(r"[(),:;?!]")


def printed_width(line: str) -> float:
    """A printed line's width in em, near enough, from its text as an engine read it: spaces
    aside (an engine writes them where it likes), the ¼ em set each side of a Latin or digit
    run (clreq) counted in, and an ASCII mark outside such a run counted whole: an engine writes
    ``(`` for the full-width ``（`` a Chinese page prints."""
    line = line.replace(" ", "")
    runs = _LATIN.findall(line)
    marks = _ASCII_MARKS.findall(_LATIN.sub("", line))
    return width_em(line) + 0.5 * len(runs) + 0.5 * len(marks)
