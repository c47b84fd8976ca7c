"""A made-up sheet (or flowing pages) → the HTML WeasyPrint prints.

This is not the exported semantic HTML (``html.py``): it carries the composition —
every line as a ``span.ln`` with its justification, squeezed marks as ``span.h``,
Latin runs as ``span.w`` with their Han–Latin spacing — and, on a grid sheet, the
absolute position of every module. The class names are still the contract's, so a
layout styles both.
"""

from __future__ import annotations

import base64
from html import escape

from ..version import __version__
from ..model import Page, Story, Text
from ..typeset.compose import Line
from ..typeset.sheet import Item, Module, Sheet
from .folio import printed_fields, unprinted_fields
from .html import NO_IMAGE_LABEL


def _pt(v: float) -> str:
    return f"{v:.2f}pt"


def render_line(line: Line, dateline: int = 0, offset: int = 0) -> str:
    """One composed line; characters before ``dateline`` (paragraph offset) are the dateline."""
    style = []
    if line.indent:
        style.append(f"padding-left:{line.indent:g}em")
    if line.spacing:
        style.append(f"letter-spacing:{line.spacing:.4f}em")
    parts: list[str] = []
    in_dateline = False
    units = line.units
    for k, u in enumerate(units):
        if dateline and offset < dateline and not in_dateline:
            parts.append('<span class="dateline">')
            in_dateline = True
        if in_dateline and offset >= dateline:
            parts.append("</span>")
            in_dateline = False
        text = escape(u.text)
        if u.kind == "latin" or len(u.text) > 1:  # words and ——/……: no spacing inside
            right = line.spacing + u.extra if k < len(units) - 1 else 0.0
            if k + 1 < len(units):
                right += units[k + 1].gap_before
            css = [f"margin-left:{u.gap_before:g}em"] if u.gap_before else []
            if right:
                css.append(f"margin-right:{right:.4f}em")
            parts.append(f'<span class="w"{_style(css)}>{text}</span>')
        elif u.squeezed or u.extra:
            css = [f"margin-right:{u.extra:.4f}em"] if u.extra and k < len(units) - 1 else []
            parts.append(f'<span{" class=" + chr(34) + "h" + chr(34) if u.squeezed else ""}{_style(css)}>{text}</span>')
        else:
            parts.append(text)
        offset += len(u.text)
    if in_dateline:
        parts.append("</span>")
    return f'<span class="ln{" ln--last" if line.last else ""}"{_style(style)}>{"".join(parts)}</span>'


def _style(css: list[str]) -> str:
    return f' style="{";".join(css)}"' if css else ""


def _lines_html(text: Text) -> str:
    lines = text.lines()
    return "".join(f'<span class="line">{escape(l)}</span>' for l in lines)


# ---------------------------------------------------------------- grid sheet


def render_sheet(page: Page, sheet: Sheet, head: str, placeholder=None, pages: range | None = None,
                 offsets: dict[int, dict[int, int]] | None = None, photo=None) -> str:
    """The print HTML; ``placeholder(width_pt, height_pt) -> PNG`` draws frames for missing photos,
    ``photo(story, width_pt, height_pt) -> JPEG`` fills the frame of a story that has one.

    ``pages``: only these pages (a long edition is rendered a part at a time); ``offsets`` then
    carries, from part to part, how much of each paragraph is already set.
    """
    g = sheet.grid
    body = []
    offsets = {} if offsets is None else offsets  # per story, per paragraph: characters already set
    for n in pages if pages is not None else range(sheet.pages):
        modules = sorted((m for m in sheet.modules if m.page == n), key=lambda m: (m.plan.story, m.part))
        body.append(f'<section class="sheet" id="page-{n + 1}">')
        if n == 0:
            body.append(_folio(page, sheet))
        body.append('<div class="stories">')
        body += [_module(page.stories[m.plan.story], m, sheet, offsets.setdefault(m.plan.story, {}), placeholder,
                         photo) for m in modules]
        body.append("</div>")
        body += _rules(sheet, modules)
        body.append("</section>")
    lang = page.metadata.language or "zh-Hans"
    width, height = sheet.size
    # the makeup chose the sheet (a short page takes a smaller one): it overrides the layout's
    size = f"<style>@page {{ size: {_pt(width)} {_pt(height)}; }}</style>" if width and height else ""
    sheet_size = f";--page-width:{_pt(width)};--page-height:{_pt(height)}" if width and height else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n{head}\n{size}\n</head>\n'
        f'<body class="page page--sheet" data-measure-em="{g.measure:g}" style="font-size:{g.body_size:g}pt;'
        f'--pitch:{_pt(g.pitch)}{sheet_size}">\n' + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _folio(page: Page, sheet: Sheet) -> str:
    g, m = sheet.grid, page.metadata
    width = g.span_width(g.columns)
    left: list[str] = []
    if m.paper:
        left.append(f'<p class="folio__paper">{escape(m.paper)}</p>')
    right = printed_fields(page)
    middle = unprinted_fields(page)
    style = f"left:{_pt(g.left)};top:{_pt(g.folio_top)};width:{_pt(width)};height:{_pt(g.folio_height)}"
    return (
        f'<header class="folio" style="{style}"><div class="folio__left">{"".join(left)}</div>'
        f'<div class="folio__middle">{"".join(middle)}</div><div class="folio__right">{"".join(right)}</div></header>'
    )


