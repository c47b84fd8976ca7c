"""Document model → reflowable EPUB 3 (the one ebooklib wrapper).

The book holds a title page carrying the masthead, one XHTML document per story (the class
contract of ``layouts/README.md``; headings are one level up, each story being a document of its
own), a navigation document and an NCX listing every story, ``layouts/epub.css``, the bundled
faces subset to exactly the text each one sets, a cover image, and package metadata including
EPUB Accessibility 1.1. An issue of several pages is one book: the issue's title page, then
each page's own title page (its folio) and stories, with the navigation nested by page.

Reproducible: the identifier is derived from the content; ``dcterms:modified`` and the ZIP times
come from ``SOURCE_DATE_EPOCH`` or the page's own date, never the clock; the ZIP ebooklib builds
in memory is rewritten with sorted entries, ``mimetype`` first and stored.
"""

from __future__ import annotations

import json
import os
import re
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape
from io import BytesIO
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ebooklib import epub

from .. import __version__
from .images import Masthead, masthead_cover, page_thumbnail
from ..errors import InputError, OutputError, PublisherError
from ..typeset.layout import LAYOUTS_DIR
from ..typeset.faces import face_map, text_by_face
from ..typeset.fonts import Face, bundled_faces, subset_fonts
from .folio import printed_fields, unprinted_fields
from .html import byline_html, heading_lines
from ..model import Block, Page, Story, Text, date_label, page_label
from .output import write_atomic

LAYOUT = LAYOUTS_DIR / "epub.css"

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
_IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
                ".svg": "image/svg+xml", ".webp": "image/webp"}

_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "publisher:epub")
_ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=timezone.utc)  # the earliest time a ZIP entry can carry
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot carry: OCR output occasionally holds stray control codes.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_APPLE_OPTIONS = """<?xml version="1.0" encoding="utf-8"?>
<display_options>
<platform name="*">
<option name="specified-fonts">true</option>
</platform>
</display_options>
"""

_LABELS = {  # navigation headings, by script
    "Hans": {"toc": "目录", "landmarks": "导览"},
    "Hant": {"toc": "目錄", "landmarks": "導覽"},
}


@dataclass(frozen=True)
class Document:
    """One XHTML content document of the book, by file name."""

    name: str
    title: str
    xhtml: str


def write_epub(page: Page, path: str | Path, *, cover_png: bytes | None = None) -> Path:
    """Build the EPUB of ``page`` and write it atomically to ``path``.

    ``cover_png``: the rendered print page; its thumbnail becomes the cover image. Without it a
    cover carrying the masthead is generated. A story's ``image`` is read as a file path
    (relative to the working folder).
    """
    return _write(path, lambda: build_epub(page, cover_png=cover_png))


def write_issue_epub(pages: Sequence[Page], path: str | Path, *, title: str, cover_png: bytes | None = None) -> Path:
    """Build one EPUB of several pages (an issue, named ``title``) and write it atomically."""
    return _write(path, lambda: build_issue_epub(pages, title=title, cover_png=cover_png))


def build_epub(page: Page, *, cover_png: bytes | None = None) -> bytes:
    """The EPUB of ``page`` as bytes: the same input always gives the same bytes."""
    if not page.stories:
        raise InputError(f"{page.source_name}: no story to put in the book")
    documents = render_documents(page)
    toc = [epub.Link(d.name, d.title, f"toc-{Path(d.name).stem}") for d in documents[1:]]
    return _build((page,), book_title(page), documents, toc, _masthead(page), cover_png)


def build_issue_epub(pages: Sequence[Page], *, title: str, cover_png: bytes | None = None) -> bytes:
    """Several pages as one book: a title page for the issue, then for each page its folio
    (as a section opener) and its stories; the navigation lists the pages and their stories."""
    pages = tuple(pages)
    if not pages or not all(p.stories for p in pages):
        raise InputError(f"{title}: no page with stories to put in the book")
    papers = {p.metadata.paper for p in pages}
    paper = pages[0].metadata.paper if len(papers) == 1 else None
    name = f"{paper} {title}" if paper and paper not in title else title
    lang = pages[0].metadata.language or "zh-Hans"
    documents = [Document("title.xhtml", name, _xhtml(lang, name, _issue_title_page(pages[0], paper, title),
                                                      "titlepage"))]
    toc = []
    for i, page in enumerate(pages, 1):
        docs = render_documents(page, prefix=f"p{i:02d}-")
        documents += docs
        label = page_label(page.metadata.page) if page.metadata.page else f"{i}. {docs[0].title}"
        toc.append((epub.Section(label, docs[0].name),
                    [epub.Link(d.name, d.title, f"toc-{Path(d.name).stem}") for d in docs[1:]]))
    return _build(pages, name, documents, toc, _issue_masthead(pages[0], paper, title), cover_png)


