"""What real engines do to a page's lines, and what reading undoes from the geometry.

Each test damages the two-column page of ``test_formats`` the way Tesseract damages a printed
newspaper page (seen on corpus pages printed and read back by ``bench/ocr_roundtrip.py``) and
checks that the same stories come back, and that what was left out is logged.
"""

from __future__ import annotations

import re

import pytest
from read.test_formats import (CHARS, COLS, EM, EXPECTED, HEAD1, HEAD2, PAGE, PARAS1, PARAS2, PITCH, TITLE, Piece,
                               _flow, _words, alto, hocr, summary)

from publisher import parse_page
from publisher.read.folio import parse_folio
from publisher.read.formats.geometry import Box, Line
from publisher.read.formats.layout import arrange

WRITERS = {"hocr": hocr, "alto": alto}


def read(fmt, pieces):
    return parse_page(WRITERS[fmt](pieces), name=f"page.{fmt}")


def _head2() -> Piece:
    return next(p for p in PAGE if p.text == HEAD2)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_headline_read_twice_is_left_out_and_logged(fmt):
    """Tesseract may read a big headline's upper half as a line of its own, at a smaller size."""
    h = _head2().box
    ghost = Piece("TiY人cm", Box(h.x0 + 4, h.y0, h.x1 - 10, h.y0 + 0.6 * h.height), EM, "ghost")
    page = read(fmt, [*PAGE, ghost])
    assert summary(page) == EXPECTED
    assert ["".join(r.before.split()) for r in page.repairs if r.kind == "headline-read-twice"] == ["TiY人cm"]


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_headline_read_twice_at_its_full_size_is_read_from_the_surer_reading(fmt):
    """Tesseract may read a headline's ink twice over its whole height, the second reading
    garbled and scored low (x_wconf, WC): the surer reading stays, and the other is logged."""
    h = _head2()
    ghost = Piece("口代公圆月氏开放", Box(h.box.x0 - 2, h.box.y0, h.box.x1, h.box.y1 + 2), TITLE, "ghost", conf=0.3)
    at = PAGE.index(h) + 1
    page = read(fmt, [*PAGE[:at], ghost, *PAGE[at:]])
    assert summary(page) == EXPECTED
    assert ["".join(r.before.split()) for r in page.repairs if r.kind == "headline-read-twice"] == ["口代公圆月氏开放"]


