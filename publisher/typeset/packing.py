"""Packing stories into the column grid: the dynamic programme over guillotine cuts that the
makeup (``makeup``) runs many times for one page — per body size, per width of the lead, with
and without the rank kept, per trial height of a sheet cut to its text.

``pack`` fills tables: ``cost[(a, b, w, how)][h]`` is the least blank area filling a w × h
region with stories a..b in reading order, and ``choice`` holds, per height, how (a leaf, or a
cut beside/above after story ``cut`` at ``split`` columns or lines, and how each part is
filled). A region's table depends on nothing but the stories' leaves in it (each story's height,
photo stretch and shape penalty at every width up to w), on how it is filled, and on the
height it is computed to; computed to a greater height, it holds the smaller one as its
prefix. So a ``Packer`` keeps the tables it has made and gives a later packing with the same
leaves the same arrays — the same result as computing them again, made once. ``fits`` says
whether any packing fits without tables: each region's least height is one number.

Pure geometry: no markup, no engine.
"""

from __future__ import annotations

import numpy as np

from .sheet import Module, Plan

INF = float("inf")
RANKED = 3  # the lead and the next two stories keep their order down the page (prominence)
LEAF, BESIDE, ABOVE = 0, 1, 2
ANY, TOP = 0, 1  # how a region is filled: any packing | its ranked stories all on its top row
SHALLOW = 5  # lines: a story spread so wide that its columns are shallower than this reads badly


class Packer:
    """Packs stories on a grid, keeping every region's table for the packings that follow
    (one packer per page: the tables are found by the leaves they were made of)."""

    KEPT = 40_000  # tables kept (a few KB each); past that the packer starts afresh

    def __init__(self):
        self._tables: dict[tuple, tuple[np.ndarray, tuple[np.ndarray, ...], int]] = {}
        self._leaf_ids: dict[tuple, int] = {}
        self._below: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def fits(self, plans: dict[tuple[int, int], Plan], n: int, columns: int, rows: int, gap: int) -> bool:
        """Whether stories 0..n-1 can be packed in ``columns`` × ``rows`` at all (what ``pack``
        says with a finite blank): a region's least height is its leaf's, the taller of two
        regions side by side, or the sum of two stacked."""
        least: dict[tuple[int, int, int], float] = {}
        for length in range(1, n + 1):
            for a in range(n - length + 1):
                b = a + length - 1
                for w in range(1, columns + 1):
                    plan = plans.get((a, w)) if a == b else None
                    best = plan.height + gap if plan is not None else INF
                    for m in range(a, b):
                        for w1 in range(1, w):
                            best = min(best, max(least[(a, m, w1)], least[(m + 1, b, w - w1)]))
                        best = min(best, least[(a, m, w)] + least[(m + 1, b, w)])
                    least[(a, b, w)] = best
        return least[(0, n - 1, columns)] <= rows + gap

    def pack(self, plans: dict[tuple[int, int], Plan], n: int, columns: int, rows: int, gap: int,
             strict: bool = False) -> tuple[float, dict]:
        """Least blank area placing stories 0..n-1 in ``columns`` × ``rows``, in reading order,
        and the choices that reach it (for ``place``).

        ``strict`` keeps the first RANKED stories' rank: no story starts higher on the sheet than
        one of them before it. A beside cut starts the right part level with the region's top,
        so the ranked stories of the left part must all be on its top row (``TOP``: a second
        table, for regions starting with a ranked story); an above cut is always in order.
        """
        if len(self._tables) > self.KEPT:
            self._tables.clear()
            self._leaf_ids.clear()
        H = rows + gap  # every module carries a gap below it; the last one's falls off the sheet
        leaves = self._leaves(plans, n, columns, gap)
        region = _Region(plans, strict, gap, np.arange(H + 1), self._stacked)
        for length in range(1, n + 1):
            for a in range(n - length + 1):
                b = a + length - 1
                for w in range(1, columns + 1):
                    stories = tuple(leaves[w][a:b + 1])
                    for how in ((ANY, TOP) if strict and a < RANKED else (ANY,)):
                        key = (a, b, w, how, strict and a < RANKED, stories)
                        kept = self._tables.get(key)
                        if kept is None or len(kept[0]) <= H:
                            kept = self._tables[key] = region.fill(a, b, w, how)
                        if len(kept[0]) > H + 1:  # made for a taller sheet: its first heights are these
                            kept = (kept[0][: H + 1], tuple(c[: H + 1] for c in kept[1]), kept[2])
                        region.cost[(a, b, w, how)], region.choice[(a, b, w, how)] = kept[0], kept[1]
                        region.first[(a, b, w, how)] = kept[2] if kept[2] <= H else None
        final = region.cost[(0, n - 1, columns, ANY)]
        return float(final[H]), region.choice

    def _leaves(self, plans, n: int, columns: int, gap: int) -> list[list[int]]:
        """Per width w and story, a number standing for the story's leaves at widths 1..w
        (equal numbers: equal leaves, so equal tables)."""
        out = [[0] * n]
        for w in range(1, columns + 1):
            ids = []
            for i in range(n):
                plan = plans.get((i, w))
                leaf = None if plan is None else (plan.height + gap, plan.photo_max - plan.photo_lines,
                                                  shape_penalty(plan, w))
                ids.append(self._leaf_ids.setdefault((out[-1][i], w, leaf), len(self._leaf_ids) + 1))
            out.append(ids)
        return out

    def _stacked(self, top: np.ndarray, bottom: np.ndarray, t0: int, b0: int) -> tuple[np.ndarray, np.ndarray] | None:
        """Min-plus convolution of a top part and a bottom part, finite from ``t0`` and ``b0``
        on: per height h, the least ``top[h1] + bottom[h - h1]`` and the first h1 reaching it;
        None if no height is finite. Only where both parts are finite is computed, which finds
        the same least and the same first h1 as all of it."""
        size = len(top)
        if t0 + b0 >= size:
            return None
        lo = t0 + b0
        k = size - lo  # heights lo..size-1; the top part takes t0 + j lines, j ≤ r for height lo + r
        if k not in self._below:
            r = np.arange(k)
            self._below[k] = (np.clip(r[:, None] - r[None, :], 0, None), r[:, None] >= r[None, :])
        rest, valid = self._below[k]
        sums = np.where(valid, top[None, t0:t0 + k] + bottom[b0:b0 + k][rest], INF)
        at = np.argmin(sums, axis=1)
        total = np.full(size, INF)
        total[lo:] = sums[np.arange(k), at]
        split = np.zeros(size, dtype=int)
        split[lo:] = at + t0
        return total, split