def _write(path: str | Path, build: Callable[[], bytes]) -> Path:
    path = Path(path)
    if "\0" in str(path):
        raise OutputError(f"{str(path)!r}: not a usable file name")
    if path.parent.exists() and not path.parent.is_dir():
        raise OutputError(f"{path}: cannot write ({path.parent} is not a folder)")
    return write_atomic(path, build())


def _build(pages: tuple[Page, ...], title: str, documents: list[Document], toc: list, masthead: Masthead,
           cover_png: bytes | None) -> bytes:
    faces = bundled_faces()
    fonts = embedded_fonts(documents, faces)
    if cover_png is not None:
        cover = ("images/cover.jpg", "image/jpeg", page_thumbnail(cover_png))
    else:
        cover = ("images/cover.png", "image/png", masthead_cover(masthead, faces["headline"].path, faces["body"].path))
    book = _book(pages, title, documents, toc, fonts, faces, cover)
    return _package(book, _modified(pages))


def embedded_fonts(documents: list[Document], faces: dict[str, Face]) -> dict[str, bytes]:
    """Each face the documents use, subset to the characters it sets, by role."""
    wanted = sorted((role, chars) for role, chars in face_text(documents).items() if chars)
    subsets = subset_fonts(tuple((faces[role], chars) for role, chars in wanted))
    return {role: data for (role, _), data in zip(wanted, subsets)}


def _book(pages: tuple[Page, ...], title: str, documents: list[Document], toc: list, fonts: dict[str, bytes],
          faces: dict[str, Face], cover: tuple[str, str, bytes]) -> epub.EpubBook:
    lang = pages[0].metadata.language or "zh-Hans"
    book = epub.EpubBook()
    _metadata(book, pages, title, lang, has_images=any(s.image for p in pages for s in p.stories))

    def add(uid: str, name: str, media_type: str, content: bytes, **kw) -> epub.EpubItem:
        # Media types are always given: ebooklib's guess needs a system MIME database.
        return book.add_item(epub.EpubItem(uid=uid, file_name=name, media_type=media_type, content=content, **kw))

    for role, data in sorted(fonts.items()):
        media_type, ext, _ = _font_type(data)
        add(f"font-{role}", f"fonts/{role}.{ext}", media_type, data)
    add("css-fonts", "css/fonts.css", "text/css", font_faces_css(faces, fonts).encode("utf-8"))
    add("css-layout", "css/epub.css", "text/css", _layout_css())
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
                data = _read_photo(photo)
                name = _photo_name(story, n, prefix)
                add(Path(name).stem, name, _IMAGE_TYPES[photo.suffix.lower()], data)
    book.spine = [add(Path(d.name).stem, d.name, "application/xhtml+xml", d.xhtml.encode("utf-8"))
                  for d in documents]
    book.toc = toc
    # Landmarks: EPUB 3 names ("titlepage"; ebooklib turns "text" into "bodymatter"). No "toc"
    # landmark: the navigation document is not in the spine, and a landmark must point into it.
    book.guide = [{"type": "titlepage", "href": documents[0].name, "title": documents[0].title},
                  {"type": "text", "href": documents[1].name, "title": documents[1].title}]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav(title=_labels(lang)["toc"]))
    add("apple-display-options", "META-INF/com.apple.ibooks.display-options.xml", "application/xml",
        _APPLE_OPTIONS.encode("utf-8"), manifest=False)
    return book


