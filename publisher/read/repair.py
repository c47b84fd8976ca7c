"""Deterministic repairs of OCR damage at the character and line level, each one logged.

Nothing here changes a letter of the content: misreadings stay misread. What changes is
the form OCR gets wrong — punctuation width, quote direction, full-width Latin, stray
spaces (which become recorded line breaks; where the OCR file marked its line ends, ``LINE_END``,
only those do) and lines repeated at a column break — and, on a
Traditional page, the quotation marks' form: curly quotes as the corner brackets it prints.
"""

from __future__ import annotations

import re
import unicodedata

from ..chars import ASCII_TO_FULL, is_cjk, is_han
from ..model import Text
from .names import credit_spaces
from .runs import LINE_END, SPACE, RepairLog, Run

_MARKS = re.compile("[,:;?!()\"'\u201c\u201d\u2018\u2019\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_CURLY = {"“": ('"', True), "”": ('"', False), "‘": ("'", True), "’": ("'", False)}
_PARENS = re.compile(r"[()]")
_QUOTE_AS_CJK = {'"': "“", "'": "‘"}


def normalise_marks(run: Run, log: RepairLog) -> Run:
    """Full-width punctuation and curly quotes in Chinese context; half-width Latin letters and digits."""
    text = run.text
    if not _MARKS.search(text):
        return run
    chars = list(text)  # converted up to the current mark, as read after it
    has_han = any(is_han(c) for c in text)
    parens = _paren_widths(text, has_han)
    quote_open = {'"': False, "'": False}

    def context(i: int, step: int) -> str:
        c = _look(chars, i, step)
        return _QUOTE_AS_CJK.get(c, c) if has_han else c  # straight quotes are about to turn curly

    for m in _MARKS.finditer(text):
        i, ch = m.start(), m.group()
        new = ch
        if ch in _CURLY:  # a quote OCR read right: later straight quotes pair with it
            straight, opens = _CURLY[ch]
            quote_open[straight] = opens
            continue
        if ch >= "\uff10":
            new, kind = unicodedata.normalize("NFKC", ch), "halfwidth-latin"
        elif ch in ASCII_TO_FULL:
            kind = "fullwidth-punctuation"
            left, right = context(i, -1), context(i, 1)
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
        elif has_han:
            kind = "curly-quote"
            opening = _quote_opens(chars, i, quote_open[ch])
            quote_open[ch] = opening
            if ch == '"':
                new = "“" if opening else "”"
            elif _cjk_mark(_look(chars, i, -1)) or _cjk_mark(_look(chars, i, 1)):
                new = "‘" if opening else "’"
            else:
                quote_open[ch] = False  # an apostrophe in Latin text: leave it
        if new != ch:
            log.add(kind, run.origin[i], ch, new)
            chars[i] = new
    return run.retyped("".join(chars))


def _paren_widths(text: str, has_han: bool) -> dict[int, bool]:
    """Per ASCII parenthesis: full-width? A pair is, when its content or its outside touches CJK."""

    def cjk(i: int, step: int) -> bool:
        c = _look(text, i, step)
        return _cjk_mark(_QUOTE_AS_CJK.get(c, c) if has_han else c)

    out: dict[int, bool] = {}
    stack: list[int] = []
    found = [m.start() for m in _PARENS.finditer(text)]
    for i in found:
        if text[i] == "(":
            stack.append(i)
        elif stack:
            j = stack.pop()
            inside = any(is_cjk(c) for c in text[j + 1 : i])
            out[i] = out[j] = inside or cjk(j, -1) or cjk(i, 1)
    for i in found:
        if i not in out:
            out[i] = cjk(i, -1) or cjk(i, 1)
    return out


def _look(seq, i: int, step: int) -> str:
    """The nearest character left (step -1) or right (step 1) of ``seq[i]``, past spaces and
    other ASCII marks (so a run of marks next to Chinese text is converted as a whole)."""
    i += step
    while 0 <= i < len(seq):
        c = seq[i]
        if not (c.isspace() or c in ASCII_TO_FULL):
            return c
        i += step
    return ""


def _cjk_mark(c: str) -> bool:
    return bool(c) and (is_cjk(c) or c in "，：；？！（）")


def _quote_opens(chars: list[str], i: int, inside: bool) -> bool:
    """Direction of a straight quote: by its neighbours where they tell, else by alternation.

    A space between the quote and Chinese text is where OCR saw a printed line end, not a
    word space: the neighbour is the character beyond it."""
    left, right = _beside(chars, i, -1), _beside(chars, i, 1)
    left_opens = left == "" or left.isspace() or left in "（《「『【：，、；(:,;"
    right_closes = right == "" or right.isspace() or right in "，。、；：？！）》」』】,.;:?!)"
    if left_opens and not right_closes:
        return True
    if right_closes and not left_opens:
        return False
    return not inside


def _beside(chars: list[str], i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(chars) and chars[j].isspace():
        j += step
    if 0 <= j < len(chars) and (j == i + step or is_cjk(chars[j])):
        return chars[j]
    return chars[i + step] if 0 <= i + step < len(chars) else ""


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
                log.add("repeated-line", prev_last.start, log.as_read(prev_last), "")
                out[-1] = prev[:prev_cut] + first
                if not rest.text:
                    continue
                run = rest
            elif run.text == prev.text and _repeats(prev.text, run.text):
                log.add("repeated-line", run.start, log.as_read(run), "")
                continue
            elif (prev.text[-1:] not in "。！？…”" and (k := _overlap(prev.text, run.text))
                  and SPACE.sub("", run.text[:k]) != SPACE.sub("", prev.text)):
                # the column's last lines read again, in part, at the head of the next column (not a
                # whole block: a headline the text's first words repeat, 消除贫穷是 | 消除贫穷是全人类…)
                log.add("repeated-line", run.start, log.as_read(run[:k]), "")
                run = run[k:].strip()
                if not run.text:
                    continue
        out.append(run)
    return out


def _overlap(last: str, first: str) -> int:
    """How many characters of ``first`` (spaces included) repeat the end of ``last``, spaces
    aside; 0 if too short to be text read twice rather than chance: at least five
    characters, four of them text."""
    tail = SPACE.sub("", last[-80:])
    ends = [m for m, c in enumerate(first) if not c.isspace()]  # positions of non-space characters
    head = "".join(first[m] for m in ends)
    for k in range(min(len(tail), len(head)), 4, -1):
        if tail.endswith(head[:k]):
            text = sum(1 for c in head[:k] if is_cjk(c) or c.isalnum())
            return ends[k - 1] + 1 if text >= 4 else 0
    return 0


def _repeats(line: str, candidate: str) -> bool:
    """``candidate`` is ``line`` read again (possibly with a mark the first read lost)."""
    if not candidate.startswith(line) or len(candidate) - len(line) > 2 or len(line) < 5:
        return False
    return sum(1 for c in line if is_cjk(c) or c.isalnum()) >= 5


def printed_lines(run: Run) -> list[str]:
    """The printed lines of a run, without the spaces OCR left inside them."""
    return [SPACE.sub("", run.text[a:b]) for a, b in run.line_cuts]


def _last_line(run: Run) -> tuple[Run, int]:
    a, b = run.line_cuts[-1]
    return run[a:b], a


def _first_line(run: Run) -> tuple[Run, Run]:
    a, b = run.line_cuts[0]
    rest = run[b:].strip()
    return run[a:b], rest


def _drop_repeats_within(run: Run, log: RepairLog) -> Run:
    cuts = run.line_cuts
    keep = [cuts[0]]
    for a, b in cuts[1:]:
        pa, pb = keep[-1]
        if _repeats(run.text[pa:pb], run.text[a:b]):
            log.add("repeated-line", run.origin[pa], log.as_read(run[pa:pb]), "")
            keep[-1] = (a, b)
        else:
            keep.append((a, b))
    if len(keep) == len(cuts):
        return run
    parts = [run[a:b] for a, b in keep]
    joined = parts[0]
    for i, p in enumerate(parts[1:]):
        joined = joined + Run(LINE_END if run.marks_line_ends else " ", (p.origin[0] - 1,)) + p
    return joined


def close_spaces(run: Run, log: RepairLog) -> Text:
    """Remove OCR spaces next to CJK text; those between two CJK characters become line breaks.

    Spaces between two Latin words stay (collapsed to one).
    """
    text, origin = run.text, run.origin
    out: list[str] = []
    breaks: list[int] = []
    pos = 0
    length = 0  # characters written to ``out`` so far
    printed = credit_spaces(text)
    for m in SPACE.finditer(text):
        a, b = m.start(), m.end()
        out.append(text[pos:a])
        length += a - pos
        pos = b
        left, right = text[a - 1 : a], text[b : b + 1]
        if not left or not right:
            continue
        if a in printed:
            out.append(" ")
            length += 1
        elif (ends_line := run.line_end(m)) and (is_cjk(left) or is_cjk(right) or origin[a] < 0):
            breaks.append(length)
            if origin[a] >= 0:
                log.add("line-break-space", origin[a], m.group().replace(LINE_END, " "), "")
        elif ends_line:  # between two Latin words: a word space, where the line ended
            out.append(" ")
            length += 1
            breaks.append(length)
        elif is_cjk(left) and is_cjk(right):  # inside a line the OCR file marked the ends of
            log.add("inline-space", origin[a], m.group(), "")
        elif is_cjk(left) or is_cjk(right):
            if origin[a] >= 0:
                log.add("han-latin-space", origin[a], m.group(), "")
        else:
            out.append(" ")
            length += 1
            if m.group() != " ":
                log.add("collapsed-space", origin[a], m.group(), " ")
    out.append(text[pos:])
    return Text("".join(out), tuple(breaks))


# Curly quotes → the corner brackets of Traditional Chinese: the outer pair 「」, the pair inside it
# 『』, alternating with depth (by nesting, not by which curly mark the source used).
_CURLY_OPEN = {"“": '"', "‘": "'"}
_CURLY_CLOSE = {"”": '"', "’": "'"}
_CORNERS = (("「", "」"), ("『", "』"))


def corner_brackets(run: Run, log: RepairLog) -> Run:
    """Curly quotes as corner brackets (a Traditional page's convention), each change logged.

    Depth is counted within the run: a closing mark closes the innermost open quote of its own
    kind (double or single) if there is one, else the innermost of any kind; one that closes
    nothing takes the outer pair. A ’ between two Latin letters is an apostrophe and stays.
    """
    text = run.text
    if not any(c in _CURLY_OPEN or c in _CURLY_CLOSE for c in text):
        return run
    chars = list(text)
    open_: list[tuple[str, int]] = []  # (kind of the opening mark, depth) of each open quote
    for i, ch in enumerate(text):
        if ch in _CURLY_OPEN:
            depth = len(open_) % 2
            open_.append((_CURLY_OPEN[ch], depth))
            new = _CORNERS[depth][0]
        elif ch in _CURLY_CLOSE:
            if ch == "’" and text[i - 1 : i].isascii() and text[i - 1 : i].isalpha() \
                    and text[i + 1 : i + 2].isascii() and text[i + 1 : i + 2].isalpha():
                continue
            kind = _CURLY_CLOSE[ch]
            same = [n for n, (k, _) in enumerate(open_) if k == kind]
            if same:
                depth = open_[same[-1]][1]
                del open_[same[-1]:]
            elif open_:
                depth = open_.pop()[1]
            else:
                depth = 0
            new = _CORNERS[depth][1]
        else:
            continue
        log.add("corner-bracket", run.origin[i], ch, new)
        chars[i] = new
    return run.retyped("".join(chars))
