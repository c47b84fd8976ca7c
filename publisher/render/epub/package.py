"""The EPUB package (the one ebooklib wrapper): manifest, spine, navigation, metadata including
EPUB Accessibility 1.1, and a reproducible ZIP (sorted entries, ``mimetype`` first and stored,
times from ``SOURCE_DATE_EPOCH`` or the page's own date, never the clock)."""

from __future__ import annotations

import json
import re
import uuid
import zipfile
from collections.abc import Iterable
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

from ebooklib import epub

from ...version import __version__
from ...errors import PublisherError
from ...model import Page
from ...typeset.fonts import Face
from ..images import region_jpeg
from ..output import source_date_epoch
from .documents import IMAGE_TYPES, VERTICAL_LAYOUT, Document, labels, layout_css, photo_name, read_photo

# Credit role words → MARC relator codes, first match wins (美编 before 编).
RELATORS = (
    (re.compile("美编|美編|版式|版面|设计|設計|组版|組版|排版|美术|美術"), "dsr"),
    (re.compile("摄影|攝影"), "pht"),
    (re.compile("制图|製圖"), "ill"),
    (re.compile("校对|校對|校读|校讀"), "pfr"),
    (re.compile("编|編"), "edt"),
)


# EPUB 3.3 core media types; ebooklib guesses from the system MIME database, which may be absent.
_FONT_TYPES = {b"OTTO": ("font/otf", "otf", "opentype"), b"\x00\x01\x00\x00": ("font/ttf", "ttf", "truetype"),
               b"true": ("font/ttf", "ttf", "truetype")}


_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "publisher:epub")


_ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=timezone.utc)  # the earliest time a ZIP entry can carry


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


_APPLE_OPTIONS = """<?xml version="1.0" encoding="utf-8"?>
<display_options>
<platform name="*">
<option name="specified-fonts">true</option>
</platform>
</display_options>
"""


def make_book(pages: tuple[Page, ...], title: str, documents: list[Document], toc: list, fonts: dict[str, bytes],
              faces: dict[str, Face], cover: tuple[str, str, bytes], vertical: bool = False) -> epub.EpubBook:
    """The book; a ``vertical`` one carries layouts/epub-vertical.css and turns its pages right to left."""
    lang = pages[0].metadata.language or "zh-Hans"
    book = epub.EpubBook()
    if vertical:
        book.set_direction("rtl")  # ebooklib writes it as the spine's page-progression-direction
    _metadata(book, pages, title, lang, has_images=any(s.image for p in pages for s in p.stories))

    def add(uid: str, name: str, media_type: str, content: bytes, **kw) -> epub.EpubItem:
        # Media types are always given: ebooklib's guess needs a system MIME database.
        return book.add_item(epub.EpubItem(uid=uid, file_name=name, media_type=media_type, content=content, **kw))

    for role, data in sorted(fonts.items()):
        media_type, ext, _ = _font_type(data)
        add(f"font-{role}", f"fonts/{role}.{ext}", media_type, data)
    add("css-fonts", "css/fonts.css", "text/css", font_faces_css(faces, fonts).encode("utf-8"))
    add("css-layout", "css/epub.css", "text/css", layout_css())
    if vertical:
        add("css-vertical", "css/epub-vertical.css", "text/css", layout_css(VERTICAL_LAYOUT))
    name, media_type, data = cover
    image = epub.EpubCover(uid="cover-image", file_name=name)
    image.media_type, image.content = media_type, data
    book.add_item(image)
    book.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})  # for EPUB 2 readers
    for i, page in enumerate(pages, 1):
        prefix = f"p{i:02d}-" if len(pages) > 1 else ""
        for n, story in enumerate(page.stories, 1):
            if story.image:
                photo = Path(story.image)
                name = photo_name(story, n, prefix)
                if story.photo_box:  # the illustration's region of the page image
                    size = page.geometry.size if page.geometry else None
                    add(Path(name).stem, name, "image/jpeg", region_jpeg(photo, story.photo_box, size))
                else:
                    add(Path(name).stem, name, IMAGE_TYPES[photo.suffix.lower()], read_photo(photo))
    book.spine = [add(Path(d.name).stem, d.name, "application/xhtml+xml", d.xhtml.encode("utf-8"))
                  for d in documents]
    book.toc = toc
    # Landmarks: EPUB 3 names ("titlepage"; ebooklib turns "text" into "bodymatter"). No "toc"
    # landmark: the navigation document is not in the spine, and a landmark must point into it.
    book.guide = [{"type": "titlepage", "href": documents[0].name, "title": documents[0].title},
                  {"type": "text", "href": documents[1].name, "title": documents[1].title}]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav(title=labels(lang)["toc"]))
    add("apple-display-options", "META-INF/com.apple.ibooks.display-options.xml", "application/xml",
        _APPLE_OPTIONS.encode("utf-8"), manifest=False)
    return book


