#!/usr/bin/env python3
"""Build the subset CJK fonts bundled with publisher.

Cuts each face listed in faces.toml out of the fonts shipped by Debian (fonts-noto-cjk and
fonts-lxgw-wenkai, SIL OFL 1.1; fonts-arphic-ukai, Arphic Public License) with
fontTools.subset, keeping a Simplified (GBK, GB2312) or Traditional (Big5, Big5 level 1, Big5
with HKSCS) repertoire plus Latin and punctuation, and writes the results next to this script::

    python fonts/build.py                       # rebuild all faces from the installed packages
    python fonts/build.py --root /tmp/fontsrc   # from .debs unpacked there (dpkg-deb -x)
    python fonts/build.py --only body-tc,kai-tc # some faces (by role)
    python fonts/build.py --body FILE.ttc       # other source for one role
    python fonts/build.py --check               # only verify the built files

Deterministic: the head timestamps are kept from the source font (never
"now"), so every run gives byte-identical files.  Needs Python 3.11+
(tomllib) and fontTools; nothing else.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import importlib.util
import os
import sys
import time
import tomllib
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
FACES_TOML = HERE / "faces.toml"

# Code points kept in every face on top of the GBK / GB2312 repertoire.
EXTRA_RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement (incl. U+00B7)
    (0x2000, 0x206F),  # General Punctuation (incl. U+2014, U+2026)
    (0x2100, 0x214F),  # Letterlike Symbols
    (0x2150, 0x218F),  # Number Forms
    (0x2190, 0x21FF),  # Arrows
    (0x2460, 0x24FF),  # Enclosed Alphanumerics
    (0x25A0, 0x25FF),  # Geometric Shapes
    (0x2E3A, 0x2E3B),  # two- and three-em dash
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0x30FB, 0x30FB),  # katakana middle dot: Python's gb2312 codec for A1A4
    (0xFE10, 0xFE1F),  # Vertical Forms
    (0xFE30, 0xFE4F),  # CJK Compatibility Forms
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
)

# All OpenType features are kept ('halt', 'palt', 'vert', 'vrt2', 'vhal',
# 'vpal', 'locl', 'fwid', ...): it costs ~1.5 % over a hand-picked list.
LAYOUT_FEATURES = ["*"]

# Language systems kept in GSUB/GPOS, for every script (faces.toml's
# ``languages`` per face; this by default).  Noto CJK SC has 'locl' lookups
# for JAN/KOR/ZHT/ZHH that swap in Japanese, Korean and Traditional glyph
# shapes; keeping them would almost double the size (GBK Serif Regular:
# 13.2 MB instead of 7.2 MB).  Text in any language still gets the features
# of the default language system.  The TC faces keep dflt and ZHT.
LANGUAGES = ("dflt", "ZHS")

# What --check wants in every face besides the whole of GB2312, and in the
# GBK faces: characters of GBK that GB2312 lacks.
REQUIRED_TEXT = (
    "·—…⸺、。，．：；！？「」『』《》〈〉【】〔〕（）〖〗‘’“”"
    "○●□■△▲◆◇※→←↑↓①⑩⑴⒈ⅠⅫ℃№‰§°×÷～￥"
    "︐︑︒︓︔︕︖︙︵︶︷︸︹︺︻︼︽︾︿﹀﹁﹂﹃﹄"
)
GBK_SAMPLE = "镕堃喆玥昇"
BIG5_SAMPLE = "臺灣國際經濟編輯記者報導"  # Big5 level 1 (常用字)
BIG5_LEVEL2_SAMPLE = "冇乜噉"  # Big5 level 2 (次常用字)
HKSCS_SAMPLE = "啱嘅咗嘢堃喆裏綫"  # HKSCS additions to Big5, in the BMP
REQUIRED_NAME_IDS = {0, 1, 2, 3, 4, 5, 6, 13, 14}  # 14, the licence URL: OFL faces (UKai has none)


def load_faces() -> list[dict]:
    """The [[face]] tables of faces.toml."""
    with open(FACES_TOML, "rb") as f:
        return tomllib.load(f)["face"]


def two_byte_chars(codec: str, leads: range, trails, *, last: tuple[int, int] | None = None) -> set[int]:
    """Code points of every character the codec decodes from two bytes (up to the byte pair
    ``last``, when given) to one code point."""
    chars = set()
    for lead in leads:
        for trail in trails:
            if last and (lead, trail) > last:
                continue
            try:
                text = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                chars.add(ord(text))
    return chars


BIG5_TRAILS = (*range(0x40, 0x7F), *range(0xA1, 0xFF))


def codec_chars(name: str) -> set[int]:
    """Every character of a double-byte repertoire:

    - ``gbk``: what Python's ``gbk`` codec decodes from two bytes;
    - ``gb2312``: Python's ``gb2312`` codec, rows 0xA1-0xFE;
    - ``big5``: Python's ``big5`` codec, two bytes (lead 0x81-0xFE, trail 0x40-0x7E, 0xA1-0xFE);
    - ``big5-level1``: the same up to 0xC67E: Big5's symbols and its 5,401 常用字;
    - ``big5-hkscs``: ``big5`` plus every character Python's ``big5hkscs`` codec decodes
      from two bytes to one code point of the BMP (HKSCS-2008's additions outside CJK
      Extension B and beyond; the four two-code-point sequences left out).
    """
    if name == "gbk":
        return two_byte_chars("gbk", range(0x81, 0xFF), range(0x40, 0xFF))
    if name == "gb2312":
        return two_byte_chars("gb2312", range(0xA1, 0xFF), range(0xA1, 0xFF))
    if name == "big5":
        return two_byte_chars("big5", range(0x81, 0xFF), BIG5_TRAILS)
    if name == "big5-level1":
        return two_byte_chars("big5", range(0x81, 0xFF), BIG5_TRAILS, last=(0xC6, 0x7E))
    if name == "big5-hkscs":
        hkscs = two_byte_chars("big5hkscs", range(0x81, 0xFF), BIG5_TRAILS)
        return codec_chars("big5") | {c for c in hkscs if c <= 0xFFFF}
    raise ValueError(f"unknown repertoire {name!r}")


def core_chars(name: str) -> set[int]:
    """What --check insists on for a repertoire: all of GB2312, or every ideograph (and
    bopomofo) of Big5 level 1 (its symbols map through Python's codec to odd code points,
    ˍ ‾ ∼ ≒, that no TC face has), and samples of the characters the larger repertoires add."""
    traditional = name.startswith("big5")
    if traditional:
        wanted = {c for c in codec_chars("big5-level1") if unicodedata.category(chr(c)) == "Lo"}
    else:
        wanted = codec_chars("gb2312")
    wanted |= {ord(c) for c in (BIG5_SAMPLE if traditional else "")}
    samples = {"gbk": GBK_SAMPLE, "big5": BIG5_LEVEL2_SAMPLE, "big5-hkscs": BIG5_LEVEL2_SAMPLE + HKSCS_SAMPLE}
    return wanted | {ord(c) for c in samples.get(name, "")}


def repertoire(name: str) -> set[int]:
    """All code points wanted: codec_chars(name) plus EXTRA_RANGES."""
    chars = codec_chars(name)
    for first, last in EXTRA_RANGES:
        chars.update(range(first, last + 1))
    return chars


def face_index(path: Path, postscript_name: str) -> int:
    """Index of the face with this PostScript name (name ID 6) in a .ttc,
    or -1 for a plain .otf/.ttf holding that face."""
    from fontTools.ttLib import TTCollection, TTFont

    with open(path, "rb") as f:
        is_collection = f.read(4) == b"ttcf"
    fonts = (TTCollection(path, lazy=True).fonts if is_collection
             else [TTFont(path, lazy=True)])
    for index, font in enumerate(fonts):
        if font["name"].getDebugName(6) == postscript_name:
            return index if is_collection else -1
    raise LookupError(f"{path} has no face named {postscript_name}")


def subset_options(font, languages=LANGUAGES):
    """The fontTools.subset options for ``font``."""
    from fontTools import subset

    scripts = sorted({record.ScriptTag for tag in ("GSUB", "GPOS")
                      if tag in font
                      for record in font[tag].table.ScriptList.ScriptRecord})
    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.layout_scripts = [f"{script}.{language}" for script in scripts
                              for language in languages]
    options.name_IDs = ["*"]  # copyright, licence, URLs, ...
    options.name_languages = ["*"]  # and the Chinese family names
    options.name_legacy = True
    options.hinting = False
    options.glyph_names = False  # post format 3
    options.notdef_outline = True
    return options


def build(face: dict, source: Path, out_dir: Path) -> dict:
    """Subset one face into out_dir; return facts for the report."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    started = time.monotonic()
    index = face_index(source, face["postscript_name"])
    # recalcTimestamp=False keeps head.modified from the source: deterministic.
    font = TTFont(source, fontNumber=index, recalcTimestamp=False)
    subsetter = subset.Subsetter(subset_options(font, tuple(face.get("languages", LANGUAGES))))
    subsetter.populate(unicodes=repertoire(face["repertoire"]))
    subsetter.subset(font)
    if face.get("rename_from"):
        rename_family(font, face["family"], face["postscript_name_out"])
    if face.get("notice"):
        set_notice(font, face["notice"])
    output = out_dir / face["file"]
    font.save(output, reorderTables=True)
    return {"where": source.name + (f"#{index}" if index >= 0 else ""),
            "seconds": time.monotonic() - started}


