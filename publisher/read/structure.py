"""Recover the stories of a page from its blocks of text.

The OCR gives a flat list of blocks, one per source line. Three steps make stories of them:
``paragraphs`` joins the blocks a column end cut apart, ``roles`` gives every block its role
in one walk down the page, and ``assemble`` (here) groups the roles into stories in page
order. Decisions rest on the shape of the text — punctuation, length against the column
measure, person names, the order of blocks — never on the words of a particular page
(``blocks`` says what each shape means). A role the user gives by source line wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Block, Byline, SourceLine, Story, Text
from ..chars import han_count, width_em
from .blocks import Piece, dateline
from .interleaved import reopen_lone_intertitles
from .names import merge_split_names, parse_byline
from .paragraphs import join_cut_paragraphs
from .repair import close_spaces
from .roles import Decision, read_roles
from .runs import RepairLog, Run


@dataclass
class Recovered:
    stories: list[Story]
    lines: list[SourceLine]  # every block's role, by source line
    doubts: list[str]  # the decisions the rules were least sure of
    spans: list[list[tuple[int, int]]] = field(default_factory=list)  # per story: source offsets of its blocks


def recover_stories(runs: list[Run], measure: float | None, log: RepairLog, repair: bool = True,
                    roles: dict[int, str] | None = None, strays: bool = False, late: bool = False,
                    sizes: dict[int, float] | None = None, rows: tuple[int, ...] = ()) -> Recovered:
    """Stories in page order. With ``repair`` off, text stays exactly as read (spaces, splits and all).

    ``roles``: the user's roles by 1-based source line; they win over every rule. ``strays``:
    headline pieces found inside a cut paragraph go back to their headline; ``late``: the reading
    order of Tesseract's plain text, where a headline read after its story's first column goes
    back to the story's opening, and a row of headlines read across goes to the stories under it
    in turn (the only repairs that move text), and a story may be read inside another's columns.
    ``sizes``: source lines' type sizes in body sizes,
    measured on the page (OCR with geometry): they tell headlines from text (``roles``,
    ``join_cut_paragraphs``). ``rows``: per source line (0-based), the OCR file line it was read
    from (an engine that reads a row of columns as one line gives several blocks one row: they
    stand side by side).
    """
    forced = dict(roles or {})
    row_of = dict(enumerate(rows, 1))
    pieces = [Piece(r, log.line_of(r.start)) for r in runs]
    for p in pieces:
        p.row = row_of.get(p.line, 0)
    joined = (join_cut_paragraphs(pieces, measure, log, forced, strays, late, sizes or {}) if repair
              else _forced_joins(pieces, log, forced))
    kept = [p for p in joined if forced.get(p.line) != "drop"]
    for p in joined:
        if forced.get(p.line) == "drop":
            log.add("dropped-line", p.run.start, log.as_read(p.run), "")
    decisions = read_roles(kept, measure, forced, sizes or {})
    if late and not sizes:
        reopen_lone_intertitles(kept, decisions, measure)
    assembler = _Assembler(log, repair, rows_read_across=late)
    stories = assembler.assemble(kept, decisions)
    lines = _source_lines(pieces, joined, kept, decisions, log, forced)
    return Recovered(stories, lines, [d.unsure for d in decisions if d.unsure], assembler.spans)


def _segments(origin: tuple[int, ...]) -> list[tuple[int, int]]:
    """The stretches of consecutive source offsets a run was made from (a joined paragraph has several)."""
    out: list[tuple[int, int]] = []
    for o in origin:
        if out and o == out[-1][1] + 1:
            out[-1] = (out[-1][0], o)
        else:
            out.append((o, o))
    return out


def _forced_joins(pieces: list[Piece], log: RepairLog, forced: dict[int, str]) -> list[Piece]:
    """Without repairs only the user's ``continues`` joins blocks."""
    return join_cut_paragraphs(pieces, None, log, {**{p.line: "paragraph" for p in pieces}, **forced})


