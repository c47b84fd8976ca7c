"""Images publisher draws (the one Pillow wrapper): EPUB covers — a thumbnail of the printed
page, or a generated cover carrying the masthead — the print page's placeholder for a photo
the source did not supply, and the user's photos cut to their frames.

Both are deterministic: the same input gives the same bytes (no timestamps, no metadata chunks).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

from ..errors import InputError

COVER_SIZE = (1400, 2100)  # 2:3; Apple Books asks for 1400 px wide, other readers scale down
THUMBNAIL_SIDE = 1400  # longest side of a print-page thumbnail, in px (a cover, not a facsimile)
_PAPER = (251, 249, 244)
_INK = (34, 34, 34)
_RED = (176, 24, 32)  # mastheads (报头) are traditionally printed in red


@dataclass(frozen=True)
class Masthead:
    """What a generated cover shows: the paper (or title), its Latin name, and smaller lines."""

    title: str
    latin: str | None = None
    lines: tuple[str, ...] = ()


def page_thumbnail(png: bytes) -> bytes:
    """The rendered print page as a baseline JPEG no longer than THUMBNAIL_SIDE (photos and type
    compress far better as JPEG than as PNG; every reader decodes baseline JPEG)."""
    try:
        with Image.open(BytesIO(png)) as probe:
            if probe.format != "PNG":
                raise InputError(f"cover image: a PNG is expected, not {probe.format or 'unknown data'}")
            # Every chunk read and checked: a truncated file fails here even in a process where a
            # library (WeasyPrint does) has told Pillow to load truncated images.
            probe.verify()
        with Image.open(BytesIO(png)) as im:
            page = im.convert("RGBA")
    except InputError:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as e:
        raise InputError(f"cover image: not a readable PNG ({e.__class__.__name__})") from None
    flat = Image.new("RGB", page.size, (255, 255, 255))
    flat.paste(page, mask=page.getchannel("A"))
    flat.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS, reducing_gap=3.0)
    # the print page is black type on white: greyscale costs half the bytes of colour
    if _is_grey(flat):
        flat = flat.convert("L")
    out = BytesIO()
    flat.save(out, "JPEG", quality=70, optimize=True, progressive=False)
    return out.getvalue()


def _is_grey(image: Image.Image) -> bool:
    """No pixel strays more than a little from grey (antialiasing aside)."""
    r, g, b = image.convert("RGB").split()
    spread = ImageChops.lighter(ImageChops.difference(r, g), ImageChops.difference(g, b))
    return spread.getextrema()[1] <= 24


# zlib's default level: the smallest files (level 9, or Pillow's optimize) take three times as
# long for 15% less on a cover, a tenth of a second on every page of an archive.
PNG_LEVEL = 6


def masthead_cover(masthead: Masthead, title_font: Path, text_font: Path) -> bytes:
    """A plain cover: the masthead in red between rules, the smaller lines under it (PNG)."""
    width, height = COVER_SIZE
    # Ink and red never overlap: each is drawn as its own coverage (grey levels, anti-aliased), and
    # the two make one palette image of paper, ink and red at 16 strengths each, with no colour
    # quantising (a third of the cover's time) and a third of an RGB image's size.
    ink, red = Image.new("L", COVER_SIZE, 0), Image.new("L", COVER_SIZE, 0)
    draw_ink, draw_red = ImageDraw.Draw(ink), ImageDraw.Draw(red)
    margin = width // 10
    measure = width - 2 * margin

    y = height // 5
    draw_ink.rectangle((margin, y, width - margin, y + 12), fill=255)
    y += 12 + 90
    for line, size in _fit(masthead.title, title_font, measure, largest=300):
        font = _font(title_font, size)
        draw_red.text((width // 2, y), line, font=font, fill=255, anchor="mt")
        y += round(size * 1.2)
    if masthead.latin:
        y += 10
        size = min(64, _fit(masthead.latin, text_font, measure, largest=64, lines=1)[0][1])
        draw_ink.text((width // 2, y), masthead.latin, font=_font(text_font, size), fill=255, anchor="mt")
        y += round(size * 1.4)
    y += 60
    draw_ink.rectangle((margin, y, width - margin, y + 4), fill=255)
    draw_ink.rectangle((margin, y + 14, width - margin, y + 18), fill=255)
    y += 18 + 90
    for text in masthead.lines:
        for line, size in _fit(text, text_font, measure, largest=60):
            draw_ink.text((width // 2, y), line, font=_font(text_font, size), fill=255, anchor="mt")
            y += round(size * 1.6)
    flat = ImageChops.lighter(ink.point(_INK_LEVEL), red.point(_RED_LEVEL))
    flat.putpalette(_COVER_PALETTE)
    out = BytesIO()
    flat.save(out, "PNG", compress_level=PNG_LEVEL)
    return out.getvalue()


def _blend(colour: tuple[int, int, int], strength: float) -> list[int]:
    return [round(p + (c - p) * strength) for p, c in zip(_PAPER, colour)]


# Palette entries 0–15: paper to ink; 16–31: paper (barely red) to red. A coverage level picks one.
_COVER_PALETTE = [v for k in range(16) for v in _blend(_INK, k / 15)] + \
                 [v for k in range(16) for v in _blend(_RED, k / 15)]
_INK_LEVEL = [round(v * 15 / 255) for v in range(256)]
_RED_LEVEL = [0 if v < 9 else 16 + round(v * 15 / 255) for v in range(256)]


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    # The basic layout engine, not Raqm: the same pixels on every machine.
    try:
        return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
    except OSError as e:
        raise InputError(f"{path}: cannot load the font for the cover ({e})") from None


def _fit(text: str, font_path: Path, measure: int, *, largest: int, lines: int = 3) -> list[tuple[str, int]]:
    """``text`` as at most ``lines`` lines of one size that fit ``measure`` px, largest first."""
    if not text:
        return []
    for count in range(1, lines + 1):
        per_line = -(-len(text) // count)
        parts = [text[i : i + per_line] for i in range(0, len(text), per_line)]
        size = largest
        probe = _font(font_path, size)
        widest = max(probe.getlength(p) for p in parts)
        if widest > measure:
            size = int(size * measure / widest)
        if size >= largest * 0.4 or count == lines:
            return [(p, max(size, 12)) for p in parts]
    raise AssertionError("unreachable")


def photo_placeholder(width_pt: float, height_pt: float, label: str, font: Path, dpi: int = 150) -> bytes:
    """A neutral frame saying no image is available: a raster, so the label stays out of the
    PDF's text layer (it is not the page's text) while readers of the print still see it.
    Frames of one size look alike: each is drawn once per process (and again if the font's
    content changes)."""
    return _placeholder(width_pt, height_pt, label, Path(font), _content_id(Path(font)), dpi)


def _content_id(path: Path) -> str | None:
    """A digest of the file's bytes (read again only when its size or time changes)."""
    try:
        stat = path.stat()
    except OSError:
        return None  # the caller's own reading says what is wrong
    return _digest(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=16)
