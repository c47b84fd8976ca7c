"""The packer finds what the plain dynamic programme finds, however many packings came before.

``Packer`` keeps each region's table for the packings that follow (another lead width, the
rank kept, a shorter sheet) and skips what cannot be finite; ``fits`` answers without tables.
Here a reference — the programme as it was before, every table computed in full, nothing kept
— packs random stories, and a packer that has packed other sheets first must agree with it on
the blank and on every module's place.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.typeset.packing import ABOVE, ANY, BESIDE, INF, LEAF, RANKED, TOP, Packer, place, shape_penalty
from publisher.typeset.sheet import Head, Item, Module, Plan


def reference_pack(plans, n, columns, rows, gap, strict=False):
    """The least blank and its choices, every table computed over every height."""
    H = rows + gap
    cost, choice = {}, {}
    heights = np.arange(H + 1)
    rest = np.clip(heights[:, None] - heights[None, :], 0, H)
    valid = heights[:, None] >= heights[None, :]
    for length in range(1, n + 1):
        for a in range(n - length + 1):
            b = a + length - 1
            for w in range(1, columns + 1):
                for how in ((ANY, TOP) if strict and a < RANKED else (ANY,)):
                    table = lambda x, y, width, wanted: cost.get((x, y, width, wanted if strict and x < RANKED else ANY))
                    best = np.full(H + 1, INF)
                    kind, cut, split, one, two = (np.zeros(H + 1, dtype=int) for _ in range(5))
                    if a == b and (a, w) in plans:
                        plan = plans[(a, w)]
                        need, stretch = plan.height + gap, plan.photo_max - plan.photo_lines
                        best = np.where(heights >= need, np.maximum(heights - need - stretch, 0) * w, INF)
                        best = best + shape_penalty(plan, w)
                    options = []
                    for m in range(a, b):
                        hows = (TOP if strict and m > a else ANY, TOP if how == TOP else ANY)
                        for w1 in range(1, w):
                            left, right = table(a, m, w1, hows[0]), table(m + 1, b, w - w1, hows[1])
                            options.append((left + right, BESIDE, m, w1, hows))
                        if how == TOP and m + 1 < RANKED:
                            continue
                        top, bottom = table(a, m, w, how), table(m + 1, b, w, ANY)
                        sums = np.where(valid, top[None, :] + bottom[rest], INF)
                        at = np.argmin(sums, axis=1)
                        options.append((sums[heights, at], ABOVE, m, at, (how, ANY)))
                    for total, k, m, at, hows in options:
                        better = total < best
                        best = np.where(better, total, best)
                        kind[better], cut[better], one[better], two[better] = k, m, hows[0], hows[1]
                        split[better] = at[better] if isinstance(at, np.ndarray) else at
                    cost[(a, b, w, how)] = best
                    choice[(a, b, w, how)] = (kind, cut, split, one, two)
    return float(cost[(0, n - 1, columns, ANY)][H]), choice


def plan(story: int, span: int, head: int, body: int, photo: int = 0, photo_max: int = 0) -> Plan:
    columns = [[Item("line", 1)] * (body // span + (1 if c < body % span else 0)) for c in range(span)]
    return Plan(story, span, Head([], head), False, columns, photo, max(photo, photo_max))


@st.composite
def pages(draw):
    n = draw(st.integers(1, 6))
    columns = draw(st.integers(1, 5))
    rows = draw(st.integers(4, 30))
    plans = {}
    for i in range(n):
        body = draw(st.integers(1, 40))
        photo = draw(st.sampled_from([0, 0, 3, 6]))
        for w in range(1, columns + 1):
            if draw(st.integers(0, 9)):  # now and then a width the story does not take
                plans[(i, w)] = plan(i, w, draw(st.integers(1, 4)), body, photo, photo + draw(st.integers(0, 4)))
    return plans, n, columns, rows, draw(st.integers(0, 2))


def placed(choice, plans, n, columns, rows, gap):
    out: list[Module] = []
    place(choice, plans, 0, n - 1, 0, columns, 0, rows + gap, out)
    return [(m.plan.story, m.plan.span, m.column, m.row, m.rows) for m in out]


@settings(max_examples=150, deadline=None)
@given(pages(), st.lists(st.tuples(st.integers(-12, 12), st.integers(0, 5), st.booleans()), max_size=4))
def test_a_packer_with_tables_kept_agrees_with_the_plain_programme(page, before):
    plans, n, columns, rows, gap = page
    packer = Packer()
    for extra_rows, widest, strict in before:  # other sheets first: taller, shorter, other leads
        other = {k: p for k, p in plans.items() if k[1] <= max(1, widest) or k[0]}
        packer.pack(other, n, columns, max(1, rows + extra_rows), gap, strict)
    for strict in (False, True):
        expected, want = reference_pack(plans, n, columns, rows, gap, strict)
        blank, got = packer.pack(plans, n, columns, rows, gap, strict)
        assert blank == expected
        if blank < INF:
            assert placed(got, plans, n, columns, rows, gap) == placed(want, plans, n, columns, rows, gap)
    assert packer.fits(plans, n, columns, rows, gap) == (reference_pack(plans, n, columns, rows, gap)[0] < INF)


def test_leaf_kinds_are_the_packings_modules():
    """A sanity check of the reference itself: two stories side by side, or one above the other."""
    plans = {(0, 1): plan(0, 1, 1, 9), (1, 1): plan(1, 1, 1, 9), (0, 2): plan(0, 2, 1, 9), (1, 2): plan(1, 2, 1, 9)}
    blank, choice = Packer().pack(plans, 2, 2, 10, 0)
    assert blank == 0.0 and choice[(0, 1, 2, ANY)][0][10] == BESIDE
    blank, choice = Packer().pack(plans, 2, 1, 20, 0)
    assert blank == 0.0 and choice[(0, 1, 1, ANY)][0][20] == ABOVE and LEAF == 0
