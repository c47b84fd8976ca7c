"""Page makeup (拼版): stories as rectangular modules on the column grid of one sheet.

The body is composed once at the column measure (``compose``); each story then has a
height, in grid lines, for every width it could take (1…C columns, ``stories``). A dynamic
programme over guillotine cuts — a module beside a module, or above one — places the stories
in reading order so that the page is filled with as little blank as possible, under the
page's hierarchy (the lead on top and widest, the next stories in rank). Photo frames stretch
to take up slack. The body size is the largest the layout allows at which all the stories fit
on the sheet; if none does, a clear error says so. A short page takes a smaller sheet, cut to
its text. Flow layouts continue across pages instead (``flow``).

Pure geometry: no markup, no engine.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from ..chars import squeezed_width_em
from ..model import Page
from .arrangement import has_places, original_sheet
from .flow import make_flow
from .layout import Layout
from .sheet import Grid, MakeupError, Module, Plan, Sheet, make_grid
from .stories import body_flow, plan_story

INF = float("inf")
RANKED = 3  # the lead and the next two stories keep their order down the page (prominence)
LEAD_SLACK = 0.05  # share of the type area a wider lead module may leave blank beyond the least
LEAF, BESIDE, ABOVE = 0, 1, 2
ANY, TOP = 0, 1  # how a region is filled: any packing | its ranked stories all on its top row


def pack(plans: dict[tuple[int, int], Plan], n: int, columns: int, rows: int, gap: int,
         strict: bool = False) -> tuple[float, dict]:
    """Least blank area placing stories 0..n-1 in ``columns`` × ``rows``, in reading order.

    ``cost[(a, b, w, how)][h]``: blank area filling a w × h region with stories a..b;
    ``choice`` holds, per height, a leaf or a cut (beside/above) after story ``cut`` at
    ``split`` columns or lines, and how each part is filled.

    ``strict`` keeps the first RANKED stories' rank: no story starts higher on the sheet than
    one of them before it. A beside cut starts the right part level with the region's top, so
    the ranked stories of the left part must all be on its top row (``TOP``: a second table,
    for regions starting with a ranked story); an above cut is always in order.
    """
    H = rows + gap  # every module carries a gap below it; the last one's falls off the sheet
    cost: dict[tuple[int, int, int, int], np.ndarray] = {}
    choice: dict[tuple[int, int, int, int], tuple[np.ndarray, ...]] = {}
    heights = np.arange(H + 1)
    rest = np.clip(heights[:, None] - heights[None, :], 0, H)  # [h, h1] → h - h1
    valid = heights[:, None] >= heights[None, :]
    for length in range(1, n + 1):
        for a in range(0, n - length + 1):
            b = a + length - 1
            for w in range(1, columns + 1):
                for how in ((ANY, TOP) if strict and a < RANKED else (ANY,)):
                    _fill_region(plans, cost, choice, a, b, w, how, strict, gap, heights, rest, valid)
    final = cost[(0, n - 1, columns, ANY)]
    return float(final[H]), choice


def _fill_region(plans, cost, choice, a, b, w, how, strict, gap, heights, rest, valid) -> None:
    """One entry of ``pack``'s tables: the best way to fill a w-column region with stories a..b."""
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

    def table(x: int, y: int, width: int, wanted: int):
        return cost.get((x, y, width, wanted if strict and x < RANKED else ANY))

    if a == b:
        plan = plans.get((a, w))
        if plan is not None:
            need = plan.height + gap
            stretch = plan.photo_max - plan.photo_lines
            best = np.where(heights >= need, np.maximum(heights - need - stretch, 0) * w, INF)
            best = best + _shape_penalty(plan, w)
    for m in range(a, b):
        # beside: the right part starts level with the left part's top
        hows = (TOP if strict and m > a else ANY, TOP if how == TOP else ANY)
        for w1 in range(1, w):
            left, right = table(a, m, w1, hows[0]), table(m + 1, b, w - w1, hows[1])
            if left is not None and right is not None:
                take(left + right, BESIDE, m, w1, hows)
        # above: the bottom part starts lower, which a TOP region allows only past the ranked ones
        if how == TOP and m + 1 < RANKED:
            continue
        hows = (how, ANY)
        top, bottom = table(a, m, w, hows[0]), table(m + 1, b, w, ANY)
        if top is not None and bottom is not None:
            # min-plus convolution: the top part takes h1 lines, the bottom h - h1
            sums = np.where(valid, top[None, :] + bottom[rest], INF)
            at = np.argmin(sums, axis=1)
            take(sums[heights, at], ABOVE, m, at, hows)
    cost[(a, b, w, how)] = best
    choice[(a, b, w, how)] = (kind, cut, split, first_how, second_how)


