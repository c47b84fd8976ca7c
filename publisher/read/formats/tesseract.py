"""Tesseract's plain text: one printed line per line, a blank line after every block (each
paragraph end and each column end). Each block's lines are joined with single spaces.

Told from today's shape (a block per line) by the lines' shape alone, conservatively: most
lines sit in blocks of several lines, and the lines that wrap in a block are of about one
width, no wider than a printed column line.
"""

from __future__ import annotations

import re
from statistics import median

from ...chars import han_count, is_han, width_em
from ..measure import line_measure, printed_width
from ...model import Repair
from ..runs import LINE_END
from ..blocks import dateline
from ..folio import is_folio_line
from .cleanup import is_strokes
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
    measure = line_measure(_unspaced(piece) for line in text.splitlines() if line.strip()
                           for piece in _GAP.split(line.strip()))
    blocks, dropped = _without_strokes(_numbered_blocks(text, measure))
    blocks = _paragraphs(blocks, measure)
    return Converted("".join(LINE_END.join(_GAP.sub(" ", _unspaced(line)) for _, line in block) + "\n" for block in blocks),
                     origins=tuple(block[0][0] for block in blocks), dropped=tuple(dropped))


def _without_strokes(blocks: list[list[tuple[int, str]]]) -> tuple[list[list[tuple[int, str]]], list[Repair]]:
    """Lines that are only strokes (``|``, ``一一一``): printed rules read as text, left out and logged."""
    dropped = [Repair("rule-read-as-text", n, 0, line, "") for b in blocks for n, line in b
               if is_strokes(line, shape_known=False)]
    kept = [[(n, line) for n, line in b if not is_strokes(line, shape_known=False)] for b in blocks]
    return [b for b in kept if b], dropped


def _blocks(text: str) -> list[list[str]]:
    return [[line for _, line in block] for block in _numbered_blocks(text)]


def _numbered_blocks(text: str, measure: float | None = None) -> list[list[tuple[int, str]]]:
    """Groups of consecutive non-blank lines, each line with its 1-based number in the file. A
    name alone on a line (2–4 ideographs) ends its group: Tesseract runs a story's trailing
    byline into the next headline's block. A credit line with role words (``本报记者 某某``) is
    a group of its own: Tesseract runs a headline, its byline and the first paragraph into one.
    A line with a wide gap is lines of columns side by side, each its own group, unless it is
    one printed line (see ``_one_line``)."""
    out: list[list[tuple[int, str]]] = [[]]
    for number, whole in enumerate(re.split(r"\r\n|\r|\n", text.replace("\f", " ")), 1):
        whole = whole.strip()
        pieces = _GAP.split(whole) if whole and not is_folio_line(" ".join(whole.split())) else [whole]
        if len(pieces) > 1 and _one_line(pieces, measure):
            pieces = [whole]  # the gap is a full line's justification space (kept: it says the line is full)
        if len(pieces) > 1:  # lines of columns side by side, read as one across the gutters
            out += [[(number, piece)] for piece in pieces] + [[]]
            continue
        line = whole
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


def _one_line(pieces: list[str], measure: float | None) -> bool:
    """Two pieces an engine parted at a wide gap that are one printed line: together no wider
    than the column, the first not ending a sentence, each with words (two ideographs or digits
    at least: not specks a picture left). A line with digits or Latin is justified with wide
    spaces (``（2541分）    上海胡荣华``); a paragraph's last line and the name set flush right
    after it (``然亮起来。    冯潜波``) are two things."""
    return (measure is not None and len(pieces) == 2 and printed_width(_unspaced(" ".join(pieces))) <= measure
            and pieces[0][-1:] not in _SENTENCE_ENDS
            and all(sum(is_han(c) and c != "一" or c.isdigit() for c in piece) >= 2 for piece in pieces))


def _paragraphs(blocks: list[list[tuple[int, str]]], measure: float | None) -> list[list[tuple[int, str]]]:
    """Tesseract's blocks regrouped by the printed lines' widths, which it does not look at: it
    may end a block after every line of a column (its paragraphs guessed wrong), or run a short
    headline and the paragraph under it into one. A printed paragraph's lines fill the measure
    but its last; so a short line ends a block, and a full line runs on into the next block when
    that one reads as text (full, or a paragraph's last line)."""
    if measure is None:
        return blocks
    out: list[list[tuple[int, str]]] = []
    for n, block in enumerate(blocks):
        for k, (number, line) in enumerate(block):
            prev = _unspaced(out[-1][-1][1]) if out else None
            wraps = k > 0 and _wraps_heading([_unspaced(x) for _, x in out[-1]], _unspaced(line), measure)
            if _headline_over_credit(block, blocks[n + 1] if n + 1 < len(blocks) else None) or (
                    k == 0 and prev is not None and _page_top(out) and _words_alone(prev)
                    and any(x[-1:] in _SENTENCE_ENDS for _, x in block)):
                out.append([(number, line)])
            elif prev is not None and (_runs_on(prev, _unspaced(line), k > 0, measure) or wraps):
                out[-1].append((number, line))
            else:
                out.append([(number, line)])
    return out


