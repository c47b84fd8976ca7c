"""Where things sat on the original page (OCR formats with geometry): each story's rectangle,
the illustrations given to their stories, the page image, and source lines mapped back to the
OCR file.

- A story's rectangle is the union of the boxes of the printed lines it was read from.
- An illustration belongs to the story whose rectangle is nearest above or below it among
  those overlapping it across (a caption sits right under or over its photo): a photo story
  takes it as its photo, an article as a photo at the top of its text. One that no story is
  near (within ``NEAR`` of the illustration's height) becomes a photo story of its own, placed
  in reading order; no text is invented for it.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from ..model import Geometry, Region, Repair, SourceLine, Story, Text
from .formats.geometry import Box, Converted
from .formats.order import reading_order
from .runs import RepairLog

NEAR = 0.5  # an illustration's story lies within this share of its height above or below it


def region(box: Box) -> Region:
    return Region(round(box.x0, 2), round(box.y0, 2), round(box.x1, 2), round(box.y1, 2))


def story_regions(converted: Converted, spans: list[list[tuple[int, int]]], log: RepairLog) -> list[Region | None]:
    """Each story's rectangle: the union of the boxes of the text lines its blocks came from."""
    out: list[Region | None] = []
    for story in spans:
        boxes = [converted.boxes[n - 1] for a, b in story for n in range(log.line_of(a), log.line_of(b) + 1)
                 if 0 < n <= len(converted.boxes) and converted.boxes[n - 1] is not None]
        found = None
        for box in boxes:
            found = region(box) if found is None else found.union(region(box))
        out.append(found)
    return out


def with_places(stories: list[Story], regions: list[Region | None], pictures: tuple[Box, ...]) -> list[Story]:
    """The stories with their rectangles, and each illustration given to its story (or its own)."""
    stories = [dataclasses.replace(s, box=r) for s, r in zip(stories, regions)]
    orphans: list[Region] = []
    for picture in map(region, pictures):
        n = _owner(stories, picture)
        if n is None:
            orphans.append(picture)
        else:
            s = stories[n]
            stories[n] = dataclasses.replace(s, photo_box=picture if s.photo_box is None else s.photo_box.union(picture),
                                             box=s.box.union(picture) if s.box else picture)
    for picture in orphans:
        stories = _insert(stories, Story(kind="photo", headline=Text(""), box=picture, photo_box=picture))
    return stories


def _owner(stories: list[Story], picture: Region) -> int | None:
    best, best_gap = None, NEAR * (picture.y1 - picture.y0)
    for n, s in enumerate(stories):
        if s.box is None:
            continue
        across = min(s.box.x1, picture.x1) - max(s.box.x0, picture.x0)
        if across < 0.5 * min(s.box.x1 - s.box.x0, picture.x1 - picture.x0):
            continue
        gap = max(s.box.y0 - picture.y1, picture.y0 - s.box.y1)
        gap = max(gap, 0.0)  # inside or overlapping the story: it is the story's own
        if s.kind == "photo" and s.photo_box is None:
            gap *= 0.5  # a caption waiting for its photo is the likelier owner
        if gap <= best_gap:
            best, best_gap = n, gap
    return best


class _Placed:
    def __init__(self, story: Story, n: int):
        self.story, self.n = story, n
        b = story.box
        self.box = Box(b.x0, b.y0, b.x1, b.y1)


def _insert(stories: list[Story], photo: Story) -> list[Story]:
    """``photo`` put among the stories where reading order puts it (the others keep their order)."""
    placed = [_Placed(s, n) for n, s in enumerate(stories) if s.box is not None]
    ordered = reading_order([*placed, _Placed(photo, -1)])
    at = next(i for i, p in enumerate(ordered) if p.n == -1)
    before = [p.n for p in ordered[:at]]
    index = max(before) + 1 if before else 0
    return [*stories[:index], photo, *stories[index:]]


def page_geometry(converted: Converted, name: str, image: str | Path | None) -> Geometry | None:
    """The original page's size and image: ``image`` (the user's) wins; else the one the OCR file
    names, resolved against the OCR file's folder (or found there by its file name), when it exists."""
    if not converted.boxes or not any(converted.boxes):
        return None
    if image is None and converted.image:
        image = locate_image(name, converted.image)
    return Geometry(converted.size, str(image) if image is not None else None)


def locate_image(page: str | Path, named: str) -> Path | None:
    """The image an OCR file names, resolved against the file's folder (or found there by its
    file name: engines write the path they were given), when it exists."""
    folder, path = Path(page).parent, Path(named)
    candidates = [path if path.is_absolute() else folder / path, folder / path.name]
    return next((c for c in candidates if c.is_file()), None)


def in_ocr_file(converted: Converted, repairs: tuple[Repair, ...], lines: list[SourceLine], doubts: list[str]):
    """Repairs, blocks and doubts with their lines in the OCR file (JSON: item numbers) instead of
    the page text made from it; a repair's column is then unknown (0)."""
    if not converted.origins:
        return repairs, lines, doubts
    origin = lambda n: converted.origins[n - 1] if 0 < n <= len(converted.origins) else n  # noqa: E731
    word = "item" if converted.unit == "item" else "line"
    return (tuple(dataclasses.replace(r, line=origin(r.line), column=0) for r in repairs),
            [dataclasses.replace(b, line=origin(b.line)) for b in lines],
            [re.sub(r"^line (\d+)", lambda m: f"{word} {origin(int(m.group(1)))}", d) for d in doubts])


def type_sizes(converted: Converted) -> dict[int, float]:
    """The page text's lines (1-based) with their type size in body sizes, as measured on the
    page (OCR with geometry; none for text formats)."""
    return {n: size for n, size in enumerate(converted.sizes, 1) if size > 0}


def text_line(converted: Converted):
    """A function giving, for a line of the OCR file (JSON: an item), the first page-text line
    made from it (None: none was); the identity for text formats read as they are."""
    if not converted.origins:
        return lambda line: line
    first: dict[int, int] = {}
    for n, o in enumerate(converted.origins, 1):
        first.setdefault(o, n)
    return first.get
