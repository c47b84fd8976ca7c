"""Document model → reflowable EPUB 3 (the one ebooklib wrapper).

The book holds a title page carrying the masthead, one XHTML document per story (the class
contract of ``layouts/README.md``; headings are one level up, each story being a document of its
own), a navigation document and an NCX listing every story, ``layouts/epub.css`` (and, in a
vertical book, ``layouts/epub-vertical.css`` and a right-to-left spine), the bundled
faces subset to exactly the text each one sets, a cover image, and package metadata including
EPUB Accessibility 1.1. An issue of several pages is one book: the issue's title page, then
each page's own title page (its folio) and stories, with the navigation nested by page.

Reproducible: the identifier is derived from the content; ``dcterms:modified`` and the ZIP times
come from ``SOURCE_DATE_EPOCH`` or the page's own date, never the clock; the ZIP ebooklib builds
in memory is rewritten with sorted entries, ``mimetype`` first and stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from ...errors import InputError, OutputError
from ...chars import is_traditional
from ...model import Page, date_label, page_label
from ...typeset.faces import face_map, text_by_face
from ...typeset.fonts import Face, bundled_faces, refuse_missing, subset_fonts
from ..images import Masthead, masthead_cover, page_thumbnail
from ..output import write_atomic
from .documents import Document, book_title, issue_title_page, layout_css, render_documents, xhtml_document
from .package import book_identifier, make_book, modified, package, relator, toc_entry, toc_section

__all__ = ["book_identifier", "book_title", "build_epub", "build_issue_epub", "embedded_fonts", "face_text",
           "is_vertical", "relator", "render_documents", "write_epub", "write_issue_epub"]


def write_epub(page: Page, path: str | Path, *, cover_png: bytes | None = None, reader_fonts: bool = False,
               vertical: bool | None = None) -> Path:
    """Build the EPUB of ``page`` and write it atomically to ``path``.

    ``cover_png``: the rendered print page; its thumbnail becomes the cover image. Without it a
    cover carrying the masthead is generated. A story's ``image`` is read as a file path
    (relative to the working folder). ``vertical``: set top to bottom, right to left (None: so
    for a Traditional page, ``is_vertical``).
    """
    return _write(path, lambda: build_epub(page, cover_png=cover_png, reader_fonts=reader_fonts, vertical=vertical))


def write_issue_epub(pages: Sequence[Page], path: str | Path, *, title: str, cover_png: bytes | None = None,
                     reader_fonts: bool = False, vertical: bool | None = None) -> Path:
    """Build one EPUB of several pages (an issue, named ``title``) and write it atomically."""
    return _write(path, lambda: build_issue_epub(pages, title=title, cover_png=cover_png, reader_fonts=reader_fonts,
                                                 vertical=vertical))


def is_vertical(pages: Sequence[Page], vertical: bool | None = None) -> bool:
    """Whether the book is set vertically: as asked, else when its language (the first page's)
    is Traditional Chinese, which Taiwan and Hong Kong papers set vertically."""
    return is_traditional(pages[0].metadata.language) if vertical is None else vertical


def build_epub(page: Page, *, cover_png: bytes | None = None, reader_fonts: bool = False,
               vertical: bool | None = None) -> bytes:
    """The EPUB of ``page`` as bytes: the same input always gives the same bytes."""
    if not page.stories:
        raise InputError(f"{page.source_name}: no story to put in the book")
    vertical = is_vertical((page,), vertical)
    documents = render_documents(page, vertical=vertical)
    toc = [toc_entry(d) for d in documents[1:]]
    return _build((page,), book_title(page), documents, toc, _masthead(page), cover_png, reader_fonts, vertical)


def build_issue_epub(pages: Sequence[Page], *, title: str, cover_png: bytes | None = None,
                     reader_fonts: bool = False, vertical: bool | None = None) -> bytes:
    """Several pages as one book: a title page for the issue, then for each page its folio
    (as a section opener) and its stories; the navigation lists the pages and their stories."""
    pages = tuple(pages)
    if not pages or not all(p.stories for p in pages):
        raise InputError(f"{title}: no page with stories to put in the book")
    vertical = is_vertical(pages, vertical)
    papers = {p.metadata.paper for p in pages}
    paper = pages[0].metadata.paper if len(papers) == 1 else None
    name = f"{paper} {title}" if paper and paper not in title else title
    lang = pages[0].metadata.language or "zh-Hans"
    documents = [Document("title.xhtml", name, xhtml_document(lang, name, issue_title_page(pages[0], paper, title),
                                                              "titlepage", vertical=vertical))]
    toc = []
    for i, page in enumerate(pages, 1):
        docs = render_documents(page, prefix=f"p{i:02d}-", vertical=vertical)
        documents += docs
        label = page_label(page.metadata.page) if page.metadata.page else f"{i}. {docs[0].title}"
        toc.append(toc_section(label, docs[0], docs[1:]))
    return _build(pages, name, documents, toc, _issue_masthead(pages[0], paper, title), cover_png, reader_fonts,
                  vertical)


def _write(path: str | Path, build: Callable[[], bytes]) -> Path:
    path = Path(path)
    if "\0" in str(path):
        raise OutputError(f"{str(path)!r}: not a usable file name")
    if path.parent.exists() and not path.parent.is_dir():
        raise OutputError(f"{path}: cannot write ({path.parent} is not a folder)")
    return write_atomic(path, build())


def _build(pages: tuple[Page, ...], title: str, documents: list[Document], toc: list, masthead: Masthead,
           cover_png: bytes | None, reader_fonts: bool = False, vertical: bool = False) -> bytes:
    faces = bundled_faces()
    by_face = face_text(documents)
    if not reader_fonts:
        refuse_missing(by_face, faces, "use --system-fonts to let the reader's fonts stand in")
    fonts = embedded_fonts(by_face, faces, vertical)
    if cover_png is not None:
        cover = ("images/cover.jpg", "image/jpeg", page_thumbnail(cover_png))
    else:
        fmap = face_map(layout_css().decode("utf-8"), faces, pages[0].metadata.language)  # TC faces for zh-Hant
        headline, body = fmap.face_of("headline") or faces["headline"], fmap.face_of() or faces["body"]
        cover = ("images/cover.png", "image/png", masthead_cover(masthead, headline.path, body.path))
    book = make_book(pages, title, documents, toc, fonts, faces, cover, vertical)
    return package(book, modified(pages))


def embedded_fonts(by_face: dict[str, str], faces: dict[str, Face], vertical: bool = False) -> dict[str, bytes]:
    """Each face the documents use, subset to the characters it sets (``face_text``), by role
    (with the vertical forms and metrics in a vertical book)."""
    wanted = sorted((role, chars) for role, chars in by_face.items() if chars)
    subsets = subset_fonts(tuple((faces[role], chars) for role, chars in wanted), vertical)
    return {role: data for (role, _), data in zip(wanted, subsets)}


def face_text(documents: list[Document]) -> dict[str, str]:
    """The characters each face sets in the documents, by role, as layouts/epub.css assigns faces
    (by each document's language: a zh-Hant document in the TC faces)."""
    faces = face_map(layout_css().decode("utf-8"), bundled_faces())
    chars: dict[str, set[str]] = {}
    for doc in documents:
        for role, found in text_by_face(doc.xhtml, faces).items():
            chars.setdefault(role, set()).update(found)
    return {role: "".join(sorted(found)) for role, found in sorted(chars.items())}


def _masthead(page: Page) -> Masthead:
    """What a generated cover shows of one page: paper, date and page, credits, URL."""
    m = page.metadata
    lines = []
    when = page.metadata.when
    if when or m.page:
        date = date_label(when) if when else ""
        lines.append(" ".join(p for p in (date, page_label(m.page) if m.page else "") if p))
    if page.credits:
        lines.append("　".join(f"{c.role} {c.name}" for c in page.credits))
    url = page.folio.url or m.url
    if url:
        lines.append(re.sub(r"^https?://", "", url))
    return Masthead(m.paper or book_title(page), m.paper_latin if m.paper else None, tuple(lines))


def _issue_masthead(first: Page, paper: str | None, title: str) -> Masthead:
    when = first.metadata.when
    lines = tuple(x for x in (when and date_label(when), title if paper else None) if x)
    return Masthead(paper or title, first.metadata.paper_latin if paper else None, lines)