def rename_family(font, family: str, postscript: str) -> None:
    """Give a subset its own names: the OFL bars a Modified Version from a Reserved Font Name
    (LXGW WenKai reserves "LXGW" and "霞鹜"), in every language's records."""
    style = font["name"].getDebugName(2) or "Regular"
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID == 4:
            record.string = f"{family} {style}" if style != "Regular" else family
        elif record.nameID == 6:
            record.string = postscript
        elif record.nameID == 3:
            record.string = f"{font['head'].fontRevision:.3f};{postscript}"


def set_notice(font, notice: str) -> None:
    """Say in the font that it was changed (name ID 10, Description, in English): the Arphic
    Public License asks a modified file to carry a prominent notice of the change and its date."""
    font["name"].removeNames(nameID=10)
    font["name"].setName(notice, 10, 3, 1, 0x409)
    font["name"].setName(notice, 10, 1, 0, 0)


def describe(path: Path) -> dict:
    """Size, glyph count, family and features of a built font."""
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    features = {record.FeatureTag for tag in ("GSUB", "GPOS") if tag in font
                for record in font[tag].table.FeatureList.FeatureRecord}
    return {
        "bytes": path.stat().st_size,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "glyphs": len(font.getGlyphOrder()),
        "cmap": set(font.getBestCmap()),
        "family": font["name"].getDebugName(1),
        "features": features,
        "name_ids": {record.nameID for record in font["name"].names},
        "tables": set(font.keys()),
    }


