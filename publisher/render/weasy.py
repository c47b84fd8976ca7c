"""HTML → PDF with WeasyPrint (the one module that imports it), safely and reproducibly.

- Resources load only from allowed folders (the layouts, the bundled fonts, the page's own
  folder) and ``data:`` URIs; anything else — ``file:///etc/passwd``, ``http://`` — is
  refused and reported, never fetched (WeasyPrint's security notes).
- One FontConfiguration per renderer, reused across documents.
- Output is tagged PDF/UA-1 (structure, reading order, language), with metadata from the
  HTML head; it is byte-identical for the same input. WeasyPrint makes a structure element
  per box; the print HTML's ``data-pdf-join``/``data-pdf-unwrap`` marks are kept on them for
  ``pdfdoc`` to make the tree follow the story.
"""

from __future__ import annotations

import logging
import os
import re
import struct
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import ExitCode, PublisherError
from ..typeset.fonts import subset_glyphs
from ..typeset.stylesheets import inside


@contextmanager
def _libraries_found_once():
    """While WeasyPrint loads Pango, HarfBuzz and fontconfig: ``ctypes.util.find_library``
    answered from one reading of the loader's cache (``ldconfig -p``), as the standard library
    reads it first, instead of running ldconfig, then gcc and ld, for each of the ~20 names it
    tries (most of them spellings for other systems): 0.4 s of a cold start. A name the cache
    lacks is not found, and WeasyPrint goes on to the next, down to the library's soname, which
    the loader opens itself (so the same libraries load). Linux only; restored afterwards."""
    import ctypes.util

    real = ctypes.util.find_library
    try:
        listing = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, check=False,
                                 env={"LC_ALL": "C", "LANG": "C"}).stdout
    except OSError:
        listing = b""
    if not sys.platform.startswith("linux") or not listing:
        yield
        return
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
           "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}.get(machine, "libc6")

    def find_library(name: str) -> str | None:
        found = re.search(os.fsencode(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi}"), listing)
        return os.fsdecode(found.group(1)) if found else None

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = real


with _libraries_found_once():
    import weasyprint
import pydyf  # WeasyPrint's own dependency, for its tagger
import weasyprint.pdf.fonts as weasy_fonts
import weasyprint.pdf.tags as weasy_tags
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher


class RenderError(PublisherError):
    """WeasyPrint could not render the document."""

    exit_code = ExitCode.input_file  # the input or the options ask for what cannot be done


class _GuardedFetcher(URLFetcher):
    """Fetch only files under the allowed folders (and data: URIs); record what was refused."""

    def __init__(self, roots: tuple[Path, ...]):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = tuple(roots)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "file":
            if not inside(Path(unquote(urlsplit(url).path)), self.roots):
                self.refused.append(url)
                raise ValueError(f"refused: {url} is outside the project's folders")
        elif scheme != "data":
            self.refused.append(url)
            raise ValueError(f"refused: {url} (only local project files may be loaded)")
        return super().fetch(url, headers)


def _subset_with_harfbuzz_wheel(font, to_unicode, hinting) -> None:
    """WeasyPrint's ``Font.subset``, always through HarfBuzz from the uharfbuzz wheel.

    WeasyPrint subsets embedded fonts with the system library HarfBuzz-Subset when it finds
    it, and otherwise with fontTools: seconds per CJK face, and a ``head.modified`` from the
    clock in every file. The wheel's HarfBuzz does the same cut on every machine, fast and
    with the font's own dates, so the same page gives the same bytes anywhere. Should it
    fail, WeasyPrint's own path runs.
    """
    if not to_unicode:
        return
    data = subset_glyphs(font.file_content, font.index, to_unicode, hinting=hinting,
                         notdef_outline=bool(font.missing))
    if data:
        font.file_content = data
    else:
        _WEASYPRINT_SUBSET(font, to_unicode, hinting)


_WEASYPRINT_SUBSET = weasy_fonts.Font.subset
weasy_fonts.Font.subset = _subset_with_harfbuzz_wheel


JOIN, UNWRAP = "PublisherJoin", "PublisherUnwrap"  # private keys for ``pdfdoc.join_pieces``


def _build_box_tree_marked(box, parent, *args):
    """WeasyPrint's tagger, which makes a structure element per box, with each element's
    ``data-pdf-join`` key (pieces with one key are one element: a paragraph set in two columns)
    and ``data-pdf-unwrap`` flag (a box of layout only, such as a column) kept on it as a private
    entry, for ``pdfdoc.join_pieces`` to act on and remove. Anonymous boxes, which share their
    parent's element, are not marked twice."""
    source = box._box if isinstance(box, AbsolutePlaceholder) else box
    attrib = {} if source.element is None else source.element.attrib
    for element in _BUILD_BOX_TREE(box, parent, *args):
        if source.element_tag not in ("html", "body") and "Type" in element:
            key = attrib.get("data-pdf-join")
            if key and getattr(parent.get(JOIN), "string", None) != key:
                element[JOIN] = pydyf.String(key)
            if "data-pdf-unwrap" in attrib and UNWRAP not in parent:
                element[UNWRAP] = "true"
        yield element


_BUILD_BOX_TREE = getattr(weasy_tags, "_build_box_tree", None)
if _BUILD_BOX_TREE is not None:  # (a WeasyPrint without it: one element per box, still a valid tree)
    weasy_tags._build_box_tree = _build_box_tree_marked


class PdfRenderer:
    """Renders print HTML; keeps fonts configured between documents."""

    def __init__(self, roots: tuple[Path, ...]):
        self.roots = roots
        self.font_config = FontConfiguration()
        self.refused: list[str] = []
        self.page_sizes: list[tuple[float, float]] = []  # of the last document, in points

    def render(self, html: str, base_url: Path) -> bytes:
        fetcher = _GuardedFetcher(self.roots)
        quiet = logging.getLogger("weasyprint")
        level = quiet.level
        quiet.setLevel(logging.ERROR)  # refused URLs are reported by us, once, in plain words
        try:
            options = {"pdf_variant": "pdf/ua-1", "uncompressed_pdf": False}
            document = weasyprint.HTML(string=html, base_url=str(base_url), url_fetcher=fetcher).render(
                font_config=self.font_config, **options)
            self.page_sizes = [(page.width * 0.75, page.height * 0.75) for page in document.pages]  # CSS px → pt
            data = document.write_pdf(**options)
        except PublisherError:
            raise
        except Exception as e:  # WeasyPrint raises many kinds; the user needs one line
            raise RenderError(f"PDF rendering failed: {e.__class__.__name__}: {e}") from None
        finally:
            quiet.setLevel(level)
        self.refused = fetcher.refused
        return data
