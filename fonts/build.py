#!/usr/bin/env python3
"""Build the subset CJK fonts bundled with publisher.

Reads the SIL OFL 1.1 fonts shipped by Debian (``fonts-noto-cjk`` and
``fonts-lxgw-wenkai``), subsets each face to a Chinese repertoire with
fontTools and writes the results next to this script::

    python fonts/build.py              # all faces, in parallel
    python fonts/build.py --jobs 1     # one at a time
    python fonts/build.py --noto-serif-regular /path/NotoSerifCJK-Regular.ttc

The output is deterministic: the ``head`` timestamps are copied from the
source font (never "now"), so two runs give byte-identical files.
Only the standard library and fontTools are used.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Face:
    """One output font: where it comes from and what it keeps."""

    option: str  # command-line option overriding the source path
    source: str  # default path of the Debian file
    package: str  # Debian package that ships ``source``
    postscript_name: str  # name ID 6 of the face to take from the file
    output: str  # file name written next to this script
    repertoire: str  # "gbk" or "gb2312", see repertoire()


NOTO = "/usr/share/fonts/opentype/noto"
WENKAI = "/usr/share/fonts/truetype/lxgw-wenkai"

FACES = (
    Face("--noto-serif-regular", f"{NOTO}/NotoSerifCJK-Regular.ttc",
         "fonts-noto-cjk", "NotoSerifCJKsc-Regular",
         "NotoSerifSC-Regular.subset.otf", "gbk"),
    Face("--noto-serif-bold", f"{NOTO}/NotoSerifCJK-Bold.ttc",
         "fonts-noto-cjk", "NotoSerifCJKsc-Bold",
         "NotoSerifSC-Bold.subset.otf", "gb2312"),
    Face("--noto-sans-bold", f"{NOTO}/NotoSansCJK-Bold.ttc",
         "fonts-noto-cjk", "NotoSansCJKsc-Bold",
         "NotoSansSC-Bold.subset.otf", "gb2312"),
    Face("--lxgw-wenkai-regular", f"{WENKAI}/LXGWWenKai-Regular.ttf",
         "fonts-lxgw-wenkai", "LXGWWenKai-Regular",
         "LXGWWenKai-Regular.subset.ttf", "gb2312"),
)

# Code points kept in every face on top of the GBK / GB2312 repertoire.
EXTRA_RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation (incl. U+2014, U+2026)
    (0x2100, 0x214F),  # Letterlike Symbols
    (0x2150, 0x218F),  # Number Forms
    (0x2190, 0x21FF),  # Arrows
    (0x2460, 0x24FF),  # Enclosed Alphanumerics
    (0x25A0, 0x25FF),  # Geometric Shapes
    (0x2E3A, 0x2E3B),  # two- and three-em dash
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFE10, 0xFE1F),  # Vertical Forms
    (0xFE30, 0xFE4F),  # CJK Compatibility Forms
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
)

# OpenType features kept.  Not '*': that would also keep 'aalt', 'ruby',
# 'hist', 'dlig', ... whose alternates cost space and are never used here.
LAYOUT_FEATURES = (
    "ccmp", "locl", "liga", "calt", "kern", "mark", "mkmk",
    "vert", "vrt2", "vkrn", "halt", "palt", "vhal", "vpal", "chws", "vchw",
    "fwid", "hwid", "pwid",
)


def two_byte_chars(codec: str, leads: range, trails: range) -> set[int]:
    """Code points of every character the codec decodes from two bytes."""
    chars = set()
    for lead in leads:
        for trail in trails:
            try:
                text = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                chars.add(ord(text))
    return chars


def repertoire(name: str) -> set[int]:
    """All code points wanted for repertoire ``name`` ("gbk" or "gb2312")."""
    if name == "gbk":
        chars = two_byte_chars("gbk", range(0x81, 0xFF), range(0x40, 0xFF))
    elif name == "gb2312":
        chars = two_byte_chars("gb2312", range(0xA1, 0xFF), range(0xA1, 0xFF))
    else:
        raise ValueError(name)
    for first, last in EXTRA_RANGES:
        chars.update(range(first, last + 1))
    return chars


def subset_options():
    """The fontTools.subset options shared by all faces."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = list(LAYOUT_FEATURES)
    options.name_IDs = ["*"]  # keep copyright, licence, URLs, ...
    options.name_languages = ["*"]  # and the Chinese family names
    options.name_legacy = True
    options.hinting = False
    options.glyph_names = False
    options.notdef_outline = True
    return options


