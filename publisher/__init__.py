"""publisher: print-faithful republishing of Chinese newspaper pages (OCR text → HTML, PDF, EPUB)."""

from .errors import InputError, OutputError, PublisherError
from .model import Block, Credit, Folio, Metadata, Page, Repair, Story, Text
from .version import __version__

__all__ = [
    "__version__",
    "Block", "Credit", "Folio", "InputError", "Metadata", "OutputError", "Page", "PublisherError",
    "Repair", "Story", "Text", "parse_page", "read_page", "write_epub", "write_html",
]


def __getattr__(name: str):
    """``read_page`` and ``parse_page``, loaded when first asked for: ``publisher build`` starts
    its PDF renderers before it loads the readers (see ``workflow/executors.py``)."""
    if name in ("read_page", "parse_page"):
        from .read import page

        return getattr(page, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def write_html(page: Page, path, css=(), *, links: tuple[str, ...] = (), system_fonts: bool = False,
               base_dir=None):
    """Write ``page`` as a web page (semantic HTML, one self-contained file) atomically to ``path``.

    It carries layouts/web.css, then the stylesheet files ``css`` (their imports followed, loading
    only from the project's folders), and the bundled faces subset to the page; ``links`` are
    stylesheet URLs linked after them. A character its face lacks is refused (FontError) before
    anything is written, unless ``system_fonts``. Returns the path and the ``WebPage`` (its
    ``refused`` URLs and ``warnings`` to report).
    """
    from pathlib import Path

    from .render.webpage import write_webpage

    return write_webpage(page, path, tuple(Path(c) for c in css), links=tuple(links), system_fonts=system_fonts,
                         base_dir=base_dir)


def write_epub(page: Page, path, *, cover_png: bytes | None = None, reader_fonts: bool = False,
               vertical: bool | None = None):
    """Build the EPUB 3 edition of ``page`` and write it atomically to ``path``.

    ``cover_png``: the rendered print page, shown as the cover; without it one is generated.
    ``vertical``: set top to bottom, right to left; None: so for a Traditional (zh-Hant) page.
    """
    from .render.epub import write_epub as _write_epub

    return _write_epub(page, path, cover_png=cover_png, reader_fonts=reader_fonts, vertical=vertical)
