"""Deterministic repairs of OCR damage at the character and line level, each one logged.

Nothing here changes a letter of the content: misreadings stay misread. What changes is
the form OCR gets wrong — punctuation width, quote direction, full-width Latin, stray
spaces (which become recorded line breaks) and lines repeated at a column break.
"""

from __future__ import annotations

import re
import unicodedata

from .chars import ASCII_TO_FULL, is_cjk, is_han
from .model import Text
from .names import credit_spaces
from .runs import RepairLog, Run

_SPACE = re.compile(r"[ \u00a0\u3000\u2000-\u200b]+")


def normalise_marks(run: Run, log: RepairLog) -> Run:
    """Full-width punctuation and curly quotes in Chinese context; half-width Latin letters and digits."""
    text = run.text
    out: list[str] = []
    has_han = any(is_han(c) for c in text)
    parens = _paren_widths(text, has_han)
    quote_open = {'"': False, "'": False}
    for i, ch in enumerate(text):
        new = ch
        if "\uff10" <= ch <= "\uff19" or "\uff21" <= ch <= "\uff3a" or "\uff41" <= ch <= "\uff5a":
            new = unicodedata.normalize("NFKC", ch)
            kind = "halfwidth-latin"
        elif ch in ASCII_TO_FULL:
            left, right = _neighbour(out, -1), _neighbour(text[i + 1 :], 0)
            if has_han:  # straight quotes here are about to become curly ones: Chinese context
                left, right = (_QUOTE_AS_CJK.get(left, left), _QUOTE_AS_CJK.get(right, right))
            kind = "fullwidth-punctuation"
            if ch in "()":
                convert = parens[i]
            elif ch in ",:" and left.isdigit() and right.isdigit() and " " not in text[i - 1 : i + 2]:
                convert = False  # 1,000 and 21:00
            elif ch == ":" and text[i + 1 : i + 3] == "//":
                convert = False
            else:
                convert = _cjk_mark(left) or _cjk_mark(right)
            if convert:
                new = ASCII_TO_FULL[ch]
        elif ch in quote_open and has_han:
            kind = "curly-quote"
            opening = _quote_opens(text, i, out, quote_open[ch])
            quote_open[ch] = opening
            if ch == '"':
                new = "“" if opening else "”"
            elif _cjk_mark(_neighbour(out, -1)) or _cjk_mark(_neighbour(text[i + 1 :], 0)):
                new = "‘" if opening else "’"
            else:
                quote_open[ch] = False  # an apostrophe in Latin text: leave it
        if new != ch:
            log.add(kind, run.origin[i], ch, new)
        out.append(new)
    return Run("".join(out), run.origin)


_QUOTE_AS_CJK = {'"': "“", "'": "‘"}


def _paren_widths(text: str, has_han: bool) -> dict[int, bool]:
    """Per ASCII parenthesis: full-width? A pair is, when its content or its outside touches CJK."""

    def _cjk(c: str) -> bool:
        return _cjk_mark(_QUOTE_AS_CJK.get(c, c) if has_han else c)

    out: dict[int, bool] = {}
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            inside = any(is_cjk(c) for c in text[j + 1 : i])
            out[i] = out[j] = inside or _cjk(_neighbour(text[:j], -1)) or _cjk(_neighbour(text[i + 1 :], 0))
    for i, ch in enumerate(text):
        if ch in "()" and i not in out:
            out[i] = _cjk(_neighbour(text[:i], -1)) or _cjk(_neighbour(text[i + 1 :], 0))
    return out


def _neighbour(seq, index: int) -> str:
    """The nearest character looking left (index -1) or right (index 0), past spaces and other
    ASCII marks (so a run of marks next to Chinese text is converted as a whole)."""
    chars = reversed(seq) if index == -1 else iter(seq)
    for c in chars:
        if c.isspace() or c in ASCII_TO_FULL:
            continue
        return c
    return ""


def _cjk_mark(c: str) -> bool:
    return bool(c) and (is_cjk(c) or c in "，：；？！（）")


