"""The role of every block, decided in one walk down the page.

The walk knows where it stands in the story being read (``Stage``), and each block's role
follows from its shape, that stage, and what comes next:

- a heading opens a story when no story is open or the last one is signed off (its trailing
  byline read), when it is followed by a dateline, a lede or a leading byline, when it is one
  of several stacked headings, or when it is wider than a column line; otherwise it is an
  intertitle of the open story (and the decision is noted as unsure; ``interleaved`` may
  make a story's only such intertitle a headline);
- a credit line right under a story's headings is its leading byline; after body text, and
  followed by a heading or the page end, it is the trailing byline that signs the story off;
- a heading followed by one caption-like paragraph and then a heading is a photo story.

Where the page's geometry measured the type (OCR with geometry), size outranks shape: a line
in display type is a heading whatever its words, a line at the body size never opens a story
(at most an intertitle), and of stacked headings the largest is the headline.

A role the user gave (``[roles]`` in ``PAGE.toml``) wins over every rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..chars import width_em
from .names import ROLE_WORD
from .blocks import (DEFAULT_MEASURE, EDITOR_NOTE, JUMP, LEDE, Piece, caption_like, credit_line, dateline, ends_sentence,
                     glued_byline, glued_heading, heading_shaped, lone_name, misread_heading, speck)

ROLES = ("headline", "kicker", "subheadline", "byline", "dateline", "intertitle", "paragraph", "continues",
         "caption", "photo", "drop", "jump", "note")
MAX_HEADINGS = 3  # kicker, headline, subheadline
DISPLAY = 1.7  # body sizes: type this large is a headline's (intertitles are set near the body size)
BODY = 1.15  # body sizes: type no larger than this is text (or an intertitle set in bold)
SIZE_STEP = 1.15  # of stacked headings, the headline is this much larger than the others
HEADLINE_LEAST = 1.3  # body sizes: a heading this large may be a headline however short ...
_TEXT_MARKS = set("，、；：。！？,;:.!?")
SIZE_MATCH = 0.95  # ... when it is this share of a headline's size on its page, or more (sizes are measured from ink)


class Stage(Enum):
    BETWEEN = "between stories"  # nothing open: a heading opens a story
    HEADED = "headed"  # a story's headings read, its body not begun
    IN_BODY = "in the body"  # a heading here is an intertitle unless it opens a story
    SIGNED = "signed off"  # the story's trailing byline read: only more credit lines may follow


@dataclass
class Decision:
    role: str
    opens: bool = False  # this block opens a new story
    unsure: str | None = None  # why the rules were not sure, for ``inspect``
    glued: int | None = None  # paragraph: where a glued trailing byline starts (offset in run.text)
    glued_heading: int | None = None  # paragraph: where the next story's headline run onto it starts
    by_default: bool = False  # intertitle: a short line between paragraphs, taken so for want of a reason


class RoleReader:
    """Walks the blocks once; ``decisions[i]`` is block i's role."""

    def __init__(self, pieces: list[Piece], measure: float | None, forced: dict[int, str],
                 sizes: dict[int, float] | None = None):
        self.pieces, self.measure, self.forced = pieces, measure, forced
        self.sizes = sizes or {}  # source line → type size in body sizes, where measured
        self.decisions: list[Decision | None] = [None] * len(pieces)
        self.stage = Stage.BETWEEN
        self.has_body = False  # the open story has body text
        self._forced_at = {k for k, p in enumerate(pieces) if p.line in forced}
        self.signed_at_top = False  # the open story has a leading byline
        self.last_intertitle: int | None = None  # in the open story
        self._speck_at = -2  # the last speck kept apart after a signed story (those after it join it)

    def read(self) -> list[Decision]:
        i = 0
        while i < len(self.pieces):
            i = self._forced(i) if self.pieces[i].line in self.forced else self._infer(i)
        return self.decisions  # type: ignore[return-value]

    # -- what the user said

    def _forced(self, i: int) -> int:
        role = self.forced[self.pieces[i].line]
        opens = role in ("headline", "photo") and self._previous_role(i) != "kicker" or role == "kicker"
        self.decisions[i] = Decision(role, opens=opens)
        if opens:
            self._opened()
        elif role in ("paragraph", "intertitle", "caption", "jump", "note", "dateline"):
            if self.stage in (Stage.BETWEEN, Stage.SIGNED) and role != "jump":
                self.decisions[i].opens = True
            self.stage, self.has_body = Stage.IN_BODY, True
        elif role == "byline" and self.has_body:
            self.stage = Stage.SIGNED
        return i + 1

    def _previous_role(self, i: int) -> str | None:
        d = self.decisions[i - 1] if i else None
        return d.role if d else None

    # -- the rules

    def _infer(self, i: int) -> int:
        p = self.pieces[i]
        if p.stray and self.stage not in (Stage.BETWEEN, Stage.SIGNED):
            self.decisions[i] = Decision("headline")  # the rest of the open story's headline
            return i + 1
        if JUMP.match(p.flat):
            self.decisions[i] = Decision("jump")
            return i + 1
        if credit_line(p) and not self._display(p) and self._byline(i):
            return i + 1
        if speck(p) and not self._display(p) and not self._photo(i, i + 1):
            self._paragraph(i)  # (over a caption, a speck is all the engine read of a photo's title)
            return i + 1
        if self._heading(p) and not (self._body_sized(p) and self.stage != Stage.IN_BODY) or self._misread_heading(i):
            return self._headings(i)
        self._paragraph(i)
        return i + 1

    def _misread_heading(self, i: int) -> bool:
        """``misread_heading`` where a story may open (no story open, or the last signed off)."""
        after = self.pieces[i + 1] if i + 1 < len(self.pieces) else None
        return (self.stage in (Stage.BETWEEN, Stage.SIGNED) and not self._body_sized(self.pieces[i])
                and i + 1 not in self._forced_at and misread_heading(self.pieces[i], after, self.measure))

    def _display(self, p: Piece) -> bool:
        return self.sizes.get(p.line, 0.0) >= DISPLAY

    def _body_sized(self, p: Piece) -> bool:
        return 0 < self.sizes.get(p.line, 0.0) <= BODY

    def _heading(self, p: Piece) -> bool:
        if self._display(p):
            return not JUMP.match(p.flat) and not p.byline
        return heading_shaped(p, self.measure)

    def _next_opens(self, j: int) -> bool:
        """Block ``j`` is a heading, a credit line or the page end: what follows a signed story."""
        if j >= len(self.pieces) or j in self._forced_at:
            return True
        q = self.pieces[j]
        if q.stray:
            # a headline's piece read late: of the open story, which goes on under it; or, over a
            # dateline, the first piece of the next story's headline
            after = self.pieces[j + 1] if j + 1 < len(self.pieces) else None
            return after is not None and bool(dateline(after.run.text))
        if speck(q):
            return True  # specks stand where an engine read junk between stories (rules, ornaments)
        after = self.pieces[j + 1] if j + 1 < len(self.pieces) else None
        return (self._heading(q) or bool(q.byline) or bool(dateline(q.run.text))
                or not self._body_sized(q) and misread_heading(q, after, self.measure))

    def _byline(self, i: int) -> bool:
        p = self.pieces[i]
        if self.stage == Stage.HEADED and not self.has_body and p.byline:
            self.decisions[i] = Decision("byline")  # leading: 本报记者 某某 under the headline
            self.signed_at_top = True
            return True
        if self._under_intertitle(i):
            # a heading, a credit with role words, then text: a story's opening, not an intertitle
            k = i - 1
            self.decisions[k] = Decision("headline", opens=True,
                                         unsure=f"line {self.pieces[k].line}: taken as a headline, not an "
                                                "intertitle, as a credit line with role words stands under it")
            self._opened()
            self.decisions[i] = Decision("byline")
            self.signed_at_top = True
            return True
        if self._signs_headless(i):
            # no heading over it: the story's headline was read elsewhere (later, or not at all)
            self.decisions[i] = Decision("byline", opens=True, unsure=(
                f"line {p.line}: {p.flat} opens a story whose headline is not above it"))
            self._opened()
            self.signed_at_top = True
            return True
        if self.stage == Stage.IN_BODY and self.has_body and (self._next_opens(i + 1) or self._name_after_text(i)):
            unsure = None if p.byline else f"line {p.line}: {p.flat} taken as the byline above (could be a heading)"
            self.decisions[i] = Decision("byline", unsure=unsure)
            self.stage = Stage.SIGNED
            self._split_signed_twice()
            return True
        if self.stage == Stage.SIGNED and p.byline and self._next_opens(i + 1):
            self.decisions[i] = Decision("byline")  # a second credit line
            return True
        return False

    def _signs_headless(self, i: int) -> bool:
        """``i`` is a credit line with role words (本报记者 某某) where a story may open (no story
        open, or the last signed off), over its text: it leads a story whose headline is not here."""
        p = self.pieces[i]
        after = self.pieces[i + 1] if i + 1 < len(self.pieces) else None
        return (self.stage in (Stage.BETWEEN, Stage.SIGNED) and bool(p.byline) and ROLE_WORD.search(p.flat) is not None
                and after is not None and i + 1 not in self._forced_at and not credit_line(after)
                and not speck(after) and (after.stray or not self._heading(after)))

    def _under_intertitle(self, i: int) -> bool:
        """``i`` is a credit line with role words (本报记者 某某) right under the open story's last
        intertitle, over body text: inside a story a credit signs it off at its foot."""
        p = self.pieces[i]
        after = self.pieces[i + 1] if i + 1 < len(self.pieces) else None
        return (self.stage == Stage.IN_BODY and self.last_intertitle == i - 1 and bool(p.byline)
                and ROLE_WORD.search(p.flat) is not None and after is not None and i + 1 not in self._forced_at
                and not self._heading(after) and not credit_line(after))

    def _name_after_text(self, i: int) -> bool:
        """A writer's name (a known surname, no role words) alone after a paragraph's last
        sentence, over more text: the story above signed off, and the next one's headline lost
        or read elsewhere by the OCR. Two or three characters only: an intertitle is mostly a
        phrase of four or more (高速发展 reads as a name as well)."""
        p = self.pieces[i]
        before = self.pieces[i - 1] if i else None
        after = self.pieces[i + 1] if i + 1 < len(self.pieces) else None
        return (bool(p.byline) and lone_name(p) and len(p.flat) <= 3 and not ROLE_WORD.search(p.flat) and before is not None
                and ends_sentence(before.flat) and self.decisions[i - 1] is not None
                and self.decisions[i - 1].role == "paragraph" and after is not None and not self._heading(after))

    def _split_signed_twice(self) -> None:
        """A story signed at the top is not signed again at the foot: the trailing byline belongs
        to a story whose headline was taken for the last intertitle."""
        k = self.last_intertitle
        if self.signed_at_top and k is not None:
            line = self.pieces[k].line
            self.decisions[k] = Decision("headline", opens=True,
                                         unsure=f"line {line}: taken as a headline, not an intertitle, "
                                                "as the story above was already signed")
        self.signed_at_top, self.last_intertitle = False, None

    def _opened(self) -> None:
        self.stage, self.has_body = Stage.HEADED, False
        self.signed_at_top, self.last_intertitle = False, None

    def _headings(self, i: int) -> int:
        j = i
        while (j < len(self.pieces) and j - i < MAX_HEADINGS and self.pieces[j].line not in self.forced
               and self._heading(self.pieces[j])
               and not (j > i and (self.pieces[j].byline or self.pieces[j].stray or self._body_sized(self.pieces[j])
                                   or self.pieces[j - 1].beside(self.pieces[j])))):
            j += 1
        j = max(j, i + 1)
        if self._photo(i, j):
            roles = self._heading_roles(i, j)
            for k, role in zip(range(i, j), roles):
                self.decisions[k] = Decision("photo" if role == "headline" else role, opens=k == i)
            self.decisions[j] = Decision("caption")
            self.stage, self.has_body = Stage.SIGNED, True  # a photo's credit may follow
            return j + 1
        opens, unsure, by_default = self._opens_story(i, j)
        if not opens:
            self.decisions[i] = Decision("intertitle", unsure=unsure, by_default=by_default)
            self.last_intertitle = i
            return i + 1
        roles = self._heading_roles(i, j)
        for k, role in zip(range(i, j), roles):
            self.decisions[k] = Decision(role, opens=k == i)
        self._opened()
        return j

    def _heading_roles(self, i: int, j: int) -> list[str]:
        """By size where the type was measured (the largest is the headline, what stands above
        it the kicker, below it the subheadline), else by shape."""
        sizes = [self.sizes.get(self.pieces[k].line, 0.0) for k in range(i, j)]
        if j - i >= 2 and all(sizes):
            top = max(range(len(sizes)), key=sizes.__getitem__)
            if all(sizes[top] >= SIZE_STEP * s for k, s in enumerate(sizes) if k != top):
                return ["kicker" if k < top else "headline" if k == top else "subheadline" for k in range(len(sizes))]
        return _heading_roles([self.pieces[k].flat for k in range(i, j)])

    def _opens_story(self, i: int, j: int) -> tuple[bool, str | None, bool]:
        """Do headings ``i:j`` open a story; why not, if unsure; and whether an intertitle is
        only what is left (a short line between paragraphs, no rule for either)."""
        if self.stage in (Stage.BETWEEN, Stage.SIGNED) or not self.has_body:
            return True, None, False
        if self._body_sized(self.pieces[i]):
            p = self.pieces[i]
            return False, f"line {p.line}: set at the body size, taken as an intertitle", False
        if j - i >= 2 or self._display(self.pieces[i]):
            return True, None, False
        after = self.pieces[j] if j < len(self.pieces) else None
        if after is None:
            return True, None, False
        if after.byline or dateline(after.run.text) or LEDE.match(after.flat):
            return True, None, False
        if width_em(self.pieces[i].flat) > (self.measure or DEFAULT_MEASURE):
            return True, None, False  # an intertitle fits one column line
        if self._headline_sized(i):
            return True, None, False
        p = self.pieces[i]
        return False, f"line {p.line}: short line taken as an intertitle (could be a headline)", True

    def _headline_sized(self, i: int) -> bool:
        """Set as large as a headline read above on the page (and well above the body), with no
        mark of a sentence in it (a text line measured large from a tall glyph): a page
        sets its intertitles smaller than any of its headlines."""
        flat = self.pieces[i].flat
        if _TEXT_MARKS.intersection(flat) or flat[:1] in "”’）)":  # (a line opening on a closing mark goes on)
            return False
        size = self.sizes.get(self.pieces[i].line, 0.0)
        above = [self.sizes.get(q.line, 0.0) for q, d in zip(self.pieces[:i], self.decisions) if d and d.role == "headline"]
        return size >= HEADLINE_LEAST and any(above) and size >= SIZE_MATCH * min(s for s in above if s)

    def _photo(self, i: int, j: int) -> bool:
        """A title, one caption-like paragraph, then a heading or the page end."""
        if j >= len(self.pieces) or self.pieces[j].line in self.forced:
            return False
        cap = self.pieces[j]
        if self._heading(cap) or credit_line(cap) or not caption_like(cap):
            return False
        nxt = self.pieces[j + 1] if j + 1 < len(self.pieces) else None
        return nxt is None or self._heading(nxt)

    def _paragraph(self, i: int) -> None:
        p = self.pieces[i]
        role = "note" if EDITOR_NOTE.match(p.flat) else "paragraph"
        opens = self.stage in (Stage.BETWEEN, Stage.SIGNED)
        unsure = f"line {p.line}: text with no headline above it (continued from elsewhere?)" if opens else None
        decision = Decision(role, opens=opens, unsure=unsure)
        if opens and self.stage is Stage.SIGNED and speck(p):
            # a speck of ink read as text after a signed story: text of its own where it stood (no
            # text is lost or moved), which neither goes on the story nor holds the next one back
            self.decisions[i] = Decision("paragraph", opens=self._speck_at != i - 1,
                                         unsure=f"line {p.line}: a speck of text ({p.flat}) after a signed story, kept apart")
            self._speck_at = i
            return
        if opens:
            self._opened()
        self.stage, self.has_body = Stage.IN_BODY, True
        cut = glued_byline(p.run.text)
        if cut is not None and role == "paragraph" and self._next_opens(i + 1):
            decision.glued = cut
            self.stage = Stage.SIGNED
            self._split_signed_twice()
        elif role == "paragraph" and self._opens_after(i + 1) and (head := glued_heading(p.run.text)) is not None:
            decision.glued_heading = head  # the next story starts inside this block
            decision.unsure = f"line {p.line}: its last words taken as the next story's headline"
            self._opened()
        self.decisions[i] = decision

    def _opens_after(self, j: int) -> bool:
        """Block ``j`` is what only follows a headline: a leading byline with role words, or a
        dateline."""
        if j >= len(self.pieces) or j in self._forced_at:
            return False
        q = self.pieces[j]
        return bool(q.byline and ROLE_WORD.search(q.flat)) or bool(dateline(q.run.text))


def _heading_roles(texts: list[str]) -> list[str]:
    """Kicker (引题), headline (主题) and subheadline (副题) from up to three stacked headings.

    Of two, the second is the subheadline when it opens with a dash; otherwise a narrower
    first is the kicker. Three are kicker, headline, subheadline.
    """
    if len(texts) == 3:
        return ["kicker", "headline", "subheadline"]
    if len(texts) == 2:
        first, second = texts
        if not second.startswith(("—", "－", "-")) and width_em(first) < width_em(second):
            return ["kicker", "headline"]
        return ["headline", "subheadline"]
    return ["headline"]


def read_roles(pieces: list[Piece], measure: float | None, forced: dict[int, str],
               sizes: dict[int, float] | None = None) -> list[Decision]:
    return RoleReader(pieces, measure, forced, sizes).read()


__all__ = ["ROLES", "Decision", "Stage", "lone_name", "read_roles"]
