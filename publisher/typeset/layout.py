"""Layouts: plain CSS files whose ``:root`` custom properties are also the page geometry.

A layout is a stylesheet in ``layouts/`` (or any path). The knobs people change most are
custom properties at its top; publisher reads the geometric ones to compute the page
(columns, module sizes, line composition) and WeasyPrint applies the whole file.
Every property has a default here, so a layout only states what it changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

import tinycss2

from ..errors import ExitCode, PublisherError
from .fonts import FONTS_DIR
from .stylesheets import Css, StylesheetError, load_css, read_text

LAYOUTS_DIR = Path(__file__).resolve().parents[2] / "layouts"
PT_PER = {"pt": 1.0, "mm": 72 / 25.4, "cm": 720 / 25.4, "in": 72.0, "px": 0.75, "q": 72 / 25.4 / 4}


class LayoutError(PublisherError):
    """A layout cannot be found or read, or states an impossible page."""

    exit_code = ExitCode.input_file  # the input or the options ask for what cannot be done


@dataclass(frozen=True)
class Layout:
    """Geometry of a layout in points (1/72 in); sizes in em are multiples of ``body_size``."""

    name: str
    path: Path
    description: str
    makeup: str = "grid"  # grid: one sheet, stories as modules | flow: continuous pages
    page_width: float = 390 * PT_PER["mm"]
    page_height: float = 540 * PT_PER["mm"]
    margin_top: float = 14 * PT_PER["mm"]
    margin_bottom: float = 16 * PT_PER["mm"]
    margin_inner: float = 18 * PT_PER["mm"]
    margin_outer: float = 18 * PT_PER["mm"]
    folio_height: float = 12 * PT_PER["mm"]
    gutter: float = 2.5 * PT_PER["mm"]
    measure: float = 0.0  # em; 0 = use the source's measure
    fallback_measure: float = 15.0  # em, when the source records none
    columns: int = 0  # 0 = as many measure-wide columns as fit (grid) / 2 (flow)
    body_size: float = 10.5
    body_size_min: float = 9.0
    leading: float = 1.4  # line pitch as a multiple of the body size
    headline_size_max: float = 34.0
    headline_size_min: float = 15.0
    story_gap: float = 1.0  # lines between stacked modules
    blank_max: float = 0.35  # grid: a page blanker than this on the sheet takes a smaller one (0: never)
    css: str = ""  # the stylesheets as one text (stylesheets.load_css), then the sheet's size
    files: tuple[Path, ...] = ()  # every stylesheet file read, imports included
    refused: tuple[str, ...] = ()  # URLs the stylesheets name outside the allowed folders


_LENGTH = re.compile(r"^(-?\d+(?:\.\d+)?)(pt|mm|cm|in|px|q|em)?$", re.I)
_PROPS = {f.name.replace("_", "-"): f for f in fields(Layout)
          if f.name not in ("name", "path", "description", "css", "files", "refused")}


def builtin_layouts() -> dict[str, Path]:
    """Print layouts shipped in layouts/ (stylesheets that state a ``--makeup``)."""
    return {p.stem: p for p in sorted(LAYOUTS_DIR.glob("*.css")) if "--makeup" in p.read_text(encoding="utf-8")}


def find_layout(name_or_path: str | Path) -> Path:
    """A built-in layout by name (``broadsheet``) or a stylesheet path."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".css" or candidate.exists():
        if not candidate.is_file():
            raise LayoutError(f"{candidate}: no such layout file")
        return candidate
    known = builtin_layouts()
    if str(name_or_path) not in known:
        raise LayoutError(f"unknown layout {str(name_or_path)!r} (built in: {', '.join(known)})")
    return known[str(name_or_path)]


