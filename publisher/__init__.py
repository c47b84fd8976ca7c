"""publisher: print-faithful republishing of Chinese newspaper pages (OCR text → HTML, PDF, EPUB)."""

from .errors import InputError, OutputError, PublisherError
from .model import Block, Credit, Folio, Metadata, Page, Repair, Story, Text
from .read.page import parse_page, read_page
from .version import __version__

__all__ = [
    "__version__",
    "Block", "Credit", "Folio", "InputError", "Metadata", "OutputError", "Page", "PublisherError",
    "Repair", "Story", "Text", "parse_page", "read_page", "write_epub", "write_html",
]


def write_html(page: Page, path, stylesheets: tuple[str, ...] = ()):
    """Render ``page`` as semantic HTML and write it atomically to ``path``. Without linked
    ``stylesheets`` it carries the reading stylesheet, so that it opens styled in a browser."""
    from .render.html import reading_css, render_html
    from .render.output import write_atomic

    return write_atomic(path, render_html(page, stylesheets, None if stylesheets else reading_css()))


def write_epub(page: Page, path, *, cover_png: bytes | None = None, reader_fonts: bool = False,
               vertical: bool | None = None):
    """Build the EPUB 3 edition of ``page`` and write it atomically to ``path``.

    ``cover_png``: the rendered print page, shown as the cover; without it one is generated.
    ``vertical``: set top to bottom, right to left; None: so for a Traditional (zh-Hant) page.
    """
    from .render.epub import write_epub as _write_epub

    return _write_epub(page, path, cover_png=cover_png, reader_fonts=reader_fonts, vertical=vertical)
