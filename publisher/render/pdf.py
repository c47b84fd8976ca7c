"""The orchestration: page model → layout → composition → makeup → print HTML → PDF.

``pdfplan`` does publisher's part (it imports no WeasyPrint); ``render_plan`` hands its parts to
WeasyPrint and joins them into the page's PDF.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from ..model import Page
from ..typeset.fonts import Face, FontError, font_dates_kept, font_face_css
from ..typeset.layout import Layout
from ..typeset.sheet import MakeupError
from .folio import page_number  # noqa: F401 (where it was)
from .output import write_atomic
from .pdfdoc import finish_pdf, issue_pdf  # noqa: F401 (issue_pdf: where it was; it needs no WeasyPrint)
from .pdfplan import PAGES_PER_PART, PdfPart, PdfPlan, plan_pdf
from .weasy import PdfRenderer, RenderError

if TYPE_CHECKING:
    from ..typeset.makeup import Sheet


@dataclass
class PdfResult:
    path: Path | None
    data: bytes
    sheet: Sheet | None
    layout: Layout | None
    refused: list[str]
    warnings: list[str] = field(default_factory=list)  # said on stderr; the PDF is made


def write_cut(faces: dict[str, Face], cut: tuple[tuple[str, bytes], ...], folder: Path) -> dict[str, Face]:
    """The cut faces written to ``folder`` under names from their content."""
    out = {}
    for role, data in cut:
        face = faces[role]
        path = folder / f"{hashlib.sha256(data).hexdigest()[:24]}{face.path.suffix}"
        out[role] = replace(face, path=write_atomic(path, data))
    return out


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


def render_part(part: PdfPart, faces: dict[str, Face], renderer: PdfRenderer | None, roots: tuple[Path, ...],
                base_url: Path, sheet: tuple[float, float, int] | None = None) -> tuple[bytes, list[str]]:
    """The PDF of a part, in the faces cut down to its characters; the URLs refused."""
    with tempfile.TemporaryDirectory(prefix="publisher-fonts-") as name:  # WeasyPrint copies what it loads
        folder = Path(name)
        cut = write_cut(faces, part.cut, folder)
        html = part.html.replace(font_face_css(faces), font_face_css(cut), 1)  # head_html carries it as given
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
    plan = plan_pdf(page, layout_name, extra_css=extra_css, faithful=faithful, system_fonts=system_fonts,
                    base_dir=base_dir, roots=roots, arrangement=arrangement, per_part=PAGES_PER_PART)
    return render_plan(plan, renderer, progress)


def render_plan(plan: PdfPlan, renderer: PdfRenderer | None = None,
                progress: Callable[[int, int], None] | None = None) -> PdfResult:
    """The PDF of a plan (``pdfplan.plan_pdf``): each part through WeasyPrint, then joined."""
    data, refused = [], list(plan.refused)
    for part in plan.parts:
        part_data, part_refused = render_part(part, plan.faces, renderer, plan.roots, plan.base_url,
                                              (*plan.size, len(part.pages)))
        data.append(part_data)
        refused += [u for u in part_refused if u not in refused]
        if progress:
            progress(part.pages.stop, plan.pages)
    return PdfResult(None, finish_pdf(data, plan.label), plan.sheet, plan.layout, refused, plan.warnings)


def write_pdf(page: Page, path: Path, layout_name: str | Path = "broadsheet", **options) -> PdfResult:
    result = make_pdf(page, layout_name, **options)
    result.path = write_atomic(path, result.data)
    return result


def cover_image(page: Page, layout_name: str | Path = "broadsheet", extra_css: tuple[Path, ...] = (),
                pdf: bytes | None = None) -> tuple[bytes | None, str | None]:
    """The print page's first page as a PNG for the EPUB's cover (from ``pdf`` when already made),
    or None and why not: the EPUB then carries its title cover, and never fails for want of a
    print page."""
    from .pdfpages import png_pages  # (pypdfium2: a renderer that makes no cover never loads it)

    if pdf is None:
        try:
            pdf = make_pdf(page, layout_name, extra_css=extra_css).data
        except (MakeupError, FontError) as e:
            return None, f"no page cover ({e}): the EPUB has its title cover"
    return png_pages(pdf, dpi=100)[0], None  # ~1500 px wide: what readers ask of a cover
