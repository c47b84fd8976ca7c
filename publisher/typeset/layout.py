"""Layouts: plain CSS files whose ``:root`` custom properties are also the page geometry.

A layout is a stylesheet in ``layouts/`` (or any path). The knobs people change most are
custom properties at its top; publisher reads the geometric ones to compute the page
(columns, module sizes, line composition) and WeasyPrint applies the whole file.
Every property has a default here, so a layout only states what it changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path

import tinycss2

from ..errors import ExitCode, PublisherError

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
    css: str = ""


_LENGTH = re.compile(r"^(-?\d+(?:\.\d+)?)(pt|mm|cm|in|px|q|em)?$", re.I)
_PROPS = {f.name.replace("_", "-"): f for f in fields(Layout) if f.name not in ("name", "path", "description", "css")}


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


def load_layout(name_or_path: str | Path = "broadsheet", extra_css: tuple[Path, ...] = ()) -> Layout:
    """Read a layout; ``extra_css`` files are applied after it and may override its properties."""
    path = find_layout(name_or_path)
    sheets = [path, *extra_css]
    texts = []
    for p in sheets:
        try:
            texts.append(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as e:
            raise LayoutError(f"{p}: cannot read stylesheet ({e.__class__.__name__})") from None
    values: dict[str, object] = {}
    for p, text in zip(sheets, texts):
        values.update(_root_properties(text, p))
    description = _description(texts[0])
    layout = Layout(name=path.stem, path=path, description=description, css="\n".join(texts), **values)
    _check(layout)
    return layout


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
