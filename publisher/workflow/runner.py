"""Running a build's jobs on its pools, and putting each page's outputs back together.

A page runs as one job, or as two when its PDF and its EPUB + HTML are split to run on two cores
(``build.split_formats``). A PDF job goes to a renderer; the first ones are split again, made up
by a maker (``jobs.plan_job``) and then rendered (``jobs.render_plan_job``), so that a renderer
still loading WeasyPrint does not also make up the page. The outputs are the same bytes either way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import replace
from pathlib import Path

from .executors import Pools
from .jobs import PageJob, PageOutput, plan_job, render_job, render_plan_job


class Runner:
    """Jobs submitted page by page; ``finished(page, output)`` once all of a page's jobs are in,
    their outputs joined (or with the exception a worker raised: the page has failed)."""

    def __init__(self, pools: Pools, finished: Callable[[Path, PageOutput | Exception], None]):
        self.pools = pools
        self.finished = finished
        self.expected: Counter[Path] = Counter()
        self.parts: dict[Path, list[PageOutput]] = {}
        self.pending: dict[Future, tuple[Path, str]] = {}

    def submit(self, source: Path, formats: tuple[str, ...], job: PageJob) -> None:
        self.expected[source] += 1
        if formats == ("pdf",) and self.pools.split > 0:
            self.pools.split -= 1
            self.pending[self.pools.maker().submit(plan_job, job)] = (source, "plan")
        else:
            pool = self.pools.renderer() if "pdf" in formats else self.pools.maker()
            self.pending[pool.submit(render_job, job)] = (source, "job")

    def drop(self, source: Path) -> None:
        """The page has failed here: whatever its jobs return is left out."""
        self.expected.pop(source, None)

    def wait(self, meanwhile: Callable[[], object] | None = None) -> None:
        """Until every job is in. ``meanwhile``: the client's own work, done once no page is being
        made up for a renderer any more (until then the cores are the makers' and renderers')."""
        while self.pending:
            if meanwhile and all(stage != "plan" for _, stage in self.pending.values()):
                meanwhile()
                meanwhile = None
            done, _ = wait(self.pending, return_when=FIRST_COMPLETED)
            for future in done:
                self._done(future, *self.pending.pop(future))
        if meanwhile:
            meanwhile()

    def _done(self, future: Future, source: Path, stage: str) -> None:
        if source not in self.expected:  # the page has already failed
            return
        try:
            output = future.result()
        except Exception as e:  # noqa: BLE001 (a crash in a worker is that page's failure, not the build's)
            self.drop(source)
            self.finished(source, e)
            return
        if stage == "plan" and output.error is None:  # its PDF goes on to a renderer
            job = self.pools.renderer().submit(render_plan_job, replace(output, page=None))
            self.pending[job] = (source, "render")
            output = replace(output, plan=None, refused=[])  # the renderer's output carries them
        self.parts.setdefault(source, []).append(output)
        if stage != "plan" or output.error is not None:
            self.expected[source] -= 1
        if not self.expected[source]:
            del self.expected[source]
            self.finished(source, PageOutput.joined(self.parts.pop(source)))


def run_jobs(tasks: list[tuple[Path, tuple[str, ...]]], job_for: Callable[[Path, tuple[str, ...]], PageJob],
             pools: Pools, finished: Callable[[Path, PageOutput | Exception], None]) -> None:
    """Run each (page, formats) task, the PDFs first (the longer jobs start as early as they can)."""
    runner = Runner(pools, finished)
    for source, formats in pdfs_first(tasks):
        runner.submit(source, formats, job_for(source, formats))
    runner.wait()


def pdfs_first(tasks: list[tuple[Path, tuple[str, ...]]]) -> list[tuple[Path, tuple[str, ...]]]:
    return sorted(tasks, key=lambda t: "pdf" not in t[1])
