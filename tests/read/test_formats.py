"""OCR engines' geometric output (hOCR, ALTO, PaddleOCR JSON) read into stories.

One two-column page is laid out here as boxes (``PAGE``) and written out in each engine's
format; the expectations come from the layout (which paragraph is where), not from the readers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from publisher import parse_page, read_page
from publisher.model import Metadata
from publisher.errors import InputError
from publisher.read.formats import detect_format, image_named, page_text
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
BYLINE2 = ("本报记者", "李四")
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
    conf: float = 0.95  # the engine's confidence in each of its words (0–1)


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
    pieces.append(Piece(" ".join(BYLINE2), Box(100, bottom + 80, 240, bottom + 100), EM, "by2"))
    body, _ = _flow(PARAS2, bottom + 120, 3, "s2")
    return pieces + body


PAGE = _page()


def test_the_layout_runs_a_paragraph_on_into_column_two():
    """The fixture itself: paragraph 2 of story 1 starts in column 1 and ends in column 2."""
    assert {p.block for p in PAGE if p.block.startswith("s1-") and p.block.endswith("p1")} == {"s1-c0-p1", "s1-c1-p1"}


def _words(piece: Piece) -> list[tuple[str, Box]]:
    """The engine's words: two characters each (a space in the text is a 1-em gap)."""
    out, x = [], piece.box.x0
    for word in piece.text.split(" "):
        for i in range(0, len(word), 2):
            chunk = word[i : i + 2]
            out.append((chunk, Box(x, piece.box.y0, x + piece.size * len(chunk), piece.box.y1)))
            x += piece.size * len(chunk)
        x += piece.size
    return out


def _groups(pieces, key):
    out: dict[str, list[Piece]] = {}
    for p in pieces:
        out.setdefault(key(p), []).append(p)
    return list(out.values())


def _bbox(b: Box) -> str:
    return f"bbox {b.x0:.0f} {b.y0:.0f} {b.x1:.0f} {b.y1:.0f}"


