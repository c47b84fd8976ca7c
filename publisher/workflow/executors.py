"""Where the pages of a build run: a local process pool, or a Dask distributed cluster.

Dask is optional (``pip install 'publisher[dask]'``) and imported only here. The cluster's
workers need publisher installed, nothing else: jobs carry the page and its stylesheets, and
the outputs come back to the client (``jobs``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager

from ..errors import InputError


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
