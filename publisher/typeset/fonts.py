"""The bundled fonts, and everything publisher asks of a font file (the one module that
imports the font engines, fontTools and HarfBuzz's subsetter).

Faces are listed in ``fonts/faces.toml`` with a role: ``body`` (Song/Ming serif),
``headline`` (heavy Song), ``hei`` (sans bold) and ``kai`` (bylines, captions).
"""

from __future__ import annotations

import shutil
import subprocess
import tomllib
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

import uharfbuzz as hb
from fontTools.ttLib import TTFont, getTableClass

from ..errors import ExitCode, PublisherError

FONTS_DIR = Path(__file__).resolve().parents[2] / "fonts"
ROLES = ("body", "headline", "hei", "kai")  # required; faces.toml may add others (sans, *-tc)


class FontError(PublisherError):
    """A font is missing, unreadable, or lacks characters the page needs."""

    exit_code = ExitCode.input_file  # the input or the options ask for what cannot be done


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


@lru_cache(maxsize=1)
def installed_families() -> frozenset[str] | None:
    """The font families fontconfig knows on this machine (lower case), as ``fc-list`` lists
    them; None when that cannot be told (fontconfig's tools missing)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return None
    try:
        listed = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return frozenset(name.strip().lower() for line in listed.splitlines() for name in line.split(",") if name.strip())


class _Metrics:
    """A face's characters and their advance widths in em (default, horizontal glyphs), read
    by HarfBuzz as they are asked for: the full cmap of a 20,000-glyph face read by fontTools
    costs a third of a second, HarfBuzz's set of its code points well under a millisecond."""

    def __init__(self, path: Path):
        try:
            face = _hb_face(path)  # the one HarfBuzz face of the file, which the cuts use too
            self.codepoints = face.unicodes
            self._font, self._upem = hb.Font(face), face.upem
        except Exception as e:  # HarfBuzz raises on an unreadable file; an empty face reads as no font
            raise FontError(f"{path}: not a usable font ({e.__class__.__name__})") from None
        if not self.codepoints or not self._upem:
            raise FontError(f"{path}: not a usable font (no characters)")
        self._advances: dict[int, float] = {}

    def advance(self, cp: int) -> float | None:
        width = self._advances.get(cp)
        if width is None and cp in self.codepoints:
            width = self._advances[cp] = self._font.get_glyph_h_advance(self._font.get_nominal_glyph(cp)) / self._upem
        return width


@lru_cache(maxsize=32)
def has_feature(face: Face, tag: str) -> bool:
    """Whether the face's OpenType layout has the feature ``tag`` (e.g. 'halt') for some script
    and language system (read by HarfBuzz: fontTools would decompile GSUB and GPOS whole)."""
    return tag in _features(face.path)


@lru_cache(maxsize=16)
def _features(path: Path) -> frozenset[str]:
    try:
        face = _hb_face(path)
        tags: set[str] = set()
        for table in ("GSUB", "GPOS"):
            for script, _ in enumerate(face.get_table_script_tags(table)):
                languages = range(len(face.get_script_language_tags(table, script)))
                for language in (0xFFFF, *languages):  # the script's default language system, then each
                    tags.update(face.get_language_feature_tags(table, script, language))
    except Exception as e:  # HarfBuzz raises on an unreadable file
        raise FontError(f"{path}: not a usable font ({e.__class__.__name__})") from None
    return frozenset(tags)


@lru_cache(maxsize=16)
def _metrics(path: Path) -> _Metrics:
    return _Metrics(path)


def advance(face: Face, ch: str) -> float | None:
    """The advance width of ``ch`` in em, or None when the face has no glyph for it."""
    return _metrics(face.path).advance(ord(ch))


def missing_chars(face: Face, text: str) -> set[str]:
    """The characters of ``text`` the face has no glyph for (whitespace aside)."""
    have = _metrics(face.path).codepoints
    return {c for c in set(text) if ord(c) not in have and not c.isspace()}


