"""PDF pages with pdfium (the one module that imports pypdfium2): PNG previews."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium

from .output import write_atomic


def png_pages(pdf: bytes, dpi: float = 80) -> list[bytes]:
    """Each page of the PDF as PNG bytes at ``dpi``."""
    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for page in doc:
            image = page.render(scale=dpi / 72).to_pil()
            buf = BytesIO()
            image.save(buf, format="PNG", optimize=True)
            out.append(buf.getvalue())
            page.close()
        return out
    finally:
        doc.close()


def write_previews(pdf: bytes, folder: Path, stem: str, dpi: float = 80) -> list[Path]:
    pages = png_pages(pdf, dpi)
    width = max(2, len(str(len(pages))))
    return [write_atomic(folder / f"{stem}.page{n:0{width}d}.png", png) for n, png in enumerate(pages, 1)]
