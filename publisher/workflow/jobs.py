"""One page's work as data that travels: what a worker needs in, what it gives back.

A worker, in a local process or on a Dask cluster, shares no filesystem with the client. So
the client reads the page's bytes, its metadata and the stylesheets into a ``PageJob``; the
worker renders the outputs in memory (``render_job``, a pure function of the job) and returns
their bytes in a ``PageOutput``; the client writes them. Local and remote builds run the same
function on the same data, so they give the same bytes.
"""

from __future__ import annotations

import pickle
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PublisherError
from ..model import Metadata, Page


@dataclass(frozen=True)
class Stylesheet:
    """A stylesheet as text, under the file name it had: its imports inlined and its URLs made
    absolute (``typeset/stylesheets.py``), so it means the same in a worker's folder."""

    name: str
    css: str
    folder: str = ""  # the file's own folder, where its url()s may load from
    refused: tuple[str, ...] = ()  # URLs it names outside the allowed folders (left out of css)


@dataclass(frozen=True)
class PageJob:
    name: str  # the page file's name (for messages and the model)
    data: bytes  # the page file as read
    metadata: Metadata
    formats: tuple[str, ...]
    layout: str | Stylesheet  # a built-in layout's name, or the user's layout as text
    extra_css: tuple[Stylesheet, ...] = ()
    encoding: str | None = None
    repair: bool = True
    faithful: bool = False
    system_fonts: bool = False
    cover: str = "title"  # the EPUB's cover: "title", or "page" (the print page)
    photos: tuple[tuple[str, bytes], ...] = ()  # the [photos] files' names and bytes
    format: str | None = None  # the OCR format; None: detected from the page
    vertical: bool | None = None  # the EPUB set vertically; None: so for Traditional pages
    quotes: str = "corner"  # a Traditional page's curly quotes: "corner" (「」『』) or "keep"
    arrangement: str = "original"  # the print makeup: "original" (where the OCR'd page had them) or "packed"
    image: tuple[str, bytes] | None = None  # the page image an hOCR/ALTO file names: its name and bytes


@dataclass
class PageOutput:
    outputs: dict[str, bytes] = field(default_factory=dict)  # format → file bytes
    page: Page | None = None
    pages: int = 0  # print pages
    blank: float | None = None
    refused: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # warnings for the report
    seconds: float = 0.0
    error: str | None = None
    plan: bytes | None = None  # the PDF's plan (``render.pdfplan.PdfPlan``) pickled, from ``plan_job`` to
    # ``render_plan_job``: the client passes it on as it is (not loading the modules that make it up)

    @classmethod
    def joined(cls, parts: list["PageOutput"]) -> "PageOutput":
        """One page's outputs made by several jobs, as one (the first error wins)."""
        out = cls(page=next((p.page for p in parts if p.page is not None), None),
                  seconds=max(p.seconds for p in parts), error=next((p.error for p in parts if p.error), None))
        for p in parts:
            out.outputs.update(p.outputs)
            out.notes += p.notes
            if "pdf" in p.outputs:
                out.pages, out.blank, out.refused = p.pages, p.blank, p.refused
        return out


def stylesheet(path: Path) -> Stylesheet:
    from ..typeset.stylesheets import load_css
    from ..typeset.layout import stylesheet_roots

    css = load_css([path], stylesheet_roots(path))
    return Stylesheet(path.name, css.text, str(path.resolve().parent), css.refused)


def render_job(job: PageJob) -> PageOutput:
    """Read the page and render its outputs, all in memory (runs on a worker)."""
    return _timed(_render, job)


def plan_job(job: PageJob) -> PageOutput:
    """The first half of a PDF job (``job.formats`` is ``("pdf",)``): the page read, made up,
    written as print HTML and its faces cut, in ``out.plan``; no WeasyPrint. ``render_plan_job``
    does the rest, maybe in another process: the same PDF as ``render_job`` makes."""
    return _timed(_render, job, True)


def render_plan_job(planned: PageOutput) -> PageOutput:
    """The PDF of a ``plan_job``'s plan (with its ``refused``, ``pages`` and ``blank``)."""
    started = time.perf_counter()
    out = PageOutput(pages=planned.pages, blank=planned.blank, refused=list(planned.refused))
    try:
        _render_pdf(pickle.loads(planned.plan), out)
    except PublisherError as e:
        out.error = str(e)
    out.seconds = time.perf_counter() - started
    return out


def warm_renderer() -> None:
    """Load the PDF engine: a renderer process does it once, as it starts (while others read and
    make up the pages)."""
    from ..render import pdf  # noqa: F401


