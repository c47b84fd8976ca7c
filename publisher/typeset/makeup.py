"""Page makeup (拼版): stories as rectangular modules on the column grid of one sheet.

The body is composed once at the column measure (``compose``); each story then has a
height, in grid lines, for every width it could take (1…C columns). A dynamic programme
over guillotine cuts — a module beside a module, or above one — places the stories in
reading order so that the page is filled with as little blank as possible. Photo frames
stretch to take up slack. The body size is the largest the layout allows at which all the
stories fit on the sheet; if none does, a clear error says so.

Pure geometry: no markup, no engine. Units: points, and grid lines (one body line pitch).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

import numpy as np

from .compose import Line, compose
from ..errors import PublisherError
from .layout import Layout
from ..model import Page, Story, Text

INF = float("inf")


class MakeupError(PublisherError):
    """The stories cannot be placed on the sheet within the layout's limits."""


@dataclass(frozen=True)
class Grid:
    columns: int
    column_width: float  # pt: the measure at the body size
    gutter: float  # pt, as laid out (nominal gutter plus the leftover width)
    pitch: float  # pt: body line height
    lines: int  # grid lines in the type area below the folio
    left: float  # pt: type area origin
    top: float
    body_size: float
    measure: float  # em
    folio_top: float = 0.0  # pt: the folio bar above the type area
    folio_height: float = 0.0

    def x(self, column: int) -> float:
        return self.left + column * (self.column_width + self.gutter)

    def span_width(self, span: int) -> float:
        return span * self.column_width + (span - 1) * self.gutter


@dataclass
class Item:
    """One thing in a story's column flow: a body line, an intertitle, or a trailing byline."""

    kind: str  # "line" | "intertitle" | "byline" | "gap"
    lines: int  # height in grid lines
    line: Line | None = None
    text: Text | None = None
    block: int = -1  # index of the body block the line belongs to
    first: bool = False  # first line of its paragraph (carries the dateline)


@dataclass
class Head:
    """Heading lines of a story at one width: (role, text, size in pt) per printed line."""

    lines: list[tuple[str, str, float]]
    height: int  # grid lines, including the space below


@dataclass
class Plan:
    """A story set at one width: everything needed to draw it."""

    story: int
    span: int
    head: Head
    leading_byline: bool
    columns: list[list[Item]]
    photo_lines: int = 0
    photo_max: int = 0
    caption: list[Line] = field(default_factory=list)
    caption_size: float = 0.0

    @property
    def height(self) -> int:
        body = max((sum(i.lines for i in c) for c in self.columns), default=0)
        return self.head.height + (1 if self.leading_byline else 0) + self.photo_lines + len(self.caption) + body


@dataclass
class Module:
    plan: Plan
    column: int
    row: int  # grid line of its top
    rows: int  # grid lines of its region
    page: int = 0
    part: int = 0  # 0: the story's start; 1, 2 …: where it continues on a later page


@dataclass
class Sheet:
    """The made-up page(s): the grid and every module placed on it."""

    grid: Grid
    modules: list[Module]
    pages: int = 1

    def blank_share(self) -> float:
        """Share of the type area (below the folio) not covered by a module's content."""
        used = sum(m.plan.span * m.plan.height for m in self.modules)
        return max(0.0, 1 - used / (self.grid.columns * self.grid.lines * self.pages))


