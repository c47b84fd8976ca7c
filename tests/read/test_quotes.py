"""A Traditional page's curly quotes become corner brackets 「」『』 (a logged repair, on by default,
``quotes="keep"`` or ``--no-repair`` to keep them); a Simplified page's are never touched."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PAGES, SAMPLE
from publisher import Metadata, parse_page, read_page
from publisher.read.repair import corner_brackets
from publisher.read.runs import RepairLog, Run

ISLAND = PAGES / "island-times_vertical.txt"
OPENING, CLOSING = "“‘", "”’"


def convert(text: str) -> tuple[str, RepairLog]:
    log = RepairLog(text)
    return corner_brackets(Run(text, tuple(range(len(text)))), log).text, log


def test_nested_quotes_take_the_inner_brackets():
    assert convert("他說：“我們會‘穩中求進’。”")[0] == "他說：「我們會『穩中求進』。」"
    assert convert("“甲‘乙“丙”乙’甲”")[0] == "「甲『乙「丙」乙』甲」"  # depth alternates
    assert convert("‘單引號在外“雙引號在內”’")[0] == "「單引號在外『雙引號在內』」"  # by depth, not by mark
    assert convert("Hong Kong’s port 與 “MRT”")[0] == "Hong Kong’s port 與 「MRT」"  # an apostrophe stays


def test_a_closing_mark_closes_the_quote_of_its_own_kind():
    # the inner quote was never closed (OCR lost its mark): the outer one still closes as 」
    assert convert("“甲‘乙丙”丁")[0] == "「甲『乙丙」丁"
    assert convert("甲”乙’")[0] == "甲」乙」"  # closing nothing: the outer pair


_QUOTED = st.recursive(
    st.text(st.sampled_from("港口貨運，。a "), max_size=4),
    lambda inner: st.tuples(st.sampled_from(["“”", "‘’"]), st.lists(inner, max_size=3)).map(
        lambda t: t[0][0] + "".join(t[1]) + t[0][1]),
    max_leaves=8,
)


@settings(deadline=None)
@given(st.lists(_QUOTED, max_size=4).map("".join))
def test_well_nested_quotes_become_well_nested_brackets_alternating_by_depth(text):
    out, log = convert(text)
    assert len(out) == len(text)
    assert re.sub("[「」『』]", "", out) == re.sub("[“”‘’]", "", text)  # only the marks change
    depth = 0
    for before, after in zip(text, out):
        if before in OPENING:
            assert after == "「『"[depth % 2]
            depth += 1
        elif before in CLOSING:
            depth -= 1
            assert after == "」』"[depth % 2]
    assert depth == 0
    assert [(r.before, r.after) for r in log.repairs] == [(a, b) for a, b in zip(text, out) if a != b]
    assert {r.kind for r in log.repairs} <= {"corner-bracket"}
    again, log_again = convert(text)
    assert (again, log_again.repairs) == (out, log.repairs)  # deterministic


def test_a_traditional_page_gets_corner_brackets_logged_and_kept_on_request():
    page = read_page(ISLAND)
    text = "".join(s.text() for s in page.stories)
    assert page.metadata.language == "zh-Hant"
    assert "「老街」" in page.stories[0].headline.text and "『原汁原味』" in text
    assert not re.search("[“”‘’]", text)
    fixed = [r for r in page.repairs if r.kind == "corner-bracket"]
    assert len(fixed) == 8 and all(r.before in "“”‘’" and r.after in "「」『』" for r in fixed)
    source = ISLAND.read_text(encoding="utf-8").splitlines()
    assert all(source[r.line - 1][r.column - 1] == r.before for r in fixed)  # positions in the source

    for kept in (read_page(ISLAND, quotes="keep"), read_page(ISLAND, repair=False)):
        assert not any(r.kind == "corner-bracket" for r in kept.repairs)
        assert "“老街”" in kept.stories[0].headline.text


def test_simplified_pages_are_never_touched():
    page = read_page(SAMPLE)
    assert page.metadata.language == "zh-Hans" and "“" in "".join(s.text() for s in page.stories)
    assert not any(r.kind == "corner-bracket" for r in page.repairs)
    text = ISLAND.read_text(encoding="utf-8")
    said = parse_page(text, metadata=Metadata(language="zh-Hans"))  # the metadata's language wins
    assert not any(r.kind == "corner-bracket" for r in said.repairs)
