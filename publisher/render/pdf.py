"""The orchestration: page model → layout → composition → makeup → print HTML → PDF."""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from html import unescape
from pathlib import Path
from weakref import WeakKeyDictionary

from ..model import Page
from ..typeset.faces import FaceMap, face_map, face_warnings, text_by_face
from ..typeset.fonts import (
    FONTS_DIR,
    Face,
    FontError,
    advance,
    bundled_faces,
    font_dates_kept,
    has_feature,
    installed_families,
    print_subset,
    refuse_missing,
)
from ..typeset.layout import LAYOUTS_DIR, Layout, load_layout
from ..typeset.makeup import Sheet, make_sheet
from ..typeset.punctuation import WHOLE, Metrics, centred_marks
from ..typeset.sheet import MakeupError
from .html import NO_IMAGE_LABEL, render_html
from .images import photo_crop, photo_placeholder
from .output import source_date_epoch, write_atomic
from .folio import page_number
from .pdfdoc import finish_pdf, issue_pdf  # noqa: F401 (issue_pdf: where it was; it needs no WeasyPrint)
from .pdfpages import png_pages
from .print_html import head_html, render_sheet
from .weasy import PdfRenderer, RenderError


@dataclass
class PdfResult:
    path: Path | None
    data: bytes
    sheet: Sheet | None
    layout: Layout
    refused: list[str]
    warnings: list[str] = field(default_factory=list)  # said on stderr; the PDF is made


def source_date() -> str | None:
    """SOURCE_DATE_EPOCH as an ISO date-time, for reproducible builds that carry a date."""
    when = source_date_epoch()
    return when.strftime("%Y-%m-%dT%H:%M:%SZ") if when else None


def font_face_css(faces: dict[str, Face]) -> str:
    """@font-face rules for the faces (file URLs), under their own family names."""
    rules = []
    for face in faces.values():
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; src: url("{face.path.as_uri()}") format("{face.format}"); '
            f"font-weight: {face.weight}; font-style: {face.style}; }}"
        )
    return "\n".join(rules)


PAGES_PER_PART = 24  # pages per WeasyPrint document (a few hundred MB at most)

# What WeasyPrint may set beyond the HTML's own characters: counters, hyphens, ellipses, quotes.
_GENERATED = "".join(map(chr, range(0x20, 0x7F))) + "\u00a0\u2010\u2026\u201c\u201d\u2018\u2019"


def page_chars(html: str) -> str:
    """Every character the print HTML can set: all of it, markup and styles included (a superset
    costs a few glyphs; a missing glyph would silently come from a system font)."""
    return "".join(sorted(set(unescape(html)) | set(_GENERATED) | set(NO_IMAGE_LABEL)))


def write_subsets(faces: dict[str, Face], chars: str, folder: Path) -> dict[str, Face]:
    """The faces cut down to ``chars`` (so that fontTools, where WeasyPrint lacks HarfBuzz-Subset,
    handles ~1,000 glyphs, not 23,000), written to ``folder`` under names from their content."""
    cut = {}
    for role, face in faces.items():
        data = print_subset(face, chars)
        path = folder / f"{hashlib.sha256(data).hexdigest()[:24]}{face.path.suffix}"
        cut[role] = replace(face, path=write_atomic(path, data))
    return cut


# The cut faces (their file names, content hashes) each renderer's FontConfiguration holds. Given
# a second cut of a family, Pango would take glyphs from both, and WeasyPrint embeds one file per
# family and weight: wrong glyphs. Two copies of one cut are harmless: the same glyphs.
_CUTS: WeakKeyDictionary[PdfRenderer, tuple[str, ...]] = WeakKeyDictionary()


def renderer_for(renderer: PdfRenderer | None, cut: tuple[str, ...], roots: tuple[Path, ...]) -> PdfRenderer:
    """``renderer`` if it holds no cut faces or these ones (by content), else a new one."""
    if renderer is None or _CUTS.setdefault(renderer, cut) != cut:
        renderer = PdfRenderer(roots)
        _CUTS[renderer] = cut
    return renderer


def render_cut(html: str, faces: dict[str, Face], renderer: PdfRenderer | None, roots: tuple[Path, ...],
               base_url: Path, sheet: tuple[float, float, int] | None = None) -> tuple[bytes, list[str]]:
    """The PDF of ``html``, its bundled faces cut down to the characters it can set; the URLs refused."""
    whole = font_face_css(faces)
    with tempfile.TemporaryDirectory(prefix="publisher-fonts-") as name:  # WeasyPrint copies what it loads
        folder = Path(name)
        cut = write_subsets(faces, page_chars(html), folder)
        html = html.replace(whole, font_face_css(cut), 1)  # head_html carries the stylesheet as given
        renderer = renderer_for(renderer, tuple(f.path.name for f in cut.values()), (*roots, folder))
        renderer.roots = tuple(dict.fromkeys((*renderer.roots, *roots, folder)))
        try:
            with font_dates_kept():  # WeasyPrint's fontTools fallback would stamp the clock into each font
                data = renderer.render(html, base_url)
        finally:
            renderer.roots = tuple(r for r in renderer.roots if r != folder)
    if sheet:
        check_pages(renderer.page_sizes, *sheet)
    return data, renderer.refused


