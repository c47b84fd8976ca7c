"""Nothing lost, nothing invented: over generated pages of many shapes, every ideograph of the
input reaches the model and the HTML, in order."""

from __future__ import annotations

import gzip
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PAGES, han, without_dropped_lines
from pagegen import page as make_page
from publisher import parse_page
from publisher.read.formats import page_text
from publisher.render.html import render_html


def expected_han(source: str, page) -> str:
    return han(without_dropped_lines(source, page))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6), st.sampled_from([0, 11, 13, 15, 17]))
def test_every_ideograph_reaches_model_and_html_in_order(seed, measure):
    source = make_page(seed, measure)
    page = parse_page(source)
    expected = expected_han(source, page)
    model = han(page.folio.raw) + "".join(han(s.text()) for s in page.stories)
    assert model == expected
    body = BeautifulSoup(render_html(page), "html.parser").body
    assert han(body.get_text()) == expected
    assert page.stories


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10**6))
def test_measure_is_recovered_from_recorded_breaks(seed):
    for measure in (13, 17):
        page = parse_page(make_page(seed, measure) + make_page(seed + 1, measure))
        if page.measure_em is not None:
            assert abs(page.measure_em - measure) <= 1, page.measure_em


LINE = st.one_of(
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=40),
    st.text(st.sampled_from(list("一二三四五，。、；：？！“”（）,.;:?!()\"' |　—…编辑版式记者本报讯李王张0123456789abc")), max_size=60),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=25).map("\n".join))
def test_any_text_gives_a_page_or_a_clear_error(text):
    from publisher.errors import InputError

    try:
        page = parse_page(text)
    except InputError as e:
        assert "\n" not in str(e)
        return
    expected = expected_han(text, page)
    assert han(page.folio.raw) + "".join(han(s.text()) for s in page.stories) == expected


OCR = sorted(p for d in ("tesseract", "rapidocr") for p in (PAGES / "ocr" / d).iterdir() if p.name != "README.md")


@pytest.mark.parametrize("path", OCR, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_ideograph_of_real_ocr_output_reaches_the_web_page(path):
    """Pages read by real engines (text, hOCR, ALTO, RapidOCR JSON): every ideograph the engine
    read reaches the web page, the folio's too, save the lines a repair left out and logged (rules
    and ink read as text), and no other. Counted, not in order: a headline piece read among the
    columns goes back to its headline."""
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    name = path.name.removesuffix(".gz")
    page = parse_page(data.decode("utf-8"), name=name)
    read = Counter(han(page_text(data.decode("utf-8"), name)))
    left_out = Counter(han("".join(r.before for r in page.repairs if not r.after)))
    shown = Counter(han(BeautifulSoup(render_html(page), "html.parser").body.get_text()))
    assert read - left_out - shown == Counter()  # nothing lost
    assert shown - read == Counter()  # nothing invented
