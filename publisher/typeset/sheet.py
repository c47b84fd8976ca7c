"""The made-up page as data: the column grid, and stories placed on it as modules.

What makeup produces and the print renderer draws. Units: points, and grid lines (one body
line pitch).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import ExitCode, PublisherError
from ..model import Text
from .compose import Line
from .layout import Layout


class MakeupError(PublisherError):
    """The stories cannot be placed on the sheet within the layout's limits."""

    exit_code = ExitCode.input_file  # the input or the options ask for what cannot be done


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
    size: tuple[float, float] = (0.0, 0.0)  # pt: the sheet (page) width and height
    continuous: bool = False  # a flowing edition, whose last page ends where its text ends
    notes: list[str] = field(default_factory=list)  # what the makeup had to give up, said on stderr

    def blank_share(self) -> float:
        """Share of the type area (below the folio) not covered by a module's content, up to
        where the text ends: the white under the last line of a continuous edition's last page
        is where it ends, not a gap in it."""
        used = sum(m.plan.span * m.plan.height for m in self.modules)
        last = max((m.row + m.plan.height for m in self.modules if m.page == self.pages - 1), default=0)
        rows = self.grid.lines * (self.pages - 1) + (last if self.continuous else self.grid.lines)
        return max(0.0, 1 - used / (self.grid.columns * rows))


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
