"""Which files of the paths given are pages, in which order, and which form an issue."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..read.formats import detect_format

CACHE_DIR = ".publisher-cache"


@dataclass
class Issue:
    """A folder of pages printed together: built page by page, and as one PDF and one EPUB."""

    folder: Path
    pages: list[Path]


OCR_SUFFIXES = {".hocr": ("hocr",), ".html": ("hocr",), ".xml": ("alto",), ".json": ("paddle",)}


def _is_page(path: Path) -> bool:
    """A folder's page files: ``*.txt``, and OCR files whose content is what their name says
    (hOCR, ALTO, a PaddleOCR box list or PaddleOCR 3 result: another JSON object beside the pages
    is not one)."""
    if path.suffix == ".txt":
        return True
    wanted = OCR_SUFFIXES.get(path.suffix.lower())
    if not wanted or not path.is_file():
        return False
    try:
        with path.open("rb") as f:
            head = f.read(64 * 1024)
    except OSError:
        return False
    if path.suffix.lower() == ".json":
        opens = head.lstrip()[:1]
        return opens == b"[" or opens == b"{" and _PADDLE_RESULT.search(head) is not None
    return detect_format(head) in wanted


# the keys PaddleOCR 3's result object opens with (its texts may come after 64 KB of polygons)
_PADDLE_RESULT = re.compile(rb'"(?:input_path|dt_polys|rec_texts)"\s*:')


def find_sources(paths: Iterable[Path]) -> tuple[list[Path], list[Issue]]:
    """Page files from files and folders (a folder's ``*.txt`` and OCR files, in natural order)."""
    pages: list[Path] = []
    issues: list[Issue] = []
    for path in paths:
        if path.is_dir():
            found = sorted((p for p in path.rglob("*") if CACHE_DIR not in p.parts and _is_page(p)), key=_natural_key)
            if not found:
                raise InputError(f"{path}: no page files (*.txt, or hOCR, ALTO, PaddleOCR JSON) in this folder")
            pages += found
            by_folder: dict[Path, list[Path]] = {}
            for p in found:
                by_folder.setdefault(p.parent, []).append(p)
            issues += [Issue(folder, ps) for folder, ps in by_folder.items() if len(ps) > 1]
        elif path.exists():
            pages.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return list(dict.fromkeys(pages)), issues


# Of one page read into several formats (``tesseract page.png page txt hocr alto`` writes page.txt,
# page.hocr and page.xml), the reading with the most to go on is built: positions and type sizes
# first, plain text last.
_PREFERENCE = {".hocr": 0, ".html": 0, ".xml": 1, ".json": 2, ".txt": 3}


def one_reading_per_page(sources: list[Path], stems: dict[Path, str]) -> tuple[list[Path], dict[Path, list[Path]]]:
    """``sources`` with one file per output stem (the others would write the same outputs): the
    preferred reading of each page, and for each kept file the ones left out."""
    by_stem: dict[str, list[Path]] = {}
    for source in sources:
        by_stem.setdefault(stems[source], []).append(source)
    kept: dict[Path, list[Path]] = {}
    for same in by_stem.values():
        best = min(same, key=lambda f: _PREFERENCE.get(f.suffix.lower(), len(_PREFERENCE)))
        kept[best] = [f for f in same if f != best]
    return [s for s in sources if s in kept], {k: v for k, v in kept.items() if v}


def _natural_key(path: Path):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", str(path))]


def output_stem(source: Path, root: Path | None) -> str:
    """``source/2020-03-03/p01.txt`` → ``2020-03-03/p01`` (relative to the folder given)."""
    if root is not None and root.is_dir():
        try:
            return str(source.with_suffix("").relative_to(root))
        except ValueError:
            pass
    return source.stem