SHALLOW = 5  # lines: a story spread so wide that its columns are shallower than this reads badly


def _shape_penalty(plan: Plan, span: int) -> float:
    """Cost, in grid cells, of a module shape newspapers avoid: columns a few lines deep across
    many columns (a page with little text spreads it thin otherwise)."""
    depth = max((sum(i.lines for i in c) for c in plan.columns), default=0)
    if span == 1 or plan.photo_lines:
        return 0.0
    return max(0, SHALLOW - depth) * span * 3.0


def place(choice: dict, plans: dict, a: int, b: int, col: int, w: int, row: int, h: int, out: list[Module],
          how: int = ANY) -> None:
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
    or on as many pages as they need (flow layouts).

    A page with little text is not spread thin over a big sheet: when the layout's sheet would
    be more than ``--blank-max`` blank (counting what photo frames grew into as blank), the page takes the next smaller sheet of the 开 series
    (each half the one before: 对开 → 4开 → 8开 …, as papers print their smaller sections) that
    holds it within that share, or else the smallest that holds it; that sheet is then cut to
    the height its text needs.

    ``arrangement`` (grid layouts): "original" keeps the stories where the original page had
    them (``arrangement``), "packed" packs them as above; None: original when the page recorded
    where its stories were.
    """
    if layout.makeup == "flow":
        return make_flow(page, layout, advances, faithful)
    if arrangement == "original" or arrangement is None and has_places(page):
        return original_sheet(page, layout, advances, faithful, packed=lambda *a: make_sheet(*a, arrangement="packed"),
                              smaller=_smaller_sheets)
    measure = layout.measure or page.measure_em or layout.fallback_measure
    _refuse_what_cannot_fit(page, layout, measure)
    flows = [body_flow(s, measure, advances["body"], faithful) for s in page.stories]
    sheet = _made_up(page, layout, flows, measure, advances)
    if not layout.blank_max or sheet.slack_share() <= layout.blank_max:
        return sheet
    for smaller in _smaller_sheets(layout):
        try:
            fits = _made_up(page, smaller, flows, measure, advances)
        except MakeupError:
            break
        if fits.grid.columns < min(2, sheet.grid.columns):
            break  # a sheet of one column is a strip, not a page: its folio has no room either
        sheet, layout = fits, smaller
        if sheet.slack_share() <= layout.blank_max:
            break
    return _cut_to_text(page, layout, sheet, flows, advances)


def _smaller_sheets(layout: Layout):
    """The 开 series below the layout's sheet: each halves the longer side of the one before."""
    width, height = layout.page_width, layout.page_height
    while True:
        width, height = (height / 2, width) if height >= width else (width / 2, height)
        smaller = dataclasses.replace(layout, page_width=width, page_height=height)
        if smaller.page_width - smaller.margin_inner - smaller.margin_outer <= 0:
            return
        yield smaller


def _made_up(page: Page, layout: Layout, flows: list, measure: float, advances: dict) -> Sheet:
    # The hierarchy first; only a page that cannot keep it at any body size lets stories
    # 2 and 3 trade places (the lead keeps the widest top module either way).
    for rank in (True, False):
        size = layout.body_size
        while size >= layout.body_size_min - 1e-9:
            try:
                grid = make_grid(layout, measure, size)
            except MakeupError:
                size -= 0.25
                continue
            modules = _lead_first(_plans(page, flows, grid, layout, advances), len(page.stories), grid,
                                  _gap(layout), rank)
            if modules is not None:
                _stretch_photos(modules)
                notes = [] if rank else [
                    f"stories 2 and 3 could not keep their rank on one {layout.name} sheet at any body size: "
                    f"a later story starts above them (the lead keeps the top, widest module)"]
                return Sheet(grid, modules, size=(layout.page_width, layout.page_height), notes=notes)
            size -= 0.25
    raise MakeupError(
        f"the stories do not fit on one {layout.name} sheet even at {layout.body_size_min:g}pt body "
        f"(use a layout with more room, e.g. --layout a4, which continues across pages)"
    )


