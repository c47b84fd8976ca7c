"""Shared test helpers: paths, and golden text files with readable diffs.

Run ``pytest --update-goldens`` after an intended change, then read the diff in git.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run: a failure is reproducible and CI does not
# flicker; widen the search locally with --hypothesis-seed=N or HYPOTHESIS_PROFILE=explore.
settings.register_profile("default", derandomize=True)
settings.register_profile("explore", derandomize=False, max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).resolve().parent / "pages"
GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLE = ROOT / "source" / "inner-mongolia-business-daily_2020-03.txt"


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture
def golden(request):
    """``golden("name.html", text)``: compare with tests/golden/name.html (or rewrite it)."""

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-goldens"):
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"missing golden {path.name}: run pytest --update-goldens"
        expected = path.read_text(encoding="utf-8")
        if actual != expected:
            diff = "".join(
                difflib.unified_diff(
                    expected.splitlines(True), actual.splitlines(True), f"golden/{name}", "actual", n=2
                )
            )
            pytest.fail(f"output differs from golden/{name}:\n{diff[:6000]}")

    return check


def han(text: str) -> str:
    """The ideographs of a text, in order: what 'nothing lost' is checked on."""
    from publisher.chars import is_han

    return "".join(c for c in text if is_han(c))


def without_dropped_lines(source: str, page) -> str:
    """The source minus the text the repeated-line repair dropped, cut at the logged positions."""
    starts = [0] + [i + 1 for i, c in enumerate(source) if c == "\n"]
    cuts = sorted((starts[r.line - 1] + r.column - 1, len(r.before)) for r in page.repairs if r.kind == "repeated-line")
    out, pos = [], 0
    for offset, length in cuts:
        assert source[offset : offset + length] == next(r.before for r in page.repairs if r.kind == "repeated-line"
                                                         and starts[r.line - 1] + r.column - 1 == offset)
        out.append(source[pos:offset])
        pos = offset + length
    out.append(source[pos:])
    return "".join(out)
