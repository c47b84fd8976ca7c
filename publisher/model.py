"""The document model every output renders from: a page, its credits and its stories.

Plain typed data, no markup. Text is the repaired text; ``breaks`` are the offsets
into that text where the printed line ended in the source (empty when unknown).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Text:
    """A run of text and the places where the printed page broke its lines."""

    text: str
    breaks: tuple[int, ...] = ()

    def lines(self) -> list[str]:
        """The text cut at its recorded line breaks."""
        cuts = (0, *self.breaks, len(self.text))
        return [self.text[a:b] for a, b in zip(cuts, cuts[1:])]


@dataclass(frozen=True)
class Block:
    """One body block of a story: a paragraph or an intertitle (小标题). A paragraph may be an
    editor's note (编者按, ``role`` "note") or a jump line (``（下转第二版）``, ``role`` "jump")."""

    type: Literal["paragraph", "intertitle"]
    text: str
    breaks: tuple[int, ...] = ()
    role: Literal["note", "jump"] | None = None

    def lines(self) -> list[str]:
        return Text(self.text, self.breaks).lines()


@dataclass(frozen=True)
class SourceLine:
    """A block of the source as read, by its 1-based line number, and the role it was given."""

    line: int
    role: str
    text: str


@dataclass(frozen=True)
class Credit:
    """A folio credit such as 编辑 李娜: the role as printed and the person."""

    role: str
    name: str


@dataclass(frozen=True)
class Repair:
    """One change made to the text as read; ``line``/``column`` are 1-based in the decoded source."""

    kind: str
    line: int
    column: int
    before: str
    after: str


@dataclass(frozen=True)
class Byline:
    """A credit line as printed: ``本报记者 张丽清`` under the headline (leading) or ``李倩`` at the end."""

    text: str
    position: Literal["leading", "trailing"]


@dataclass(frozen=True)
class Region:
    """A rectangle on the original page, in the OCR engine's page coordinates (y grows downwards)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def union(self, other: "Region") -> "Region":
        return Region(min(self.x0, other.x0), min(self.y0, other.y0), max(self.x1, other.x1), max(self.y1, other.y1))


@dataclass(frozen=True)
class Geometry:
    """What the OCR file says of the original page: its size in the engine's units (None:
    unknown, the stories' extent stands in) and the page image (a path, resolved against the OCR
    file, or given with ``--image``)."""

    size: tuple[float, float] | None = None
    image: str | None = None


@dataclass(frozen=True)
class Story:
    kind: Literal["article", "photo"]
    headline: Text
    kicker: Text | None = None
    subheadline: Text | None = None
    dateline: str | None = None
    bylines: tuple[Byline, ...] = ()
    body: tuple[Block, ...] = ()
    caption: Text | None = None
    image: str | None = None
    box: Region | None = None  # where the story sat on the original page (OCR with geometry)
    photo_box: Region | None = None  # its illustration's region there, cut from ``image`` when that is the page image

    @property
    def byline(self) -> str | None:
        """All credit lines as one string (leading first), or None."""
        return " ".join(b.text for b in self.bylines) or None

    @property
    def byline_position(self) -> str | None:
        return self.bylines[0].position if self.bylines else None

    def text(self) -> str:
        """All the story's text in reading order (for checks and search)."""
        parts = [self.kicker, self.headline, self.subheadline]
        out = [p.text for p in parts if p]
        out += [b.text for b in self.bylines if b.position == "leading"]
        if self.dateline:
            out.append(self.dateline)
        out += [b.text for b in self.body]
        if self.caption:
            out.append(self.caption.text)
        out += [b.text for b in self.bylines if b.position == "trailing"]
        return "".join(out)


@dataclass(frozen=True)
class FolioField:
    """One ruled field of the folio as printed, with what it was read as."""

    text: str
    credits: tuple[Credit, ...] = ()
    url: str | None = None
    url_label: str | None = None  # ``网址`` in ``网址:www.nmgsb.com.cn``
    date: str | None = None  # ISO date, when the field prints one
    page: str | None = None  # the page number, when the field is one (``第5版`` → ``5``)


@dataclass(frozen=True)
class Folio:
    """The folio line (版头/页眉) as printed: its fields in order, and what they say."""

    fields: tuple[FolioField, ...] = ()
    raw: str = ""

    @property
    def credits(self) -> tuple[Credit, ...]:
        return tuple(c for f in self.fields for c in f.credits)

    @property
    def url(self) -> str | None:
        return next((f.url for f in self.fields if f.url), None)

    @property
    def date(self) -> str | None:
        return next((f.date for f in self.fields if f.date), None)

    @property
    def page(self) -> str | None:
        return next((f.page for f in self.fields if f.page), None)


