"""Reading order of boxes on a Chinese newspaper page: column by column, each top to bottom.

A recursive XY-cut that tries a vertical cut (between columns) before a horizontal one: a
headline spanning two columns blocks the vertical cut, so the page is first cut across, above
and below such spanning boxes, and each band is then cut into its columns. Rows of lines that
happen to line up across a gutter are put back into one band first, so aligned columns are not
read row by row. Then a column with no heading of its own goes with the story whose text it
stands level with (``headed_columns_together``).
"""

from __future__ import annotations

import math
from typing import Protocol, TypeVar

from .geometry import Box


class Boxed(Protocol):
    box: Box


T = TypeVar("T", bound=Boxed)


def reading_order(items: list[T], line: float = 0.0) -> list[T]:
    """The items in reading order; ``line``: the body's type size, if known."""
    if len(items) <= 1:
        return list(items)
    modules = _modules(items, line) if line else [items]
    if len(modules) > 1:
        return [item for module in modules for item in _by_rows(module, line)]
    columns = _split(items, vertical=True, line=line)
    if len(columns) > 1:
        return [item for column in columns for item in reading_order(column, line)]
    return _by_rows(items, line)


def _by_rows(items: list[T], line: float) -> list[T]:
    """Rows put together into bands (``_bands``), each read in order; one row, by its columns."""
    rows = _split(items, vertical=False)
    if len(rows) > 1:
        return [item for band in _bands(rows, line) for item in reading_order(band, line)]
    columns = _split(items, vertical=True, line=line)
    if len(columns) > 1:
        return [item for column in columns for item in reading_order(column, line)]
    return sorted(items, key=lambda i: (i.box.y0, i.box.x0))  # nothing to cut: top to bottom


def _modules(items: list[T], line: float) -> list[list[T]]:
    """The page cut across where nothing crosses, a line or more apart, above a heading: where one
    row of stories ends and the next begins (the rule printed there may not have been read), so
    that columns lined up from row to row are not read down the page."""
    rows = _split(items, vertical=False)
    out = [rows[0]]
    for row in rows[1:]:
        gap = min(i.box.y0 for i in row) - max(i.box.y1 for i in out[-1])
        first = min(row, key=lambda i: (i.box.y0, i.box.x0))
        if gap >= line and getattr(first, "heading", False):
            out.append(row)
        else:
            out[-1] = out[-1] + row
    return out


def _split(items: list[T], *, vertical: bool, line: float = 0.0) -> list[list[T]]:
    """Groups separated by a gap that no item crosses (a gutter if ``vertical``, else a row gap).
    Across a page (``vertical``, the body size ``line`` known) a gutter is not closed by a few
    characters an engine read across it (``“科技视窗|``, a line's end and the next column's start),
    which go with the column they lie in most, nor by a line reaching half a character back
    into the column before (a line alone reaching into the next column does close it)."""
    span = (lambda b: (b.x0, b.x1)) if vertical else (lambda b: (b.y0, b.y1))
    scraps = [i for i in items if vertical and line and _scrap(i, line)]
    cutters = [i for i in items if not any(i is s for s in scraps)] if len(scraps) < len(items) else items
    slack = 0.5 * line if vertical else 0.0
    groups: list[list[T]] = []
    end = lone = -math.inf  # where the group's columns end (a line may overlap them by ``slack``), its lone lines
    for item in sorted(cutters, key=lambda i: span(i.box)):
        start, stop = span(item.box)
        if not groups or start > end - slack and start > lone:
            groups.append([])
            end = lone = -math.inf
        groups[-1].append(item)
        if slack and item.box.height <= 1.5 * line:
            lone = max(lone, stop)  # a line alone (a heading at the text's size) reaching over is no overlap
        else:
            end = max(end, stop)
    if cutters is not items:
        for scrap in scraps:
            max(groups, key=lambda g: _shared(scrap.box, g)).append(scrap)
    return groups


SCRAP_EM = 5.0  # body sizes: text no wider than this (a line or three), read across a gutter, closes none


def _scrap(item: Boxed, line: float) -> bool:
    return (not getattr(item, "heading", False) and item.box.width <= SCRAP_EM * line
            and item.box.height <= 4 * line)


