"""A story set at a given width: its body composed into column items, its heading sized,
balanced into columns (one ``Plan`` per story and width, which makeup chooses among)."""

from __future__ import annotations

import math

from ..model import Story, Text
from .compose import Advance, compose
from .layout import Layout
from .sheet import Grid, Head, Item, Plan


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


def heading(story: Story, width: float, layout: Layout, span: int, body_size: float, pitch: float,
            advances: dict[str, Advance]) -> Head:
    """Headline size and lines for a module ``width`` pt wide: bigger for wider modules.

    The printed line breaks are kept when they fit; otherwise the headline is broken by
    the same clreq rules as the body, into balanced lines. Widths are the faces' own.
    """
    top = layout.headline_size_min + (layout.headline_size_max - layout.headline_size_min) * min(1.0, (span - 1) / 3)
    if story.kind == "photo":
        top = min(top, layout.headline_size_min * 1.1)
    smallest = max(layout.headline_size_min * 0.8, body_size * 1.2)
    size, lines = _fit_heading(story.headline, width, top, smallest, advances["headline"])
    out: list[tuple[str, str, float]] = []
    small = max(body_size * 1.15, size * 0.5)
    if story.kicker:
        out += [("kicker", t, small) for t in _fit_heading(story.kicker, width, small, small, advances["hei"])[1]]
    out += [("headline", t, size) for t in lines]
    if story.subheadline:
        out += [("subheadline", t, small) for t in _fit_heading(story.subheadline, width, small, small, advances["hei"])[1]]
    height_pt = sum(s * 1.25 for _, _, s in out) + pitch * 0.6
    return Head(out, math.ceil(height_pt / pitch))


def _fit_heading(text: Text, width: float, largest: float, smallest: float, advance: Advance) -> tuple[float, list[str]]:
    """The largest size (≤ ``largest``) at which the heading sets in at most two lines."""
    if not text.text:
        return largest, []
    recorded = text.lines()
    natural = sum(advance(c) for c in text.text)
    size = largest
    while True:
        em = width / size
        if len(recorded) <= 2 and all(sum(advance(c) for c in line) <= em for line in recorded):
            return size, recorded
        count = math.ceil(natural / max(1.0, em))
        if count <= 2 or size <= smallest:
            lines = _broken(text.text, em, min(em, natural / count + 1), advance)
            if size <= smallest:
                return size, lines or [line.text for line in compose(text.text, em, advance, indent=0)]
            if lines and len(lines) <= max(count, 2):
                return size, lines
        size = max(smallest, size - 1)  # a character over: a size smaller rather than a line of one


def _broken(text: str, em: float, balanced: float, advance: Advance) -> list[str] | None:
    """``text`` broken by the clreq rules into lines no wider than ``em`` as they print: a
    heading line is set at the face's own widths, without the squeezing and tightening the
    composer may give a body line (a line it fitted so would wrap in print and run into the text
    below). Balanced lines if they fit, else full ones, else ones composed narrower; None if no
    breaking fits (a run the line-start and line-end rules keep whole)."""
    for measure in (balanced, em, *(em - k / 2 for k in range(1, 9))):
        lines = [line.text for line in compose(text, max(1.0, measure), advance, indent=0)]
        if all(sum(advance(c) for c in line) <= em + 1e-6 for line in lines):
            return lines
    return None


def plan_story(index: int, story: Story, flow: list[Item], span: int, grid: Grid, layout: Layout,
               advances: dict[str, Advance]) -> Plan:
    width = grid.span_width(span)
    head = heading(story, width, layout, span, grid.body_size, grid.pitch, advances)
    leading = any(b.position == "leading" for b in story.bylines)
    if story.kind == "photo" or story.photo_box:
        cap_measure = width / grid.body_size
        caption = compose(story.caption.text, cap_measure, advances["kai"], indent=0) if story.caption else []
        frame, most = math.ceil(width * 0.5 / grid.pitch), math.ceil(width * 0.8 / grid.pitch)
        if story.photo_box:  # the illustration's own proportions (a tall one at most 1.2 × as high as wide)
            box = story.photo_box
            frame = most = math.ceil(width * min(1.2, (box.y1 - box.y0) / max(box.x1 - box.x0, 1e-9)) / grid.pitch)
        if story.kind == "photo":
            trailing = [i for i in flow if i.kind == "byline"]
            return Plan(index, span, head, leading, [trailing] if trailing else [[]], frame, most, caption,
                        grid.body_size)
        return Plan(index, span, head, leading, balance(flow, span), frame, most, caption, grid.body_size)
    return Plan(index, span, head, leading, balance(flow, span))