def _package(book: epub.EpubBook, modified: datetime) -> bytes:
    """ebooklib writes the book into memory; the ZIP is then rewritten to be reproducible."""
    raw = BytesIO()
    options = {"mtime": modified, "play_order": {"enabled": True, "start_from": 1},
               "landmark_title": _labels(book.language)["landmarks"]}
    writer = _Writer(raw, book, options)
    writer.process()
    writer.write()
    return _reproducible_zip(raw.getvalue(), modified)


class _Writer(epub.EpubWriter):
    """ebooklib's writer, plus the package's ``xml:lang`` (the language of its metadata)."""

    def _write_opf_file(self, root):
        root.set(_XML_LANG, self.book.language)
        super()._write_opf_file(root)


# --- content documents ---------------------------------------------------------------------------


def render_documents(page: Page, *, prefix: str = "") -> list[Document]:
    """The page's title page, then one document per story, in page order (file names start with
    ``prefix``, which tells the pages of an issue apart)."""
    lang = page.metadata.language or "zh-Hans"
    title = book_title(page)
    docs = [Document(f"{prefix}title.xhtml", title, _xhtml(lang, title, _title_page(page), "titlepage"))]
    for n, story in enumerate(page.stories, 1):
        title = story.headline.text
        body = _story(story, n, prefix)
        docs.append(Document(f"{prefix}story-{n}.xhtml", title, _xhtml(lang, title, body, "story-page")))
    return docs


def _xhtml(lang: str, title: str, body: str, body_class: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" lang="{_x(lang)}" xml:lang="{_x(lang)}">\n<head>\n'
        f'<meta charset="utf-8"/>\n<title>{_x(title)}</title>\n'
        '<link rel="stylesheet" type="text/css" href="css/fonts.css"/>\n'
        '<link rel="stylesheet" type="text/css" href="css/epub.css"/>\n'
        f'</head>\n<body class="{body_class}">\n{body}\n</body>\n</html>\n'
    )


def _title_page(page: Page) -> str:
    m, f = page.metadata, page.folio
    out = ['<header class="folio">']
    if m.paper:
        latin = (f' <span class="folio__paper-latin" lang="en" xml:lang="en">{_x(m.paper_latin)}</span>'
                 if m.paper_latin else "")
        out.append(f'<h1 class="folio__paper">{_x(m.paper)}{latin}</h1>')
    else:
        out.append(f'<h1 class="folio__title">{_x(book_title(page))}</h1>')
    out += unprinted_fields(page, _x)
    out += printed_fields(page, _x)
    if m.url and not f.url:
        out.append(f'<p class="folio__url"><a href="{_x(m.url)}">{_x(m.url)}</a></p>')
    out.append("</header>")
    return "\n".join(out)


def _issue_title_page(first: Page, paper: str | None, title: str) -> str:
    m = first.metadata
    out = ['<header class="folio">']
    if paper:
        latin = (f' <span class="folio__paper-latin" lang="en" xml:lang="en">{_x(m.paper_latin)}</span>'
                 if m.paper_latin else "")
        out.append(f'<h1 class="folio__paper">{_x(paper)}{latin}</h1>')
        out.append(f'<p class="folio__field">{_x(title)}</p>')
    else:
        out.append(f'<h1 class="folio__title">{_x(title)}</h1>')
    when = first.metadata.when
    if when:
        out.append(f'<p class="folio__date"><time datetime="{when}">{_x(date_label(when))}</time></p>')
    out.append("</header>")
    return "\n".join(out)


def _story(story: Story, n: int, prefix: str = "") -> str:
    sid = f"story-{n}"
    out = ['<main class="stories">',
           f'<article class="story story--{story.kind}" id="{sid}" aria-labelledby="{sid}-headline">',
           '<header class="story__head">']
    if story.kicker:
        out.append(f'<p class="kicker">{heading_lines(story.kicker, _x)}</p>')
    out.append(f'<h1 class="headline" id="{sid}-headline">{heading_lines(story.headline, _x)}</h1>')
    if story.subheadline:
        out.append(f'<p class="subheadline">{heading_lines(story.subheadline, _x)}</p>')
    out.append("</header>")
    out += [byline_html(b.text, b.position, _x) for b in story.bylines if b.position == "leading"]
    if story.kind == "photo" or story.image:
        out.append(_figure(story, n, prefix))
    if story.body:
        out.append('<div class="story__body">')
        out += [_block(b, story.dateline if i == 0 else None) for i, b in enumerate(story.body)]
        out.append("</div>")
    out += [byline_html(b.text, b.position, _x) for b in story.bylines if b.position == "trailing"]
    out += ["</article>", "</main>"]
    return "\n".join(out)


