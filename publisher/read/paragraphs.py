"""Paragraphs cut at a column end, found and joined (each join logged).

A printed paragraph ends at a sentence end. A block that stops mid-sentence (on an ideograph,
a digit or a comma) and is followed by body text was cut where a column ended, so the next
block carries it on. When the cut fell exactly at a sentence end, only the measure can tell:
a next block whose first printed line fills the column with no indent continues a paragraph.
"""

from __future__ import annotations

import re

from ..chars import CLOSING, is_han
from .blocks import Piece, credit_line, dateline, ends_sentence, heading_shaped, misread_heading
from .names import ROLE_WORD
from .measure import fits_indented, fits_unindented
from .roles import DISPLAY
from .runs import RepairLog, Run


def continues(a: Piece, b: Piece, measure: float | None, after_text: bool) -> bool:
    """Does block ``b`` carry on the paragraph ``a`` across a column end?

    ``after_text``: the block before ``a`` is body text (so ``a`` is not a story's headline).
    """
    at, bt = a.flat, b.flat
    if not at or not bt or dateline(b.run.text) or a.byline:
        return False
    if credit_line(b) or heading_shaped(b, measure):
        return False
    if bt[0] in CLOSING:
        return True  # a paragraph never starts with a closing or pause mark
    if heading_shaped(a, measure):
        # a paragraph cut after its first line: that line full with the indent, and the next
        # block's first line full without one
        return (after_text and bool(measure) and len(a.lines) == 1 and fits_indented(a.lines[0], measure)
                and _runs_on(b, measure))
    if (measure and len(b.lines) >= 2 and fits_indented(b.lines[0], measure) and not _runs_on(b, measure)
            and not _line_split(a, b, measure)):
        return False  # b's first line is a paragraph's first line: indented (OCR drops final marks)
    if not ends_sentence(at) and at[-1] not in "：:；;":  # a colon may end a paragraph before a list
        return True  # (text truncated where a paragraph ended reads the same: [roles] corrects it)
    return _runs_on(b, measure)


def _line_split(a: Piece, b: Piece, measure: float) -> bool:
    """The column end fell inside a printed line: ``a``'s last line and ``b``'s first make one."""
    return len(a.lines) >= 2 and fits_unindented(a.lines[-1] + b.lines[0], measure) \
        and not fits_unindented(a.lines[-1], measure)


def _runs_on(b: Piece, measure: float | None) -> bool:
    """``b``'s first printed line fills the column with no indent: the middle of a paragraph."""
    return bool(measure) and len(b.lines) >= 2 and fits_unindented(b.lines[0], measure) \
        and not fits_indented(b.lines[0], measure)


def join_cut_paragraphs(pieces: list[Piece], measure: float | None, log: RepairLog,
                        forced: dict[int, str], strays: bool = False, late: bool = False,
                        sizes: dict[int, float] | None = None) -> list[Piece]:
    """Join each block that carries on the one before; ``forced`` roles (by source line) win.
    ``sizes``: source lines' type sizes in body sizes, where OCR measured them: a line set at a
    headline's size joins no paragraph, and only such a line may be a stray headline piece.

    With ``strays``, a heading found inside a cut paragraph (an engine gives a headline that
    spans the columns after the first column's text, or in pieces where it left characters
    unread) is set aside as a piece of the story's headline (``Piece.stray``) and the paragraph
    is joined across it. With ``late``, a headline read after its story's first column (the
    reading order of Tesseract's plain text) goes back to the story's opening.
    """
    sizes = sizes or {}

    def display(p: Piece) -> bool:
        return sizes.get(p.line, 0.0) >= DISPLAY

    def headline_sized(run: list[Piece]) -> bool:
        return all(p.line not in sizes or display(p) for p in run)

    out: list[Piece] = []
    carried = False  # a stray heading was set aside: this block carries on the paragraph it cut
    skip = 0  # pieces already set aside with the one before
    for k, p in enumerate(pieces):
        if skip:
            skip -= 1
            continue
        role = forced.get(p.line)
        if out and role is None:
            after_text = _after_text(out, measure)
            join = out[-1].line not in forced or forced[out[-1].line] in ("paragraph", "continues")
            join = join and not display(out[-1]) and not display(p)
            join = join and (carried or continues(out[-1], p, measure, after_text))
        else:
            join = bool(out) and role == "continues"
        carried = False
        if join:
            _join(out[-1], p, log)
        elif (strays and out and role is None
              and (run := _stray_run(out[-1], pieces[k:k + 3], measure, forced, _after_text(out, measure)))
              and headline_sized(run)):
            # pieces of the headline of the story whose paragraph they cut: at the story's opening,
            # if it has no headline yet (the paragraph cut is the story's text), else with it
            # (not after a lone name: that may be a short piece of the headline itself)
            skip = len(run) - 1
            if (at := _headless_opening(out, measure, forced, after_credit=False)) is not None:
                for n, piece in enumerate(run):
                    _moved_headline(out, at + n, piece, measure, log)
            else:
                for piece in run:
                    piece.stray = carried = True
                    out.insert(len(out) - 1, piece)  # before the paragraph they interrupted, which carries on
        elif (late and role is None and headline_sized([p])
              and (at := _late_headline(out, p, pieces[k + 1:k + 2], measure, forced)) is not None):
            _moved_headline(out, at, p, measure, log)
        else:
            out.append(p)
    return out


def _after_text(out: list[Piece], measure: float | None) -> bool:
    """The block before the last one read is body text (so the last is not a story's headline)."""
    return len(out) >= 2 and not heading_shaped(out[-2], measure) and not out[-2].byline


