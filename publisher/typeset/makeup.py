"""Page makeup (拼版): stories as rectangular modules on the column grid of one sheet.

The body is composed once at the column measure (``compose``); each story then has a
height, in grid lines, for every width it could take (1…C columns, ``stories``). A dynamic
programme over guillotine cuts (``packing``) — a module beside a module, or above one — places
the stories in reading order so that the page is filled with as little blank as possible, under the
page's hierarchy (the lead on top and widest, the next stories in rank). Photo frames stretch
to take up slack. The body size is the largest the layout allows at which all the stories fit
on the sheet; if none does, a clear error says so. A short page takes a smaller sheet, cut to
its text. Flow layouts continue across pages instead (``flow``). The trials of one page (body
sizes, lead widths, sheet heights) share their packing tables and story plans (``_Trials``).

Pure geometry: no markup, no engine.
"""

from __future__ import annotations

import dataclasses

from ..chars import squeezed_width_em
from ..model import Page
from .arrangement import has_places, original_sheet
from .flow import make_flow
from .layout import Layout
from .packing import INF, RANKED, Packer, place
from .sheet import Grid, MakeupError, Module, Plan, Sheet, make_grid
from .stories import body_flow, plan_story

LEAD_SLACK = 0.05  # share of the type area a wider lead module may leave blank beyond the least


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
    trials = _Trials(page, flows, advances)
    sheet = _made_up(page, layout, flows, measure, advances, trials)
    if not layout.blank_max or sheet.slack_share() <= layout.blank_max:
        return sheet
    for smaller in _smaller_sheets(layout):
        try:
            fits = _made_up(page, smaller, flows, measure, advances, trials)
        except MakeupError:
            break
        if fits.grid.columns < min(2, sheet.grid.columns):
            break  # a sheet of one column is a strip, not a page: its folio has no room either
        sheet, layout = fits, smaller
        if sheet.slack_share() <= layout.blank_max:
            break
    return _cut_to_text(page, layout, sheet, flows, advances, trials)


def _smaller_sheets(layout: Layout):
    """The 开 series below the layout's sheet: each halves the longer side of the one before."""
    width, height = layout.page_width, layout.page_height
    while True:
        width, height = (height / 2, width) if height >= width else (width / 2, height)
        smaller = dataclasses.replace(layout, page_width=width, page_height=height)
        if smaller.page_width - smaller.margin_inner - smaller.margin_outer <= 0:
            return
        yield smaller


def _made_up(page: Page, layout: Layout, flows: list, measure: float, advances: dict, trials: _Trials) -> Sheet:
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
            modules = _lead_first(trials.plans(grid, layout), len(page.stories), grid, _gap(layout), trials.packer,
                                  rank)
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


class _Trials:
    """What the trial makeups of one page share: the packer's region tables, and each story set
    at each width (a plan depends on the column width, gutter and line pitch, not on how many
    lines the sheet has; each trial gets its own copies, whose photo frames it may stretch)."""

    def __init__(self, page: Page, flows: list, advances: dict):
        self.page, self.flows, self.advances = page, flows, advances
        self.packer = Packer()
        self._made: dict[tuple, Plan] = {}

    def plans(self, grid: Grid, layout: Layout) -> dict[tuple[int, int], Plan]:
        """Every story set at every width that fits the sheet's height."""
        plans = {}
        setting = (dataclasses.replace(grid, lines=0), layout.headline_size_min, layout.headline_size_max)
        for i, story in enumerate(self.page.stories):
            for w in range(1, grid.columns + 1):
                key = (i, w, setting)
                if key not in self._made:
                    self._made[key] = plan_story(i, story, self.flows[i], w, grid, layout, self.advances)
                plan = dataclasses.replace(self._made[key])
                if plan.height <= grid.lines:
                    plans[(i, w)] = plan
        return plans


def _gap(layout: Layout) -> int:
    return max(1, round(layout.story_gap))


def _cut_to_text(page: Page, layout: Layout, sheet: Sheet, flows: list, advances: dict, trials: _Trials) -> Sheet:
    """The sheet cut to the fewest grid lines that still hold the page at its body size."""
    grid = sheet.grid

    def at(lines: int) -> Sheet | None:
        height = layout.margin_top + layout.folio_height + lines * grid.pitch + layout.margin_bottom + 0.01
        short = dataclasses.replace(layout, page_height=height)
        g = make_grid(short, grid.measure, grid.body_size)
        modules = _lead_first(trials.plans(g, short), len(page.stories), g, _gap(layout), trials.packer)
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


def _lead_first(plans: dict, n: int, grid: Grid, gap: int, packer: Packer, rank: bool = True) -> list[Module] | None:
    """The packing that keeps the page's hierarchy with the least blank, or None if none fits.

    Story order is prominence, and a knob that re-flows the page must not re-rank it: the
    lead story (the first) takes the widest module, at least half the sheet's columns where
    any packing allows it, and the widest within LEAD_SLACK of the least blank; with ``rank``
    the first RANKED stories also keep their order down the page.
    """
    if not packer.fits(plans, n, grid.columns, grid.lines, gap):
        return None  # nothing fits at this size, whatever the hierarchy: one packing says so
    slack = LEAD_SLACK * grid.columns * grid.lines
    for floor in ((grid.columns + 1) // 2, 1):
        loose: dict[int, tuple[float, list[Module], dict]] = {}
        for lead in range(grid.columns, floor - 1, -1):
            if (0, lead) in plans:
                ranked = {(i, w): p for (i, w), p in plans.items() if (w == lead if i == 0 else w <= lead)}
                if not packer.fits(ranked, n, grid.columns, grid.lines, gap):
                    continue  # no packing of this lead width fits: its blank is infinite
                blank, choice = packer.pack(ranked, n, grid.columns, grid.lines, gap)
                if blank < INF:
                    loose[lead] = (blank, _placed(choice, ranked, n, grid, gap), ranked)
        found = {lead: (blank, modules) for lead, (blank, modules, _) in loose.items()
                 if not rank or _keeps_rank(modules)}
        for lead, (blank, _, ranked) in loose.items():
            # keeping the rank costs blank: try it only where it could still come out best
            if lead not in found and blank <= min((b for b, _ in found.values()), default=INF) + slack:
                strict, choice = packer.pack(ranked, n, grid.columns, grid.lines, gap, strict=True)
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
