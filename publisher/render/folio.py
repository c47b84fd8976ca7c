"""The folio (版头/页眉) as markup: the one renderer every output uses for its fields.

HTML, the print sheet and the EPUB title page all show the folio's printed fields in the
order the page prints them, plus the date and page number the metadata knows but the
folio does not print. ``esc`` escapes for the target (HTML, or XHTML in the EPUB).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from ..model import FolioField, Page, date_label, page_label

Escape = Callable[[str], str]


def folio_field(field: FolioField, esc: Escape = escape) -> str:
    """One printed field: credits as a list, the URL as a link, a date as ``<time>``, else as printed."""
    if field.credits and _covered(field, field.text):
        return _credits(field, esc)
    if field.url:
        href = field.url if "://" in field.url else f"http://{field.url}"
        link = f'<a href="{esc(href)}">{esc(field.url)}</a>'
        before, found, after = field.text.partition(field.url)
        label = f'<span class="folio__label">{esc(field.url_label)}：</span>' if field.url_label else ""
        if found and field.credits and not after.strip() and _covered(field, before, field.url_label):
            # credits and the URL in one field (the rules between fields not read): each as itself
            return f'{_credits(field, esc)}<p class="folio__url">{label}{link}</p>'
        if found and (_more_than_label(before, field.url_label) or after.strip()):
            # more is printed with the URL than its label (credits the folio line could not
            # read as such, misread marks): shown as printed, the URL a link in its place
            return f'<p class="folio__field">{esc(before)}{link}{esc(after)}</p>'
        return f'<p class="folio__url">{label}{link}</p>'
    inner = f'<time datetime="{field.date}">{esc(field.text)}</time>' if field.date else esc(field.text)
    return f'<p class="folio__field">{inner}</p>'


def _more_than_label(before: str, label: str | None) -> bool:
    return re.sub(r"[\s:：/／|｜]", "", before) not in ("", re.sub(r"\s", "", label or ""))


def _credits(field: FolioField, esc: Escape) -> str:
    items = "".join(
        f'<li class="credit"><span class="credit__role">{esc(c.role)}</span> '
        f'<span class="credit__name">{esc(c.name)}</span></li>'
        for c in field.credits
    )
    return f'<ul class="folio__credits">{items}</ul>'


def _covered(field: FolioField, text: str, label: str | None = None) -> bool:
    """The credits (and the URL's label) account for every character of ``text`` (else the field
    is shown as printed)."""
    said = "".join(c.role + c.name for c in field.credits) + (label or "")
    return re.sub(r"[\s:：/／]", "", text) == re.sub(r"\s", "", said)


def printed_fields(page: Page, esc: Escape = escape) -> list[str]:
    return [folio_field(f, esc) for f in page.folio.fields]


def unprinted_fields(page: Page, esc: Escape = escape) -> list[str]:
    """The date and page number the metadata knows and the folio does not print."""
    m, folio = page.metadata, page.folio
    out = []
    when = m.when
    if when and when != folio.date:
        out.append(f'<p class="folio__date"><time datetime="{when}">{esc(date_label(when))}</time></p>')
    if m.page and m.page != folio.page and not any(m.page in f.text for f in folio.fields):
        out.append(f'<p class="folio__page">{esc(page_label(m.page))}</p>')
    return out


def page_number(page: Page) -> str | None:
    """The newspaper's page number as printed in the folio (``A05``), else as the metadata
    gives it: the PDF's page labels."""
    return page.folio.page or page.metadata.page
