"""Page text → document model: the stages of reading, in order."""

from __future__ import annotations

import dataclasses
import gc
from contextlib import contextmanager
from pathlib import Path

from ..chars import is_traditional, script_language
from ..errors import InputError
from ..model import Folio, Metadata, Page
from .decode import decode
from .folio import is_credits_only, is_folio_line, parse_folio
from .formats import Converted, check_format, convert, detect_format
from .measure import infer_measure
from .metadata import load_metadata, sidecar_path
from .places import in_ocr_file, type_sizes, page_geometry, story_regions, text_line, with_places
from .repair import corner_brackets, drop_repeated_lines, normalise_marks, printed_lines
from .runs import RepairLog, Run, source_lines
from .structure import recover_stories

FOLIO_SEARCH = 3
# The largest page file read: a newspaper page's text is tens of kilobytes; past this a file is
# many pages run together, or not a page at all, and would take minutes (split it into pages).
MAX_INPUT_BYTES = 8 * 1024 * 1024  # folio lines sit among the first or last few lines of a page
QUOTES = ("corner", "keep")  # a Traditional page's curly quotes: as corner brackets 「」『』, or kept


def read_page(
    path: str | Path,
    *,
    encoding: str | None = None,
    repair: bool = True,
    metadata: Metadata | None = None,
    format: str | None = None,
    image: str | Path | None = None,
    quotes: str = "corner",
) -> Page:
    """Read a page file (any supported encoding) into the model.

    Metadata comes from ``metadata`` if given, else from the sidecar ``PAGE.toml``. ``format``
    (``hocr``, ``alto``, ``paddle``, ``tesseract``, ``lines``) is told from the content if None.
    ``image``: the original page's image (its illustrations are cut from it), else the one the
    OCR file names, when it exists beside it.
    ``quotes``: on a Traditional (zh-Hant) page, ``corner`` sets curly quotes as 「」『』 (a logged
    repair), ``keep`` leaves them; Simplified pages are never touched.
    """
    path = Path(path)
    if format is not None:
        check_format(format, str(path))
    if image is not None and not Path(image).is_file():
        raise InputError(f"{image}: no such page image")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES and path.is_file():
            raise InputError(f"{path}: {size / 2**20:.1f} MB is more than a page "
                             f"(publisher reads page files up to {MAX_INPUT_BYTES // 2**20} MB; split it into pages)")
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a page file") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e.__class__.__name__})") from None
    text, used = decode(data, str(path), encoding)
    if metadata is None:
        metadata = load_metadata(sidecar_path(path))
    return parse_page(text, name=str(path), repair=repair, metadata=metadata, encoding=used,
                      format=format or detect_format(data), image=image, quotes=quotes)


def parse_page(
    source: str,
    *,
    name: str = "page",
    repair: bool = True,
    metadata: Metadata | None = None,
    encoding: str = "utf-8",
    format: str | None = None,
    image: str | Path | None = None,
    quotes: str = "corner",
) -> Page:
    """Decoded page text (or OCR output in ``format``, None: detected) → Page.

    Raises InputError (naming ``name``) when the text holds no story. ``quotes``: see read_page.
    """
    if quotes not in QUOTES:
        raise InputError(f"quotes must be one of {', '.join(QUOTES)}, not {quotes!r}")
    format = check_format(format, name) if format else detect_format(source.encode("utf-8"))
    converted = convert(source, name, format)  # every format becomes text in the one shape read below
    with _no_gc():  # a large file makes millions of small objects, none of them cyclic garbage
        page = _parse(converted, name, repair, metadata, encoding, format, quotes)
    geometry = page_geometry(converted, name, image)
    if image is not None and geometry is None:
        raise InputError(f"{name}: --image given, but a {format} page records no positions to cut illustrations by")
    if geometry and geometry.image:  # each illustration is cut from the page image
        page = dataclasses.replace(page, stories=tuple(
            dataclasses.replace(s, image=geometry.image) if s.photo_box and s.image is None else s for s in page.stories))
    return dataclasses.replace(page, geometry=geometry)