def package(book: epub.EpubBook, modified: datetime) -> bytes:
    """ebooklib writes the book into memory; the ZIP is then rewritten to be reproducible."""
    raw = BytesIO()
    options = {"mtime": modified, "play_order": {"enabled": True, "start_from": 1},
               "landmark_title": labels(book.language)["landmarks"]}
    writer = _Writer(raw, book, options)
    writer.process()
    writer.write()
    return _reproducible_zip(raw.getvalue(), modified)


class _Writer(epub.EpubWriter):
    """ebooklib's writer, plus the package's ``xml:lang`` (the language of its metadata)."""

    def _write_opf_file(self, root):
        root.set(_XML_LANG, self.book.language)
        super()._write_opf_file(root)


def font_faces_css(faces: dict[str, Face], fonts: dict[str, bytes]) -> str:
    """``@font-face`` rules for the embedded subsets, named as the faces are in fonts/faces.toml."""
    rules = []
    for role, data in sorted(fonts.items()):
        face = faces[role]
        _, ext, fmt = _font_type(data)
        rules.append(
            "@font-face {\n"
            f'  font-family: "{face.family}";\n'
            f"  font-style: {face.style};\n"
            f"  font-weight: {face.weight};\n"
            f'  src: url("../fonts/{role}.{ext}") format("{fmt}");\n'
            "}\n"
        )
    return "/* Generated by publisher: the faces embedded in this book, subset to its text. */\n" + "".join(rules)


def _font_type(data: bytes) -> tuple[str, str, str]:
    try:
        return _FONT_TYPES[data[:4]]
    except KeyError:
        raise PublisherError("a subset font is neither OpenType nor TrueType") from None


def book_identifier(*pages: Page) -> str:
    """``urn:uuid:…`` derived from the pages' content and metadata (not file names or encodings)."""
    contents = []
    for page in pages:
        content = page.to_dict()
        for key in ("source", "encoding", "repairs", "blocks", "doubts", "format", "geometry"):
            content.pop(key)
        for key in ("roles", "photos"):  # how the book was made from the page, not what it says
            content["metadata"].pop(key)
        for story in content["stories"]:  # where it sat on the original page: not what it says
            story.pop("box")
            story.pop("photo_box")
        contents.append(content)
    canonical = json.dumps(contents[0] if len(contents) == 1 else contents, ensure_ascii=False, sort_keys=True,
                           separators=(",", ":"))
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, canonical)}"


