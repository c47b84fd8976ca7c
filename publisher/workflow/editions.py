"""A build's whole-issue editions: one PDF and one EPUB per issue folder, from its pages'
outputs, each made as soon as the issue's last page is in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PublisherError

if TYPE_CHECKING:
    from .build import BuildOptions, Issue, PageResult


class Editions:
    """The issues' whole PDFs and EPUBs, each made as soon as its last page is in (so that the
    client makes them while the workers make the other pages, not after all of them)."""

    def __init__(self, issues: list[Issue], results: dict[Path, PageResult], options: BuildOptions, roots, stems,
                 metadata: Callable):
        self.issues, self.results, self.options, self.roots, self.stems = issues, results, options, roots, stems
        self.metadata = metadata  # (source, options) → the page's metadata
        self.made: dict[str, dict[str, Path] | PublisherError] = {}

    def ready(self, source: Path) -> None:
        for issue in self.issues:
            if source in issue.pages and all(p in self.results for p in issue.pages):
                try:
                    self.made[str(issue.folder)] = self._make(issue)
                except PublisherError as e:  # said when the build ends, after every page is in, as before
                    self.made[str(issue.folder)] = e

    def all(self) -> dict[str, dict[str, Path]]:
        """Every issue's editions, in the issues' order (the first that failed raises)."""
        whole = {}
        for issue in self.issues:
            made = self.made.get(str(issue.folder))
            if isinstance(made, PublisherError):
                raise made
            whole[str(issue.folder)] = made if made is not None else self._make(issue)
        return whole

    def _make(self, issue: Issue) -> dict[str, Path]:
        return build_issue(issue, [self.results[p] for p in issue.pages], self.options, self.roots, self.stems,
                           self.metadata)


def build_issue(issue: Issue, results: list[PageResult], options: BuildOptions, roots, stems,
                metadata: Callable) -> dict[str, Path]:
    """One PDF of the issue's pages in order (and one EPUB, a nav entry per page)."""
    from ..read.page import read_page
    from ..render.output import write_atomic

    done = [r for r in results if not r.error]
    if not done:
        return {}
    root = roots[issue.pages[0]]
    rel = issue.folder.relative_to(root) if root is not None and issue.folder != root else Path()
    name = issue.folder.resolve().name or "issue"
    target = options.outdir / rel.parent / name  # out/2020-03-03.pdf beside out/2020-03-03/p01.pdf
    out: dict[str, Path] = {}
    current = {f for f in ("pdf", "epub") if target.with_suffix(f".{f}").exists()
               and not any(f in r.made or r.error for r in results)}
    out.update({f: target.with_suffix(f".{f}") for f in current if f in options.formats})
    if all(f in current for f in options.formats if f != "html"):
        return out
    pages = [r.page or read_page(r.source, encoding=options.encoding, repair=options.repair,
                                 metadata=metadata(r.source, options), quotes=options.quotes) for r in done]
    if "pdf" in options.formats and "pdf" not in current:
        from ..render.pdfdoc import issue_pdf  # (not render.pdf: the client needs no WeasyPrint)

        pdfs = [r.outputs["pdf"].read_bytes() for r in done]
        out["pdf"] = write_atomic(target.with_suffix(".pdf"), issue_pdf(pages, pdfs, name))
    if "epub" in options.formats and "epub" not in current:
        from ..render.epub import write_issue_epub

        out["epub"] = write_issue_epub(pages, target.with_suffix(".epub"), title=name, reader_fonts=options.system_fonts,
                                       vertical=options.vertical)
    return out