def _digest(path: str, size: int, mtime: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@lru_cache(maxsize=256)
def _placeholder(width_pt: float, height_pt: float, label: str, font: Path, content: str | None, dpi: int) -> bytes:
    width, height = max(8, round(width_pt / 72 * dpi)), max(8, round(height_pt / 72 * dpi))
    image = Image.new("L", (width, height), 235)
    draw = ImageDraw.Draw(image)
    grey = 150
    draw.line([(0, height - 1), (width - 1, 0)], fill=200, width=max(1, dpi // 100))
    size = max(8, min(height // 6, width // (len(label) + 2)))
    face = _font(font, size)
    box = draw.textbbox((0, 0), label, font=face)
    w, h = box[2] - box[0], box[3] - box[1]
    x, y = (width - w) // 2 - box[0], (height - h) // 2 - box[1]
    draw.rectangle([x + box[0] - size // 2, y + box[1] - size // 3, x + box[2] + size // 2, y + box[3] + size // 3],
                   fill=235)
    draw.text((x, y), label, font=face, fill=grey)
    out = BytesIO()
    image.save(out, format="PNG", compress_level=PNG_LEVEL)
    return out.getvalue()


def _open(path: str | Path) -> Image.Image:
    try:
        with Image.open(path) as im:
            im.load()
            return im.convert("RGB")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as e:
        raise InputError(f"{path}: not a readable image ({e.__class__.__name__})") from None


def _region(photo: Image.Image, region, page_size: tuple[float, float] | None, path) -> Image.Image:
    """``region`` (in the OCR engine's page coordinates; the page ``page_size`` big, or the image's
    pixels when None) cut from the page image."""
    sx, sy = (photo.width / page_size[0], photo.height / page_size[1]) if page_size else (1.0, 1.0)
    box = (max(0, round(region.x0 * sx)), max(0, round(region.y0 * sy)),
           min(photo.width, round(region.x1 * sx)), min(photo.height, round(region.y1 * sy)))
    if box[2] - box[0] < 2 or box[3] - box[1] < 2:
        raise InputError(f"{path}: the illustration at {region.x0:g},{region.y0:g} – {region.x1:g},{region.y1:g} "
                         f"lies outside this page image ({photo.width}×{photo.height} px)")
    return photo.crop(box)


def region_jpeg(path: str | Path, region, page_size: tuple[float, float] | None) -> bytes:
    """An illustration's region cut from the page image, as a JPEG (for the EPUB and the HTML)."""
    out = BytesIO()
    _region(_open(path), region, page_size, path).save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def photo_crop(path: str | Path, width_pt: float, height_pt: float, region=None,
               page_size: tuple[float, float] | None = None) -> tuple[bytes, float]:
    """The photo cut to the frame's proportions about its centre (never scaled up), as a JPEG,
    and the resolution it prints at in dpi. With ``region``, the photo is that region of the
    page image ``path`` (see ``region_jpeg``)."""
    photo = _open(path)
    if region is not None:
        photo = _region(photo, region, page_size, path)
    ratio = width_pt / height_pt
    w, h = photo.size
    if w / h > ratio:  # wider than the frame: cut the sides
        cw, ch = round(h * ratio), h
    else:
        cw, ch = w, round(w / ratio)
    left, top = (w - cw) // 2, (h - ch) // 2
    cut = photo.crop((left, top, left + cw, top + ch))
    out = BytesIO()
    cut.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue(), cw / (width_pt / 72)