def test_two_readings_of_headlines_side_by_side_give_each_its_surer_reading():
    """Two headlines side by side (two ems apart) read twice as one line: each reading gets one
    headline right and the other wrong, with its words scored so. The line read is the surer
    reading of each headline; a reading's words are not mixed with the other's inside one."""
    def line(parts, source):
        words, x = [], 100.0
        for text, conf in parts:
            if text == " ":
                x += 2 * TITLE  # the gap between the two headlines
                continue
            words.append(((text, Box(x, 40, x + TITLE * len(text), 80)), conf))
            x += TITLE * len(text)
        return Line("".join(t for t, _ in parts), Box(100, 40, x, 80), TITLE, 0, source,
                    tuple(w for w, _ in words), confidences=tuple(c for _, c in words))

    first = line([("春耕", 0.93), ("备耕", 0.9), (" ", 0), ("今天", 0.4), ("开放", 0.5)], 1)
    second = line([("春井", 0.3), ("备讲", 0.2), (" ", 0), ("公园", 0.9), ("开放", 0.88)], 2)
    body = [Line("全市首批十处口袋公园已完成建设", Box(100, 100 + PITCH * k, 100 + 15 * EM, 100 + PITCH * k + EM), EM, 1,
                 3 + k) for k in range(8)]
    read = arrange([first, second, *body])
    assert read.text.splitlines()[0] == "春耕备耕 公园开放"
    assert [(r.line, r.before, r.after) for r in read.dropped if r.kind == "headline-read-twice"] == [
        (2, "春井备讲 公园开放", "春耕备耕 公园开放"), (1, "春耕备耕 今天开放", "春耕备耕 公园开放")]


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_column_rule_read_as_a_stroke_is_left_out_and_logged(fmt):
    rule = Piece("|", Box(385, 160, 395, 260), EM, "rule")
    page = read(fmt, [*PAGE, rule])
    assert summary(page) == EXPECTED
    assert [r.before for r in page.repairs if r.kind == "rule-read-as-text"] == ["|"]


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_headline_pieces_read_among_the_columns_are_one_headline(fmt):
    """The right piece of a headline cut at the gutter comes out after column one's text."""
    right = next(p for p in PAGE if p.block == "h1b")
    first_of_column_two = next(i for i, p in enumerate(PAGE) if p.block.startswith("s1-c1"))
    pieces = [p for p in PAGE if p is not right]
    pieces.insert(first_of_column_two - 1, right)
    assert summary(read(fmt, pieces)) == EXPECTED


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_line_run_across_the_gutter_is_cut_there(fmt):
    """Two lines level with each other in the two columns, read as one line."""
    left = [p for p in PAGE if p.block.startswith("s1-c0")][3]
    right = next(p for p in PAGE if p.block.startswith("s1-c1") and p.box.y0 == left.box.y0)
    gap = (right.box.x0 - left.box.x1) / EM  # the gutter, as the writers' word gaps: one size per space
    assert gap == int(gap) >= 1
    merged = Piece(left.text + " " * int(gap) + right.text, left.box.union(right.box), EM, left.block)
    pieces = [merged if p is left else p for p in PAGE if p is not right]
    assert summary(read(fmt, pieces)) == EXPECTED


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_scraps_read_across_the_gutter_do_not_close_it(fmt):
    """An engine may read a few characters across the gutter between two columns, in a block of
    their own (a line's end and the next column's start, or specks): the columns are still read
    one after the other, and the scraps go with the column they lie in most."""
    scraps = [Piece("“人生", Box(340, 200, 400 + EM, 200 + EM), EM, "scrap"),
              Piece("科技视窗", Box(330, 230, 330 + 4 * EM, 230 + EM), EM, "scrap")]
    at = next(k for k, p in enumerate(PAGE) if p.block.startswith("s1-c1"))
    page = read(fmt, [*PAGE[:at], *scraps, *PAGE[at:]])
    body = "".join(b.text for story in page.stories for b in story.body)  # (the scraps may make an intertitle)
    for scrap in scraps:
        assert scrap.text in body
        body = body.replace(scrap.text, "", 1)
    assert [s[:2] for s in summary(page)] == [e[:2] for e in EXPECTED]
    assert body == "".join(p for _, _, paras in EXPECTED for p in paras)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_headline_set_on_two_lines_is_one_headline(fmt):
    h = _head2()
    half = len(h.text) // 2
    top = Piece(h.text[:half], Box(h.box.x0, h.box.y0 - TITLE, h.box.x0 + TITLE * half, h.box.y0 - 2), TITLE, h.block)
    below = Piece(h.text[half:], Box(h.box.x0, h.box.y0 + 4, h.box.x0 + TITLE * (len(h.text) - half), h.box.y1 + 4),
                  TITLE, h.block)
    pieces = [q for p in PAGE for q in ((top, below) if p is h else (p,))]
    page = read(fmt, pieces)
    assert [s.headline.text.replace(" ", "") for s in page.stories] == [e[0] for e in EXPECTED]
    assert [s.subheadline for s in page.stories] == [None, None]


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_short_line_at_the_body_size_opens_no_story(fmt):
    """A headline-shaped line (short, no sentence end) printed at the body size, between two
    paragraphs: the measured size says it is text or an intertitle, never a new story's headline."""
    paras = [p for p in PAGE if p.block.startswith("s2-")]
    last = max(paras, key=lambda p: p.box.y0)
    line = Piece("记者手记", Box(100, last.box.y0 + 30, 100 + 4 * EM, last.box.y1 + 30), EM, "aside")
    page = read(fmt, [*PAGE, line])
    assert [s.headline.text for s in page.stories] == [e[0] for e in EXPECTED]


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_short_heading_as_large_as_a_headline_above_opens_a_story(fmt):
    """Headlines set only 1.4 times the body (a one-column story's), and the second story neither
    signed above nor opened by a byline: a short line after a paragraph could be an intertitle,
    but a page sets its intertitles smaller than any of its headlines."""
    small = 1.4 * EM

    def smaller(p):
        return Piece(p.text, Box(p.box.x0, p.box.y0, p.box.x1, p.box.y0 + small), small, p.block)

    pieces = [smaller(p) if p.size == TITLE else p for p in PAGE if p.block != "by2"]
    assert summary(read(fmt, pieces)) == [EXPECTED[0], (HEAD2, None, list(PARAS2))]


