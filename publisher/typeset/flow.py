"""Flowing makeup (the A4 edition): stories one after another across continuous pages,
each heading across the type area and its body in balanced columns."""

from __future__ import annotations

import dataclasses
import math

from ..model import Page
from .layout import Layout
from .sheet import Head, Item, Module, Plan, Sheet, make_grid
from .stories import balance, body_flow, plan_story


HEAD_LINES = 3  # body lines a heading takes with it: no heading stranded at a page foot
MIN_LINES = 4  # lines of text a page holds at least: a story's tail never sits alone on a page
PHOTO_LEAST = 0.25  # a photo frame may shrink to this share of its width in height to stay on the page


def make_flow(page: Page, layout: Layout, advances: dict, faithful: bool = False) -> Sheet:
    """Continuous pages (the A4 edition): each story's heading across the type area, its body in
    balanced columns, continuing on the next page when the page is full.

    White is kept for where it means something: a heading stays on a page only with
    HEAD_LINES of its body, a story's tail carries at least MIN_LINES lines onto a page, and a
    photo story whose frame does not fit the room left shrinks its frame (down to PHOTO_LEAST)
    rather than leave the rest of the page blank.
    """
    width = layout.page_width - layout.margin_inner - layout.margin_outer
    columns = layout.columns or 2
    size = layout.body_size
    column_width = (width - (columns - 1) * layout.gutter) / columns
    measure = round(column_width / size * 4) / 4  # whole quarter-ems, so lines fill exactly
    grid = make_grid(dataclasses.replace(layout, columns=columns), measure, size)
    modules: list[Module] = []
    pg, row = 0, 0
    for i, story in enumerate(page.stories):
        flow = body_flow(story, measure, advances["body"], faithful)
        plan = plan_story(i, story, flow, columns, grid, layout, advances)
        if plan.photo_lines and row:
            least = math.ceil(grid.span_width(columns) * PHOTO_LEAST / grid.pitch)
            room = grid.lines - row - (plan.height - plan.photo_lines)
            if least <= room < plan.photo_lines:
                plan.photo_lines = room
        body = sum(it.lines for col in plan.columns for it in col)
        lead = plan.head.height + (1 if plan.leading_byline else 0) + plan.photo_lines + len(plan.caption)
        if row and row + lead + math.ceil(min(HEAD_LINES, body) / columns) > grid.lines:
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
                while 0 < sum(it.lines for it in items) < MIN_LINES and room > 1:
                    room -= 1  # leave the tail enough lines to stand on its page
                    cols, items = _fill([it for col in cols for it in col] + items, columns, room)
            fragment = Plan(i, columns, plan.head if first else Head([], 0), plan.leading_byline and first, cols,
                            plan.photo_lines if first else 0, plan.photo_max if first else 0,
                            plan.caption if first else [], plan.caption_size)
            modules.append(Module(fragment, 0, row, fragment.height, pg, part))
            row += fragment.height + max(1, round(layout.story_gap))
            first = False
            part += 1
            if items:
                pg, row = pg + 1, 0
    return Sheet(grid, modules, pg + 1, size=(layout.page_width, layout.page_height), continuous=True)


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
