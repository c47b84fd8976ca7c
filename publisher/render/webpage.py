"""Document model → a web page that opens styled in any browser, as one self-contained file.

The page is the semantic HTML of ``html.py`` with, in its head, one ``<style>`` holding:
- ``@font-face`` rules for the bundled faces, each subset to exactly the characters it sets in
  this page (the EPUB's cut) and embedded as a ``data:`` URL: no loose files, no network, the
  same faces in every browser;
- the page's photos, if any, as ``data:`` URLs too;
- ``layouts/web.css`` (masthead, folio, stories as modules, text in CSS columns of the page's
  original measure);
- the user's stylesheets (``--css``), after it: their ``@import``s followed and their ``url()``s
  made absolute ``file:`` URLs, loading only from the project's folders (``typeset/stylesheets``);
  what they name elsewhere is left out and listed in ``WebPage.refused``.

Which face sets which text is read from those same rules (``typeset/faces.py``: one face map);
a character its face lacks is refused by code point before anything is written, unless
``system_fonts`` lets the reader's installed fonts stand in.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from ..model import Page
from ..typeset.faces import face_map, text_by_face, weight_warnings
from ..typeset.fonts import Face, bundled_faces, refuse_missing, subset_fonts
from ..typeset import layout as layouts
from ..typeset.layout import stylesheet_roots
from ..typeset.stylesheets import load_css
from .epub.documents import IMAGE_TYPES, read_photo
from .html import render_html
from .output import write_atomic

WEB_CSS = "web.css"  # in the layouts folder, read when the page is made
_MEDIA_TYPES = {"opentype": "font/otf", "truetype": "font/ttf"}


@dataclass(frozen=True)
class WebPage:
    html: str
    refused: tuple[str, ...]  # URLs the stylesheets name outside the project (left out)
    warnings: tuple[str, ...]  # said on stderr; the page is made
    fonts: dict[str, int]  # bytes embedded per face role


def make_webpage(page: Page, extra_css: tuple[Path, ...] = (), *, links: tuple[str, ...] = (),
                 system_fonts: bool = False, base_dir: Path | None = None) -> WebPage:
    """The web page of ``page``: web.css then ``extra_css`` inlined, the faces embedded;
    ``links``: stylesheet URLs linked as they are (not read by publisher)."""
    sheets = (layouts.LAYOUTS_DIR / WEB_CSS, *extra_css)
    css = load_css(sheets, stylesheet_roots(*sheets, *([base_dir] if base_dir else [])))
    faces = bundled_faces()
    fmap = face_map(css.text, faces)
    by_face = text_by_face(render_html(page), fmap)
    if not system_fonts:
        refuse_missing(by_face, faces, "use --system-fonts to let the reader's installed fonts stand in")
    wanted = sorted((role, chars) for role, chars in by_face.items() if chars)
    cuts = dict(zip((role for role, _ in wanted), subset_fonts(tuple((faces[r], c) for r, c in wanted))))
    style = embedded_faces_css(faces, cuts) + "\n" + css.text
    html = render_html(page, links, style, image_src=_data_url)
    return WebPage(html, css.refused, tuple(weight_warnings(fmap)), {r: len(d) for r, d in cuts.items()})


def _data_url(image: str) -> str:
    """A photo as a ``data:`` URL, so that the page stays one file."""
    path = Path(image)
    data = read_photo(path)
    return f"data:{IMAGE_TYPES[path.suffix.lower()]};base64,{base64.b64encode(data).decode('ascii')}"


def embedded_faces_css(faces: dict[str, Face], cuts: dict[str, bytes]) -> str:
    """One ``@font-face`` per face used, its subset as a ``data:`` URL, under the face's family."""
    rules = []
    for role, data in sorted(cuts.items()):
        face = faces[role]
        url = f"data:{_MEDIA_TYPES.get(face.format, 'font/otf')};base64,{base64.b64encode(data).decode('ascii')}"
        rules.append(f'@font-face {{ font-family: "{face.family}"; src: url("{url}") format("{face.format}"); '
                     f"font-weight: {face.weight}; font-style: {face.style}; font-display: block; }}")
    return "\n".join(rules)


def write_webpage(page: Page, path: str | Path, extra_css: tuple[Path, ...] = (), **options) -> tuple[Path, WebPage]:
    """Make the web page and write it atomically to ``path`` (nothing is written if it fails)."""
    web = make_webpage(page, extra_css, **options)
    return write_atomic(path, web.html), web