def load_layout(name_or_path: str | Path = "broadsheet", extra_css: tuple[Path, ...] = (),
                roots: tuple[Path, ...] = ()) -> Layout:
    """Read a layout; ``extra_css`` files are applied after it and may override its properties.

    The files' ``@import``s are followed and their ``url()``s resolved (``stylesheets.py``): the
    knobs, the ``@page`` size and the faces are read from the rules in cascade order, imports
    included. Files may be loaded from the layouts, the bundled fonts, the stylesheets' own
    folders and ``roots``; what lies elsewhere is refused and listed in ``Layout.refused``.
    """
    path = find_layout(name_or_path)
    sheets = [path, *extra_css]
    try:
        css = load_css(sheets, stylesheet_roots(*sheets, *roots))
    except StylesheetError as e:
        raise LayoutError(str(e)) from None
    return _read_layout(path, css, read_text(path))


@lru_cache(maxsize=16)
def _read_layout(path: Path, css: Css, own_text: str) -> Layout:
    """The layout its stylesheets state (kept by their text: the same text, the same layout)."""
    values: dict[str, object] = _root_properties(css.text, path)
    values.update(_page_size(css.text, path, values))
    description = _description(own_text)
    geometry = f"\n/* the sheet as publisher reads it */\n:root {{ --page-width: {values['page_width']:.4f}pt; " \
               f"--page-height: {values['page_height']:.4f}pt; }}\n@page {{ size: {values['page_width']:.4f}pt " \
               f"{values['page_height']:.4f}pt; }}\n"
    layout = Layout(name=path.stem, path=path, description=description, css=css.text + geometry,
                    files=css.files, refused=css.refused, **values)
    _check(layout)
    return layout


def stylesheet_roots(*paths: Path) -> tuple[Path, ...]:
    """The folders stylesheets may load from: the layouts, the bundled fonts, and the folders
    of ``paths`` (the stylesheets themselves; a folder stands for itself)."""
    return (LAYOUTS_DIR, FONTS_DIR, *(p if p.is_dir() else p.parent for p in paths))


def stylesheet_files(layout: str | Path, extra_css: tuple[Path, ...] = ()) -> tuple[Path, ...]:
    """Every stylesheet file a layout and its extra stylesheets read, imports included."""
    sheets = [find_layout(layout), *extra_css]
    try:
        return load_css(sheets, stylesheet_roots(*sheets)).files
    except StylesheetError as e:
        raise LayoutError(str(e)) from None


def _description(css: str) -> str:
    """The first line of the layout's opening comment."""
    m = re.match(r"\s*/\*\s*(.*?)\s*(?:\n|\*/)", css)
    return m.group(1) if m else ""


def _root_properties(css: str, path: Path) -> dict[str, object]:
    out: dict[str, object] = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule" or tinycss2.serialize(rule.prelude).strip() != ":root":
            continue
        for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
            if decl.type != "declaration" or not decl.name.startswith("--"):
                continue
            name = decl.name[2:]
            if name not in _PROPS:
                continue  # other custom properties are for the stylesheet itself
            raw = tinycss2.serialize(decl.value).strip()
            out[_PROPS[name].name] = _value(name, raw, path)
    return out


# Named page sizes (CSS Paged Media), portrait, in mm.
_PAGE_SIZES = {"a5": (148, 210), "a4": (210, 297), "a3": (297, 420), "b5": (176, 250), "b4": (250, 353),
               "jis-b5": (182, 257), "jis-b4": (257, 364), "letter": (215.9, 279.4), "legal": (215.9, 355.6),
               "ledger": (279.4, 431.8)}