@pytest.mark.parametrize("line, credits", [
    ("编辑孟仁泉“版式刘仲藜网址: www.people.com.cn", [("编辑", "孟仁泉"), ("版式", "刘仲藜")]),
    ("责任编辑王某美编李某某", [("责任编辑", "王某"), ("美编", "李某某")]),
    ("责任编辑 朱作勇美编陶新弟 网址：paper.people.com.cn", [("责任编辑", "朱作勇"), ("美编", "陶新弟")]),
    ("编辑 王某某版式 李某 网址: www.example.com.cn", [("编辑", "王某某"), ("版式", "李某")]),  # the gap after the role read
    ("编辑部主任王某在会上说", []),
])
def test_credits_glued_to_their_role_words(line, credits):
    """An engine that reads characters only writes no gap between role and name."""
    assert [(c.role, c.name) for c in parse_folio(line).credits] == credits


def _column(paragraphs, top: float, col: int, block: str) -> tuple[list[Piece], float]:
    pieces, _ = _flow(paragraphs, top, 1000, block)  # all in column one, then moved
    shift = COLS[col] - COLS[0]
    moved = [Piece(p.text, Box(p.box.x0 + shift, p.box.y0, p.box.x1 + shift, p.box.y1), p.size, p.block)
             for p in pieces]
    return moved, max(p.box.y1 for p in moved)


def test_a_name_set_flush_right_at_a_column_foot_carries_nothing_over():
    """Story one ends column one with its writer's name set flush right; column two opens story
    two under a one-column headline set barely larger than the text (Tesseract measured one a
    fifth larger: read as text). The name spans the column's right part only: it is no full line
    whose paragraph runs on into the top of the next column."""
    head1 = Piece("".join(HEAD1), Box(COLS[0], 40, COLS[0] + 30 * 8, 70), 30, "h1")
    body1, bottom = _column(PARAS1[:2], 100, 0, "s1")
    name = Piece("王五", Box(COLS[0] + (CHARS - 2) * EM, bottom + PITCH - EM, COLS[0] + CHARS * EM, bottom + PITCH),
                 EM, body1[-1].block)  # in the last paragraph's engine block, as Tesseract gives it
    size = 1.18 * EM
    head2 = Piece(HEAD2, Box(COLS[1], 40, COLS[1] + size * len(HEAD2), 40 + size), size, "h2")
    body2, _ = _column(PARAS2, 100, 1, "s2")
    pieces = [head1, *body1, name, head2, *body2]
    blocks = {b: n for n, b in enumerate(dict.fromkeys(p.block for p in pieces))}
    lines = [Line(p.text, p.box, p.size, blocks[p.block], k + 1, tuple(_words(p))) for k, p in enumerate(pieces)]
    text = arrange(lines).text.splitlines()
    assert text[text.index("王五") + 1] == HEAD2