def _metadata(book: epub.EpubBook, pages: tuple[Page, ...], title: str, lang: str, *, has_images: bool) -> None:
    book.set_identifier(book_identifier(*pages))
    book.set_title(title)
    book.set_language(lang)
    for other in _unique(p.metadata.language for p in pages[1:]):
        if other and other != lang:
            book.add_metadata("DC", "language", other)
    book.set_unique_metadata("OPF", "generator", "", {"name": "generator", "content": f"publisher {__version__}"})
    for paper in _unique(p.metadata.paper for p in pages):
        if paper:
            book.add_metadata("DC", "publisher", paper)
    when = pages[0].metadata.when
    if when:
        book.add_metadata("DC", "date", when)
    for source in _unique(p.metadata.url or p.folio.url or p.source_name for p in pages):
        book.add_metadata("DC", "source", source)
    people = _unique((name, relator(c.role)) for p in pages for c in p.credits for name in c.name.split())
    for n, (name, code) in enumerate(people, 1):
        book.add_metadata("DC", "contributor", name, {"id": f"contributor-{n}"})
        book.add_metadata(None, "meta", code,
                          {"refines": f"#contributor-{n}", "property": "role", "scheme": "marc:relators"})
    _accessibility(book, pages, has_images)


def _unique(values: Iterable) -> list:
    return list(dict.fromkeys(values))


def relator(role: str) -> str:
    """The MARC relator code for a credit's role word as printed (``ctb`` when none fits)."""
    return next((code for pattern, code in RELATORS if pattern.search(role)), "ctb")


def _accessibility(book: epub.EpubBook, pages: tuple[Page, ...], has_images: bool) -> None:
    def meta(prop: str, value: str, **attrs) -> None:
        book.add_metadata(None, "meta", value, {"property": prop, **attrs})

    meta("schema:accessMode", "textual")
    if has_images:
        meta("schema:accessMode", "visual")
    meta("schema:accessModeSufficient", "textual")
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    if has_images:
        features.append("alternativeText")
    for feature in features:
        meta("schema:accessibilityFeature", feature)
    meta("schema:accessibilityHazard", "none")
    summary = "本书由报纸版面的文字重排而成：每篇稿件为一章，标题分级，附目录导航；字号、字体与配色可随阅读器调整。"
    if any(s.kind == "photo" and not s.image for p in pages for s in p.stories):
        summary += "原版图片未随文本提供，图片说明以文字保留。"
    if has_images:
        summary += "图片均有文字替代说明。"
    meta("schema:accessibilitySummary", summary, **{_XML_LANG: "zh-Hans"})
    meta("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA")
    # A self-declaration by the software, for the markup it always writes (checked in its tests
    # with epubcheck and with Ace by DAISY); nobody has reviewed this particular book.
    meta("a11y:certifiedBy", f"publisher {__version__} (self-declared by the software that made this book)")


def modified(pages: tuple[Page, ...]) -> datetime:
    """SOURCE_DATE_EPOCH when set, else the first page's date (or the first day of its period),
    else 1980: never the clock, so that a rebuild gives the same bytes."""
    epoch = source_date_epoch()
    if epoch:
        return epoch
    for value in (p.metadata.when for p in pages):
        if value:
            parts = [int(p) for p in value.split("-")] + [1, 1]
            try:
                return datetime(parts[0], parts[1], parts[2], tzinfo=timezone.utc)
            except ValueError:
                continue
    return _ZIP_EPOCH


def _reproducible_zip(data: bytes, when: datetime) -> bytes:
    """The same archive with fixed entry times and modes, ``mimetype`` first and stored, then
    the other entries sorted by name."""
    stamp = min(max(when, _ZIP_EPOCH), datetime(2107, 12, 31, tzinfo=timezone.utc)).timetuple()[:6]
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = sorted(n for n in src.namelist() if n != "mimetype")
        for name in ["mimetype", *names]:
            info = zipfile.ZipInfo(name, stamp)
            info.create_system = 3  # Unix, whatever the building machine: same bytes everywhere
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name), compresslevel=9)
    return out.getvalue()


def toc_entry(doc: Document) -> epub.Link:
    """A navigation entry for one content document."""
    return epub.Link(doc.name, doc.title, f"toc-{Path(doc.name).stem}")


def toc_section(label: str, opener: Document, docs: list[Document]) -> tuple:
    """A navigation section (an issue's page): its opener, then an entry per document."""
    return epub.Section(label, opener.name), [toc_entry(d) for d in docs]
