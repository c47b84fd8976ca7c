"""The character- and line-level repairs: examples from real OCR damage, and properties over any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import han
from publisher.model import Text
from publisher.read.repair import close_spaces, drop_repeated_lines, normalise_marks
from publisher.read.runs import RepairLog, source_lines


def repair(text: str) -> Text:
    log = RepairLog(text)
    (run,) = source_lines(text)
    return close_spaces(normalise_marks(run, log), log)


def test_line_break_spaces_become_recorded_breaks():
    t = repair("据内蒙古自治区扶贫办主任么 永波介绍")
    assert t.text == "据内蒙古自治区扶贫办主任么永波介绍"
    assert t.breaks == (13,) and t.lines() == ["据内蒙古自治区扶贫办主任么", "永波介绍"]


def test_han_digit_spaces_go_latin_spaces_stay():
    assert repair("导致全区 203 个扶贫车间").text == "导致全区203个扶贫车间"
    assert repair("引用 New York Times 的报道").text == "引用New York Times的报道"
    assert repair("全区 203 个").breaks == ()


def test_ascii_punctuation_in_chinese_context_becomes_full_width():
    assert repair("积极做好扶贫,鼓励引导;是否?好!网址:www.nmgsb.com.cn").text == "积极做好扶贫，鼓励引导；是否？好！网址：www.nmgsb.com.cn"
    assert repair("本报讯(记者 张鑫)3月1日").text == "本报讯（记者 张鑫）3月1日"
    assert repair("共检查经营主体 25.83 万家 (次),立案").text == "共检查经营主体25.83万家（次），立案"


def test_ascii_stays_where_it_belongs():
    t = repair("同比增长7.02%,晚上 21:00, 夜色 400cc 血浆 www.nmgsb.com.cn 1,000 人 http://a.cn/x").text
    for kept in ("7.02%", "21:00", "400cc", "www.nmgsb.com.cn", "1,000", "http://a.cn/x"):
        assert kept in t


def test_straight_quotes_pair_up():
    assert repair('走进"空中课堂",和老师"隔空相见"。').text == "走进“空中课堂”，和老师“隔空相见”。"
    assert repair('说:"住院隔离期间。"他说').text == "说：“住院隔离期间。”他说"
    assert repair("战'疫'上").text == "战‘疫’上"
    # a quote closed at the start of a line continues a quotation from the column before
    assert repair('与理解,才能做到位。" "疫情工作').text == "与理解，才能做到位。”“疫情工作"


def test_full_width_latin_becomes_half_width():
    assert repair("增长ＡＢ１２个").text == "增长AB12个"


def test_a_line_read_twice_at_a_column_break_is_dropped_once():
    text = "才能获得群众的支持 与理解,才能做到位。\n与理解,才能做到位。\" \"疫情工作开展以来"
    log = RepairLog(text)
    runs = drop_repeated_lines([normalise_marks(r, log) for r in source_lines(text)], log)
    assert [r.text for r in runs] == ["才能获得群众的支持 与理解，才能做到位。”", "“疫情工作开展以来"]
    assert [(r.kind, r.line, r.column) for r in log.repairs if r.kind == "repeated-line"] == [("repeated-line", 1, 11)]


def test_a_headline_the_text_opens_with_is_not_read_twice():
    """The column's last words read again at the next column's head are dropped; a whole block
    that the next one opens with (a headline piece, 消除贫穷是 over 消除贫穷是全人类的…) is not."""
    text = "消除贫穷是\n消除贫穷是全人类的重大课 题。和平与发展是当代世界的两大主题。"
    log = RepairLog(text)
    runs = drop_repeated_lines(source_lines(text), log)
    assert [r.text for r in runs] == text.split("\n") and not log.repairs
    text = "全市各地抓住有利天气 组织农民开展春耕备耕\n开展春耕备耕工作，进度快于往年。"
    log = RepairLog(text)
    runs = drop_repeated_lines(source_lines(text), log)
    assert [r.text for r in runs] == ["全市各地抓住有利天气 组织农民开展春耕备耕", "工作，进度快于往年。"]


def test_repeated_line_inside_a_block():
    text = "这是第一行的文字 这是第二行的文字 这是第二行的文字 这是第三行"
    log = RepairLog(text)
    (run,) = drop_repeated_lines(source_lines(text), log)
    assert run.text.count("这是第二行的文字") == 1


# -- properties over arbitrary text

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
PIECE = st.one_of(
    st.text(HAN, min_size=1, max_size=6),
    st.sampled_from([",", ":", ";", "?", "!", "(", ")", '"', "。", "、", " ", "  ", "203", "7.02%", "21:00", "abc", "ＡＢ"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECE, min_size=1, max_size=30).map("".join).filter(lambda s: s.strip()))
def test_repair_rules_hold_for_any_text(text):
    t = repair(text)
    assert han(t.text) == han(text), "an ideograph was lost, added or moved"
    assert not re.search(r"[\u4e00-\u9fa5]\s+[\u4e00-\u9fa5]", t.text), "space left between two ideographs"
    assert not re.search(r"[\u4e00-\u9fa5][,:;?!()]|[,:;?!()][\u4e00-\u9fa5]", t.text), "ASCII mark next to an ideograph"
    assert list(t.breaks) == sorted(set(t.breaks)) and all(0 < b < len(t.text) for b in t.breaks)
    assert '"' not in t.text or not han(t.text)


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECE, min_size=1, max_size=30).map("".join).filter(lambda s: s.strip()))
def test_repair_is_idempotent(text):
    once = repair(text).text
    assert repair(once).text == once


def test_printed_credit_spaces_survive():
    assert repair("游玩。(记者 吴强 摄)").text == "游玩。（记者 吴强 摄）"
    assert repair("收获小麦。 新华社记者 李嘉南摄").text == "收获小麦。新华社记者 李嘉南摄"
    assert repair("新华社记者从会上获悉 会议决定").text == "新华社记者从会上获悉会议决定"  # not a credit
