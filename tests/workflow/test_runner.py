"""A build's PDF made up in one process and rendered in another (the first PDFs of a local build,
while the renderers load WeasyPrint) is the same PDF, byte for byte, as one job makes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from conftest import PAGES, SAMPLE

from publisher import read_page
from publisher.render.pdf import make_pdf
from publisher.workflow.build import BuildOptions, build, job_for
from publisher.workflow.executors import Pools
from publisher.workflow.runner import run_jobs


class Recording(ThreadPoolExecutor):
    """A real executor that notes which job functions it was given."""

    def __init__(self):
        super().__init__(1)
        self.ran: list[str] = []

    def submit(self, fn, *args, **kwargs):
        self.ran.append(fn.__name__)
        return super().submit(fn, *args, **kwargs)


def outputs(pages, split: int):
    options = BuildOptions(PAGES)  # nothing is written: run_jobs hands the outputs back
    makers, renderers = Recording(), Recording()
    got = {}
    with makers, renderers:
        tasks = [(p, ("pdf",)) for p in pages] + [(p, ("epub", "html")) for p in pages]
        run_jobs(tasks, lambda s, f: job_for(s, options, f), Pools(makers, renderers, split),
                 lambda s, out: got.__setitem__(s, out))
    return got, makers.ran, renderers.ran


def test_a_pdf_planned_by_a_maker_and_rendered_by_a_renderer_is_the_pdf_one_job_makes():
    pages = [PAGES / "evening-news_no-breaks.txt", PAGES / "kowloon-weekly_intertitles.txt"]
    split, makers, renderers = outputs(pages, split=1)
    whole, makers_whole, renderers_whole = outputs(pages, split=0)
    assert makers == ["plan_job", "render_job", "render_job"] and renderers == ["render_job", "render_plan_job"]
    assert makers_whole == ["render_job", "render_job"] and renderers_whole == ["render_job", "render_job"]
    for page in pages:
        a, b = split[page], whole[page]
        assert a.error is None and b.error is None
        assert a.outputs == b.outputs and set(a.outputs) == {"pdf", "epub", "html"}
        assert (a.pages, a.blank, a.refused, a.notes, a.plan) == (b.pages, b.blank, b.refused, b.notes, None)
        assert a.page == b.page


def test_a_cold_build_on_local_pools_writes_the_pdf_made_in_one_process(tmp_path):
    """The CLI's build: a renderer loading WeasyPrint from the start, the page made up by a maker."""
    report = build([SAMPLE], BuildOptions(tmp_path, formats=("pdf",)), jobs=2)
    assert not report.failed
    assert (tmp_path / f"{SAMPLE.stem}.pdf").read_bytes() == make_pdf(read_page(SAMPLE)).data