def _plans(page: Page, flows: list, grid: Grid, layout: Layout, advances: dict) -> dict[tuple[int, int], Plan]:
    """Every story set at every width that fits the sheet's height."""
    plans = {}
    for i, story in enumerate(page.stories):
        for w in range(1, grid.columns + 1):
            plan = plan_story(i, story, flows[i], w, grid, layout, advances)
            if plan.height <= grid.lines:
                plans[(i, w)] = plan
    return plans


def _gap(layout: Layout) -> int:
    return max(1, round(layout.story_gap))


def _cut_to_text(page: Page, layout: Layout, sheet: Sheet, flows: list, advances: dict) -> Sheet:
    """The sheet cut to the fewest grid lines that still hold the page at its body size."""
    grid = sheet.grid

    def at(lines: int) -> Sheet | None:
        height = layout.margin_top + layout.folio_height + lines * grid.pitch + layout.margin_bottom + 0.01
        short = dataclasses.replace(layout, page_height=height)
        g = make_grid(short, grid.measure, grid.body_size)
        modules = _lead_first(_plans(page, flows, g, short, advances), len(page.stories), g, _gap(layout))
        if modules is None:
            return None
        _stretch_photos(modules)
        return Sheet(g, modules, size=(short.page_width, short.page_height))

    low, high, best = 1, grid.lines, sheet
    while low <= high:  # the fewest lines at which the page fits (fitting grows with the lines)
        mid = (low + high) // 2
        cut = at(mid)
        if cut is None:
            low = mid + 1
        else:
            best, high = cut, mid - 1
    return best


def _lead_first(plans: dict, n: int, grid: Grid, gap: int, rank: bool = True) -> list[Module] | None:
    """The packing that keeps the page's hierarchy with the least blank, or None if none fits.

    Story order is prominence, and a knob that re-flows the page must not re-rank it: the
    lead story (the first) takes the widest module, at least half the sheet's columns where
    any packing allows it, and the widest within LEAD_SLACK of the least blank; with ``rank``
    the first RANKED stories also keep their order down the page.
    """
    if pack(plans, n, grid.columns, grid.lines, gap)[0] == INF:
        return None  # nothing fits at this size, whatever the hierarchy: one packing says so
    slack = LEAD_SLACK * grid.columns * grid.lines
    for floor in ((grid.columns + 1) // 2, 1):
        loose: dict[int, tuple[float, list[Module], dict]] = {}
        for lead in range(grid.columns, floor - 1, -1):
            if (0, lead) in plans:
                ranked = {(i, w): p for (i, w), p in plans.items() if (w == lead if i == 0 else w <= lead)}
                blank, choice = pack(ranked, n, grid.columns, grid.lines, gap)
                if blank < INF:
                    loose[lead] = (blank, _placed(choice, ranked, n, grid, gap), ranked)
        found = {lead: (blank, modules) for lead, (blank, modules, _) in loose.items()
                 if not rank or _keeps_rank(modules)}
        for lead, (blank, _, ranked) in loose.items():
            # keeping the rank costs blank: try it only where it could still come out best
            if lead not in found and blank <= min((b for b, _ in found.values()), default=INF) + slack:
                strict, choice = pack(ranked, n, grid.columns, grid.lines, gap, strict=True)
                if strict < INF:
                    found[lead] = (strict, _placed(choice, ranked, n, grid, gap))
        if found:
            least = min(blank for blank, _ in found.values())
            lead = max(w for w, (blank, _) in found.items() if blank <= least + slack)
            modules = found[lead][1]
            for m in modules:
                m.rows -= gap  # the gap below a module is white space between modules
            return modules
    return None


def _placed(choice: dict, plans: dict, n: int, grid: Grid, gap: int) -> list[Module]:
    modules: list[Module] = []
    place(choice, plans, 0, n - 1, 0, grid.columns, 0, grid.lines + gap, modules)
    return modules


def _keeps_rank(modules: list[Module]) -> bool:
    """No story starts higher on the sheet than one of the first RANKED stories before it."""
    row = {m.plan.story: m.row for m in modules}
    return all(row[i] <= row[j] for i in range(min(RANKED, len(row))) for j in row if j > i)


def _stretch_photos(modules: list[Module]) -> None:
    """A photo frame grows into the blank of its region (up to its largest size)."""
    for m in modules:
        p = m.plan
        if p.photo_lines and m.rows > p.height:
            grown = min(p.photo_max, p.photo_lines + m.rows - p.height)
            m.stretch, p.photo_lines = grown - p.photo_lines, grown
