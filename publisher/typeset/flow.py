"""Flowing makeup (the A4 edition): stories one after another across continuous pages,
each heading across the type area and its body in balanced columns."""

from __future__ import annotations

import dataclasses

from ..model import Page
from .layout import Layout
from .sheet import Head, Item, Module, Plan, Sheet, make_grid
from .stories import balance, body_flow, plan_story


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
        plan = plan_story(i, story, flow, columns, grid, layout, advances)
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
