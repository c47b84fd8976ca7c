"""The blocks of a page and what each looks like: the evidence story recovery decides on.

A block is one source line (OCR gives a block per line). What it could be follows from how
Chinese newspapers are written and printed, never from the words of a particular page:

- a **dateline** (电头) opens a story's first paragraph: a news agency or ``本报``, a place
  and a date, ``讯`` or ``电``, and the reporters (``本报北京1月4日讯``, ``据新华社天津1月6日电
  （记者某某）``, ``本报讯记者某某报道：``); without a date only the paper's own or a national
  agency, with at most its place, may stand before ``讯``/``电`` (``本报讯``, ``新华社石家庄电``), so
  ordinary words (``合作社通电后``) are text. The date may be in Chinese numerals, and its month
  misread by the OCR (``工月``, ``月``);
- a **byline** is a credit line: role words with person names (``本报记者 某某``), or after a
  story's last paragraph any 2–4 ideographs alone on a line (a name, a pen name);
- a **heading** is short, carries no sentence end, and is not a paragraph's full lines;
- a paragraph ends at a sentence end: one that stops mid-sentence was cut at a column end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..chars import PAUSE, is_han, width_em
from .measure import fits_unindented
from .names import parse_byline
from .repair import printed_lines
from .runs import Run

_AGENCY = (r"(?:本报|本報|本刊|本台|本网|本網|新华社|新華社|中新社|中新网|中新網"
           r"|[\u4e00-\u9fff]{1,6}?(?:通讯社|通訊社|社|网|網|台|日报|日報|晚报|晚報|时报|時報|商报|商報|报|報))")
_OWN_AGENCY = r"(?:本报|本報|本刊|本台|本网|本網|新华社|新華社|中新社)"
_NUMERAL = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
# OCR misreads a month's 1 (as 工, 半, 在, 一) or drops it, and may double a day's digits: up to
# two letters or ideographs stand for the month, up to four digits for the day
_DATE = rf"(?:{_NUMERAL}|\d?[^\W\d_]{{0,2}}\d?)\s*月\s*(?:\d{{1,4}}|[一二三四五六七八九十]{{1,3}})\s*日"
_AREA = r"(?:\s*[（(][\u4e00-\u9fff]{1,8}[）)]\s*)?"  # 新华社杰里科（约旦河西岸）1月25日电
_PLACE = r"(?:(?:(?!记者|記者|通讯|通訊)[\u4e00-\u9fff]){1,6}?)"  # 新华社石家庄电: the place without a date
_REPORTERS = (r"(?:\s*[（(][^（）()\n]{1,40}[）)]"  # （记者 某某）
              r"|\s*(?:记者|記者|通讯员|通訊員)[^：:。，,\n]{1,40}?(?:报道|報道)\s*[：:])")  # 记者某某报道：
DATELINE = re.compile(
    rf"^(?:据|據)?\s*(?:{_AGENCY}[\u4e00-\u9fff\s]{{0,10}}?{_AREA}{_DATE}|{_OWN_AGENCY}{_PLACE}?)\s*[讯訊电電]"
    rf"(?:{_REPORTERS})?"
)
# How a news story's first paragraph (the lede) usually opens: evidence a new story starts here.
LEDE = re.compile(
    r"^(?:记者|記者|本报|本報|\d{1,2}月\d{1,2}日[，,]|近日[，,]|日前[，,]|昨[天日][，,]"
    r"|[^，。,]{0,16}(?:获悉|獲悉|了解到|瞭解到|宣布|宣佈|透露|公布|公佈|发布|發佈|召开|召開|举行|舉行)[，,])"
)
CAPTION_CUE = re.compile(r"^\d{1,2}月\d{1,2}日|图为|圖為|[摄攝][）)]?$|供图|供圖|资料图|資料圖|新华社发|新華社發|图片来源|[（(][图圖]")
# A jump line: the story continues on, or is continued from, another page.
JUMP = re.compile(r"^[（(]?\s*(?:下转|上接|转第|接第|下轉|上接|轉第)[^（）()]{0,12}[版页頁]\s*[）)]?$")
EDITOR_NOTE = re.compile(r"^(?:编者按|編者按|编者的话|編者的話)[：:]")
SENTENCE_END = set("。！？…!?")
CLOSERS = set("”’）》」』)")
HEADING_MAX = 40  # characters: longer blocks are text, not headings
DEFAULT_MEASURE = 16.0  # em, when the source records none


@dataclass
class Piece:
    """One block of the page (a source line, or lines joined across a column end)."""

    run: Run
    line: int = 0  # 1-based source line of its start
    lines: list[str] = field(init=False)  # its printed lines, spaces removed
    flat: str = field(init=False)
    byline: str | None = field(init=False)  # what it reads as, if it is a credit line
    stray: bool = False  # a piece of the story's headline the OCR put inside its text
    row: int = 0  # the OCR line it was read from, when known: pieces of one row stand side by side

    def __post_init__(self):
        self.refresh()

    def refresh(self):
        self.lines = printed_lines(self.run)
        self.flat = "".join(self.lines)
        self.byline = parse_byline(self.run.text) if len(self.flat) <= 40 else None

    def beside(self, other: Piece) -> bool:
        """Read from one OCR line with ``other``: side by side, two columns' lines (a row of
        headlines is several stories'), never a heading stacked over another."""
        return self.row != 0 and self.row == other.row


