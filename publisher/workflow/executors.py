"""Where the pages of a build run: local process pools, or a Dask distributed cluster.

A local build has two pools (``Pools``): renderers, processes that load WeasyPrint as they start
(the PDF's engine, most of a cold start), and makers, which read and make up pages and write
the EPUB and the web page. The renderers start first, before the pages are even looked at, so
that a short build's PDF is made up by a maker while its renderer loads the engine. A cluster,
or an executor given from Python, runs everything (its workers are warm after their first page).

Dask is optional (``pip install 'publisher[dask]'``) and imported only here. The cluster's
workers need publisher installed, nothing else: jobs carry the page and its stylesheets, and
the outputs come back to the client (``jobs``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Self

from ..errors import InputError
from .jobs import warm_maker, warm_renderer


@dataclass
class Pools:
    """The executors a build's jobs go to: PDFs to the renderers (which hold WeasyPrint), the
    rest to the makers (one executor for both on a cluster). ``split``: how many PDFs are still
    to be made up by a maker and only rendered by a renderer (``jobs.plan_job``): the first ones,
    whose renderers are loading WeasyPrint meanwhile."""

    makers: Executor | None = None
    renderers: Executor | None = None
    split: int = 0

    def maker(self) -> Executor:
        return self.makers

    def renderer(self) -> Executor:
        return self.renderers


class LocalPools(Pools):
    """Local process pools on ``jobs`` cores (all by default) for ``pages`` pages, each started
    when first needed (the renderers can be started early: ``start_renderers``), and closed
    (waited for) on exit."""

    def __init__(self, jobs: int | None, pages: int):
        super().__init__()
        self.cores = jobs or os.cpu_count() or 1
        self.pages = pages
        self._pools = ExitStack()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self._pools.close()

    def start_renderers(self) -> None:
        """A renderer per page up to the cores, started now, each loading WeasyPrint as it
        starts; the first PDFs are made up by makers meanwhile, started with them and loading
        what makes up a page."""
        if self.renderers is None:
            workers = min(self.cores, self.pages)
            self.renderers = self._pools.enter_context(ProcessPoolExecutor(workers, initializer=warm_renderer))
            self.renderers.submit(int)  # a pool starts its processes with its first job
            self.split = workers
            self.maker().submit(int)

    def renderer(self) -> Executor:
        self.start_renderers()
        return self.renderers

    def maker(self) -> Executor:
        """Makers for the cores the renderers leave (one at least, sharing them)."""
        if self.makers is None:
            renderers = min(self.cores, self.pages) if self.renderers is not None else 0
            workers = max(1, min(self.cores - renderers, self.pages))
            warm = warm_maker if self.renderers is not None else None  # a maker making up PDFs for them
            self.makers = self._pools.enter_context(ProcessPoolExecutor(workers, initializer=warm))
        return self.makers


@contextmanager
def executor_for(pages: int, jobs: int | None = None, scheduler: str | None = None) -> Iterator[Executor]:
    """A Dask cluster's executor when ``scheduler`` (``tcp://host:8786``) is given, else a pool
    of ``jobs`` local processes (all cores by default, no more than there are pages)."""
    if scheduler:
        with _dask(scheduler) as executor:
            yield executor
        return
    workers = min(jobs or os.cpu_count() or 1, max(1, pages))
    with ProcessPoolExecutor(max_workers=workers) as executor:
        yield executor


@contextmanager
def _dask(address: str) -> Iterator[Executor]:
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler needs Dask: pip install 'publisher[dask]'") from None
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as e:
        raise InputError(f"cannot reach the Dask scheduler at {address} ({e.__class__.__name__})") from None
    try:
        yield client.get_executor(pure=False)
    finally:
        client.close()
