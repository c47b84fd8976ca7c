"""Nothing lost, nothing invented: over generated pages of many shapes, every ideograph of the
input reaches the model and the HTML, in order."""

from __future__ import annotations

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import han
from pagegen import page as make_page
from publisher import parse_page
from publisher.html import render_html


def expected_han(source: str, page) -> str:
    expected = han(source)
    for r in page.repairs:
        if r.kind == "repeated-line":
            d = han(r.before)
            expected = expected.replace(d + d, d, 1)
    return expected


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
