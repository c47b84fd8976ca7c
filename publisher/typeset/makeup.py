"""Page makeup (拼版): stories as rectangular modules on the column grid of one sheet.

The body is composed once at the column measure (``compose``); each story then has a
height, in grid lines, for every width it could take (1…C columns, ``stories``). A dynamic
programme over guillotine cuts — a module beside a module, or above one — places the stories
in reading order so that the page is filled with as little blank as possible. Photo frames
stretch to take up slack. The body size is the largest the layout allows at which all the
stories fit on the sheet; if none does, a clear error says so. Flow layouts continue across
pages instead (``flow``).

Pure geometry: no markup, no engine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..chars import squeezed_width_em
from ..model import Page
from .arrangement import has_places, original_sheet
from .flow import make_flow
from .layout import Layout
from .sheet import MakeupError, Module, Plan, Sheet, make_grid
from .stories import body_flow, plan_story

INF = float("inf")



@dataclass
class _Choice:
    kind: str  # "leaf" | "beside" | "above"
    cut: int = 0  # last story of the first part
    split: int = 0  # columns (beside) or grid lines (above) of the first part


def pack(plans: dict[tuple[int, int], Plan], n: int, columns: int, rows: int, gap: int) -> tuple[float, dict]:
    """Least blank area placing stories 0..n-1 in ``columns`` × ``rows``, in reading order.

    ``cost[(a, b, w)][h]``: blank area filling a w × h region with stories a..b.
    """
    H = rows + gap  # every module carries a gap below it; the last one's falls off the sheet
    cost: dict[tuple[int, int, int], np.ndarray] = {}
    choice: dict[tuple[int, int, int], list] = {}
    heights = np.arange(H + 1)
    rest = np.clip(heights[:, None] - heights[None, :], 0, H)  # [h, h1] → h - h1
    valid = heights[:, None] >= heights[None, :]
    for length in range(1, n + 1):
        for a in range(0, n - length + 1):
            b = a + length - 1
            for w in range(1, columns + 1):
                best = np.full(H + 1, INF)
                how: list = [None] * (H + 1)
                if a == b:
                    plan = plans.get((a, w))
                    if plan is not None:
                        need = plan.height + gap
                        stretch = plan.photo_max - plan.photo_lines
                        blank = np.where(heights >= need, np.maximum(heights - need - stretch, 0) * w, INF)
                        blank = blank + _shape_penalty(plan, w)
                        best, how = blank, [_Choice("leaf")] * (H + 1)
                for m in range(a, b):
                    for w1 in range(1, w):
                        left, right = cost.get((a, m, w1)), cost.get((m + 1, b, w - w1))
                        if left is None or right is None:
                            continue
                        total = left + right
                        better = total < best
                        if better.any():
                            best = np.where(better, total, best)
                            for h in np.nonzero(better)[0]:
                                how[h] = _Choice("beside", m, w1)
                    top, bottom = cost.get((a, m, w)), cost.get((m + 1, b, w))
                    if top is None or bottom is None:
                        continue
                    # min-plus convolution: the top part takes h1 lines, the bottom h - h1
                    sums = np.where(valid, top[None, :] + bottom[rest], INF)
                    split = np.argmin(sums, axis=1)
                    total = sums[heights, split]
                    better = total < best
                    if better.any():
                        best = np.where(better, total, best)
                        for h in np.nonzero(better)[0]:
                            how[h] = _Choice("above", m, int(split[h]))
                cost[(a, b, w)] = best
                choice[(a, b, w)] = how
    final = cost[(0, n - 1, columns)]
    return float(final[H]), choice


SHALLOW = 5  # lines: a story spread so wide that its columns are shallower than this reads badly


def _shape_penalty(plan: Plan, span: int) -> float:
    """Cost, in grid cells, of a module shape newspapers avoid: columns a few lines deep across
    many columns (a page with little text spreads it thin otherwise)."""
    depth = max((sum(i.lines for i in c) for c in plan.columns), default=0)
    if span == 1 or plan.photo_lines:
        return 0.0
    return max(0, SHALLOW - depth) * span * 3.0


def place(choice: dict, plans: dict, a: int, b: int, col: int, w: int, row: int, h: int, out: list[Module]) -> None:
    c = choice[(a, b, w)][h]
    if c.kind == "leaf":
        out.append(Module(plans[(a, w)], col, row, h))
    elif c.kind == "beside":
        place(choice, plans, a, c.cut, col, c.split, row, h, out)
        place(choice, plans, c.cut + 1, b, col + c.split, w - c.split, row, h, out)
    else:
        place(choice, plans, a, c.cut, col, w, row, c.split, out)
        place(choice, plans, c.cut + 1, b, col, w, row + c.split, h - c.split, out)


def _refuse_what_cannot_fit(page: Page, layout: Layout, measure: float) -> None:
    """Refuse at once, from the text's area, a page whose body alone overfills the sheet at the
    smallest body size: the narrowest its text can set (every mark squeezed) against every line
    of every column. Composing and packing a page many times too big would take minutes."""
    try:
        grid = make_grid(layout, measure, layout.body_size_min)
    except MakeupError:
        return  # make_sheet says why, at each size
    capacity = grid.columns * grid.lines * measure
    need = sum(squeezed_width_em(b.text) for s in page.stories for b in s.body)
    if need > capacity:
        raise MakeupError(
            f"the stories need at least {need / capacity:.1f} {layout.name} sheets even at {layout.body_size_min:g}pt "
            f"body (use a layout that continues across pages, e.g. --layout a4, or split the page)")


def make_sheet(page: Page, layout: Layout, advances: dict, faithful: bool = False,
               arrangement: str | None = None) -> Sheet:
    """Place the page's stories on one sheet at the largest body size that fits (grid layouts),
    or on as many pages as they need (flow layouts). ``arrangement`` (grid layouts): "original"
    keeps the stories where the original page had them (``arrangement``), "packed" packs them;
    None: original when the page recorded where its stories were."""
    if layout.makeup == "flow":
        return make_flow(page, layout, advances, faithful)
    if arrangement == "original" or arrangement is None and has_places(page):
        return original_sheet(page, layout, advances, faithful, packed=lambda *a: make_sheet(*a, arrangement="packed"))
    measure = layout.measure or page.measure_em or layout.fallback_measure
    _refuse_what_cannot_fit(page, layout, measure)
    flows = [body_flow(s, measure, advances["body"], faithful) for s in page.stories]
    size = layout.body_size
    tried = []
    while size >= layout.body_size_min - 1e-9:
        try:
            grid = make_grid(layout, measure, size)
        except MakeupError:
            size -= 0.25
            continue
        plans = {}
        for i, story in enumerate(page.stories):
            for w in range(1, grid.columns + 1):
                plan = plan_story(i, story, flows[i], w, grid, layout, advances)
                if plan.height <= grid.lines:
                    plans[(i, w)] = plan
        gap = max(1, round(layout.story_gap))
        blank, choice = pack(plans, len(page.stories), grid.columns, grid.lines, gap)
        tried.append(size)
        if blank < INF:
            modules: list[Module] = []
            place(choice, plans, 0, len(page.stories) - 1, 0, grid.columns, 0, grid.lines + gap, modules)
            for m in modules:
                m.rows -= gap  # the gap below a module is white space between modules
            _stretch_photos(modules)
            return Sheet(grid, modules)
        size -= 0.25
    raise MakeupError(
        f"the stories do not fit on one {layout.name} sheet even at {layout.body_size_min:g}pt body "
        f"(use a layout with more room, e.g. --layout a4, which continues across pages)"
    )


def _stretch_photos(modules: list[Module]) -> None:
    """A photo frame grows into the blank of its region (up to its largest size)."""
    for m in modules:
        p = m.plan
        if p.photo_lines and m.rows > p.height:
            p.photo_lines = min(p.photo_max, p.photo_lines + m.rows - p.height)