def problems(face: dict, info: dict) -> list[str]:
    """What is wrong with a built face, per faces.toml and REQUIRED_*."""
    found = []
    if info["family"] != face["family"]:
        found.append(f"family {info['family']!r}, not {face['family']!r}")
    wanted = core_chars(face["repertoire"]) | {ord(c) for c in REQUIRED_TEXT}
    wanted -= {ord(c) for c in face.get("lacks", "")}  # the source font's own gaps, listed
    missing = "".join(sorted(chr(c) for c in wanted - info["cmap"]))
    if missing:
        found.append(f"{len(missing)} characters missing: {missing[:40]}")
    lacking = set(face["features"]) - info["features"]
    if lacking:
        found.append(f"features missing: {' '.join(sorted(lacking))}")
    if not {"vhea", "vmtx"} <= info["tables"]:
        found.append("no vertical metrics (vhea/vmtx)")
    required = REQUIRED_NAME_IDS if face.get("licence", "OFL-1.1") == "OFL-1.1" else REQUIRED_NAME_IDS - {14}
    if not required <= info["name_ids"]:
        ids = sorted(required - info["name_ids"])
        found.append(f"name IDs missing: {ids}")
    return found


def report(faces: list[dict], out_dir: Path, extra: dict) -> int:
    """Print one block per face; return the number of faulty faces."""
    total = faulty = 0
    for face in faces:
        path = out_dir / face["file"]
        if not path.is_file():
            print(f"{face['file']}: MISSING (run python fonts/build.py)")
            faulty += 1
            continue
        info = describe(path)
        total += info["bytes"]
        codec = codec_chars(face["repertoire"])
        print(f"{face['file']:32} {info['bytes']:>10,} bytes"
              f" {info['glyphs']:>6} glyphs {len(info['cmap']):>6} chars"
              + (f"  {extra[face['file']]}" if face["file"] in extra else ""))
        print(f"    {info['family']!r} {face['role']}, {face['repertoire']}"
              f" ({len(codec - info['cmap'])} of its {len(codec)}"
              f" characters not in the font)")
        print(f"    features: {' '.join(sorted(info['features']))}")
        print(f"    sha256: {info['sha256']}")
        for problem in problems(face, info):
            print(f"    PROBLEM: {problem}")
            faulty += 1
    print(f"{'total':32} {total:>10,} bytes")
    return faulty


