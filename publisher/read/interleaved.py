"""Stories read inside one another's columns (an engine's plain text): a story's only
intertitle is the headline of a story read there.

Intertitles divide a story into sections, so they come two or more to a story. The role walk
takes a short line between paragraphs for an intertitle when no rule says otherwise
(``Decision.by_default``). Where an engine may read one story inside another's columns, a
story's only such line is rather the headline of the story read there, when it reads as a
headline does (``_reads_as_headline``).
"""

from __future__ import annotations

from ..chars import is_han
from .blocks import Piece, ends_sentence
from .measure import fits_indented, fits_unindented
from .roles import Decision

# particles, prepositions and conjunctions a phrase does not end on: a line ending on one was cut
# from a paragraph by the column's end
_NO_PHRASE_END = set("的地得之为在和与及或对把被将从向以于其这那一个着是并而但所也都就还又很更最已让使给由因据比同跟")
_CLAUSE_MARKS = set("，、；：,;:")


def reopen_lone_intertitles(pieces: list[Piece], decisions: list[Decision], measure: float | None) -> None:
    """Each story's only intertitle taken by default that reads as a headline opens a story."""
    story: list[int] = []
    for i, d in enumerate([*decisions, Decision("headline", opens=True)]):
        if d.opens or d.glued_heading is not None:
            if len(story) == 1 and decisions[story[0]].by_default and _reads_as_headline(pieces, decisions, story[0], measure):
                k = story[0]
                decisions[k] = Decision("headline", opens=True, unsure=(
                    f"line {pieces[k].line}: taken as a headline, not an intertitle: it would be its story's only one"))
            story = []
        if d.role == "intertitle":
            story.append(i)


def _reads_as_headline(pieces: list[Piece], decisions: list[Decision], k: int, measure: float | None) -> bool:
    """A phrase of five ideographs or more, ending on no particle or preposition, standing alone
    between paragraphs: the one above finished, or the one under it beginning (its first line
    indented), and not with a figure. A line cut from a paragraph by the column's end stops
    anywhere (``资产总额为`` over ``2448亿元``); a credit, a clause or a piece of a row of columns
    read across is text; a piece of the open story's own headline read late sits inside its
    paragraph (``以色列芭蕾舞团等`` | ``落幕丁关根观看闭幕`` | ``品。``)."""
    p = pieces[k]
    t = p.flat
    if p.byline or _CLAUSE_MARKS.intersection(t) or any(p.beside(q) for q in pieces[max(0, k - 1):k + 2] if q is not p):
        return False
    j = k + 1
    while j < len(pieces) and pieces[j].stray and decisions[j].role == "headline":
        j += 1  # a piece of a headline read late goes with whichever story is open
    if j >= len(pieces) or decisions[j].role != "paragraph" or decisions[j].opens:
        return False
    before, first = pieces[k - 1] if k else None, pieces[j].lines[0]
    begins = bool(measure) and fits_indented(first, measure) and not fits_unindented(first, measure)
    if not (before is not None and ends_sentence(before.flat) or begins):
        return False
    return (sum(map(is_han, t)) >= 5 and (is_han(t[0]) or t[0] in "“《「『") and is_han(t[-1])
            and t[-1] not in _NO_PHRASE_END and not pieces[j].flat[:1].isascii())
