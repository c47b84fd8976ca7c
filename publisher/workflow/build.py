"""Building many pages: outputs per page, whole-issue editions, a cache, any executor.

``build(sources, options)`` is the one entry point. The client reads each page, its metadata
and the stylesheets into a job (``jobs``); ``render_job`` — a pure function of the job — runs
on a ``concurrent.futures.Executor`` (a process pool by default, or a Dask cluster's, see
``executors``) and returns the outputs' bytes, which the client writes. A page that fails is
reported and skipped; the rest go on.

Unchanged outputs are not rebuilt: each page's outputs are recorded in ``OUTDIR/.publisher-cache``,
each under a key made of everything that shapes it (the page, its metadata and photos, and
publisher's code for all; the layout, extra stylesheets and print options for the PDF; the
EPUB stylesheet and cover option for the EPUB; the font files for both), so an edit rebuilds
only the outputs it changes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..errors import InputError, PublisherError
from ..model import Page
from ..version import __version__
from .config import FORMATS, with_metadata_defaults
from .editions import Editions
from .executors import LocalPools, Pools, executor_for
from .jobs import PageJob, PageOutput, stylesheet
from .runner import Runner, pdfs_first
from .sources import CACHE_DIR, Issue, find_sources, one_reading_per_page, output_stem  # noqa: F401 (Issue: for editions)


@dataclass(frozen=True)
class BuildOptions:
    outdir: Path
    layout: str = "broadsheet"
    extra_css: tuple[Path, ...] = ()
    formats: tuple[str, ...] = FORMATS
    faithful: bool = False
    system_fonts: bool = False
    encoding: str | None = None
    repair: bool = True
    metadata_defaults: tuple[tuple[str, str], ...] = ()  # for pages whose PAGE.toml does not say
    cover: str = "title"  # the EPUB's cover: "title" or "page"
    format: str | None = None  # the pages' OCR format; None: detected per page
    vertical: bool | None = None  # the EPUB set vertically; None: so for Traditional pages
    quotes: str = "corner"  # a Traditional page's curly quotes: "corner" (「」『』) or "keep"
    arrangement: str = "original"  # print makeup: the OCR'd page's places (when known) or "packed"


@dataclass
class PageResult:
    source: Path
    outputs: dict[str, Path] = field(default_factory=dict)
    stories: int = 0
    measure: float | None = None
    repairs: int = 0
    pages: int = 0
    blank: float | None = None
    seconds: float = 0.0
    cached: bool = False
    refused: list[str] = field(default_factory=list)
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    made: tuple[str, ...] = ()  # the formats made in this run (the others were current)
    page: Page | None = field(default=None, repr=False)  # the model, for the issue's EPUB (not cached)


@dataclass
class BuildReport:
    pages: list[PageResult]
    issues: dict[str, dict[str, Path]]
    seconds: float

    @property
    def failed(self) -> list[PageResult]:
        return [p for p in self.pages if p.error]


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """publisher's own code: a change to it (not only a new version) invalidates the cache."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for f in sorted(package.rglob("*.py")):
        h.update(str(f.relative_to(package)).encode() + f.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=1)