def warm_maker() -> None:
    """Load what reads and makes up a page (numpy, for one, takes a sixth of a second): a maker
    started with the renderers does it while the client still gathers the first page's job."""
    from ..read import page  # noqa: F401
    from ..render import pdfplan  # noqa: F401
    from ..typeset import makeup  # noqa: F401


def _timed(render, job: PageJob, *args) -> PageOutput:
    started = time.perf_counter()
    out = PageOutput()
    try:
        with tempfile.TemporaryDirectory(prefix="publisher-job-") as folder:
            render(job, Path(folder), out, *args)
    except PublisherError as e:
        out.error = str(e)
    out.seconds = time.perf_counter() - started
    return out


def _render(job: PageJob, folder: Path, out: PageOutput, plan_only: bool = False) -> None:
    from ..read.decode import decode
    from ..read.page import parse_page

    text, used = decode(job.data, job.name, job.encoding)
    image = None
    if job.image:  # the illustrations are cut from it, in the worker's own folder
        image = folder / f"page-image-{Path(job.image[0]).name}"
        image.write_bytes(job.image[1])
    page = parse_page(text, name=job.name, repair=job.repair, metadata=_local_photos(job, folder), encoding=used,
                      format=job.format, quotes=job.quotes, image=image)
    out.page = page
    layout = job.layout if isinstance(job.layout, str) else _written(job.layout, folder)
    extra = tuple(_written(s, folder, f"{n}-") for n, s in enumerate(job.extra_css))
    sheets = (*([] if isinstance(job.layout, str) else [job.layout]), *job.extra_css)
    roots = tuple(Path(s.folder) for s in sheets if s.folder)
    out.refused = list(dict.fromkeys(u for s in sheets for u in s.refused))
    # each format imports its own engine, so that a job without the PDF never loads WeasyPrint
    if "pdf" in job.formats:
        from ..render.pdfplan import plan_pdf

        plan = plan_pdf(page, layout, extra_css=extra, faithful=job.faithful, system_fonts=job.system_fonts,
                        base_dir=folder, roots=roots, arrangement=_arrangement(job, page))
        out.pages, out.blank = plan.sheet.pages, plan.sheet.blank_share()
        if plan_only:
            out.plan = pickle.dumps(plan.travelling(), pickle.HIGHEST_PROTOCOL)
            return
        _render_pdf(plan, out)
    if "epub" in job.formats:  # the same book `publisher epub` makes: it needs no print makeup
        from ..render.epub import build_epub

        cover = None
        if job.cover == "page":  # the print page, when it was made or can be: else the title cover
            from ..render.pdf import cover_image

            made = out.outputs.get("pdf") if not job.faithful else None
            cover, note = cover_image(page, layout, extra, made)
            out.notes += [note] if note else []
        out.outputs["epub"] = build_epub(page, cover_png=cover, reader_fonts=job.system_fonts, vertical=job.vertical)
    if "html" in job.formats:
        from ..render.webpage import make_webpage

        out.outputs["html"] = make_webpage(page, system_fonts=job.system_fonts).html.encode("utf-8")


def _render_pdf(plan, out: PageOutput) -> None:
    from ..render.pdf import render_plan

    pdf = render_plan(plan)
    out.outputs["pdf"] = pdf.data
    folder = plan.base_url.as_uri()  # the job's own folder: its URLs are reported without it
    out.refused += [u.replace(folder, "") for u in pdf.refused if u not in out.refused]
    out.notes += pdf.warnings


def _arrangement(job: PageJob, page: Page) -> str:
    """``original`` asked of a page without positions (plain text) is the packed makeup, unsaid:
    it is the project's default, not a request for that page."""
    return job.arrangement if page.geometry is not None else "packed"


def _local_photos(job: PageJob, folder: Path) -> Metadata:
    """The job's metadata with its photos written into the worker's own folder."""
    import dataclasses

    if not job.photos:
        return job.metadata
    photos = []
    for n, ((key, _), (name, data)) in enumerate(zip(job.metadata.photos, job.photos)):
        path = folder / f"photo-{n}-{name}"
        path.write_bytes(data)
        photos.append((key, str(path)))
    return dataclasses.replace(job.metadata, photos=tuple(photos))


def _written(sheet: Stylesheet, folder: Path, prefix: str = "") -> Path:
    path = folder / f"{prefix}{sheet.name}"
    path.write_text(sheet.css, encoding="utf-8")
    return path
