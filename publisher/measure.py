"""The column measure of the printed page, inferred from the line breaks OCR left behind.

A full printed line of a justified column is as wide as the measure. Its text alone does
not say exactly how wide: punctuation may have been set full (1 em) or squeezed (½ em).
So each full line gives an interval [squeezed, natural]; the measure is the value that
most full lines agree with.
"""

from __future__ import annotations

from collections.abc import Iterable

from .chars import squeezed_width_em, width_em

INDENT_EM = 2.0
MIN_LINES = 6  # fewer full lines than this is no evidence


def infer_measure(paragraphs: Iterable[list[str]]) -> float | None:
    """Measure in em (to ½ em) from paragraphs given as their printed lines, or None."""
    intervals: list[tuple[float, float]] = []
    for lines in paragraphs:
        if len(lines) < 3:
            continue  # first and last lines alone say little
        for i, line in enumerate(lines[:-1]):
            extra = INDENT_EM if i == 0 else 0.0
            intervals.append((squeezed_width_em(line) + extra, width_em(line) + extra))
    if len(intervals) < MIN_LINES:
        return None
    lo = min(a for a, _ in intervals)
    hi = max(b for _, b in intervals)
    best, best_votes = None, 0
    m = max(4.0, lo)
    while m <= min(hi, 80.0):
        votes = sum(1 for a, b in intervals if a - 0.25 <= m <= b + 0.25)
        if votes > best_votes:
            best, best_votes = m, votes
        m += 0.5
    if best is None or best_votes < max(MIN_LINES, len(intervals) // 3):
        return None
    return best


def fits_unindented(line: str, measure: float) -> bool:
    """The line fills the measure with no indent: a paragraph's middle, not its start."""
    return squeezed_width_em(line) - 0.5 <= measure <= width_em(line) + 0.5


def fits_indented(line: str, measure: float) -> bool:
    """The line fills the measure after a 2-em indent: a paragraph's first line."""
    return squeezed_width_em(line) + INDENT_EM - 0.5 <= measure <= width_em(line) + INDENT_EM + 0.5