def _module(story: Story, m: Module, sheet: Sheet, offsets: dict[int, int], placeholder=None, photo=None) -> str:
    g, p = sheet.grid, m.plan
    x, y = g.x(m.column), g.top + m.row * g.pitch
    width, height = g.span_width(p.span), m.rows * g.pitch
    sid = f"story-{p.story + 1}" + (f"-{m.part + 1}" if m.part else "")
    cont = " story--cont" if m.part else ""
    out = [
        f'<article class="story story--{story.kind}{cont} span-{p.span}" id="{sid}" data-pdf-join="story-{p.story}" '
        f'style="left:{_pt(x)};top:{_pt(y)};width:{_pt(width)};height:{_pt(height)}">'
    ]
    if p.head.lines:
        out.append(f'<header class="story__head" style="height:{_pt(p.head.height * g.pitch)}">')
        out += _head(p.head.lines)
        out.append("</header>")
    row = p.head.height
    for b in story.bylines:
        if b.position == "leading" and p.leading_byline:
            out.append(f'<footer class="byline byline--leading" style="top:{_pt(row * g.pitch)}"><p>{escape(b.text)}</p></footer>')
            row += 1
    if p.photo_lines:
        fh = p.photo_lines * g.pitch - g.pitch * 0.4
        out.append(f'<figure class="photo" style="top:{_pt(row * g.pitch)}">' + _frame(story, width, fh, placeholder, photo)
                   + f'<figcaption class="caption">{"".join(render_line(l) for l in p.caption)}</figcaption></figure>')
        row += p.photo_lines + len(p.caption)
    dateline = len(story.dateline) if story.dateline else 0
    for c, items in enumerate(p.columns):
        if not items:
            continue
        left = c * (g.column_width + g.gutter)
        out.append(f'<div class="col" data-pdf-unwrap style="left:{_pt(left)};top:{_pt(row * g.pitch)};'
                   f'width:{_pt(g.column_width)}">')
        out.append(_column(items, dateline, offsets, p.story))
        out.append("</div>")
    out.append("</article>")
    return "\n".join(out)


def _head(lines: list[tuple[str, str, float]]) -> list[str]:
    """The heading group: one element per role (kicker, headline, subheadline) holding its
    printed lines, so that the PDF's tags have one H2 per headline."""
    groups: list[tuple[str, float, list[str]]] = []
    for role, text, size in lines:
        if groups and groups[-1][0] == role:
            groups[-1][2].append(text)
        else:
            groups.append((role, size, [text]))
    out = []
    for role, size, texts in groups:
        tag = "h2" if role == "headline" else "p"
        spans = "".join(f'<span class="line" style="display:block">{escape(t)}</span>' for t in texts)
        out.append(f'<{tag} class="{role}" style="font-size:{size:.2f}pt">{spans}</{tag}>')
    return out


