"""Recover the stories of a page from its blocks of text.

The OCR gives a flat list of blocks (one per source line). This module decides which
blocks continue one another (a paragraph cut by a column end), which are headlines,
kickers, intertitles, bylines, datelines and photo captions, and groups them into
stories in page order. Decisions rest on the shape of the text — punctuation, length
against the column measure, person names, the order of blocks — never on the words of
a particular page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..chars import CLOSING, OPENING, PAUSE, TERMINAL, is_han, width_em
from ..model import Block, Byline, Story, Text
from .measure import fits_indented, fits_unindented
from .names import parse_byline
from .repair import close_spaces, printed_lines
from .runs import RepairLog, Run

DATELINE = re.compile(
    r"^(?:据|據)?(?:本报|本報|本刊|本台|本网|本網|[\u4e00-\u9fff]{1,8}?(?:社|网|網|台|日报|日報|晚报|晚報|时报|時報|商报|商報|早报|早報|报|報))"
    r"[\u4e00-\u9fff\d]{0,12}?[讯訊电電](?:\s*[（(][^（）()\n]{1,30}[）)])?"
)
CAPTION_CUE = re.compile(r"^\d{1,2}月\d{1,2}日|图为|圖為|[摄攝][）)]?$|供图|供圖|资料图|資料圖|新华社发|新華社發|图片来源|[（(][图圖]")
# How a news story's first paragraph (the lede) usually opens: a new story starts here.
LEDE = re.compile(
    r"^(?:记者|記者|本报|本報|\d{1,2}月\d{1,2}日[，,]|近日[，,]|日前[，,]|昨[天日][，,]"
    r"|[^，。,]{0,16}(?:获悉|獲悉|了解到|瞭解到|宣布|宣佈|透露|公布|公佈|发布|發佈|召开|召開|举行|舉行)[，,])"
)
HEADING_MAX = 40  # characters: longer blocks are text, not headings
DEFAULT_INTERTITLE_MAX = 16.0  # em, when the measure is unknown


@dataclass
class Piece:
    """One block of the page while its role is being decided."""

    run: Run
    lines: list[str] = field(init=False)
    flat: str = field(init=False)
    byline: str | None = field(init=False)  # what it reads as, if it is a byline

    def __post_init__(self):
        self.refresh()

    def refresh(self):
        self.lines = printed_lines(self.run)
        self.flat = "".join(self.lines)
        self.byline = parse_byline(self.run.text) if len(self.flat) <= 40 else None


def recover_stories(runs: list[Run], measure: float | None, log: RepairLog, repair: bool = True) -> list[Story]:
    """Stories in page order. With ``repair`` off, text stays exactly as read (spaces, splits and all)."""
    pieces = [Piece(r) for r in runs]
    if repair:
        pieces = _join_split_paragraphs(pieces, measure, log)
    kinds = [_kind(p, measure) for p in pieces]
    return _Assembler(pieces, kinds, measure, log, repair).stories()


# ----------------------------------------------------------------- classification


def _heading_shaped(p: Piece, measure: float | None) -> bool:
    t = p.flat
    if not t or len(t) > HEADING_MAX or "。" in t[:-1] or t[-1] in PAUSE or t[-1] == "。":
        return False
    if sum(t.count(c) for c in "，、；") > 2:
        return False
    if "，" in t and is_han(t[-1]) and width_em(t) > 1.5 * (measure or DEFAULT_INTERTITLE_MAX):
        return False  # an unfinished clause-bearing run longer than a column line and a half: text
    if measure and len(p.lines) >= 3 and any(fits_unindented(l, measure) for l in p.lines[1:-1]):
        return False  # it has full body-text lines: a paragraph
    return True


def _kind(p: Piece, measure: float | None) -> str:
    if p.byline:
        return "byline"
    return "heading" if _heading_shaped(p, measure) else "para"


def _continues(a: Piece, b: Piece, measure: float | None, after_text: bool) -> bool:
    """Does block ``b`` continue the paragraph ``a`` across a column end?

    ``after_text``: the block before ``a`` is body text (so ``a`` is not a story's headline).
    """
    at, bt = a.flat, b.flat
    if not at or not bt or at[-1] in TERMINAL or bt[0] in OPENING:
        return False
    if DATELINE.match(b.run.text) or LEDE.match(bt):
        return False
    if a.byline or b.byline or _heading_shaped(b, measure):
        return False
    if at[-1] in "，、," or bt[0] in CLOSING:
        return True  # a paragraph never ends on a comma nor starts with one (；and ： may end list items)
    if measure and len(b.lines) >= 2:
        if fits_unindented(b.lines[0], measure) and not fits_indented(b.lines[0], measure):
            return True  # b's first line fills the column with no indent
        if fits_indented(b.lines[0], measure):
            return False
    if _heading_shaped(a, measure):
        # a lone full first line (indent + text = measure) is a paragraph cut after one line
        return after_text and bool(measure) and len(a.lines) == 1 and fits_indented(a.lines[0], measure)
    head, tail = _first_clause(bt), _last_clause(at)
    if not (is_han(bt[0]) and is_han(at[-1])):
        return False
    # a clause cut in two: one side too short to stand as a clause
    return len(head) <= 1 or (len(head) <= 4 and len(tail) <= 4)


def _first_clause(t: str) -> str:
    m = re.search(r"[，。、；：？！,.;:?!“”（）]", t)
    return t[: m.start()] if m else t


def _last_clause(t: str) -> str:
    m = list(re.finditer(r"[，。、；：？！,.;:?!“”（）]", t))
    return t[m[-1].end() :] if m else t


def _join_split_paragraphs(pieces: list[Piece], measure: float | None, log: RepairLog) -> list[Piece]:
    out: list[Piece] = []
    for p in pieces:
        after_text = len(out) >= 2 and _kind(out[-2], measure) == "para"
        if out and _continues(out[-1], p, measure, after_text):
            a = out[-1]
            log.add("paragraph-join", p.run.start, a.flat[-4:] + "¶" + p.flat[:4], a.flat[-4:] + p.flat[:4])
            # the join is where the printed column ended: a synthetic space (origin -1) marks that
            # line break for close_spaces, which records it without logging it again
            a.run = a.run + Run(" ", (-1,)) + p.run
            a.refresh()
        else:
            out.append(p)
    return out


# ----------------------------------------------------------------- assembly


@dataclass
class _Draft:
    kind: str = "article"
    headline: Text | None = None
    kicker: Text | None = None
    subheadline: Text | None = None
    dateline: str | None = None
    bylines: list[Byline] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    caption: Text | None = None

    def story(self) -> Story:
        return Story(
            kind=self.kind,  # type: ignore[arg-type]
            headline=self.headline or Text(""),
            kicker=self.kicker,
            subheadline=self.subheadline,
            dateline=self.dateline,
            bylines=tuple(self.bylines),
            body=tuple(self.body),
            caption=self.caption,
        )


class _Assembler:
    """Walks the classified blocks once, in page order, opening and closing stories."""

    def __init__(self, pieces: list[Piece], kinds: list[str], measure: float | None, log: RepairLog, repair: bool):
        self.p, self.k, self.measure, self.log, self.repair = pieces, kinds, measure, log, repair
        self.done: list[_Draft] = []
        self.cur: _Draft | None = None
        self.closed = True

    def stories(self) -> list[Story]:
        i, n = 0, len(self.p)
        while i < n:
            kind = self.k[i]
            nxt = self.k[i + 1] if i + 1 < n else None
            if kind == "byline" and self._byline(i, nxt):
                i += 1
            elif kind in ("heading", "byline"):
                i = self._heading(i)
            else:
                self._paragraph(i)
                i += 1
        self._close()
        return [d.story() for d in self.done if d.headline or d.body or d.caption]

    # -- blocks

    def _byline(self, i: int, nxt: str | None) -> bool:
        """A byline block: leading (right after the headline) or trailing (at the story's end)."""
        cur = self.cur
        if cur is None:
            return False
        text = parse_byline(self.p[i].run.text) if self.repair else self.p[i].run.text
        trailing = [b for b in cur.bylines if b.position == "trailing"]
        if self.closed:
            # credit lines right after a story ended: a second credit line, or a photo's credit
            more = self.k[i - 1] == "byline" and trailing
            if not (more or cur.kind == "photo" and not cur.bylines):
                return False
            cur.bylines.append(Byline(text, "trailing"))
        elif not cur.body and cur.headline and not cur.bylines:
            cur.bylines.append(Byline(text, "leading"))
        elif cur.body and nxt in (None, "heading", "byline"):
            cur.bylines.append(Byline(text, "trailing"))
            self.closed = True
        else:
            return False
        self._log_byline(i, text)
        return True

    def _log_byline(self, i: int, text: str | None) -> None:
        raw = re.sub(r"\s+", " ", self.p[i].run.text)
        if text and raw != text:
            self.log.add("byline-name", self.p[i].run.start, raw, text)

    def _heading(self, i: int) -> int:
        """Open a story at the heading group starting at ``i``, or add an intertitle; returns next index."""
        j = i
        while j < len(self.p) and self.k[j] == "heading" and j - i < 3:
            j += 1
        if j == i:  # a lone name-like block that is not a byline here: a heading
            j = i + 1
        group = self.p[i:j]
        after = self.k[j] if j < len(self.p) else None
        photo = self._is_photo(j)
        if self.cur is not None and not self.closed and not photo and not self._starts_story(i, j, after):
            self.cur.body.append(self._block("intertitle", self.p[i]))
            return i + 1
        self._close()
        draft = _Draft()
        self._headings(draft, group)
        self.cur, self.closed = draft, False
        if photo:
            cap = self.p[j]
            draft.kind, draft.caption = "photo", self._text(cap.run)
            self._close()
            return j + 1
        return j

    def _starts_story(self, i: int, j: int, after: str | None) -> bool:
        if j - i >= 2 or after == "byline":
            return True
        if after == "para" and (DATELINE.match(self.p[j].run.text) or LEDE.match(self.p[j].flat)):
            return True
        widest = max(width_em(p.flat) for p in self.p[i:j])
        return widest > (self.measure or DEFAULT_INTERTITLE_MAX)  # an intertitle fits one column line

    def _is_photo(self, j: int) -> bool:
        """A title then one caption-like paragraph then a new heading (or the page end)."""
        if j >= len(self.p) or self.k[j] != "para":
            return False
        nxt = self.k[j + 1] if j + 1 < len(self.p) else None
        text = self.p[j].run.text
        return nxt in (None, "heading") and not DATELINE.match(text) and bool(CAPTION_CUE.search(text.strip()))

    def _paragraph(self, i: int) -> None:
        if self.cur is None or self.closed:
            self._close()
            self.cur, self.closed = _Draft(), False  # text with no headline (continued from elsewhere)
        run = self.p[i].run
        cur = self.cur
        if not cur.body and cur.dateline is None:
            m = DATELINE.match(run.text)
            if m:
                cur.dateline = _tidy_dateline(m.group()) if self.repair else m.group()
                run = run[m.end() :].strip()
        cur.body.append(Block("paragraph", *_text_fields(self._text(run))))

    def _headings(self, draft: _Draft, group: list[Piece]) -> None:
        """Kicker (引题), headline (主题) and subheadline (副题) from up to three heading blocks, in order.

        Of two blocks, the second is the subheadline when it opens with a dash; otherwise a
        narrower first block is the kicker. Three blocks are kicker, headline, subheadline.
        """
        texts = [self._text(p.run) for p in group]
        if len(texts) == 1 and self.repair:
            texts = _split_kicker(texts[0])
        if len(texts) == 3:
            draft.kicker, draft.headline, draft.subheadline = texts
        elif len(texts) == 2:
            first, second = texts
            if not second.text.startswith(("—", "－", "-")) and width_em(first.text) < width_em(second.text):
                draft.kicker, draft.headline = first, second
            else:
                draft.headline, draft.subheadline = first, second
        else:
            draft.headline = texts[0]

    def _block(self, type_: str, p: Piece) -> Block:
        return Block(type_, *_text_fields(self._text(p.run)))  # type: ignore[arg-type]

    def _text(self, run: Run) -> Text:
        return close_spaces(run, self.log) if self.repair else Text(run.text)

    def _close(self) -> None:
        cur = self.cur
        if cur is None:
            return
        if self.repair and not any(b.position == "trailing" for b in cur.bylines) and cur.body and cur.body[-1].type == "paragraph":
            _unglue_byline(cur, self.log)
        if not any(d is cur for d in self.done[-1:]):
            self.done.append(cur)
        self.closed = True


def _tidy_dateline(text: str) -> str:
    """``本报讯(记者 张鑫 )`` → ``本报讯（记者 张鑫）``: spaces only between role and name."""
    text = re.sub(r"\s*([（）()])\s*", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _text_fields(t: Text) -> tuple[str, tuple[int, ...]]:
    return t.text, t.breaks


def _split_kicker(t: Text) -> list[Text]:
    """``停课不停学 内蒙古中小学2日起线上开课``: a short part before a much longer one is a kicker.

    Otherwise the break is just where a long headline wrapped, and stays a line break.
    """
    if not t.breaks:
        return [t]
    cut = t.breaks[0]
    first, rest = t.text[:cut], t.text[cut:]
    if rest.startswith(("—", "－")) or width_em(first) * 2 <= width_em(rest):
        return [Text(first), Text(rest, tuple(b - cut for b in t.breaks[1:]))]
    return [t]


_GLUED = re.compile(r"(?<=[。！？”…])\s+(?P<by>[^\s。，].{0,30})$|(?<=[。！？”…])(?P<paren>[（(][^（）()]{2,30}[）)])$")


def _unglue_byline(draft: _Draft, log: RepairLog) -> None:
    """``…日均新增近千户。 曹桢``: a name after the last sentence is the story's byline."""
    last = draft.body[-1]
    # the space was removed as Han spacing; the break list remembers where a line ended
    for cut in reversed(last.breaks or ()):
        tail = last.text[cut:]
        if last.text[cut - 1 : cut] in "。！？”…" and parse_byline(tail):
            break
    else:
        m = _GLUED.search(last.text)
        if not m or not parse_byline(m.group("by") or m.group("paren")):
            return
        cut = m.start("by") if m.group("by") else m.start("paren")
        tail = last.text[cut:]
    draft.bylines.append(Byline(parse_byline(tail) or tail, "trailing"))
    draft.body[-1] = Block(last.type, last.text[:cut], tuple(b for b in last.breaks if b < cut))
