"""A heading's lines as the makeup reserves them are the lines that print: each no wider than the
module as set at the face's own widths (a heading line is not squeezed or tightened as body lines
are; one the composer fitted so wrapped in print onto the text below), and a heading is made a
size smaller rather than left with one character on a line of its own."""

from __future__ import annotations

from hypothesis import given, strategies as st

from publisher.model import Text
from publisher.typeset.stories import _fit_heading

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
MARKS = st.sampled_from(list("，、：；“”《》"))


def advance(c: str) -> float:
    return 1.0  # a CJK face: every ideograph and full-width mark one em


@given(st.lists(st.one_of(HAN, HAN, HAN, MARKS), min_size=2, max_size=40).map("".join),
       st.floats(min_value=100, max_value=600), st.floats(min_value=12, max_value=40))
def test_every_heading_line_fits_the_module_at_full_width(text, width, largest):
    size, lines = _fit_heading(Text(text), width, largest, 9.0, advance)
    assert "".join(lines) == text
    fits = all(len(line) * size <= width + 1e-6 for line in lines)
    assert fits or size == 9.0, (size, lines)  # at the smallest size a run no rule may break stays whole


def test_a_headline_one_character_over_two_lines_is_set_a_size_smaller():
    """19 characters in a 136.5 pt column at 14 pt hold 9 a line: three lines, the last of one
    character, ran into the text below; at 13 pt two lines hold them."""
    size, lines = _fit_heading(Text("哈塔米总统称伊朗尚无需同美恢复外交关系"), 136.5, 14.0, 12.6, advance)
    assert (size, len(lines)) == (13.0, 2)
