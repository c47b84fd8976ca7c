"""The print PDF's plan: everything publisher does before WeasyPrint, without importing it.

``plan_pdf`` lays the page out (layout, makeup, composition), writes the print HTML a part of
at most ``per_part`` pages at a time and cuts the bundled faces down to each part's characters.
``pdf.render_plan`` hands the parts to WeasyPrint. The two halves can run in different
processes (``PdfPlan.travelling``): a build makes up a page while another process is still
importing WeasyPrint (``workflow/jobs.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Page
from ..typeset.faces import FaceMap, face_map, face_warnings, text_by_face
from ..typeset.fonts import (
    FONTS_DIR,
    Face,
    advance,
    bundled_faces,
    font_face_css,
    has_feature,
    installed_families,
    print_subset,
    refuse_missing,
)
from ..typeset.layout import LAYOUTS_DIR, Layout, load_layout
from ..typeset.punctuation import WHOLE, Metrics, centred_marks
from .folio import page_number
from .html import NO_IMAGE_LABEL, render_html
from .images import photo_crop, photo_placeholder
from .output import source_date_epoch
from .print_html import head_html, render_sheet

if TYPE_CHECKING:
    from ..typeset.makeup import Sheet

PAGES_PER_PART = 24  # pages per WeasyPrint document (a few hundred MB at most)

# What WeasyPrint may set beyond the HTML's own characters: counters, hyphens, ellipses, quotes.
_GENERATED = "".join(map(chr, range(0x20, 0x7F))) + "\u00a0\u2010\u2026\u201c\u201d\u2018\u2019"


@dataclass
class PdfPart:
    """Up to ``per_part`` pages of print HTML, and each face cut to the characters they can set."""

    html: str  # its @font-face rules name the whole bundled faces (``font_face_css(plan.faces)``)
    cut: tuple[tuple[str, bytes], ...]  # (role, the face cut down), for the roles of plan.faces
    pages: range


@dataclass
class PdfPlan:
    parts: Iterable[PdfPart]  # made one at a time as they are rendered; a list once it travels
    faces: dict[str, Face]  # the bundled faces the HTML names
    size: tuple[float, float]  # the sheet in points, which WeasyPrint's pages must have
    pages: int
    label: str | None  # the page labels' number
    roots: tuple[Path, ...]  # the folders the stylesheets may load from
    base_url: Path
    refused: list[str]  # URLs the stylesheets name outside the allowed folders
    warnings: list[str] = field(default_factory=list)  # complete once the parts are made
    sheet: Sheet | None = None  # the makeup (not sent along: ``travelling``)
    layout: Layout | None = None

    def travelling(self) -> PdfPlan:
        """The plan with all its parts made, and no makeup: what another process renders."""
        parts = list(self.parts)
        return replace(self, parts=parts, warnings=list(self.warnings), sheet=None, layout=None)


def source_date() -> str | None:
    """SOURCE_DATE_EPOCH as an ISO date-time, for reproducible builds that carry a date."""
    when = source_date_epoch()
    return when.strftime("%Y-%m-%dT%H:%M:%SZ") if when else None


def page_chars(html: str) -> str:
    """Every character the print HTML can set: all of it, markup and styles included (a superset
    costs a few glyphs; a missing glyph would silently come from a system font)."""
    return "".join(sorted(set(unescape(html)) | set(_GENERATED) | set(NO_IMAGE_LABEL)))


def cut_faces(faces: dict[str, Face], html: str) -> tuple[tuple[str, bytes], ...]:
    """Each face cut down to the characters ``html`` can set (so that fontTools, where WeasyPrint
    lacks HarfBuzz-Subset, handles ~1,000 glyphs, not 23,000)."""
    chars = page_chars(html)
    return tuple((role, print_subset(face, chars)) for role, face in faces.items())


def plan_pdf(page: Page, layout_name: str | Path = "broadsheet", *, extra_css: tuple[Path, ...] = (),
             faithful: bool = False, system_fonts: bool = False, base_dir: Path | None = None,
             roots: tuple[Path, ...] = (), arrangement: str | None = None,
             per_part: int = PAGES_PER_PART) -> PdfPlan:
    """The print PDF of ``page`` up to WeasyPrint (see ``pdf.make_pdf``); its parts are made as
    they are asked for."""
    from ..typeset.makeup import make_sheet  # (numpy: a renderer that only renders plans never loads it)

    roots = (*roots, *([base_dir] if base_dir else []))
    layout = load_layout(layout_name, extra_css, roots=roots)
    language = page.metadata.language or "zh-Hans"
    fmap = face_map(layout.css, bundled_faces(), language)  # which bundled face sets which class, as the layout says
    faces = faces_named(fmap)
    if not system_fonts:
        refuse_missing(text_by_face(render_html(page), fmap), faces,
                       "use --system-fonts to fall back to installed fonts")
    sheet = make_sheet(page, layout, advances_for(fmap), faithful=faithful, arrangement=arrangement)
    head = head_html(page, font_face_css(faces) + "\n" + layout.css, source_date())
    warnings = sheet.notes + face_warnings(fmap, installed_families())  # and the photos' as they are cut
    size = sheet.size if all(sheet.size) else (layout.page_width, layout.page_height)
    parts = _parts(page, sheet, head, faces, fmap.faces["kai"].path, _Photos(page, warnings), per_part)
    return PdfPlan(parts, faces, size, sheet.pages, page_number(page),
                   (LAYOUTS_DIR, FONTS_DIR, layout.path.parent, *(p.parent for p in extra_css), *roots),
                   base_dir or layout.path.parent, list(layout.refused), warnings, sheet, layout)


def _parts(page: Page, sheet: Sheet, head: str, faces: dict[str, Face], kai: Path, photos: _Photos,
           per_part: int) -> Iterator[PdfPart]:
    """The sheet's pages as print HTML, ``per_part`` at a time, each paragraph going on where the
    part before left it. ``kai``: the placeholder's label is in Simplified Chinese, which the SC
    kai face has."""
    offsets: dict[int, dict[int, int]] = {}
    for first in range(0, sheet.pages, per_part):
        pages = range(first, min(first + per_part, sheet.pages))
        part_head = head if sheet.pages <= per_part else numbered_part(head, pages.start, sheet.pages)
        html = render_sheet(page, sheet, part_head, placeholder=lambda w, h: photo_placeholder(w, h, NO_IMAGE_LABEL, kai),
                            pages=pages, offsets=offsets, photo=photos.frame)
        yield PdfPart(html, cut_faces(faces, html), pages)


# What the composer measures, by the class whose face it stands for.
_SLOTS = {"body": None, "headline": "headline", "hei": "kicker", "kai": "caption"}


def faces_named(fmap: FaceMap) -> dict[str, Face]:
    """The bundled faces of the families the stylesheet names for this page's language (all
    weights of each): those the page is set in, and the only ones handed to WeasyPrint."""
    families = {f.family for f in (fmap.root, *fmap.classes.values())}
    named = {role: face for role, face in fmap.faces.items() if face.family in families}
    return named or dict(fmap.faces)


def advances_for(fmap: FaceMap) -> dict[str, Metrics]:
    """The composer's advance widths, by slot, from the face the stylesheet sets each in (the
    default face of the slot when it names no bundled one); marks centred by the Traditional
    convention when the page is in Traditional Chinese."""
    centred = centred_marks(fmap.lang)
    out = {}
    for slot, cls in _SLOTS.items():
        face = fmap.face_of(cls) or fmap.faces[slot]
        whole = centred if has_feature(face, "halt") else WHOLE  # no 'halt': no mark set half-width
        out[slot] = Metrics(lambda c, f=face: advance(f, c) or (1.0 if ord(c) > 0x2E80 else 0.5), whole)
    return out


def numbered_part(head: str, first: int, total: int) -> str:
    """The head of a part starting at page index ``first``, so that the page numbers its layout
    prints (``counter(page)``, ``counter(pages)``) are the whole edition's: WeasyPrint counts
    only the part's pages."""
    head = re.sub(r"counter\(\s*pages\s*(?:,[^)]*)?\)", f'"{total}"', head)
    return head + f"\n<style>@page :first {{ counter-reset: page {first + 1}; }}</style>"


class _Photos:
    """The page's photos cut to their frames; a photo printing below MIN_DPI is warned about."""

    MIN_DPI = 150

    def __init__(self, page: Page, warnings: list[str]):
        self.size = page.geometry.size if page.geometry else None
        self.warnings = warnings

    def frame(self, story, width: float, height: float) -> bytes:
        data, dpi = photo_crop(story.image, width, height, story.photo_box, self.size)
        if dpi < self.MIN_DPI:
            self.warnings.append(f"{story.image}: prints at {dpi:.0f} dpi in its frame (below {self.MIN_DPI})")
        return data