def _page_top(out: list[list[tuple[int, str]]]) -> bool:
    """The blocks so far are the page's first line, under the folio if any: the engine reads a
    page from its top, where a newspaper prints a headline (over text that ends a sentence, the
    line is no paragraph's first)."""
    lines = [line for block in out for _, line in block]
    return len(lines) == 1 or len(lines) == 2 and is_folio_line(" ".join(lines[0].split()))


def _words_alone(line: str) -> bool:
    """Words with no mark, no credit and no dateline: how a headline reads."""
    return (_wordy(line) and not any(c in _MARKS for c in line) and not _ROLE_LINE.fullmatch(line)
            and not _DATELINE_HEAD.match(line))


def _headline_over_credit(block: list[tuple[int, str]], after: list[tuple[int, str]] | None) -> bool:
    """A line of words alone in its block, ending on no mark, over a credit line with role words
    (``本报记者 某某``): a headline over its leading byline, however wide (not a paragraph's last
    line, which ends on a mark, and which a trailing credit follows)."""
    if len(block) != 1 or after is None or not _ROLE_LINE.fullmatch(after[0][1]):
        return False
    return _words_alone(_unspaced(block[0][1]))


def _width(line: str, measure: float) -> float:
    """A line's printed width; a line justified with a wide gap (``_one_line``) filled the measure
    (a folio line keeps its gaps too, and its own width)."""
    return measure if _GAP.search(line) and _one_line(_GAP.split(line), measure) else printed_width(line)


def _runs_on(prev: str, line: str, same_block: bool, measure: float) -> bool:
    if (_ROLE_LINE.fullmatch(prev) or _ROLE_LINE.fullmatch(line) or _width(line, measure) > measure + 1
            or _width(prev, measure) > 1.5 * measure):
        # a credit line stands alone; a line wider than a column is a heading or the folio (one far
        # wider does not run on into what follows: the folio line over a headline of a column's width)
        return False
    if dateline(line):
        return False  # a dateline (本报讯, 新华社某地电) is where a story's first paragraph begins
    # full, or a paragraph's indented first line; a dateline's opening words (本报讯, 新华社…)
    # begin a paragraph however short the engine read its first line
    opened = _width(prev, measure) + INDENT_EM >= measure - SLACK or (_DATELINE_HEAD.match(prev) is not None
                                                               and _width(prev, measure) + INDENT_EM >= measure / 2)
    if same_block:  # Tesseract's own paragraph: cut after a short line
        return opened
    # across Tesseract's blank line: what reads as the same paragraph's middle or last line; a
    # line of words alone (no mark) wider than the column is a heading, unless a line as wide
    # carries it on (a story set wider than the page's measure), not a full line of the column
    wide = (_width(prev, measure) > measure + 1 and abs(_width(line, measure) - _width(prev, measure)) > 1
            and not any(c in _MARKS for c in prev))
    return opened and (_width(line, measure) >= measure - SLACK and not wide or _ends_paragraph(line))


def _ends_paragraph(line: str) -> bool:
    """A paragraph's last line ends a sentence: on its mark, or on a closing mark after one
    (``。”``); a closing mark after words alone closes a quoted phrase, as a headline may."""
    return line[-1:] in _ENDS and (line[-1:] in "。！？…" or line[-2:-1] in _ENDS or not is_han(line[-2:-1] or "a"))


def _wraps_heading(block: list[str], line: str, measure: float) -> bool:
    """``line`` goes on a heading set over several printed lines (a one-column headline wraps at
    its own, larger, size): the lines so far of one width, well short of an indented text line,
    none ending on a mark, and ``line`` no wider. Of a kicker over a headline, or a headline over
    its subheadline, the widths differ."""
    widths = [_width(x, measure) for x in block]
    short = measure - INDENT_EM - SLACK
    if len(block) >= MAX_HEADING_LINES or any(w > short or abs(w - widths[0]) > 1 for w in widths):
        return False
    if any(x[-1:] in _ENDS or x[-1:] in "，、；：,;:" or _ROLE_LINE.fullmatch(x) or _DATELINE_HEAD.match(x)
           for x in (*block, line)):
        return False
    return _width(line, measure) <= widths[0] + 0.5 and _wordy(line)


def _wordy(line: str) -> bool:
    """Mostly ideographs, two at least (not marks and letters a misread ornament left)."""
    han = han_count(line)
    return han >= 2 and han >= 0.6 * len(line.replace(" ", ""))




INDENT_EM = 2.0
MAX_HEADING_LINES = 4  # a headline wraps onto three or four lines at most
SLACK = 1.5  # em: a line this much narrower than the measure is still full (a character misread away,
# digits narrower than guessed); a paragraph's indented first line is 2 em narrower
_GAP = re.compile(r" {4,}")  # Tesseract writes a wide gap as a run of spaces: a gutter, not a word space
_DATELINE_HEAD = re.compile(r"(?:据)?(?:本报|本報|新华社|新華社|中新社|中新網|中新网)")
_ENDS = set("。！？…”’」』）")
_SENTENCE_ENDS = _ENDS - {"）"}  # a bracket closes inside a sentence as often as at its end
_MARKS = set("，、。；：？！…“”‘’《》〈〉（）「」『』【】—,;:?!\"'()")  # as printed (an engine adds ``-`` and ``|``)
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
