"""Paper is not wasted: a short page takes a smaller sheet instead of being spread thin over a
broadsheet, and the A4 edition keeps its white where it means something. Blank is read from the
rendered pages' pixels, cell by cell of the grid (a column one line high holding no ink)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from pdfcheck import body_lines, inked_cells
from publisher import read_page
from publisher.render.pdf import make_pdf

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "source" / "inner-mongolia-business-daily_2020-03.txt"
SHORT = [ROOT / "tests" / "pages" / "harbour-daily.big5.txt", ROOT / "tests" / "corpus" / "pages" / "d08.txt",
         ROOT / "tests" / "corpus" / "pages" / "d03.txt"]
BROADSHEET = (390, 540)  # mm


def _pdf(tmp_path: Path, source: Path, layout: str):
    result = make_pdf(read_page(source), layout)
    out = tmp_path / f"{source.stem}.pdf"
    out.write_bytes(result.data)
    return out, result.sheet


def _mm(pt: float) -> float:
    return pt * 25.4 / 72


@pytest.mark.parametrize("source", SHORT, ids=lambda p: p.stem)
def test_a_short_page_takes_a_smaller_sheet(tmp_path, source):
    pdf, sheet = _pdf(tmp_path, source, "broadsheet")
    with pdfplumber.open(pdf) as doc:
        width, height = _mm(doc.pages[0].width), _mm(doc.pages[0].height)
    assert width * height < BROADSHEET[0] * BROADSHEET[1] * 0.6  # 4开 or smaller, not a bare broadsheet
    cells = [cell for column in inked_cells(pdf, 0, sheet.grid) for cell in column]
    assert cells.count(False) / len(cells) <= 0.35


def test_a_page_that_fills_the_broadsheet_keeps_it(tmp_path):
    pdf, _ = _pdf(tmp_path, SAMPLE, "broadsheet")
    with pdfplumber.open(pdf) as doc:
        assert (round(_mm(doc.pages[0].width)), round(_mm(doc.pages[0].height))) == BROADSHEET


@pytest.fixture(scope="module")
def a4(tmp_path_factory):
    return _pdf(tmp_path_factory.mktemp("a4"), SAMPLE, "a4")


def test_the_a4_edition_wastes_little_paper(a4):
    pdf, sheet = a4
    grid = sheet.grid
    blank = rows = 0
    for n in range(sheet.pages):
        columns = inked_cells(pdf, n, grid)
        last_inked = max((i for column in columns for i, ink in enumerate(column) if ink), default=-1)
        # white under the edition's last line is where it ends; on every other page it is waste
        depth = last_inked + 1 if n == sheet.pages - 1 else grid.lines
        blank += sum(not ink for column in columns for ink in column[:depth])
        rows += depth * grid.columns
        if n < sheet.pages - 1:  # e.g. a photo story pushed over leaves no more than a quarter page
            assert grid.lines - (last_inked + 1) <= grid.lines / 4, f"page {n + 1} ends in a large white area"
    assert blank / rows <= 0.12


def test_every_a4_page_holds_four_lines_and_every_heading_three(a4):
    pdf, sheet = a4
    pages = body_lines(pdf, body_size=sheet.grid.body_size)
    assert all(len(lines) >= 4 for lines in pages), [len(lines) for lines in pages]
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages):
            heads = sorted({round(c["top"]) for c in page.chars if c["size"] > sheet.grid.body_size * 1.3
                            and c["top"] > sheet.grid.top})
            for top in heads:
                below = [line for line in pages[n] if line.chars[0]["top"] > top]
                assert len(below) >= 3, f"a heading on page {n + 1} has fewer than 3 lines of its body under it"
