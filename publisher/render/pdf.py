"""The orchestration: page model → layout → composition → makeup → print HTML → PDF."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..typeset.fonts import Face, FontError, advance, bundled_faces, covers, describe_missing, FONTS_DIR
from .html import NO_IMAGE_LABEL
from .images import photo_placeholder
from ..typeset.layout import LAYOUTS_DIR, Layout, load_layout
from ..typeset.makeup import Sheet, make_sheet
from ..model import Page
from .output import write_atomic
from .weasy import PdfRenderer
from .print_html import head_html, render_sheet


@dataclass
class PdfResult:
    path: Path | None
    data: bytes
    sheet: Sheet | None
    layout: Layout
    refused: list[str]


def source_date() -> str | None:
    """SOURCE_DATE_EPOCH as an ISO date-time, for reproducible builds that carry a date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def font_face_css(faces: dict[str, Face]) -> str:
    """@font-face rules for the bundled faces (file URLs under fonts/)."""
    rules = []
    for face in faces.values():
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; src: url("{face.path.as_uri()}") format("{face.format}"); '
            f"font-weight: {face.weight}; font-style: {face.style}; }}"
        )
    return "\n".join(rules)


def check_coverage(page: Page, faces: dict[str, Face]) -> None:
    """Every character must have a glyph in the face that sets it: else say which, by code point."""
    body = "".join(b.text for s in page.stories for b in s.body) + "".join(s.dateline or "" for s in page.stories)
    heads = "".join(
        (s.kicker.text if s.kicker else "") + s.headline.text + (s.subheadline.text if s.subheadline else "")
        for s in page.stories
    )
    kai = "".join(b.text for s in page.stories for b in s.bylines) + "".join(s.caption.text for s in page.stories if s.caption)
    missing = covers(faces["body"], body) | covers(faces["headline"], heads) | covers(faces["kai"], kai)
    if missing:
        raise FontError(f"no bundled font has {describe_missing(missing)} (use --system-fonts to fall back to installed fonts)")


def make_pdf(page: Page, layout_name: str | Path = "broadsheet", *, extra_css: tuple[Path, ...] = (),
             faithful: bool = False, system_fonts: bool = False, renderer: PdfRenderer | None = None,
             base_dir: Path | None = None) -> PdfResult:
    layout = load_layout(layout_name, extra_css)
    faces = bundled_faces()
    if not system_fonts:
        check_coverage(page, faces)
    advances = {role: (lambda c, f=face: advance(f, c) or (1.0 if ord(c) > 0x2E80 else 0.5)) for role, face in faces.items()}
    sheet = make_sheet(page, layout, advances, faithful=faithful)
    kai = faces["kai"].path
    html = render_sheet(page, sheet, head_html(page, font_face_css(faces) + "\n" + layout.css, source_date()),
                        placeholder=lambda w, h: photo_placeholder(w, h, NO_IMAGE_LABEL, kai))
    roots = (LAYOUTS_DIR, FONTS_DIR, layout.path.parent, *(p.parent for p in extra_css), *( [base_dir] if base_dir else []))
    renderer = renderer or PdfRenderer(roots)
    renderer.roots = tuple(dict.fromkeys((*renderer.roots, *roots)))
    data = renderer.render(html, base_dir or layout.path.parent)
    return PdfResult(None, data, sheet, layout, renderer.refused)


def write_pdf(page: Page, path: Path, layout_name: str | Path = "broadsheet", **options) -> PdfResult:
    result = make_pdf(page, layout_name, **options)
    result.path = write_atomic(path, result.data)
    return result
