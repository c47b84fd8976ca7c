"""Reading a PDF back the way a checker would: pdfplumber character boxes, poppler and pdfium text."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass

import pdfplumber
import pypdfium2 as pdfium


@dataclass
class PdfLine:
    chars: list  # pdfplumber char dicts, left to right
    size: float

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"]


def body_lines(path, body_size: float | None = None, font: str | None = None) -> list[list[PdfLine]]:
    """Per page, the lines of body-size text (in ``font``, if given), split at column gaps (> 1 em)."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if c["text"].strip()]
            size = body_size or _mode([round(c["size"], 2) for c in chars])
            chars = [c for c in chars if abs(c["size"] - size) < 0.05 and c["upright"]
                     and (font is None or c["fontname"].split("+")[-1] == font)]
            rows: dict[float, list] = {}
            for c in chars:
                rows.setdefault(round(c["top"], 1), []).append(c)
            lines = []
            for top in sorted(rows):
                row = sorted(rows[top], key=lambda c: c["x0"])
                start = 0
                for k in range(1, len(row) + 1):
                    if k == len(row) or row[k]["x0"] - row[k - 1]["x1"] > size * 1.0:
                        lines.append(PdfLine(row[start:k], size))
                        start = k
            pages.append(lines)
    return pages


def _mode(values):
    return max(set(values), key=values.count)


def poppler_text(path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdfium_text(path) -> str:
    doc = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def fonts(path) -> list[dict]:
    """pdffonts' table: name, type, emb, sub, uni per font."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    rows = []
    for line in out:
        parts = line.split()
        emb, sub, uni = parts[-5:-2]
        rows.append({"name": parts[0], "type": " ".join(parts[1:-6]), "emb": emb, "sub": sub, "uni": uni})
    return rows


def page_count(path) -> int:
    doc = pdfium.PdfDocument(str(path))
    n = len(doc)
    doc.close()
    return n


def inked_cells(path, page_index: int, grid, dpi: int = 50) -> list[list[bool]]:
    """Per column of the sheet's grid, per grid line of its type area: whether the rendered page
    has any ink there (text, rules, photo frames, however light). The grid gives where to
    look; the pixels say what is there."""
    doc = pdfium.PdfDocument(str(path))
    try:
        image = doc[page_index].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        doc.close()
    pixels = image.load()
    scale = dpi / 72
    cells = []
    for c in range(grid.columns):
        x0, x1 = int(grid.x(c) * scale) + 1, int((grid.x(c) + grid.column_width) * scale) - 1
        column = []
        for line in range(grid.lines):
            y0 = int((grid.top + line * grid.pitch) * scale) + 1
            y1 = int((grid.top + (line + 1) * grid.pitch) * scale) - 1
            column.append(any(pixels[x, y] < 240 for x in range(x0, x1) for y in range(y0, max(y0 + 1, y1))))
        cells.append(column)
    return cells


@dataclass
class StructNode:
    """One structure element: its type, its own text and its kids."""

    tag: str
    own: str = ""
    kids: list = None

    def text(self) -> str:
        return self.own + "".join(k.text() for k in self.kids)

    def find(self, tag: str) -> list:
        """Elements of type ``tag`` under this one, in document order (not under another of them)."""
        out = []
        for k in self.kids:
            out += [k] if k.tag == tag else k.find(tag)
        return out


def struct_tree(path) -> StructNode:
    """The PDF's structure tree (tags) as pdfminer reads it, each element's own text that of
    the marked content it names (``pdfinfo -struct-text`` says the same, ten times slower)."""
    with pdfplumber.open(path) as pdf:
        text: dict[tuple[int, int], str] = {}
        for page in pdf.pages:
            for c in page.chars:
                if c.get("mcid") is not None:
                    key = (page.page_number, c["mcid"])
                    text[key] = text.get(key, "") + c["text"]

        def node(element) -> StructNode:
            own = "".join(text.get((element.get("page_number"), m), "") for m in element.get("mcids") or ())
            return StructNode(element["type"], own, [node(k) for k in element.get("children", ())])

        return StructNode("(root)", "", [node(e) for e in pdf.structure_tree])


def bookmarks(path) -> list[tuple[int, str, int]]:
    """The outline as pdfium reads it: (level, title, page index)."""
    doc = pdfium.PdfDocument(str(path))
    try:
        return [(b.level, b.get_title(), b.get_dest().get_index()) for b in doc.get_toc()]
    finally:
        doc.close()


def page_labels(path) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc.get_page_label(i) for i in range(len(doc))]
    finally:
        doc.close()


def catalog_and_info(path) -> tuple[dict, dict]:
    """The document catalog and the info dictionary as pdfplumber (pdfminer) reads them."""
    with pdfplumber.open(path) as pdf:
        return dict(pdf.doc.catalog), dict(pdf.metadata)
