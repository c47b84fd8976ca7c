"""The print PDF, read back with pdfplumber, poppler and pdfium: the page, its fonts, its text layer."""

from __future__ import annotations

import re

import pytest

from conftest import SAMPLE, han
from pdfcheck import body_lines, fonts, page_count, pdfium_text, poppler_text
from publisher import read_page
from publisher.model import date_label
from publisher.render.pdf import make_pdf, write_pdf

PROHIBITED_START = set("，。、；：？！）》」』”’")
PROHIBITED_END = set("（《「『“‘")


@pytest.fixture(scope="module")
def sample():
    return read_page(SAMPLE)


@pytest.fixture(scope="module")
def rendered(sample, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    result = write_pdf(sample, path)
    return path, result


def print_order(page) -> str:
    """The Han characters the print page shows, in reading order: masthead, folio, stories."""
    when = page.metadata.when
    unprinted = date_label(when) if when and when != page.folio.date else ""  # the metadata's date, in the folio
    return (han(page.metadata.paper or "") + han(unprinted) + han("".join(f.text for f in page.folio.fields))
            + "".join(han(s.text()) for s in page.stories))


def test_one_page_with_embedded_subset_fonts_only(rendered):
    path, _ = rendered
    assert page_count(path) == 1
    table = fonts(path)
    assert table and all(f["emb"] == "yes" and f["sub"] == "yes" and f["uni"] == "yes" for f in table), table
    assert not any("Type 3" in f["type"] for f in table)


def test_text_layer_has_every_character_in_reading_order(rendered, sample):
    path, _ = rendered
    expected = print_order(sample)
    assert han(pdfium_text(path)) == expected
    popp = poppler_text(path)
    assert sorted(han(popp)) == sorted(expected)  # nothing lost or added
    stories = [han(s.text()) for s in sample.stories]
    furniture = han("".join(f.text for f in sample.folio.fields)) + han(sample.metadata.paper or "") + "年月"
    for line in popp.splitlines():  # no line mixes two stories (columns read one at a time)
        if han(line):
            assert any(han(line) in t for t in stories) or han(line) in furniture, line
    assert "编辑 李娜" in popp and "版式 罗万玲" in popp


def test_columns_have_the_source_measure_and_stay_in_the_type_area(rendered):
    path, result = rendered
    grid = result.sheet.grid
    (lines,) = body_lines(path, grid.body_size)
    widths = [l.x1 - l.x0 for l in lines if len(l.chars) >= 10]
    full = [w for w in widths if abs(w - grid.column_width) < grid.body_size]
    assert len(full) > 0.8 * len(widths)
    for w in full:
        assert abs(w / grid.body_size - 15) <= 0.5
    layout = result.layout
    right = layout.page_width - layout.margin_outer
    bottom = layout.page_height - layout.margin_bottom
    for l in lines:
        assert layout.margin_inner - 0.5 <= l.x0 and l.x1 <= right + 0.5
        assert l.chars[-1]["bottom"] <= bottom + 0.5


def test_page_is_filled(rendered):
    _, result = rendered
    assert result.sheet.blank_share() < 0.08


def test_metadata_and_language(rendered):
    import pdfplumber

    path, _ = rendered
    with pdfplumber.open(path) as pdf:
        assert pdf.doc.catalog["Lang"] == b"zh-Hans"
        assert "StructTreeRoot" in pdf.doc.catalog and pdf.doc.catalog["MarkInfo"]["Marked"]
        meta = pdf.metadata
    assert meta["Title"] == "内蒙古商报 2020-03"
    assert meta["Author"] == "编辑 李娜; 版式 罗万玲"


def test_same_input_same_bytes(sample, rendered):
    path, _ = rendered
    assert make_pdf(sample).data == path.read_bytes()


# -- clreq, measured on the PDF


def test_no_line_starts_or_ends_with_a_prohibited_mark(rendered):
    (lines,) = body_lines(rendered[0], rendered[1].sheet.grid.body_size)
    assert len(lines) > 300
    bad = [l.text for l in lines if l.text[0] in PROHIBITED_START or l.text[-1] in PROHIBITED_END]
    assert not bad


def is_flush(line, right, size) -> bool:
    """Right edge at the column edge within 0.1 em — or a line-end mark set half-width (GB/T
    15834 practice), whose box pdfplumber reports at full width: half an em over."""
    over = (line.x1 - right) / size
    return abs(over) <= 0.1 or (line.text[-1] in PROHIBITED_START and abs(over - 0.5) <= 0.1)


def non_final_lines(lines, grid):
    """Lines followed, in the same column one pitch lower, by an unindented line: the paragraph
    goes on, so the line must be justified."""
    by_column: dict[int, list] = {}
    for l in lines:
        col = min(range(grid.columns), key=lambda c: abs(l.x0 - grid.x(c)))
        if abs(l.x0 - grid.x(col)) < 2.5 * grid.body_size:
            by_column.setdefault(col, []).append(l)
    out = []
    for col, ls in by_column.items():
        ls.sort(key=lambda l: l.chars[0]["top"])
        for a, b in zip(ls, ls[1:]):
            next_row = abs(b.chars[0]["top"] - a.chars[0]["top"] - grid.pitch) < 0.5
            if next_row and abs(b.x0 - grid.x(col)) < 0.2 * grid.body_size:
                out.append((a, grid.x(col) + grid.column_width))
    return out


def test_lines_are_justified_flush_right(rendered):
    path, result = rendered
    g = result.sheet.grid
    (lines,) = body_lines(path, g.body_size)
    (body,) = body_lines(path, g.body_size, font="Noto-Serif-CJK-SC")
    checked = non_final_lines(body, g)
    flush = [l for l, right in checked if is_flush(l, right, g.body_size)]
    assert len(checked) > 300
    assert len(flush) >= 0.98 * len(checked), [l.text for l, r in checked if not is_flush(l, r, g.body_size)]


def test_no_ascii_marks_next_to_han_and_no_spaces_between_han(rendered, sample):
    credits = [f"{c.role} {c.name}" for c in sample.credits] + [b.text for s in sample.stories for b in s.bylines]
    credits += [s.dateline for s in sample.stories if s.dateline]
    for text in (poppler_text(rendered[0]), pdfium_text(rendered[0])):
        assert not re.search(r"[\u4e00-\u9fff][,:;?!()]|[,:;?!()][\u4e00-\u9fff]", text)
        lines = [l for l in text.splitlines() if "网址" not in l]  # the folio line: separate fields
        story_text = re.sub(r" *([（）]) *", r"\1", "\n".join(lines))
        for credit in credits:  # printed role–name spaces are the source's own
            story_text = story_text.replace(credit, "")
        assert not re.findall(r".{0,8}[\u4e00-\u9fff] +[\u4e00-\u9fff].{0,8}", story_text)


def test_han_digit_spacing_is_rendered(rendered):
    path, result = rendered
    (lines,) = body_lines(path, result.sheet.grid.body_size)
    gaps = []
    for l in lines:
        for a, b in zip(l.chars, l.chars[1:]):
            if re.match(r"[\u4e00-\u9fff]", a["text"]) and b["text"].isdigit():
                gaps.append((b["x0"] - a["x1"]) / l.size)
    assert len(gaps) > 20 and min(gaps) >= 0.1  # ¼ em, narrowed to ⅛ em where a line needs the room
    assert sorted(gaps)[len(gaps) // 2] >= 0.24


def test_original_lines_mode_reproduces_the_printed_breaks(sample, tmp_path):
    path = tmp_path / "faithful.pdf"
    write_pdf(sample, path, faithful=True)
    text = re.sub(r"[ \t\r]", "", pdfium_text(path))
    total = kept = 0
    for story in sample.stories:
        for block in story.body:
            cuts = (0, *block.breaks)
            for prev, cut in zip(cuts, cuts[1:]):
                total += 1
                before = block.text[max(prev, cut - 6) : cut]
                kept += (before + "\n" + block.text[cut : cut + 4]) in text
    assert total > 200
    assert kept >= 0.95 * total, f"{kept}/{total}"


def test_a4_edition_continues_across_pages_with_everything(sample, tmp_path):
    path = tmp_path / "a4.pdf"
    result = write_pdf(sample, path, "a4")
    assert page_count(path) == result.sheet.pages > 1
    assert han(pdfium_text(path)) == print_order(sample)
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts(path))
    (first, *_) = body_lines(path, 10.5)
    assert first and all(l.x1 <= result.layout.page_width - result.layout.margin_outer + 0.5 for l in first)


def test_a_page_too_full_for_one_sheet_is_refused_with_a_clear_error(tmp_path):
    from publisher import parse_page
    from publisher.typeset.sheet import MakeupError

    text = SAMPLE.read_text(encoding="utf-8")
    crowded = parse_page(text + "\n\n" + "\n\n".join(text.splitlines()[2:]) * 2)
    with pytest.raises(MakeupError, match="broadsheet sheet"):
        make_pdf(crowded)


@pytest.mark.parametrize("name", ["evening-news_no-breaks.txt", "county-weekly_12em.gbk.txt", "harbour-daily.big5.txt",
                                  "tamsui-evening_photo.big5.txt", "kowloon-weekly_intertitles.txt"])
def test_own_pages_print_with_the_rules(name, tmp_path):
    from conftest import PAGES

    page = read_page(PAGES / name)
    path = tmp_path / "page.pdf"
    result = write_pdf(page, path)
    assert page_count(path) == 1
    assert han(pdfium_text(path)) == print_order(page)
    (lines,) = body_lines(path, result.sheet.grid.body_size)
    assert not [l.text for l in lines if l.text[0] in PROHIBITED_START or l.text[-1] in PROHIBITED_END]
    checked = non_final_lines(lines, result.sheet.grid)
    flush = [l for l, right in checked if is_flush(l, right, result.sheet.grid.body_size)]
    assert len(flush) >= 0.98 * len(checked), [l.text for l, r in checked if not is_flush(l, r, result.sheet.grid.body_size)]


def test_missing_glyph_is_named_before_rendering():
    from publisher import parse_page
    from publisher.typeset.fonts import FontError

    page = parse_page("标题\n\n正文里有一个字体里没有的字𠀋，还有别的内容。这是一个足够长的段落，用来测试。\n")
    with pytest.raises(FontError, match=r"U\+2000B 𠀋"):
        make_pdf(page)


def test_stylesheet_cannot_reach_outside_the_project(sample, tmp_path):
    evil = tmp_path / "evil.css"
    evil.write_text('.headline { background: url(file:///etc/passwd); }\n'
                    '.kicker { background: url(http://example.com/x.png); }\n', encoding="utf-8")
    result = make_pdf(sample, extra_css=(evil,))
    assert "file:///etc/passwd" in result.refused and "http://example.com/x.png" in result.refused
    assert result.data.startswith(b"%PDF")


def test_source_date_epoch_sets_the_dates(sample, monkeypatch):
    import pdfplumber
    import io

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1583193600")  # 2020-03-03
    first = make_pdf(sample).data
    assert first == make_pdf(sample).data
    with pdfplumber.open(io.BytesIO(first)) as pdf:
        assert pdf.metadata.get("ModDate", "").startswith("D:20200303")


def test_each_character_is_checked_against_the_face_the_layout_sets_it_in():
    """丂 is in the Song and Hei faces, not in the Kai: fine in a paragraph, refused in a byline
    (set in Kai by the layout), and fine again when a stylesheet sets bylines in Song."""
    from publisher import parse_page
    from publisher.typeset.fonts import FontError

    body = "正文里有一个不常见的字丂，还有别的内容。这是一个足够长的段落，用来测试字体覆盖。\n"
    make_pdf(parse_page("标题\n\n" + body))
    signed = parse_page("标题\n\n" + body + "\n王丂\n")
    assert signed.stories[0].bylines[0].text == "王丂"
    with pytest.raises(FontError, match=r"U\+4E02 丂"):
        make_pdf(signed)


def test_a_stylesheet_that_moves_bylines_to_song_moves_the_check_with_them(tmp_path):
    from publisher import parse_page

    song = tmp_path / "song.css"
    song.write_text('.byline { font-family: var(--body-face), serif; font-weight: 400; }\n', encoding="utf-8")
    body = "正文里有一个不常见的字丂，还有别的内容。这是一个足够长的段落，用来测试字体覆盖。\n"
    result = make_pdf(parse_page("标题\n\n" + body + "\n王丂\n"), extra_css=(song,))
    assert result.data.startswith(b"%PDF")
