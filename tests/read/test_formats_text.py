"""Formats told from text: Tesseract's plain text vs today's shape, the format override, and
bad or hostile input refused with one clear line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import PAGES, ROOT, SAMPLE
from publisher import InputError, parse_page, read_page
from publisher.read.formats import NAMES, detect_format, page_text

# A page as Tesseract prints it: one printed line per line (14 characters a column line), a blank
# line after every paragraph and at the column end.
PARAGRAPHS = [
    ["全市春耕备耕工作有序推进"],
    ["本报记者 张三"],
    ["今年以来，全市各地抓住有", "利天气，组织农民开展春耕备耕", "工作，进度快于往年。"],
    ["记者在城郊的几个村子看到", "田间地头处处是忙碌的身影，拖", "拉机来回穿梭，农资店里人来人", "往，村民们说今年有盼头。"],
    ["农业部门表示，将继续做好", "技术指导服务，确保不误农时。"],
]
TESSERACT = "\n\n".join("\n".join(p) for p in PARAGRAPHS) + "\n\f"


def test_tesseract_text_is_detected_and_its_lines_joined_with_single_spaces():
    assert detect_format(TESSERACT.encode()) == "tesseract"
    assert page_text(TESSERACT, "p").splitlines() == [" ".join(p) for p in PARAGRAPHS]
    story = parse_page(TESSERACT, name="p").stories[0]
    assert (story.headline.text, story.byline) == ("全市春耕备耕工作有序推进", "本报记者 张三")
    assert [b.text for b in story.body] == ["".join(p) for p in PARAGRAPHS[2:]]


def test_tesseract_without_the_form_feed_needs_more_blocks_of_lines():
    two = "\n\n".join("\n".join(p) for p in PARAGRAPHS[:4]) + "\n"  # two blocks of several lines
    assert detect_format(two.encode()) == "lines"  # unsure: left as it is
    assert detect_format((two + "\f").encode()) == "tesseract"
    assert detect_format(TESSERACT.replace("\f", "").encode()) == "tesseract"


def test_tesseract_text_with_many_one_line_blocks_is_still_detected():
    """Headlines, bylines, a photo title and its caption around a few paragraphs: most blocks
    are one line, yet every line is a column line or shorter, as no page in today's shape is."""
    body = [p for p in PARAGRAPHS if len(p) > 1][:3]
    singles = ["老街新貌", "本报记者 张三", "图为改造后的老街社区食堂。", "社区食堂开进老街", "本报记者 李四",
               "青少年足球联赛开幕", "本报记者 王五", "书香满城"]
    text = "\n\n".join(["\n".join(p) for p in body] + singles) + "\n"
    lines = sum(len(p) for p in body)
    assert lines < 0.6 * (lines + len(singles))  # under the share a page with long lines must show
    assert detect_format(text.encode()) == "tesseract"


def test_blocks_of_lines_of_any_width_stay_lines():
    """Several short paragraphs to a block, one a line (today's shape): widths vary, so not Tesseract."""
    block = "\n".join(["今天天气很好。" * 3, "明天有雨。", "后天转晴，气温回升，适宜出行。" * 2, "周末多云。"])
    text = "\n\n".join([block] * 4) + "\n"
    assert detect_format(text.encode()) == "lines"
    assert detect_format((text + "\f").encode()) == "lines"


def test_spaces_tesseract_put_between_characters_are_removed():
    spaced = TESSERACT.replace("利天气，组织农民开展春耕备耕", "利 天 气 ， 组 织 农 民 开 展 春 耕 备 耕")
    assert page_text(spaced, "p") == page_text(TESSERACT, "p")


def _text_pages():
    return [SAMPLE, *sorted((ROOT / "tests" / "corpus" / "pages").glob("*.txt")), *sorted(PAGES.glob("*.txt"))]


@pytest.mark.parametrize("path", _text_pages(), ids=lambda p: p.name)
def test_pages_in_todays_shape_stay_lines(path):
    assert detect_format(path.read_bytes()) == "lines"


def test_the_format_can_be_forced(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(TESSERACT, encoding="utf-8")
    forced = read_page(path, format="lines")  # every printed line a block: more blocks than paragraphs
    assert len(forced.lines) > len(read_page(path).lines)
    one_line_each = "\n".join(" ".join(p) for p in PARAGRAPHS) + "\n"
    # lines without blank lines between are one block, but a credit line with role words is its
    # own (Tesseract runs a headline, its byline and the first paragraph together)
    assert page_text(one_line_each, "p", "tesseract") == (
        "全市春耕备耕工作有序推进\n本报记者 张三\n" + " ".join(" ".join(p) for p in PARAGRAPHS[2:]) + "\n")


def test_an_unknown_format_names_the_known_ones(tmp_path):
    with pytest.raises(InputError, match="unknown format 'pdf'.*hocr, alto, paddle, tesseract, lines"):
        read_page(tmp_path / "missing.txt", format="pdf")
    with pytest.raises(InputError, match="known: " + ", ".join(NAMES)):
        parse_page(TESSERACT, format="word")


ALTO_HEAD = '<?xml version="1.0"?>\n<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page>\n'
XXE = ('<?xml version="1.0"?>\n<!DOCTYPE alto [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
       '<alto><Layout><Page><PrintSpace><TextBlock><TextLine HPOS="0" VPOS="0" WIDTH="100" HEIGHT="20">'
       '<String CONTENT="&xxe;" HPOS="0" VPOS="0" WIDTH="100" HEIGHT="20"/></TextLine></TextBlock>'
       '</PrintSpace></Page></Layout></alto>\n')
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
          + ']>\n<alto><Layout><Page><PrintSpace><TextBlock><TextLine HPOS="0" VPOS="0" WIDTH="9" HEIGHT="9">'
          '<String CONTENT="&lol9;"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>\n')