def _frame(story: Story, width: float, height: float, placeholder, photo) -> str:
    """The photo cut to its frame, or a frame that says the photo is missing."""
    if story.image and photo:
        data = base64.b64encode(photo(story, width, height)).decode("ascii")
        alt = escape(story.caption.text if story.caption else story.headline.text)
        return (f'<img class="photo__image" alt="{alt}" src="data:image/jpeg;base64,{data}" '
                f'style="width:{_pt(width)};height:{_pt(height)};display:block">')
    label = ""
    if placeholder:
        data = base64.b64encode(placeholder(width, height)).decode("ascii")
        label = f";background-image:url(data:image/png;base64,{data});background-size:100% 100%"
    return (f'<div class="photo__image photo__image--missing" role="img" aria-label="{NO_IMAGE_LABEL}" '
            f'style="height:{_pt(height)}{label}"></div>')


def _column(items: list[Item], dateline: int, offsets: dict[int, int], story: int) -> str:
    """A column's items; each paragraph's pieces (this column's and those it continues in) carry
    one ``data-pdf-join`` key, so that the PDF has one P per paragraph."""
    out: list[str] = []
    open_para = None
    for item in items:
        if item.kind == "line":
            if open_para != item.block or item.first:
                if open_para is not None:
                    out.append("</p>")
                cls = "para" if item.first else "para para--cont"
                out.append(f'<p class="{cls}" data-pdf-join="story-{story}-p{item.block}">')
                open_para = item.block
            start = offsets.get(item.block, 0)
            out.append(render_line(item.line, dateline if item.block == 0 else 0, start))
            offsets[item.block] = start + len(item.line.text)
            continue
        if open_para is not None:
            out.append("</p>")
            open_para = None
        if item.kind == "intertitle":
            out.append(f'<h3 class="intertitle">{_lines_html(item.text)}</h3>')
        elif item.kind == "byline":
            out.append(f'<footer class="byline byline--trailing"><p>{escape(item.text.text)}</p></footer>')
    if open_para is not None:
        out.append("</p>")
    return "".join(out)


def _rules(sheet: Sheet, modules: list[Module]) -> list[str]:
    """Hairlines between modules: across the top of a module below another, and down the gutter
    to the left of a module beside another."""
    g = sheet.grid
    out = []
    for m in modules:
        x, y = g.x(m.column), g.top + m.row * g.pitch
        width = g.span_width(m.plan.span)
        if m.row > 0:
            out.append(f'<div class="rule rule--h" data-pdf-unwrap style="left:{_pt(x)};top:{_pt(y - g.pitch * 0.5)};'
                       f'width:{_pt(width)}"></div>')
        if m.column > 0:  # down the module's text, not the white below it
            rows = min(m.rows, m.plan.height + 1)
            out.append(
                f'<div class="rule rule--v" data-pdf-unwrap style="left:{_pt(x - g.gutter / 2)};top:{_pt(y)};'
                f'height:{_pt(rows * g.pitch)}"></div>'
            )
    return out


def head_html(page: Page, css: str, modified: str | None = None) -> str:
    """``<head>`` contents: metadata WeasyPrint puts in the PDF, and the stylesheet.

    ``modified`` (ISO 8601) is the document's modification date, e.g. from SOURCE_DATE_EPOCH.
    """
    m = page.metadata
    parts = ['<meta charset="utf-8">', f"<title>{escape(page.title())}</title>",
             f'<meta name="generator" content="publisher {escape(__version__)}">']
    if page.credits:
        parts.append(f'<meta name="author" content="{escape("; ".join(f"{c.role} {c.name}" for c in page.credits))}">')
    headlines = "；".join(s.headline.text for s in page.stories if s.headline.text)
    parts.append(f'<meta name="description" content="{escape(headlines)}">')
    if m.paper:
        parts.append(f'<meta name="keywords" content="{escape(m.paper)}">')
    if m.date:
        parts.append(f'<meta name="dcterms.created" content="{m.date}T00:00:00Z">')
    if modified:
        parts.append(f'<meta name="dcterms.modified" content="{modified}">')
    parts.append(f"<style>\n{css}\n</style>")
    return "\n".join(parts)
