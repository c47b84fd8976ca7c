"""Text that remembers where each character came from, so every repair can say where it happened."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from ..chars import is_cjk
from ..model import Repair

# Where an OCR file with lines (Tesseract's text, hOCR, ALTO, JSON) says a printed line ended: a
# line end known, not guessed from the characters around a space (``达 15 亿元`` may be either).
LINE_END = "\u2028"
SPACE = re.compile(r"[ \u00a0\u3000\u2000-\u200b\u2028]+")


@dataclass(frozen=True)
class Run:
    """A piece of source text; ``origin[i]`` is the offset of ``text[i]`` in the decoded source."""

    text: str
    origin: tuple[int, ...]
    # read from an OCR file that marks every printed line end (``LINE_END``): a space inside is
    # no line end even where the run holds one printed line only (a headline, a byline)
    ends_known: bool = False

    def __post_init__(self):
        assert len(self.text) == len(self.origin)

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, s: slice) -> "Run":
        return Run(self.text[s], self.origin[s], self.ends_known)

    def __add__(self, other: "Run") -> "Run":
        return Run(self.text + other.text, self.origin + other.origin, self.ends_known or other.ends_known)

    def retyped(self, text: str) -> "Run":
        """The same characters' places, ``text`` as repaired (one character for one)."""
        return Run(text, self.origin, self.ends_known)

    def strip(self) -> "Run":
        start = len(self.text) - len(self.text.lstrip())
        end = len(self.text.rstrip())
        return self[start:end]

    @cached_property
    def line_cuts(self) -> tuple[tuple[int, int], ...]:
        """Spans of the printed lines (see ``line_end``)."""
        cuts, start, text = [], 0, self.text
        for m in SPACE.finditer(text):
            a, b = m.start(), m.end()
            if a and b < len(text) and self.line_end(m):
                cuts.append((start, a))
                start = b
        cuts.append((start, len(text)))
        return tuple(cuts)

    @cached_property
    def marks_line_ends(self) -> bool:
        """Only marked spaces end its printed lines (read from an OCR file, or holding a mark)."""
        return self.ends_known or LINE_END in self.text

    def line_end(self, space: re.Match) -> bool:
        """Is this run of spaces (inside the text) where a printed line ended? Where the OCR file
        marked the line ends (``LINE_END``), only those, and the column ends a join put in; else
        a space between two CJK characters (the text shape guesses: none is printed there)."""
        a, b = space.start(), space.end()
        if LINE_END in space.group() or self.origin[a] < 0:
            return True
        return not self.marks_line_ends and is_cjk(self.text[a - 1]) and is_cjk(self.text[b])

    @property
    def start(self) -> int:
        return self.origin[0] if self.origin else 0


class RepairLog:
    """Collects repairs with 1-based line/column positions in the source."""

    def __init__(self, source: str):
        self.source = source
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self._raw: list[tuple[int, str, str, str]] = []  # (offset, kind, before, after)

    def add(self, kind: str, offset: int, before: str, after: str) -> None:
        self._raw.append((offset, kind, before, after))

    def line_of(self, offset: int) -> int:
        """The 1-based source line of a character offset."""
        return bisect.bisect_right(self._line_starts, offset)

    @property
    def repairs(self) -> list[Repair]:
        """The repairs so far, with line and column (1-based) in the decoded source."""
        out = []
        for offset, kind, before, after in self._raw:
            line = bisect.bisect_right(self._line_starts, offset)
            out.append(Repair(kind, line, offset - self._line_starts[line - 1] + 1, before, after))
        return out

    def as_read(self, run: Run) -> str:
        """The source text a run was made from (before any repair), a known line end shown as the
        space the text shape has there."""
        return self.source[run.origin[0] : run.origin[-1] + 1].replace(LINE_END, " ") if run.origin else ""

    def sorted(self) -> tuple[Repair, ...]:
        return tuple(sorted(self.repairs, key=lambda r: (r.line, r.column)))


def source_lines(source: str, ends_known: bool = False) -> list[Run]:
    """Non-blank lines of the source as runs (leading/trailing spaces trimmed). ``ends_known``:
    the text was read from an OCR file, which marks every printed line end (``LINE_END``)."""
    runs, offset = [], 0
    for line in source.split("\n"):
        run = Run(line, tuple(range(offset, offset + len(line))), ends_known).strip()
        if run.text:
            runs.append(run)
        offset += len(line) + 1
    return runs