def refuse_missing(by_face: dict[str, str], faces: dict[str, Face], remedy: str) -> None:
    """Every character has a glyph in the face that sets it (``by_face``: role → characters),
    or a FontError names the ones missing, by code point, with ``remedy``."""
    missing = set().union(*(missing_chars(faces[role], chars) for role, chars in by_face.items()))
    if missing:
        raise FontError(f"no bundled font has {describe_missing(missing)} ({remedy})")


def describe_missing(chars: set[str]) -> str:
    """``U+4E48 么, U+9555 镕`` — how a missing character is reported."""
    return ", ".join(f"U+{ord(c):04X} {c}" for c in sorted(chars))


# What a subset keeps of a face's OpenType layout: composition and regional forms, kerning,
# and 'halt'/'chws', which readers that trim CJK punctuation (CSS text-spacing-trim) apply.
# Vertical forms and metrics are left out of a horizontal book's cut; a vertical book keeps them
# (the vertical punctuation forms come from 'vert'/'vrt2', the advances from vhea/vmtx/VORG).
SUBSET_FEATURES = ("ccmp", "locl", "kern", "halt", "chws")
VERTICAL_FEATURES = ("vert", "vrt2", "vhal", "vkrn")
_DROPPED_TABLES = ("vhea", "vmtx", "VORG")
# The print cut keeps all HarfBuzz keeps by default (its shaper's features and the CJK ones);
# named here are those the layouts rely on, kept should HarfBuzz's defaults ever change.
PRINT_FEATURES = ("ccmp", "locl", "kern", "liga", "halt", "palt", "vert", "vrt2")

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
def subset_fonts(jobs: tuple[tuple[Face, str], ...], vertical: bool = False) -> tuple[bytes, ...]:
    """Several subsets at once (each as subset_font makes it), in the order asked; ``vertical``:
    for vertical text, keeping the vertical forms and metrics."""
    return tuple(_subset(face, chars, vertical) for face, chars in jobs)


def print_subset(face: Face, chars: str) -> bytes:
    """The face cut down to the characters of ``chars`` for the print PDF (cached per process).

    Unlike the EPUB's cut it keeps every layout feature HarfBuzz keeps by default (``halt``,
    ``palt``, ``vert``, ``kern``, ``locl``…) and the vertical metrics, and changes no glyph:
    WeasyPrint shapes and measures it as the whole face, so the page sets the same. Deterministic.
    """
    return _print_subset(face, "".join(sorted(set(chars))))


@lru_cache(maxsize=16)
def _print_subset(face: Face, chars: str) -> bytes:
    return _hb_subset(face, chars, PRINT_FEATURES, ())


@contextmanager
def font_dates_kept():
    """Within the block, fontTools saves a font with the dates in its ``head``, not the clock's.

    Without the system library HarfBuzz-Subset, WeasyPrint subsets each font it embeds with
    fontTools, whose save stamps ``head.modified`` with the current time (or SOURCE_DATE_EPOCH):
    two runs differ in bytes. WeasyPrint passes no ``recalcTimestamp=False``, so ``head``'s
    compile is wrapped (once per process); the switch is a context variable, so other threads
    and code outside the block see fontTools unchanged.
    """
    _wrap_head_compile()
    token = _KEEP_DATES.set(True)
    try:
        yield
    finally:
        _KEEP_DATES.reset(token)


_KEEP_DATES: ContextVar[bool] = ContextVar("publisher_keep_font_dates", default=False)


def _wrap_head_compile() -> None:
    head = getTableClass("head")
    if getattr(head.compile, "keeps_dates", False):
        return
    original = head.compile

    def compile(self, ttFont):
        if not (_KEEP_DATES.get() and ttFont.recalcTimestamp):
            return original(self, ttFont)
        ttFont.recalcTimestamp = False
        try:
            return original(self, ttFont)
        finally:
            ttFont.recalcTimestamp = True

    compile.keeps_dates = True
    head.compile = compile


@lru_cache(maxsize=8)
def _hb_face(path: Path) -> hb.Face:
    return hb.Face(hb.Blob.from_file_path(str(path)))  # mapped, not read: ~7 MB a face