def _stray_run(a: Piece, ahead: list[Piece], measure: float | None, forced: dict[int, str],
               after_text: bool) -> list[Piece]:
    """The heading pieces (one, or two in a row: a headline on two lines, each cut at the gutter)
    at the head of ``ahead`` that sit inside paragraph ``a`` (``_stray_heading``); else none."""
    if _stray_heading(a, ahead[0], ahead[1:2], measure, forced, after_text):
        return ahead[:1]
    if (len(ahead) == 3 and ahead[1].line not in forced and _headline_piece(ahead[1], measure)
            and not ahead[1].byline and _stray_heading(a, ahead[0], ahead[2:3], measure, forced, after_text)):
        return ahead[:2]
    return []


def _headline_piece(b: Piece, measure: float | None) -> bool:
    """Heading-shaped, and narrower than a paragraph's indented first line: a headline's larger
    type fits fewer characters in a column."""
    return heading_shaped(b, measure) and not (measure and len(b.lines) == 1 and fits_indented(b.lines[0], measure))


def _moved_headline(out: list[Piece], at: int, p: Piece, measure: float | None, log: RepairLog) -> None:
    log.add("moved-headline", p.run.start, p.flat, p.flat)
    out.insert(at, p)  # before its story's opening (byline and dateline paragraph)
    # under the page's first block, a short heading (no byline: no story is above it to sign)
    p.stray = at == 1 and heading_shaped(out[0], measure)


def _join(a: Piece, b: Piece, log: RepairLog) -> None:
    log.add("paragraph-join", b.run.start, a.flat[-4:] + "¶" + b.flat[:4], a.flat[-4:] + b.flat[:4])
    # the join is where the printed column ended: a synthetic space (origin -1) marks that line
    # break for close_spaces, which records it without logging it again
    a.run = a.run + Run(" ", (-1,)) + b.run
    a.refresh()


def _late_headline(out: list[Piece], b: Piece, after: list[Piece], measure: float | None,
                   forced: dict[int, str]) -> int | None:
    """Where ``b`` belongs if it is a story's headline that the engine read after the story's
    first column: the text before ``b`` runs back, with no heading, to the page's start or to a
    story signed off by its trailing byline (a leading byline with role words may head it). The
    index of that opening in ``out``; else None. What follows ``b`` must be body text."""
    if not out or not heading_shaped(b, measure) or b.byline or not after:
        return None
    c = after[0]
    if c.line in forced or credit_line(c) or heading_shaped(c, measure):
        return None
    return _headless_opening(out, measure, forced)


def _headless_opening(out: list[Piece], measure: float | None, forced: dict[int, str],
                      after_credit: bool = True) -> int | None:
    """Where the story whose text ends ``out`` opens, if it has no headline yet: the text runs
    back, with no heading, to the page's start, to a leading byline with role words, or (with
    ``after_credit``) to a story signed off by its trailing byline. Else None."""
    at = len(out)
    while at and not (heading_shaped(out[at - 1], measure) or credit_line(out[at - 1]) or out[at - 1].line in forced
                      or at < len(out) and misread_heading(out[at - 1], out[at], measure)):
        at -= 1
    if at == len(out):
        return None  # no text between: a heading after a heading or a byline
    before = out[at - 1] if at else None
    if before is None:
        return at
    if not credit_line(before) or before.stray or before.line in forced or _leads(before, out, at):
        return None  # the story has its headline already (a piece of it read late, however short)
    signed_above = at >= 2 and credit_line(out[at - 2]) and not _leads(out[at - 2], out, at - 1)
    if before.byline and ROLE_WORD.search(before.flat) and (at == 1 or dateline(out[at].run.text) or signed_above):
        # a byline with role words (本报记者 …) over a dateline, first, or after the credit that
        # signed the story above off (a story is signed once): it leads this story
        return at - 1
    # a credit line after text signs the story above off: this one starts after it
    return at if after_credit else None


def _leads(byline: Piece, out: list[Piece], at: int) -> bool:
    """A credit line right under a heading leads its story (it signs no story off)."""
    return at >= 2 and heading_shaped(out[at - 2], None) and not credit_line(out[at - 2])


def _stray_heading(a: Piece, b: Piece, after: list[Piece], measure: float | None, forced: dict[int, str],
                   after_text: bool = False) -> bool:
    """``b``, heading-shaped, sits between a paragraph cut mid-sentence and the block that plainly
    carries that paragraph on (it closes a bracket the paragraph opened, or starts with a mark).
    ``after_text``: the block before ``a`` is body text, so ``a`` may be a paragraph's indented
    first line, cut by the column's end, however short (it is no headline when the block after
    ``b`` goes on as a paragraph's middle does)."""
    if not after or after[0].line in forced or a.line in forced or not _headline_piece(b, measure):
        return False
    c = after[0]
    if ends_sentence(a.flat) or a.byline or b.byline:
        return False
    if heading_shaped(a, measure):
        return (after_text and bool(measure) and len(a.lines) == 1 and fits_indented(a.lines[0], measure)
                and len(b.flat) >= 3 and _runs_on(c, measure))
    opened = a.flat.count("（") + a.flat.count("(") > a.flat.count("）") + a.flat.count(")")
    closes = re.match(r"[^（(]{0,8}[）)]", c.flat) is not None
    if len(b.flat) < 3 or len(c.flat) < 4 or len(a.flat) < 8:
        return False  # a headline piece has a few words, between two parts of a real paragraph
    # what follows carries the cut paragraph on: it opens with a mark or closes its bracket, or
    # its first printed line fills the column unindented (a paragraph's middle; a line that may
    # also be an indented first line will do after a paragraph cut off by a word, not a mark)
    cut = is_han(a.flat[-1])
    return (c.flat[0] in "）)”’》」』】，。、；：？！" or opened and closes or _runs_on(c, measure)
            or cut and bool(measure) and len(c.lines) >= 2 and fits_unindented(c.lines[0], measure))
