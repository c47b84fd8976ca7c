"""The EPUB's content documents: a title page carrying the folio, and one XHTML document per
story (the class contract of ``layouts/README.md``; headings one level up, each story being a
document of its own)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

from ...errors import InputError, PublisherError
from ...model import Block, Page, Story, Text, date_label
from ...typeset import layout as layouts
from ..folio import printed_fields, unprinted_fields
from ..html import block_class, byline_html, heading_lines, story_head, story_label

IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
                ".svg": "image/svg+xml", ".webp": "image/webp"}


# Characters XML 1.0 cannot carry: OCR output occasionally holds stray control codes.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


_LABELS = {  # navigation headings, by script
    "Hans": {"toc": "目录", "landmarks": "导览", "photo": "图片"},
    "Hant": {"toc": "目錄", "landmarks": "導覽", "photo": "圖片"},
}


@dataclass(frozen=True)
class Document:
    """One XHTML content document of the book, by file name."""

    name: str
    title: str
    xhtml: str


def render_documents(page: Page, *, prefix: str = "", vertical: bool = False) -> list[Document]:
    """The page's title page, then one document per story, in page order (file names start with
    ``prefix``, which tells the pages of an issue apart). ``vertical``: set top to bottom, right
    to left (see xhtml_document)."""
    lang = page.metadata.language or "zh-Hans"
    title = book_title(page)
    docs = [Document(f"{prefix}title.xhtml", title,
                     xhtml_document(lang, title, _title_page(page), "titlepage", vertical=vertical))]
    for n, story in enumerate(page.stories, 1):
        title = story_title(story, lang)
        body = _story(story, n, prefix, lang)
        docs.append(Document(f"{prefix}story-{n}.xhtml", title,
                             xhtml_document(lang, title, body, "story-page", vertical=vertical)))
    return docs


def story_title(story: Story, lang: str) -> str:
    """A story's title in the book's navigation (``story_label``), and a photo with no words at
    all goes by the label for a photo (a title may not be empty)."""
    return story_label(story) or labels(lang)["photo"]


def xhtml_document(lang: str, title: str, body: str, body_class: str, *, vertical: bool = False) -> str:
    """A content document. A vertical one also links layouts/epub-vertical.css, and its short
    numbers are set upright in one em (``upright_numbers``)."""
    vertical_css = '<link rel="stylesheet" type="text/css" href="css/epub-vertical.css"/>\n' if vertical else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" lang="{_x(lang)}" xml:lang="{_x(lang)}">\n<head>\n'
        f'<meta charset="utf-8"/>\n<title>{_x(title)}</title>\n'
        '<link rel="stylesheet" type="text/css" href="css/fonts.css"/>\n'
        '<link rel="stylesheet" type="text/css" href="css/epub.css"/>\n'
        f'{vertical_css}</head>\n<body class="{body_class}">\n{upright_numbers(body) if vertical else body}\n'
        '</body>\n</html>\n'
    )


# A number of one or two ASCII digits standing alone (not part of a longer Latin run, a decimal,
# a time or a date like 2020-03): in vertical text it is set upright in one em (tate-chu-yoko);
# longer runs are turned sideways by the stylesheet (text-orientation: mixed).
LATIN_RUN = "0-9A-Za-z.,:/%+\\-_"
_SHORT_NUMBER = re.compile(f"(?<![{LATIN_RUN}])([0-9]{{1,2}})(?![{LATIN_RUN}])")
_TEXT_NODE = re.compile(r">([^<]+)<")


def upright_numbers(body: str) -> str:
    """``<span class="tcy">12</span>`` around each short number in the text of XHTML ``body``
    (never in a tag or an attribute). Readers do not implement ``text-combine-upright: digits 2``
    (Chromium and WebKit know only ``all``), so the span does what it would."""
    def wrap(m: re.Match) -> str:
        parts = _SHORT_NUMBER.split(unescape(m.group(1)))  # text, number, text, number, …, text
        return ">" + "".join(f'<span class="tcy">{p}</span>' if i % 2 else escape(p)
                             for i, p in enumerate(parts)) + "<"

    return _TEXT_NODE.sub(wrap, body)


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


def issue_title_page(first: Page, paper: str | None, title: str) -> str:
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


def _story(story: Story, n: int, prefix: str = "", lang: str = "zh-Hans") -> str:
    out = ['<main class="stories">', *story_head(story, f"story-{n}", "h1", _x, story_title(story, lang))]
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
    alt = story.caption.text if story.caption else story.headline.text  # the caption says what it shows
    media = (f'<img class="photo__image" src="{_x(photo_name(story, n, prefix))}" alt="{_x(alt)}"/>'
             if story.image else "")
    caption = f'<figcaption class="caption">{_x(story.caption.text)}</figcaption>' if story.caption else ""
    return f'<figure class="photo">{media}{caption}</figure>'


def _block(block: Block, dateline: str | None) -> str:
    if block.type == "intertitle":
        return f'<h2 class="intertitle">{heading_lines(Text(block.text, block.breaks), _x)}</h2>'
    lead = f'<span class="dateline">{_x(dateline)}</span>' if dateline else ""
    return f'<p class="{block_class(block)}">{lead}{_x(block.text)}</p>'


def _x(text: str) -> str:
    return escape(_NOT_XML.sub("", text))


def photo_name(story: Story, n: int, prefix: str = "") -> str:
    """A photo's file in the book: an illustration cut from the page image is a JPEG."""
    suffix = ".jpg" if story.photo_box else Path(story.image or "").suffix.lower()
    return f"images/{prefix}photo-{n}{suffix}"


def read_photo(path: Path) -> bytes:
    if path.suffix.lower() not in IMAGE_TYPES:
        raise InputError(f"{path}: a photo must be JPEG, PNG, GIF, SVG or WebP")
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read the photo ({e.strerror or e.__class__.__name__})") from None


def book_title(page: Page) -> str:
    """The page's title when it names the paper (or is given), else the first headline (a page
    may open with text continued from elsewhere), else the file's name: a date or page number
    alone ("3") does not tell a reader's library which book this is."""
    m = page.metadata
    if m.title or m.paper:
        return page.title()
    return next((s.headline.text for s in page.stories if s.headline.text), Path(page.source_name).stem)


def labels(lang: str) -> dict[str, str]:
    """Navigation headings in the book's script."""
    return _LABELS["Hant" if re.search(r"-(Hant|TW|HK|MO)\b", lang, re.I) else "Hans"]


LAYOUT = "epub.css"
VERTICAL_LAYOUT = "epub-vertical.css"  # after epub.css, in a vertical book


def layout_css(name: str = LAYOUT) -> bytes:
    """The EPUB stylesheet ``name`` from the layouts folder, read when the book is made."""
    path = layouts.LAYOUTS_DIR / name
    try:
        return path.read_bytes()
    except OSError as e:
        raise PublisherError(f"{path}: cannot read the EPUB layout ({e.strerror or e.__class__.__name__})") from None