def test_an_alto_line_box_made_tall_by_one_glyph_is_still_text():
    """Tesseract's ALTO gives a body line the height of its tallest misread glyph (a line of text
    2.5 times as high as it is set): its words' boxes, of the text's height, give its size."""
    line = [p for p in PAGE if p.block.startswith("s2-")][1]  # inside the first paragraph
    written = alto(PAGE)
    tall = f'<TextLine HPOS="{line.box.x0:.0f}" VPOS="{line.box.y0:.0f}" WIDTH="{line.box.width:.0f}" HEIGHT="{EM}"'
    assert written.count(tall) == 1
    page = parse_page(written.replace(tall, tall.replace(f'HEIGHT="{EM}"', f'HEIGHT="{int(2.5 * EM)}"')),
                      name="page.xml")
    assert summary(page) == EXPECTED


def test_alto_text_styles_give_the_type_sizes():
    """ABBYY's ALTO (as library archives publish it) names each block's TextStyle, whose FONTSIZE
    is the type size it measured: it outranks the boxes' heights, here all alike (a headline
    read from its boxes would be text, and body-sized type opens no story)."""
    from read.test_formats import _groups

    written = alto(PAGE)
    for n, group in enumerate(_groups(PAGE, lambda p: p.block.rsplit("-p", 1)[0])):
        style = "head" if group[0].size == TITLE else "body"
        written = written.replace(f'<TextBlock ID="b{n}">', f'<TextBlock ID="b{n}" STYLEREFS="{style} para">')
    styles = ('<Styles><TextStyle ID="head" FONTSIZE="20"/><TextStyle ID="body" FONTSIZE="9.5"/>'
              '<ParagraphStyle ID="para"/></Styles>')
    written = re.sub(r'HEIGHT="\d+"', f'HEIGHT="{EM}"', written.replace("<Layout>", styles + "<Layout>"))
    written = written.replace(f'<Page WIDTH="800" HEIGHT="{EM}">', '<Page WIDTH="800" HEIGHT="1000">')
    assert summary(parse_page(written, name="page.xml")) == EXPECTED


def _left_story_beside_two() -> tuple[list[Piece], list[tuple[str, list[str]]]]:
    """A story down the left column (no headline: continued from elsewhere) beside two stories
    stacked on the right, each under a headline across two columns; and what each story holds."""
    def moved(pieces: list[Piece], dx: float) -> list[Piece]:
        return [Piece(p.text, Box(p.box.x0 + dx, p.box.y0, p.box.x1 + dx, p.box.y1), p.size, p.block) for p in pieces]

    third = ("全市义务植树启动", ("全市今春义务植树活动昨日启动，数万市民走上街头，在公园和河畔种下树苗，绿化家园。",))
    left, _ = _column(PARAS1 + PARAS1, 40, 0, "a")
    right = [Piece(HEAD2, Box(COLS[1], 40, COLS[1] + TITLE * len(HEAD2), 40 + TITLE), TITLE, "hb")]
    body, bottom = _flow(PARAS2, 100, 3, "b")
    right += moved(body, COLS[1] - COLS[0])
    right.append(Piece(third[0], Box(COLS[1], bottom + 20, COLS[1] + TITLE * len(third[0]), bottom + 20 + TITLE),
                       TITLE, "hc"))
    body, _ = _flow(third[1], bottom + 80, 2, "c")
    right += moved(body, COLS[1] - COLS[0])
    return left + right, [("", list(PARAS1 + PARAS1)), (HEAD2, list(PARAS2)), (third[0], list(third[1]))]


def _stories(page) -> list[tuple[str, list[str]]]:
    return [(s.headline.text, [b.text for b in s.body if b.type == "paragraph"]) for s in page.stories]


def test_blockless_lines_are_read_by_columns():
    """PaddleOCR gives lines without blocks, sorted top to bottom: the left story is read whole
    (a headline crossing a gutter on the right cuts no column on the left), then the two others."""
    from read.test_formats import paddle

    pieces, stories = _left_story_beside_two()
    assert _stories(parse_page(paddle(pieces), name="page.json")) == stories


