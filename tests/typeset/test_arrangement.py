"""The original arrangement: stories printed where the OCR'd page had them.

Two small OCR files written by hand (``tests/pages/ocr``: ALTO and PaddleOCR JSON of one page:
two stories side by side over the two halves of the page, a third below them across three of
the four columns) are printed; where each story landed is read back from the PDF with
pdfplumber (the lines of its text), never taken from the makeup's own numbers.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher import parse_page, read_page
from publisher.errors import InputError
from publisher.model import Region
from publisher.render.pdf import make_pdf
from publisher.typeset.arrangement import place, slots
from publisher.typeset.sheet import Head, Item, Plan
from publisher.workflow.config import load_config

OCR = Path(__file__).resolve().parent.parent / "pages" / "ocr"


def story_boxes(pdf: bytes, page) -> list[tuple[float, float, float, float]]:
    """Per story, the union of the PDF's printed lines (split at gaps over 1 em) that are its text
    (x0, top, x1, bottom in pt)."""
    texts = ["".join(s.text().split()) for s in page.stories]
    boxes: list[list[float] | None] = [None] * len(texts)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        chars = [c for c in doc.pages[0].chars if c["text"].strip()]
    rows: dict[tuple[float, float], list] = {}
    for c in chars:
        rows.setdefault((round(c["top"], 1), round(c["size"], 1)), []).append(c)
    lines = []
    for (_, size), row in rows.items():
        row.sort(key=lambda c: c["x0"])
        start = 0
        for k in range(1, len(row) + 1):
            if k == len(row) or row[k]["x0"] - row[k - 1]["x1"] > size:
                lines.append(row[start:k])
                start = k
    for line in lines:
        text = "".join(c["text"] for c in line)
        owners = [n for n, t in enumerate(texts) if len(text) >= 4 and text in t]
        if len(owners) != 1:
            continue
        n = owners[0]
        b = boxes[n]
        edges = [line[0]["x0"], min(c["top"] for c in line), line[-1]["x1"], max(c["bottom"] for c in line)]
        boxes[n] = edges if b is None else [min(b[0], edges[0]), min(b[1], edges[1]), max(b[2], edges[2]),
                                            max(b[3], edges[3])]
    assert all(boxes), f"a story's text was not found in the PDF: {boxes}"
    return [tuple(b) for b in boxes]


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.fixture(scope="module", params=["three-stories.alto.xml", "three-stories.paddle.json"])
def printed(request):
    page = read_page(OCR / request.param)
    result = make_pdf(page)
    return page, result, story_boxes(result.data, page)


def test_the_stories_keep_their_rectangles_in_the_model(printed):
    page, _, _ = printed
    assert [s.headline.text for s in page.stories] == ["河畔新建步道迎客", "社区食堂开进老街", "春季运动会圆满落幕"]
    left, right, below = (s.box for s in page.stories)
    assert left.x1 < right.x0 and max(left.y1, right.y1) < below.y0
    assert page.to_dict()["stories"][0]["box"] == dataclasses.asdict(left)


def test_the_stories_print_in_their_original_places_without_overlap(printed):
    _, result, (left, right, below) = printed
    assert left[2] < right[0], "the first story stands left of the second"
    assert abs(left[1] - right[1]) < 14, "side by side at one height, as on the original page"
    assert max(left[3], right[3]) < below[1], "the third story below both"
    assert below[2] < right[2] - 50, "the third spans three of four columns: it stops short of the right edge"
    for a, b in ((left, right), (left, below), (right, below)):
        assert not overlap(a, b)
    assert not result.warnings  # the text fits the rectangles at the layout's sizes


def test_packed_is_still_there_on_request():
    page = read_page(OCR / "three-stories.alto.xml")
    assert make_pdf(page, arrangement="packed").sheet.modules[0].row == 0


def test_a_story_whose_text_needs_more_room_grows_downwards_and_says_so():
    page = read_page(OCR / "three-stories.alto.xml")
    first = page.stories[0]
    grown = dataclasses.replace(first, body=first.body * 12)  # far more text than its rectangle held
    page = dataclasses.replace(page, stories=(grown, *page.stories[1:]))
    result = make_pdf(page)
    left, right, below = story_boxes(result.data, page)
    assert left[3] > right[3] and below[1] > left[3] - 1, "the story below moved down, not over it"
    assert not overlap(left, below) and not overlap(left, right)
    assert any("grows downwards" in w for w in result.warnings), result.warnings


def _plan(i: int, span: int, height: int) -> Plan:
    return Plan(i, span, Head([], 0), False, [[Item("line", 1)] * height])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 90), st.integers(0, 90), st.integers(5, 60), st.integers(5, 60),
                          st.integers(1, 80)), min_size=1, max_size=8))
def test_placed_modules_never_overlap(rects):
    """Any rectangles (overlapping on the original, even) and any text heights: the modules
    placed never share a grid cell, stay on the sheet, and each is as deep as its text."""
    boxes = [Region(x, y, x + w, y + h) for x, y, w, h, _ in rects]
    places = slots(boxes, 6, 120, 1)
    plans = [_plan(i, p.span, need) for i, (p, (*_, need)) in enumerate(zip(places, rects))]
    modules = place(plans, places, 120, 1)
    if modules is None:
        return  # too much to keep the places: the caller shrinks the body or packs
    for m in modules:
        assert m.row + m.rows <= 120 and m.rows >= m.plan.height and 0 <= m.column and m.column + m.plan.span <= 6
    for a in modules:
        for b in modules:
            if a is not b:
                cols = a.column < b.column + b.plan.span and b.column < a.column + a.plan.span
                rows = a.row < b.row + b.rows and b.row < a.row + a.rows
                assert not (cols and rows)


def test_original_asked_of_a_page_without_positions_is_packed_with_a_warning():
    page = parse_page("春风送暖万家\n本报讯 全市组织了一百多场文艺演出，把欢乐送到千家万户。\n", name="p.txt")
    assert page.geometry is None
    result = make_pdf(page, arrangement="original")
    assert any("does not record where each of its stories was" in w for w in result.warnings)


def test_publisher_toml_chooses_the_arrangement(tmp_path):
    config = tmp_path / "publisher.toml"
    config.write_text('[build]\narrangement = "packed"\n', encoding="utf-8")
    assert load_config(config).arrangement == "packed"
    config.write_text('[build]\narrangement = "sideways"\n', encoding="utf-8")
    with pytest.raises(InputError, match="build.arrangement"):
        load_config(config)