def _subset(face: Face, chars: str, vertical: bool = False) -> bytes:
    """The EPUB's cut: horizontal layout only (unless ``vertical``); a TrueType face's quotation
    marks widened."""
    if vertical:
        data = _hb_subset(face, chars, SUBSET_FEATURES + VERTICAL_FEATURES, ())
    else:
        data = _hb_subset(face, chars, SUBSET_FEATURES, _DROPPED_TABLES)
    if face.format != "truetype":
        return data
    try:
        font = TTFont(BytesIO(data), recalcBBoxes=False, recalcTimestamp=False)
        _fullwidth_quotes(font)
        out = BytesIO()
        font.save(out)
    except Exception as e:  # fontTools raises many kinds for a damaged file
        raise FontError(f"{face.path}: cannot subset the font ({e.__class__.__name__})") from None
    return out.getvalue()


def _hb_subset(face: Face, chars: str, features: tuple[str, ...], dropped: tuple[str, ...]) -> bytes:
    """HarfBuzz's subsetter (tens of milliseconds where fontTools' takes a second on a
    23,000-glyph CFF face). It copies ``head`` from the source: no date from the clock."""
    wanted = {ord(c) for c in chars if unicodedata.category(c)[0] != "C"}  # no control codes
    try:
        source = _hb_face(face.path)
        request = hb.SubsetInput()
        for cp in sorted(wanted):
            request.unicode_set.add(cp)
        for tag in features:  # on top of HarfBuzz's defaults
            request.layout_feature_tag_set.add(_tag(tag))
        for tag in dropped:
            request.drop_table_tag_set.add(_tag(tag))
        for name_id in range(0, 26):  # copyright and OFL licence records (IDs 0, 13, 14) included
            request.name_id_set.add(name_id)
        # subroutines inlined: of a few hundred CJK glyphs, the shared ones are mostly dead weight
        request.flags = (hb.SubsetFlags.NOTDEF_OUTLINE | hb.SubsetFlags.NAME_LEGACY | hb.SubsetFlags.NO_HINTING
                         | hb.SubsetFlags.DESUBROUTINIZE)
        result = hb.subset(source, request)
        if result is None:
            raise ValueError("HarfBuzz could not subset it")
        return bytes(result.blob.data)
    except Exception as e:  # the engines raise many kinds for a damaged file
        raise FontError(f"{face.path}: cannot subset the font ({e.__class__.__name__})") from None


# What WeasyPrint's own HarfBuzz path drops from an embedded font (weasyprint/pdf/fonts.py).
_EMBED_DROPPED = ("BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT", "SVG")


def subset_glyphs(data: bytes, index: int, gids, *, hinting: bool, notdef_outline: bool) -> bytes | None:
    """A font file cut to the glyph ids a PDF uses, ids kept, as WeasyPrint's subsetting with the
    system library HarfBuzz-Subset does it, but through HarfBuzz in the uharfbuzz wheel (so a
    machine without the library is as fast and as reproducible). None if HarfBuzz fails."""
    keep = sorted(set(gids) | {0})
    flags = hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE
    if notdef_outline:
        flags |= hb.SubsetFlags.NOTDEF_OUTLINE
    first = hb.SubsetInput()
    for gid in keep:
        first.glyph_set.add(gid)
    for tag in _EMBED_DROPPED:
        first.drop_table_tag_set.add(_tag(tag))
    first.flags = flags | hb.SubsetFlags.RETAIN_GIDS
    cut = hb.subset(hb.Face(hb.Blob(data), index), first)
    if cut is None:
        return None
    second = hb.SubsetInput()  # then drop the empty slots after the last glyph used
    for gid in range(keep[-1] + 1):
        second.glyph_set.add(gid)
    second.flags = flags | (hb.SubsetFlags.DEFAULT if hinting else hb.SubsetFlags.NO_HINTING)
    result = hb.subset(cut, second)
    return bytes(result.blob.data) if result is not None else None


def _tag(tag: str) -> int:
    return int.from_bytes(tag.ljust(4).encode("ascii"), "big")


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


def font_face_css(faces: dict[str, Face]) -> str:
    """@font-face rules for the faces (file URLs), under their own family names."""
    rules = []
    for face in faces.values():
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; src: url("{face.path.as_uri()}") format("{face.format}"); '
            f"font-weight: {face.weight}; font-style: {face.style}; }}"
        )
    return "\n".join(rules)
