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


def run_jobs(tasks: list[tuple[Path, tuple[str, ...]]], job_for: Callable[[Path, tuple[str, ...]], PageJob],
             pools: Pools, finished: Callable[[Path, PageOutput | Exception], None]) -> None:
    """Run each (page, formats) task; ``finished(page, output)`` once all of a page's tasks are in,
    their outputs joined (or with the exception a worker raised: the page has failed)."""
    expected = Counter(source for source, _ in tasks)
    parts: dict[Path, list[PageOutput]] = {}
    pending: dict[Future, tuple[Path, str]] = {}
    split = pools.split
    # the PDFs first, so that each page's PDF, the longer job, starts as early as it can
    for source, formats in sorted(tasks, key=lambda t: "pdf" not in t[1]):
        if formats == ("pdf",) and split:
            split -= 1
            pending[pools.makers.submit(plan_job, job_for(source, formats))] = (source, "plan")
        else:
            pool = pools.renderers if "pdf" in formats else pools.makers
            pending[pool.submit(render_job, job_for(source, formats))] = (source, "job")
    while pending:
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            source, stage = pending.pop(future)
            if source not in expected:  # the page has already failed
                continue
            try:
                output = future.result()
            except Exception as e:  # a crash in a worker is that page's failure, not the build's
                del expected[source]
                finished(source, e)
                continue
            if stage == "plan" and output.error is None:  # its PDF goes on to a renderer
                job = pools.renderers.submit(render_plan_job, replace(output, page=None))
                pending[job] = (source, "render")
                output = replace(output, plan=None, refused=[])  # the renderer's output carries them
            parts.setdefault(source, []).append(output)
            if stage != "plan" or output.error is not None:
                expected[source] -= 1
            if not expected[source]:
                del expected[source]
                finished(source, PageOutput.joined(parts.pop(source)))