def face_index(path: Path, postscript_name: str) -> int:
    """Index of the face with this PostScript name (name ID 6) in a font
    file; -1 for a plain .otf/.ttf holding that single face."""
    from fontTools.ttLib import TTCollection, TTFont

    with open(path, "rb") as f:
        is_collection = f.read(4) == b"ttcf"
    fonts = (TTCollection(path, lazy=True).fonts if is_collection
             else [TTFont(path, lazy=True)])
    for index, font in enumerate(fonts):
        if font["name"].getDebugName(6) == postscript_name:
            return index if is_collection else -1
    raise LookupError(f"{path} has no face named {postscript_name}")


def build(face: Face, source: Path, out_dir: Path) -> dict:
    """Subset one face; return facts about the result for the report."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    started = time.monotonic()
    index = face_index(source, face.postscript_name)
    # recalcTimestamp=False keeps head.modified from the source: deterministic.
    font = TTFont(source, fontNumber=index, recalcTimestamp=False)
    options = subset_options()
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=repertoire(face.repertoire))
    subsetter.subset(font)
    output = out_dir / face.output
    font.save(output, reorderTables=True)

    result = TTFont(output)
    features = set()
    for tag in ("GSUB", "GPOS"):
        if tag in result:
            features.update(r.FeatureTag for r in
                            result[tag].table.FeatureList.FeatureRecord)
    return {
        "file": face.output,
        "index": index,
        "family": result["name"].getDebugName(1),
        "glyphs": len(result.getGlyphOrder()),
        "chars": len(result.getBestCmap()),
        "bytes": output.stat().st_size,
        "sha256": hashlib.sha256(output.read_bytes()).hexdigest(),
        "features": " ".join(sorted(features)),
        "seconds": time.monotonic() - started,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for face in FACES:
        parser.add_argument(face.option, type=Path, default=Path(face.source),
                            metavar="PATH",
                            help=f"source of {face.output} "
                                 f"(default: {face.source})")
    parser.add_argument("--out", type=Path, default=HERE,
                        help="output folder (default: this script's folder)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="faces built in parallel (default: CPU count)")
    args = parser.parse_args(argv)

    try:
        import fontTools  # noqa: F401
    except ImportError:
        sys.exit("error: fontTools is missing: pip install fonttools")
    sources = {}
    for face in FACES:
        path = getattr(args, face.option[2:].replace("-", "_"))
        if not path.is_file():
            sys.exit(f"error: {path} not found: apt-get install {face.package}"
                     f" (or pass {face.option} PATH)")
        sources[face] = path
    args.out.mkdir(parents=True, exist_ok=True)

    started = time.monotonic()
    with concurrent.futures.ProcessPoolExecutor(max(1, args.jobs)) as pool:
        jobs = [pool.submit(build, face, sources[face], args.out)
                for face in FACES]
        try:
            results = [job.result() for job in jobs]
        except LookupError as error:
            sys.exit(f"error: {error}")

    total = 0
    for face, r in zip(FACES, results):
        total += r["bytes"]
        where = sources[face].name + ("" if r["index"] < 0
                                      else f"#{r['index']}")
        print(f"{r['file']:32} {r['bytes']:>10,} bytes {r['glyphs']:>6} glyphs"
              f" {r['chars']:>6} chars  {r['seconds']:5.1f}s  "
              f"{r['family']!r} <- {where} [{face.repertoire}]")
        print(f"{'':32} features: {r['features']}")
        print(f"{'':32} sha256: {r['sha256']}")
    print(f"{'total':32} {total:>10,} bytes  "
          f"({time.monotonic() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
