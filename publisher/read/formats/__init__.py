"""What OCR engines write, each format read into the one shape reading takes (a block per line).

The formats, in the order detection tries them (the first whose ``detect`` says yes wins;
``lines``, last, takes anything). Each reader turns decoded text into page text in that shape.
A format is a module of this package named after it (``detect``, ``read``, and ``image_named``
where the format names its page image) and its entry in ``FORMATS``: adding one touches those.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from types import ModuleType

from ...errors import InputError
from ..runs import LINE_END
from .geometry import Converted, one_page_a_file
from .sniff import head

__all__ = ["Converted", "FORMATS", "NAMES", "check_format", "convert", "detect_format", "IMAGE_HEAD", "image_named", "page_text"]


@dataclass(frozen=True)
class Format:
    """A format by name and the module of this package that reads it: its ``detect(data: bytes)
    -> bool``, ``read(text, file name) -> Converted`` and, where the format names the page image,
    ``image_named(head: str) -> str | None``. The module loads when first asked (a command that
    only names the formats, or reads one, loads no other reader)."""

    name: str

    @property
    def module(self) -> ModuleType:
        return import_module(f".{self.name}", __name__)

    def detect(self, data: bytes) -> bool:
        return self.module.detect(data)

    def read(self, text: str, name: str) -> Converted:
        return self.module.read(text, name)

    def image(self, head: str) -> str | None:
        named = getattr(self.module, "image_named", None)
        return named(head) if named else None


FORMATS = (Format("hocr"), Format("alto"), Format("paddle"), Format("tesseract"), Format("lines"))
NAMES = tuple(f.name for f in FORMATS)


def detect_format(data: bytes) -> str:
    """The name of the first format whose detector recognises ``data``."""
    return next(f.name for f in FORMATS if f.detect(data))


def check_format(format: str, name: str) -> str:
    """``format`` if it names a known format, else an InputError listing the known ones."""
    if format not in NAMES:
        raise InputError(f"{name}: unknown format {format!r} (known: {', '.join(NAMES)})")
    return format


def convert(source: str, name: str, format: str | None = None) -> Converted:
    """``source`` (decoded) as page text with its geometry; ``format`` None: told from the content."""
    chosen = check_format(format, name) if format else detect_format(source.encode("utf-8"))
    pages = sum(bool(page.strip()) for page in source.split("\f"))  # Tesseract ends each page with one
    if pages > 1:
        raise InputError(one_page_a_file(name, pages, "form feeds"))
    return next(f for f in FORMATS if f.name == chosen).read(source.replace("\f", "\n"), name)


def page_text(source: str, name: str, format: str | None = None) -> str:
    """``source`` (decoded) as page text in the one shape (a space where a printed line ended);
    ``format`` None: told from the content."""
    return convert(source, name, format).text.replace(LINE_END, " ")


def image_named(data: bytes, format: str | None = None) -> str | None:
    """The page image an OCR file names (hOCR ``image``, ALTO ``fileName``), read from its head
    without parsing it all; None for formats that name none."""
    chosen = format or detect_format(data)
    return next(f for f in FORMATS if f.name == chosen).image(head(data, IMAGE_HEAD))


IMAGE_HEAD = 64 * 1024  # the page element and the description come first
