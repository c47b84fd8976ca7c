"""Line composition (clreq) as properties over any paragraph, and a few pinned cases."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.typeset.compose import LOOSE, NO_END, NO_START, compose
from publisher.typeset.fonts import advance, bundled_faces

BODY = bundled_faces()["body"]


def adv(c: str) -> float:
    return advance(BODY, c) or 1.0


HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
PIECE = st.one_of(
    st.text(HAN, min_size=1, max_size=8),
    st.sampled_from(["，", "。", "、", "；", "：", "？", "！", "“", "”", "（", "）", "《", "》", "——", "……",
                     "。”", "”，", "：“", "203", "7.02%", "400cc", "New York"]),
)
PARAGRAPH = st.lists(PIECE, min_size=1, max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(PARAGRAPH, st.sampled_from([8.0, 11.0, 15.0, 15.5, 22.5]))
def test_lines_obey_the_rules_for_any_paragraph(text, measure):
    lines = compose(text, measure, adv)
    assert "".join(l.text for l in lines).replace(" ", "") == text.replace(" ", ""), "text lost or reordered"
    for k, line in enumerate(lines):
        first, last = line.units[0].text, line.units[-1].text
        if k > 0 and len(line.units) > 1:  # a line made of a lone unit has nowhere else to go
            assert first[0] not in NO_START, line.text
        if k < len(lines) - 1 and len(line.units) > 1:
            assert last[-1] not in NO_END, line.text
        assert "——" not in (first[:1] + "|" + last[-1:]).split("|")  # pairs are units: never split
        if not line.last and line.spacing < LOOSE - 1e-9 and len(line.units) > 1:  # loose lines stay ragged
            assert abs(line.width - measure) < 1e-3, (line.text, line.width)


def test_adjacent_marks_take_an_em_and_a_half():
    (line,) = compose("他说：“好。”", 20, adv, indent=0)
    marks = [u for u in line.units if u.kind == "mark"]
    assert [u.squeezed for u in marks] == [True, False, True, False]  # ：“ → 1.5 em, 。” → 1.5 em


def test_han_latin_spacing_quarter_em_none_at_line_edges():
    lines = compose("全区203个扶贫车间", 20, adv, indent=0)
    units = lines[0].units
    assert [u.gap_before for u in units][:4] == [0, 0, 0.25, 0.25]
    lines = compose("一二三四五六七八九十203", 10, adv, indent=0)
    assert lines[1].units[0].text == "203" and lines[1].units[0].gap_before == 0


def test_closing_mark_is_pulled_in_by_squeezing_before_pushing_out():
    # 14 ideographs and two marks fill the line; the comma cannot start the next one
    text = "一二三、四五六、七八九十一二四，五六"
    first = compose(text, 15, adv, indent=0)[0]
    assert first.text.endswith("四，") and sum(u.squeezed for u in first.units) == 2
    assert not first.units[-1].squeezed  # the line-end mark keeps its em: the right edge stays exact
    # when squeezing inside the line is not enough, a character goes down with the comma
    first = compose("一二三、四五六七八九十一二三四，五六", 15, adv, indent=0)[0]
    assert first.text.endswith("三") and abs(first.width - 15) < 1e-3


def test_no_single_character_last_line_when_a_squeeze_avoids_it():
    text = "一二，三四五，六七八九十一二三四"  # 16 units: the last would be left alone
    lines = compose(text, 15, adv, indent=0)
    assert len(lines) == 1 and lines[0].width <= 15 + 1e-6


def test_first_line_indent_two_em():
    lines = compose("一" * 40, 15, adv)
    assert lines[0].indent == 2 and len(lines[0].units) == 13 and lines[1].indent == 0