def _page_size(css: str, path: Path, knobs: dict[str, object]) -> dict[str, float]:
    """The sheet's width and height in points, from the ``@page`` rules' ``size`` (the last one
    in cascade order wins, as in CSS; ``var()`` read from ``:root``). WeasyPrint sizes the PDF's
    pages from it and publisher makes up the sheet from it, so it must be stated and readable;
    ``--page-width``/``--page-height``, when stated, must agree with it."""
    variables, size = {}, None
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule" and tinycss2.serialize(rule.prelude).strip() == ":root":
            for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
                if decl.type == "declaration" and decl.name.startswith("--"):
                    variables[decl.name] = tinycss2.serialize(decl.value).strip()
        elif rule.type == "at-rule" and rule.lower_at_keyword == "page" and rule.content is not None \
                and not tinycss2.serialize(rule.prelude).strip():
            for decl in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
                if decl.type == "declaration" and decl.lower_name == "size":
                    size = tinycss2.serialize(decl.value).strip()
    if size is None:
        raise LayoutError(f"{path}: the layout states no page size: add @page {{ size: WIDTH HEIGHT }} "
                          f"(e.g. size: 390mm 540mm, or size: A4)")
    raw = re.sub(r"var\(\s*(--[\w-]+)\s*\)", lambda m: variables.get(m.group(1), m.group(0)), size)
    width_height = _read_size(raw.lower().split())
    if width_height is None:
        raise LayoutError(f"{path}: @page size {size!r} cannot be read: publisher needs the sheet's width and "
                          f"height in absolute units (e.g. size: 390mm 540mm) or a named size (A4, A3, B4 …)")
    for name, value in zip(("page-width", "page-height"), width_height):
        stated = knobs.get(name.replace("-", "_"))
        if stated is not None and abs(stated - value) > 0.01:
            raise LayoutError(f"{path}: --{name} ({stated / PT_PER['mm']:g}mm) disagrees with @page size {raw!r}: "
                              f"state the sheet once (size: var(--page-width) var(--page-height))")
    return {"page_width": width_height[0], "page_height": width_height[1]}


def _read_size(words: list[str]) -> tuple[float, float] | None:
    orientation = [w for w in words if w in ("portrait", "landscape")]
    rest = [w for w in words if w not in ("portrait", "landscape")]
    if len(orientation) > 1 or not rest or len(rest) > 2:
        return None
    if len(rest) == 1 and rest[0] in _PAGE_SIZES:
        w, h = (x * PT_PER["mm"] for x in _PAGE_SIZES[rest[0]])
    else:
        if orientation:
            return None
        lengths = [_LENGTH.match(w) for w in rest]
        if not all(m and (m.group(2) or "").lower() in PT_PER for m in lengths):
            return None
        values = [float(m.group(1)) * PT_PER[m.group(2).lower()] for m in lengths]
        w, h = values[0], values[-1]
        if w <= 0 or h <= 0:
            return None
        return w, h
    return (max(w, h), min(w, h)) if orientation == ["landscape"] else (w, h)


def _value(name: str, raw: str, path: Path) -> object:
    f = _PROPS[name]
    if f.type in ("str", str):
        return raw.strip("\"'")
    if f.type in ("int", int):
        if raw == "auto":
            return 0
        if not raw.isdigit():
            raise LayoutError(f"{path}: --{name} must be a whole number or auto, not {raw!r}")
        return int(raw)
    if raw == "auto" and name in ("measure",):
        return 0.0
    if name == "blank-max":
        share = re.fullmatch(r"(\d+(?:\.\d+)?)%", raw)
        if raw == "none":
            return 0.0
        if not share or float(share.group(1)) >= 100:
            raise LayoutError(f"{path}: --blank-max must be a share such as 35% or none, not {raw!r}")
        return float(share.group(1)) / 100
    m = _LENGTH.match(raw)
    if not m:
        raise LayoutError(f"{path}: --{name} must be a length (mm, pt, em …), not {raw!r}")
    number, unit = float(m.group(1)), (m.group(2) or "").lower()
    if name in ("measure", "fallback-measure", "leading", "story-gap"):
        return number  # em, a multiple, or lines
    if unit in ("", "em"):
        raise LayoutError(f"{path}: --{name} needs an absolute unit (mm, pt), not {raw!r}")
    return number * PT_PER[unit]


def _check(layout: Layout) -> None:
    if layout.makeup not in ("grid", "flow"):
        raise LayoutError(f"{layout.path}: --makeup must be grid or flow, not {layout.makeup!r}")
    width = layout.page_width - layout.margin_inner - layout.margin_outer
    height = layout.page_height - layout.margin_top - layout.margin_bottom - layout.folio_height
    if width <= 0 or height <= 0 or layout.body_size <= 0 or layout.leading < 1:
        raise LayoutError(f"{layout.path}: margins leave no room for text, or sizes are not positive")
    if layout.body_size_min > layout.body_size:
        raise LayoutError(f"{layout.path}: --body-size-min is larger than --body-size")