def _fonts_fingerprint() -> str:
    """The bundled faces' list in full, and each font file's name, size and modification time,
    as make and ninja tell a changed file (hashing the 50 MB of faces would take a fifth of a
    second of every build, on a core the PDF is being rendered on)."""
    from ..typeset.fonts import FONTS_DIR

    h = hashlib.sha256()
    for f in sorted(FONTS_DIR.glob("*")):
        if f.suffix == ".toml":
            h.update(f.name.encode() + f.read_bytes())
        elif f.suffix in (".otf", ".ttf", ".ttc", ".woff", ".woff2"):
            stat = f.stat()
            h.update(f"{f.name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return h.hexdigest()


# Which options shape which output (the page's own inputs — its text, metadata, [roles] and
# photos — publisher's code and the bundled fonts shape them all). A change rebuilds only the
# outputs it shapes.
_READING = ("encoding", "repair", "metadata_defaults", "format", "quotes")
SHAPED_BY = {
    "pdf": (*_READING, "layout", "extra_css", "faithful", "system_fonts", "arrangement"),
    "epub": (*_READING, "system_fonts", "cover", "vertical"),
    "html": (*_READING, "system_fonts"),
}


def cache_keys(source: Path, options: BuildOptions) -> dict[str, str]:
    """Per output format, everything that shapes it, hashed."""
    from ..read.metadata import load_metadata, sidecar_path
    from ..typeset.layout import LAYOUTS_DIR, stylesheet_files

    photos = [Path(image) for _, image in load_metadata(sidecar_path(source)).photos]
    image = page_image(source, _head(source), options.format) if source.exists() else None
    page_files = [source, sidecar_path(source), *photos, *([image] if image else [])]
    print_files = stylesheet_files(options.layout, options.extra_css)  # their imports too
    keys = {}
    for fmt in options.formats:
        shaping = set(SHAPED_BY[fmt])
        files = [*page_files]
        if fmt == "pdf" or (fmt == "epub" and options.cover == "page"):  # a page cover is the print page
            shaping |= set(SHAPED_BY["pdf"])
            files += print_files
        if fmt == "epub":
            files += [LAYOUTS_DIR / "epub.css", LAYOUTS_DIR / "epub-vertical.css"]
        if fmt == "html":
            files.append(LAYOUTS_DIR / "web.css")
        h = hashlib.sha256()
        h.update(f"publisher {__version__} {_code_fingerprint()} {fmt}\n".encode())
        settings = {k: v for k, v in asdict(options).items() if k in shaping}
        h.update(json.dumps(settings, sort_keys=True, default=str).encode())
        h.update(_fonts_fingerprint().encode())  # every output embeds the faces it sets
        for f in files:
            h.update(str(f.name).encode())
            h.update(f.read_bytes() if f.exists() else b"-")
        keys[fmt] = h.hexdigest()
    return keys


def split_formats(formats: tuple[str, ...], options: BuildOptions) -> list[tuple[str, ...]]:
    """The page's outputs as separate jobs, so that the PDF (the long one) and the EPUB and HTML
    run on two cores at once; together when the EPUB's cover is the print page it needs."""
    if "pdf" not in formats or len(formats) == 1 or (options.cover == "page" and "epub" in formats):
        return [formats]
    return [("pdf",), tuple(f for f in formats if f != "pdf")]


def job_for(source: Path, options: BuildOptions, formats: tuple[str, ...] | None = None) -> PageJob:
    """Everything a worker needs to build ``source`` (in ``formats``, default all the options
    name), read here on the client."""
    from ..typeset.layout import builtin_layouts, find_layout

    layout = options.layout if options.layout in builtin_layouts() else stylesheet(find_layout(options.layout))
    try:
        data = source.read_bytes()
    except OSError as e:
        raise InputError(f"{source}: cannot read ({e.strerror or e.__class__.__name__})") from None
    meta = _metadata(source, options)
    photos = tuple((Path(image).name, Path(image).read_bytes()) for _, image in meta.photos)
    image = page_image(source, data, options.format)
    return PageJob(str(source), data, meta, formats or options.formats, layout,
                   tuple(stylesheet(p) for p in options.extra_css), options.encoding, options.repair,
                   options.faithful, options.system_fonts, options.cover, photos, options.format, options.vertical,
                   options.quotes, options.arrangement, (image.name, image.read_bytes()) if image else None)


def _head(source: Path) -> bytes:
    """The start of a page file: enough to tell its format and the image it names."""
    from ..read.formats import IMAGE_HEAD

    with source.open("rb") as f:
        return f.read(IMAGE_HEAD)


def page_image(source: Path, data: bytes, format: str | None) -> Path | None:
    """The page image an hOCR/ALTO page names, where it is (its photos are cut from it)."""
    from ..read.formats import image_named
    from ..read.places import locate_image

    named = image_named(data, format)
    return locate_image(source, named) if named else None


def record_page(source: Path, stem: str, options: BuildOptions, keys: dict[str, str], output: PageOutput,
                kept: PageResult | None = None) -> PageResult:
    """Write a worker's outputs beside each other under OUTDIR, and the cache record; ``kept``
    is the cached result whose other outputs are still current."""
    from ..render.output import write_atomic

    result = PageResult(source, seconds=output.seconds, error=output.error, page=output.page)
    if output.error:
        return result
    page = output.page
    result.stories, result.measure, result.repairs = len(page.stories), page.measure_em, len(page.repairs)
    result.pages, result.blank, result.refused = output.pages, output.blank, output.refused
    if kept is not None and "pdf" not in output.outputs:
        result.pages, result.blank, result.refused = kept.pages, kept.blank, kept.refused
    result.notes = output.notes
    result.made = tuple(f for f in FORMATS if f in output.outputs)
    result.outputs = dict(kept.outputs) if kept is not None else {}
    base = options.outdir / stem
    try:
        for fmt in FORMATS:
            if fmt in output.outputs:
                # the page's name plus the format (``p.alto`` → ``p.alto.pdf``: beside ``p.paddle.pdf``)
                result.outputs[fmt] = write_atomic(base.parent / f"{base.name}.{fmt}", output.outputs[fmt])
        record = options.outdir / CACHE_DIR / f"{stem}.json"
        write_atomic(record, json.dumps({"keys": keys, "result": _jsonable(result)}, ensure_ascii=False, indent=1))
    except PublisherError as e:
        result.error = str(e)
    return result


def _metadata(source: Path, options: BuildOptions):
    from ..read.metadata import load_metadata, sidecar_path

    return with_metadata_defaults(load_metadata(sidecar_path(source)), dict(options.metadata_defaults))


def _jsonable(result: PageResult) -> dict:
    d = asdict(replace(result, page=None))  # the model is not recorded: not copied either
    del d["page"]
    d["source"] = str(result.source)
    d["outputs"] = {k: str(v) for k, v in result.outputs.items()}
    return d


def _cached(record: Path, keys: dict[str, str]) -> tuple[PageResult | None, tuple[str, ...]]:
    """The recorded result, and the formats whose key changed or whose file is gone (all of
    them when there is no usable record)."""
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        r = data["result"]
        outputs = {k: Path(v) for k, v in r["outputs"].items()}
        result = PageResult(Path(r["source"]), outputs, r["stories"], r["measure"], r["repairs"], r["pages"],
                            r["blank"], 0.0, True, r.get("refused", []), None)
        recorded = data["keys"]
    except (OSError, ValueError, KeyError, TypeError):
        return None, tuple(keys)
    stale = tuple(f for f, key in keys.items() if recorded.get(f) != key or f not in outputs or not outputs[f].exists())
    result.outputs = {f: p for f, p in outputs.items() if f in keys and f not in stale}
    return result, stale


def build(
    paths: Iterable[Path],
    options: BuildOptions,
    *,
    jobs: int | None = None,
    executor: Executor | None = None,
    scheduler: str | None = None,
    progress: Callable[[PageResult, int, int], None] | None = None,
) -> BuildReport:
    """Build every page under ``paths``, and one PDF and one EPUB per issue folder (each made
    as soon as its last page is in, while the other pages run: ``editions``).

    The pages run on ``executor`` if given, else on the Dask cluster at ``scheduler``, else on
    ``jobs`` local processes.
    """
    paths = [Path(p) for p in paths]
    started = time.perf_counter()
    sources, issues = find_sources(paths)
    roots = {s: next((p for p in paths if p.is_dir() and p in s.parents), None) for s in sources}
    stems = {s: output_stem(s, roots[s]) for s in sources}
    sources, others = one_reading_per_page(sources, stems)
    issues = [dataclasses.replace(i, pages=[p for p in i.pages if p in sources]) for i in issues]
    issues = [i for i in issues if len(i.pages) > 1]
    run = _Run(sources, {s: stems[s] for s in sources}, options, progress)
    with ExitStack() as stack:
        run.runner = Runner(_pools(stack, executor, jobs, scheduler, len(sources)), run.finished)
        # pages never built into this folder: all their outputs are due, and they start now; their
        # cache keys (needed only to record them) are worked out once their PDFs are rendering
        if run.fresh and "pdf" in options.formats and isinstance(run.runner.pools, LocalPools):
            run.runner.pools.start_renderers()
        run.submit([(s, f) for s in run.fresh for f in split_formats(options.formats, options)])
        for s in sources:
            if s not in run.fresh:
                run.check(s)
        run.editions = Editions(issues, run.results, options, roots, run.stems, _metadata)
        run.runner.wait(meanwhile=run.check_fresh)
    pages = [run.results[s] for s in sources]
    for page in pages:
        if page.source in others:
            names = " and ".join(o.name for o in others[page.source])
            page.notes.append(f"{names}: the same page in another format, not built ({page.source.name} read instead)")
    return BuildReport(pages, run.editions.all(), time.perf_counter() - started)


class _Run:
    """One build's state: each page's cache keys, recorded result and outcome."""

    def __init__(self, sources: list[Path], stems: dict[Path, str], options: BuildOptions,
                 progress: Callable[[PageResult, int, int], None] | None):
        self.sources, self.stems, self.options, self.progress = sources, stems, options, progress
        self.records = {s: options.outdir / CACHE_DIR / f"{stems[s]}.json" for s in sources}
        self.fresh = [s for s in sources if not self.records[s].exists()]
        self.results: dict[Path, PageResult] = {}
        self.keys: dict[Path, dict[str, str]] = {}
        self.kept: dict[Path, PageResult | None] = {}
        self.runner: Runner | None = None
        self.editions: Editions | None = None

    def submit(self, tasks: list[tuple[Path, tuple[str, ...]]]) -> None:
        """The tasks' jobs, the PDFs first; a page that cannot be read has failed."""
        for source, formats in pdfs_first(tasks):
            if source in self.results:
                continue
            try:
                self.runner.submit(source, formats, job_for(source, self.options, formats))
            except PublisherError as e:
                self.results[source] = PageResult(source, error=str(e))
                self.runner.drop(source)

    def check(self, s: Path) -> None:
        """The page's cache keys, and its outputs they say are stale sent to be made."""
        try:
            if s in self.results:  # a new page that could not be read
                raise PublisherError(self.results[s].error)
            self.keys[s] = cache_keys(s, self.options)
            self.kept[s], stale = _cached(self.records[s], self.keys[s]) if s not in self.fresh else (None, ())
            if stale:  # only the outputs whose inputs changed are made again
                self.submit([(s, formats) for formats in split_formats(stale, self.options)])
            if s in self.fresh or stale:
                return
            self.results[s] = self.kept[s]
        except PublisherError as e:
            self.results[s] = PageResult(s, error=str(e))
            self.runner.drop(s)
        self._progress(s)

    def check_fresh(self) -> None:
        for s in self.fresh:
            if s not in self.keys and s not in self.results:
                self.check(s)

    def finished(self, source: Path, output: PageOutput | Exception) -> None:
        self.check_fresh()
        if source in self.results:  # its keys could not be worked out
            return
        self.results[source] = _recorded(source, self.stems[source], self.options, self.keys[source], output,
                                         self.kept[source])
        self._progress(source)
        self.editions.ready(source)  # its issue, once all its pages are in, while other pages run

    def _progress(self, s: Path) -> None:
        if self.progress:
            self.progress(self.results[s], len(self.results), len(self.sources))


def _recorded(source: Path, stem: str, options: BuildOptions, keys: dict[str, str], output: PageOutput | Exception,
              kept: PageResult | None) -> PageResult:
    """The page's outputs written and recorded (``record_page``), or why not."""
    try:
        if isinstance(output, Exception):  # a crash in a worker is that page's failure, not the build's
            raise output
        return record_page(source, stem, options, keys, output, kept)
    except Exception as e:  # noqa: BLE001
        return PageResult(source, error=f"{source}: internal error ({e.__class__.__name__}: {e})")


def _pools(stack: ExitStack, executor: Executor | None, jobs: int | None, scheduler: str | None,
           pages: int) -> Pools:
    """Where the jobs run: ``executor``, the Dask cluster at ``scheduler``, or local pools."""
    if executor is None and scheduler is None:
        return stack.enter_context(LocalPools(jobs, pages))
    executor = executor or stack.enter_context(executor_for(pages, jobs, scheduler))
    return Pools(executor, executor)