@pytest.mark.parametrize("fmt", ["paddle", "hocr"])
def test_the_folio_line_over_the_right_hand_columns_is_read_first(fmt):
    """The folio line stands above everything, over the right-hand column only: it is read first
    (the page's credits), not as text of the stories under it."""
    from read.test_formats import paddle

    pieces, stories = _left_story_beside_two()
    folio = Piece("编辑 王五 版式 赵六", Box(COLS[1] + 300, 5, COLS[1] + 300 + 10 * EM, 5 + EM), EM, "folio")
    page = parse_page({"paddle": paddle, "hocr": hocr}[fmt]([*pieces, folio]), name=f"page.{fmt}")
    assert [(c.role, c.name) for c in page.credits] == [("编辑", "王五"), ("版式", "赵六")]
    assert _stories(page) == stories


def test_paddle_lines_are_sized_by_their_width_per_character():
    """An engine's line boxes follow the ink, not the type: here every box is as high as a body
    line. Chinese type is square, so a line's width per character gives its size: the headlines
    are still headlines."""
    from read.test_formats import paddle

    flat = [Piece(p.text, Box(p.box.x0, p.box.y0, p.box.x1, p.box.y0 + EM), p.size, p.block) for p in PAGE]
    assert summary(parse_page(paddle(flat), name="page.json")) == EXPECTED


def _set(paragraphs, top: float, rows: int, block: str, lefts=(100, 400, 700)) -> list[Piece]:
    """Paragraphs set column after column (``rows`` lines each) at ``lefts``: indent 2 em, 14 a line."""
    printed = []
    for text in paragraphs:
        first = True
        while text:
            room = CHARS - 2 if first else CHARS
            printed.append((first, text[:room]))
            text, first = text[room:], False
    out = []
    for i, (first, text) in enumerate(printed):
        col, row = divmod(i, rows)
        x0, y0 = lefts[col] + (2 * EM if first else 0), top + row * PITCH
        out.append(Piece(text, Box(x0, y0, x0 + EM * len(text), y0 + EM), EM, f"{block}{col}"))
    return out


def test_a_column_under_no_headline_goes_with_the_story_whose_text_it_stands_level_with():
    """A story in three columns under a headline set flush left over two; under it, another story
    over the first two columns, and a third in the third column. Nothing crosses the second
    gutter (no rule was read), so a cut there would read the first story's last column after the
    second story: its top, level with the first story's text, takes it back to that story."""
    from read.test_formats import paddle

    third = ("全市义务植树启动", ("全市今春义务植树活动昨日启动，数万市民走上街头，在公园和河畔种下树苗，绿化家园。",))
    first = [Piece(HEAD2, Box(100, 40, 100 + TITLE * len(HEAD2), 40 + TITLE), TITLE, "ha"),
             *_set(PARAS1, 100, 4, "a")]
    bottom = max(p.box.y1 for p in first)
    second = [Piece(third[0], Box(100, bottom + 30, 100 + TITLE * len(third[0]), bottom + 30 + TITLE), TITLE, "hb"),
              *_set(third[1], bottom + 90, 4, "b")]
    beside = [Piece("春耕备耕", Box(700, bottom + 30, 700 + TITLE * 4, bottom + 30 + TITLE), TITLE, "hc"),
              *_set(PARAS2, bottom + 90, 20, "c", lefts=(700,))]
    page = parse_page(paddle(first + second + beside), name="page.json")
    assert _stories(page) == [(HEAD2, list(PARAS1)), (third[0], list(third[1])), ("春耕备耕", list(PARAS2))]


