"""hOCR (HTML): ``ocr_carea``/``ocr_par`` blocks, ``ocr_line`` lines, ``ocrx_word`` words, each
with ``title="bbox x0 y0 x1 y1; x_size N"``. The ``ocr_page`` gives the page's size and image
(``image "p1.png"``); ``ocr_photo``/``ocr_image`` regions become photo frames.

Read with the standard HTML parser, which knows no DTD and no entity declarations: nothing can
be fetched or expanded (a file declaring entities is refused anyway).
"""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

from ...errors import InputError
from .geometry import Box, Converted, Line, ink_height, join_words, one_page_a_file, pictures, rules
from .layout import arrange
from .sniff import head
from .xmlsafe import refuse_entities

_MARK = re.compile(r"""class\s*=\s*["'][^"']*\bocr(?:_page|_line|x_word|_carea|_par)\b""")
_BBOX = re.compile(r"\bbbox\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)")
_XSIZE = re.compile(r"\bx_size\s+(\d+(?:\.\d+)?)")
_WCONF = re.compile(r"\bx_wconf\s+(\d+(?:\.\d+)?)")
_IMAGE = re.compile(r"""\bimage\s+(?:"([^"]*)"|'([^']*)'|([^\s;]+))""")
PICTURE_CLASSES = {"ocr_photo", "ocr_image"}
X_SIZE_PER_HEIGHT = 1.3  # Tesseract's x_size for a CJK line is about 1.27 times its box height
LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"}  # what Tesseract calls its lines
# A block is an engine's column area: Tesseract's paragraphs (``ocr_par``) inside one are its
# guesses, often one per line, and the geometry tells paragraphs apart better. A paragraph
# outside any area is a block of its own.
AREA, PARAGRAPH = "ocr_carea", "ocr_par"
VOID = {"meta", "link", "br", "img", "hr", "input", "area", "base", "col", "embed", "source", "wbr"}


def detect(data: bytes) -> bool:
    """Markup with hOCR classes (``ocr_page``, ``ocr_line``, ``ocrx_word`` …)."""
    sample = head(data)
    return sample.lstrip()[:1] == "<" and bool(_MARK.search(sample))


def image_named(sample: str) -> str | None:
    """The image the ``ocr_page`` title names."""
    page = re.search(r"""class\s*=\s*["'][^"']*\bocr_page\b[^>]*""", sample)
    found = _IMAGE.search(page.group(0)) if page else None
    return next((g for g in found.groups() if g), None) if found else None


def read(text: str, name: str) -> Converted:
    refuse_entities(text, name)
    collector = _Collector()
    collector.feed(text)
    collector.close()
    if collector.pages > 1:
        raise InputError(one_page_a_file(name, collector.pages, "ocr_page"))
    if not collector.boxes:
        raise InputError(f"{name}: hOCR without any bbox (no line positions to read the columns from)")
    if not collector.lines:
        raise InputError(f"{name}: hOCR without any text in its lines")
    page = collector.page
    size = (page.width, page.height) if page and page.width > 0 and page.height > 0 else None
    found = pictures(collector.pictures, collector.lines)
    between = rules(collector.separators, collector.lines)
    return dataclasses.replace(arrange(collector.lines, found, between), size=size, image=collector.image,
                               illustrations=found)


class _Collector(HTMLParser):
    """Lines (with their words and block) out of hOCR markup, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.boxes = 0
        self._stack: list[tuple[str, str | None]] = []  # open elements: (tag, hOCR role)
        self._blocks = 0
        self._block: int | None = None
        self._line: tuple[Box, float] | None = None
        self._words: list[list] = []  # [text, box, confidence or None] of the current line
        self._source = 0  # the file line of the current line's element
        self.page: Box | None = None
        self.pages = 0
        self.image: str | None = None
        self.pictures: list[Box] = []
        self.separators: list[Box] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        title = attrs.get("title") or ""
        m = _BBOX.search(title)
        box = Box(*(float(v) for v in m.groups())) if m else None
        self.boxes += box is not None
        role = None
        self.pages += "ocr_page" in classes
        if "ocr_page" in classes and self.page is None:
            self.page = box
            found = _IMAGE.search(title)
            self.image = next((g for g in found.groups() if g), None) if found else None
        if classes & PICTURE_CLASSES and box:
            self.pictures.append(box)
        if "ocr_separator" in classes and box:
            self.separators.append(box)
        if AREA in classes or (PARAGRAPH in classes and not any(r == "block" for _, r in self._stack)):
            role, self._blocks, self._block = "block", self._blocks + 1, self._blocks + 1
        elif classes & LINE_CLASSES and box:
            size = _XSIZE.search(title)
            # Tesseract gives a paragraph's lines one x_size: a headline set over its story's
            # first lines lends them its size. A line is no bigger than its box (CJK fills it).
            measured = min(float(size.group(1)), X_SIZE_PER_HEIGHT * box.height) if size else box.height
            role, self._line, self._words = "line", (box, measured), []
            self._source = self.getpos()[0]
        elif "ocrx_word" in classes and self._line:
            role = "word"
            conf = _WCONF.search(title)
            self._words.append(["", box or self._line[0], float(conf.group(1)) / 100 if conf else None])
        if tag not in VOID:
            self._stack.append((tag, role))

    def handle_endtag(self, tag):
        while self._stack:  # HTML may leave elements open: close up to the matching one
            open_tag, role = self._stack.pop()
            if role == "line":
                self._end_line()
            if open_tag == tag:
                break

    def handle_data(self, data):
        roles = [role for _, role in self._stack]
        if "word" in roles:
            self._words[-1][0] += data
        elif "line" in roles and data.strip() and self._line:
            self._words.append([data, self._line[0], None])  # a line whose text is not cut into words

    def _end_line(self):
        box, size = self._line
        words = tuple((t, b) for t, b, _ in self._words)
        size = _inked_size(size, box, words)
        scores = tuple(c for _, _, c in self._words if c is not None)
        text = join_words(list(words), size)
        if text:
            self.lines.append(Line(text, box, size, self._block, self._source, words,
                                   confidences=scores if len(scores) == len(words) else ()))
        self._line, self._words = None, []


def _inked_size(size: float, box: Box, words: tuple[tuple[str, Box], ...]) -> float:
    """The line's size, from its ideographs' ink where Tesseract's ``x_size`` falls far short of
    it (a headline read as a ``ocr_textfloat`` may be given the text's size): an ideograph's ink
    is about the type size, which ``x_size`` runs some 1.3 times over."""
    ink = ink_height(box, words)
    if not ink or box.height > ONE_ROW * ink:
        return size  # (a box much taller than its ink holds two rows read as one line: no measure)
    # (no more than the line's box allows: a word's box may take in a mark set below the line)
    inked = X_SIZE_PER_HEIGHT * min(ink, box.height)
    return inked if inked > INKED_OVER * size else size


INKED_OVER = 1.5  # the ink's size over x_size that says x_size is wrong
ONE_ROW = 1.3  # a line's box no taller than this many times its ideographs' ink is one row of type