def page_label(page: str) -> str:
    """How a page number reads: ``5`` → ``第5版``, ``A05`` → ``A05版``; other text as it is."""
    if re.fullmatch(r"\d{1,3}", page):
        return f"第{page}版"
    return f"{page}版" if re.fullmatch(r"[A-Z]\d{1,3}", page) else page


def is_w3c_date(value: str | None) -> bool:
    """``2020``, ``2020-03`` or ``2020-03-03``."""
    return bool(value) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value) is not None


def date_label(value: str) -> str:
    """``2020-03-03`` → ``2020年3月3日``, ``2020-03`` → ``2020年3月``; other text as it is."""
    if not is_w3c_date(value):
        return value
    parts = [int(p) for p in value.split("-")]
    return "".join(f"{n}{unit}" for n, unit in zip(parts, "年月日"))


@dataclass(frozen=True)
class Metadata:
    """What the text cannot say about itself (from the sidecar file or the command line)."""

    paper: str | None = None
    paper_latin: str | None = None
    url: str | None = None
    date: str | None = None
    period: str | None = None
    page: str | None = None
    language: str | None = None  # BCP 47; detected from the text when not given
    title: str | None = None
    roles: tuple[tuple[int, str], ...] = ()  # the user's roles by source line ([roles] in PAGE.toml)
    photos: tuple[tuple[str, str], ...] = ()  # story (headline or number) → image file ([photos])

    @property
    def when(self) -> str | None:
        """The page's date, else its period when that is a W3C date (``2020-03``), else None."""
        return next((v for v in (self.date, self.period) if is_w3c_date(v)), None)


@dataclass(frozen=True)
class Page:
    source_name: str
    folio: Folio
    stories: tuple[Story, ...]
    measure_em: float | None
    metadata: Metadata = field(default_factory=Metadata)
    repairs: tuple[Repair, ...] = ()
    encoding: str = "utf-8"
    lines: tuple[SourceLine, ...] = ()  # every block's role (``inspect --blocks``)
    doubts: tuple[str, ...] = ()  # the decisions the reading rules were least sure of
    format: str = "lines"  # the input format it was read from (hocr, alto, paddle, tesseract, lines)
    geometry: Geometry | None = None  # the original page, when the format records positions

    @property
    def credits(self) -> tuple[Credit, ...]:
        return self.folio.credits

    def title(self) -> str:
        """A human title: metadata title, else paper + date/page, else the first headline."""
        m = self.metadata
        if m.title:
            return m.title
        page = page_label(m.page) if m.page else None
        where = " ".join(p for p in (m.date or m.period, page) if p)
        if m.paper:
            return f"{m.paper} {where}".strip()
        headline = next((s.headline.text for s in self.stories if s.headline.text), "")
        return f"{headline} — {where}" if where and headline else headline or where or self.source_name

    def to_dict(self) -> dict:
        """The ``inspect --json`` shape: absent values are ``None``; text is repaired text."""

        def text(t: Text | None):
            return t.text if t else None

        metadata = asdict(self.metadata)
        metadata["roles"] = {str(line): role for line, role in self.metadata.roles}
        metadata["photos"] = dict(self.metadata.photos)
        return {
            "source": self.source_name,
            "encoding": self.encoding,
            "format": self.format,
            "geometry": {"size": list(self.geometry.size) if self.geometry.size else None,
                         "image": self.geometry.image} if self.geometry else None,
            "metadata": metadata,
            "credits": [asdict(c) for c in self.folio.credits],
            "url": self.folio.url,
            "folio": [f.text for f in self.folio.fields],
            "measure_em": self.measure_em,
            "stories": [
                {
                    "kind": s.kind,
                    "kicker": text(s.kicker),
                    "headline": s.headline.text,
                    "subheadline": text(s.subheadline),
                    "dateline": s.dateline,
                    "byline": s.byline,
                    "byline_position": s.byline_position,
                    "bylines": [asdict(b) for b in s.bylines],
                    "body": [{"type": b.type, "text": b.text, "breaks": list(b.breaks),
                              **({"role": b.role} if b.role else {})} for b in s.body],
                    "caption": text(s.caption),
                    "image": s.image,
                    "box": asdict(s.box) if s.box else None,
                    "photo_box": asdict(s.photo_box) if s.photo_box else None,
                }
                for s in self.stories
            ],
            "repairs": [asdict(r) for r in self.repairs],
            "blocks": [asdict(b) for b in self.lines],
            "doubts": list(self.doubts),
        }
