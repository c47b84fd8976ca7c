"""Builds on a Dask distributed cluster: two worker processes that share no folder with the
client (each runs in its own empty working folder); the pages' outputs come back and are the
same bytes a local build writes."""

from __future__ import annotations

import shutil

import distributed  # the dask extra, installed with the test extra
import pytest

from conftest import PAGES
from publisher.workflow.build import BuildOptions, build


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("workers")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  local_directory=str(workdir)) as local:
        yield local


def test_an_issue_built_on_dask_is_byte_identical_to_a_local_build(tmp_path, cluster):
    folder = tmp_path / "source" / "2021-05-12"
    folder.mkdir(parents=True)
    shutil.copy(PAGES / "evening-news_no-breaks.txt", folder / "p01.txt")
    shutil.copy(PAGES / "county-weekly_12em.gbk.txt", folder / "p02.txt")
    house = tmp_path / "house.css"  # a stylesheet only the client's disk holds
    house.write_text(".headline { letter-spacing: 0.05em; }\n", encoding="utf-8")
    local = BuildOptions(outdir=tmp_path / "local", extra_css=(house,))
    remote = BuildOptions(outdir=tmp_path / "remote", extra_css=(house,))
    a = build([tmp_path / "source"], local, jobs=2)
    b = build([tmp_path / "source"], remote, scheduler=cluster.scheduler_address)
    assert not a.failed and not b.failed, [r.error for r in a.failed + b.failed]
    for name in ("p01", "p02"):
        for fmt in ("pdf", "epub", "html"):
            mine = (tmp_path / "local" / "2021-05-12" / f"{name}.{fmt}").read_bytes()
            theirs = (tmp_path / "remote" / "2021-05-12" / f"{name}.{fmt}").read_bytes()
            assert mine == theirs, (name, fmt)
    assert (tmp_path / "remote" / "2021-05-12.pdf").exists() and (tmp_path / "remote" / "2021-05-12.epub").exists()


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    from publisher.errors import InputError

    (tmp_path / "p.txt").write_bytes((PAGES / "evening-news_no-breaks.txt").read_bytes())
    with pytest.raises(InputError, match="cannot reach the Dask scheduler"):
        build([tmp_path / "p.txt"], BuildOptions(outdir=tmp_path / "out"), scheduler="tcp://127.0.0.1:9")

