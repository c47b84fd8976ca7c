"""Punctuation by the Traditional convention (clreq 3.1.6): in zh-Hant the TC faces centre
，。、；：！？ in the em box, so the composer never sets them half-width — not beside another
mark, not at a line end, not to pull a mark back onto its line. Simplified pages keep their
squeezing. Properties over any paragraph, and pinned lines for both conventions."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.typeset.compose import LOOSE, NO_END, NO_START, compose
from publisher.typeset.fonts import advance, bundled_faces
from publisher.typeset.punctuation import CENTRED_TRADITIONAL, Metrics, centred_marks

TC = bundled_faces()["body-tc"]
SC = bundled_faces()["body"]
HANT = Metrics(lambda c: advance(TC, c) or 1.0, centred_marks("zh-Hant"))
HANS = Metrics(lambda c: advance(SC, c) or 1.0, centred_marks("zh-Hans"))

TRAD_PIECE = st.one_of(
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=8),
    st.sampled_from(["，", "。", "、", "；", "：", "？", "！", "「", "」", "『", "』", "（", "）", "——", "……",
                     "。」", "」，", "：「", "？」", "！』", "，「", "」。", "203", "7.02%"]),
)
TRAD_PARAGRAPH = st.lists(TRAD_PIECE, min_size=1, max_size=60).map("".join)
# the Simplified marks too: ？！ set beside “” and 《》, and Latin runs
PARAGRAPH = st.lists(st.one_of(TRAD_PIECE, st.sampled_from(["“", "”", "《", "》", "。”", "”，", "：“", "New York"])),
                     min_size=1, max_size=60).map("".join)


@pytest.mark.parametrize("tag, centred", [("zh-Hant", True), ("zh-Hant-TW", True), ("zh-TW", True), ("zh-HK", True),
                                          ("ZH-hant", True), ("zh-Hans", False), ("zh", False), (None, False),
                                          ("zh-CN", False)])
def test_the_traditional_convention_follows_the_language_tag(tag, centred):
    assert (centred_marks(tag) == CENTRED_TRADITIONAL) is centred
    assert bool(centred_marks(tag)) is centred


@settings(max_examples=300, deadline=None)
@given(st.one_of(TRAD_PARAGRAPH, PARAGRAPH), st.sampled_from([6.0, 8.0, 11.0, 15.0, 15.5]))
def test_a_centred_mark_is_never_squeezed_in_a_traditional_page(text, measure):
    lines = compose(text, measure, HANT)
    assert "".join(l.text for l in lines).replace(" ", "") == text.replace(" ", ""), "text lost or reordered"
    for k, line in enumerate(lines):
        squeezed = [u.text for u in line.units if u.squeezed]
        assert not set(squeezed) & CENTRED_TRADITIONAL, (line.text, squeezed)
        # and the rules still hold: no closing mark starts a line, no opening mark ends one
        if k > 0 and len(line.units) > 1:
            assert line.units[0].text[0] not in NO_START, line.text
        if k < len(lines) - 1 and len(line.units) > 1:
            assert line.units[-1].text[-1] not in NO_END, line.text
        if not line.last and line.spacing < LOOSE - 1e-9 and len(line.units) > 1:
            assert abs(line.width - measure) < 1e-3, (line.text, line.width)


@settings(max_examples=200, deadline=None)
@given(TRAD_PARAGRAPH, st.sampled_from([8.0, 11.0, 15.0]))
def test_a_pair_with_a_centred_mark_keeps_the_centred_mark_whole(text, measure):
    """Two adjacent marks: a centred one keeps its em; the other may still give up its blank
    half (」， → 1.5 em, ，「 → 1.5 em), and 。」 stays 2 em."""
    for line in compose(text, measure, HANT, indent=0):
        units = line.units
        for a, b in itertools.pairwise(units):
            if a.kind == b.kind == "mark" and (a.text in CENTRED_TRADITIONAL or b.text in CENTRED_TRADITIONAL):
                pair = a.set_width + b.set_width
                assert pair >= 1.5 - 1e-9, (a.text, b.text, pair)
                centred = a if a.text in CENTRED_TRADITIONAL else b
                assert centred.set_width == pytest.approx(centred.width), (a.text, b.text)


def widths(text: str, metrics: Metrics) -> list[tuple[str, float]]:
    (line,) = compose(text, 30, metrics, indent=0)
    return [(u.text, u.set_width) for u in line.units if u.kind == "mark"]


def test_pinned_pairs_in_both_conventions():
    text = "他說：「好。」又說，「走吧！」"
    assert widths(text, HANT) == [("：", 1.0), ("「", 0.5), ("。", 1.0), ("」", 1.0), ("，", 1.0), ("「", 0.5),
                                  ("！", 1.0), ("」", 1.0)]
    assert widths(text, HANS) == [("：", 0.5), ("「", 1.0), ("。", 0.5), ("」", 1.0), ("，", 0.5), ("「", 1.0),
                                  ("！", 0.5), ("」", 1.0)]
    assert widths("「好」，走", HANT) == [("「", 1.0), ("」", 0.5), ("，", 1.0)]


def test_a_line_end_comma_is_not_squeezed_to_keep_it_on_its_line():
    # ten ideographs and a comma in a 10-em measure: Simplified squeezes the comma onto the
    # line (挤进); Traditional cannot, so an ideograph goes down with it (推出)
    text = "一二三四五六七八九十，十一二三四五六七八。"
    hans = compose(text, 10, HANS, indent=0)
    hant = compose(text, 10, HANT, indent=0)
    assert hans[0].text == "一二三四五六七八九十，"
    assert hant[0].text == "一二三四五六七八九" and hant[1].text.startswith("十，")
    assert not [u for line in hant for u in line.units if u.squeezed]
