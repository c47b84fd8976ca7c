"""Any size of input: too much for one sheet is refused from the text's area, before any
composing; a long edition is rendered a part at a time and comes out whole; a file larger than
a page is refused at the door."""

from __future__ import annotations

import os
import subprocess
import sys

import publisher.render.pdf as pdf
from conftest import ROOT, SAMPLE, han
from pdfcheck import fonts, page_count, pdfium_text

from publisher import read_page
from publisher.read.page import MAX_INPUT_BYTES


def cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "publisher", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_a_page_many_sheets_big_is_refused_before_composing(tmp_path, monkeypatch):
    text = SAMPLE.read_text(encoding="utf-8") * 6
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    composed = []
    monkeypatch.setattr("publisher.typeset.makeup.body_flow", lambda *a: composed.append(a) or [])
    page = read_page(tmp_path / "big.txt")
    try:
        pdf.make_pdf(page)
    except Exception as e:  # noqa: BLE001 - the type and its exit code are checked below
        error = e
    assert "need at least" in str(error) and error.exit_code == 3
    assert composed == []  # refused from the area, nothing composed
    r = cli("pdf", tmp_path / "big.txt", "-o", tmp_path / "big.pdf", cwd=tmp_path)
    assert r.returncode == 3 and "sheets even at" in r.stderr and not (tmp_path / "big.pdf").exists()


def test_a_file_larger_than_a_page_is_refused_with_exit_3(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:
        f.truncate(MAX_INPUT_BYTES + 1)
    r = cli("inspect", big, cwd=tmp_path)
    assert r.returncode == 3 and "more than a page" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_a_long_edition_rendered_in_parts_is_whole_and_in_order(tmp_path, monkeypatch):
    page = read_page(SAMPLE)
    whole = pdf.make_pdf(page, "a4")
    monkeypatch.setattr(pdf, "PAGES_PER_PART", 2)
    seen = []
    parts = pdf.make_pdf(page, "a4", progress=lambda done, total: seen.append((done, total)))
    path = tmp_path / "parts.pdf"
    path.write_bytes(parts.data)
    pages = whole.sheet.pages
    assert pages > 3 and page_count(path) == pages
    assert seen == [(min(n + 2, pages), pages) for n in range(0, pages, 2)]
    whole_path = tmp_path / "whole.pdf"
    whole_path.write_bytes(whole.data)
    assert han(pdfium_text(path)) == han(pdfium_text(whole_path))
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts(path))
