"""Document model → semantic HTML5, the markup every layout styles.

The class names emitted here are a contract with ``layouts/*.css`` (documented in
``layouts/README.md``): change one and the layouts must change with it.

Recorded line breaks travel as data, never as visible ``<br>``:
- paragraphs carry ``data-breaks``: code-point offsets into the element's text content
  (dateline included) where the printed line ended;
- headings are split into ``<span class="line">`` pieces, one per printed line, so a
  layout can stack them (print) or run them together (reflowable).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from html import escape
from pathlib import Path

from ..version import __version__
from ..model import Block, Page, Story, Text
from .folio import printed_fields, unprinted_fields
from .images import region_jpeg

NO_IMAGE_LABEL = "原版图片未随文本提供"  # "the original photo did not come with the text"


def render_html(page: Page, stylesheets: tuple[str, ...] = (), style: str | None = None,
                image_src: Callable[[str], str] | None = None) -> str:
    """The whole page as an HTML5 document (UTF-8 text): carrying ``style`` (a stylesheet's text)
    in the head so that the file opens styled on its own, then linking ``stylesheets``;
    ``image_src`` gives a photo's ``src`` from its path (default: its ``file:`` URL)."""
    m = page.metadata
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(page.title())}</title>",
        f'<meta name="generator" content="publisher {escape(__version__)}">',
    ]
    if page.credits:
        authors = "; ".join(f"{c.role} {c.name}" for c in page.credits)
        head.append(f'<meta name="author" content="{escape(authors)}">')
    if m.date:
        head.append(f'<meta name="dcterms.created" content="{escape(m.date)}">')
    if style:
        safe = style.replace("</", "<\\/")  # a stylesheet cannot end the <style> element early
        head.append(f"<style>\n{safe}\n</style>")
    head += [f'<link rel="stylesheet" href="{escape(href)}">' for href in stylesheets]
    measure = f' data-measure-em="{page.measure_em:g}" style="--measure: {page.measure_em:g}em"' if page.measure_em else ""
    size = page.geometry.size if page.geometry else None
    body = [_folio(page), '<main class="stories">', *(_story(s, i, image_src, size) for i, s in enumerate(page.stories, 1)),
            "</main>"]
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(m.language or "zh-Hans")}">\n<head>\n' + "\n".join(head) + "\n</head>\n"
        f'<body class="page"{measure}>\n' + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _folio(page: Page) -> str:
    m = page.metadata
    out = ['<header class="folio">']
    if m.paper:
        latin = f' <span class="folio__paper-latin" lang="en">{escape(m.paper_latin)}</span>' if m.paper_latin else ""
        out.append(f'<p class="folio__paper">{escape(m.paper)}{latin}</p>')
    out += unprinted_fields(page)
    out += printed_fields(page)
    out.append("</header>")
    return "\n".join(out)


def _story(story: Story, n: int, image_src: Callable[[str], str] | None = None,
           size: tuple[float, float] | None = None) -> str:
    out = story_head(story, f"story-{n}", "h2")
    out += [byline_html(b.text, b.position) for b in story.bylines if b.position == "leading"]
    if story.kind == "photo" or story.photo_box:
        out.append(_figure(story, image_src, size))
    if story.body:
        out.append('<div class="story__body">')
        out += [_block(b, story.dateline if i == 0 else None) for i, b in enumerate(story.body)]
        out.append("</div>")
    out += [byline_html(b.text, b.position) for b in story.bylines if b.position == "trailing"]
    out.append("</article>")
    return "\n".join(out)


def _figure(story: Story, image_src: Callable[[str], str] | None = None,
            size: tuple[float, float] | None = None) -> str:
    if story.image:
        alt = story.caption.text if story.caption else story.headline.text
        if story.photo_box:  # the illustration cut from the page image
            src = f"data:image/jpeg;base64,{base64.b64encode(region_jpeg(story.image, story.photo_box, size)).decode()}"
        else:
            src = image_src(story.image) if image_src else Path(story.image).resolve().as_uri()
        media = f'<img class="photo__image" src="{escape(src)}" alt="{escape(alt)}">'
    else:
        media = f'<div class="photo__image photo__image--missing" role="img" aria-label="{NO_IMAGE_LABEL}"></div>'
    caption = f'<figcaption class="caption"{_breaks(story.caption)}>{escape(story.caption.text)}</figcaption>' if story.caption else ""
    return f'<figure class="photo">{media}{caption}</figure>'


def _block(block: Block, dateline: str | None) -> str:
    if block.type == "intertitle":
        return f'<h3 class="intertitle">{heading_lines(Text(block.text, block.breaks))}</h3>'
    lead = f'<span class="dateline">{escape(dateline)}</span>' if dateline else ""
    shift = len(dateline) if dateline else 0
    return f'<p class="{block_class(block)}"{_breaks(Text(block.text, block.breaks), shift)}>{lead}{escape(block.text)}</p>'


def block_class(block: Block) -> str:
    """A body paragraph's classes: ``para``, plus ``note`` (编者按) or ``jump`` (下转/上接)."""
    return f"para {block.role}" if block.role else "para"


def _breaks(text: Text | None, shift: int = 0) -> str:
    if not text or not text.breaks:
        return ""
    return f' data-breaks="{" ".join(str(b + shift) for b in text.breaks)}"'


def story_head(story: Story, sid: str, tag: str, esc=escape, label: str | None = None) -> list[str]:
    """The story's opening tag and its heading group. A story printed without a headline (text
    continued from elsewhere, a speck read apart) gets no heading element, which would be
    announced as an empty heading: the article is named by ``label`` (default: its first words,
    as the EPUB's navigation names it) instead, and nothing is written that the page did not print."""
    if story.headline.text:
        out = [f'<article class="story story--{story.kind}" id="{sid}" aria-labelledby="{sid}-headline">']
    else:
        label = story_label(story) if label is None else label
        named = f' aria-label="{esc(label)}"' if label else ""
        out = [f'<article class="story story--{story.kind}" id="{sid}"{named}>']
    if not (story.headline.text or story.kicker or story.subheadline):
        return out
    out.append('<header class="story__head">')
    if story.kicker:
        out.append(f'<p class="kicker">{heading_lines(story.kicker, esc)}</p>')
    if story.headline.text:
        out.append(f'<{tag} class="headline" id="{sid}-headline">{heading_lines(story.headline, esc)}</{tag}>')
    if story.subheadline:
        out.append(f'<p class="subheadline">{heading_lines(story.subheadline, esc)}</p>')
    out.append("</header>")
    return out


def story_label(story: Story) -> str:
    """What names a story: its headline; printed without one (text continued from elsewhere, a
    photo alone), its caption or its first words; "" when it holds no words at all."""
    if story.headline.text:
        return story.headline.text
    words = story.caption.text if story.caption else next((b.text for b in story.body if b.text), "")
    return words if len(words) <= 16 else words[:16] + "…"


def heading_lines(text: Text, esc=escape) -> str:
    """A heading's text; over several printed lines, one ``span.line`` per line."""
    lines = text.lines()
    if len(lines) == 1:
        return esc(text.text)
    return "".join(f'<span class="line">{esc(line)}</span>' for line in lines)


def byline_html(text: str, position: str, esc=escape) -> str:
    return f'<footer class="byline byline--{position}"><p>{esc(text)}</p></footer>'