def _quote_opens(text: str, i: int, out: list[str], inside: bool) -> bool:
    """Direction of a straight quote: by its neighbours where they tell, else by alternation."""
    left = out[-1] if out else ""
    right = text[i + 1] if i + 1 < len(text) else ""
    left_opens = left == "" or left.isspace() or left in "（《「『【：，、；(:,;"
    right_closes = right == "" or right.isspace() or right in "，。、；：？！）》」』】,.;:?!)"
    if left_opens and not right_closes:
        return True
    if right_closes and not left_opens:
        return False
    return not inside


def drop_repeated_lines(runs: list[Run], log: RepairLog) -> list[Run]:
    """Drop a printed line the OCR read twice at a column break (kept once, the fuller copy)."""
    out: list[Run] = []
    for run in runs:
        run = _drop_repeats_within(run, log)
        if out:
            prev = out[-1]
            prev_last, prev_cut = _last_line(prev)
            first, rest = _first_line(run)
            if _repeats(prev_last.text, first.text):
                log.add("repeated-line", prev_last.start, prev_last.text, "")
                out[-1] = prev[:prev_cut] + first
                if not rest.text:
                    continue
                run = rest
            elif run.text == prev.text:
                log.add("repeated-line", run.start, run.text, "")
                continue
        out.append(run)
    return out


def _repeats(line: str, candidate: str) -> bool:
    """``candidate`` is ``line`` read again (possibly with a mark the first read lost)."""
    if not candidate.startswith(line) or len(candidate) - len(line) > 2 or len(line) < 5:
        return False
    return sum(1 for c in line if is_cjk(c) or c.isalnum()) >= 5


def _line_cuts(run: Run) -> list[tuple[int, int]]:
    """Spans of the printed lines of a run: spaces between two CJK characters are line ends."""
    cuts, start = [], 0
    for m in _SPACE.finditer(run.text):
        a, b = m.start(), m.end()
        if a and b < len(run.text) and is_cjk(run.text[a - 1]) and is_cjk(run.text[b]):
            cuts.append((start, a))
            start = b
    cuts.append((start, len(run.text)))
    return cuts


def printed_lines(run: Run) -> list[str]:
    """The printed lines of a run, without the spaces OCR left inside them."""
    return [_SPACE.sub("", run.text[a:b]) for a, b in _line_cuts(run)]


def _last_line(run: Run) -> tuple[Run, int]:
    a, b = _line_cuts(run)[-1]
    return run[a:b], a


def _first_line(run: Run) -> tuple[Run, Run]:
    a, b = _line_cuts(run)[0]
    rest = run[b:].strip()
    return run[a:b], rest


def _drop_repeats_within(run: Run, log: RepairLog) -> Run:
    cuts = _line_cuts(run)
    keep = [cuts[0]]
    for a, b in cuts[1:]:
        pa, pb = keep[-1]
        if _repeats(run.text[pa:pb], run.text[a:b]):
            log.add("repeated-line", run.origin[pa], run.text[pa:pb], "")
            keep[-1] = (a, b)
        else:
            keep.append((a, b))
    if len(keep) == len(cuts):
        return run
    parts = [run[a:b] for a, b in keep]
    joined = parts[0]
    for i, p in enumerate(parts[1:]):
        joined = joined + Run(" ", (p.origin[0] - 1,)) + p
    return joined


def close_spaces(run: Run, log: RepairLog) -> Text:
    """Remove OCR spaces next to CJK text; those between two CJK characters become line breaks.

    Spaces between two Latin words stay (collapsed to one).
    """
    text, origin = run.text, run.origin
    out: list[str] = []
    breaks: list[int] = []
    pos = 0
    printed = credit_spaces(text)
    for m in _SPACE.finditer(text):
        a, b = m.start(), m.end()
        out.append(text[pos:a])
        pos = b
        left, right = text[a - 1 : a], text[b : b + 1]
        if not left or not right:
            continue
        if a in printed:
            out.append(" ")
        elif origin[a] < 0 or is_cjk(left) and is_cjk(right):
            breaks.append(sum(map(len, out)))
            if origin[a] >= 0:
                log.add("line-break-space", origin[a], m.group(), "")
        elif is_cjk(left) or is_cjk(right):
            if origin[a] >= 0:
                log.add("han-latin-space", origin[a], m.group(), "")
        else:
            out.append(" ")
            if m.group() != " ":
                log.add("collapsed-space", origin[a], m.group(), " ")
    out.append(text[pos:])
    return Text("".join(out), tuple(breaks))