def hocr(pieces=PAGE) -> str:
    """Tesseract-style hOCR: an ocr_carea/ocr_par per block, ocr_line, ocrx_word."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
           '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
           '<html xmlns="http://www.w3.org/1999/xhtml"><head><meta name="ocr-system" content="tesseract 5.3.0" />',
           '</head><body><div class="ocr_page" id="page_1" title="image &quot;p.png&quot;; bbox 0 0 800 1000; ppageno 0">']
    for n, group in enumerate(_groups(pieces, lambda p: p.block)):
        out.append(f'<div class="ocr_carea" id="block_{n}"><p class="ocr_par" id="par_{n}" lang="chi_sim">')
        for p in group:
            out.append(f'<span class="ocr_line" title="{_bbox(p.box)}; baseline 0 -3; x_size {p.size:.0f}; x_descenders 4">')
            out += [f'<span class="ocrx_word" title="{_bbox(b)}; x_wconf {p.conf * 100:.0f}">{w}</span>' for w, b in _words(p)]
            out.append("</span>")
        out.append("</p></div>")
    return "\n".join(out + ["</div></body></html>"])


def alto(pieces=PAGE, ns="http://www.loc.gov/standards/alto/ns-v4#") -> str:
    """ALTO: a TextBlock per column of a story (written last block first), String per word, SP."""
    def pos(b):
        return f'HPOS="{b.x0:.0f}" VPOS="{b.y0:.0f}" WIDTH="{b.width:.0f}" HEIGHT="{b.height:.0f}"'

    blocks = []
    for n, group in enumerate(_groups(pieces, lambda p: p.block.rsplit("-p", 1)[0])):
        lines = []
        for p in group:
            words = [f'<String CONTENT="{w}" {pos(b)} WC="{p.conf:.2f}"/>' for w, b in _words(p)]
            lines.append(f'<TextLine {pos(p.box)}>' + "<SP/>".join(words) + "</TextLine>")
        blocks.append(f'<TextBlock ID="b{n}">' + "\n".join(lines) + "</TextBlock>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<alto xmlns="{ns}"><Layout><Page WIDTH="800" HEIGHT="1000">'
            '<PrintSpace><Illustration ID="photo" HPOS="0" VPOS="0" WIDTH="10" HEIGHT="10"/>\n'
            + "\n".join(reversed(blocks)) + "\n</PrintSpace></Page></Layout></alto>\n")


def paddle(pieces=PAGE) -> str:
    """PaddleOCR: a box per line, sorted top to bottom then left to right (as PaddleOCR sorts)."""
    items = [[[[b.x0, b.y0], [b.x1, b.y0], [b.x1, b.y1], [b.x0, b.y1]], [p.text, 0.98]]
             for p in sorted(pieces, key=lambda p: (p.box.y0, p.box.x0)) for b in [p.box]]
    return json.dumps(items, ensure_ascii=False)


WRITERS = {"hocr": hocr, "alto": alto, "paddle": paddle}
EXPECTED = [
    ("".join(HEAD1), " ".join(BYLINE), list(PARAS1)),
    (HEAD2, " ".join(BYLINE2), list(PARAS2)),
]


def summary(page):
    return [(s.headline.text, s.byline, [b.text for b in s.body if b.type == "paragraph"]) for s in page.stories]


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_detected_from_the_content(fmt):
    assert detect_format(WRITERS[fmt]().encode("utf-8")) == fmt


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_stories_headlines_bylines_and_paragraphs(fmt):
    """Split headline one again; paragraph 2 joined across the column break; columns in order."""
    assert summary(parse_page(WRITERS[fmt](), name=f"page.{fmt}")) == EXPECTED


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_read_from_a_file_whatever_its_extension(tmp_path, fmt):
    path = tmp_path / "page.txt"
    path.write_text(WRITERS[fmt](), encoding="utf-8")
    assert summary(read_page(path)) == EXPECTED
    assert summary(read_page(path, format=fmt)) == EXPECTED


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_page_text_is_in_reading_order(fmt):
    """Each block on its own line, column 1 before column 2, printed line ends as spaces."""
    blocks = page_text(WRITERS[fmt](), "p").splitlines()
    flat = ["".join(b.split()) for b in blocks]
    assert flat == ["".join(HEAD1), "".join(BYLINE), *PARAS1, HEAD2, "".join(BYLINE2), *PARAS2]
    assert blocks[1] == " ".join(BYLINE)  # the 1-em gap in a byline is kept
    assert blocks[3].count(" ") == sum(p.block.endswith("-p1") and p.block.startswith("s1") for p in PAGE) - 1


def _changed(pieces, which, box):
    """The layout with the pieces chosen by ``which`` given the box ``box(old box)``."""
    return [Piece(p.text, box(p.box), p.size, p.block) if which(p) else p for p in pieces]


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_an_indented_line_at_the_top_of_column_two_starts_a_paragraph(fmt):
    top = min((p for p in PAGE if p.block == "s1-c1-p1"), key=lambda p: p.box.y0)
    indented = _changed(PAGE, lambda p: p is top, lambda b: Box(b.x0 + 2 * EM, b.y0, b.x1, b.y1))
    blocks = page_text(WRITERS[fmt](indented), "p").splitlines()
    assert len(blocks) == len(page_text(WRITERS[fmt](), "p").splitlines()) + 1
    assert any(b.startswith(top.text) for b in blocks)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_short_last_line_in_column_one_ends_the_paragraph(fmt):
    last = max((p for p in PAGE if p.block == "s1-c0-p1"), key=lambda p: p.box.y0)
    short = _changed(PAGE, lambda p: p is last, lambda b: Box(b.x0, b.y0, b.x1 - 3 * EM, b.y1))
    blocks = page_text(WRITERS[fmt](short), "p").splitlines()
    assert len(blocks) == len(page_text(WRITERS[fmt](), "p").splitlines()) + 1
    assert any(b.endswith(last.text) for b in blocks)


def _middle(block: str) -> Piece:
    """The second printed line of a paragraph piece: a full line with a full line after it."""
    return sorted((p for p in PAGE if p.block == block), key=lambda p: p.box.y0)[1]


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_inside_a_block_an_indented_line_starts_a_paragraph(fmt):
    line = _middle("s1-c0-p0")
    indented = _changed(PAGE, lambda p: p is line, lambda b: Box(b.x0 + 2 * EM, b.y0, b.x1, b.y1))
    blocks = page_text(WRITERS[fmt](indented), "p").splitlines()
    assert len(blocks) == len(page_text(WRITERS[fmt](), "p").splitlines()) + 1
    assert any(b.startswith(line.text) for b in blocks)


def _ended(pieces, line: Piece, text: str) -> list[Piece]:
    return [Piece(text, p.box, p.size, p.block) if p is line else p for p in pieces]


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_inside_a_block_a_short_line_ending_a_sentence_ends_a_paragraph(fmt):
    line = _middle("s1-c0-p1")
    text = line.text[:-4] + "。"
    short = _changed(_ended(PAGE, line, text), lambda p: p.text == text, lambda b: Box(b.x0, b.y0, b.x1 - 3 * EM, b.y1))
    blocks = page_text(WRITERS[fmt](short), "p").splitlines()
    assert len(blocks) == len(page_text(WRITERS[fmt](), "p").splitlines()) + 1
    assert any(b.endswith(text) for b in blocks)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_line_whose_box_stops_short_mid_sentence_goes_on(fmt):
    """An engine's box may end short of a full line (a character dropped, a mark's ink): with no
    sentence ended there, and the next line not indented, the paragraph goes on."""
    line = _middle("s1-c0-p1")
    short = _changed(PAGE, lambda p: p is line, lambda b: Box(b.x0, b.y0, b.x1 - 3 * EM, b.y1))
    assert page_text(WRITERS[fmt](short), "p") == page_text(WRITERS[fmt](), "p")


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_headline_pieces_far_apart_stay_two_headings(fmt):
    far = _changed(PAGE, lambda p: p.block == "h1b", lambda b: Box(b.x0 + 6 * TITLE, b.y0, b.x1 + 6 * TITLE, b.y1))
    blocks = page_text(WRITERS[fmt](far), "p").splitlines()
    assert HEAD1[0] in blocks and HEAD1[1] in blocks and "".join(HEAD1) not in blocks


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("gap", [0.9, 2.5])
def test_a_headline_keeps_the_space_between_its_two_parts(fmt, gap):
    """A headline in two parts is set with a full-width space between them (one headline em, which
    the engine's ink boxes measure a little under); two stories' headlines side by side stand
    further apart (d26: 2.6 sizes)."""
    moved = (gap - 0.5) * TITLE  # the parts stand 0.5 sizes apart in PAGE
    wide = _changed(PAGE, lambda p: p.block == "h1b", lambda b: Box(b.x0 + moved, b.y0, b.x1 + moved, b.y1))
    blocks = page_text(WRITERS[fmt](wide), "p").splitlines()
    assert ("".join(HEAD1) in blocks) == (gap < 1)


@pytest.mark.parametrize("ns", ["http://www.loc.gov/standards/alto/ns-v2#", "http://www.loc.gov/standards/alto/ns-v3#", ""])
def test_alto_in_any_namespace(ns):
    text = alto(ns=ns).replace(' xmlns=""', "")
    assert detect_format(text.encode()) == "alto"
    assert summary(parse_page(text, name="p")) == EXPECTED


def test_paddle_result_for_one_image_and_rapidocr_items_are_read():
    """PaddleOCR's result for one image is its box list inside a list; RapidOCR's items are flat."""
    pages = json.loads(paddle())
    assert summary(parse_page(json.dumps([pages], ensure_ascii=False), name="p")) == EXPECTED
    rapid = [[box, text, score] for box, (text, score) in pages]
    assert summary(parse_page(json.dumps(rapid, ensure_ascii=False), name="p")) == EXPECTED


@pytest.mark.parametrize("shape", ["polys", "boxes", "under-res"])
def test_paddleocr_3_results_are_read(shape):
    """PaddleOCR 3 saves a result object (``save_to_json``): the lines' texts, scores and
    four-point polygons (or corner boxes) in lists side by side, and the image it read."""
    items = json.loads(paddle())
    result = {"input_path": "scans/p1.png", "page_index": None, "rec_texts": [t for _, (t, _s) in items],
              "rec_scores": [score for _, (_t, score) in items]}
    if shape == "boxes":
        result["rec_boxes"] = [[b[0][0], b[0][1], b[2][0], b[2][1]] for b, _ in items]
    else:
        result["rec_polys"] = [b for b, _ in items]
    text = json.dumps({"res": result} if shape == "under-res" else result, ensure_ascii=False)
    assert detect_format(text.encode("utf-8")) == "paddle"
    assert summary(parse_page(text, name="p1_res.json")) == EXPECTED
    assert image_named(text.encode("utf-8")) == "scans/p1.png"


def test_a_paddleocr_3_result_that_does_not_add_up_is_refused():
    with pytest.raises(InputError, match="2 rec_texts but 1 boxes"):
        parse_page(json.dumps({"rec_texts": ["今天", "明天"], "rec_polys": [[[0, 0], [9, 0], [9, 9], [0, 9]]]}), name="p")
    with pytest.raises(InputError, match="without rec_polys or rec_boxes"):
        parse_page(json.dumps({"rec_texts": ["今天"]}), name="p")
    page = {"rec_texts": ["今天"], "rec_polys": [[[0, 0], [9, 0], [9, 9], [0, 9]]]}
    with pytest.raises(InputError, match="holds 2 pages"):
        parse_page(json.dumps([page, page]), name="p")


def test_words_join_without_spaces_between_cjk_and_with_one_between_latin():
    b = [Box(x, 0, x + 20, 20) for x in (0, 20, 40, 60, 80)]
    assert join_words([("新华", b[0]), ("社", b[1]), ("New", b[2]), ("York", b[3]), ("电", b[4])], 20) == "新华社New York电"
    assert join_words([("本报记者", b[0]), ("张三", Box(120, 0, 160, 20))], 20) == "本报记者 张三"


# Where things were: rectangles, and lines of the OCR file the user can find (JSON: items).


@pytest.mark.parametrize("fmt", ["hocr", "alto"])
def test_repairs_and_blocks_name_lines_of_the_ocr_file(fmt):
    source = WRITERS[fmt]()
    page = parse_page(source, name=f"p.{fmt}")
    lines = source.splitlines()
    tag = "ocr_line" if fmt == "hocr" else "<TextLine"
    assert page.repairs and page.lines
    for r in page.repairs:
        assert tag in lines[r.line - 1] and r.column == 0, r
    for b in page.lines:
        element = "".join(lines[b.line - 1:b.line + 2])  # hOCR writes the line's words on the lines after it
        assert tag in lines[b.line - 1] and b.text.split()[0][:2] in element, b


def test_paddle_repairs_and_blocks_name_items():
    source = WRITERS["paddle"]()
    items = json.loads(source)
    page = parse_page(source, name="p.json")
    for b in page.lines:
        assert items[b.line - 1][1][0].startswith(b.text.split()[0][:4]), b
    assert all(1 <= r.line <= len(items) for r in page.repairs)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_roles_are_given_by_the_lines_inspect_shows(fmt):
    source = WRITERS[fmt]()
    page = parse_page(source, name="p")
    second = next(b for b in page.lines if b.role == "headline" and b.text.startswith("口袋"))
    forced = parse_page(source, name="p", metadata=Metadata(roles=((second.line, "intertitle"),)))
    assert len(forced.stories) == len(page.stories) - 1
    assert any(b.type == "intertitle" and b.text == "口袋公园月底开放" for b in forced.stories[0].body)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_each_story_keeps_its_rectangle(fmt):
    page = parse_page(WRITERS[fmt](), name="p")
    first, second = (s.box for s in page.stories)
    xs = [p.box.x0 for p in PAGE] + [p.box.x1 for p in PAGE]
    assert (first.x0, first.x1) == (min(xs), max(xs)) and first.y0 == min(p.box.y0 for p in PAGE)
    assert first.y1 < second.y0  # the second story below the first, as printed
    assert page.to_dict()["stories"][1]["box"]["y0"] == second.y0


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_headline_set_large_never_joins_the_text_under_it(fmt):
    """A one-line headline as many characters long as a paragraph's indented first line, over text
    that runs on unindented (a column of a paragraph begun elsewhere, as an engine may order it):
    by its size it is a headline, not the first line of that paragraph."""
    head = "非洲经济增长势头好于上年"  # 12 characters: an indented first line's worth at 14 a line
    text = "造成去年经济平均增长率低于上一年度的原因有三，首要原因是不利的气候条件对农业生产产生了消极影响。"
    top = max(p.box.y1 for p in PAGE if p.block.startswith("s1")) + 20
    pieces = [p for p in PAGE if not p.block.startswith(("h2", "by2", "s2"))]
    pieces.append(Piece(head, Box(100, top, 100 + TITLE * len(head), top + TITLE), TITLE, "h2"))
    for row, start in enumerate(range(0, len(text), CHARS)):
        y0 = top + 60 + row * PITCH
        line = text[start:start + CHARS]
        pieces.append(Piece(line, Box(100, y0, 100 + EM * len(line), y0 + EM), EM, "s2-c0-p0"))
    page = parse_page(WRITERS[fmt](pieces), name=f"page.{fmt}")
    assert [(s.headline.text, s.subheadline) for s in page.stories][-1] == (head, None)
    assert [b.text for b in page.stories[-1].body] == [text]


@pytest.mark.parametrize("fmt", ["hocr", "alto"])
def test_a_headline_piece_far_from_the_rest_goes_back_to_its_headline(fmt):
    """Characters of a headline the engine did not read leave its pieces far apart (here six sizes):
    two headings on the page's text. The far piece, set at a headline's size, falls inside a
    paragraph cut mid-word that the next column carries on: it is the rest of the story's
    headline, and the paragraph is one again."""
    far = _changed(PAGE, lambda p: p.block == "h1b", lambda b: Box(b.x0 + 6 * TITLE, b.y0, b.x1 + 6 * TITLE, b.y1))
    assert summary(parse_page(WRITERS[fmt](far), name=f"page.{fmt}")) == EXPECTED



@pytest.mark.parametrize("fmt", ["hocr", "alto"])
def test_a_heading_over_a_credit_line_opens_a_story_whatever_size_the_engine_gave_it(fmt):
    """An engine may give a headline its text's size (Tesseract's x_size, thrown off by a misread
    mark): taken for an intertitle. A credit line with role words under it, over text, shows it
    opens a story: inside a story a credit signs it off at its foot."""
    small = [Piece(p.text, Box(p.box.x0, p.box.y0, p.box.x0 + EM * len(p.text), p.box.y0 + EM), EM, p.block)
             if p.block == "h2" else p for p in PAGE]
    page = parse_page(WRITERS[fmt](small), name=f"page.{fmt}")
    assert summary(page) == EXPECTED