def main(argv: list[str] | None = None) -> int:
    faces = load_faces()
    parser = argparse.ArgumentParser(
        description="Build the subset fonts listed in faces.toml.")
    for face in faces:
        parser.add_argument(f"--{face['role']}", type=Path, metavar="PATH",
                            dest=face["role"].replace("-", "_"), default=None,
                            help=f"source of {face['file']} "
                                 f"(default: {face['source']})")
    parser.add_argument("--root", type=Path, default=Path("/"),
                        help="folder the Debian packages are unpacked in (default: /, the"
                             " installed packages; e.g. /tmp/fontsrc after"
                             " dpkg-deb -x PKG.deb /tmp/fontsrc)")
    parser.add_argument("--out", type=Path, default=HERE,
                        help="output folder (default: this script's folder)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="faces built in parallel (default: CPU count)")
    parser.add_argument("--only", metavar="ROLE,...",
                        help="build only these faces (by role); all are checked")
    parser.add_argument("--check", action="store_true",
                        help="do not build, only verify the built files")
    args = parser.parse_args(argv)

    if importlib.util.find_spec("fontTools") is None:
        sys.exit("error: fontTools is missing: pip install fonttools")
    extra = {}
    if not args.check:
        sources = {}
        roles = {face["role"] for face in faces}
        only = set(args.only.split(",")) if args.only else roles
        if only - roles:
            sys.exit(f"error: no face for role {min(only - roles)!r} (roles: {', '.join(sorted(roles))})")
        for face in faces:
            if face["role"] not in only:
                continue
            path = (getattr(args, face["role"].replace("-", "_"))
                    or args.root / face["source"].lstrip("/"))
            if not path.is_file():
                sys.exit(f"error: {path} not found: apt-get install {face['package']}, or"
                         f" apt-get download it and dpkg-deb -x it into --root DIR"
                         f" (or pass --{face['role']} PATH)")
            sources[face["file"]] = path
        args.out.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        with concurrent.futures.ProcessPoolExecutor(max(1, args.jobs)) as pool:
            jobs = {face["file"]: pool.submit(build, face, sources[face["file"]],
                                              args.out) for face in faces
                    if face["file"] in sources}
            try:
                for file, job in jobs.items():
                    done = job.result()
                    extra[file] = (f"{done['seconds']:5.1f}s"
                                   f" from {done['where']}")
            except LookupError as error:
                sys.exit(f"error: {error}")
        print(f"built in {time.monotonic() - started:.1f}s")
    return 1 if report(faces, args.out, extra) else 0


if __name__ == "__main__":
    sys.exit(main())