def dateline(text: str) -> re.Match | None:
    return DATELINE.match(text)


def heading_shaped(p: Piece, measure: float | None) -> bool:
    """Short, no sentence end inside, not made of a paragraph's full lines."""
    t = p.flat
    if not t or len(t) > HEADING_MAX or "。" in t[:-1] or t[-1] in PAUSE or t[-1] == "。":
        return False
    if dateline(p.run.text):
        return False  # a dateline opens a story's first paragraph, however short the column cut it
    if sum(t.count(c) for c in "，、；") > 2:
        return False
    if "，" in t and is_han(t[-1]) and width_em(t) > 1.5 * (measure or DEFAULT_MEASURE):
        return False  # an unfinished clause-bearing run longer than a column line and a half: text
    if measure and len(p.lines) >= 3 and any(fits_unindented(line, measure) for line in p.lines[1:-1]):
        return False  # it has full body-text lines: a paragraph
    return not JUMP.match(t)


def misread_heading(p: Piece, after: Piece | None, measure: float | None) -> bool:
    """A headline whose mark the engine read as a full stop (``文化部“三讲。 促进组织建设``)
    or whose last character it read as a pause (``当代企业改革论坛首届年会名;``): one short
    line over a dateline, ending on no mark or on its only pause (where a story may open, only
    a headline stands there)."""
    t = p.flat
    misread_end = len(t) >= 2 and t[-1] in PAUSE and is_han(t[-2]) and not PAUSE.intersection(t[:-1])
    return (len(p.lines) == 1 and 0 < len(t) <= HEADING_MAX and (is_han(t[-1]) or misread_end) and not p.byline
            and dateline(p.run.text) is None and after is not None and dateline(after.run.text) is not None
            and (not measure or width_em(t) < measure))


def speck(p: Piece) -> bool:
    """A lone character, or two that are no word (``册N``): specks of ink an engine read as text
    (``尊`` at 24% confidence), no heading or story of their own (``roles``)."""
    return len(p.flat) == 1 or (len(p.flat) == 2 and not all(is_han(c) for c in p.flat))


def lone_name(p: Piece) -> bool:
    """2–4 ideographs alone on a line, none of them a particle no name is written with (a short
    headline piece, ``十年最低``, is no name): after a story's last paragraph, its byline."""
    return 2 <= len(p.flat) <= 4 and all(is_han(c) and c not in _NO_NAME for c in p.flat)


_NO_NAME = set("的了是最们这那着过吗呢吧么很")  # particles and words that are in no personal name


def credit_line(p: Piece) -> bool:
    return bool(p.byline) or lone_name(p)


def ends_sentence(text: str) -> bool:
    """Ends as a paragraph may: a sentence end, or a closing mark after one (``。”``, ``）``)."""
    t = text.rstrip()
    if not t:
        return True
    if t[-1] in SENTENCE_END:
        return True
    return t[-1] in CLOSERS


def caption_like(p: Piece) -> bool:
    return not dateline(p.run.text) and bool(CAPTION_CUE.search(p.run.text.strip()))


_GLUED = re.compile(r"(?<=[。！？”…!?）)])\s+(?P<by>[^\s。，（(][^。，]{0,30})$")


def glued_byline(text: str) -> int | None:
    """Where a credit glued to a paragraph's last sentence starts (``…近千户。 曹桢``), or None.

    The credit is a byline by the name rules, or 2–4 ideographs: a paragraph never ends on
    bare words after its last sentence. A credit in brackets (``…设计。（马艳）``) is printed
    as part of the paragraph, as news briefs sign each item, and stays there.
    """
    m = _GLUED.search(text)
    if not m:
        return None
    tail = m.group("by")
    bare = re.sub(r"\s+", "", tail)
    if parse_byline(tail) or 2 <= len(bare) <= 4 and all(is_han(c) for c in bare):
        return m.start("by")
    return None


_GLUED_HEADING = re.compile(r"(?<=[。！？”…!?])\s+(?P<head>[^\s。，、；：！？,.;:!?（(][^。，、；：！？,.;:!?]{4,39})$")


def glued_heading(text: str) -> int | None:
    """Where a headline run onto a paragraph's last sentence starts (Tesseract gives a headline
    printed right under a paragraph in the paragraph's block: ``…发展。 湖南备耕安排早动手快``),
    or None. Five or more characters, no clause mark: not a name (that is a glued byline)."""
    m = _GLUED_HEADING.search(text)
    return m.start("head") if m else None