def test_a_story_over_two_stories_side_by_side_keeps_its_second_column():
    """A story under a headline across both columns, over two stories side by side and no rule
    read between those (the right one's headline on two lines, level with the left one's text):
    its second column is read before the stories below, not after the first."""
    from read.test_formats import paddle

    lefts = (100, 400)
    stories = [("".join(HEAD1) + "春风送暖", PARAS1), ("口袋公园开放", PARAS2),
               ("义务植树活动启动", ("全市今春义务植树活动昨日启动，数万市民走上街头，在公园和河畔种下树苗，绿化家园。",
                                     "市园林部门介绍，今年将新增绿地三十多处，让市民出门就能见到绿色。"))]
    pieces = [Piece(stories[0][0], Box(100, 40, 100 + 30 * 12, 70), 30, "ha"), *_set(PARAS1, 100, 6, "a", lefts)]
    bottom = max(p.box.y1 for p in pieces)
    for (head, paras), left in zip(stories[1:], lefts):
        rows = [head] if left == lefts[0] else [head[:4], head[4:]]
        pieces += [Piece(row, Box(left, bottom + 30 + k * 46, left + TITLE * len(row), bottom + 70 + k * 46), TITLE,
                         f"h{left}") for k, row in enumerate(rows)]
        pieces += _set(paras, bottom + 90, 20, f"b{left}", (left,))
    page = parse_page(paddle(pieces), name="page.json")
    assert _stories(page) == [(head, list(paras)) for head, paras in stories]



def test_a_rule_read_as_a_stroke_in_the_gutter_does_not_hide_it():
    """Two columns' lines read as one, the column rule between them read as ``|`` standing in the
    gutter: the gap is measured past the stroke, and the line is still cut there."""
    left = [p for p in PAGE if p.block.startswith("s1-c0")][3]
    right = next(p for p in PAGE if p.block.startswith("s1-c1") and p.box.y0 == left.box.y0)
    words = [*_words(left), ("|", Box(left.box.x1 + 4, left.box.y0 - 4, left.box.x1 + 12, left.box.y1 + 4)),
             *_words(right)]
    lines = [Line(p.text, p.box, p.size, n, n + 1, tuple(_words(p))) for n, p in enumerate(PAGE)
             if p is not left and p is not right]
    lines.append(Line(left.text + "|" + right.text, left.box.union(right.box), EM, 99, 99, tuple(words)))
    text = arrange(lines).text
    assert left.text + "|" + right.text not in text.replace(" ", "")
    assert not any(left.text in row and right.text in row for row in text.replace(" ", "").splitlines())


def test_a_scrap_an_engine_put_in_a_columns_block_does_not_join_the_column():
    """The engine's block of a column may end in a scrap read across the gutter (a line's end and
    the next column's start). It is not of the column: set there, it would close the gutter, and
    the two columns would be read row by row."""
    blocks = {b: n for n, b in enumerate(dict.fromkeys(p.block for p in PAGE))}
    lines = []
    for k, p in enumerate(PAGE):
        lines.append(Line(p.text, p.box, p.size, blocks[p.block], k + 1, tuple(_words(p))))
        if p is [q for q in PAGE if q.block.startswith("s1-c0")][-1]:
            scrap = Piece("人生科技", Box(370, p.box.y1 + 5, 370 + 4 * EM, p.box.y1 + 5 + EM), EM, p.block)
            lines.append(Line(scrap.text, scrap.box, EM, blocks[p.block], 99, tuple(_words(scrap))))
    text = arrange(lines).text.replace(" ", "")
    assert text.index("今年以来") < text.index("记者在城郊") < text.index("人往，种子") < text.index("农业部门")


def test_a_headline_piece_given_the_texts_x_size_is_sized_by_its_ink():
    """Tesseract may give a headline's piece, read as an ``ocr_textfloat``, the text's x_size:
    its ideographs' ink (a row of type as tall as its box) says how large it is set."""
    right = next(p for p in PAGE if p.block == "h1b")
    box = right.box
    line = f'<span class="ocr_line" title="bbox {box.x0} {box.y0} {box.x1} {box.y1}; baseline 0 -3; x_size {TITLE}'
    page = hocr()
    assert page.count(line) == 1
    page = page.replace(line, line.replace("ocr_line", "ocr_textfloat").replace(f"x_size {TITLE}", f"x_size {EM}"))
    assert summary(parse_page(page, name="page.hocr")) == EXPECTED
