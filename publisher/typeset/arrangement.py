"""The original arrangement: the stories placed where the original page had them.

When the OCR file recorded where each story sat (``Story.box``), the stories' rectangles are
scaled from their extent on the original page to the sheet's type area and snapped to the
layout's column grid: a story keeps its columns (left edge and span, rounded to whole columns)
and its top (rounded to a grid line), and takes at least the depth it had. The text is still
set by publisher's composition at the layout's sizes, so a story may need more lines than its
original rectangle gives:

- it then grows downwards, and the stories below it in the columns it shares with them move
  down as far (never overlapping: each story starts below everything placed above it in its
  columns, in the order of the original tops);
- when that runs off the sheet, the body size shrinks within the layout's range (quarter points
  at a time) until everything fits;
- when nothing fits even at the smallest body size, the stories are packed instead (``packed``).

Each of these is said in a note (a warning on the command line). Pure geometry, no engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Page, Region
from .layout import Layout
from .sheet import MakeupError, Module, Plan, Sheet, make_grid
from .stories import body_flow, plan_story

ARRANGEMENTS = ("original", "packed")


@dataclass(frozen=True)
class Slot:
    """A story's place on the grid as the original page had it."""

    column: int
    span: int
    row: int
    rows: int  # the original depth, in grid lines (the gap below it excluded)


def has_places(page: Page) -> bool:
    """Every story knows its rectangle on the original page."""
    return bool(page.stories) and all(s.box is not None for s in page.stories)


def slots(boxes: list[Region], columns: int, lines: int, gap: int) -> list[Slot]:
    """The rectangles scaled from their extent to ``columns`` × ``lines`` and snapped to the grid."""
    x0, y0 = min(b.x0 for b in boxes), min(b.y0 for b in boxes)
    width = max(max(b.x1 for b in boxes) - x0, 1e-9)
    height = max(max(b.y1 for b in boxes) - y0, 1e-9)
    out = []
    for b in boxes:
        left = min(columns - 1, max(0, round((b.x0 - x0) / width * columns)))
        right = min(columns, max(left + 1, round((b.x1 - x0) / width * columns)))
        top = round((b.y0 - y0) / height * (lines + gap))
        bottom = round((b.y1 - y0) / height * (lines + gap)) - gap
        out.append(Slot(left, right - left, min(top, lines - 1), max(1, bottom - top)))
    return out


def original_sheet(page: Page, layout: Layout, advances: dict, faithful: bool, packed, smaller=None) -> Sheet:
    """The stories in their original places (see the module's notes); ``packed(page, layout,
    advances, faithful)`` makes the packed sheet when they cannot keep them. ``smaller(layout)``
    yields the smaller sheets to try (the 开 series) when the layout's is more than its
    ``blank_max`` blank: the smallest on which the places still hold at the same body size wins."""
    if not has_places(page):
        sheet = packed(page, layout, advances, faithful)
        sheet.notes = ["original arrangement: the page does not record where each of its stories was (hOCR, ALTO "
                       "and PaddleOCR JSON do): they are packed", *sheet.notes]
        return sheet
    measure = layout.measure or page.measure_em or layout.fallback_measure
    flows = [body_flow(s, measure, advances["body"], faithful) for s in page.stories]
    size = layout.body_size
    while size >= layout.body_size_min - 1e-9:
        sheet = _at_places(page, layout, flows, measure, size, advances)
        if sheet is not None:
            break
        size -= 0.25
    else:
        sheet = packed(page, layout, advances, faithful)
        sheet.notes = [f"the stories do not keep their original places on one {layout.name} sheet even at "
                       f"{layout.body_size_min:g}pt body: they are packed instead", *sheet.notes]
        return sheet
    if smaller is None or not layout.blank_max or sheet.blank_share() <= layout.blank_max:
        return sheet
    for less in smaller(layout):
        fits = _at_places(page, less, flows, measure, size, advances)
        if fits is None or fits.grid.columns < min(2, sheet.grid.columns):
            break
        sheet = fits
        if sheet.blank_share() <= layout.blank_max:
            break
    return sheet


def _at_places(page: Page, layout: Layout, flows: list, measure: float, size: float, advances: dict) -> Sheet | None:
    """The stories at their places on ``layout``'s sheet at body ``size``, or None if they do not fit."""
    gap = max(1, round(layout.story_gap))
    try:
        grid = make_grid(layout, measure, size)
    except MakeupError:
        return None
    places = slots([s.box for s in page.stories], grid.columns, grid.lines, gap)
    plans = [plan_story(i, s, flows[i], places[i].span, grid, layout, advances) for i, s in enumerate(page.stories)]
    modules = place(plans, places, grid.lines, gap)
    if modules is None:
        return None
    return Sheet(grid, modules, size=(layout.page_width, layout.page_height),
                 notes=_notes(page, plans, places, modules, size, layout))


def place(plans: list[Plan], places: list[Slot], lines: int, gap: int) -> list[Module] | None:
    """Modules at their original places, each moved below whatever is placed above it in its
    columns and grown to its text's height; None when one runs off the sheet."""
    modules: list[Module] = []
    for i in sorted(range(len(plans)), key=lambda i: (places[i].row, places[i].column)):
        plan, slot = plans[i], places[i]
        cols = range(slot.column, slot.column + slot.span)
        below = [m.row + m.rows + gap for m in modules if _shares(m, cols)]
        row = max([slot.row, *below])
        rows = max(plan.height, min(slot.rows, lines - row))
        if row + rows > lines:
            return None
        modules.append(Module(plan, slot.column, row, rows))
    for m in modules:  # a photo frame grows into the depth its story had (up to its largest size)
        p = m.plan
        if p.photo_lines and m.rows > p.height:
            p.photo_lines = min(p.photo_max, p.photo_lines + m.rows - p.height)
    return sorted(modules, key=lambda m: m.plan.story)


def _shares(m: Module, cols: range) -> bool:
    return m.column < cols.stop and cols.start < m.column + m.plan.span


def _notes(page: Page, plans: list[Plan], places: list[Slot], modules: list[Module], size: float,
           layout: Layout) -> list[str]:
    notes = []
    if size < layout.body_size:
        notes.append(f"original arrangement: body set at {size:g}pt (the layout's {layout.body_size:g}pt "
                     f"does not fit the stories in their places)")
    for m in modules:
        i, slot = m.plan.story, places[m.plan.story]
        name = page.stories[i].headline.text or f"story {i + 1}"
        if plans[i].height > slot.rows:
            notes.append(f"original arrangement: 「{name}」 needs {plans[i].height} lines where its original "
                         f"rectangle gives {slot.rows}: it grows downwards")
        elif m.row > slot.row:
            notes.append(f"original arrangement: 「{name}」 moved down {m.row - slot.row} lines "
                         f"below a story above it that grew")
    return notes