def _first_finite(table: np.ndarray) -> int:
    """The least height at which ``table`` is finite (its length if none)."""
    i = int(np.argmax(table < INF))
    return i if table[i] < INF else len(table)


class _Region:
    """One packing's tables as they fill (``fill`` makes one region's)."""

    def __init__(self, plans, strict, gap, heights, stacked):
        self.plans, self.strict, self.gap, self.heights, self.stacked = plans, strict, gap, heights, stacked
        self.cost: dict[tuple[int, int, int, int], np.ndarray] = {}
        self.choice: dict[tuple[int, int, int, int], tuple[np.ndarray, ...]] = {}
        self.first: dict[tuple[int, int, int, int], int | None] = {}  # the least finite height

    def key(self, x: int, y: int, width: int, wanted: int) -> tuple[int, int, int, int]:
        return (x, y, width, wanted if self.strict and x < RANKED else ANY)

    def fill(self, a: int, b: int, w: int, how: int) -> tuple[np.ndarray, tuple[np.ndarray, ...], int]:
        """The best way to fill a w-column region with stories a..b, per height (and the least
        height with a finite blank)."""
        strict, heights = self.strict, self.heights
        size = len(heights)
        best = np.full(size, INF)
        kind = np.full(size, LEAF)
        cut = np.zeros(size, dtype=int)
        split = np.zeros(size, dtype=int)
        first_how = np.zeros(size, dtype=int)
        second_how = np.zeros(size, dtype=int)

        def take(total: np.ndarray, k: int, m: int, at, hows: tuple[int, int]) -> None:
            nonlocal best
            better = total < best
            if not better.any():
                return
            best = np.where(better, total, best)
            kind[better], cut[better], first_how[better], second_how[better] = k, m, hows[0], hows[1]
            split[better] = at[better] if isinstance(at, np.ndarray) else at

        if a == b:
            plan = self.plans.get((a, w))
            if plan is not None:
                need = plan.height + self.gap
                stretch = plan.photo_max - plan.photo_lines
                best = np.where(heights >= need, np.maximum(heights - need - stretch, 0) * w, INF)
                best = best + shape_penalty(plan, w)
        for m in range(a, b):
            # beside: the right part starts level with the left part's top
            hows = (TOP if strict and m > a else ANY, TOP if how == TOP else ANY)
            for w1 in range(1, w):
                left, right = self.key(a, m, w1, hows[0]), self.key(m + 1, b, w - w1, hows[1])
                if self.first.get(left) is not None and self.first.get(right) is not None:
                    take(self.cost[left] + self.cost[right], BESIDE, m, w1, hows)
            # above: the bottom part starts lower, which a TOP region allows only past the ranked ones
            if how == TOP and m + 1 < RANKED:
                continue
            hows = (how, ANY)
            top, bottom = self.key(a, m, w, hows[0]), self.key(m + 1, b, w, ANY)
            if self.first.get(top) is not None and self.first.get(bottom) is not None:
                # the top part takes h1 lines, the bottom h - h1
                stacked = self.stacked(self.cost[top], self.cost[bottom], self.first[top], self.first[bottom])
                if stacked is not None:
                    take(stacked[0], ABOVE, m, stacked[1], hows)
        return best, (kind, cut, split, first_how, second_how), _first_finite(best)


def shape_penalty(plan: Plan, span: int) -> float:
    """Cost, in grid cells, of a module shape newspapers avoid: columns a few lines deep across
    many columns (a page with little text spreads it thin otherwise)."""
    depth = max((sum(i.lines for i in c) for c in plan.columns), default=0)
    if span == 1 or plan.photo_lines:
        return 0.0
    return max(0, SHALLOW - depth) * span * 3.0


def place(choice: dict, plans: dict, a: int, b: int, col: int, w: int, row: int, h: int, out: list[Module],
          how: int = ANY) -> None:
    """The modules of a packing, from its choices: stories a..b in the w × h region at col, row."""
    kinds, cuts, splits, first_how, second_how = choice.get((a, b, w, how)) or choice[(a, b, w, ANY)]
    kind, m, at, one, two = kinds[h], int(cuts[h]), int(splits[h]), int(first_how[h]), int(second_how[h])
    if kind == LEAF:
        out.append(Module(plans[(a, w)], col, row, h))
    elif kind == BESIDE:
        place(choice, plans, a, m, col, at, row, h, out, one)
        place(choice, plans, m + 1, b, col + at, w - at, row, h, out, two)
    else:
        place(choice, plans, a, m, col, w, row, at, out, one)
        place(choice, plans, m + 1, b, col, w, row + at, h - at, out, two)
