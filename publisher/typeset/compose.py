"""Chinese line composition to W3C clreq: where lines break, how they are justified.

WeasyPrint justifies only at spaces and knows no Chinese line rules, so publisher sets
each line itself and hands WeasyPrint finished lines. For a paragraph and a measure (in
em) this module decides:

- **breaks** with the prohibition rules: closing and pause marks never start a line,
  opening marks never end one, ``——`` and ``……`` and Latin words never split;
- **punctuation width**: marks are full-width, a mark next to another is set half-width
  (``。”`` → 1.5 em), and marks may be squeezed to half-width to pull a closing mark back
  onto its line (挤进) before a character is pushed to the next line (推出); marks centred
  in the em box (Traditional Chinese, ``punctuation``) keep their full em everywhere;
- **Han–Latin spacing** of ¼ em between ideographs and Latin letters or digits, none at
  line edges;
- **justification**: every line but a paragraph's last fills the measure, by spacing
  between characters (never by stretching a Latin word);
- **no widow character**: a paragraph's last line holds more than one character when a
  squeeze or one more character from the line above allows it.

Widths come from the font (``advance``), so what is composed here is what prints.
It is pure computation on text: no markup, no engine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..chars import is_cjk, is_cjk_punct
from .punctuation import LEFT_INK, RIGHT_INK, Advance, Metrics, ink_of

NO_START = LEFT_INK | set("·・～々ー%％‰℃")  # may not begin a line (—— and …… may: they only never split)
NO_END = RIGHT_INK  # may not end a line
PAIRS = ("——", "……")  # never split, set as one unit
HAN_LATIN_GAP = 0.25
SQUEEZE = 0.5  # how much a full-width mark gives up when set half-width
TIGHTEN = 0.03  # em a line may be tightened by, between each two units, to keep a mark on it
PARAGRAPH_END = set("。！？”’）…；：")
FAITHFUL_TIGHTEN = 0.06  # em; the most a recorded line is tightened to keep the printed break
INDENT = 2.0  # em: a paragraph's first line is indented by two ideographs (clreq)
# Every line of a justified paragraph but its last fills the measure (clreq), so a
# recorded line this much shorter than the column ended its paragraph, or was no line end
# at all but a space OCR left mid-line.
SHORT_LINE = 1.5  # em
# How far a recorded line may overfill our setting of it and still be taken as one printed
# line: the printed face's punctuation and spacing are not ours to the last fraction of an em.
PRINTED_SLACK = 0.6  # em
LOOSE = 0.095  # em of added spacing beyond which a line is loose (near 0.1 em text extractors see spaces)


@dataclass(frozen=True)
class Unit:
    """The smallest piece a line is built from: one ideograph or mark, or a Latin word."""

    text: str
    width: float  # natural advance in em (full-width marks at 1 em)
    kind: str  # "han" | "mark" | "latin" | "space" (between Latin words)
    squeezed: bool = False  # set half-width (OpenType 'halt')
    ink: str = ""  # a mark's ink: "left" or "right" half of the em box (squeezable), "centre", or ""
    gap_before: float = 0.0  # Han–Latin spacing before it, in em
    extra: float = 0.0  # justification space after it beyond the line's even spacing (loose lines)

    @property
    def set_width(self) -> float:
        return self.width - (SQUEEZE if self.squeezed else 0.0)

    @property
    def squeezable(self) -> bool:
        return self.kind == "mark" and not self.squeezed and self.ink in ("left", "right")


@dataclass(frozen=True)
class Line:
    """A composed line: its units, left indent, and the space added after each unit but the last."""

    units: tuple[Unit, ...]
    indent: float = 0.0
    spacing: float = 0.0
    last: bool = False  # a paragraph's last line: set at natural width, not justified

    @property
    def text(self) -> str:
        return "".join(u.text for u in self.units)

    @property
    def width(self) -> float:
        """Width as set, indent included."""
        gaps = max(len(self.units) - 1, 0)
        return self.indent + _natural(self.units) + self.spacing * gaps + sum(u.extra for u in self.units[:-1])


def units_of(text: str, advance: Advance) -> list[Unit]:
    """Split text into units with natural widths: ideographs and marks one by one, Latin by word.
    ``advance`` may be a Metrics, whose centred marks are never squeezed."""
    centred = advance.centred if isinstance(advance, Metrics) else frozenset()
    out: list[Unit] = []
    i, n = 0, len(text)
    while i < n:
        pair = text[i : i + 2]
        if pair in PAIRS:  # one unbreakable mark (set without ligature, so its width is the two advances)
            out.append(Unit(pair, advance(pair[0]) + advance(pair[1]), "mark"))
            i += 2
            continue
        ch = text[i]
        if is_cjk(ch):
            mark = is_cjk_punct(ch)
            out.append(Unit(ch, advance(ch), "mark" if mark else "han", ink=ink_of(ch, centred) if mark else ""))
            i += 1
            continue
        if ch == " ":
            out.append(Unit(ch, advance(ch), "space"))
            i += 1
            continue
        j = i
        while j < n and not is_cjk(text[j]) and text[j] != " ":
            j += 1
        word = text[i:j]
        out.append(Unit(word, sum(advance(c) for c in word), "latin"))
        i = j
    return _space_and_squeeze(out)


def _space_and_squeeze(units: list[Unit]) -> list[Unit]:
    """Han–Latin gaps, and the half-width setting of a mark next to another mark."""
    out = list(units)
    for k in range(1, len(out)):
        a, b = out[k - 1], out[k]
        if (a.kind == "han") != (b.kind == "han") and "latin" in (a.kind, b.kind) and "mark" not in (a.kind, b.kind):
            out[k] = replace(b, gap_before=HAN_LATIN_GAP)
        elif a.kind == "mark" and b.kind == "mark" and a.text not in PAIRS and b.text not in PAIRS:
            if a.ink == "left" and not a.squeezed:
                out[k - 1] = replace(a, squeezed=True)
            elif b.ink == "right":
                out[k] = replace(b, squeezed=True)
    return out


def _natural(units) -> float:
    """Set width of units on one line (no gap before the first)."""
    return sum(u.set_width for u in units) + sum(u.gap_before for u in units[1:])


def _legal_break(units: list[Unit], k: int) -> bool:
    """May a line end after ``units[k-1]`` and the next begin with ``units[k]``?"""
    if k <= 0 or k >= len(units):
        return True
    before, after = units[k - 1], units[k]
    if after.text[0] in NO_START or before.text[-1] in NO_END or after.kind == "space":
        return False
    return not (before.kind == "latin" and after.kind == "latin")


def _fit_by_squeezing(line: list[Unit], measure: float, final_mark: bool = False,
                      best_effort: bool = False) -> list[Unit] | None:
    """Make the line fit by the gentlest means that suffice, or None if they do not.

    In order: squeeze marks inside the line to half width (nearest the end first), narrow
    Han–Latin gaps to ⅛ em, tighten the spacing between units a little (TIGHTEN), and —
    only with ``final_mark`` — squeeze the line-end mark (its full em box otherwise keeps
    the column's right edge exact).
    """
    line = list(line)
    excess = _natural(line) - measure
    order = [*range(len(line) - 2, -1, -1)] + ([len(line) - 1] if final_mark else [])
    for k in order:
        if excess <= 1e-9:
            break
        if line[k].squeezable:
            line[k] = replace(line[k], squeezed=True)
            excess -= SQUEEZE
    for k in range(1, len(line)):
        if excess <= 1e-9:
            break
        if line[k].gap_before > HAN_LATIN_GAP / 2:
            line[k] = replace(line[k], gap_before=HAN_LATIN_GAP / 2)
            excess -= HAN_LATIN_GAP / 2
    fits = excess <= TIGHTEN * max(len(line) - 1, 0) + 1e-9
    return line if fits or best_effort else None


def _finish(line: list[Unit], measure: float, indent: float, last: bool) -> Line:
    """Drop edge spacing, then justify (spacing between units) unless it is the last line."""
    if line and line[0].gap_before:
        line[0] = replace(line[0], gap_before=0.0)
    if len(line) > 1 and line[-1].kind == "space":  # a line-end space takes no room
        line[-1] = replace(line[-1], width=0.0)
    avail = measure - indent
    natural = _natural(line)
    if natural > avail + 1e-9:
        fitted = (_fit_by_squeezing(line, avail) or _fit_by_squeezing(line, avail, final_mark=True)
                  or _fit_by_squeezing(line, avail, final_mark=True, best_effort=True))  # then tighten the rest
        line, natural = fitted, _natural(fitted)
    gaps = len(line) - 1
    spacing = 0.0
    if gaps > 0 and (not last or natural > avail + 1e-9):
        spacing = (avail - natural) / gaps  # negative: tightened to fit
        if spacing > LOOSE:
            line, spacing = _loosen(line, avail - natural)
    return Line(tuple(line), indent, round(spacing, 5), last)


def _loosen(line: list[Unit], room: float) -> tuple[list[Unit], float]:
    """A loose line: at most LOOSE between two ideographs; the rest goes beside marks and Latin.

    Wider spacing between ideographs would read as word spaces (and text extractors insert
    them); beside punctuation and digits it reads as what it is. Room left over stays at the
    line end.
    """
    gaps = len(line) - 1
    flexible = [k for k in range(gaps) if line[k].kind != "han" or line[k + 1].kind != "han"]
    rest = room - LOOSE * gaps
    if not flexible:
        return line, LOOSE
    share = min(rest / len(flexible), 1.0)
    for k in flexible:
        line[k] = replace(line[k], extra=round(share, 5))
    return line, LOOSE


def _spacing(line: list[Unit], avail: float) -> float:
    """The even spacing justifying the line would need (the looseness of a break)."""
    return (avail - _natural(line)) / max(len(line) - 1, 1)


def compose(
    text: str,
    measure: float,
    advance: Advance,
    indent: float = INDENT,
    breaks: tuple[int, ...] | None = None,
) -> list[Line]:
    """Set a paragraph in lines of ``measure`` em.

    With ``breaks`` (offsets where the printed page ended its lines), lines end there —
    faithful mode — wherever the break is plausible for this measure; elsewhere lines are
    composed by the rules.
    """
    units = units_of(text, advance)
    if not units:
        return []
    if breaks is not None:
        return _faithful(units, text, measure, indent, breaks, advance)
    return _greedy(units, measure, indent)


def _greedy(units: list[Unit], measure: float, indent: float, first_indent: bool = True, widows: bool = True) -> list[Line]:
    lines: list[list[Unit]] = []
    indents: list[float] = []
    s = 0
    while s < len(units):
        ind = indent if (not lines and first_indent) else 0.0
        avail = measure - ind
        e, width = s, 0.0
        while e < len(units):  # the line's natural width, grown a unit at a time
            width += units[e].set_width + (units[e].gap_before if e > s else 0.0)
            if width > avail + 1e-9:
                break
            e += 1
        if e == s:
            e = s + 1  # a unit wider than the measure gets a line of its own
        if e < len(units) and not _legal_break(units, e):
            e = _resolve(units, s, e, avail)
        lines.append(units[s:e])
        indents.append(ind)
        s = e
    if widows:
        _avoid_widow(lines, indents, measure)
    return [_finish(list(l), measure, ind, k == len(lines) - 1) for k, (l, ind) in enumerate(zip(lines, indents))]


def _resolve(units: list[Unit], s: int, e: int, avail: float) -> int:
    """An illegal break after ``units[e-1]``: where should the line end instead?

    clreq: first try to pull the offending marks onto the line (挤进) by gentle squeezing;
    else push characters to the next line (推出) if that leaves the line not too loose;
    else pull in with the line-end mark squeezed too; else push out (always, for a centred mark).
    """
    e2 = e
    pull = None
    while e2 < len(units) and not _legal_break(units, e2) and units[e2].text[0] in NO_START:
        e2 += 1
        if _legal_break(units, e2):
            pull = e2
            break
    if pull and _fit_by_squeezing(units[s:pull], avail) is not None:
        return pull
    back = e - 1
    while back > s + 1 and not _legal_break(units, back):
        back -= 1
    push = back if back > s else None
    if push and _spacing(units[s:push], avail) <= LOOSE:
        return push
    if pull and _fit_by_squeezing(units[s:pull], avail, final_mark=True) is not None:
        return pull
    if push and any(u.ink == "centre" for u in units[e : pull or e + 1]):
        return push  # a centred mark cannot be squeezed in: a loose line rather than an overfull one
    return pull or push or e  # no legal break fits: an overfull line rather than a mark at a line start


def _avoid_widow(lines: list[list[Unit]], indents: list[float], measure: float) -> None:
    """A last line of one character: squeeze it onto the line above, or bring one down to it."""
    if len(lines) < 2:
        return
    last, prev = lines[-1], lines[-2]
    if sum(1 for u in last if u.kind != "mark") > 1 or len(last) > 2:
        return
    avail = measure - indents[-2]
    merged = _fit_by_squeezing(prev + last, avail)
    if merged is not None and _legal_break(prev + last, len(prev + last)):
        lines[-2:] = [merged]
        indents.pop()
        return
    for k in range(len(prev) - 1, 0, -1):
        if _legal_break(prev + last, k) and len(prev) - k <= 2:
            if _spacing(prev[:k], avail) <= LOOSE:
                lines[-2:] = [prev[:k], prev[k:] + last]
            return


def _faithful(units, text, measure, indent, breaks, advance) -> list[Line]:
    """Lines ending where the printed page ended them.

    A recorded break is kept when the text before it could have been printed lines of this
    column: one full line (set justified), several lines whose other breaks OCR lost (set
    by the rules, ending at the break), or a short paragraph end (``…线上教学资源。`` before
    a paragraph OCR ran on). A space OCR left mid-line — too short a "line" that does not
    end a sentence — is not a line end, and its text runs on.
    """
    starts, pos = {}, 0
    for k, u in enumerate(units):
        starts[pos] = k
        pos += len(u.text)
    cuts = sorted({starts[b] for b in breaks if b in starts and starts[b] > 0})
    segments, s = [], 0
    for c in [*cuts, len(units)]:
        segments.append((s, c))
        s = c
    lines: list[Line] = []
    start = 0  # first unit not yet set
    indent_next = indent
    for k, (a, b) in enumerate(segments):
        seg = units[start:b]
        is_last = b == len(units)
        if lines and not lines[-1].last and lines[-1].units[-1].text[-1] in PARAGRAPH_END and start == a:
            # OCR ran two paragraphs together: a line that fills the column only with an
            # indent starts a new paragraph, and the line before it ended the last one
            if _fits_indented(seg, measure) and not is_last:
                prev = lines[-1]
                lines[-1] = _finish(list(prev.units), measure, prev.indent, True)
                indent_next = indent
        avail = measure - indent_next
        natural = _natural(seg)
        ends_sentence = seg[-1].text[-1] in PARAGRAPH_END
        if not is_last and natural + SHORT_LINE < avail and not ends_sentence:
            continue  # an OCR space, not a line end: run on
        if _tightest(seg) <= avail + PRINTED_SLACK or is_last and natural <= avail + 1e-9:
            paragraph_end = is_last or natural + SHORT_LINE < avail
            lines.append(_finish(list(seg), measure, indent_next, paragraph_end))
        elif is_last:  # the paragraph's rest, with no break recorded: set by the rules
            lines += _greedy(seg, measure, indent_next, first_indent=True)
        else:  # several printed lines whose breaks OCR lost: as many full lines, ending at the break
            lines += _balanced(seg, measure, indent_next, False)
        start = b
        indent_next = indent if lines[-1].last and not is_last else 0.0
    return lines


def _tightest(seg: list[Unit]) -> float:
    """The narrowest a printed line of these units could have been set: every mark half-width
    and FAITHFUL_TIGHTEN taken from each gap between units."""
    return _natural(seg) - sum(SQUEEZE for u in seg if u.squeezable) - FAITHFUL_TIGHTEN * (len(seg) - 1)


def _fits_indented(seg: list[Unit], measure: float) -> bool:
    """The units fill a first line (the measure less the indent): up to one squeezed mark
    narrower, or one ideograph wider, than our setting of them."""
    return _tightest(seg) - SQUEEZE <= measure - INDENT <= _natural(seg) + 1.0


def _balanced(seg: list[Unit], measure: float, indent: float, last: bool) -> list[Line]:
    """Set a run in the fewest lines it fits, each about equally full, the last ending the run."""
    count = max(2, math.ceil((_tightest(seg) + indent) / measure))
    target = (_natural(seg) + indent) / count
    out: list[Line] = []
    s = 0
    for n in range(count):
        ind = indent if n == 0 else 0.0
        if n == count - 1:
            e = len(seg)
        else:
            e = s + 1
            while e < len(seg) and _natural(seg[s : e + 1]) + ind <= target + 0.5:
                e += 1
            while e < len(seg) and not _legal_break(seg, e) and e > s + 1:
                e -= 1
        out.append(_finish(list(seg[s:e]), measure, ind, last and n == count - 1))
        s = e
        if s >= len(seg):
            break
    return out