def _shared(box: Box, group: list) -> float:
    """How much of ``box``'s width lies within the group's span (less how far it lies outside)."""
    x0, x1 = min(i.box.x0 for i in group), max(i.box.x1 for i in group)
    return min(box.x1, x1) - max(box.x0, x0)


def _spans(row: list[T], others: list[T], line: float) -> bool:
    """A heading in ``row`` reaches into a gutter between the columns of the text in ``others``."""
    text = [i for i in others if not getattr(i, "heading", False)]
    columns = sorted((min(i.box.x0 for i in c), max(i.box.x1 for i in c))
                     for c in _split(text, vertical=True, line=line))
    gutters = [(a[1], b[0]) for a, b in zip(columns, columns[1:])]
    return any(getattr(item, "heading", False) and item.box.x0 < right and left < item.box.x1
               for item in row for left, right in gutters)


def _bands(rows: list[list[T]], line: float) -> list[list[T]]:
    """Consecutive rows merged while the merged band can still be cut into columns, its first
    column holds some of the band so far (a headline centred over its story's columns is read
    before all of them, not after the first), and the row brings no heading across a gutter
    nor headings alone (a headline over several columns, or with no text beside it, starts the
    stories below it)."""
    bands: list[list[T]] = []
    for row in rows:
        columns = _split(bands[-1] + row, vertical=True, line=line) if bands else []
        if (len(columns) > 1 and any(item in bands[-1] for item in columns[0])
                and not all(getattr(i, "heading", False) for i in row) and not _spans(row, bands[-1], line)):
            bands[-1] = bands[-1] + row
        else:
            bands.append(row)
    return bands


def headed_columns_together(items: list[T], line: float) -> list[T]:
    """A column of text with no heading of its own, its top level (within two ``line``) with the
    text under a headline to its left and nothing above it since that headline's top (but the
    headline), is that story's next column: read right after the story's other columns. Without
    the rules a page prints between stories (PaddleOCR gives none), a headline set flush left over
    fewer columns than its story's lets the cuts read that column after the stories beside it."""
    out = list(items)
    box = {id(i): i.box for i in out}  # (a unit's box is worked out from its lines at each call)
    heading = {id(i): bool(getattr(i, "heading", False)) for i in out}
    for head in [i for i in out if heading[id(i)]]:
        moved = True
        while moved:
            moved = False
            k = next(j for j, i in enumerate(out) if i is head)  # by identity (units compare by fields)
            end = next((j for j in range(k + 1, len(out)) if heading[id(out[j])]), len(out))
            under = [u for u in out[k + 1:end] if box[id(u)].y0 >= box[id(head)].y1 - line]
            if not under:
                break
            top, right = min(box[id(u)].y0 for u in under), max(box[id(u)].x1 for u in under)
            level = [c for c in out[end:] if not heading[id(c)] and abs(box[id(c)].y0 - top) <= 2 * line
                     and box[id(c)].x0 > right]  # level with the story's text (a leading byline stands higher)
            column = next((c for c in level if _headless(box[id(c)], box[id(head)], right,
                                                         [box[id(o)] for o in out if o is not c], line)), None)
            if column is None:
                break
            col = box[id(column)]
            # with what is set right under it, narrower (the story's byline, flush right)
            foot = [o for o in out if o is not column and col.x0 <= box[id(o)].x0 and box[id(o)].x1 <= col.x1 + line
                    and 0 <= box[id(o)].y0 - col.y1 < line and box[id(o)].width < col.width / 2]
            moving = {id(o) for o in [column, *foot]}
            out = [o for o in out if id(o) not in moving]
            at = next(j for j, i in enumerate(out) if i is under[-1]) + 1
            out[at:at] = [column, *foot]
            moved = True
    return out


def _headless(col: Box, head: Box, right: float, others: list[Box], line: float) -> bool:
    """Nothing beside ``col`` between it and the story (right of ``right``), and nothing above it in
    its column since the headline's top, the headline aside."""
    between = any(o.x0 < col.x0 and o.x1 > right and o.y0 < col.y0 + line and o.y1 > col.y0 for o in others)
    above = any(o is not head and min(o.x1, col.x1) > max(o.x0, col.x0) and o.y1 > head.y0 and o.y0 < col.y0
                for o in others)
    return not between and not above
