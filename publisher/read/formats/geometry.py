"""What the geometric readers (hOCR, ALTO, Paddle) share: boxes, lines with a type size, word joining."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from ...chars import han_count, is_cjk
from ...model import Repair

# A gap between two words this many times the line's size is a printed space (as in
# ``本报记者 张三``); narrower gaps are only the engine cutting a line into characters.
WORD_SPACE_EM = 0.8


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in the engine's page coordinates (y grows downwards)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    def union(self, other: "Box") -> "Box":
        return Box(min(self.x0, other.x0), min(self.y0, other.y0), max(self.x1, other.x1), max(self.y1, other.y1))

    def y_overlap(self, other: "Box") -> float:
        """Shared height as a share of the lower of the two boxes."""
        shared = min(self.y1, other.y1) - max(self.y0, other.y0)
        return max(0.0, shared) / max(min(self.height, other.height), 1e-9)


def union(boxes) -> Box:
    boxes = list(boxes)
    out = boxes[0]
    for b in boxes[1:]:
        out = out.union(b)
    return out


@dataclass(frozen=True)
class Line:
    """One printed line: its text, box, type size, and the engine block it sits in (if any)."""

    text: str
    box: Box
    size: float
    block: int | None = None
    source: int = 0  # where the engine wrote it: its line in the OCR file (JSON: its item number)
    words: tuple[tuple[str, Box], ...] = ()  # as the engine cut the line, each with its box (if it gave them)
    # the size the engine's measure of the whole line allows (``size`` may be less, from its words):
    # a piece cut from the line at a gutter, sized by its own words, is no larger (0: ``size``)
    ceiling: float = 0.0
    confidences: tuple[float, ...] = ()  # each word's, 0–1, as the engine scored it (empty: not given)


@dataclass(frozen=True)
class Converted:
    """An OCR file read into page text, and what the text alone loses.

    ``boxes[i]``/``origins[i]``: for line ``i`` (0-based) of ``text``, the union of the printed
    lines it was made from (None: no geometry) and where in the OCR file it starts (its line,
    or for JSON its item number, as ``unit`` says; 0: the text's own line). ``size``: the page's
    width and height in the engine's units; ``image``: the page image as the file names it;
    ``illustrations``: regions holding no text (photos, drawings).
    """

    text: str
    boxes: tuple[Box | None, ...] = ()
    origins: tuple[int, ...] = ()
    sizes: tuple[float, ...] = ()  # per text line: its type size in body sizes (0: unknown)
    unit: str = "line"
    size: tuple[float, float] | None = None
    image: str | None = None
    illustrations: tuple[Box, ...] = ()
    dropped: tuple[Repair, ...] = ()  # lines left out (read from a rule, or read twice), by OCR file line


def one_page_a_file(name: str, pages: int, what: str) -> str:
    """The message refusing an OCR file of several pages (the pages of an issue, read as one, would
    lie on top of each other)."""
    return (f"{name}: holds {pages} pages ({what}); publisher reads one page a file: run the OCR engine "
            f"on each page image, and build the folder of its files")


def join_words(words: list[tuple[str, Box]], size: float) -> str:
    """Words of one line (left to right) → its text: no space between CJK, one between Latin words."""
    out, prev = "", None
    for text, box in words:
        text = " ".join(text.split())
        if not text:
            continue
        if out:
            wide = prev is not None and box.x0 - prev.x1 >= WORD_SPACE_EM * size
            out += " " if wide or not (is_cjk(out[-1]) or is_cjk(text[0])) else ""
        out += text
        prev = box
    return out


def ink_height(box: Box, words) -> float | None:
    """The middle height of a line's words of ideographs that have boxes of their own (an
    ideograph's ink is about the type size), or None."""
    heights = sorted(b.height for text, b in words if han_count(text) and b is not box)
    return heights[len(heights) // 2] if heights else None


def body_size(lines: list[Line]) -> float:
    """The body text's type size: the median line size (most lines on a page are body text)."""
    sizes = [line.size for line in lines if line.size > 0]  # a degenerate box has no size to compare
    return median(sizes) if sizes else 1.0


PICTURE_MIN = 3.0  # body sizes: a region without text narrower or lower than this is a rule or an ornament


def rules(regions, lines: list[Line]) -> tuple[Box, ...]:
    """The horizontal rules among regions without text (4 body sizes long or more, thinner than
    half of one): printed between stories, they tell where the stories they separate end."""
    body = body_size(lines)
    return tuple(b for b in regions if b is not None and b.width >= 4 * body and b.height <= 0.5 * body)


def pictures(regions, lines: list[Line]) -> tuple[Box, ...]:
    """The regions without text that are big enough to be photos or drawings (not rules)."""
    least = PICTURE_MIN * body_size(lines)
    return tuple(b for b in regions if b is not None and b.width >= least and b.height >= least)