def make_grid(layout: Layout, measure: float, body_size: float) -> Grid:
    width = layout.page_width - layout.margin_inner - layout.margin_outer
    column_width = measure * body_size
    columns = layout.columns or max(1, int((width + layout.gutter) // (column_width + layout.gutter)))
    if columns * column_width > width + 0.01:
        raise MakeupError(f"a {measure:g}-em column at {body_size:g}pt does not fit the {layout.name} page width")
    gutter = (width - columns * column_width) / (columns - 1) if columns > 1 else 0.0
    pitch = body_size * layout.leading
    height = layout.page_height - layout.margin_top - layout.margin_bottom - layout.folio_height
    return Grid(columns, column_width, gutter, pitch, int(height // pitch), layout.margin_inner,
                layout.margin_top + layout.folio_height, body_size, measure, layout.margin_top, layout.folio_height)


# ---------------------------------------------------------------- stories at a width


def body_flow(story: Story, measure: float, advance, faithful: bool) -> list[Item]:
    """The story's body as column items, composed once at the measure."""
    items: list[Item] = []
    for n, block in enumerate(story.body):
        if block.type == "intertitle":
            items.append(Item("intertitle", 2, text=Text(block.text, block.breaks), block=n))
            continue
        text = (story.dateline or "") + block.text if n == 0 and story.dateline else block.text
        shift = len(story.dateline) if n == 0 and story.dateline else 0
        breaks = tuple(b + shift for b in block.breaks) if faithful and block.breaks else None
        for k, line in enumerate(compose(text, measure, advance, breaks=breaks)):
            items.append(Item("line", 1, line=line, block=n, first=k == 0))
    trailing = [b for b in story.bylines if b.position == "trailing"]
    if trailing:
        items.append(Item("byline", 1, text=Text(" ".join(b.text for b in trailing))))
    return items


def balance(items: list[Item], span: int) -> list[list[Item]]:
    """Split the flow into ``span`` columns whose heights differ by at most a line where the
    items allow it (an intertitle is two lines and never ends a column)."""
    total = sum(i.lines for i in items)
    base, extra = divmod(total, span)
    targets = [base + (1 if c < extra else 0) for c in range(span)]
    columns: list[list[Item]] = [[] for _ in range(span)]
    c, height = 0, 0
    for item in items:
        last_column = c == span - 1
        full = height + item.lines > targets[c] + (1 if item.lines > 1 else 0)
        orphan_head = item.kind == "intertitle" and height + item.lines + 1 > targets[c]
        if not last_column and columns[c] and (full or orphan_head or height >= targets[c]):
            c, height = c + 1, 0
        columns[c].append(item)
        height += item.lines
    return columns


def heading(story: Story, width: float, layout: Layout, span: int, columns: int, body_size: float, pitch: float) -> Head:
    """Headline size and lines for a module ``width`` pt wide: bigger for wider modules.

    The printed line breaks are kept when they fit; otherwise the headline is broken by
    the same clreq rules as the body, into balanced lines.
    """
    top = layout.headline_size_min + (layout.headline_size_max - layout.headline_size_min) * min(1.0, (span - 1) / 3)
    if story.kind == "photo":
        top = min(top, layout.headline_size_min * 1.1)
    size, lines = _fit_heading(story.headline, width, top, max(layout.headline_size_min * 0.8, body_size * 1.2))
    out: list[tuple[str, str, float]] = []
    small = max(body_size * 1.15, size * 0.5)
    if story.kicker:
        out += [("kicker", t, small) for t in _fit_heading(story.kicker, width, small, small)[1]]
    out += [("headline", t, size) for t in lines]
    if story.subheadline:
        out += [("subheadline", t, small) for t in _fit_heading(story.subheadline, width, small, small)[1]]
    height_pt = sum(s * 1.25 for _, _, s in out) + pitch * 0.6
    return Head(out, math.ceil(height_pt / pitch))


def _fit_heading(text: Text, width: float, largest: float, smallest: float) -> tuple[float, list[str]]:
    """The largest size (≤ ``largest``) at which the heading sets in at most two lines."""
    if not text.text:
        return largest, []
    recorded = text.lines()
    size = largest
    while True:
        em = width / size
        if all(len(l) <= em for l in recorded) and len(recorded) <= 2:
            return size, recorded
        count = math.ceil(len(text.text) / max(1, int(em)))
        if count <= 2 or size <= smallest:
            balanced = min(em, math.ceil(len(text.text) / count) + 1)
            lines = compose(text.text, balanced, lambda c: 1.0 if ord(c) > 0x2E80 else 0.55, indent=0)
            if all(l.width <= em + 1e-6 for l in lines):
                return size, [l.text for l in lines]
            lines = compose(text.text, em, lambda c: 1.0 if ord(c) > 0x2E80 else 0.55, indent=0)
            return size, [l.text for l in lines]
        size = max(smallest, size - 1)


def plan_story(index: int, story: Story, flow: list[Item], span: int, grid: Grid, layout: Layout, kai_advance) -> Plan:
    width = grid.span_width(span)
    head = heading(story, width, layout, span, grid.columns, grid.body_size, grid.pitch)
    leading = any(b.position == "leading" for b in story.bylines)
    if story.kind == "photo":
        cap_measure = width / grid.body_size
        caption = compose(story.caption.text, cap_measure, kai_advance, indent=0) if story.caption else []
        frame = math.ceil(width * 0.5 / grid.pitch)
        trailing = [i for i in flow if i.kind == "byline"]
        return Plan(index, span, head, leading, [trailing] if trailing else [[]], frame,
                    math.ceil(width * 0.8 / grid.pitch), caption, grid.body_size)
    return Plan(index, span, head, leading, balance(flow, span))


# ---------------------------------------------------------------- packing


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


def make_sheet(page: Page, layout: Layout, advances: dict, faithful: bool = False) -> Sheet:
    """Place the page's stories on one sheet at the largest body size that fits (grid layouts),
    or on as many pages as they need (flow layouts)."""
    if layout.makeup == "flow":
        return make_flow(page, layout, advances, faithful)
    measure = layout.measure or page.measure_em or layout.fallback_measure
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
                plan = plan_story(i, story, flows[i], w, grid, layout, advances["kai"])
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


# ---------------------------------------------------------------- flowing pages


def make_flow(page: Page, layout: Layout, advances: dict, faithful: bool = False) -> Sheet:
    """Continuous pages (the A4 edition): each story's heading across the type area, its body in
    balanced columns, continuing on the next page when the page is full."""
    width = layout.page_width - layout.margin_inner - layout.margin_outer
    columns = layout.columns or 2
    size = layout.body_size
    column_width = (width - (columns - 1) * layout.gutter) / columns
    measure = round(column_width / size * 4) / 4  # whole quarter-ems, so lines fill exactly
    grid = make_grid(
        dataclasses.replace(layout, columns=columns), measure, size
    )
    modules: list[Module] = []
    pg, row = 0, 0
    min_rows = 4  # no heading stranded at a page foot with fewer body lines under it
    for i, story in enumerate(page.stories):
        flow = body_flow(story, measure, advances["body"], faithful)
        plan = plan_story(i, story, flow, columns, grid, layout, advances["kai"])
        lead = plan.head.height + (1 if plan.leading_byline else 0) + plan.photo_lines + len(plan.caption)
        if row and row + lead + min_rows > grid.lines:
            pg, row = pg + 1, 0
        items = [it for col in plan.columns for it in col]
        first = True
        part = 0
        while first or items:
            room = grid.lines - row - (lead if first else 0)
            total = sum(it.lines for it in items)
            if total <= room * columns:  # the rest fits: balance it here
                take, items = items, []
                cols = balance(take, columns) if take else [[]]
            else:
                cols, items = _fill(items, columns, room)
            fragment = Plan(i, columns, plan.head if first else Head([], 0), plan.leading_byline and first, cols,
                            plan.photo_lines if first else 0, plan.photo_max if first else 0,
                            plan.caption if first else [], plan.caption_size)
            modules.append(Module(fragment, 0, row, fragment.height, pg, part))
            row += fragment.height + max(1, round(layout.story_gap))
            first = False
            part += 1
            if items:
                pg, row = pg + 1, 0
    return Sheet(grid, modules, pg + 1)


def _fill(items: list[Item], columns: int, rows: int) -> tuple[list[list[Item]], list[Item]]:
    """Fill ``columns`` columns of ``rows`` lines from the flow; return them and what is left."""
    cols: list[list[Item]] = []
    k = 0
    for _ in range(columns):
        col, height = [], 0
        while k < len(items) and height + items[k].lines <= rows:
            if items[k].kind == "intertitle" and height + items[k].lines + 1 > rows:
                break  # an intertitle goes with the text under it
            col.append(items[k])
            height += items[k].lines
            k += 1
        cols.append(col)
    return cols, items[k:]
