"""The bundled fonts, and everything publisher asks of a font file (the one fontTools wrapper).

Faces are listed in ``fonts/faces.toml`` with a role: ``body`` (Song/Ming serif),
``headline`` (heavy Song), ``hei`` (sans bold) and ``kai`` (bylines, captions).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import tomllib
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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


# What a subset keeps of a face's OpenType layout: composition and regional forms, kerning,
# and 'halt'/'chws', which readers that trim CJK punctuation (CSS text-spacing-trim) apply.
# Vertical forms and metrics are left out: the EPUB sets text horizontally only.
SUBSET_FEATURES = ("ccmp", "locl", "kern", "halt", "chws")
_DROPPED_TABLES = ("vhea", "vmtx", "VORG")

# Chinese horizontal text gives quotation marks a full em, the mark hugging the quoted text.
_QUOTES = {0x2018: "opening", 0x201C: "opening", 0x2019: "closing", 0x201D: "closing"}


def subset_font(face: Face, chars: str) -> bytes:
    """The face cut down to exactly the characters of ``chars`` (those it has a glyph for).

    Deterministic (the source's timestamps are kept) and cached per process (see subset_fonts).
    In a TrueType face whose quotation marks are narrower than an em (LXGW WenKai), they are
    widened to a full em, as Chinese typesetting sets them, the mark beside the quoted text.
    """
    return subset_fonts(((face, chars),))[0]


@lru_cache(maxsize=8)
def subset_fonts(jobs: tuple[tuple[Face, str], ...]) -> tuple[bytes, ...]:
    """Several subsets at once (each as subset_font makes it), in the order asked.

    Subsetting is CPU-bound Python, so the faces are cut in parallel worker processes when the
    machine has cores to spare and forking is safe (no other thread running); else one by one.
    """
    workers = min(len(jobs), _spare_cores())
    if workers > 1:
        largest_first = sorted(range(len(jobs)), key=lambda i: -len(jobs[i][1]))
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                futures = {i: pool.submit(_subset, *jobs[i]) for i in largest_first}
                return tuple(futures[i].result() for i in range(len(jobs)))
        except (BrokenProcessPool, OSError):  # no process could be started, or one died: work here
            pass
    return tuple(_subset(face, chars) for face, chars in jobs)


def _spare_cores() -> int:
    # Forked workers start at once with fontTools loaded; fork is safe on Linux in a process with
    # no other thread. Elsewhere (spawn would re-import everything) one process does the work,
    # and so does a worker process: a batch build already keeps the cores busy, page by page.
    if (not sys.platform.startswith("linux") or threading.active_count() > 1
            or multiprocessing.parent_process() is not None):
        return 1
    return len(os.sched_getaffinity(0))


def _subset(face: Face, chars: str) -> bytes:
    from io import BytesIO

    from fontTools import subset

    options = subset.Options()
    options.layout_features = list(SUBSET_FEATURES)
    options.drop_tables += list(_DROPPED_TABLES)
    options.name_IDs = ["*"]  # keep the copyright and OFL licence records (IDs 0, 13, 14)
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    # Subroutines inlined: of a few hundred CJK glyphs the full font's shared subroutines are mostly
    # dead weight; the result zips ~10 % smaller and is made a little faster.
    options.desubroutinize = True
    wanted = "".join(sorted({c for c in chars if unicodedata.category(c)[0] != "C"}))  # no control codes
    try:
        # Bounding boxes are not recomputed: the source's are a safe superset, and computing
        # them runs every CFF charstring once more (most of the time of a large subset).
        font = TTFont(face.path, lazy=True, recalcBBoxes=False, recalcTimestamp=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=wanted)
        subsetter.subset(font)
        if "glyf" in font:
            _fullwidth_quotes(font)
        out = BytesIO()
        font.save(out)
    except Exception as e:  # fontTools raises many kinds for a damaged file
        raise FontError(f"{face.path}: cannot subset the font ({e.__class__.__name__})") from None
    return out.getvalue()


def _fullwidth_quotes(font: TTFont) -> None:
    upm = font["head"].unitsPerEm
    glyf, hmtx, cmap = font["glyf"], font["hmtx"], font.getBestCmap()
    for cp, side in _QUOTES.items():
        name = cmap.get(cp)
        if name is None or hmtx[name][0] >= 0.9 * upm or glyf[name].isComposite():
            continue
        glyph = glyf[name]
        advance, _ = hmtx[name]
        if side == "opening" and glyph.numberOfContours > 0:
            glyph.coordinates.translate((upm - advance, 0))
            glyph.recalcBounds(glyf)
        hmtx[name] = (upm, glyph.xMin if glyph.numberOfContours > 0 else 0)

