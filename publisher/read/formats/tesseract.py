"""Tesseract's plain text: one printed line per line, a blank line after every block (each
paragraph end and each column end). Each block's lines are joined with single spaces.

Told from today's shape (a block per line) by the lines' shape alone, conservatively: most
lines sit in blocks of several lines, and the lines that wrap in a block are of about one
width, no wider than a printed column line.
"""

from __future__ import annotations

import re
from statistics import median

from ...chars import width_em
from .geometry import Converted
from .sniff import head

MAX_LINE_EM = 40  # a printed newspaper column line; a whole paragraph on one line is longer
CLOSE = 0.2  # wrapped lines within this share (plus 1 em) of their block's median width are "one width"
_SPACED = re.compile(r"(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]) (?=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])")


def detect(data: bytes) -> bool:
    blocks = _blocks(head(data))
    total = sum(len(b) for b in blocks)
    multi = [b for b in blocks if len(b) >= 2]
    needed = 1 if b"\x0c" in data[-16:] else 3  # Tesseract ends every page with a form feed
    wrapped = [[width_em(line) for line in b[:-1]] for b in multi]
    count = sum(len(w) for w in wrapped)
    # Most lines sit in blocks of several; a page of only short lines (headlines, bylines and
    # captions around a photo make many one-line blocks) needs only half: a page in today's
    # shape has paragraphs far longer than a column line.
    short = all(width_em(line) <= MAX_LINE_EM for b in blocks for line in b)
    if len(multi) < needed or count < 4 or sum(len(b) for b in multi) < (0.5 if short else 0.6) * total:
        return False
    if median(w for ws in wrapped for w in ws) > MAX_LINE_EM:
        return False
    close = sum(abs(w - median(ws)) <= CLOSE * median(ws) + 1 for ws in wrapped for w in ws)
    return close >= 0.8 * count


def read(text: str, name: str) -> Converted:
    blocks = _numbered_blocks(text)
    return Converted("".join(" ".join(_unspaced(line) for _, line in block) + "\n" for block in blocks),
                     origins=tuple(block[0][0] for block in blocks))


def _blocks(text: str) -> list[list[str]]:
    return [[line for _, line in block] for block in _numbered_blocks(text)]


def _numbered_blocks(text: str) -> list[list[tuple[int, str]]]:
    """Groups of consecutive non-blank lines, each line with its 1-based number in the file. A
    name alone on a line (2–4 ideographs) ends its group: Tesseract runs a story's trailing
    byline into the next headline's block. A credit line with role words (``本报记者 某某``) is
    a group of its own: Tesseract runs a headline, its byline and the first paragraph into one."""
    out: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text.replace("\f", " ")), 1):
        line = line.strip()
        if line and _ROLE_LINE.fullmatch(line):
            out += [[(number, line)], []]  # empty groups are dropped below
        elif line and _LONE_NAME.fullmatch(line) and out[-1]:
            out.append([(number, line)])
            out.append([])
        elif line:
            out[-1].append((number, line))
            if _LONE_NAME.fullmatch(line):
                out.append([])
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


_LONE_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_ROLE_LINE = re.compile(r"(?:本报|本報)?(?:特约)?(?:记者|記者|通讯员|通訊員|实习生|實習生)[\s“”\"]*[\u4e00-\u9fff]{2,4}"
                        r"(?:[\s、，,]+[\u4e00-\u9fff]{2,4}){0,3}")


_BY_MARK = re.compile(r" +(?=[，。、；：？！）》」』”])|(?<=[，。、；：？！（《「『“]) +")


def _unspaced(line: str) -> str:
    """Spaces Tesseract's Chinese models put between characters removed: inside a printed line
    a space between two ideographs would read as a line end. A lone gap (``本报记者 张三``) stays;
    a space beside a full-width mark never is printed (the mark carries its own space)."""
    line = _BY_MARK.sub("", line)
    spaces = len(_SPACED.findall(line))
    return _SPACED.sub("", line) if spaces >= 3 and spaces * 3 >= len(line) else line