def _source_lines(pieces, joined, kept, decisions, log, forced) -> list[SourceLine]:
    role_of = {id(p): d.role for p, d in zip(kept, decisions)}
    firsts = {p.line for p in joined}
    out = []
    for p in pieces:
        if p.line not in firsts:
            role = "continues"
        elif forced.get(p.line) == "drop":
            role = "drop"
        else:
            role = next(role_of[id(q)] for q in joined if q.line == p.line)
        out.append(SourceLine(p.line, role, log.as_read(p.run)))
    return out


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
    spans: list[tuple[int, int]] = field(default_factory=list)  # source offsets of its blocks
    head_spans: list[tuple[int, int]] = field(default_factory=list)  # … of its headings
    row: int = 0  # the OCR line its opening heading was read from (0: not known)

    def headed(self) -> bool:
        return bool(self.headline or self.kicker or self.subheadline)

    def bare(self) -> bool:
        """Headings and nothing else."""
        return (self.headed() and self.kind == "article" and not self.body and not self.bylines
                and self.dateline is None and self.caption is None)

    def take_text(self, other: _Draft) -> None:
        """``other``'s text (all but its headings) becomes this draft's."""
        self.dateline, self.bylines, self.body, self.spans = other.dateline, other.bylines, other.body, other.spans
        other.dateline, other.bylines, other.body, other.spans = None, [], [], []

    def take_headings(self, other: _Draft) -> None:
        """``other``'s headings become this (headless) draft's."""
        self.kicker, self.headline, self.subheadline = other.kicker, other.headline, other.subheadline
        self.head_spans = other.head_spans
        other.kicker = other.headline = other.subheadline = None
        other.head_spans = []

    def story(self) -> Story:
        return Story(kind=self.kind, headline=self.headline or Text(""), kicker=self.kicker,  # type: ignore[arg-type]
                     subheadline=self.subheadline, dateline=self.dateline, bylines=tuple(self.bylines),
                     body=tuple(self.body), caption=self.caption)


class _Assembler:
    """Groups blocks with their roles into stories."""

    def __init__(self, log: RepairLog, repair: bool, rows_read_across: bool = False):
        self.log, self.repair, self.rows_read_across = log, repair, rows_read_across
        self.drafts: list[_Draft] = []
        self.spans: list[list[tuple[int, int]]] = []

    def assemble(self, pieces: list[Piece], decisions: list[Decision]) -> list[Story]:
        for p, d in zip(pieces, decisions):
            if d.opens or not self.drafts:
                if not (self.drafts and d.role == "headline" and self._only_kicker()):
                    self.drafts.append(_Draft(row=p.row if d.role in _HEADINGS else 0))
            draft = self.drafts[-1]
            (draft.head_spans if d.role in _HEADINGS else draft.spans).extend(_segments(p.run.origin))
            self._add(draft, p, d)
        if self.repair and self.rows_read_across:
            _row_of_headlines(self.drafts, self.log)
        kept = [d for d in self.drafts if d.headline or d.body or d.caption]
        self.spans = [sorted(d.head_spans + d.spans) for d in kept]
        return [d.story() for d in kept]

    def _only_kicker(self) -> bool:
        last = self.drafts[-1]
        return last.kicker is not None and last.headline is None and not last.body

    def _add(self, draft: _Draft, p: Piece, d: Decision) -> None:
        text = lambda: self._text(p.run)  # noqa: E731
        if d.role == "headline" and not d.opens and draft.headline is not None:
            draft.headline = _joined(draft.headline, text())  # a piece the OCR put after the text
        elif d.role in ("headline", "photo"):
            t = text()
            parts = _split_kicker(t) if self.repair and draft.kicker is None and d.role == "headline" else [t]
            if len(parts) == 2 and parts[1].text.startswith(("—", "－")):
                draft.headline, draft.subheadline = parts
            elif len(parts) == 2:
                draft.kicker, draft.headline = parts
            else:
                draft.headline = t
            draft.kind = "photo" if d.role == "photo" else draft.kind
        elif d.role == "kicker":
            draft.kicker = _joined(draft.kicker, text())
        elif d.role == "subheadline":
            draft.subheadline = _joined(draft.subheadline, text())
        elif d.role == "caption":
            draft.caption = _joined(draft.caption, text())
        elif d.role == "byline":
            self._byline(draft, p)
        elif d.role == "intertitle":
            draft.body.append(_block("intertitle", text()))
        elif d.role == "dateline" and not draft.body:
            draft.dateline = _tidy_dateline(p.run.text) if self.repair else p.run.text
        else:  # paragraph, note, jump, or a dateline inside the body
            self._paragraph(draft, p, d)

    def _byline(self, draft: _Draft, p: Piece) -> None:
        text = parse_byline(p.run.text) if self.repair else p.run.text
        if text is None:  # a name no list holds (a pen name): its spaces are line-break damage
            text = "".join(merge_split_names(p.run.text.split()))
        raw = re.sub(r"\s+", " ", p.run.text.strip())
        if raw != text:
            self.log.add("byline-name", p.run.start, raw, text)
        position = "trailing" if draft.body or draft.caption else "leading"
        draft.bylines.append(Byline(text, position))  # type: ignore[arg-type]

    def _paragraph(self, draft: _Draft, p: Piece, d: Decision) -> None:
        run = p.run
        glued = heading = None
        if d.glued is not None and self.repair:
            run, glued = run[: d.glued].strip(), run[d.glued :].strip()
        if d.glued_heading is not None and self.repair:
            run, heading = run[: d.glued_heading].strip(), run[d.glued_heading :].strip()
        role = d.role if d.role in ("note", "jump") else None
        if role is None and not draft.body and draft.dateline is None:
            m = dateline(run.text)
            if m:
                draft.dateline = _tidy_dateline(m.group()) if self.repair else m.group()
                run = run[m.end():].strip()
        t = self._text(run)
        draft.body.append(Block("paragraph", t.text, t.breaks, role))
        if glued is not None:
            self._glued(draft, glued)
        if heading is not None:  # the next story, its headline run onto this paragraph's block
            self.log.add("glued-headline", heading.start, re.sub(r"\s+", " ", heading.text), "")
            self.drafts.append(_Draft(headline=self._text(heading)))

    def _glued(self, draft: _Draft, run: Run) -> None:
        """``…日均新增近千户。 曹桢``: the name after the last sentence is the story's byline."""
        raw = re.sub(r"\s+", " ", run.text)
        text = parse_byline(run.text) or re.sub(r"\s+", "", run.text)
        self.log.add("glued-byline", run.start, raw, text)
        draft.bylines.append(Byline(text, "trailing"))

    def _text(self, run: Run) -> Text:
        return close_spaces(run, self.log) if self.repair else Text(run.text)


