"""The EPUBs' accessibility, checked by Ace by DAISY: no violation of any severity in the sample's
book, a Traditional page's (vertical, as it is by default), a vertical book with intertitles and
nested quotes, and a two-page issue built by ``publisher build``."""

from __future__ import annotations

import shutil

import ace
from conftest import PAGES, SAMPLE
from publisher.cli import main


def publisher(*args) -> None:
    """The command line, in this process (the books are what is under test, not the start-up)."""
    assert main([str(a) for a in args]) == 0


def test_ace_finds_no_violation_in_the_books(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no publisher.toml of the developer's
    books = {
        "sample": (SAMPLE, ()),
        "harbour": (PAGES / "harbour-daily.big5.txt", ()),
        "vertical": (PAGES / "island-times_vertical.txt", ("--vertical",)),
    }
    for name, (page, options) in books.items():
        publisher("epub", page, "-o", tmp_path / f"{name}.epub", *options)
    issue = tmp_path / "source" / "2021-05-12"
    issue.mkdir(parents=True)
    shutil.copy(PAGES / "evening-news_no-breaks.txt", issue / "p01.txt")
    shutil.copy(PAGES / "county-weekly_12em.gbk.txt", issue / "p02.txt")
    publisher("build", tmp_path / "source", "-o", tmp_path / "out", "--formats", "epub", "--jobs", "1")
    epubs = {name: tmp_path / f"{name}.epub" for name in books} | {"issue": tmp_path / "out" / "2021-05-12.epub"}

    # two at a time: each drives a chromium of its own, and the machine has two cores
    names = sorted(epubs)
    found = {}
    for pair in (names[:2], names[2:]):
        running = {name: ace.start(epubs[name], tmp_path / f"ace-{name}") for name in pair}
        found |= {name: ace.violations(p, tmp_path / f"ace-{name}") for name, p in running.items()}
    assert found == {name: [] for name in names}, "\n".join(f"{n}: {v}" for n, vs in found.items() for v in vs)