def _figure(story: Story, n: int, prefix: str) -> str:
    # No placeholder for a photo the source lacks: an e-book shows only what it has.
    if not story.image and not story.caption:
        return ""
    media = (f'<img class="photo__image" src="{_x(_photo_name(story, n, prefix))}" alt="{_x(story.headline.text)}"/>'
             if story.image else "")
    caption = f'<figcaption class="caption">{_x(story.caption.text)}</figcaption>' if story.caption else ""
    return f'<figure class="photo">{media}{caption}</figure>'


def _block(block: Block, dateline: str | None) -> str:
    if block.type == "intertitle":
        return f'<h2 class="intertitle">{heading_lines(Text(block.text, block.breaks), _x)}</h2>'
    lead = f'<span class="dateline">{_x(dateline)}</span>' if dateline else ""
    return f'<p class="para">{lead}{_x(block.text)}</p>'


def _x(text: str) -> str:
    return escape(_NOT_XML.sub("", text))


# --- fonts ---------------------------------------------------------------------------------------


def face_text(documents: list[Document]) -> dict[str, str]:
    """The characters each face sets in the documents, by role, as layouts/epub.css assigns faces."""
    faces = face_map(_layout_css().decode("utf-8"), bundled_faces())
    chars: dict[str, set[str]] = {}
    for doc in documents:
        for role, found in text_by_face(doc.xhtml, faces).items():
            chars.setdefault(role, set()).update(found)
    return {role: "".join(sorted(found)) for role, found in sorted(chars.items())}


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


def _layout_css() -> bytes:
    try:
        return LAYOUT.read_bytes()
    except OSError as e:
        raise PublisherError(f"{LAYOUT}: cannot read the EPUB layout ({e.strerror or e.__class__.__name__})") from None


# --- images --------------------------------------------------------------------------------------


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


def _photo_name(story: Story, n: int, prefix: str = "") -> str:
    return f"images/{prefix}photo-{n}{Path(story.image or '').suffix.lower()}"


def _read_photo(path: Path) -> bytes:
    if path.suffix.lower() not in _IMAGE_TYPES:
        raise InputError(f"{path}: a photo must be JPEG, PNG, GIF, SVG or WebP")
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read the photo ({e.strerror or e.__class__.__name__})") from None


# --- metadata ------------------------------------------------------------------------------------


def book_title(page: Page) -> str:
    """The page's title when it names the paper (or is given), else the first headline: a date
    or page number alone ("3") does not tell a reader's library which book this is."""
    m = page.metadata
    return page.title() if m.title or m.paper else page.stories[0].headline.text


def book_identifier(*pages: Page) -> str:
    """``urn:uuid:…`` derived from the pages' content and metadata (not file names or encodings)."""
    contents = []
    for page in pages:
        content = page.to_dict()
        for key in ("source", "encoding", "repairs"):
            content.pop(key)
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


def _modified(pages: tuple[Page, ...]) -> datetime:
    """SOURCE_DATE_EPOCH when set, else the first page's date (or the first day of its period),
    else 1980: never the clock, so that a rebuild gives the same bytes."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            return datetime.fromtimestamp(int(raw), timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise InputError(f"SOURCE_DATE_EPOCH={raw!r}: not a number of seconds since 1970") from None
    for value in (p.metadata.when for p in pages):
        if value:
            parts = [int(p) for p in value.split("-")] + [1, 1]
            try:
                return datetime(parts[0], parts[1], parts[2], tzinfo=timezone.utc)
            except ValueError:
                continue
    return _ZIP_EPOCH


def _labels(lang: str) -> dict[str, str]:
    """Navigation headings in the book's script."""
    return _LABELS["Hant" if re.search(r"-(Hant|TW|HK|MO)\b", lang, re.I) else "Hans"]


# --- packaging -----------------------------------------------------------------------------------


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