_HEADINGS = ("headline", "kicker", "subheadline")


def _row_of_headlines(drafts: list[_Draft], log: RepairLog) -> None:
    """Headlines printed side by side, each over its own story's column, that an engine read as one
    line across the gutters (Tesseract's plain text: the row of headlines, then each column's text
    down in turn). The text under the row is its first headline's; the stories after it that have
    no headline take the others, in order. A row whose last headline has no text under it (a
    heading of its own follows) is left as read."""
    i = 0
    while i < len(drafts):
        j = i
        while (j + 1 < len(drafts) and drafts[i].row and drafts[j + 1].row == drafts[i].row
               and drafts[j].bare() and drafts[j + 1].headed()):
            j += 1
        row, i = drafts[i:j + 1], j + 1
        if len(row) < 2 or row[-1].kind != "article" or not _text_of_its_own(row[-1]):
            continue
        row[0].take_text(row[-1])
        headless = (d for d in drafts[i:] if not d.headed() and d.kind == "article" and _text_of_its_own(d))
        for heads, story in zip(row, (row[0], *headless)):
            heading = "".join(t.text for t in (heads.kicker, heads.headline, heads.subheadline) if t)
            log.add("row-headline", heads.head_spans[0][0], heading, heading)
            if story is not heads:
                story.take_headings(heads)


def _text_of_its_own(d: _Draft) -> bool:
    """Body text, not specks of ink an engine read as characters (``尊``, ``-和``)."""
    return any(han_count(b.text) >= 4 for b in d.body)


def _joined(before: Text | None, more: Text) -> Text:
    """A second block given the same role (by the user, say) follows the first: nothing dropped."""
    if before is None:
        return more
    return Text(before.text + more.text, (*before.breaks, len(before.text), *(b + len(before.text) for b in more.breaks)))


def _block(kind: str, t: Text) -> Block:
    return Block(kind, t.text, t.breaks)  # type: ignore[arg-type]


_ROLE_END = re.compile(r"(?:记者|記者|通讯员|通訊員|实习生|實習生|摄影|攝影)$")


def _tidy_dateline(text: str) -> str:
    """``本报讯(记者 张鑫 )`` → ``本报讯（记者 张鑫）``; ``（记者于 海生）`` → ``（记者于海生）``.

    A space stays only where it was printed: after a role word, before a name.
    """
    text = re.sub(r"\s*([（）()：:])\s*", r"\1", text.strip())
    parts = text.split()
    out = parts[0] if parts else ""
    for part in parts[1:]:
        out += (" " if _ROLE_END.search(out) else "") + part
    return out


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
