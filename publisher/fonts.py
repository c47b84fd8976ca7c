"""The bundled fonts, and everything publisher asks of a font file (the one fontTools wrapper).

Faces are listed in ``fonts/faces.toml`` with a role: ``body`` (Song/Ming serif),
``headline`` (heavy Song), ``hei`` (sans bold) and ``kai`` (bylines, captions).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

from .errors import PublisherError

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
ROLES = ("body", "headline", "hei", "kai")


class FontError(PublisherError):
    """A font is missing, unreadable, or lacks characters the page needs."""


@dataclass(frozen=True)
class Face:
    role: str
    family: str
    path: Path
    weight: int = 400
    style: str = "normal"
    format: str = "opentype"


@lru_cache(maxsize=4)
def bundled_faces(folder: Path = FONTS_DIR) -> dict[str, Face]:
    """The faces in ``folder/faces.toml``, by role."""
    index = folder / "faces.toml"
    try:
        data = tomllib.loads(index.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise FontError(f"{index}: cannot read the font list ({e.__class__.__name__})") from None
    faces = {}
    for entry in data.get("face", []):
        path = folder / entry["file"]
        if not path.exists():
            raise FontError(f"{path}: bundled font file is missing (run python fonts/build.py)")
        faces[entry["role"]] = Face(
            entry["role"], entry["family"], path, entry.get("weight", 400), entry.get("style", "normal"),
            entry.get("format", "opentype"),
        )
    missing = [r for r in ROLES if r not in faces]
    if missing:
        raise FontError(f"{index}: no face for role {missing[0]!r}")
    return faces


@lru_cache(maxsize=16)
def _metrics(path: Path) -> tuple[dict[int, float], float]:
    """Advance widths in em by code point, for the font's default (horizontal) glyphs."""
    try:
        font = TTFont(path, lazy=True)
        upm = font["head"].unitsPerEm
        hmtx = font["hmtx"]
        advances = {cp: hmtx[glyph][0] / upm for cp, glyph in font.getBestCmap().items()}
        font.close()
    except Exception as e:  # fontTools raises many kinds for a damaged file
        raise FontError(f"{path}: not a usable font ({e.__class__.__name__})") from None
    return advances, 0.5


def advance(face: Face, ch: str) -> float | None:
    """The advance width of ``ch`` in em, or None when the face has no glyph for it."""
    return _metrics(face.path)[0].get(ord(ch))


def covers(face: Face, text: str) -> set[str]:
    """The characters of ``text`` the face has no glyph for (whitespace aside)."""
    cmap = _metrics(face.path)[0]
    return {c for c in set(text) if ord(c) not in cmap and not c.isspace()}


def describe_missing(chars: set[str]) -> str:
    """``U+4E48 么, U+9555 镕`` — how a missing character is reported."""
    return ", ".join(f"U+{ord(c):04X} {c}" for c in sorted(chars))