def check_pages(sizes: list[tuple[float, float]], width: float, height: float, pages: int) -> None:
    """WeasyPrint laid out the pages publisher made up: as many, and of the sheet's size. A rule of
    the stylesheets that resizes the sheet or the page (``.sheet { height }``, ``@page :first``)
    would otherwise print headlines over text, or one sheet over several pages."""
    wrong = [s for s in sizes if abs(s[0] - width) > 0.5 or abs(s[1] - height) > 0.5]
    if len(sizes) != pages or wrong:
        got = wrong[0] if wrong else sizes[-1]
        mm = 25.4 / 72
        raise RenderError(f"the stylesheets lay the page out on {len(sizes)} page(s) of {got[0] * mm:.0f} × "
                          f"{got[1] * mm:.0f} mm, not {pages} of {width * mm:.0f} × {height * mm:.0f} mm as made up: "
                          f"a rule changes the size of the sheet or the page (.sheet, @page)")


def make_pdf(page: Page, layout_name: str | Path = "broadsheet", *, extra_css: tuple[Path, ...] = (),
             faithful: bool = False, system_fonts: bool = False, renderer: PdfRenderer | None = None,
             base_dir: Path | None = None, progress: Callable[[int, int], None] | None = None,
             roots: tuple[Path, ...] = (), arrangement: str | None = None) -> PdfResult:
    """The print PDF of ``page``. Its stylesheets may load files from the layouts, the fonts, their
    own folders, ``base_dir`` (the page's) and ``roots``. A long edition is rendered PAGES_PER_PART pages at a time and
    the parts merged, so memory stays flat and time grows in step with the pages;
    ``progress(pages_done, pages)`` follows it. ``arrangement``: "original" (the stories where
    the original page had them; the default when it recorded that) or "packed"."""
    roots = (*roots, *([base_dir] if base_dir else []))
    layout = load_layout(layout_name, extra_css, roots=roots)
    language = page.metadata.language or "zh-Hans"
    fmap = face_map(layout.css, bundled_faces(), language)  # which bundled face sets which class, as the layout says
    faces = faces_named(fmap)
    if not system_fonts:
        refuse_missing(text_by_face(render_html(page), fmap), faces,
                       "use --system-fonts to fall back to installed fonts")
    sheet = make_sheet(page, layout, advances_for(fmap), faithful=faithful, arrangement=arrangement)
    kai = fmap.faces["kai"].path  # the placeholder's label is in Simplified Chinese: the SC kai face has it
    head = head_html(page, font_face_css(faces) + "\n" + layout.css, source_date())
    roots = (LAYOUTS_DIR, FONTS_DIR, layout.path.parent, *(p.parent for p in extra_css), *roots)
    offsets: dict[int, dict[int, int]] = {}
    parts, refused = [], list(layout.refused)  # what the stylesheets name outside the project
    photos = _Photos(page)
    for first in range(0, sheet.pages, PAGES_PER_PART):
        pages = range(first, min(first + PAGES_PER_PART, sheet.pages))
        part_head = head if sheet.pages <= PAGES_PER_PART else numbered_part(head, pages.start, sheet.pages)
        html = render_sheet(page, sheet, part_head, placeholder=lambda w, h: photo_placeholder(w, h, NO_IMAGE_LABEL, kai),
                            pages=pages, offsets=offsets, photo=photos.frame)
        width, height = sheet.size if all(sheet.size) else (layout.page_width, layout.page_height)
        data, part_refused = render_cut(html, faces, renderer, roots, base_dir or layout.path.parent,
                                        (width, height, len(pages)))
        parts.append(data)
        refused += [u for u in part_refused if u not in refused]
        if progress:
            progress(pages.stop, sheet.pages)
    data = finish_pdf(parts, page_number(page))
    return PdfResult(None, data, sheet, layout, refused,
                     sheet.notes + face_warnings(fmap, installed_families()) + photos.warnings)


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

    def __init__(self, page: Page):
        self.size = page.geometry.size if page.geometry else None
        self.warnings: list[str] = []

    def frame(self, story, width: float, height: float) -> bytes:
        data, dpi = photo_crop(story.image, width, height, story.photo_box, self.size)
        if dpi < self.MIN_DPI:
            self.warnings.append(f"{story.image}: prints at {dpi:.0f} dpi in its frame (below {self.MIN_DPI})")
        return data


def write_pdf(page: Page, path: Path, layout_name: str | Path = "broadsheet", **options) -> PdfResult:
    result = make_pdf(page, layout_name, **options)
    result.path = write_atomic(path, result.data)
    return result


def cover_image(page: Page, layout_name: str | Path = "broadsheet", extra_css: tuple[Path, ...] = (),
                pdf: bytes | None = None) -> tuple[bytes | None, str | None]:
    """The print page's first page as a PNG for the EPUB's cover (from ``pdf`` when already made),
    or None and why not: the EPUB then carries its title cover, and never fails for want of a
    print page."""
    if pdf is None:
        try:
            pdf = make_pdf(page, layout_name, extra_css=extra_css).data
        except (MakeupError, FontError) as e:
            return None, f"no page cover ({e}): the EPUB has its title cover"
    return png_pages(pdf, dpi=100)[0], None  # ~1500 px wide: what readers ask of a cover