HOCR_XXE = ('<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<html><body>'
            '<div class="ocr_page" title="bbox 0 0 100 100"><span class="ocr_line" title="bbox 0 0 100 20">'
            '&xxe;</span></div></body></html>\n')
DTD = '<?xml version="1.0"?>\n<!DOCTYPE alto SYSTEM "file:///etc/passwd">\n<alto><Layout/></alto>\n'

BAD = {
    "malformed-alto": (ALTO_HEAD + '<TextBlock><TextLine>\n<String CONTENT="字"></TextLine>\n', ["malformed XML", "line 4"]),
    "alto-without-text": (ALTO_HEAD + '<PrintSpace><Illustration HPOS="1" VPOS="1" WIDTH="9" HEIGHT="9"/>'
                          '</PrintSpace></Page></Layout></alto>\n', ["ALTO without any text"]),
    "hocr-without-bbox": ('<html><body><div class="ocr_page"><span class="ocr_line">今天天气很好。</span>'
                          '</div></body></html>\n', ["hOCR without any bbox"]),
    "json-object": ('{"text": "今天天气很好。"}', ["not an OCR box list"]),
    "json-strings": ('["今天", "天气"]', ["not an OCR box list", "item 1"]),
    "json-three-points": ('[[[[0, 0], [9, 0], [9, 9]], ["今天", 0.9]]]', ["not an OCR box list", "item 1"]),
    "xxe": (XXE, ["refused"]),
    "billion-laughs": (LAUGHS, ["refused"]),
    "hocr-xxe": (HOCR_XXE, ["refused"]),
    "external-dtd": (DTD, ["refused"]),
    # the pages of an issue in one file would be read on top of each other
    "hocr-two-pages": ('<html><body>' + 2 * ('<div class="ocr_page" title="bbox 0 0 100 100"><span class="ocr_line" '
                       'title="bbox 0 0 100 20">今天天气很好。</span></div>') + '</body></html>\n',
                       ["holds 2 pages", "ocr_page", "one page a file"]),
    "alto-two-pages": ('<?xml version="1.0"?>\n<alto><Layout>' + 2 * ('<Page><PrintSpace><TextBlock><TextLine HPOS="0" '
                       'VPOS="0" WIDTH="90" HEIGHT="9"><String CONTENT="今天天气很好。"/></TextLine></TextBlock>'
                       '</PrintSpace></Page>') + '</Layout></alto>\n', ["holds 2 pages", "Page", "one page a file"]),
    "tesseract-two-pages": ("\f".join(["春风送暖万家\n\n本报讯 今年春节前后，全市组织了一百多场文艺\n演出，"
                                       "把欢乐送到千家万户。\n\n小城的灯会迎来了四方游客\n"] * 2) + "\f",
                            ["holds 2 pages", "form feeds", "one page a file"]),
    "json-two-pages": ('[[[[[0, 0], [90, 0], [90, 9], [0, 9]], ["今天天气很好。", 0.9]]], '
                       '[[[[0, 0], [90, 0], [90, 9], [0, 9]], ["明天下雨。", 0.9]]]]', ["holds 2 pages", "one page a file"]),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_one_clear_input_error(tmp_path, name):
    content, words = BAD[name]
    path = tmp_path / f"{name}.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_page(path)
    message = str(raised.value)
    assert "\n" not in message and str(path) in message
    assert all(w in message for w in words), message
    assert "root:" not in message


def test_forced_formats_refuse_what_is_not_theirs():
    with pytest.raises(InputError, match="not valid JSON .line 1"):
        parse_page("今天天气很好。", format="paddle")
    with pytest.raises(InputError, match="malformed XML"):
        parse_page("今天天气很好。", format="alto")
    with pytest.raises(InputError, match="hOCR without any bbox"):
        parse_page("今天天气很好。", format="hocr")


def test_the_cli_exits_3_with_one_line_and_writes_nothing(tmp_path):
    page, out = tmp_path / "page.xml", tmp_path / "page.html"
    page.write_text(XXE, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "publisher", "html", str(page), "-o", str(out)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 3 and len(r.stderr.strip().splitlines()) == 1 and "refused" in r.stderr
    assert "root:" not in r.stdout + r.stderr and not out.exists()
