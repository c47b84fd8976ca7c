"""OCR engines' geometric output (hOCR, ALTO, PaddleOCR JSON) read into stories.

One two-column page is laid out here as boxes (``PAGE``) and written out in each engine's
format; the expectations come from the layout (which paragraph is where), not from the readers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from publisher import parse_page, read_page
from publisher.read.formats import detect_format, page_text
from publisher.read.formats.geometry import Box, join_words

EM = 20  # body type size in page pixels
PITCH = 30  # body line spacing
COLS = (100, 400)  # left edges of the two columns
CHARS = 14  # characters per full column line
TITLE = 40  # headline type size

HEAD1 = ("春耕备耕", "有序推进")  # one headline, cut by the engine at the column gap
BYLINE = ("本报记者", "张三")
PARAS1 = (
    "今年以来，全市各地抓住有利天气，组织农民开展春耕备耕工作，进度快于往年。",
    "记者在城郊的几个村子看到，田间地头处处是忙碌的身影，拖拉机来回穿梭，农资店里人来人往，"
    "种子化肥供应充足，价格平稳，村民们说今年的收成有盼头。",
    "农业部门表示，将继续做好技术指导服务。",
)
HEAD2 = "口袋公园月底开放"
PARAS2 = (
    "全市首批十处口袋公园已完成建设，将于本月底向市民开放。",
    "这些公园面积不大，但绿化和休闲设施齐全，方便附近居民就近休憩。",
)


@dataclass
class Piece:
    """One printed line as laid out: text, box, size, and the block an engine would give it."""

    text: str
    box: Box
    size: float
    block: str


def _flow(paragraphs, top: float, rows: int, block: str) -> tuple[list[Piece], float]:
    """Paragraphs set in the two columns, ``rows`` lines in the first: indent 2 em, justified."""
    printed = []
    for p, text in enumerate(paragraphs):
        first = True
        while text:
            room = CHARS - 2 if first else CHARS
            printed.append((p, first, text[:room]))
            text, first = text[room:], False
    pieces = []
    for i, (p, first, text) in enumerate(printed):
        col, row = divmod(i, rows)
        x0 = COLS[col] + (2 * EM if first else 0)
        y0 = top + row * PITCH
        pieces.append(Piece(text, Box(x0, y0, x0 + EM * len(text), y0 + EM), EM, f"{block}-c{col}-p{p}"))
    return pieces, top + rows * PITCH


def _page() -> list[Piece]:
    """Story 1 (split headline, byline, 3 paragraphs, the second running on into column 2), story 2."""
    pieces = [Piece(HEAD1[0], Box(220, 40, 380, 80), TITLE, "h1a"), Piece(HEAD1[1], Box(400, 40, 560, 80), TITLE, "h1b")]
    pieces.append(Piece(" ".join(BYLINE), Box(100, 100, 240, 120), EM, "by"))
    body, bottom = _flow(PARAS1, 140, 6, "s1")
    pieces += body
    pieces.append(Piece(HEAD2, Box(240, bottom + 20, 560, bottom + 60), TITLE, "h2"))
    body, _ = _flow(PARAS2, bottom + 80, 3, "s2")
    return pieces + body


PAGE = _page()


def test_the_layout_runs_a_paragraph_on_into_column_two():
    """The fixture itself: paragraph 2 of story 1 starts in column 1 and ends in column 2."""
    assert {p.block for p in PAGE if p.block.startswith("s1-") and p.block.endswith("p1")} == {"s1-c0-p1", "s1-c1-p1"}