@contextmanager
def _no_gc():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(converted: Converted, name: str, repair: bool, metadata: Metadata | None, encoding: str,
           format: str, quotes: str = "corner") -> Page:
    log = RepairLog(converted.text)
    runs = source_lines(converted.text, ends_known=format != "lines")  # every OCR reader marks its line ends
    folio, runs = _take_folio(runs)
    roles = _check_roles(metadata, runs, log, name, text_line(converted))
    if repair:
        runs = [normalise_marks(r, log) for r in runs]
        runs = drop_repeated_lines(runs, log)
    # told before the stories are: a Traditional page's quotes are set as it sets them
    language = (metadata and metadata.language) or script_language("".join(r.text for r in runs))
    if repair and quotes == "corner" and is_traditional(language):
        runs = [corner_brackets(r, log) for r in runs]
    measure = infer_measure(printed_lines(r) for r in runs)
    # an engine that reads a spanning headline after the first column's text, or in pieces far
    # apart (characters unread; Paddle's boxes leave none unread): put it back
    recovered = recover_stories(runs, measure, log, repair=repair, roles=roles,
                                strays=format in ("tesseract", "hocr", "alto"), late=format == "tesseract",
                                sizes=type_sizes(converted), rows=converted.origins)
    stories = recovered.stories
    if not any(s.body or s.caption for s in stories):
        raise InputError(f"{name}: no article found (no paragraph of text after the headlines)")
    if any(converted.boxes):
        stories = with_places(stories, story_regions(converted, recovered.spans, log), converted.illustrations)
    if metadata and metadata.photos:
        stories = _with_photos(stories, metadata.photos, name)
    repairs, lines, doubts = in_ocr_file(converted, log.sorted(), recovered.lines, recovered.doubts)
    repairs = tuple(sorted((*repairs, *converted.dropped), key=lambda r: (r.line, r.column)))  # lines left out
    return Page(
        source_name=Path(name).name,
        folio=folio,
        stories=tuple(stories),
        measure_em=measure,
        metadata=_complete(metadata or Metadata(), folio, language),
        repairs=repairs,
        encoding=encoding,
        lines=tuple(lines),
        doubts=tuple(doubts),
        format=format,
    )


def _with_photos(stories: list, photos: tuple[tuple[str, str], ...], name: str) -> list:
    """Each ``[photos]`` image given to its story: by number on the page, or by headline."""
    stories = list(stories)
    squash = lambda s: "".join(s.split())  # noqa: E731 - headlines compared without spaces
    for key, image in photos:
        if key.isdigit() and 1 <= int(key) <= len(stories):
            n = int(key) - 1
        else:
            n = next((i for i, s in enumerate(stories) if squash(s.headline.text) == squash(key)), None)
            if n is None:
                raise InputError(f"{name}: [photos] {key!r}: no story with that headline or number "
                                 f"(see publisher inspect)")
        stories[n] = dataclasses.replace(stories[n], image=image, photo_box=None)  # the user's photo, whole
    return stories


def _check_roles(metadata: Metadata | None, runs: list[Run], log: RepairLog, name: str, text_line) -> dict[int, str]:
    """The user's roles, each on a line that holds a block of the page (else exit 3, naming it);
    for an OCR file, its lines (JSON: items) as ``inspect --blocks`` shows them."""
    roles = dict(metadata.roles) if metadata else {}
    blocks = {log.line_of(r.start) for r in runs}
    out = {}
    for line in sorted(roles):
        if text_line(line) not in blocks:
            raise InputError(f"{name}: [roles] line {line} is not a block of the page "
                             f"(blank, the folio, or past the end; see publisher inspect --blocks)")
        out[text_line(line)] = roles[line]
    return out


def _take_folio(runs: list[Run]) -> tuple[Folio, list[Run]]:
    """Folio lines among the first and last lines; their fields merged into one Folio."""
    n = len(runs)
    idx = [i for i in (*range(min(FOLIO_SEARCH, n)), *range(max(FOLIO_SEARCH, n - FOLIO_SEARCH), n)) if is_folio_line(runs[i].text)]
    if not idx:
        return Folio(), runs
    beside = {j for i in idx for j in (i - 1, i + 1) if 0 <= j < n and is_credits_only(runs[j].text)}
    idx = sorted({*idx, *beside})
    parts = [parse_folio(runs[i].text) for i in idx]
    folio = Folio(fields=tuple(f for p in parts for f in p.fields), raw="\n".join(p.raw for p in parts))
    return folio, [r for i, r in enumerate(runs) if i not in idx]


def _complete(meta: Metadata, folio: Folio, language: str) -> Metadata:
    """Fill what the sidecar leaves open from what the folio prints and the text is written in."""
    return dataclasses.replace(
        meta,
        language=language,
        date=meta.date or folio.date,
        page=meta.page or folio.page,
        url=meta.url or (folio.url and (folio.url if "://" in folio.url else f"http://{folio.url}")),
    )
